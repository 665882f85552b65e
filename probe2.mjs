import { chromium } from '@playwright/test';
import fs from 'node:fs';
const keys = process.argv.slice(2);
const results = {};
for (let i = 0; i < keys.length; i += 4) {
  const batch = keys.slice(i, i + 4);
  const ext = fs.mkdtempSync('/tmp/probe/ext-');
  const commands = Object.fromEntries(batch.map((k, j) => [`c${j}`, { suggested_key: { default: k }, description: k }]));
  fs.writeFileSync(`${ext}/manifest.json`, JSON.stringify({ manifest_version: 3, name: 'p', version: '1', background: { service_worker: 'sw.js' }, commands }));
  fs.writeFileSync(`${ext}/sw.js`, '');
  fs.writeFileSync(`${ext}/p.html`, '<p>x</p>');
  const dir = fs.mkdtempSync('/tmp/probe/prof-');
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox','--disable-gpu','--disable-dev-shm-usage',`--disable-extensions-except=${ext}`,`--load-extension=${ext}`] });
  const sw = ctx.serviceWorkers()[0] ?? await ctx.waitForEvent('serviceworker');
  const all = await sw.evaluate(() => chrome.commands.getAll());
  for (const c of all) if (c.description) results[c.description] = c.shortcut || '(not set)';
  await ctx.close();
}
console.log(results);

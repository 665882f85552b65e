// Renders assets/icon.svg to the PNGs the manifest names (public/icon/<size>.png) in Debian's
// Chromium through Playwright: `npm run icons`. Run it after changing the SVG and commit the PNGs;
// the build only copies them. Never downloads a browser (CHROMIUM_PATH or /usr/bin/chromium).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

export const ICON_SIZES = [16, 32, 48, 128];

const root = path.resolve(import.meta.dirname, '..');
const svg = readFileSync(path.join(root, 'assets/icon.svg'));
const outDir = path.join(root, 'public/icon');
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (candidate) => candidate && existsSync(candidate),
);
if (!executablePath) throw new Error('No Chromium found: install Debian\'s chromium or set CHROMIUM_PATH.');

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  mkdirSync(outDir, { recursive: true });
  const source = `data:image/svg+xml;base64,${svg.toString('base64')}`;
  for (const size of ICON_SIZES) {
    // One CSS pixel per image pixel, and the SVG drawn at exactly the icon's size, so its own
    // media query sees the real size.
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(`<body style="margin:0"><img src="${source}" width="${size}" height="${size}" style="display:block"></body>`);
    await page.locator('img').evaluate((img) => img.decode());
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(path.join(outDir, `${size}.png`), png);
    await page.close();
    console.log(`public/icon/${size}.png`);
  }
} finally {
  await browser.close();
}

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { THESIS } from '../e2e/support/library';
import { CHAT, conversations } from './support/conversations';
import { expect, test } from './support/test';
import { byRole, clickRole, waitForStatus, waitUntil, waitVisible } from './support/ui';

/**
 * Firefox has no File System Access API, so it cannot keep the log in a folder: the options page
 * says so plainly and offers the one-click export instead.
 */

test('the options page says Firefox cannot keep the log in a folder, and exports it in one click', async ({ firefox, serve }) => {
  await serve({ conversations });
  const chat = await firefox.browser.newPage();
  await chat.goto(`https://chatgpt.com/c/${CHAT}`, { timeout: 15_000 });
  await clickRole(chat, 'button', 'Save anchor');
  await waitForStatus(chat, `Saved anchor [${THESIS.name}]`);

  const options = await firefox.openExtensionPage('options.html');
  const section = await waitVisible(options, byRole('region', 'Log file'), 'The Log file section');
  const text = await section.evaluate((element) => element.textContent ?? '');
  expect(text).toContain('This browser cannot keep the log in a folder: it has no File System Access API');
  expect(await options.$(byRole('button', 'Keep the log in a folder…'))).toBeNull();

  await clickRole(options, 'button', 'Export the log');
  const status = await waitForStatus(options, 'Saved 1 anchor to ');
  const name = /gpt-anchors-log-\d{4}-\d{2}-\d{2}\.md/.exec(status)?.[0];
  expect(name, `a log file name in "${status}"`).toBeTruthy();
  await waitUntil(
    async () => readdirSync(firefox.downloadsDir),
    (names) => names.includes(name!) && !names.some((n) => n.endsWith('.part')),
    `${name} in ${firefox.downloadsDir}`,
    15_000,
  );
  const log = readFileSync(path.join(firefox.downloadsDir, name!), 'utf8');
  expect(log.startsWith('# GPT Anchors Log\n')).toBe(true);
  expect(log).toContain(`Resume from anchor: **[${THESIS.name}]**`);
});

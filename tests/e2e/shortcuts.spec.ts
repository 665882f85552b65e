import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { anchorBar, expect, test } from './support/extension';
import { serveChatGPT } from './support/chatgpt-fixture';
import { EXTENSION_DIR } from './support/paths';

/*
 * The keyboard shortcuts the user actually gets. A suggested key in the manifest is only a wish:
 * Chromium leaves it unbound ("Not set" at chrome://extensions/shortcuts) when it is one of the
 * browser's own shortcuts. So the suggested keys must be ones Chromium binds, and every title and
 * hint shows the key in force as `commands.getAll()` reports it, never the manifest's wish.
 */

type Command = { name: string; shortcut: string };
type ManifestCommands = Record<string, { suggested_key?: { default?: string }; description?: string }>;

const manifestCommands = (): ManifestCommands =>
  (JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { commands?: ManifestCommands }).commands ?? {};

/** What the browser has bound, read from an extension page. */
async function boundKeys(page: Page): Promise<Record<string, string>> {
  const commands = await page.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: { commands: { getAll(): Promise<Command[]> } } }).chrome;
    return chrome.commands.getAll();
  });
  return Object.fromEntries(commands.map((command) => [command.name, command.shortcut]));
}

/** The title a button must carry for the key in force (lib/model/shortcuts.ts `shortcutTitle`). */
const titleFor = (label: string, key: string | undefined) =>
  `${label} (${key || "no shortcut set: add one at chrome://extensions/shortcuts"})`;

test('Chromium binds every key the manifest suggests', async ({ openPopup }) => {
  const commands = manifestCommands();
  const suggested = Object.entries(commands).filter(([, command]) => command.suggested_key?.default);
  expect(suggested.map(([name]) => name).sort()).toEqual(['resume-anchor', 'save-anchor']);
  const bound = await boundKeys(await openPopup());
  for (const [name, command] of suggested) {
    expect(bound[name], `${name}: suggested ${command.suggested_key!.default}`).toBe(command.suggested_key!.default);
  }
});

test('the bar’s titles name the keys in force', async ({ context, openPopup }) => {
  const bound = await boundKeys(await openPopup());
  await serveChatGPT(context);
  const page = await context.newPage();
  await page.goto('https://chatgpt.com/');
  const bar = anchorBar(page);
  await expect(bar.getByRole('button', { name: 'Save anchor', exact: true })).toHaveAttribute(
    'title',
    titleFor('Save anchor', bound['save-anchor']),
  );
  await expect(bar.getByRole('button', { name: 'Resume anchor' })).toHaveAttribute(
    'title',
    titleFor('Resume anchor', bound['resume-anchor']),
  );
});

test('the popup’s first steps and the options page show the keys in force', async ({ context, extensionId, openPopup }) => {
  const popup = await openPopup();
  const bound = await boundKeys(popup);
  const empty = popup.getByRole('main');
  await expect(empty.getByRole('heading', { name: 'No anchors yet' })).toBeVisible();
  await expect(empty).toContainText(`or ${bound['save-anchor']}`);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const keys = options.getByRole('region', { name: 'Keyboard shortcuts' });
  await expect(keys).toContainText(`Save anchor: ${bound['save-anchor']}`);
  await expect(keys).toContainText(`Resume anchor: ${bound['resume-anchor']}`);
  const [settings] = await Promise.all([
    context.waitForEvent('page'),
    keys.getByRole('button', { name: 'Change shortcuts' }).click(),
  ]);
  await expect(settings).toHaveURL('chrome://extensions/shortcuts');
});

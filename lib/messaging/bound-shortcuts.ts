import { browser } from 'wxt/browser';
import { shortcutsFrom, type Shortcuts } from '../model/shortcuts';

/**
 * The shortcuts as the browser has bound them, for extension pages (the popup, the options page):
 * they may call `commands.getAll()` themselves. ChatGPT's page asks the background instead.
 */
export async function readShortcuts(): Promise<Shortcuts> {
  return shortcutsFrom(await browser.commands.getAll());
}

type CommandsWithSettings = typeof browser.commands & { openShortcutSettings?: () => Promise<void> };

/** Opens where the browser lets the user change them: Firefox has an API for it, Chrome a page. */
export async function openShortcutSettings(): Promise<void> {
  const commands = browser.commands as CommandsWithSettings;
  if (typeof commands.openShortcutSettings === 'function') await commands.openShortcutSettings();
  else await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

import { browser, type Browser } from 'wxt/browser';
import { CHATGPT_MATCHES, NEW_CHAT_URL, isChatGptUrl } from '../chatgpt/hosts';
import { sendToTab } from '../messaging/protocol';
import { COMMAND_NAMES } from '../model/shortcuts';

const COMMANDS: Record<string, 'save' | 'resume'> = {
  [COMMAND_NAMES.save]: 'save',
  [COMMAND_NAMES.resume]: 'resume',
};

export const SAVE_SELECTION_MENU_ID = 'save-selection-as-anchor';

async function activeTab() {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/** The save and resume shortcuts: the same as the page's buttons, in the active ChatGPT tab. */
export async function runKeyboardCommand(name: string): Promise<void> {
  const command = COMMANDS[name];
  if (!command) return;
  const tab = await activeTab();
  if (tab?.id !== undefined && isChatGptUrl(tab.url)) {
    await sendToTab(tab.id, 'runCommand', { command });
  } else if (command === 'resume') {
    // Not on ChatGPT: open it; the picker is one more press away there.
    await browser.tabs.create({ url: NEW_CHAT_URL });
  }
}

export function createContextMenu(): void {
  browser.contextMenus.create({
    id: SAVE_SELECTION_MENU_ID,
    title: 'Save selection as anchor',
    contexts: ['selection'],
    documentUrlPatterns: CHATGPT_MATCHES,
  });
}

export async function onContextMenuClick(
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
): Promise<void> {
  if (info.menuItemId !== SAVE_SELECTION_MENU_ID || tab?.id === undefined) return;
  // The page reads its own selection (the browser's copy has lost its line breaks) and saves it.
  await sendToTab(tab.id, 'runCommand', { command: 'saveSelection', selectionText: info.selectionText ?? '' });
}

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  SAVE_SELECTION_MENU_ID,
  createContextMenu,
  onContextMenuClick,
  runKeyboardCommand,
} from '../../lib/background/commands';

const ok = { ok: true, value: null };

function activeTab(url: string): void {
  vi.spyOn(browser.tabs, 'query').mockResolvedValue([{ id: 42, url } as Browser.tabs.Tab] as never);
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('keyboard commands', () => {
  it.each([
    ['save-anchor', 'save'],
    ['resume-anchor', 'resume'],
  ])('%s asks the active ChatGPT tab to %s', async (name, command) => {
    activeTab('https://chatgpt.com/c/abc');
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue(ok as never);
    await runKeyboardCommand(name);
    expect(send).toHaveBeenCalledWith(42, { type: 'runCommand', payload: { command } });
  });

  it('works on chat.openai.com too', async () => {
    activeTab('https://chat.openai.com/');
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue(ok as never);
    await runKeyboardCommand('save-anchor');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('does not message a tab that is not ChatGPT; resume opens ChatGPT instead', async () => {
    activeTab('https://example.com/');
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue(ok as never);
    const create = vi.spyOn(browser.tabs, 'create').mockResolvedValue({ id: 1 } as Browser.tabs.Tab as never);
    await runKeyboardCommand('save-anchor');
    await runKeyboardCommand('resume-anchor');
    expect(send).not.toHaveBeenCalled();
    expect(create).toHaveBeenCalledWith({ url: 'https://chatgpt.com/' });
  });
});

describe('the context menu', () => {
  it('is offered for selections on the two ChatGPT hosts only', () => {
    const create = vi.spyOn(browser.contextMenus, 'create').mockReturnValue(SAVE_SELECTION_MENU_ID);
    createContextMenu();
    expect(create).toHaveBeenCalledWith({
      id: SAVE_SELECTION_MENU_ID,
      title: 'Save selection as anchor',
      contexts: ['selection'],
      documentUrlPatterns: ['https://chatgpt.com/*', 'https://chat.openai.com/*'],
    });
  });

  it('asks the tab to save its selection, passing the browser’s copy along', async () => {
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue(ok as never);
    await onContextMenuClick(
      { menuItemId: SAVE_SELECTION_MENU_ID, selectionText: 'Resume from anchor: [X]', editable: false } as Browser.contextMenus.OnClickData,
      { id: 9 } as Browser.tabs.Tab,
    );
    expect(send).toHaveBeenCalledWith(9, {
      type: 'runCommand',
      payload: { command: 'saveSelection', selectionText: 'Resume from anchor: [X]' },
    });
  });

  it('ignores other menu items', async () => {
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue(ok as never);
    await onContextMenuClick({ menuItemId: 'other', editable: false } as Browser.contextMenus.OnClickData, { id: 9 } as Browser.tabs.Tab);
    expect(send).not.toHaveBeenCalled();
  });
});

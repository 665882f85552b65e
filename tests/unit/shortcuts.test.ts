import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerBackgroundMessages } from '../../lib/background/handlers';
import { closeAnchorsDb } from '../../lib/storage/db';
import { COMMAND_NAMES, SUGGESTED_KEYS, shortcutTitle, shortcutsFrom } from '../../lib/model/shortcuts';

describe('shortcutsFrom', () => {
  it('takes our two commands’ keys out of commands.getAll(), and nothing else', () => {
    const all = [
      { name: '_execute_action', shortcut: 'Ctrl+Shift+Y', description: '' },
      { name: 'save-anchor', shortcut: 'Alt+Shift+S', description: 'Save anchor from the current ChatGPT chat' },
      { name: 'resume-anchor', shortcut: '', description: 'Resume an anchor in ChatGPT' },
    ];
    expect(shortcutsFrom(all)).toEqual({ save: 'Alt+Shift+S', resume: '' });
  });

  it('says unset for a command the browser did not list or gave no shortcut', () => {
    expect(shortcutsFrom([])).toEqual({ save: '', resume: '' });
    expect(shortcutsFrom([{ name: 'resume-anchor' }])).toEqual({ save: '', resume: '' });
  });

  it('names the manifest’s commands and suggests a key for each', () => {
    expect(COMMAND_NAMES).toEqual({ save: 'save-anchor', resume: 'resume-anchor' });
    expect(SUGGESTED_KEYS).toEqual({ save: 'Alt+Shift+S', resume: 'Alt+Shift+O' });
  });
});

describe('shortcutTitle', () => {
  it.each([
    ['not known yet', undefined, 'Resume anchor'],
    ['bound', 'Alt+Shift+O', 'Resume anchor (Alt+Shift+O)'],
    ['bound by the user to another key', 'Ctrl+Shift+9', 'Resume anchor (Ctrl+Shift+9)'],
    ['unset', '', 'Resume anchor (no shortcut set: add one at chrome://extensions/shortcuts)'],
  ])('%s', (_what, key, title) => {
    expect(shortcutTitle('Resume anchor', key)).toBe(title);
  });
});

describe('the background’s getShortcuts', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    await closeAnchorsDb();
    globalThis.indexedDB = new IDBFactory();
  });

  it('answers ChatGPT’s page with the two keys only', async () => {
    vi.spyOn(browser.commands, 'getAll').mockResolvedValue([
      { name: '_execute_action', shortcut: 'Ctrl+Shift+Y', description: '' },
      { name: 'save-anchor', shortcut: 'Alt+Shift+S', description: 'Save anchor from the current ChatGPT chat' },
      { name: 'resume-anchor', shortcut: '', description: 'Resume an anchor in ChatGPT' },
    ] as never);
    answerBackgroundMessages();
    // As a tab's message arrives: the listener answers through sendResponse.
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
    // The background checks who asks: our content script in the top frame of a ChatGPT tab.
    const tabSender = { id: browser.runtime.id, url: 'https://chatgpt.com/c/1', tab: { id: 7 }, frameId: 0 };
    const answer = await new Promise((resolve) => void trigger({ type: 'getShortcuts', payload: {} }, tabSender, resolve));
    expect(answer).toEqual({ ok: true, value: { save: 'Alt+Shift+S', resume: '' } });
  });
});

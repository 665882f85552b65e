import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { answerBackgroundMessages } from '../lib/background/handlers';
import { watchForPickers } from '../lib/background/picker-watch';
import { createContextMenu, onContextMenuClick, runKeyboardCommand } from '../lib/background/commands';
import { keepLogFileCurrent } from '../lib/log-file/keeper';

export default defineBackground(() => {
  answerBackgroundMessages();
  keepLogFileCurrent();
  watchForPickers();
  // Chrome keeps context-menu items across restarts, so it gets its item once, on install. Firefox
  // never keeps those of a persistent (MV2) background page, which starts again without
  // onInstalled: there the item is made on every start.
  if (import.meta.env.FIREFOX) createContextMenu();
  else browser.runtime.onInstalled.addListener(() => createContextMenu());
  browser.commands.onCommand.addListener((name) => {
    runKeyboardCommand(name).catch((error: unknown) => console.warn('GPT Anchors: command failed', error));
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    onContextMenuClick(info, tab).catch((error: unknown) => console.warn('GPT Anchors: menu failed', error));
  });
});

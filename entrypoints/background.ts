import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { answerBackgroundMessages } from '../lib/background/handlers';
import { watchForPickers } from '../lib/background/picker-watch';
import { createContextMenu, onContextMenuClick, runKeyboardCommand } from '../lib/background/commands';

export default defineBackground(() => {
  answerBackgroundMessages();
  watchForPickers();
  browser.runtime.onInstalled.addListener(() => createContextMenu());
  browser.commands.onCommand.addListener((name) => {
    runKeyboardCommand(name).catch((error: unknown) => console.warn('GPT Anchors: command failed', error));
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    onContextMenuClick(info, tab).catch((error: unknown) => console.warn('GPT Anchors: menu failed', error));
  });
});

import { browser, type Browser } from 'wxt/browser';
import { formatBackup } from '../backup';
import { fillTemplate, formatLog, formatResumeText } from '../format';
import {
  addAnchors,
  getAnchor,
  getSettings,
  listAllAnchors,
  listAnchors,
  listNewest,
  setPendingResume,
  takePendingResume,
  updateAnchor,
} from '../db';
import { planImport } from '../import-plan';
import { checkLogFile, resolveLogFileChange, scheduleLogWrite } from '../log-file/keeper';
import { backgroundChecks, type BackgroundResponses, type CheckedBackgroundPayloads, type ResumeOrder } from '../messages';
import { answerMessages, sendToTab, type Handlers } from '../protocol';
import { shortcutsFrom } from '../shortcuts';
import { NEW_CHAT_URL } from '../chatgpt/hosts';
import { downloadText, localDateStamp } from './download';
import { measureChat } from './chat-meter';
import { suggestAnchorName } from '../names';
import { checkReply, deleteUnmaskedFromPage, maskFromPage, renameFromPage, saveTextFromPage, undoFromPage } from './page-actions';
import { claimPickerSession, endPickerSession, openPickerSession, pickerLibraryPage, requirePickerSession } from './picker-sessions';
import { refusal, thisExtension } from './senders';

type BackgroundHandlers = Handlers<CheckedBackgroundPayloads, BackgroundResponses>;

/** The picker's first screen, and then anchors per pickerLibrary page: a few MB, far under a browser message's 64 MB. */
const PICKER_FIRST_SCREEN = 200;
const PICKER_PAGE = 5_000;

async function requireAnchor(id: string) {
  const anchor = await getAnchor(id);
  if (!anchor || anchor.deletedAt) throw new Error('That anchor is no longer in the library.');
  return anchor;
}

/** The tab of a sender the sender check already knows is a ChatGPT tab (or a frame in one). */
function tabOf(sender: Browser.runtime.MessageSender): number {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new Error('This request needs a ChatGPT tab.');
  return tabId;
}

async function prepareResume(id: string): Promise<ResumeOrder> {
  const anchor = await requireAnchor(id);
  const settings = await getSettings();
  return { text: formatResumeText(anchor), autoSend: settings.autoSend, anchorId: id, name: anchor.name };
}

const handlers: BackgroundHandlers = {
  saveText: (request, sender) => saveTextFromPage(request, tabOf(sender)),
  checkReply: ({ text, source }) => checkReply(text, source),
  async anchorRequest({ chatTitle }) {
    const { template, replyTimeoutSeconds } = await getSettings();
    return { text: fillTemplate(template, suggestAnchorName(chatTitle)), replyTimeoutMs: replyTimeoutSeconds * 1000 };
  },
  undoSave: ({ receipt }, sender) => undoFromPage(receipt, tabOf(sender)),
  renameAnchor: ({ receipt, name }, sender) => renameFromPage(receipt, name, tabOf(sender)),
  maskSecrets: ({ receipt }, sender) => maskFromPage(receipt, tabOf(sender)),
  deleteUnmasked: ({ receipt }, sender) => deleteUnmaskedFromPage(receipt, tabOf(sender)),

  getShortcuts: async () => shortcutsFrom(await browser.commands.getAll()),

  async recordResume({ id }) {
    await updateAnchor(id, (anchor) => ({
      ...anchor,
      lastResumedAt: new Date().toISOString(),
      resumeCount: anchor.resumeCount + 1,
    }));
    return null;
  },

  async resumeInNewTab({ id }) {
    await requireAnchor(id);
    // The tab starts blank so the pending resume is stored before ChatGPT's page can ask for it.
    const tab = await browser.tabs.create({ url: 'about:blank', active: true });
    if (tab.id === undefined) throw new Error('The browser did not open a tab.');
    await setPendingResume(tab.id, id);
    await browser.tabs.update(tab.id, { url: NEW_CHAT_URL });
    return { tabId: tab.id };
  },

  async resumeAfterReload({ id }, sender) {
    const tabId = sender.tab?.id;
    if (tabId === undefined) throw new Error('Only a ChatGPT tab can ask to resume after it reloads.');
    await requireAnchor(id);
    await setPendingResume(tabId, id);
    return null;
  },

  async openPageCheck() {
    await browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}#page-check`, active: true });
    return null;
  },

  measureChat: (request, sender) => measureChat(request, tabOf(sender)),

  async claimPendingResume(_request, sender) {
    const anchorId = await takePendingResume(tabOf(sender));
    return anchorId ? prepareResume(anchorId) : null;
  },

  async openPicker(_request, sender) {
    return { token: openPickerSession(tabOf(sender)) };
  },

  async pickerClaim({ token }, sender) {
    claimPickerSession(sender.tab?.id, sender.frameId, token);
    return null;
  },

  async pickerLibrary(request, sender) {
    const tabId = requirePickerSession(sender.tab?.id, sender.frameId);
    const newest = async () => (await listNewest(PICKER_FIRST_SCREEN)).filter((anchor) => !anchor.deletedAt);
    return pickerLibraryPage(tabId, request, { all: listAnchors, newest }, PICKER_PAGE);
  },

  /** The one anchor the user picked goes to the tab's content script, and nothing else does. */
  async pickerResume({ id }, sender) {
    const tabId = requirePickerSession(sender.tab?.id, sender.frameId);
    const order = await prepareResume(id);
    endPickerSession(tabId);
    await sendToTab(tabId, 'resumeOrder', order, 0);
    return null;
  },

  /** Closing reveals nothing, so any picker frame in the tab may ask (a frame whose session expired too). */
  async pickerClose(_request, sender) {
    const tabId = tabOf(sender);
    if (sender.frameId !== undefined && sender.frameId !== 0) endPickerSession(tabId);
    await sendToTab(tabId, 'closePicker', {}, 0);
    return null;
  },

  async exportLog({ format }) {
    const [settings, all] = await Promise.all([getSettings(), listAllAnchors()]);
    const stamp = localDateStamp(new Date());
    if (format === 'json') {
      const filename = `gpt-anchors-backup-${stamp}.json`;
      await downloadText(filename, formatBackup(all, new Date().toISOString()), 'application/json');
      return { filename, count: all.length };
    }
    const text = formatLog(all, {
      template: settings.template,
      dateFormat: settings.dateFormat,
      allVersions: settings.exportAllVersions,
    });
    const filename = `gpt-anchors-log-${stamp}.md`;
    await downloadText(filename, text, 'text/markdown');
    const live = all.filter((a) => !a.deletedAt);
    const count = settings.exportAllVersions ? live.length : new Set(live.map((a) => a.name)).size;
    return { filename, count };
  },

  async importLog({ fileName, text }) {
    const plan = planImport({
      fileName,
      text,
      existing: await listAllAnchors(),
      now: new Date().toISOString(),
      newId: () => crypto.randomUUID(),
    });
    if (!plan.ok) throw new Error(plan.error);
    await addAnchors(plan.toAdd);
    return { added: plan.toAdd.length, duplicates: plan.duplicates, warnings: plan.warnings, kind: plan.kind };
  },

  async scheduleLogWrite() {
    scheduleLogWrite();
    return null;
  },

  checkLogFile: () => checkLogFile(),

  resolveLogFileChange: ({ choice }) => resolveLogFileChange(choice),
};

export function answerBackgroundMessages(): () => void {
  return answerMessages(backgroundChecks, handlers, (type, sender) => refusal(type, sender, thisExtension()));
}

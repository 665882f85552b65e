import { browser, type Browser } from 'wxt/browser';
import { formatBackup } from '../log/backup';
import { fillTemplate, formatLog, formatResumeText } from '../log/format';
import {
  addAnchors,
  getAnchor,
  getSettings,
  listAllAnchors,
  listAnchors,
  listNewest,
  listResumes,
  setPendingResume,
  takePendingResume,
} from '../storage/db';
import { planImport } from '../log/import-plan';
import { checkLogFile, resolveLogFileChange, scheduleLogWrite } from '../log-file/keeper';
import { backgroundChecks, type BackgroundResponses, type CheckedBackgroundPayloads, type ResumeOrder } from '../messaging/messages';
import { answerMessages, sendToTab, type Handlers } from '../messaging/protocol';
import { withHandshake } from '../log/rolling';
import { shortcutsFrom } from '../model/shortcuts';
import { NEW_CHAT_URL } from '../chatgpt/hosts';
import { downloadText, localDateStamp } from './download';
import { measureChat } from './chat-meter';
import { suggestAnchorName } from '../model/names';
import { anchorRequest, chatStarted, checkHandshake, handshakeAsked, recordTabResume, rollingSaveName } from './lineage';
import { checkReply, deleteUnmaskedFromPage, maskFromPage, renameFromPage, saveTextFromPage, undoFromPage } from './page-actions';
import { claimPickerSession, endPickerSession, openPickerSession, pickerLibraryPage, requirePickerSession } from './picker-sessions';
import { refusal, thisExtension } from './senders';

type BackgroundHandlers = Handlers<CheckedBackgroundPayloads, BackgroundResponses>;

/**
 * Resumes whose ChatGPT tab is being opened. The tab opens straight at a new chat, in one
 * navigation (it used to open blank and be sent on: in the end-to-end tests Chromium now and then
 * crashed that blank page's renderer as the second navigation began), so the page may ask for its
 * resume before the order is stored. A claim therefore waits for every tab still being opened; this
 * worker is the one opening them, so it is awake to answer.
 */
const openingResumeTabs = new Set<Promise<unknown>>();

async function whileOpeningResumeTab<T>(open: () => Promise<T>): Promise<T> {
  const opening = open();
  openingResumeTabs.add(opening);
  try {
    return await opening;
  } finally {
    openingResumeTabs.delete(opening);
  }
}

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

/** The resume text (asking ChatGPT to restate the next action when the handshake is on). */
async function prepareResume(id: string): Promise<ResumeOrder> {
  const anchor = await requireAnchor(id);
  const settings = await getSettings();
  const text = handshakeAsked(anchor, settings) ? withHandshake(formatResumeText(anchor)) : formatResumeText(anchor);
  return { text, autoSend: settings.autoSend, anchorId: id, name: anchor.name };
}

const handlers: BackgroundHandlers = {
  async saveText(request, sender) {
    // The reply to a rolling request is the next version of the anchor it updates (lineage.ts).
    const rollingName = await rollingSaveName(request.origin, sender);
    return saveTextFromPage(request, tabOf(sender), { rollingName });
  },
  checkReply: ({ text, source }) => checkReply(text, source),
  async anchorRequest({ chatTitle }, sender) {
    const settings = await getSettings();
    const request = await anchorRequest(suggestAnchorName(chatTitle), sender, settings);
    return { ...request, replyTimeoutMs: settings.replyTimeoutSeconds * 1000 };
  },
  undoSave: ({ receipt }, sender) => undoFromPage(receipt, tabOf(sender)),
  renameAnchor: ({ receipt, name }, sender) => renameFromPage(receipt, name, tabOf(sender)),
  maskSecrets: ({ receipt }, sender) => maskFromPage(receipt, tabOf(sender)),
  deleteUnmasked: ({ receipt }, sender) => deleteUnmaskedFromPage(receipt, tabOf(sender)),

  getShortcuts: async () => shortcutsFrom(await browser.commands.getAll()),

  async recordResume({ id }, sender) {
    await recordTabResume(await requireAnchor(id), sender, await getSettings());
    return null;
  },

  chatStarted: ({ conversationId }, sender) => chatStarted(conversationId, sender),

  checkHandshake: ({ reply }, sender) => checkHandshake(reply, sender),

  async resumeInNewTab({ id }) {
    await requireAnchor(id);
    return whileOpeningResumeTab(async () => {
      const tab = await browser.tabs.create({ url: NEW_CHAT_URL, active: true });
      if (tab.id === undefined) throw new Error('The browser did not open a tab.');
      await setPendingResume(tab.id, id);
      return { tabId: tab.id };
    });
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
    await Promise.allSettled(openingResumeTabs);
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
      await downloadText(filename, formatBackup(all, new Date().toISOString(), await listResumes()), 'application/json');
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
    const [existing, existingResumes] = await Promise.all([listAllAnchors(), listResumes()]);
    const plan = planImport({ fileName, text, existing, existingResumes, now: new Date().toISOString(), newId: () => crypto.randomUUID() });
    if (!plan.ok) throw new Error(plan.error);
    await addAnchors(plan.toAdd, plan.resumesToAdd);
    const report = { added: plan.toAdd.length, duplicates: plan.duplicates, warnings: plan.warnings, kind: plan.kind };
    return plan.resumesToAdd.length > 0 ? { ...report, resumes: plan.resumesToAdd.length } : report;
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

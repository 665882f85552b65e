import { browser, type Browser } from 'wxt/browser';
import { formatBackup } from '../backup';
import { formatLog, formatResumeText } from '../format';
import {
  addAnchors,
  getAnchor,
  getSettings,
  listAllAnchors,
  listAnchors,
  purgeAnchors,
  setPendingResume,
  takePendingResume,
  updateAnchor,
} from '../db';
import { planImport } from '../import-plan';
import { saveAnchorVersion } from '../library';
import { backgroundChecks, type AnchorSummary, type BackgroundResponses, type CheckedBackgroundPayloads } from '../messages';
import { answerMessages, type Handlers } from '../protocol';
import { groupByName, searchGroups } from '../search';
import { maskSecretsInDraft } from '../secrets';
import { NEW_CHAT_URL } from '../chatgpt/hosts';
import { downloadText, localDateStamp } from './download';

type BackgroundHandlers = Handlers<CheckedBackgroundPayloads, BackgroundResponses>;

async function requireAnchor(id: string) {
  const anchor = await getAnchor(id);
  if (!anchor || anchor.deletedAt) throw new Error('That anchor is no longer in the library.');
  return anchor;
}

const handlers: BackgroundHandlers = {
  saveAnchor: (request) => saveAnchorVersion(request),

  async undoSave({ id }) {
    await purgeAnchors([id]);
    return null;
  },

  renameAnchor: ({ id, name }) => updateAnchor(id, (anchor) => ({ ...anchor, name })),

  maskSecrets: ({ id }) => updateAnchor(id, (anchor) => maskSecretsInDraft(anchor)),

  async searchAnchors({ query, limit }) {
    const matching = searchGroups(groupByName(await listAnchors()), query);
    const anchors = matching.slice(0, limit).map((versions): AnchorSummary => {
      const latest = versions[0]!;
      return {
        id: latest.id,
        name: latest.name,
        nextAction: latest.nextAction,
        createdAt: latest.createdAt,
        timeKnown: latest.timeKnown,
        lastResumedAt: latest.lastResumedAt,
        resumeCount: latest.resumeCount,
        versions: versions.length,
      };
    });
    return { anchors, total: matching.length };
  },

  getSettings: () => getSettings(),

  async prepareResume({ id }) {
    const anchor = await requireAnchor(id);
    const settings = await getSettings();
    return { text: formatResumeText(anchor), autoSend: settings.autoSend, anchorId: id, name: anchor.name };
  },

  recordResume: ({ id }) =>
    updateAnchor(id, (anchor) => ({
      ...anchor,
      lastResumedAt: new Date().toISOString(),
      resumeCount: anchor.resumeCount + 1,
    })),

  async resumeInNewTab({ id }) {
    await requireAnchor(id);
    // The tab starts blank so the pending resume is stored before ChatGPT's page can ask for it.
    const tab = await browser.tabs.create({ url: 'about:blank', active: true });
    if (tab.id === undefined) throw new Error('The browser did not open a tab.');
    await setPendingResume(tab.id, id);
    await browser.tabs.update(tab.id, { url: NEW_CHAT_URL });
    return { tabId: tab.id };
  },

  async claimPendingResume(_request, sender) {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return null;
    const anchorId = await takePendingResume(tabId);
    return anchorId ? handlers.prepareResume({ id: anchorId }, sender) : null;
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
};

export function answerBackgroundMessages(): () => void {
  return answerMessages(backgroundChecks, handlers);
}

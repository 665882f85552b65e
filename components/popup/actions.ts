import { browser } from 'wxt/browser';
import { sameDraft, type Anchor, type AnchorDraft } from '../../lib/anchor';
import { LONG_RESUME_CHARS } from '../../lib/content/resume';
import { addAnchor, getSettings, listAllAnchors, purgeAnchors, restoreAnchors, trashAnchors } from '../../lib/db';
import { formatLogEntry, formatResumeText } from '../../lib/format';
import { wakeBackgroundOnWrites } from '../../lib/log-file/wake-background';
import { sendToBackground } from '../../lib/protocol';

/**
 * The popup's heavy half, loaded lazily (see lazy.ts): writes go through lib/db.ts, which
 * validates with zod and tells every open page that the library changed.
 */

// Every write of the popup goes through this chunk: each one also reaches the background (asleep
// or not), which rewrites the log file.
wakeBackgroundOnWrites();

export { EditForm } from './EditForm';
export { listAllAnchors, purgeAnchors, restoreAnchors, trashAnchors, LONG_RESUME_CHARS };

export async function copyAsMarkdown(anchor: Anchor): Promise<void> {
  const { dateFormat } = await getSettings();
  await navigator.clipboard.writeText(formatLogEntry(anchor, { dateFormat }));
}

export async function copyResumeText(anchor: Anchor): Promise<void> {
  await navigator.clipboard.writeText(formatResumeText(anchor));
}

export function resumeTextLength(anchor: Anchor): number {
  return formatResumeText(anchor).length;
}

export function resumeInNewTab(id: string) {
  return sendToBackground('resumeInNewTab', { id });
}

export function exportLog(format: 'markdown' | 'json') {
  return sendToBackground('exportLog', { format });
}

export function importLog(fileName: string, text: string) {
  return sendToBackground('importLog', { fileName, text });
}

export function openSettings(): Promise<void> {
  return browser.runtime.openOptionsPage();
}

/**
 * An edit never overwrites history: it is stored as a new version (new id and time, origin
 * 'manual', the same source). Returns null when nothing changed.
 */
export async function saveEditedVersion(original: Anchor, draft: AnchorDraft): Promise<Anchor | null> {
  if (sameDraft(original, draft)) return null;
  return addAnchor({
    ...draft,
    id: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
    timeKnown: true,
    source: original.source,
    origin: 'manual',
    resumeCount: 0,
  });
}

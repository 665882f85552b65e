import {
  getAnchor,
  getSettings,
  listAllAnchors,
  listProjectSummaries,
  listResumes,
  rebuildProjectSummaries,
  setTags,
} from '../../lib/storage/db';
import { formatResumeText } from '../../lib/log/format';
import { LONG_RESUME_CHARS } from '../../lib/content/resume';
import { wakeBackgroundOnWrites } from '../../lib/log-file/wake-background';
import { sendToBackground } from '../../lib/messaging/protocol';

/**
 * The library page's heavy half (zod, idb, the message protocol), loaded after the board has
 * painted (see lazy.ts): the fallbacks when the database must first be created or upgraded, and
 * every write.
 */

// Every write of an extension page reaches the background, which keeps the log file current.
wakeBackgroundOnWrites();

export { getSettings, listAllAnchors, listProjectSummaries, listResumes, rebuildProjectSummaries, setTags, LONG_RESUME_CHARS };

/** The length of an anchor's resume text (a long one asks before it goes into a chat). */
export async function resumeTextLength(id: string): Promise<{ name: string; length: number }> {
  const anchor = await getAnchor(id);
  if (!anchor || anchor.deletedAt) throw new Error('That anchor is no longer in the library.');
  return { name: anchor.name, length: formatResumeText(anchor).length };
}

export function resumeInNewTab(id: string) {
  return sendToBackground('resumeInNewTab', { id });
}

import { relativeTime } from '../model/time';
import { LOG_FILE_NAME } from './file-name';
import type { FileOffer, LogFileView, LogProblem } from './records';

/** What the popup and the options page say about the log file. Pure. */

/** "12 s ago" for the first minute (a write is that recent), then as elsewhere: "5 min ago". */
export function writtenAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  return relativeTime(iso, now);
}

/** "Log kept in Anchors/ · written 12 s ago". */
export function statusLine(view: LogFileView, now = Date.now()): string {
  const written = view.writtenAt ? `written ${writtenAgo(view.writtenAt, now)}` : 'not written yet';
  return `Log kept in ${view.folder}/ · ${written}`;
}

export type ProblemAction = 'allow' | 'retry' | 'choose-folder' | 'offer';

/** The problem in a sentence that says what to do, and the one action that does it. */
export function problemText(problem: LogProblem, folder: string): { text: string; action: ProblemAction } {
  const safe = 'Your library is safe.';
  switch (problem.kind) {
    case 'permission':
      return {
        text: `The browser wants your permission again before GPT Anchors writes to ${folder}/ (it asks after a restart). ${safe}`,
        action: 'allow',
      };
    case 'folder-gone':
      return {
        text: `The folder ${folder}/ is gone (moved, renamed or deleted). ${safe} Choose the folder again in Settings to keep the log there.`,
        action: 'choose-folder',
      };
    case 'disk-full':
      return { text: `The disk is full: the log file in ${folder}/ was not written. ${safe} Free some space, then try again.`, action: 'retry' };
    case 'failed':
      return {
        text: `The log file in ${folder}/ could not be written${problem.detail ? ` (${problem.detail})` : ''}. ${safe} Try again; if it keeps failing, choose the folder again in Settings.`,
        action: 'retry',
      };
    case 'changed-elsewhere':
      return { text: problem.offer ? offerText(problem.offer) : 'Your log file was changed elsewhere.', action: 'offer' };
  }
}

/** "3 new, 1 changed in your log file." */
export function offerText(offer: FileOffer): string {
  const where =
    offer.files.length !== 1 ? 'your log files' : offer.files[0]!.name === LOG_FILE_NAME ? 'your log file' : offer.files[0]!.name;
  if (offer.error) {
    return `${capitalize(where)} changed elsewhere and cannot be imported: ${offer.error} Fix it there, or keep the library's (the file is rewritten from it).`;
  }
  const parts = [offer.added > 0 ? `${offer.added} new` : '', offer.changed > 0 ? `${offer.changed} changed` : ''].filter(Boolean);
  if (parts.length === 0) {
    return `${capitalize(where)} changed elsewhere, with nothing new for the library (entries deleted there stay in the library; delete them here).`;
  }
  return `${parts.join(', ')} in ${where}.`;
}

/** After "Import": what came in (and whether the file could be rewritten; if not, the problem says why). */
export function importedText({ added, changed }: { added: number; changed: number }, rewritten: boolean): string {
  const after = rewritten ? '; the file was rewritten.' : '.';
  if (added + changed === 0) return rewritten ? 'Nothing new to import; the file was rewritten from the library.' : 'Nothing new to import.';
  const parts = [added > 0 ? `${added} new` : '', changed > 0 ? `${changed} changed` : ''].filter(Boolean).join(' and ');
  const trash = changed > 0 ? ` (the previous ${changed === 1 ? 'text is' : 'texts are'} in the trash)` : '';
  return `Imported ${parts} from your log file${trash}${after}`;
}

/** Whether the offer has anything to import (else only keeping the library's is offered). */
export function canImport(offer: FileOffer | undefined): boolean {
  return Boolean(offer && !offer.error && offer.added + offer.changed > 0);
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

import { describe, expect, it } from 'vitest';
import { canImport, importedText, offerText, problemText, statusLine, writtenAgo } from '../../lib/log-file/status-text';
import type { FileOffer, LogProblem } from '../../lib/log-file/records';

const NOW = Date.parse('2026-03-14T12:00:00.000Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();
const file = (name = 'GPT Anchors Log.md') => ({ name, hash: 'h' });

describe('the status line', () => {
  it.each([
    [0.2, 'just now'],
    [12, '12 s ago'],
    [59, '59 s ago'],
    [5 * 60, '5 min ago'],
    [3 * 3600, '3 h ago'],
  ])('%s s → written %s', (seconds, text) => {
    expect(writtenAgo(ago(seconds), NOW)).toBe(text);
  });

  it('says where the log is kept and when it was written', () => {
    expect(statusLine({ folder: 'Anchors', perProject: false, files: [], writtenAt: ago(12) }, NOW)).toBe('Log kept in Anchors/ · written 12 s ago');
    expect(statusLine({ folder: 'Anchors', perProject: false, files: [] }, NOW)).toBe('Log kept in Anchors/ · not written yet');
  });
});

describe('the change summary', () => {
  const offer = (o: Partial<FileOffer>): FileOffer => ({ files: [file()], added: 0, changed: 0, ...o });

  it.each<[Partial<FileOffer>, string]>([
    [{ added: 3, changed: 1 }, '3 new, 1 changed in your log file.'],
    [{ added: 1 }, '1 new in your log file.'],
    [{ changed: 2 }, '2 changed in your log file.'],
    [{ added: 2, files: [file('Capstone.md')] }, '2 new in Capstone.md.'],
    [{ added: 2, files: [file(), file('Capstone.md')] }, '2 new in your log files.'],
    [{}, 'Your log file changed elsewhere, with nothing new for the library (entries deleted there stay in the library; delete them here).'],
    [
      { error: 'No anchors found in “GPT Anchors Log.md”.' },
      "Your log file changed elsewhere and cannot be imported: No anchors found in “GPT Anchors Log.md”. Fix it there, or keep the library's (the file is rewritten from it).",
    ],
  ])('%j → %s', (fields, text) => {
    expect(offerText(offer(fields))).toBe(text);
  });

  it('offers Import only when there is something to import and the files could be read', () => {
    expect(canImport(offer({ added: 1 }))).toBe(true);
    expect(canImport(offer({ changed: 1 }))).toBe(true);
    expect(canImport(offer({}))).toBe(false);
    expect(canImport(offer({ added: 1, error: 'broken' }))).toBe(false);
    expect(canImport(undefined)).toBe(false);
  });

  it('says what came in, and that the file was rewritten only when it was', () => {
    expect(importedText({ added: 3, changed: 1 }, true)).toBe(
      'Imported 3 new and 1 changed from your log file (the previous text is in the trash); the file was rewritten.',
    );
    expect(importedText({ added: 2, changed: 0 }, true)).toBe('Imported 2 new from your log file; the file was rewritten.');
    expect(importedText({ added: 0, changed: 2 }, true)).toBe(
      'Imported 2 changed from your log file (the previous texts are in the trash); the file was rewritten.',
    );
    expect(importedText({ added: 2, changed: 0 }, false)).toBe('Imported 2 new from your log file.');
    expect(importedText({ added: 0, changed: 0 }, false)).toBe('Nothing new to import.');
  });
});

describe('problems say what to do, with one action', () => {
  const at = ago(1);
  it.each<[LogProblem, RegExp, string]>([
    [{ kind: 'permission', at }, /wants your permission again before GPT Anchors writes to Anchors\/.*Your library is safe\./, 'allow'],
    [{ kind: 'folder-gone', at }, /^The folder Anchors\/ is gone .*Choose the folder again in Settings/, 'choose-folder'],
    [{ kind: 'disk-full', at }, /^The disk is full: .*Free some space, then try again\.$/, 'retry'],
    [{ kind: 'failed', at, detail: 'The file is locked.' }, /could not be written \(The file is locked\.\)\. Your library is safe\. Try again/, 'retry'],
    [{ kind: 'changed-elsewhere', at, offer: { files: [file()], added: 1, changed: 0 } }, /^1 new in your log file\.$/, 'offer'],
  ])('%j', (problem, text, action) => {
    const said = problemText(problem, 'Anchors');
    expect(said.text).toMatch(text);
    expect(said.action).toBe(action);
  });
});

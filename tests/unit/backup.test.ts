import { describe, expect, it } from 'vitest';
import type { Anchor } from '../../lib/model/anchor';
import { BACKUP_FORMAT, BACKUP_VERSION, formatBackup, parseBackup } from '../../lib/log/backup';

const live: Anchor = {
  id: 'a1',
  name: 'Thesis_Ch3_Methods',
  context: 'Survey done.\nκ = 0.81',
  milestone: '3.1–3.3 written',
  nextAction: 'Write 3.4',
  dependencies: ['Zotero', 'coding_scheme_v2.xlsx'],
  createdAt: '2026-03-14T09:12:00.000Z',
  timeKnown: true,
  source: { url: 'https://chatgpt.com/c/1', conversationId: '1', chatTitle: 'Thesis', messageId: 'm1' },
  origin: 'captured',
  resumeCount: 2,
  lastResumedAt: '2026-03-15T10:00:00.000Z',
};
/** Rescued from a full chat: the fields the chat length meter adds. */
const rescued: Anchor = {
  ...live,
  id: 'a3',
  origin: 'rescued',
  source: { url: 'https://chatgpt.com/c/2', conversationId: '2', messageId: 'm9' },
  rescuedFrom: { url: 'https://chatgpt.com/c/1', conversationId: '1', chatTitle: 'Thesis' },
  chatTokens: 131_072,
};
const trashed: Anchor = { ...live, id: 'a2', name: 'Old', deletedAt: '2026-03-16T00:00:00.000Z', timeKnown: false };

const backupWith = (anchors: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: '2026-03-20T00:00:00.000Z', anchors, ...extra });

function errorOf(text: string): string {
  const result = parseBackup(text);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error;
}

describe('formatBackup', () => {
  it('writes pretty JSON with format, version, time and every anchor, the trash included', () => {
    const text = formatBackup([live, trashed], '2026-03-20T00:00:00.000Z');
    expect(text).toContain('\n  "format": "gpt-anchors-backup",\n');
    expect(JSON.parse(text)).toEqual({
      format: 'gpt-anchors-backup',
      version: 1,
      exportedAt: '2026-03-20T00:00:00.000Z',
      anchors: [live, trashed],
    });
  });

  it('reads back exactly what it wrote', () => {
    expect(parseBackup(formatBackup([live, trashed], '2026-03-20T00:00:00.000Z'))).toEqual({ ok: true, anchors: [live, trashed], resumes: [], renamed: [] });
  });

  it('round-trips tags and the lineage (the resume records)', () => {
    const tagged: Anchor = { ...live, tags: ['thesis', 'Client X'] };
    const resumes = [
      { id: 'r1', anchorId: 'a1', name: live.name, resumedAt: '2026-03-15T10:00:00.000Z', conversationId: 'c2', url: 'https://chatgpt.com/c/c2', chatStartedAt: '2026-03-15T10:01:00.000Z', handshake: 'matched' as const },
      { id: 'r2', anchorId: 'a1', name: live.name, resumedAt: '2026-03-16T10:00:00.000Z' },
    ];
    const text = formatBackup([tagged, trashed], '2026-03-20T00:00:00.000Z', resumes);
    expect(parseBackup(text)).toEqual({ ok: true, anchors: [tagged, trashed], resumes, renamed: [] });
  });

  it('refuses a backup whose tags or lineage break the rules, and says where', () => {
    const badTags = backupWith([{ ...live, tags: ['thesis', 'THESIS'] }]);
    expect(errorOf(badTags)).toBe('anchors[0].tags: The same tag is given twice.');
    const badResume = backupWith([live], { resumes: [{ id: 'r1', anchorId: 'a1', name: live.name, resumedAt: 'yesterday' }] });
    expect(errorOf(badResume)).toBe('resumes[0].resumedAt: Not an ISO date-time.');
  });
});

describe('the chat length meter’s fields', () => {
  it('survive the round trip: the chat’s size, the origin rescued, the link to the full chat', () => {
    const text = formatBackup([rescued, live], '2026-03-20T00:00:00.000Z');
    expect(parseBackup(text)).toEqual({ ok: true, anchors: [rescued, live], renamed: [], resumes: [] });
  });

  it('are checked on the way in', () => {
    expect(errorOf(backupWith([{ ...rescued, chatTokens: -5 }]))).toBe('anchors[0].chatTokens: Too small: expected number to be >=0');
    expect(errorOf(backupWith([{ ...rescued, chatTokens: 'many' }]))).toMatch(/^anchors\[0\]\.chatTokens: /);
    expect(errorOf(backupWith([{ ...rescued, rescuedFrom: { url: 'x'.repeat(3_000) } }]))).toMatch(/^anchors\[0\]\.rescuedFrom\.url: /);
    expect(errorOf(backupWith([{ ...rescued, origin: 'salvaged' }]))).toMatch(/^anchors\[0\]\.origin: /);
  });
});

describe('parseBackup errors', () => {
  it('says where the JSON breaks', () => {
    const error = errorOf('{\n  "format": "gpt-anchors-backup",\n  oops\n}');
    expect(error).toMatch(/^Not valid JSON: .+\(line 3, column 3\)\.$/);
  });

  it('reports JSON cut short', () => {
    expect(errorOf('{"format":')).toMatch(/^Not valid JSON: /);
  });

  it.each([
    ['{}', 'This JSON file is not a GPT Anchors backup (its “format” is missing, expected “gpt-anchors-backup”).'],
    ['[]', 'This JSON file is not a GPT Anchors backup (it is not an object).'],
    ['"text"', 'This JSON file is not a GPT Anchors backup (it is not an object).'],
    [
      JSON.stringify({ format: 'something-else', version: 1, anchors: [] }),
      'This JSON file is not a GPT Anchors backup (its “format” is "something-else", expected “gpt-anchors-backup”).',
    ],
    [backupWith([], { version: 2 }), 'This backup was written by a newer GPT Anchors (backup version 2; this one reads up to 1). Update the extension, then import it again.'],
    [backupWith([], { version: '1' }), 'This backup has an unknown version ("1").'],
    [backupWith({}), 'anchors: “anchors” must be a list.'],
  ])('%s → %s', (text, error) => {
    expect(errorOf(text)).toBe(error);
  });

  it('names the anchor and the field that is wrong', () => {
    const anchors = Array.from({ length: 13 }, (_, i) => ({ ...live, id: `a${i}` }));
    anchors[12] = { ...live, id: 'a12', name: 'x'.repeat(121) };
    expect(errorOf(backupWith(anchors))).toBe('anchors[12].name: The name is longer than 120 characters.');
  });

  it('shows the first three problems and counts the rest', () => {
    const bad = { ...live, name: '', dependencies: [''], resumeCount: -1, createdAt: 'yesterday' };
    const error = errorOf(backupWith([bad]));
    expect(error.split('; ')).toHaveLength(3);
    expect(error).toMatch(/^anchors\[0\]\.name: The name is empty\.; .* \(and 1 more problem\)$/);
  });
});

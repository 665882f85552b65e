import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Anchor } from '../../lib/model/anchor';
import { formatBackup } from '../../lib/log/backup';
import { DEFAULT_TEMPLATE, formatLog } from '../../lib/log/format';
import { planImport, type ImportInput, type ImportPlan } from '../../lib/log/import-plan';

const SAMPLE = readFileSync(new URL('../fixtures/logs/sample-anchors-log.md', import.meta.url), 'utf8');
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).toISOString();
const NOW = local(2026, 4, 1, 12, 0);

function input(fileName: string, text: string, existing: Anchor[] = []): ImportInput {
  let n = 0;
  return { fileName, text, existing, now: NOW, newId: () => `new-${++n}` };
}

function okPlan(plan: ImportPlan) {
  if (!plan.ok) throw new Error(`expected a plan, got: ${plan.error}`);
  return plan;
}

const BODY = 'Context: c\nCurrent milestone: m\nNext action: n\nDependencies: d1; d2';

describe('planImport: which files', () => {
  it.each(['log.md', 'LOG.MD', 'log.markdown', 'notes.txt', 'backup.json'])('accepts %s', (fileName) => {
    const text = fileName.endsWith('.json') ? formatBackup([], NOW) : SAMPLE;
    expect(planImport(input(fileName, text)).ok).toBe(true);
  });

  it.each(['log.docx', 'log', 'log.md.zip'])('refuses %s', (fileName) => {
    expect(planImport(input(fileName, SAMPLE))).toEqual({ ok: false, error: 'Only .md, .markdown, .txt and .json files can be imported.' });
  });
});

describe('planImport: markdown', () => {
  it('brings in every entry of the sample log as imported anchors, with the warnings', () => {
    const plan = okPlan(planImport(input('sample.md', SAMPLE)));
    expect(plan.kind).toBe('markdown');
    expect(plan.duplicates).toBe(0);
    expect(plan.toAdd.map((a) => [a.name, a.createdAt, a.timeKnown])).toEqual([
      ['Thesis_Ch3_Methods', local(2026, 3, 14, 9, 12), true],
      ['Thesis_Ch3_Coding', local(2026, 3, 13, 22, 40), true],
      ['Weekend_Bot_Deploy', local(2026, 3, 13), false],
      ['Thesis_Ch3_Survey', local(2026, 3, 12, 14, 5), true],
      ['Weekend_Bot_MVP', local(2026, 3, 11), false],
    ]);
    expect(plan.toAdd[0]).toMatchObject({ id: 'new-1', origin: 'imported', resumeCount: 0, source: {} });
    expect(plan.toAdd.every((a) => a.deletedAt === undefined)).toBe(true);
    expect(plan.warnings).toEqual([
      { line: 68, message: 'time `25:61` is not a time; kept the date, time unknown (anchor “Weekend_Bot_Deploy”)' },
      { line: 101, message: 'time `9:3x` is not a time; kept the date, time unknown (anchor “Weekend_Bot_MVP”)' },
    ]);
  });

  it('skips and counts anchors already in the library, and repeats within the file', () => {
    const first = okPlan(planImport(input('sample.md', SAMPLE)));
    const again = okPlan(planImport(input('sample.md', `${SAMPLE}\n${SAMPLE}`, first.toAdd)));
    expect(again).toMatchObject({ toAdd: [], duplicates: 10 });
    const twice = okPlan(planImport(input('sample.md', `${SAMPLE}\n${SAMPLE}`)));
    expect(twice).toMatchObject({ duplicates: 5 });
    expect(twice.toAdd).toHaveLength(5);
  });

  it('does not count a changed field or another minute as a duplicate', () => {
    const first = okPlan(planImport(input('sample.md', SAMPLE)));
    const edited = SAMPLE.replace('Polling mode stable for 48 h.', 'Polling mode stable for 72 h.').replace('**09:12 03/14/2026**', '**09:13 03/14/2026**');
    const plan = okPlan(planImport(input('sample.md', edited, first.toAdd)));
    expect(plan.toAdd.map((a) => a.name)).toEqual(['Thesis_Ch3_Methods', 'Weekend_Bot_Deploy']);
    expect(plan.duplicates).toBe(3);
  });

  it('dates entries without a timestamp at import time, keeping the file’s newest-first order', () => {
    const log = `Resume from anchor: [Newest]\n${BODY}\n\nResume from anchor: [Middle]\n${BODY}\n\nResume from anchor: [Oldest]\n${BODY}\n`;
    const plan = okPlan(planImport(input('hand.txt', log)));
    expect(plan.toAdd.map((a) => [a.name, a.createdAt, a.timeKnown])).toEqual([
      ['Newest', NOW, false],
      ['Middle', new Date(Date.parse(NOW) - 1000).toISOString(), false],
      ['Oldest', new Date(Date.parse(NOW) - 2000).toISOString(), false],
    ]);
    // Undated entries are known by their text alone: the same log on another day adds nothing.
    const later = okPlan(planImport({ ...input('hand.txt', log, plan.toAdd), now: local(2027, 1, 1) }));
    expect(later).toMatchObject({ toAdd: [], duplicates: 3 });
  });

  it('finds an anchor with an unknown time again after export and import', () => {
    const first = okPlan(planImport(input('hand.txt', `Resume from anchor: [A]\n${BODY}\n`)));
    const exported = formatLog(first.toAdd, { template: DEFAULT_TEMPLATE, dateFormat: 'us', allVersions: true });
    expect(okPlan(planImport(input('export.md', exported, first.toAdd)))).toMatchObject({ toAdd: [], duplicates: 1 });
  });

  it('refuses the whole file when one entry cannot be stored, naming its line', () => {
    const log = `Resume from anchor: [Fine]\n${BODY}\n\n**10:00 03/14/2026**\nResume from anchor: [Huge]\nContext: ${'x'.repeat(30_000)}\nNext action: n\n`;
    expect(planImport(input('log.md', log))).toEqual({
      ok: false,
      error: 'Line 7 (“Huge”): context: Context is too long (30000 characters; the limit is 20000).',
    });
  });

  it('explains a file with no anchors in it', () => {
    expect(planImport(input('notes.md', '# Shopping\n\n- milk\n'))).toEqual({
      ok: false,
      error: 'No anchors found in “notes.md”: it does not look like a GPT Anchors Log (expected lines like “Resume from anchor: [NAME]”).',
    });
  });

  it('trims names as the library stores them', () => {
    const plan = okPlan(planImport(input('log.md', `Resume from anchor: [  Spaced  ]\n${BODY}\n`)));
    expect(plan.toAdd[0]?.name).toBe('Spaced');
  });

  it('takes invisible characters out of names, and says so: a name cannot pass for another', () => {
    const log = [
      `**10:00 03/14/2026**\nResume from anchor: [Report_\u202Egpj.exe]\n${BODY}`,
      `**10:01 03/14/2026**\nResume from anchor: [Capstone\u200B_Step9]\n${BODY}`,
      `**10:02 03/14/2026**\nResume from anchor: [Cafe\u0301_Plan]\n${BODY}`,
    ].join('\n\n');
    const plan = okPlan(planImport(input('log.md', log)));
    expect(plan.toAdd.map((a) => a.name)).toEqual(['Report_gpj.exe', 'Capstone_Step9', 'Caf\u00e9_Plan']);
    expect(plan.warnings).toEqual([
      { line: 1, message: 'the name “Report_gpj.exe” held invisible characters (U+202E); they were removed' },
      { line: 8, message: 'the name “Capstone_Step9” held invisible characters (U+200B); they were removed' },
    ]);
  });

  it('knows the zero-width twin of a stored anchor for the same anchor', () => {
    const first = okPlan(planImport(input('log.md', `**10:00 03/14/2026**\nResume from anchor: [Capstone_Step9]\n${BODY}\n`)));
    const twin = okPlan(planImport(input('log.md', `**10:00 03/14/2026**\nResume from anchor: [Capstone_\u200DStep9]\n${BODY}\n`, first.toAdd)));
    expect(twin).toMatchObject({ toAdd: [], duplicates: 1 });
  });
});

describe('planImport: duplicates at scale', () => {
  const entry = (i: number, name: string, text: (i: number) => string, minute = i) =>
    `**${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')} 03/${String(1 + (Math.floor(minute / 1440) % 28)).padStart(2, '0')}/2026**\nResume from anchor: [${name}]\nContext: ${text(i)}\nNext action: n\n`;

  // Same name and same field lengths put every entry in one bucket: each check compared the whole
  // bucket (30,000 entries took 154 s). The check is a hash lookup now.
  it('checks 30,000 entries that share a name and field lengths in one pass', () => {
    const log = Array.from({ length: 30_000 }, (_, i) => entry(i, 'Same', (k) => `c${String(k).padStart(6, '0')}`)).join('\n');
    const plan = okPlan(planImport(input('log.md', log)));
    expect(plan.toAdd).toHaveLength(30_000);
    expect(okPlan(planImport(input('log.md', log, plan.toAdd)))).toMatchObject({ toAdd: [], duplicates: 30_000 });
  }, 20_000);

  it('tells versions of one text apart by their minute, and an unknown time by its day', () => {
    const log = Array.from({ length: 3_000 }, (_, i) => entry(i, 'Same', () => 'one text')).join('\n');
    const plan = okPlan(planImport(input('log.md', log)));
    expect(plan.toAdd).toHaveLength(3_000);
    const oneMore = okPlan(planImport(input('log.md', entry(3_000, 'Same', () => 'one text'), plan.toAdd)));
    expect(oneMore.toAdd).toHaveLength(1);
    const sameDayUnknownTime = okPlan(planImport(input('log.md', `**--:-- 03/01/2026**\nResume from anchor: [Same]\nContext: one text\nNext action: n\n`, plan.toAdd)));
    expect(sameDayUnknownTime).toMatchObject({ toAdd: [], duplicates: 1 });
    const otherDayUnknownTime = okPlan(planImport(input('log.md', `**--:-- 03/28/2026**\nResume from anchor: [Same]\nContext: one text\nNext action: n\n`, plan.toAdd)));
    expect(otherDayUnknownTime.toAdd).toHaveLength(1);
  });
});

describe('planImport: JSON backups', () => {
  const base: Anchor = {
    id: 'b1',
    name: 'A',
    context: 'c',
    milestone: 'm',
    nextAction: 'n',
    dependencies: ['d'],
    createdAt: local(2026, 3, 1, 10, 0),
    timeKnown: true,
    source: { url: 'https://chatgpt.com/c/1' },
    origin: 'captured',
    resumeCount: 3,
  };
  const trashed: Anchor = { ...base, id: 'b2', name: 'B', deletedAt: local(2026, 3, 2) };

  it('restores anchors exactly as backed up, the trash still in the trash', () => {
    const plan = okPlan(planImport(input('backup.json', formatBackup([base, trashed], NOW))));
    expect(plan).toEqual({ ok: true, kind: 'json', toAdd: [base, trashed], resumesToAdd: [], duplicates: 0, warnings: [] });
  });

  it('brings the lineage and the tags back: a resume of an anchor the library already holds under another id follows that id', () => {
    const tagged = { ...base, tags: ['thesis', 'Writing'] };
    const sameText = { ...base, id: 'stored-elsewhere' };
    const resumes = [
      { id: 'r1', anchorId: base.id, name: base.name, resumedAt: NOW, conversationId: 'c2', url: 'https://chatgpt.com/c/c2', chatStartedAt: NOW },
      { id: 'r2', anchorId: trashed.id, name: trashed.name, resumedAt: NOW },
      { id: 'kept', anchorId: trashed.id, name: trashed.name, resumedAt: NOW },
    ];
    const text = formatBackup([tagged, trashed], NOW, resumes);
    const fresh = okPlan(planImport(input('backup.json', text)));
    expect(fresh.toAdd).toEqual([tagged, trashed]);
    expect(fresh.resumesToAdd).toEqual(resumes);

    const plan = okPlan(planImport({ ...input('backup.json', text, [sameText]), existingResumes: [resumes[2]!] }));
    expect(plan.toAdd).toEqual([trashed]);
    expect(plan.resumesToAdd).toEqual([{ ...resumes[0], anchorId: 'stored-elsewhere' }, resumes[1]]);
  });

  it('never brings a tab back: a record still waiting for its chat stops waiting', () => {
    const waiting = { id: 'r1', anchorId: base.id, name: base.name, resumedAt: NOW, tabId: 7, rollingAskedAt: NOW };
    const text = formatBackup([base], NOW, [waiting]);
    expect(JSON.parse(text).resumes).toEqual([{ id: 'r1', anchorId: base.id, name: base.name, resumedAt: NOW }]);
    const plan = okPlan(planImport(input('backup.json', text.replace('"resumedAt"', '"tabId": 9, "resumedAt"'))));
    expect(plan.resumesToAdd).toEqual([{ id: 'r1', anchorId: base.id, name: base.name, resumedAt: NOW }]);
  });

  it('skips anchors with a known id, or the same name, minute and text', () => {
    const sameText = { ...base, id: 'other-id', createdAt: local(2026, 3, 1, 10, 0) };
    const newer = { ...base, id: 'b3', createdAt: local(2026, 3, 1, 10, 1) };
    const plan = okPlan(planImport(input('backup.json', formatBackup([base, sameText, newer, trashed], NOW), [base])));
    expect(plan.toAdd.map((a) => a.id)).toEqual(['b3', 'b2']);
    expect(plan.duplicates).toBe(2);
  });

  it('passes on the backup’s own error', () => {
    expect(planImport(input('backup.json', '{'))).toMatchObject({ ok: false, error: expect.stringMatching(/^Not valid JSON: /) });
  });
});

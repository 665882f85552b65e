import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AnchorDraft } from '../../lib/model/anchor';
import { parseAnchorLog, parseAnchorText } from '../../lib/log/parse';

const SAMPLE = readFileSync(new URL('../fixtures/logs/sample-anchors-log.md', import.meta.url), 'utf8');

/** Local wall-clock time as ISO, so assertions hold in any timezone. */
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).toISOString();

const BODY = [
  'Context: Survey of 41 papers done.',
  'Current milestone: Methods 3.1–3.3 written.',
  'Next action: Write 3.4.',
  'Dependencies: Zotero export; coding_scheme_v2.xlsx',
].join('\n');

const BODY_DRAFT: Omit<AnchorDraft, 'name'> = {
  context: 'Survey of 41 papers done.',
  milestone: 'Methods 3.1–3.3 written.',
  nextAction: 'Write 3.4.',
  dependencies: ['Zotero export', 'coding_scheme_v2.xlsx'],
};

function draftOf(text: string): AnchorDraft {
  const result = parseAnchorText(text);
  if (!result.ok) throw new Error(`expected an anchor, got: ${result.reason}`);
  return result.draft;
}

function reasonOf(text: string): string {
  const result = parseAnchorText(text);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.reason;
}

describe('parseAnchorLog on the hand-kept sample log', () => {
  const { entries, warnings } = parseAnchorLog(SAMPLE);

  it('imports all five entries, newest first, and not the template', () => {
    expect(entries.map((e) => e.draft.name)).toEqual([
      'Thesis_Ch3_Methods',
      'Thesis_Ch3_Coding',
      'Weekend_Bot_Deploy',
      'Thesis_Ch3_Survey',
      'Weekend_Bot_MVP',
    ]);
  });

  it('reads Thesis_Ch3_Methods (✅ loaded form, indented multi-line context, backticked dependency)', () => {
    expect(entries[0]).toEqual({
      line: 20,
      createdAt: local(2026, 3, 14, 9, 12),
      timeKnown: true,
      draft: {
        name: 'Thesis_Ch3_Methods',
        context:
          'Survey of 41 papers done; coding scheme v2 agreed with supervisor.\nInter-rater agreement computed (κ = 0.81) on a 20% sample.',
        milestone: 'Methods draft sections 3.1–3.3 written ✓',
        nextAction: 'Write 3.4 (threats to validity) and send to supervisor.',
        dependencies: ['Zotero library export', '`coding_scheme_v2.xlsx`', 'Supervisor review slot (Fri)'],
      },
    });
  });

  it('reads Thesis_Ch3_Coding (name in backticks, blank lines around the name line)', () => {
    expect(entries[1]).toEqual({
      line: 44,
      createdAt: local(2026, 3, 13, 22, 40),
      timeKnown: true,
      draft: {
        name: 'Thesis_Ch3_Coding',
        context: 'Coding of the 41 papers finished; disagreements resolved in a call.',
        milestone: 'Coding sheet frozen → v2.',
        nextAction: 'Compute inter-rater agreement on the 20% sample.',
        dependencies: ['coding_scheme_v2.xlsx', 'Second rater (Dana)', 'R + irr package'],
      },
    });
  });

  it('keeps Weekend_Bot_Deploy under its broken timestamp: the date, time unknown', () => {
    expect(entries[2]).toEqual({
      line: 68,
      createdAt: local(2026, 3, 13),
      timeKnown: false,
      draft: {
        name: 'Weekend_Bot_Deploy',
        context: 'Telegram bot runs locally; webhook mode fails behind the tunnel.',
        milestone: 'Polling mode stable for 48 h.',
        nextAction: 'Switch to webhook with the fixed TLS certificate.',
        dependencies: ['BOT_TOKEN in .env', 'Tunnel account', 'certbot'],
      },
    });
  });

  it('reads Thesis_Ch3_Survey (one line per field, dependencies split on ;)', () => {
    expect(entries[3]).toEqual({
      line: 91,
      createdAt: local(2026, 3, 12, 14, 5),
      timeKnown: true,
      draft: {
        name: 'Thesis_Ch3_Survey',
        context: 'Search strings run on Scopus and ACM DL; 212 hits after dedupe. Title/abstract screening 60% done.',
        milestone: 'Screening protocol written; 127 papers screened.',
        nextAction: 'Finish screening the remaining 85 abstracts.',
        dependencies: ['Rayyan account', 'screening_protocol.md', 'supervisor sign-off'],
      },
    });
  });

  it('reads Weekend_Bot_MVP (lost first letter, `9:3x` time)', () => {
    expect(entries[4]).toEqual({
      line: 101,
      createdAt: local(2026, 3, 11),
      timeKnown: false,
      draft: {
        name: 'Weekend_Bot_MVP',
        context: 'Bot answers /start and /help; no persistence yet.',
        milestone: 'Commands wired, tests green.',
        nextAction: 'Add SQLite storage for reminders.',
        dependencies: ['python-telegram-bot v21', 'SQLite'],
      },
    });
  });

  it('reports both broken times with their line numbers, and nothing else', () => {
    expect(warnings).toEqual([
      { line: 68, message: 'time `25:61` is not a time; kept the date, time unknown (anchor “Weekend_Bot_Deploy”)' },
      { line: 101, message: 'time `9:3x` is not a time; kept the date, time unknown (anchor “Weekend_Bot_MVP”)' },
    ]);
  });
});

describe('parseAnchorLog rules', () => {
  const entry = (stamp: string, name = 'A') => `${stamp}\n\nResume from anchor: [${name}]\n${BODY}\n`;

  it.each([
    ['**09:12 03/14/2026**', local(2026, 3, 14, 9, 12)],
    ['**9:05 03/14/2026**', local(2026, 3, 14, 9, 5)],
    ['**23:59 12/31/2025**', local(2025, 12, 31, 23, 59)],
    ['**00:00 01/01/2026**', local(2026, 1, 1, 0, 0)],
    ['**09:12 2026-03-14**', local(2026, 3, 14, 9, 12)],
  ])('reads the timestamp %s', (stamp, createdAt) => {
    const { entries, warnings } = parseAnchorLog(entry(stamp));
    expect(entries).toEqual([{ line: 1, createdAt, timeKnown: true, draft: { name: 'A', ...BODY_DRAFT } }]);
    expect(warnings).toEqual([]);
  });

  it.each(['**--:-- 03/14/2026**', '**--:-- 2026-03-14**'])('reads our unknown time %s without a warning', (stamp) => {
    const { entries, warnings } = parseAnchorLog(entry(stamp));
    expect(entries[0]).toMatchObject({ createdAt: local(2026, 3, 14), timeKnown: false });
    expect(warnings).toEqual([]);
  });

  it.each([
    ['**25:61 03/13/2026**', 'time `25:61` is not a time; kept the date, time unknown', local(2026, 3, 13)],
    ['**9:3x 03/11/2026**', 'time `9:3x` is not a time; kept the date, time unknown', local(2026, 3, 11)],
    ['**03/11/2026**', 'no time given; kept the date, time unknown', local(2026, 3, 11)],
    ['**10:00 02/30/2026**', 'date `02/30/2026` is not a date; the anchor was kept without a date', undefined],
    ['**10:00 03/1x/2026**', 'date `03/1x/2026` is not a date; the anchor was kept without a date', undefined],
  ])('keeps the entry under the broken timestamp %s and says so', (stamp, message, createdAt) => {
    const { entries, warnings } = parseAnchorLog(`# Log\n\n${entry(stamp)}`);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.createdAt).toBe(createdAt);
    expect(entries[0]?.timeKnown).toBe(false);
    expect(entries[0]?.draft).toEqual({ name: 'A', ...BODY_DRAFT });
    expect(warnings).toEqual([{ line: 3, message: `${message} (anchor “A”)` }]);
  });

  it('starts entries at name lines when the log has no timestamps', () => {
    const log = `# My log\n\nResume from anchor: [A]\n${BODY}\n\nResume from anchor: [B]\n${BODY}\n`;
    const { entries, warnings } = parseAnchorLog(log);
    expect(entries.map((e) => [e.draft.name, e.line, e.createdAt, e.timeKnown])).toEqual([
      ['A', 3, undefined, false],
      ['B', 9, undefined, false],
    ]);
    expect(entries[1]?.draft).toEqual({ name: 'B', ...BODY_DRAFT });
    expect(warnings).toEqual([]);
  });

  it('skips a timestamp with no anchor after it, with a warning', () => {
    const log = `**10:00 03/14/2026**\n\nnothing here\n\n${entry('**09:00 03/14/2026**', 'B')}`;
    const { entries, warnings } = parseAnchorLog(log);
    expect(entries.map((e) => e.draft.name)).toEqual(['B']);
    expect(warnings).toEqual([{ line: 1, message: 'timestamp without an anchor; skipped' }]);
  });

  it('keeps an entry with a name but missing fields, and names what is missing', () => {
    const { entries, warnings } = parseAnchorLog('**10:00 03/14/2026**\nResume from anchor: [Lonely]\nNext action: Call Dana.\n');
    expect(entries[0]?.draft).toEqual({ name: 'Lonely', context: '', milestone: '', nextAction: 'Call Dana.', dependencies: [] });
    expect(warnings).toEqual([
      { line: 1, message: '“Lonely” has no Context, Current milestone, Dependencies; kept with those fields empty' },
    ]);
  });

  it('never imports text inside code fences (the template block)', () => {
    const log = '## Template\n\n```\nResume from anchor: [Fenced]\nContext: x\nNext action: y\n```\n';
    expect(parseAnchorLog(log)).toEqual({ entries: [], warnings: [] });
  });

  it('skips an unfenced copy of the request template, with a warning', () => {
    const log = 'Resume from anchor: [ANCHOR_NAME]\nContext: [3–4 lines]\nNext action: [one step]\n';
    expect(parseAnchorLog(log)).toEqual({
      entries: [],
      warnings: [{ line: 1, message: 'the request template ([ANCHOR_NAME]) is not an anchor; skipped' }],
    });
  });

  it('reports, and leaves out, a code block inside an entry', () => {
    const log = 'Resume from anchor: [A]\nContext: before\n```\nsecret code\n```\nafter\nNext action: go\n';
    const { entries, warnings } = parseAnchorLog(log);
    expect(entries[0]?.draft.context).toBe('before\nafter');
    expect(warnings).toContainEqual({ line: 3, message: 'a code block in “A” was not imported (text in code fences never is)' });
  });

  it('reads a stray, never-closed fence as ordinary text instead of swallowing the rest of the file', () => {
    const log = `\`\`\`\n${entry('**10:00 03/14/2026**', 'After')}`;
    expect(parseAnchorLog(log).entries.map((e) => e.draft.name)).toEqual(['After']);
  });

  it('stops a field at `---` and reports text after the dependencies', () => {
    const log = 'Resume from anchor: [A]\nNext action: go\n\n---\n\nnotes\n\nDependencies:\n- x\n\nSee you\n';
    const { entries, warnings } = parseAnchorLog(log);
    expect(entries[0]?.draft).toMatchObject({ nextAction: 'go', dependencies: ['x'] });
    expect(warnings.map((w) => w.line)).toEqual([1, 6, 11]);
  });

  it('keeps a literal leading backslash that is not an escape', () => {
    const log = 'Resume from anchor: [A]\nContext:\n\\not an escape\n\\Next action: escaped label\nDependencies:\n- \\d+ regex\n';
    expect(parseAnchorLog(log).entries[0]?.draft).toEqual({
      name: 'A',
      context: '\\not an escape\nNext action: escaped label',
      milestone: '',
      nextAction: '',
      dependencies: ['\\d+ regex'],
    });
  });

  it('does not throw on an empty or odd file', () => {
    expect(parseAnchorLog('')).toEqual({ entries: [], warnings: [] });
    expect(parseAnchorLog('\r\n\u0000***\n```')).toEqual({ entries: [], warnings: [] });
  });
});

describe('parseAnchorText: name lines', () => {
  it.each([
    'Resume from anchor: [Capstone_Step9_Admin]',
    '**Resume from anchor:** [Capstone_Step9_Admin]',
    '**Resume from anchor**: [Capstone_Step9_Admin]',
    'Resume from anchor: **[Capstone_Step9_Admin]**',
    'esume from anchor: [Capstone_Step9_Admin]',
    '✅ Anchor **[Capstone_Step9_Admin]** loaded successfully.',
    '✅ Anchor `[Capstone_Step9_Admin]` loaded successfully.',
    'Resume from anchor: Capstone_Step9_Admin',
    'Resume from anchor: **Capstone_Step9_Admin**',
    '✅ Anchor Capstone_Step9_Admin loaded successfully.',
    'RESUME FROM ANCHOR: [Capstone_Step9_Admin]',
    '### Resume from anchor: [Capstone_Step9_Admin]',
    'Resume from anchor: [Capstone_Step9_Admin] (saved)',
  ])('%s', (nameLine) => {
    expect(draftOf(`${nameLine}\n${BODY}`)).toEqual({ name: 'Capstone_Step9_Admin', ...BODY_DRAFT });
  });
});

describe('parseAnchorText: labels', () => {
  it.each([
    ['plain, text on the same line', 'Context: Ctx here\nNext action: Do it'],
    ['bold, same line', '**Context:** Ctx here\n**Next action:** Do it'],
    ['bold with the colon outside', '**Context**: Ctx here\n**Next action**: Do it'],
    ['any case', 'CONTEXT: Ctx here\nnext ACTION: Do it'],
    ['bold, text on the next line with leading spaces', '**Context:**\n   Ctx here\n\n**Next action:**\n Do it'],
    ['bulleted', '- **Context:** Ctx here\n- **Next action:** Do it'],
    ['as headings', '### Context\nCtx here\n### Next action\nDo it'],
    ['bold without colon', '**Context**\nCtx here\n**Next action**\nDo it'],
  ])('%s', (_, fields) => {
    const result = parseAnchorText(`Resume from anchor: [A]\n${fields}`);
    expect(result).toEqual({
      ok: true,
      labels: 2,
      draft: { name: 'A', context: 'Ctx here', milestone: '', nextAction: 'Do it', dependencies: [] },
    });
  });

  it('keeps multi-line fields line by line, drops trailing blank lines, keeps inner ones', () => {
    const text = 'Resume from anchor: [A]\nContext: one\n  two\n\nthree\n\n\nCurrent milestone:\n\n  m1\n  m2\n\n';
    expect(draftOf(text)).toMatchObject({ context: 'one\ntwo\n\nthree', milestone: 'm1\nm2' });
  });

  it('counts the labels it found', () => {
    expect(parseAnchorText(`Resume from anchor: [A]\n${BODY}`)).toMatchObject({ ok: true, labels: 4 });
    expect(parseAnchorText('Resume from anchor: [A]\nContext: c\nDependencies: d')).toMatchObject({ ok: true, labels: 2 });
  });
});

describe('parseAnchorText: dependencies', () => {
  const deps = (block: string) => draftOf(`Resume from anchor: [A]\nContext: c\n${block}`).dependencies;

  it.each([
    ['split on ;', 'Dependencies: a; b ;c', ['a', 'b', 'c']],
    ['split on , when there is no ;', 'Dependencies: a, b,c', ['a', 'b', 'c']],
    ['not split on , when there is a ;', 'Dependencies: a, with comma; b', ['a, with comma', 'b']],
    ['- bullets', 'Dependencies:\n- a\n- b, with comma', ['a', 'b, with comma']],
    ['* bullets', 'Dependencies:\n* a\n* b', ['a', 'b']],
    ['• bullets', 'Dependencies:\n• a\n•b', ['a', 'b']],
    ['bullets after a blank line', '**Dependencies:**\n\n- a\n- b', ['a', 'b']],
    ['a line and bullets', 'Dependencies: a; b\n- c', ['a', 'b', 'c']],
    ['empties dropped', 'Dependencies: a;; ;b;\n-\n- ', ['a', 'b']],
    ['backticks kept as written', 'Dependencies:\n- `coding_scheme_v2.xlsx`', ['`coding_scheme_v2.xlsx`']],
    ['numbered', 'Dependencies:\n1. a\n2. b', ['a', 'b']],
    ['none', 'Dependencies:', []],
  ])('%s', (_, block, expected) => {
    expect(deps(block)).toEqual(expected);
  });
});

describe('parseAnchorText: replies', () => {
  it('ignores chatter before and after the anchor', () => {
    const reply = [
      'Here is your anchor:',
      '',
      'Resume from anchor: [A]',
      BODY.replace('Dependencies: Zotero export; coding_scheme_v2.xlsx', 'Dependencies:\n- Zotero export\n- coding_scheme_v2.xlsx'),
      '',
      'Let me know if you want any changes!',
    ].join('\n');
    expect(draftOf(reply)).toEqual({ name: 'A', ...BODY_DRAFT });
  });

  it('stops at a horizontal rule before the closing chatter', () => {
    const reply = `Resume from anchor: [A]\nContext: c\nNext action: n\n\n---\n\nWant me to draft 3.4 now?`;
    expect(draftOf(reply)).toMatchObject({ context: 'c', nextAction: 'n' });
  });

  it('reads an anchor answered inside one code block', () => {
    expect(draftOf(`\`\`\`\nResume from anchor: [A]\n${BODY}\n\`\`\``)).toEqual({ name: 'A', ...BODY_DRAFT });
    expect(draftOf(`Sure:\n\n\`\`\`markdown\nResume from anchor: [A]\n${BODY}\n\`\`\`\n\nAnything else?`)).toEqual({
      name: 'A',
      ...BODY_DRAFT,
    });
  });

  it('does not read anchors out of a reply with several code blocks', () => {
    const reply = `Example:\n\`\`\`\nResume from anchor: [A]\n${BODY}\n\`\`\`\nAnd code:\n\`\`\`\nx = 1\n\`\`\``;
    expect(reasonOf(reply)).toBe('No anchor name found (expected a line like “Resume from anchor: [NAME]”).');
  });

  it('prefers the anchor outside a code block', () => {
    expect(draftOf(`Resume from anchor: [Out]\n${BODY}\n\`\`\`\nResume from anchor: [In]\n${BODY}\n\`\`\``).name).toBe('Out');
  });

  it('does not take the template echo for an anchor', () => {
    const echo = 'Anchor this as chat [Capstone] with next action + dependencies. Use this template:\nResume from anchor: [ANCHOR_NAME]\nContext: [3–4 lines on project/sprint state]\nCurrent milestone: [what’s done]\nNext action: [one concrete step]\nDependencies: [keys/env/tools/people]';
    expect(reasonOf(echo)).toBe('This is the anchor request template, not a filled-in anchor (the name is still [ANCHOR_NAME]).');
    expect(reasonOf(echo.replace('[ANCHOR_NAME]', '[Capstone]'))).toBe(
      'The reply repeats the template’s placeholders instead of filling them in.',
    );
  });

  it('finds the real anchor after an echoed template in a selection', () => {
    const selection = `Resume from anchor: [ANCHOR_NAME]\nContext: [3–4 lines on project/sprint state]\n\nResume from anchor: [Real]\n${BODY}`;
    expect(draftOf(selection)).toEqual({ name: 'Real', ...BODY_DRAFT });
  });

  it.each([
    ['', 'No anchor name found (expected a line like “Resume from anchor: [NAME]”).'],
    ['Context: c\nNext action: n', 'No anchor name found (expected a line like “Resume from anchor: [NAME]”).'],
    [
      'Resume from anchor: [A]\nContext: c',
      'Only 1 of the 4 fields (Context, Current milestone, Next action, Dependencies) found; an anchor needs at least 2.',
    ],
    [
      'Resume from anchor: [A]\nJust chatting.',
      'None of the 4 fields (Context, Current milestone, Next action, Dependencies) found; an anchor needs at least 2.',
    ],
    ['Resume from anchor:\nContext: c\nNext action: n', 'The anchor line has no name (expected “Resume from anchor: [NAME]”).'],
  ])('explains why %j is not an anchor', (text, reason) => {
    expect(reasonOf(text)).toBe(reason);
  });

  it('refuses an anchor that could not be saved, saying why, and marks it as an anchor that broke a rule', () => {
    const longName = parseAnchorText(`Resume from anchor: [${'x'.repeat(121)}]\n${BODY}`);
    expect(longName).toEqual({
      ok: false,
      invalid: true,
      reason: `The anchor “${'x'.repeat(121)}” cannot be saved: The name is longer than 120 characters.`,
    });
    const longField = parseAnchorText(`Resume from anchor: [Big]\nContext: ${'y'.repeat(20_001)}\nNext action: n`);
    expect(longField).toEqual({
      ok: false,
      invalid: true,
      reason: 'The anchor “Big” cannot be saved: Context is too long (20001 characters; the limit is 20000).',
    });
  });

  it('does not mark text that is no anchor at all as a broken anchor', () => {
    expect(parseAnchorText('Just chatting about anchors.')).not.toHaveProperty('invalid');
    expect(parseAnchorText('Resume from anchor: [A]\nJust chatting.')).not.toHaveProperty('invalid');
  });

  it('reads Windows line endings', () => {
    expect(draftOf(`Resume from anchor: [A]\r\n${BODY.replace(/\n/g, '\r\n')}`)).toEqual({ name: 'A', ...BODY_DRAFT });
  });
});

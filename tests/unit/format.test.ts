import { describe, expect, it } from 'vitest';
import type { Anchor, AnchorDraft } from '../../lib/model/anchor';
import { DEFAULT_TEMPLATE, fillTemplate, formatLog, formatLogEntry, formatResumeText, formatTimestamp } from '../../lib/log/format';
import { parseAnchorLog, parseAnchorText } from '../../lib/log/parse';
import { liveMarkup } from '../support/markdown-viewer';

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).toISOString();

const METHODS: AnchorDraft = {
  name: 'Thesis_Ch3_Methods',
  context: 'Survey of 41 papers done; coding scheme v2 agreed with supervisor.',
  milestone: 'Methods draft sections 3.1–3.3 written.',
  nextAction: 'Write 3.4 (threats to validity) and send to supervisor.',
  dependencies: ['Zotero library export', 'coding_scheme_v2.xlsx', 'supervisor review slot (Fri)'],
};

function anchor(draft: Partial<AnchorDraft> & { id?: string; createdAt?: string; timeKnown?: boolean; deletedAt?: string }): Anchor {
  return {
    ...METHODS,
    id: 'a1',
    createdAt: local(2026, 3, 14, 9, 12),
    timeKnown: true,
    source: {},
    origin: 'captured',
    resumeCount: 0,
    ...draft,
  };
}

describe('the request template', () => {
  it('is the template from the format doc, word for word', () => {
    expect(DEFAULT_TEMPLATE).toBe(
      'Anchor this as chat [ANCHOR_NAME] with next action + dependencies. Use this template:\n' +
        'Resume from anchor: [ANCHOR_NAME]\n' +
        'Context: [3–4 lines on project/sprint state]\n' +
        'Current milestone: [what’s done]\n' +
        'Next action: [one concrete step]\n' +
        'Dependencies: [keys/env/tools/people]',
    );
  });

  it('fills in only the first [ANCHOR_NAME]', () => {
    const filled = fillTemplate(DEFAULT_TEMPLATE, 'Capstone_Step9_Admin');
    expect(filled.split('\n').slice(0, 2)).toEqual([
      'Anchor this as chat [Capstone_Step9_Admin] with next action + dependencies. Use this template:',
      'Resume from anchor: [ANCHOR_NAME]',
    ]);
  });

  it('inserts names with $ patterns literally', () => {
    expect(fillTemplate('x [ANCHOR_NAME] y', 'a$&b$1')).toBe('x [a$&b$1] y');
  });
});

describe('formatResumeText', () => {
  it('writes the doc’s resume text exactly', () => {
    expect(formatResumeText({ ...METHODS, dependencies: ['Zotero library export', 'coding_scheme_v2.xlsx', 'supervisor review slot (Fri)'] })).toBe(
      [
        'Resume from anchor: [Thesis_Ch3_Methods]',
        'Context: Survey of 41 papers done; coding scheme v2 agreed with supervisor.',
        'Current milestone: Methods draft sections 3.1–3.3 written.',
        'Next action: Write 3.4 (threats to validity) and send to supervisor.',
        'Dependencies: Zotero library export; coding_scheme_v2.xlsx; supervisor review slot (Fri)',
      ].join('\n'),
    );
  });

  it('keeps the lines of multi-line fields and the labels of empty ones', () => {
    expect(formatResumeText({ name: 'A', context: 'one\ntwo', milestone: '', nextAction: 'go', dependencies: [] })).toBe(
      'Resume from anchor: [A]\nContext: one\ntwo\nCurrent milestone:\nNext action: go\nDependencies:',
    );
  });

  it.each([
    ['an item is long', ['x'.repeat(81), 'b']],
    ['an item contains ;', ['a; b', 'c']],
    ['the only item contains ,', ['Zotero, exported']],
  ])('writes dependencies as bullets when %s', (_, dependencies) => {
    const text = formatResumeText({ ...METHODS, dependencies });
    expect(text.split('\n').slice(-1 - dependencies.length)).toEqual(['Dependencies:', ...dependencies.map((d) => `- ${d}`)]);
  });

  it('keeps commas on one line when ; separates the items', () => {
    expect(formatResumeText({ ...METHODS, dependencies: ['a, b', 'c'] }).split('\n').at(-1)).toBe('Dependencies: a, b; c');
  });

  it.each([
    ['one line', METHODS.dependencies],
    ['bullets', ['a; b', 'c, d']],
    ['one item with a comma', ['Zotero, exported']],
  ])('parses back to the same draft (%s)', (_, dependencies) => {
    const draft = { ...METHODS, context: 'one\ntwo', dependencies };
    expect(parseAnchorText(formatResumeText(draft))).toEqual({ ok: true, labels: 4, draft });
  });
});

describe('formatTimestamp', () => {
  const iso = local(2026, 3, 4, 9, 5);

  it.each([
    [true, 'us', '09:05 03/04/2026'],
    [true, 'iso', '09:05 2026-03-04'],
    [false, 'us', '--:-- 03/04/2026'],
    [false, 'iso', '--:-- 2026-03-04'],
  ] as const)('timeKnown %s, %s → %s', (timeKnown, dateFormat, expected) => {
    expect(formatTimestamp(iso, timeKnown, dateFormat)).toBe(expected);
  });

  it('uses 24-hour time', () => {
    expect(formatTimestamp(local(2026, 12, 31, 23, 59), true, 'us')).toBe('23:59 12/31/2026');
  });
});

describe('formatLogEntry', () => {
  it('writes the canonical entry from the doc', () => {
    expect(formatLogEntry(anchor({}), { dateFormat: 'us' })).toBe(
      [
        '**09:12 03/14/2026**',
        '',
        'Resume from anchor: **[Thesis_Ch3_Methods]**',
        '',
        '**Context:**',
        'Survey of 41 papers done; coding scheme v2 agreed with supervisor.',
        '',
        '**Current milestone:**',
        'Methods draft sections 3.1–3.3 written.',
        '',
        '**Next action:**',
        'Write 3.4 (threats to validity) and send to supervisor.',
        '',
        '**Dependencies:**',
        '',
        '- Zotero library export',
        '- coding_scheme_v2.xlsx',
        '- supervisor review slot (Fri)',
      ].join('\n'),
    );
  });

  it('keeps the labels of empty fields with nothing under them', () => {
    const text = formatLogEntry(anchor({ context: '', milestone: '', nextAction: '', dependencies: [] }), { dateFormat: 'iso' });
    expect(text).toBe(
      '**09:12 2026-03-14**\n\nResume from anchor: **[Thesis_Ch3_Methods]**\n\n**Context:**\n\n**Current milestone:**\n\n**Next action:**\n\n**Dependencies:**',
    );
  });

  it.each([
    ['a label', 'Context: inside', '\\Context: inside'],
    ['a bold label', '**Next action:** x', '\\**Next action:** x'],
    ['a name line', 'Resume from anchor: [B]', '\\Resume from anchor: [B]'],
    ['a timestamp', '**10:00 03/14/2026**', '\\**10:00 03/14/2026**'],
    ['a fence', '```js', '\\```js'],
    ['a rule', '---', '\\---'],
    ['leading spaces', '  indented', '\\  indented'],
    ['a leading backslash', '\\d+', '\\\\d+'],
  ])('escapes a context line that looks like %s', (_, line, written) => {
    const text = formatLogEntry(anchor({ context: `first\n${line}` }), { dateFormat: 'us' });
    expect(text.split('\n')).toContain(written);
  });

  it('leaves ordinary markdown alone', () => {
    const context = '- a bullet\n*emphasis* and `code` and [link] # not a heading';
    const text = formatLogEntry(anchor({ context }), { dateFormat: 'us' });
    expect(text).toContain(`**Context:**\n${context}\n`);
  });

  it('escapes dependencies that would read as labels or rules', () => {
    const text = formatLogEntry(anchor({ dependencies: ['Context: x', '--', 'plain'] }), { dateFormat: 'us' });
    expect(text.split('\n').slice(-3)).toEqual(['- \\Context: x', '- \\--', '- plain']);
  });
});

describe('the log in a markdown viewer', () => {
  const HOSTILE = [
    '<img src=x onerror="window.__pwned=1">',
    '<script>window.__pwned=1</script>',
    '<a href="javascript:window.__pwned=1">go</a>',
    '[click me](javascript:window.__pwned=1)',
    '![tracker](https://evil.example/pixel.png)',
    '![[secret-note.md]]',
    '<https://evil.example/autolink>',
    '<!-- hidden --> <?php ?> <![CDATA[x]]>',
    '[ref]: javascript:window.__pwned=1',
    '[docs](https://evil.example/steal?x=1)',
    '\\<img src=x onerror=alert(1)>',
    '!\\[x](javascript:alert(1))',
    '<iframe src="https://evil.example"></iframe>',
  ];
  const hostile = anchor({
    name: `Name_![x](https://evil.example/n.png)<img src=x>[a](javascript:alert(1))`,
    context: HOSTILE.join('\n'),
    milestone: HOSTILE.join(' '),
    nextAction: `  ${HOSTILE[0]}`,
    dependencies: HOSTILE,
  });
  const log = formatLog([hostile], { template: DEFAULT_TEMPLATE, dateFormat: 'us', allVersions: true });

  it('renders to text only: no image, link, script, frame or raw HTML', () => {
    expect(liveMarkup(log)).toEqual([]);
  });

  it('was not so before neutralizing (the check can fail)', () => {
    expect(liveMarkup(HOSTILE.join('\n\n')).length).toBeGreaterThan(8);
  });

  it('still reads back as the same anchor', () => {
    const [entry] = parseAnchorLog(log).entries;
    const { name, context, milestone, nextAction, dependencies } = hostile;
    expect(entry?.draft).toEqual({ name, context, milestone, nextAction, dependencies });
  });

  it('leaves text that starts no markup as it is, and marks the rest with one backslash', () => {
    const plain = anchor({ context: 'a < b, [x] done (see notes) → 3 > 2\nuse Array<T> and ![alt](u)' });
    const lines = formatLogEntry(plain, { dateFormat: 'us' }).split('\n');
    expect(lines).toContain('a < b, [x] done (see notes) → 3 > 2');
    expect(lines).toContain('use Array\\<T> and !\\[alt]\\(u)');
  });
});

describe('formatLog', () => {
  const older = anchor({ id: 'o', name: 'A', createdAt: local(2026, 3, 1, 8, 0) });
  const newer = anchor({ id: 'n', name: 'A', createdAt: local(2026, 3, 2, 8, 0), context: 'newer' });
  const other = anchor({ id: 'b', name: 'B', createdAt: local(2026, 3, 1, 12, 0) });
  const trashed = anchor({ id: 't', name: 'Trash', createdAt: local(2026, 3, 5), deletedAt: local(2026, 3, 6) });
  const opts = { template: DEFAULT_TEMPLATE, dateFormat: 'us' as const, allVersions: true };

  it('starts with the header, the description and the fenced template', () => {
    const log = formatLog([], opts);
    expect(log).toBe(
      `# GPT Anchors Log\n\nA living record of handoff anchors between ChatGPT sessions.\n\n---\n\n## Template\n\n\`\`\`\n${DEFAULT_TEMPLATE}\n\`\`\`\n\n---\n`,
    );
    expect(parseAnchorLog(log)).toEqual({ entries: [], warnings: [] });
  });

  it('writes entries newest first and leaves out the trash', () => {
    const names = parseAnchorLog(formatLog([older, trashed, other, newer], opts)).entries.map((e) => [e.draft.name, e.createdAt]);
    expect(names).toEqual([
      ['A', newer.createdAt],
      ['B', other.createdAt],
      ['A', older.createdAt],
    ]);
  });

  it('writes only the newest version of each name when asked', () => {
    const entries = parseAnchorLog(formatLog([older, other, newer], { ...opts, allVersions: false })).entries;
    expect(entries.map((e) => [e.draft.name, e.draft.context])).toEqual([
      ['A', 'newer'],
      ['B', METHODS.context],
    ]);
  });

  it('fences a template that contains a code fence of its own', () => {
    const template = 'Anchor [ANCHOR_NAME]\n```\nResume from anchor: [ANCHOR_NAME]\nContext: x\nNext action: y\n```';
    const log = formatLog([other], { ...opts, template });
    expect(log).toContain(`\`\`\`\`\n${template}\n\`\`\`\``);
    expect(parseAnchorLog(log).entries.map((e) => e.draft.name)).toEqual(['B']);
  });

  it('writes ISO dates when asked', () => {
    expect(formatLog([other], { ...opts, dateFormat: 'iso' })).toContain('**12:00 2026-03-01**');
  });
});

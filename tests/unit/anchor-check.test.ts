import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnchorDraftSchema, AnchorNameSchema, describeZodError } from '../../lib/model/anchor';
import { LIMITS, RULES, checkDraft, checkName, invisibleInName, normalizeName } from '../../lib/model/anchor-check';
import { tabChecks } from '../../lib/messaging/tab-requests';

// Text near every limit, with the characters the rules care about (line breaks, edge spaces, and
// what a name is normalized for: combining accents, bidi controls, zero-width characters, joiners).
const piece = fc.constantFrom('a', ' ', '\n', '\r', 'é', '\t', 'x', 'e\u0301', '\u202E', '\u200B', '\u200D', '\uFEFF', '👩', '\u2066');
const textUpTo = (max: number) =>
  fc.oneof(
    fc.string({ unit: piece, maxLength: 12 }),
    fc.integer({ min: Math.max(0, max - 2), max: max + 2 }).map((n) => 'n'.repeat(n)),
    fc.integer({ min: Math.max(0, max - 2), max: max + 2 }).map((n) => ` ${'n'.repeat(n)} `),
  );

const drafts = fc.record({
  name: textUpTo(LIMITS.name),
  context: textUpTo(LIMITS.field),
  milestone: fc.string({ unit: piece, maxLength: 20 }),
  nextAction: textUpTo(LIMITS.field),
  dependencies: fc.oneof(
    fc.array(textUpTo(LIMITS.dependency), { maxLength: 4 }),
    fc.integer({ min: LIMITS.dependencies - 1, max: LIMITS.dependencies + 1 }).map((n) => Array.from({ length: n }, (_, i) => `dep ${i}`)),
  ),
});

describe('the zod-free checks the content script uses', () => {
  it('accept and refuse exactly the drafts the zod schema does, with the same result', () => {
    fc.assert(
      fc.property(drafts, (draft) => {
        const ours = checkDraft(draft);
        const zods = AnchorDraftSchema.safeParse(draft);
        expect(ours.ok).toBe(zods.success);
        if (ours.ok && zods.success) expect(ours.value).toEqual(zods.data);
        // Our one sentence is among zod's (zod reports every broken rule, we the first).
        if (!ours.ok && !zods.success) expect(describeZodError(zods.error)).toContain(ours.error);
      }),
      { numRuns: 400 },
    );
  });

  it('check names as the zod schema does', () => {
    fc.assert(
      fc.property(textUpTo(LIMITS.name), (name) => {
        const ours = checkName(name);
        const zods = AnchorNameSchema.safeParse(name);
        expect(ours.ok).toBe(zods.success);
        if (ours.ok && zods.success) expect(ours.value).toBe(zods.data);
        if (!ours.ok && !zods.success) expect(zods.error.issues.map((issue) => issue.message)).toContain(ours.error);
      }),
      { numRuns: 300 },
    );
  });

  it('say which field is too long and by how much', () => {
    const draft = { name: 'A', context: '', milestone: 'm'.repeat(LIMITS.field + 5), nextAction: '', dependencies: [] };
    expect(checkDraft(draft)).toEqual({
      ok: false,
      error: `Current milestone is too long (${LIMITS.field + 5} characters; the limit is ${LIMITS.field}).`,
    });
  });
});

describe('names that could pass for another', () => {
  it.each([
    ['Report_\u202Egpj.exe', 'Report_gpj.exe'], // shows as Report_exe.jpg
    ['Capstone_\u200BStep9_Admin', 'Capstone_Step9_Admin'], // a zero-width twin
    ['Capstone_Step9\u200C_Admin', 'Capstone_Step9_Admin'],
    ['\uFEFFCapstone_Step9_Admin\u2060', 'Capstone_Step9_Admin'],
    ['Re\u00ADport\u2067x\u2069', 'Reportx'],
    ['x\u{E0041}\u{E0042}y', 'xy'], // tag characters
    ['Cafe\u0301_Plan', 'Caf\u00e9_Plan'], // NFC
  ])('%j is stored as %j, by both checks', (name, stored) => {
    expect(checkName(name)).toEqual({ ok: true, value: stored });
    expect(AnchorNameSchema.parse(name)).toBe(stored);
    expect(normalizeName(name)).toBe(stored);
  });

  it.each(['❤\uFE0F_Project', '👍🏽_Ok', '🚀_Launch'])('keeps the variation selector and modifier an emoji shows with: %s', (name) => {
    expect(checkName(name)).toEqual({ ok: true, value: name });
  });

  it('takes the joiner out of an emoji sequence too: its parts still show', () => {
    expect(checkName('👩\u200D💻_Dev')).toEqual({ ok: true, value: '👩💻_Dev' });
  });

  it('refuses a name made only of invisible characters as empty', () => {
    expect(checkName('\u200B\u202E')).toEqual({ ok: false, error: RULES.nameEmpty });
    expect(AnchorNameSchema.safeParse('\u200B\u202E').success).toBe(false);
  });

  it('names what was removed', () => {
    expect(invisibleInName('A\u202EB\u200BC\u202E')).toEqual(['U+202E', 'U+200B']);
    expect(invisibleInName('Plain_Name')).toEqual([]);
  });
});

describe('the ChatGPT tab’s runCommand check', () => {
  const check = tabChecks.runCommand;

  it.each([
    [{ command: 'save' }, { command: 'save' }],
    [{ command: 'resume', extra: 1 }, { command: 'resume' }],
    [{ command: 'saveSelection', selectionText: 'a\nb' }, { command: 'saveSelection', selectionText: 'a\nb' }],
  ])('takes %j', (payload, value) => {
    expect(check(payload)).toEqual({ ok: true, value });
  });

  it.each([
    [null, 'the payload is not an object.'],
    ['save', 'the payload is not an object.'],
    [{}, 'command: expected one of save, resume, saveSelection.'],
    [{ command: 'delete' }, 'command: expected one of save, resume, saveSelection.'],
    [{ command: 'saveSelection', selectionText: 42 }, 'selectionText: expected text.'],
    [{ command: 'saveSelection', selectionText: 'x'.repeat(1_000_001) }, 'selectionText: longer than 1000000 characters.'],
  ])('refuses %j', (payload, error) => {
    expect(check(payload)).toEqual({ ok: false, error });
  });
});

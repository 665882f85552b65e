import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnchorDraftSchema, AnchorNameSchema, describeZodError } from '../../lib/anchor';
import { LIMITS, checkDraft, checkName } from '../../lib/anchor-check';
import { tabChecks } from '../../lib/tab-requests';

// Text near every limit, with the characters the rules care about (line breaks, edge spaces).
const piece = fc.constantFrom('a', ' ', '\n', '\r', 'é', '\t', 'x');
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

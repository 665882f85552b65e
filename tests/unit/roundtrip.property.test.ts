import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnchorDraftSchema, type Anchor } from '../../lib/model/anchor';
import { normalizeName } from '../../lib/model/anchor-check';
import { DEFAULT_TEMPLATE, formatLog } from '../../lib/log/format';
import { planImport } from '../../lib/log/import-plan';
import { parseAnchorLog, parseAnchorText } from '../../lib/log/parse';
import { liveMarkup } from '../support/markdown-viewer';
import { sortNewestFirst } from '../../lib/model/order';

const RUNS = Number(process.env.PROP_RUNS ?? 200);

/** Lines that a naive writer or reader would get wrong. */
const TRICKY_LINES = [
  'Context: x',
  '**Context:**',
  '**Context**: y',
  'CONTEXT: shout',
  '**Next action:** y',
  '- Dependencies: z',
  '- **Current milestone:** m',
  '### Current milestone',
  '**Dependencies**',
  'Resume from anchor: [X]',
  '**Resume from anchor:** [X]',
  'esume from anchor: X',
  '✅ Anchor **[X]** loaded successfully.',
  '**09:12 03/14/2026**',
  '**25:61 03/13/2026**',
  '**--:-- 2026-03-14**',
  '**03/14/2026**',
  '---',
  '***',
  '___',
  '- - -',
  '```',
  '````js',
  '~~~',
  '    indented code',
  ' one space',
  '\t tab',
  '',
  ' ',
  '\\',
  '\\\\',
  '\\---',
  '\\Context: x',
  '\\ lead',
  '- bullet',
  '* star',
  '• dot',
  '1. one',
  '# heading',
  '> quote',
  '[link](x) and [brackets]',
  '`code` and *em* and __bold__ and _under_',
  'κ = 0.81 → ✓ 🎉 –',
  'a; b, c',
  'trailing spaces  ',
  '| a | b |',
  'line\u2028separator \u0085 nel',
  // What a markdown viewer would act on: the log neutralizes it and still reads it back.
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '[click](javascript:alert(1))',
  '![pixel](https://evil.example/p.png)',
  '![[embedded note]]',
  '<https://evil.example>',
  '[ref]: javascript:alert(1)',
  '<!-- comment -->',
  '\\<b>',
  '!\\[x]\\(y)',
  '\\\\[a](b)',
  '](',
  '<',
];

/** Characters that start markup, and backslashes around them. */
const markupish = fc.string({ unit: fc.constantFrom('<', '[', '(', ']', '!', '\\', 'a', '/', ' ', '?'), maxLength: 24 });

const noCr = (s: string) => !/[\r\n]/.test(s);
const freeLine = fc.string({ maxLength: 30, unit: 'grapheme' }).filter(noCr);
const line = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY_LINES) },
  { weight: 2, arbitrary: freeLine },
  { weight: 1, arbitrary: markupish },
);
const field = fc.oneof(
  fc.constant(''),
  fc.array(line, { minLength: 1, maxLength: 6 }).map((lines) => lines.join('\n')),
);

/** A string that the schema keeps unchanged (trimmed, one line, non-empty, within `max`). */
const oneLine = (max: number) =>
  fc
    .oneof(fc.constantFrom(...TRICKY_LINES), freeLine, markupish, fc.constantFrom('a]b', '[x', '**', '`', '_x_', 'ANCHOR_NAME', 'a; b', 'a, b', '!\u2028!'))
    .map((s) => s.trim())
    .filter((s) => s !== '' && s.length <= max && noCr(s));
/** A name the schema keeps unchanged (normalized: NFC, no invisible characters). */
const nameArb = oneLine(120).filter((s) => normalizeName(s) === s);

const anchorArb: fc.Arbitrary<Anchor> = fc
  .record({
    id: fc.uuid(),
    name: nameArb,
    context: field,
    milestone: field,
    nextAction: field,
    dependencies: fc.array(oneLine(200), { maxLength: 5 }),
    createdAt: fc
      .date({ min: new Date(1971, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true })
      .map((d) => d.toISOString()),
    timeKnown: fc.boolean(),
  })
  .map((a) => ({ ...a, source: {}, origin: 'captured' as const, resumeCount: 0 }));

/** What the log keeps of a time: the local minute, or the local day when the time is unknown. */
function localMoment(iso: string, timeKnown: boolean): string {
  const d = new Date(iso);
  const day = `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
  return timeKnown ? `${day} ${d.getHours()}:${d.getMinutes()}` : day;
}

/** The log lists anchors in the library's order (lib/model/order.ts). */
function newestFirst(anchors: Anchor[]): Anchor[] {
  return sortNewestFirst([...anchors]);
}

describe('log round trip', () => {
  it('generated anchors are valid, so the property covers what the library can hold', () => {
    fc.assert(
      fc.property(anchorArb, (anchor) => {
        expect(AnchorDraftSchema.parse(anchor)).toEqual({
          name: anchor.name,
          context: anchor.context,
          milestone: anchor.milestone,
          nextAction: anchor.nextAction,
          dependencies: anchor.dependencies,
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('parseAnchorLog(formatLog(anchors)) gives back every anchor exactly, with no warnings', () => {
    fc.assert(
      fc.property(fc.array(anchorArb, { maxLength: 6 }), fc.constantFrom('us' as const, 'iso' as const), (anchors, dateFormat) => {
        const { entries, warnings } = parseAnchorLog(formatLog(anchors, { template: DEFAULT_TEMPLATE, dateFormat, allVersions: true }));
        const expected = newestFirst(anchors);
        expect(warnings).toEqual([]);
        expect(entries.map((e) => e.draft)).toEqual(
          expected.map(({ name, context, milestone, nextAction, dependencies }) => ({ name, context, milestone, nextAction, dependencies })),
        );
        expect(entries.map((e) => [e.timeKnown, localMoment(e.createdAt ?? '', e.timeKnown)])).toEqual(
          expected.map((a) => [a.timeKnown, localMoment(a.createdAt, a.timeKnown)]),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('the exported log renders in a markdown viewer to text only (no image, link, script, raw HTML)', () => {
    fc.assert(
      fc.property(fc.array(anchorArb, { maxLength: 4 }), (anchors) => {
        const text = formatLog(anchors, { template: DEFAULT_TEMPLATE, dateFormat: 'us', allVersions: true });
        expect(liveMarkup(text)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('importing an exported log adds every anchor, and importing it again adds none', () => {
    fc.assert(
      fc.property(fc.array(anchorArb, { maxLength: 5 }), (anchors) => {
        const text = formatLog(anchors, { template: DEFAULT_TEMPLATE, dateFormat: 'us', allVersions: true });
        let n = 0;
        const input = { fileName: 'log.md', text, now: new Date(2026, 0, 1).toISOString(), newId: () => `id${n++}` };
        const first = planImport({ ...input, existing: [] });
        if (anchors.length === 0) {
          expect(first.ok).toBe(false);
          return;
        }
        if (!first.ok) throw new Error(first.error);
        expect(first.toAdd.length + first.duplicates).toBe(anchors.length);
        const again = planImport({ ...input, existing: first.toAdd });
        expect(again).toMatchObject({ ok: true, toAdd: [], duplicates: anchors.length });
      }),
      { numRuns: RUNS },
    );
  });
});

/** A log with random damage: lines dropped, repeated, swapped for junk, characters changed. */
const mutatedLog = fc
  .tuple(
    fc.array(anchorArb, { minLength: 1, maxLength: 3 }),
    fc.array(
      fc.tuple(fc.nat(), fc.constantFrom('drop', 'repeat', 'junk', 'tricky', 'char'), fc.string({ maxLength: 12 }), fc.constantFrom(...TRICKY_LINES)),
      { maxLength: 8 },
    ),
  )
  .map(([anchors, edits]) => {
    const lines = formatLog(anchors, { template: DEFAULT_TEMPLATE, dateFormat: 'us', allVersions: true }).split('\n');
    for (const [at, op, junk, tricky] of edits) {
      const i = at % lines.length;
      const current = lines[i] ?? '';
      if (op === 'drop') lines.splice(i, 1);
      else if (op === 'repeat') lines.splice(i, 0, current);
      else if (op === 'junk') lines.splice(i, 0, junk);
      else if (op === 'tricky') lines[i] = tricky;
      else lines[i] = current.slice(0, at % (current.length + 1)) + junk + current.slice((at % (current.length + 1)) + 1);
    }
    return lines.join('\n');
  });

describe('the parser never throws', () => {
  const wellFormed = (text: string) => {
    const lineCount = text.split(/\r\n?|\n/).length;
    const { entries, warnings } = parseAnchorLog(text);
    for (const entry of entries) {
      expect(entry.draft.name).not.toBe('');
      expect(entry.line).toBeGreaterThanOrEqual(1);
      expect(entry.line).toBeLessThanOrEqual(lineCount);
      if (entry.createdAt !== undefined) expect(Number.isNaN(Date.parse(entry.createdAt))).toBe(false);
    }
    for (const warning of warnings) expect(warning.line).toBeGreaterThanOrEqual(1);
    const reply = parseAnchorText(text);
    if (reply.ok) expect(AnchorDraftSchema.safeParse(reply.draft).success).toBe(true);
    else expect(reply.reason).not.toBe('');
  };

  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400, unit: 'grapheme' }), wellFormed), { numRuns: RUNS });
  });

  it('on arbitrary lines of anchor-like text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...TRICKY_LINES), fc.string({ maxLength: 20 })), { maxLength: 40 }), (lines) =>
        wellFormed(lines.join('\n')),
      ),
      { numRuns: RUNS },
    );
  });

  it('on damaged logs', () => {
    fc.assert(fc.property(mutatedLog, wellFormed), { numRuns: RUNS });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnchorDraftSchema, type Anchor } from '../../lib/model/anchor';
import { LIMITS, RULES } from '../../lib/model/anchor-check';
import { formatLogEntry } from '../../lib/log/format';
import { fenceRanges } from '../../lib/log/parse-fences';
import { MAX_ANCHOR_TEXT, parseAnchorLog, parseAnchorText } from '../../lib/log/parse';
import { adversarialText, decreasingFences } from '../support/adversarial';

/**
 * Input built to hurt the parser: it never throws, it refuses a reply too long to be an
 * anchor before parsing it, it caps a hostile dependency list, and adversarial shapes get the same
 * answer as a plain reading would give. How fast it is, per input size, is measured by the bench
 * (`npm run bench`: parse any 1 MB within 100 ms); here only that it finishes at all.
 */

const RUNS = Number(process.env.PROP_RUNS ?? 150);

const ANCHOR: Anchor = {
  id: 'a1',
  name: 'Capstone_Step9_Silver',
  context: 'Pipeline runs nightly.\nSilver tables built.',
  milestone: 'Bronze → Silver done.',
  nextAction: 'Add the gold aggregates.',
  dependencies: ['dbt 1.8', 'warehouse access'],
  createdAt: new Date(2026, 2, 14, 9, 12).toISOString(),
  timeKnown: true,
  source: {},
  origin: 'captured',
  resumeCount: 0,
};
const { name, context, milestone, nextAction, dependencies } = ANCHOR;
const DRAFT = { name, context, milestone, nextAction, dependencies };
const ENTRY = formatLogEntry(ANCHOR, { dateFormat: 'us' });

/** The reading of fences the parser promises, written the plain (quadratic) way. */
function referenceFences(lines: string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})(.*)$/s.exec((lines[i] ?? '').trim());
    if (!open?.[1] || (open[1].startsWith('`') && (open[2] ?? '').includes('`'))) continue;
    for (let j = i + 1; j < lines.length; j++) {
      const close = /^(`{3,}|~{3,})\s*$/.exec((lines[j] ?? '').trim())?.[1];
      if (close && close.charAt(0) === open[1].charAt(0) && close.length >= open[1].length) {
        ranges.push([i, j]);
        i = j;
        break;
      }
    }
  }
  return ranges;
}

describe('adversarial input', () => {
  it('finds the same code fences as the plain reading', () => {
    fc.assert(
      fc.property(adversarialText(), (text) => {
        const lines = text.split('\n');
        expect(fenceRanges(lines)).toEqual(referenceFences(lines));
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws, and an anchor after the junk still comes in exactly', () => {
    fc.assert(
      fc.property(adversarialText(), (junk) => {
        const { entries, warnings } = parseAnchorLog(`${junk}\n\n${ENTRY}\n`);
        expect(entries.at(-1)).toEqual({ draft: DRAFT, createdAt: ANCHOR.createdAt, timeKnown: true, line: junk.split('\n').length + 2 });
        for (const warning of warnings) expect(warning.line).toBeGreaterThanOrEqual(1);
        const reply = parseAnchorText(junk);
        if (reply.ok) expect(AnchorDraftSchema.safeParse(reply.draft).success).toBe(true);
        else expect(reply.reason).not.toBe('');
      }),
      { numRuns: RUNS },
    );
  });

  it('reads 2 MB of fences of decreasing length followed by plain lines (15 s per MB before) at all', () => {
    const text = decreasingFences(2_000_000);
    expect(parseAnchorLog(`${text}\n${ENTRY}`).entries.map((e) => e.draft.name)).toEqual([ANCHOR.name]);
    expect(parseAnchorText(text.slice(0, MAX_ANCHOR_TEXT))).toMatchObject({ ok: false });
  }, 10_000);
});

describe('a reply too long to be an anchor', () => {
  it('leaves room for the largest anchor the limits allow', () => {
    expect(MAX_ANCHOR_TEXT).toBeGreaterThan(LIMITS.name + 3 * LIMITS.field + LIMITS.dependencies * (LIMITS.dependency + 3));
  });

  it('is refused by its length, not parsed', () => {
    const chatter = 'word '.repeat(MAX_ANCHOR_TEXT / 5);
    expect(parseAnchorText(`${chatter}x`)).toEqual({
      ok: false,
      reason: `This is too long to be an anchor (${MAX_ANCHOR_TEXT + 1} characters; at most ${MAX_ANCHOR_TEXT}).`,
    });
  });

  it('that names an anchor is an anchor that breaks the limits: Save anchor says so rather than ask for another', () => {
    const huge = `Resume from anchor: [Huge]\nContext: ${'x'.repeat(MAX_ANCHOR_TEXT)}\nNext action: go`;
    expect(parseAnchorText(huge)).toMatchObject({ ok: false, invalid: true });
  });

  it('is still read when it fits', () => {
    const big = `${'chatter\n'.repeat(1000)}Resume from anchor: [Big]\nContext: ${'x'.repeat(LIMITS.field)}\nNext action: go`;
    expect(parseAnchorText(big)).toMatchObject({ ok: true, draft: { name: 'Big', nextAction: 'go' } });
  });
});

describe('a hostile dependency list', () => {
  const bomb = Array.from({ length: 125_001 }, (_, i) => `d${i}`).join(',');

  it('on one line of a reply does not throw (a RangeError before): it is refused', () => {
    const reply = `Resume from anchor: [Deps]\nContext: c\nDependencies: ${bomb}`;
    expect(parseAnchorText(reply)).toMatchObject({ ok: false, invalid: true });
    const fits = reply.slice(0, MAX_ANCHOR_TEXT);
    expect(parseAnchorText(fits)).toEqual({ ok: false, invalid: true, reason: `The anchor “Deps” cannot be saved: ${RULES.tooManyDependencies}` });
  });

  it('in a log does not throw, and the entry keeps only one item over the limit (the import refuses it)', () => {
    const log = `Resume from anchor: [Deps]\nContext: c\nDependencies: ${bomb}\n`;
    const { entries } = parseAnchorLog(log);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.draft.dependencies).toHaveLength(LIMITS.dependencies + 1);
    const asBullets = `Resume from anchor: [Deps]\nContext: c\nDependencies:\n${bomb.split(',').slice(0, 20_000).map((d) => `- ${d}`).join('\n')}\n`;
    expect(parseAnchorLog(asBullets).entries[0]?.draft.dependencies).toHaveLength(LIMITS.dependencies + 1);
  });

  it('just at the limit is kept whole', () => {
    const items = Array.from({ length: LIMITS.dependencies }, (_, i) => `d${i}`);
    const parsed = parseAnchorText(`Resume from anchor: [Deps]\nContext: c\nDependencies: ${items.join('; ')}`);
    expect(parsed).toMatchObject({ ok: true, draft: { dependencies: items } });
  });

  it('of many name lines does not throw either', () => {
    const names = 'Resume from anchor: [X]\n'.repeat(200_000);
    expect(() => parseAnchorLog(names)).not.toThrow();
    expect(parseAnchorText(names.slice(0, MAX_ANCHOR_TEXT))).toMatchObject({ ok: false });
  });
});

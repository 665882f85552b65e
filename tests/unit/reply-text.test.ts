import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAnchorText } from '../../lib/log/parse';
import { MAX_REPLY_TEXT, mayBeAnchor, tooLongToRead } from '../../lib/model/reply-text';

/**
 * The page's cheap look at a reply (lib/model/reply-text.ts) decides which replies the background is
 * asked about. It may say yes too often (the background answers "not an anchor"), never too
 * rarely: a reply the parser reads as an anchor, or as an anchor that breaks a limit, without a
 * *Save this anchor* button would be a lost anchor.
 */

const RUNS = Number(process.env.PROP_RUNS ?? 300);

const NAME_LINES = [
  'Resume from anchor: [NAME]',
  '**Resume from anchor:** [NAME]',
  '### Resume from anchor: **[NAME]**',
  'RESUME FROM ANCHOR: NAME',
  'esume from anchor: NAME',
  'Resume   from\tanchor: `[NAME]`',
  '✅ Anchor **[NAME]** loaded successfully.',
  '*Anchor NAME loaded.*',
];
const LABELS = ['Context', 'Current milestone', 'Next action', 'Dependencies', 'CONTEXT', 'current   milestone', 'NEXT ACTION', 'dependencies'];
const LABEL_FORMS = [
  (label: string, rest: string) => `${label}: ${rest}`,
  (label: string, rest: string) => `**${label}:** ${rest}`,
  (label: string, rest: string) => `**${label}**: ${rest}`,
  (label: string, rest: string) => `- **${label}:** ${rest}`,
  (label: string, rest: string) => `1. ${label}: ${rest}`,
  (label: string, rest: string) => `### ${label}\n${rest}`,
  (label: string, rest: string) => `**${label}**\n${rest}`,
  (label: string, rest: string) => `__${label}__: ${rest}`,
];

const text = fc.string({ maxLength: 40, unit: 'grapheme' }).filter((s) => !/[\r\n]/.test(s));
const name = fc.oneof(fc.constantFrom('Capstone_Step9_Admin', 'Trip', 'x'.repeat(121), 'ANCHOR_NAME', ''), text);
const labelLine = fc
  .tuple(fc.constantFrom(...LABELS), fc.constantFrom(...LABEL_FORMS), fc.oneof(text, fc.constant('y'.repeat(20_001))))
  .map(([label, form, rest]) => form(label, rest));
const anyLine = fc.oneof(
  { weight: 2, arbitrary: labelLine },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NAME_LINES), name).map(([line, n]) => line.replace('NAME', n)) },
  { weight: 2, arbitrary: text },
  { weight: 1, arbitrary: fc.constantFrom('', '```', '```md', '---', '> quote', 'Here is your anchor:') },
);
/** Replies shaped like anchors (a name line and labels among other lines), and arbitrary mixes. */
const reply = fc.oneof(
  fc
    .tuple(fc.array(anyLine, { maxLength: 3 }), fc.constantFrom(...NAME_LINES), name, fc.array(labelLine, { minLength: 1, maxLength: 5 }), fc.array(anyLine, { maxLength: 3 }))
    .map(([before, line, n, labels, after]) => [...before, line.replace('NAME', n), ...labels, ...after].join('\n')),
  fc.array(anyLine, { maxLength: 12 }).map((lines) => lines.join('\n')),
);

describe('the page’s look at a reply before it asks the background', () => {
  it('is true for every reply the parser reads as an anchor or as an anchor that breaks a limit', () => {
    let anchors = 0;
    fc.assert(
      fc.property(reply, (candidate) => {
        const parsed = parseAnchorText(candidate);
        if (parsed.ok || parsed.invalid) {
          anchors += 1;
          expect(mayBeAnchor(candidate), candidate).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
    // The property was tested on anchors, not only on replies that are none.
    expect(anchors).toBeGreaterThan(RUNS / 10);
  });

  it('spares replies without the word anchor or without two different labels', () => {
    expect(mayBeAnchor('Start with a **route** guarded by a role check.')).toBe(false);
    expect(mayBeAnchor('Context: the anchor of the bridge.\nMore context: still one label.')).toBe(false);
    expect(mayBeAnchor('Context: x\nNext action: y\nDependencies: z')).toBe(false);
    expect(mayBeAnchor('Resume from anchor: [X]\nContext: x\nNext action: y')).toBe(true);
    expect(mayBeAnchor('anchor\nContext and current   milestone')).toBe(true);
  });

  it('names the reading limit in the sentence that refuses a longer text', () => {
    expect(tooLongToRead('This reply', MAX_REPLY_TEXT + 1)).toBe(
      'This reply is too long to be read as an anchor (2000001 characters; the limit is 2000000). Nothing was saved.',
    );
  });
});

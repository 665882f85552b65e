import { describe, expect, it } from 'vitest';
import { AnchorDraftSchema, LIMITS, describeZodError, type Anchor, type AnchorDraft } from '../../lib/model/anchor';
import { formatBackup, parseBackup } from '../../lib/log/backup';
import { DEFAULT_TEMPLATE, formatLog, formatResumeText } from '../../lib/log/format';
import { backgroundRequests } from '../../lib/messaging/messages';
import { normalizeName } from '../../lib/model/anchor-check';
import { MAX_ANCHOR_TEXT, parseAnchorLog, parseAnchorText } from '../../lib/log/parse';
import { CONTROLS, CONTROLS_ONE_LINE, IMG, JS_ANCHOR, JS_LINK, MD_LINK, ONE_MB, RTL, SCRIPT } from '../support/payloads';

/**
 * Hostile text through the pure core: every payload in every field survives the log, the backup
 * and the resume text exactly (nothing escaped away, nothing dropped), and a megabyte in any field
 * is refused with the field's name and the limit at every boundary that takes text in.
 */

/** \r is left out here: the log and the resume text treat it as a line break (test below). */
const PAYLOADS = { IMG, SCRIPT, JS_LINK, JS_ANCHOR, MD_LINK, RTL, CONTROLS: CONTROLS_ONE_LINE };

function draftWith(payload: string): AnchorDraft {
  const oneLine = payload.replace(/[\r\n]/g, ' ');
  return {
    // Names are stored without invisible characters (the RTL override; tested in anchor.test.ts).
    name: normalizeName(`Hostile_${oneLine.trim()}`.slice(0, LIMITS.name)),
    context: `before ${payload} after`,
    milestone: payload,
    nextAction: `${payload}\n${payload}`,
    dependencies: [`x${oneLine}x`, `${oneLine} key`.trim()],
  };
}

function anchorOf(draft: AnchorDraft, i: number): Anchor {
  return {
    ...draft,
    id: `h-${i}`,
    createdAt: new Date(Date.UTC(2026, 2, 14, 9, i)).toISOString(),
    timeKnown: true,
    source: { chatTitle: draft.name },
    origin: 'captured',
    resumeCount: 0,
  };
}

describe('hostile text in every field', () => {
  it.each(Object.entries(PAYLOADS))('%s is a valid draft, kept as given', (_label, payload) => {
    const draft = draftWith(payload);
    const parsed = AnchorDraftSchema.safeParse(draft);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(draft);
  });

  it.each(Object.entries(PAYLOADS))('%s round-trips through the markdown log exactly', (_label, payload) => {
    const anchor = anchorOf(draftWith(payload), 1);
    const log = formatLog([anchor], { template: DEFAULT_TEMPLATE, dateFormat: 'us', allVersions: true });
    const [entry, ...rest] = parseAnchorLog(log).entries;
    expect(rest).toEqual([]);
    expect(entry?.draft).toEqual(draftWith(payload));
  });

  it('every payload round-trips through the JSON backup exactly', () => {
    const anchors = Object.values(PAYLOADS).map((p, i) => anchorOf(draftWith(p), i));
    const back = parseBackup(formatBackup(anchors, '2026-03-14T10:00:00.000Z'));
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.anchors).toEqual(anchors);
  });

  it.each(Object.entries(PAYLOADS))('%s goes into the resume text as the same characters', (_label, payload) => {
    const text = formatResumeText(draftWith(payload));
    expect(text).toContain(`Current milestone: ${payload}`);
    expect(text).toContain(`Resume from anchor: [${draftWith(payload).name}]`);
  });

  it('a lone \\r in a multi-line field comes back from the log as a line break, nothing else changes', () => {
    const anchor = anchorOf(draftWith(CONTROLS), 1);
    const log = formatLog([anchor], { template: DEFAULT_TEMPLATE, dateFormat: 'us', allVersions: true });
    const back = parseAnchorLog(log).entries[0]?.draft;
    const asLineBreak = (text: string) => text.replace(/\r/g, '\n');
    expect(back).toEqual({
      ...draftWith(CONTROLS),
      context: asLineBreak(anchor.context),
      milestone: asLineBreak(anchor.milestone),
      nextAction: asLineBreak(anchor.nextAction),
    });
  });

  it('a name with control characters (no line breaks) is still a name', () => {
    const name = `Ctrl_${CONTROLS_ONE_LINE.trim()}_end`;
    expect(AnchorDraftSchema.safeParse({ ...draftWith('x'), name }).success).toBe(true);
  });
});

describe('a megabyte in one field', () => {
  const base = { name: 'Huge', context: 'c', milestone: 'm', nextAction: 'n', dependencies: ['d'] };
  const cases: [keyof AnchorDraft, string, string][] = [
    ['context', 'Context', `Context is too long (1000000 characters; the limit is ${LIMITS.field}).`],
    ['milestone', 'Current milestone', `Current milestone is too long (1000000 characters; the limit is ${LIMITS.field}).`],
    ['nextAction', 'Next action', `Next action is too long (1000000 characters; the limit is ${LIMITS.field}).`],
  ];

  it.each(cases)('%s: the schema names the field and the limit', (key, _label, message) => {
    const parsed = AnchorDraftSchema.safeParse({ ...base, [key]: ONE_MB });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeZodError(parsed.error)).toBe(`${key}: ${message}`);
  });

  it.each(cases)('%s: a reply holding it is refused by its length before parsing, as an anchor that breaks a limit', (_key, label) => {
    const text = [`Resume from anchor: [Huge]`, `Context: c`, `Current milestone: m`, `Next action: n`, `Dependencies: d`]
      .map((line) => (line.startsWith(`${label}:`) ? `${label}: ${ONE_MB}` : line))
      .join('\n');
    expect(parseAnchorText(text)).toEqual({
      ok: false,
      invalid: true,
      reason: `This is too long to be an anchor (${text.length} characters; at most ${MAX_ANCHOR_TEXT}).`,
    });
  });

  it.each(cases)('%s: a reply just under the length that still breaks a field limit says which field', (_key, label, message) => {
    const big = 'A'.repeat(LIMITS.field + 5);
    const text = [`Resume from anchor: [Huge]`, `Context: c`, `Current milestone: m`, `Next action: n`, `Dependencies: d`]
      .map((line) => (line.startsWith(`${label}:`) ? `${label}: ${big}` : line))
      .join('\n');
    const parsed = parseAnchorText(text);
    expect(parsed).toMatchObject({ ok: false, invalid: true });
    if (!parsed.ok) expect(parsed.reason).toContain(message.replace('1000000', String(LIMITS.field + 5)));
  });

  it('a name or a dependency of a megabyte is refused too; a text over the reading limit is refused by the saveText message', () => {
    expect(AnchorDraftSchema.safeParse({ ...base, name: ONE_MB }).success).toBe(false);
    expect(AnchorDraftSchema.safeParse({ ...base, dependencies: [ONE_MB] }).success).toBe(false);
    const within = backgroundRequests.saveText.safeParse({ text: ONE_MB, origin: 'captured', source: {} });
    expect(within.success).toBe(true);
    const over = backgroundRequests.saveText.safeParse({ text: `${ONE_MB}${ONE_MB}x`, origin: 'captured', source: {} });
    expect(over.success).toBe(false);
  });
});

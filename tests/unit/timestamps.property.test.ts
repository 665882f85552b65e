import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planImport } from '../../lib/log/import-plan';
import { parseAnchorLog } from '../../lib/log/parse';

/**
 * Hand-kept logs write their timestamps in many ways and break them in more. The rule
 * (docs/anchor-log-format.md, Timestamps): a bold line holding a date and nothing but time-like
 * text around it is a timestamp; a broken time keeps the date (time unknown), and the warning is
 * on that line and names that entry.
 */

const RUNS = Number(process.env.PROP_RUNS ?? 200);
const SAMPLE = readFileSync(new URL('../fixtures/logs/sample-anchors-log.md', import.meta.url), 'utf8');
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).toISOString();

const body = (name: string) =>
  [`Resume from anchor: [${name}]`, 'Context: c', 'Current milestone: m', 'Next action: n', 'Dependencies: a; b'].join('\n');

describe('the timestamp `**11:567 11/06/2025**` (three minute digits)', () => {
  const log = ['# Log', '', '**09:12 11/07/2025**', body('Newer'), '', '**11:567 11/06/2025**', body('Broken'), ''].join('\n');
  const { entries, warnings } = parseAnchorLog(log);

  it('starts its own entry, which keeps the date with the time unknown', () => {
    expect(entries.map((e) => [e.draft.name, e.createdAt, e.timeKnown, e.line])).toEqual([
      ['Newer', local(2025, 11, 7, 9, 12), true, 3],
      ['Broken', local(2025, 11, 6), false, 10],
    ]);
    expect(entries[0]?.draft.dependencies).toEqual(['a', 'b']);
  });

  it('is reported on its own line, naming its own entry (not the one before it)', () => {
    expect(warnings).toEqual([{ line: 10, message: 'time `11:567` is not a time; kept the date, time unknown (anchor “Broken”)' }]);
  });

  it('is imported with that date, so it does not sort to the top as “just now”', () => {
    const plan = planImport({ fileName: 'log.md', text: log, existing: [], now: new Date(2026, 0, 1).toISOString(), newId: () => 'x' });
    expect(plan.ok && plan.toAdd.map((a) => [a.name, a.createdAt, a.timeKnown])).toEqual([
      ['Newer', local(2025, 11, 7, 9, 12), true],
      ['Broken', local(2025, 11, 6), false],
    ]);
  });
});

describe('timestamps as people write them', () => {
  it.each([
    ['**9:30 pm 11/06/2025**', local(2025, 11, 6, 21, 30)],
    ['**12:05 AM 11/06/2025**', local(2025, 11, 6, 0, 5)],
    ['**11/06/2025 09:12**', local(2025, 11, 6, 9, 12)],
    ['**11/06/2025, 09:12**', local(2025, 11, 6, 9, 12)],
    ['**Thu, 11/06/2025 at 09:12**', local(2025, 11, 6, 9, 12)],
    ['**09:12:45 11/06/2025**', local(2025, 11, 6, 9, 12)],
    ['**09.12 06.11.2025**', local(2025, 11, 6, 9, 12)],
    ['**09:12 2025/11/06**', local(2025, 11, 6, 9, 12)],
    ['**09:12 11/06/25**', local(2025, 11, 6, 9, 12)],
    ['__09:12 11/06/2025__', local(2025, 11, 6, 9, 12)],
    ['** 09:12   11/06/2025 **', local(2025, 11, 6, 9, 12)],
  ])('reads %s', (stamp, createdAt) => {
    const { entries, warnings } = parseAnchorLog(`${stamp}\n${body('A')}\n`);
    expect(entries.map((e) => [e.createdAt, e.timeKnown])).toEqual([[createdAt, true]]);
    expect(warnings).toEqual([]);
  });

  it.each(['**Deadline 11/06/2025**', '**v2 11/06/2025**', '**11:56**', '**Sprint 11/06/2025 review**', '**11/06/2025** and more'])(
    'does not take the bold text %s for a timestamp',
    (line) => {
      const { entries } = parseAnchorLog(`**09:12 11/07/2025**\n${body('A')}\n${line}\n`);
      expect(entries.map((e) => e.draft.name)).toEqual(['A']);
      expect(entries[0]?.createdAt).toBe(local(2025, 11, 7, 9, 12));
    },
  );
});

// ---------------------------------------------------------------------------------------------
// The fuzz: random dates in every format, times good and broken, in any order and markup.

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const dateArb = fc
  .record({ y: fc.integer({ min: 2000, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .chain(({ y, m, d }) =>
    fc
      .constantFrom(
        `${pad(m)}/${pad(d)}/${y}`,
        `${m}/${d}/${y}`,
        `${y}-${pad(m)}-${pad(d)}`,
        `${y}/${pad(m)}/${pad(d)}`,
        `${pad(d)}.${pad(m)}.${y}`,
        `${pad(m)}-${pad(d)}-${y}`,
        `${pad(m)}/${pad(d)}/${pad(y % 100)}`,
      )
      .map((text) => ({ text, y, m, d })),
  );

type Time = { text: string; clock?: [number, number]; quiet?: true };

const goodTime: fc.Arbitrary<Time> = fc
  .record({ h: fc.integer({ min: 0, max: 23 }), min: fc.integer({ min: 0, max: 59 }), style: fc.constantFrom('24', '24s', 'ampm', 'dot') })
  .map(({ h, min, style }): Time => {
    if (style === 'ampm') {
      const half = h < 12 ? 'am' : 'pm';
      return { text: `${h % 12 || 12}:${pad(min)} ${half}`, clock: [h, min] };
    }
    const text = style === 'dot' ? `${h}.${pad(min)}` : `${pad(h)}:${pad(min)}${style === '24s' ? ':07' : ''}`;
    return { text, clock: [h, min] };
  });

const brokenTime: fc.Arbitrary<Time> = fc.oneof(
  fc.integer({ min: 0, max: 23 }).chain((h) => fc.integer({ min: 100, max: 999 }).map((min) => ({ text: `${h}:${min}` }))),
  fc.integer({ min: 24, max: 99 }).map((h) => ({ text: `${h}:30` })),
  fc.integer({ min: 100, max: 999 }).map((h) => ({ text: `${h}:30` })),
  fc.integer({ min: 0, max: 23 }).map((h) => ({ text: `${h}:6${'x'}` })),
  fc.constantFrom({ text: '9:3x' }, { text: '?:??' }, { text: 'xx:xx' }, { text: '11:' }, { text: ':30' }, { text: '1130' }, { text: '13:30 pm' }),
);

const timeArb: fc.Arbitrary<Time> = fc.oneof(goodTime, brokenTime, fc.constant<Time>({ text: '--:--', quiet: true }));

const stampArb = fc
  .record({
    date: dateArb,
    time: timeArb,
    timeFirst: fc.boolean(),
    separator: fc.constantFrom(' ', '  ', ', ', ' @ ', ' at ', ' - ', ' | '),
    weekday: fc.constantFrom('', 'Mon ', 'Friday, '),
    bold: fc.constantFrom('**', '__'),
    inner: fc.constantFrom('', ' '),
  })
  .map((s) => {
    const parts = s.timeFirst ? [s.time.text, s.date.text] : [s.date.text, s.time.text];
    return { ...s, line: `${s.bold}${s.inner}${s.weekday}${parts.join(s.separator)}${s.inner}${s.bold}` };
  });

describe('the timestamp rule, fuzzed', () => {
  it('every entry gets its own date, its time when the time is good, and a warning on its own line when not', () => {
    fc.assert(
      fc.property(fc.array(stampArb, { minLength: 1, maxLength: 6 }), (stamps) => {
        const lines: string[] = ['# My log', ''];
        const stampLines: number[] = [];
        stamps.forEach((stamp, i) => {
          stampLines.push(lines.length + 1);
          lines.push(stamp.line, '', ...body(`Entry_${i}`).split('\n'), '');
        });
        const { entries, warnings } = parseAnchorLog(lines.join('\n'));
        expect(entries.map((e) => e.draft.name)).toEqual(stamps.map((_, i) => `Entry_${i}`));
        stamps.forEach(({ date, time }, i) => {
          const entry = entries[i]!;
          expect(entry.line).toBe(stampLines[i]);
          expect(entry.timeKnown).toBe(time.clock !== undefined);
          expect(entry.createdAt).toBe(local(date.y, date.m, date.d, ...(time.clock ?? [0, 0])));
          const own = warnings.filter((w) => w.line === stampLines[i]);
          if (time.clock || time.quiet) expect(own).toEqual([]);
          else expect(own).toEqual([{ line: stampLines[i], message: `time \`${time.text}\` is not a time; kept the date, time unknown (anchor “Entry_${i}”)` }]);
        });
        // Nothing else is reported: no timestamp was read as text inside the entry before it.
        expect(warnings.every((w) => stampLines.includes(w.line))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('the hand-kept sample log still imports whole, also after fuzzed entries', () => {
    fc.assert(
      fc.property(stampArb, (stamp) => {
        const { entries } = parseAnchorLog(`${stamp.line}\n${body('First')}\n\n${SAMPLE}`);
        expect(entries.map((e) => e.draft.name)).toEqual([
          'First',
          'Thesis_Ch3_Methods',
          'Thesis_Ch3_Coding',
          'Weekend_Bot_Deploy',
          'Thesis_Ch3_Survey',
          'Weekend_Bot_MVP',
        ]);
      }),
      { numRuns: 50 },
    );
  });
});

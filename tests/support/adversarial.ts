import fc from 'fast-check';

/**
 * Text built to make a line parser slow or wrong: code fences of every length (and of decreasing
 * length, each opener searching for a closer), labels and name lines with long runs of `*`, `_`,
 * `:` and spaces, broken timestamps, huge dependency lists. Shared by the unit tests (property
 * tests on what comes out) and the bench (time per input size).
 */

const run = (char: string, max: number) => fc.integer({ min: 0, max }).map((n) => char.repeat(n));

/** One line of the kinds above. */
export const adversarialLine: fc.Arbitrary<string> = fc.oneof(
  // Fences: either character, any length, with or without an info string, indented or not.
  fc
    .tuple(fc.constantFrom('`', '~'), fc.integer({ min: 1, max: 40 }), fc.constantFrom('', 'js', ' x`y', '  '), run(' ', 3))
    .map(([char, n, info, indent]) => `${indent}${char.repeat(n)}${info}`),
  // Labels and name lines drowned in markup.
  fc
    .tuple(
      fc.constantFrom('Context', 'Current milestone', 'Next action', 'Dependencies', 'Resume from anchor', 'esume from anchor'),
      run('*', 300),
      run('_', 300),
      run(' ', 300),
      run(':', 300),
    )
    .map(([label, stars, unders, spaces, colons]) => `${stars}${unders}${label}${spaces}${stars}${colons}${spaces}${unders}`),
  fc.tuple(run('*', 500), run('_', 500), run(':', 500), run(' ', 500)).map((runs) => runs.join('')),
  fc.integer({ min: 0, max: 300 }).map((n) => `✅ Anchor ${' loaded'.repeat(n)} x`),
  fc.integer({ min: 0, max: 300 }).map((n) => `Resume from anchor: ${'['.repeat(n)}${'*'.repeat(n)}`),
  fc.integer({ min: 0, max: 300 }).map((n) => `${'- '.repeat(n)}x`),
  fc.integer({ min: 0, max: 2_000 }).map((n) => `Dependencies: ${'a,'.repeat(n)}`),
  fc.constantFrom('**11:567 11/06/2025**', '**25:61 03/13/2026**', '**--:-- 2026-03-14**', '**9:3x 03/11/2026**', '---', '* * *', ''),
  fc.string({ maxLength: 40 }),
);

/** A text of adversarial lines (a few kilobytes: enough shapes per run, fast enough for many runs). */
export const adversarialText = (maxLines = 60): fc.Arbitrary<string> =>
  fc.array(adversarialLine, { maxLength: maxLines }).map((lines) => lines.join('\n'));

/**
 * `size` characters: fence lines of decreasing length (from about √size backticks down to 3), then
 * short plain lines. Each opener once searched every later line for a closer: n^1.5.
 */
export function decreasingFences(size: number): string {
  const fences: string[] = [];
  let total = 0;
  for (let n = 3 + Math.floor(Math.sqrt(size)); n >= 3 && total < size / 2; n--) {
    fences.push('`'.repeat(n));
    total += n + 1;
  }
  const plain = Array.from({ length: Math.max(0, Math.floor((size - total) / 2)) }, () => 'a');
  return [...fences, ...plain].join('\n');
}

/** Named shapes of about `size` characters, for the bench's time per input size. */
export const ADVERSARIAL_SHAPES: Record<string, (size: number) => string> = {
  'decreasing fences, then plain lines': decreasingFences,
  'one line of `*`': (size) => '*'.repeat(size),
  'lines of `*_:` and spaces': (size) => repeatTo(size, `${'*'.repeat(40)}${'_'.repeat(40)}Context${' '.repeat(40)}${':'.repeat(40)}`),
  'one label with a megabyte of spaces': (size) => `**Context${' '.repeat(size)}**: x`,
  'one dependency line of commas': (size) => `Resume from anchor: [X]\nDependencies: ${'d,'.repeat(size / 2)}`,
  'name lines only': (size) => repeatTo(size, 'Resume from anchor: [X]'),
  'broken timestamps': (size) => repeatTo(size, '**11:567 11/06/2025**'),
  'fuzz mix (seeded)': (size) => {
    const lines = fc.sample(adversarialLine, { seed: 12, numRuns: 20_000 });
    return repeatLinesTo(size, lines);
  },
};

function repeatTo(size: number, line: string): string {
  return Array.from({ length: Math.max(1, Math.floor(size / (line.length + 1))) }, () => line).join('\n');
}

function repeatLinesTo(size: number, lines: string[]): string {
  const out: string[] = [];
  let total = 0;
  for (let i = 0; total < size; i++) {
    const line = lines[i % lines.length] ?? '';
    out.push(line);
    total += line.length + 1;
  }
  return out.join('\n');
}

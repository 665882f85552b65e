import { FENCE_RE } from './parse-lines';

/**
 * Code fences: which lines of a text are inside one (linear, whatever the fences' lengths). Pure.
 */

/** `[open, close]` line indexes of every closed code fence. An unclosed fence is ordinary text. */
export function fenceRanges(lines: string[]): [number, number][] {
  const ranges: [number, number][] = [];
  const fences = lines.map(fenceLine);
  // The longest closing run of each fence character at or after each line, so an opener that has
  // no closer is known at once: every line is looked at a bounded number of times (linear).
  const longest = { '`': new Int32Array(lines.length + 1), '~': new Int32Array(lines.length + 1) };
  for (let j = lines.length - 1; j >= 0; j--) {
    longest['`'][j] = longest['`'][j + 1]!;
    longest['~'][j] = longest['~'][j + 1]!;
    const fence = fences[j];
    if (fence?.closes) longest[fence.char][j] = Math.max(longest[fence.char][j]!, fence.length);
  }
  for (let i = 0; i < lines.length; i++) {
    const open = fences[i];
    if (!open || open.length > longest[open.char][i + 1]!) continue;
    let close = i + 1;
    while (!(fences[close]?.closes && fences[close]!.char === open.char && fences[close]!.length >= open.length)) close++;
    ranges.push([i, close]);
    i = close;
  }
  return ranges;
}

/** A fence line: its character and length, and whether it can close a fence (nothing after it). */
function fenceLine(line: string): { char: '`' | '~'; length: number; closes: boolean } | null {
  const fence = FENCE_RE.exec(line);
  const marker = fence?.[1];
  if (!marker) return null;
  const info = fence[2] ?? '';
  // Markdown: a backtick fence's info string cannot contain a backtick (that is inline code).
  if (marker.startsWith('`') && info.includes('`')) return null;
  return { char: marker.charAt(0) as '`' | '~', length: marker.length, closes: info.trim() === '' };
}

export function fencedLines(lines: string[]): Set<number> {
  const fenced = new Set<number>();
  for (const [open, close] of fenceRanges(lines)) {
    for (let j = open; j <= close; j++) fenced.add(j);
  }
  return fenced;
}

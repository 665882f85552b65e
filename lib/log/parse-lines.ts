import type { FieldKey } from '../model/anchor-fields';

/**
 * How each line of a text is read (`classifyLine`): blank, a timestamp, a name line, a label, a
 * bullet, a fence, prose; and the markup around names and labels. Pure.
 */

export type TextKey = Exclude<FieldKey, 'dependencies'>;

export type Line =
  | { kind: 'blank' }
  /** `time` is '' when the line has none. */
  | { kind: 'stamp'; time: string; date: string }
  | { kind: 'name'; name: string }
  | { kind: 'label'; key: FieldKey; rest: string }
  | { kind: 'break' }
  | { kind: 'text' };

/** The label's first two letters name its field (the patterns below only match these four words). */
const LABEL_BY_START: Record<string, FieldKey> = { co: 'context', cu: 'milestone', ne: 'nextAction', de: 'dependencies' };
const LABEL_WORDS = String.raw`context|current\s+milestone|next\s+action|dependencies`;

// A bold line that holds a date and nothing but time-like text around it is a timestamp, however
// broken its time: `**09:12 03/14/2026**`, `**11:567 11/06/2025**`, `**--:-- 2026-03-14**`,
// `**03/14/2026**`, `**Fri, 03/14/2026 9:30 pm**`. The date's digits may be broken too (`03/1x/2026`).
const BOLD_RE = /^(\*\*|__)(.{1,60})\1$/s;
const DATE_RE = /(?<![\w/.-])[\dxX?]{1,4}([/.-])[\dxX?]{1,2}\1[\dxX?]{1,4}(?![\w/.-])/;
// Around the date: a weekday, separators, and time-like text (digits, `x`, `?`, `-`, `:`, am/pm).
const STAMP_WORDS_RE = /\b(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|at)\b|[,@|–—]| - /gi;
const TIME_LIKE_RE = /^[\dxX?:.;\s-]*(?:[ap]\.?m\.?)?$/i;
const HEADING_RE = /^#{1,6}\s+/;
export const BULLET_RE = /^(?:[-*+](?:\s+|$)|•\s*|\d{1,3}[.)](?:\s+|$))/;
// Written so no two `\s*` can split the same spaces: long runs of spaces must not backtrack.
const LABEL_RE = new RegExp(String.raw`^([*_]{0,3})\s*(${LABEL_WORDS})\s*(?:([*_]{1,3})\s*)?:(.*)$`, 'is');
const BARE_LABEL_RE = new RegExp(String.raw`^([*_]{1,3})(${LABEL_WORDS})\1$`, 'i');
const HEADING_LABEL_RE = new RegExp(String.raw`^()(${LABEL_WORDS})$`, 'i');
const RESUME_RE = /^([*_]{0,3})\s*r?esume\s+from\s+anchor\s*(?:([*_]{1,3})\s*)?:(.*)$/is;
// `✅ Anchor **[NAME]** loaded successfully.` — the emoji is optional, any markup around it too.
const LOADED_START_RE = /^[*_]{0,3}[\p{Extended_Pictographic}\uFE0F\u200D✓✔☑]*\s*anchor\s/iu;
const LOADED_END_RE = /\sloaded(?:\s{1,3}successfully)?[.!]?[*_]{0,3}$/i;
const BREAK_RE = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
export const FENCE_RE = /^\s*(`{3,}|~{3,})(.*)$/s;
// Every `.` above runs with the `s` flag: a field line may hold U+2028, which `.` would not match.

/**
 * Most prose lines start with a letter, and only two kinds of line that start with one are not
 * text: `anchor … loaded` and lines with a colon (labels, `Resume from anchor:`). Such lines need
 * no escape, as a bullet (`- line`) neither; `classifyLine` (a dozen regexes) decides the rest.
 */
const LETTER_START = /^[a-z]/i;
const ANCHOR_START = /^anchor\s/i;

export function isPlainProse(line: string): boolean {
  return LETTER_START.test(line) && !line.includes(':') && !ANCHOR_START.test(line);
}

const BLANK: Line = { kind: 'blank' };
const TEXT: Line = { kind: 'text' };

/** The kind of one line, as written (before any unescaping). */
export function classifyLine(raw: string): Line {
  const t = raw.trim();
  if (t === '') return BLANK;
  // Most lines are prose: no need to try a dozen patterns on them (see isPlainProse).
  if (isPlainProse(t)) return TEXT;
  const stamp = matchStamp(t);
  if (stamp) return stamp;
  const name = matchNameLine(t);
  if (name !== null) return { kind: 'name', name };
  const label = matchLabel(t);
  if (label) return { kind: 'label', ...label };
  return BREAK_RE.test(t) ? { kind: 'break' } : TEXT;
}

/** The date, and the time-like text beside it ('' when there is none), of a timestamp line. */
function matchStamp(t: string): Line | null {
  const inner = BOLD_RE.exec(t)?.[2];
  const date = inner && DATE_RE.exec(inner)?.[0];
  if (!date) return null;
  const time = inner.replace(DATE_RE, ' ').replace(STAMP_WORDS_RE, ' ').trim();
  return TIME_LIKE_RE.test(time) ? { kind: 'stamp', time, date } : null;
}

function matchNameLine(t: string): string | null {
  const s = t.replace(HEADING_RE, '');
  const resume = RESUME_RE.exec(s);
  if (resume) return extractName(closeMarkup(resume[1] ?? '', resume[2] ?? '', resume[3] ?? ''));
  return matchLoadedLine(s);
}

/** `✅ Anchor NAME loaded successfully.` — start and end matched apart, so long lines stay linear. */
function matchLoadedLine(s: string): string | null {
  const start = LOADED_START_RE.exec(s);
  const end = start ? LOADED_END_RE.exec(s) : null;
  if (!start || !end || end.index < start[0].length) return null;
  const between = s.slice(start[0].length, end.index);
  return between.trim() === '' ? null : extractName(between);
}

function matchLabel(t: string): { key: FieldKey; rest: string } | null {
  const s = t.replace(BULLET_RE, '').replace(HEADING_RE, '');
  const m = LABEL_RE.exec(s);
  if (m) {
    const key = labelKey(m[2]);
    return key ? { key, rest: closeMarkup(m[1] ?? '', m[3] ?? '', m[4] ?? '').trim() } : null;
  }
  // A label alone as a bold line or a heading, without a colon: `**Context**`, `### Next action`.
  const bare = BARE_LABEL_RE.exec(s) ?? (HEADING_RE.test(t) ? HEADING_LABEL_RE.exec(s) : null);
  const key = bare ? labelKey(bare[2]) : undefined;
  return key ? { key, rest: '' } : null;
}

function labelKey(word: string | undefined): FieldKey | undefined {
  return LABEL_BY_START[(word ?? '').slice(0, 2).toLowerCase()];
}

/** `**Context:** text`: the bold opened before the word closes after the colon; drop it from the rest. */
function closeMarkup(open: string, closedBefore: string, rest: string): string {
  if (open && !closedBefore) {
    const trimmed = rest.trimStart();
    if (trimmed.startsWith(open)) return trimmed.slice(open.length);
  }
  return rest;
}

/**
 * The name from what follows `Resume from anchor:`: `[NAME]`, `**[NAME]**`, `` `[NAME]` ``, `NAME`.
 * When the brackets are wrapped in markup and the line ends with the same markup, everything
 * between is the name, so names containing `]` survive a round trip.
 */
function extractName(rest: string): string {
  const s = rest.trim();
  const open = /^([*_`]*)\[/.exec(s);
  if (open) {
    const inner = s.slice(open[0].length);
    const closing = `]${[...(open[1] ?? '')].reverse().join('')}`;
    if (inner.endsWith(closing)) return inner.slice(0, inner.length - closing.length).trim();
    const end = inner.indexOf(']');
    return (end >= 0 ? inner.slice(0, end) : trimMarkupEnd(inner)).trim();
  }
  return stripWrapping(s);
}

/** `**NAME**`, `` `NAME` ``, `__NAME__` → `NAME` (a few layers at most; deeper is not a name line). */
function stripWrapping(text: string): string {
  let s = text;
  for (let layer = 0; layer < 4; layer++) {
    const run = wrappingRun(s);
    if (run === 0) break;
    s = s.slice(run, s.length - run).trim();
  }
  return s;
}

/** How many markup characters wrap both ends of `s` (a single `_` is part of a name like `_x_`). */
function wrappingRun(s: string): number {
  const char = s.charAt(0);
  if (char !== '*' && char !== '`' && char !== '_') return 0;
  const run = Math.min(runLength(s, char, 0, 1), runLength(s, char, s.length - 1, -1));
  const enough = char === '_' ? run >= 2 : run >= 1;
  return enough && s.length > 2 * run ? run : 0;
}

function runLength(s: string, char: string, from: number, step: 1 | -1): number {
  let n = 0;
  for (let i = from; i >= 0 && i < s.length && s.charAt(i) === char; i += step) n++;
  return n;
}

function trimMarkupEnd(s: string): string {
  let end = s.length;
  while (end > 0 && '*_`'.includes(s.charAt(end - 1))) end--;
  return s.slice(0, end);
}

export function isFenceLine(raw: string): boolean {
  return FENCE_RE.test(raw);
}

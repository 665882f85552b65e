import type { AnchorDraft } from './anchor';
import { LIMITS, checkDraft } from './anchor-check';
import { FIELD_KEYS, FIELD_LABELS, type FieldKey } from './anchor-fields';
import { restoreMarkdown } from './markdown-escape';

/**
 * Text → anchors. One line model serves the three texts (a reply read from the page, a selection,
 * a markdown log): every line is classified once (`classifyLine`), then a small state machine
 * (`EntryScanner`) groups lines into entries. Pure: no DOM, no storage, and it never throws.
 *
 * Escaping (the log's only): a field line that would be misread (a label, a name line, a timestamp,
 * a fence, `---`, leading spaces, a blank line at the edge of a field, a leading backslash) is
 * written with one leading `\` by `lib/format.ts`, then what a markdown viewer would act on is
 * neutralized (`lib/markdown-escape.ts`). `parseAnchorLog` undoes both, and strips the leading
 * backslash only when what follows needs it, so a hand-written `\foo` stays `\foo`. A reply or a
 * selection is read as shown on the page: no escapes are undone there.
 *
 * Cost: linear in the text, whatever its shape (code fences of every length, long runs of markup),
 * and `parseAnchorText` refuses a text longer than any anchor can be before reading it.
 */

/**
 * `invalid` is set when the text is an anchor that breaks a rule (a field over its limit, a name
 * on two lines): its reason is the one to show, rather than asking ChatGPT for another anchor.
 */
export type ParseResult =
  | { ok: true; draft: AnchorDraft; labels: number }
  | { ok: false; reason: string; invalid?: true };

export interface LogEntry {
  draft: AnchorDraft;
  /** ISO time from the local-time timestamp; absent when the entry had none (or its date was broken). */
  createdAt?: string;
  timeKnown: boolean;
  /** 1-based line where the entry starts (its timestamp, or its name line when it has none). */
  line: number;
}

export interface LogWarning {
  line: number;
  message: string;
}

export interface LogParseResult {
  entries: LogEntry[];
  warnings: LogWarning[];
}

/** The request template's name placeholder (without brackets): never an anchor's name. */
export const PLACEHOLDER_NAME = 'ANCHOR_NAME';

const FIELD_LIST = FIELD_KEYS.map((key) => FIELD_LABELS[key]).join(', ');

// ---------------------------------------------------------------------------------------------
// Lines

type TextKey = Exclude<FieldKey, 'dependencies'>;

type Line =
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
const BULLET_RE = /^(?:[-*+](?:\s+|$)|•\s*|\d{1,3}[.)](?:\s+|$))/;
// Written so no two `\s*` can split the same spaces: long runs of spaces must not backtrack.
const LABEL_RE = new RegExp(String.raw`^([*_]{0,3})\s*(${LABEL_WORDS})\s*(?:([*_]{1,3})\s*)?:(.*)$`, 'is');
const BARE_LABEL_RE = new RegExp(String.raw`^([*_]{1,3})(${LABEL_WORDS})\1$`, 'i');
const HEADING_LABEL_RE = new RegExp(String.raw`^()(${LABEL_WORDS})$`, 'i');
const RESUME_RE = /^([*_]{0,3})\s*r?esume\s+from\s+anchor\s*(?:([*_]{1,3})\s*)?:(.*)$/is;
// `✅ Anchor **[NAME]** loaded successfully.` — the emoji is optional, any markup around it too.
const LOADED_START_RE = /^[*_]{0,3}[\p{Extended_Pictographic}\uFE0F\u200D✓✔☑]*\s*anchor\s/iu;
const LOADED_END_RE = /\sloaded(?:\s{1,3}successfully)?[.!]?[*_]{0,3}$/i;
const BREAK_RE = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE_RE = /^\s*(`{3,}|~{3,})(.*)$/s;
// Every `.` above runs with the `s` flag: a field line may hold U+2028, which `.` would not match.

/**
 * Most prose lines start with a letter, and only two kinds of line that start with one are not
 * text: `anchor … loaded` and lines with a colon (labels, `Resume from anchor:`). Such lines need
 * no escape, as a bullet (`- line`) neither; `classifyLine` (a dozen regexes) decides the rest.
 */
const LETTER_START = /^[a-z]/i;
const ANCHOR_START = /^anchor\s/i;

function isPlainProse(line: string): boolean {
  return LETTER_START.test(line) && !line.includes(':') && !ANCHOR_START.test(line);
}

const BLANK: Line = { kind: 'blank' };
const TEXT: Line = { kind: 'text' };

/** The kind of one line, as written (before any unescaping). */
function classifyLine(raw: string): Line {
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

function isFenceLine(raw: string): boolean {
  return FENCE_RE.test(raw);
}

// ---------------------------------------------------------------------------------------------
// Escaping (shared with lib/format.ts so the two sides cannot drift apart)

/** True when `line`, written as is at the start of a field line, would not read back as itself. */
function needsEscape(line: string): boolean {
  if (isPlainProse(line)) return false;
  return (
    line === '' ||
    line.trimStart() !== line ||
    line.startsWith('\\') ||
    isFenceLine(line) ||
    classifyLine(line).kind !== 'text'
  );
}

/** A dependency is written as `- item`; the whole bullet line must not read as a label or `---`. */
function dependencyNeedsEscape(item: string): boolean {
  if (isPlainProse(item)) return false;
  return needsEscape(item) || classifyLine(`- ${item}`).kind !== 'text';
}

/** One leading backslash is an escape only when the rest needs it; otherwise it is the user's text. */
function unescapeLine(t: string, needs: (s: string) => boolean): string {
  return t.startsWith('\\') && needs(t.slice(1)) ? t.slice(1) : t;
}

/** The lines of a text field as the log writes them (empty text → no lines). */
export function encodeFieldLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const last = lines.length - 1;
  return lines.map((line, i) => {
    // A blank line inside a field is kept as is; at its edges it would be dropped, so escape it.
    if (line === '') return i === 0 || i === last ? '\\' : '';
    return needsEscape(line) ? `\\${line}` : line;
  });
}

/** One dependency as the log writes it after `- `. */
export function encodeDependency(item: string): string {
  return dependencyNeedsEscape(item) ? `\\${item}` : item;
}

// ---------------------------------------------------------------------------------------------
// Code fences

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

function fencedLines(lines: string[]): Set<number> {
  const fenced = new Set<number>();
  for (const [open, close] of fenceRanges(lines)) {
    for (let j = open; j <= close; j++) fenced.add(j);
  }
  return fenced;
}

// ---------------------------------------------------------------------------------------------
// Grouping lines into entries

interface FieldLine {
  text: string;
  /** A blank line as written (not an escaped empty line): dropped at the edges of a field. */
  blank: boolean;
}

/** A timestamp line: where it is, its date and its time-like text ('' when none). */
type Stamp = { line: number; time: string; date: string };

interface RawEntry {
  line: number;
  stamp?: Stamp;
  name: string;
  /** The lines of each text field, made when the field gets its first line. */
  text: Partial<Record<TextKey, FieldLine[]>>;
  dependencies: string[];
  /** The labels seen, each once (an array: cheaper than a Set for at most four). */
  labels: FieldKey[];
}

/** What was odd about a log, said in words by `parseAnchorLog` only (replies need no warnings). */
type ScanWarning = { line: number; name: string } & (
  | { kind: 'twice'; key: FieldKey }
  | { kind: 'ignored' | 'fenced' | 'orphanStamp' }
);

interface ScanResult {
  entries: RawEntry[];
  warnings: ScanWarning[];
}

/**
 * How the anchor's own text is read: a reply as shown on the page; a log as the log writes it, its
 * escapes undone (`parseAnchorLog`). `field` takes a field line, `item` a bullet's text, `inline`
 * a name or the text after a label.
 */
interface TextReading {
  field(line: string): string;
  item(text: string): string;
  inline(text: string): string;
}

const same = (text: string) => text;
const AS_SHOWN: TextReading = { field: same, item: same, inline: same };

/**
 * Walks the lines once; fenced lines are skipped (the caller decides whether to look inside).
 * Its state is in `#` fields: the minifier shortens those names, and the content script, which
 * carries this class, has a 20 KB budget.
 */
class EntryScanner {
  readonly #read: TextReading;
  readonly #entries: RawEntry[] = [];
  readonly #warnings: ScanWarning[] = [];
  #entry: RawEntry | null = null;
  #field: FieldKey | null = null;
  /** Set after `---`, or after text that follows the dependencies: ignore text until a label. */
  #closed = false;
  #depsGap = false;
  #warnedIgnored = false;
  #pendingStamp: Stamp | null = null;

  constructor(read: TextReading = AS_SHOWN) {
    this.#read = read;
  }

  scan(lines: string[]): ScanResult {
    const fenced = fencedLines(lines);
    lines.forEach((raw, i) => {
      if (!fenced.has(i)) this.#take(raw, classifyLine(raw), i + 1);
      else if (!fenced.has(i - 1) && this.#entry && this.#field) this.#warnFencedInEntry(i + 1);
    });
    this.#finishEntry();
    this.#finishPendingStamp();
    return { entries: this.#entries, warnings: this.#warnings };
  }

  #take(raw: string, line: Line, n: number): void {
    switch (line.kind) {
      case 'stamp':
        this.#finishEntry();
        this.#finishPendingStamp();
        this.#pendingStamp = { line: n, time: line.time, date: line.date };
        return;
      case 'name':
        return this.#startEntry(this.#read.inline(line.name), n);
      case 'label':
        return this.#startField(line.key, line.rest, n);
      case 'break':
        this.#field = null;
        this.#closed = true;
        return;
      case 'blank':
        return this.#takeBlank();
      case 'text':
        return this.#takeText(raw, n);
    }
  }

  #startEntry(name: string, n: number): void {
    this.#finishEntry();
    const stamp = this.#pendingStamp;
    this.#pendingStamp = null;
    this.#entry = {
      line: stamp?.line ?? n,
      stamp: stamp ?? undefined,
      name,
      text: {},
      dependencies: [],
      labels: [],
    };
    this.#field = null;
    this.#closed = false;
    this.#warnedIgnored = false;
  }

  #startField(key: FieldKey, rest: string, n: number): void {
    const entry = this.#entry;
    if (!entry) return;
    if (entry.labels.includes(key)) this.#warnings.push({ line: n, name: entry.name, kind: 'twice', key });
    else entry.labels.push(key);
    this.#field = key;
    this.#closed = false;
    this.#depsGap = false;
    this.#warnedIgnored = false;
    if (key === 'dependencies') addDependencies(entry, splitDependencyLine(rest), this.#read.inline);
    else if (rest !== '') addLine(entry, key, { text: this.#read.inline(rest), blank: false });
  }

  #takeBlank(): void {
    if (!this.#entry || !this.#field || this.#closed) return;
    if (this.#field === 'dependencies') this.#depsGap = this.#entry.dependencies.length > 0;
    else addLine(this.#entry, this.#field, { text: '', blank: true });
  }

  #takeText(raw: string, n: number): void {
    const entry = this.#entry;
    if (!entry) return;
    if (!this.#field || this.#closed) return this.#warnIgnored(n);
    const t = raw.trimStart();
    if (this.#field !== 'dependencies') {
      addLine(entry, this.#field, { text: this.#read.field(t), blank: false });
      return;
    }
    const bullet = BULLET_RE.exec(t);
    if (bullet) {
      const item = this.#read.item(t.slice(bullet[0].length).trim());
      if (item.trim() !== '') addDependencies(entry, [item]);
    } else if (this.#depsGap) {
      // Text after a blank line that follows the list is chatter or a note, not a dependency.
      this.#closed = true;
      this.#warnIgnored(n);
      return;
    } else {
      addDependencies(entry, splitDependencyLine(t), this.#read.inline);
    }
    this.#depsGap = false;
  }

  #finishEntry(): void {
    if (this.#entry) this.#entries.push(this.#entry);
    this.#entry = null;
    this.#field = null;
  }

  #finishPendingStamp(): void {
    if (this.#pendingStamp) this.#warnings.push({ line: this.#pendingStamp.line, name: '', kind: 'orphanStamp' });
    this.#pendingStamp = null;
  }

  #warnIgnored(n: number): void {
    if (this.#warnedIgnored || !this.#entry) return;
    this.#warnedIgnored = true;
    this.#warnings.push({ line: n, name: this.#entry.name, kind: 'ignored' });
  }

  #warnFencedInEntry(n: number): void {
    this.#warnings.push({ line: n, name: this.#entry?.name ?? '', kind: 'fenced' });
  }
}

function addLine(entry: RawEntry, key: TextKey, line: FieldLine): void {
  (entry.text[key] ??= []).push(line);
}

/**
 * Keeps one dependency more than an anchor may have, so the draft still fails its check with the
 * limit's sentence, without holding (or spreading into a call) the 125,000 items of a hostile line.
 */
function addDependencies(entry: RawEntry, items: string[], read: (item: string) => string = same): void {
  for (const item of items) {
    if (entry.dependencies.length > LIMITS.dependencies) return;
    entry.dependencies.push(read(item));
  }
}

/** `a; b; c`, or `a, b` when there is no `;`. */
function splitDependencyLine(text: string): string[] {
  const separator = text.includes(';') ? ';' : ',';
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function toLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
}

function joinField(lines: FieldLine[] = []): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.blank) start++;
  while (end > start && lines[end - 1]?.blank) end--;
  return lines
    .slice(start, end)
    .map((l) => l.text)
    .join('\n');
}

function toDraft(entry: RawEntry): AnchorDraft {
  return {
    name: entry.name,
    context: joinField(entry.text.context),
    milestone: joinField(entry.text.milestone),
    nextAction: joinField(entry.text.nextAction),
    dependencies: entry.dependencies,
  };
}

// ---------------------------------------------------------------------------------------------
// Timestamps

interface StampReading {
  createdAt?: string;
  timeKnown: boolean;
  warning?: string;
}

/** Local date + time → ISO. A broken time keeps the date (at 00:00, time unknown). */
function readStamp(stamp: { time: string; date: string }): StampReading {
  const day = readDate(stamp.date);
  if (!day) {
    return { timeKnown: false, warning: `date \`${stamp.date}\` is not a date; the anchor was kept without a date` };
  }
  const [y, m, d] = day;
  const clock = readClock(stamp.time);
  if (clock) return { createdAt: new Date(y, m - 1, d, clock[0], clock[1]).toISOString(), timeKnown: true };
  const midnight = new Date(y, m - 1, d).toISOString();
  if (stamp.time === '') return { createdAt: midnight, timeKnown: false, warning: 'no time given; kept the date, time unknown' };
  // `--:--` is how our own export writes an unknown time: not a problem to report.
  if (stamp.time === '--:--') return { createdAt: midnight, timeKnown: false };
  return { createdAt: midnight, timeKnown: false, warning: `time \`${stamp.time}\` is not a time; kept the date, time unknown` };
}

/** `9:05`, `09:05:30`, `9.05`, `9:05 pm` → [hours, minutes], or null when it is no time of day. */
function readClock(text: string): [number, number] | null {
  const time = /^(\d{1,2})[:.](\d{2})(?::\d{2})?\s*(?:([ap])\.?m\.?)?$/i.exec(text);
  if (!time) return null;
  let h = Number(time[1]);
  const min = Number(time[2]);
  const half = time[3]?.toLowerCase();
  if (half) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (half === 'p' ? 12 : 0);
  }
  return h > 23 || min > 59 ? null : [h, min];
}

/**
 * `MM/DD/YYYY`, `YYYY-MM-DD` (or `YYYY/MM/DD`), `MM-DD-YYYY`, `DD.MM.YYYY`, and any of them with a
 * two-digit year (`03/14/26` is 2026) → [year, month, day], checked.
 */
function readDate(text: string): [number, number, number] | null {
  const parts = text.split(/[/.-]/);
  const nums = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  const [a = NaN, b = NaN, c = NaN] = nums;
  let ymd: [number, number, number];
  if ((parts[0] ?? '').length === 4) ymd = [a, b, c];
  else if (text.includes('.')) ymd = [c, b, a];
  else ymd = [c, a, b];
  const yearDigits = (parts[0] ?? '').length === 4 ? 4 : (parts[2] ?? '').length;
  if (yearDigits === 2) ymd[0] += 2000;
  else if (yearDigits !== 4) return null;
  const [y, m, d] = ymd;
  if (![y, m, d].every(Number.isInteger) || y < 100 || m < 1 || m > 12 || d < 1) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]! ? ymd : null;
}

// ---------------------------------------------------------------------------------------------
// Logs

/**
 * A whole markdown log. Every entry with a name is kept (hand logs lose nothing); what was odd
 * about it is reported as a warning. Text inside code fences is never read: the log's `## Template`
 * block contains a name line of its own.
 */
export function parseAnchorLog(text: string): LogParseResult {
  const scan = new EntryScanner(AS_LOGGED).scan(toLines(text));
  const warnings = scan.warnings.map((warning) => ({ line: warning.line, message: describeWarning(warning) }));
  const entries: LogEntry[] = [];
  for (const raw of scan.entries) {
    const entry = toLogEntry(raw, warnings);
    if (entry) entries.push(entry);
  }
  warnings.sort((a, b) => a.line - b.line);
  return { entries, warnings };
}

/** The log's escapes undone: the markdown neutralizing (`restoreMarkdown`), then the line escape. */
const AS_LOGGED: TextReading = {
  field: (line) => unescapeLine(restoreMarkdown(line), needsEscape),
  item: (text) => unescapeLine(restoreMarkdown(text), dependencyNeedsEscape),
  inline: restoreMarkdown,
};

function describeWarning(warning: ScanWarning): string {
  const name = `“${warning.name}”`;
  switch (warning.kind) {
    case 'twice':
      return `${name} has ${FIELD_LABELS[warning.key]} twice; the texts were joined`;
    case 'ignored':
      return `text in ${name} that is not under a field label was not imported`;
    case 'fenced':
      return `a code block in ${name} was not imported (text in code fences never is)`;
    case 'orphanStamp':
      return 'timestamp without an anchor; skipped';
  }
}

function toLogEntry(raw: RawEntry, warnings: LogWarning[]): LogEntry | null {
  if (raw.name === '') {
    warnings.push({ line: raw.line, message: 'an anchor line without a name; skipped' });
    return null;
  }
  // An unfenced copy of the request template. Exported entries always carry a timestamp, so an
  // anchor someone really named ANCHOR_NAME still comes back from our own export.
  if (raw.name === PLACEHOLDER_NAME && raw.stamp === undefined) {
    warnings.push({ line: raw.line, message: `the request template ([${PLACEHOLDER_NAME}]) is not an anchor; skipped` });
    return null;
  }
  const missing = FIELD_KEYS.filter((key) => !raw.labels.includes(key)).map((key) => FIELD_LABELS[key]);
  if (missing.length > 0) {
    warnings.push({ line: raw.line, message: `“${raw.name}” has no ${missing.join(', ')}; kept with ${missing.length === 1 ? 'that field' : 'those fields'} empty` });
  }
  const stamp: StampReading = raw.stamp ? readStamp(raw.stamp) : { timeKnown: false };
  if (stamp.warning) warnings.push({ line: raw.stamp?.line ?? raw.line, message: `${stamp.warning} (anchor “${raw.name}”)` });
  const entry: LogEntry = { draft: toDraft(raw), timeKnown: stamp.timeKnown, line: raw.line };
  if (stamp.createdAt) entry.createdAt = stamp.createdAt;
  return entry;
}

// ---------------------------------------------------------------------------------------------
// One reply or selection

/**
 * The longest text that can hold one anchor within the limits (a name, three fields of 20,000
 * characters, 100 dependencies of 1,000) with room for labels and chatter. Longer replies are
 * refused by their length alone, so no reply, however long, is parsed on ChatGPT's page.
 */
export const MAX_ANCHOR_TEXT = 200_000;
const NAMES_ANCHOR_RE = /esume\s+from\s+anchor|anchor\s\S+\sloaded/i;

/**
 * One anchor from a reply or a selection. Text in code fences is ignored first, as in logs; only
 * when that finds no anchor and the reply holds exactly one fenced block is that block read —
 * ChatGPT often answers the template inside a code block, while several blocks mean an
 * explanation with examples, not an anchor.
 */
export function parseAnchorText(text: string): ParseResult {
  if (text.length > MAX_ANCHOR_TEXT) {
    const reason = `This is too long to be an anchor (${text.length} characters; at most ${MAX_ANCHOR_TEXT}).`;
    // One that names an anchor is an anchor that breaks the limits: say so instead of asking for another.
    return NAMES_ANCHOR_RE.test(text) ? { ok: false, reason, invalid: true } : { ok: false, reason };
  }
  const lines = toLines(text);
  const outside = pickAnchor(new EntryScanner().scan(lines).entries);
  if (outside.ok) return outside;
  const inner = singleFencedBlock(lines);
  if (!inner) return outside;
  const inside = pickAnchor(new EntryScanner().scan(inner).entries);
  return inside.ok || outside.reason === NO_NAME ? inside : outside;
}

const NO_NAME = 'No anchor name found (expected a line like “Resume from anchor: [NAME]”).';

/** The inside of the only closed fenced block in `lines`, or null when there are none or several. */
function singleFencedBlock(lines: string[]): string[] | null {
  const ranges = fenceRanges(lines);
  const only = ranges.length === 1 ? ranges[0] : undefined;
  return only ? lines.slice(only[0] + 1, only[1]) : null;
}

// The default template's placeholders: a reply that fills in the name but keeps these is an echo.
const TEMPLATE_PLACEHOLDERS = new Set([
  '[3–4 lines on project/sprint state]',
  '[what’s done]',
  '[one concrete step]',
  '[keys/env/tools/people]',
]);

function isTemplateEcho(draft: AnchorDraft): boolean {
  const values = [draft.context, draft.milestone, draft.nextAction, draft.dependencies.join('/')];
  return values.filter((v) => TEMPLATE_PLACEHOLDERS.has(v.trim())).length >= 2;
}

/** The first entry that is a filled-in anchor; otherwise the most helpful reason why not. */
function pickAnchor(entries: RawEntry[]): ParseResult {
  const named = entries.filter((e) => e.name !== '' && e.name !== PLACEHOLDER_NAME);
  for (const entry of named) {
    const draft = toDraft(entry);
    if (entry.labels.length >= 2 && !isTemplateEcho(draft)) return validated(draft, entry.labels.length);
  }
  if (entries.length === 0) return { ok: false, reason: NO_NAME };
  if (named.length === 0) {
    return entries.some((e) => e.name === PLACEHOLDER_NAME)
      ? { ok: false, reason: `This is the anchor request template, not a filled-in anchor (the name is still [${PLACEHOLDER_NAME}]).` }
      : { ok: false, reason: 'The anchor line has no name (expected “Resume from anchor: [NAME]”).' };
  }
  const most = named.reduce((max, e) => Math.max(max, e.labels.length), 0);
  if (most >= 2) return { ok: false, reason: 'The reply repeats the template’s placeholders instead of filling them in.' };
  return {
    ok: false,
    reason: `${most === 0 ? 'None' : 'Only 1'} of the 4 fields (${FIELD_LIST}) found; an anchor needs at least 2.`,
  };
}

function validated(draft: AnchorDraft, labels: number): ParseResult {
  const checked = checkDraft(draft);
  if (!checked.ok) return { ok: false, reason: `The anchor “${draft.name}” cannot be saved: ${checked.error}`, invalid: true };
  return { ok: true, draft: checked.value, labels };
}

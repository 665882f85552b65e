import type { AnchorDraft } from '../model/anchor';
import { LIMITS } from '../model/anchor-check';
import type { FieldKey } from '../model/anchor-fields';
import { fencedLines } from './parse-fences';
import { BULLET_RE, classifyLine, type Line, type TextKey } from './parse-lines';

/**
 * Grouping classified lines into entries (`EntryScanner`, one pass), and an entry into a draft. Pure.
 */

interface FieldLine {
  text: string;
  /** A blank line as written (not an escaped empty line): dropped at the edges of a field. */
  blank: boolean;
}

/** A timestamp line: where it is, its date and its time-like text ('' when none). */
type Stamp = { line: number; time: string; date: string };

export interface RawEntry {
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
export type ScanWarning = { line: number; name: string } & (
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
export interface TextReading {
  field(line: string): string;
  item(text: string): string;
  inline(text: string): string;
}

const same = (text: string) => text;
const AS_SHOWN: TextReading = { field: same, item: same, inline: same };

/**
 * Walks the lines once; fenced lines are skipped (the caller decides whether to look inside).
 * Its state is in private `#` fields.
 */
export class EntryScanner {
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

export function toLines(text: string): string[] {
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

export function toDraft(entry: RawEntry): AnchorDraft {
  return {
    name: entry.name,
    context: joinField(entry.text.context),
    milestone: joinField(entry.text.milestone),
    nextAction: joinField(entry.text.nextAction),
    dependencies: entry.dependencies,
  };
}

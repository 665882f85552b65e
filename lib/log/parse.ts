import type { AnchorDraft } from '../model/anchor';
import { checkDraft } from '../model/anchor-check';
import { FIELD_KEYS, FIELD_LABELS } from '../model/anchor-fields';
import { restoreMarkdown } from './markdown-escape';
import { EntryScanner, toDraft, toLines, type RawEntry, type ScanWarning, type TextReading } from './parse-entries';
import { dependencyNeedsEscape, needsEscape, unescapeLine } from './parse-escape';
import { fenceRanges } from './parse-fences';
import { readStamp, type StampReading } from './parse-timestamps';
import { FIELD_PLACEHOLDERS, PLACEHOLDER_NAME } from './template';

/**
 * Text → anchors. One line model serves the three texts (a reply read from the page, a selection,
 * a markdown log): every line is classified once (`classifyLine`, lib/log/parse-lines.ts), then a
 * small state machine (`EntryScanner`, lib/log/parse-entries.ts) groups lines into entries; code
 * fences (lib/log/parse-fences.ts), the log's escapes (lib/log/parse-escape.ts) and hand-kept timestamps
 * (lib/log/parse-timestamps.ts) have their own modules. This one reads a log or one reply with them.
 * Pure: no DOM, no storage, and it never throws.
 *
 * Escaping (the log's only): a field line that would be misread (a label, a name line, a timestamp,
 * a fence, `---`, leading spaces, a blank line at the edge of a field, a leading backslash) is
 * written with one leading `\` by `lib/log/format.ts`, then what a markdown viewer would act on is
 * neutralized (`lib/log/markdown-escape.ts`). `parseAnchorLog` undoes both, and strips the leading
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

const FIELD_LIST = FIELD_KEYS.map((key) => FIELD_LABELS[key]).join(', ');


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
const TEMPLATE_PLACEHOLDERS = new Set<string>(Object.values(FIELD_PLACEHOLDERS));

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

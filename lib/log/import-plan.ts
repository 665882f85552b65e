import { AnchorDraftSchema, describeZodError, sameDraft, type Anchor, type AnchorDraft } from '../model/anchor';
import { invisibleInName } from '../model/anchor-check';
import { parseBackup } from './backup';
import type { ResumeRecord } from '../model/lineage';
import { parseAnchorLog, type LogEntry } from './parse';
import { draftTexts } from '../model/anchor-fields';
import { newAnchor } from '../model/new-anchor';
import { LIMITS } from '../model/limits';

/**
 * What an import would add, decided before anything is written: either the whole file is
 * understood (and `toAdd` is stored in one go) or nothing is. Pure; the caller stores the plan.
 */

export interface ImportWarning {
  line?: number;
  message: string;
}

/** `resumesToAdd`: a JSON backup's lineage records not already kept (a markdown log has none). */
export type ImportPlan =
  | {
      ok: true;
      toAdd: Anchor[];
      resumesToAdd: ResumeRecord[];
      duplicates: number;
      warnings: ImportWarning[];
      kind: 'markdown' | 'json';
    }
  | { ok: false; error: string };

export interface ImportInput {
  fileName: string;
  text: string;
  existing: Anchor[];
  /** The lineage already kept (a JSON backup's records with these ids are not added again). */
  existingResumes?: ResumeRecord[];
  /** ISO time of the import: stands in for entries that have no timestamp. */
  now: string;
  newId: () => string;
}

export function planImport(input: ImportInput): ImportPlan {
  const kind = kindOf(input.fileName);
  if (kind === 'markdown') return planMarkdown(input);
  if (kind === 'json') return planJson(input);
  return { ok: false, error: 'Only .md, .markdown, .txt and .json files can be imported.' };
}

function kindOf(fileName: string): 'markdown' | 'json' | null {
  const ext = /\.([^.]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (ext === 'md' || ext === 'markdown' || ext === 'txt') return 'markdown';
  if (ext === 'json') return 'json';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Markdown logs

function planMarkdown(input: ImportInput): ImportPlan {
  const { entries, warnings: parsed } = parseAnchorLog(input.text);
  const warnings: ImportWarning[] = [...parsed];
  if (entries.length === 0) {
    return {
      ok: false,
      error: `No anchors found in “${input.fileName}”: it does not look like a GPT Anchors Log (expected lines like “Resume from anchor: [NAME]”).`,
    };
  }
  const known = new DuplicateIndex(input.existing);
  const toAdd: Anchor[] = [];
  let duplicates = 0;
  let undated = 0;
  for (const entry of entries) {
    const draft = AnchorDraftSchema.safeParse(entry.draft);
    if (!draft.success) {
      return { ok: false, error: `Line ${entry.line} (“${entry.draft.name.slice(0, LIMITS.name)}”): ${describeZodError(draft.error)}` };
    }
    const invisible = invisibleInName(entry.draft.name);
    if (invisible.length > 0) warnings.push(invisibleNote(draft.data.name, invisible, entry.line));
    if (known.hasEntry(draft.data, entry)) {
      duplicates++;
      continue;
    }
    const anchor = toAnchor(draft.data, entry, input, undated);
    if (!entry.createdAt) undated++;
    known.add(anchor);
    toAdd.push(anchor);
  }
  warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { ok: true, toAdd, resumesToAdd: [], duplicates, warnings, kind: 'markdown' };
}

/**
 * Names are stored without invisible characters (bidi controls, zero-width spaces), which could
 * make one name pass for another: the report says which were taken out of which name.
 */
function invisibleNote(name: string, removed: string[], line?: number): ImportWarning {
  const message = `the name “${name}” held invisible characters (${removed.join(', ')}); they were removed`;
  return line === undefined ? { message } : { line, message };
}

/**
 * An entry without a usable date gets the import time, one second earlier for each such entry
 * after it: logs are newest first, so the library shows them in the file's order.
 */
function toAnchor(draft: AnchorDraft, entry: LogEntry, input: ImportInput, undated: number): Anchor {
  const createdAt = entry.createdAt ?? new Date(Date.parse(input.now) - undated * 1000).toISOString();
  return newAnchor({ draft, origin: 'imported', id: input.newId(), createdAt, timeKnown: entry.createdAt ? entry.timeKnown : false });
}

// ---------------------------------------------------------------------------------------------
// JSON backups

function planJson(input: ImportInput): ImportPlan {
  const backup = parseBackup(input.text);
  if (!backup.ok) return { ok: false, error: backup.error };
  const known = new DuplicateIndex(input.existing);
  const toAdd: Anchor[] = [];
  const warnings = backup.renamed.map(({ name, removed }) => invisibleNote(name, removed));
  /** A backed-up anchor the library already holds under another id: its lineage follows that id. */
  const sameAs = new Map<string, string>();
  let duplicates = 0;
  for (const anchor of backup.anchors) {
    // Everything is kept as backed up, the trash included: a backup restores, it does not re-date.
    const stored = known.findAnchor(anchor);
    if (stored !== undefined) {
      duplicates++;
      if (stored !== anchor.id) sameAs.set(anchor.id, stored);
      continue;
    }
    known.add(anchor);
    toAdd.push(anchor);
  }
  const keptResumes = new Set((input.existingResumes ?? []).map((record) => record.id));
  const resumesToAdd = backup.resumes
    .filter((record) => !keptResumes.has(record.id))
    .map((record) => ({ ...record, anchorId: sameAs.get(record.anchorId) ?? record.anchorId }));
  return { ok: true, toAdd, resumesToAdd, duplicates, warnings, kind: 'json' };
}

// ---------------------------------------------------------------------------------------------
// Duplicates

/** Local wall-clock day and minute: what a log writes, so the same in any DST fold. */
function momentOf(iso: string): { day: string; minute: string } {
  const d = new Date(iso);
  const day = `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
  return { day, minute: `${day} ${d.getHours()}:${d.getMinutes()}` };
}

/**
 * Same anchor = same name, same text, and the same minute. When either time is unknown only the
 * day can be compared (a broken or `--:--` timestamp reads back as midnight); an entry with no
 * timestamp at all is known only by its text, so importing the same undated log twice adds nothing.
 *
 * Each distinct text is kept once, under a hash of its canonical form, with the days and minutes it
 * was taken: a check is a few lookups however many anchors share a name, field lengths or text.
 */
class DuplicateIndex {
  private readonly ids = new Set<string>();
  /** Each distinct text once; its position is its id below. */
  private readonly texts: AnchorDraft[] = [];
  private readonly byHash = new Map<number, number[]>();
  /**
   * `textId day` of every anchor, of those whose time is unknown, and `textId minute` of the rest,
   * each to the id of the first anchor found there (a backup's lineage follows that id).
   */
  private readonly days = new Map<string, string>();
  private readonly unknownTimeDays = new Map<string, string>();
  private readonly minutes = new Map<string, string>();

  constructor(anchors: Anchor[]) {
    for (const anchor of anchors) this.add(anchor);
  }

  add(anchor: Anchor): void {
    this.ids.add(anchor.id);
    const hash = hashText(anchor);
    const bucket = this.byHash.get(hash);
    let text = bucket?.find((id) => sameDraft(this.texts[id]!, anchor));
    if (text === undefined) {
      text = this.texts.push(anchor) - 1;
      if (bucket) bucket.push(text);
      else this.byHash.set(hash, [text]);
    }
    const { day, minute } = momentOf(anchor.createdAt);
    keepFirst(this.days, `${text} ${day}`, anchor.id);
    if (anchor.timeKnown) keepFirst(this.minutes, `${text} ${minute}`, anchor.id);
    else keepFirst(this.unknownTimeDays, `${text} ${day}`, anchor.id);
  }

  /** The id of the stored anchor this one is: the same id, or the same text at the same moment. */
  findAnchor(anchor: Anchor): string | undefined {
    return this.ids.has(anchor.id) ? anchor.id : this.atMoment(anchor, anchor.createdAt, anchor.timeKnown);
  }

  hasEntry(draft: AnchorDraft, entry: LogEntry): boolean {
    const { createdAt } = entry;
    return createdAt === undefined ? this.textId(draft) !== undefined : this.atMoment(draft, createdAt, entry.timeKnown) !== undefined;
  }

  private textId(draft: AnchorDraft): number | undefined {
    return this.byHash.get(hashText(draft))?.find((id) => sameDraft(this.texts[id]!, draft));
  }

  /** An anchor with the same text at the same minute, or on the same day when either time is unknown. */
  private atMoment(draft: AnchorDraft, createdAt: string, timeKnown: boolean): string | undefined {
    const text = this.textId(draft);
    if (text === undefined) return undefined;
    const { day, minute } = momentOf(createdAt);
    if (!timeKnown) return this.days.get(`${text} ${day}`);
    return this.unknownTimeDays.get(`${text} ${day}`) ?? this.minutes.get(`${text} ${minute}`);
  }
}

function keepFirst(map: Map<string, string>, key: string, id: string): void {
  if (!map.has(key)) map.set(key, id);
}

/**
 * A 53-bit hash of the anchor's text: two 32-bit multiplicative hashes over every part, each part
 * closed by 0xFFFF so `a|bc` and `ab|c` hash apart. Equal hashes are compared in full (`sameDraft`),
 * so a collision costs one comparison, never a wrong answer.
 */
function hashText(draft: AnchorDraft): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b9;
  for (const part of draftTexts(draft)) {
    for (let i = 0; i <= part.length; i++) {
      const code = i < part.length ? part.charCodeAt(i) : 0xffff;
      h1 = Math.imul(h1 ^ code, 0x01000193);
      h2 = Math.imul(h2 ^ code, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
  }
  return (h2 >>> 0) * 0x200000 + (h1 >>> 11);
}

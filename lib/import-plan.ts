import { AnchorDraftSchema, describeZodError, sameDraft, type Anchor, type AnchorDraft } from './anchor';
import { parseBackup } from './backup';
import type { ResumeRecord } from './lineage';
import { parseAnchorLog, type LogEntry } from './parse';

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
  const { entries, warnings } = parseAnchorLog(input.text);
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
      return { ok: false, error: `Line ${entry.line} (“${entry.draft.name.slice(0, 120)}”): ${describeZodError(draft.error)}` };
    }
    if (known.hasEntry(draft.data, entry)) {
      duplicates++;
      continue;
    }
    const anchor = toAnchor(draft.data, entry, input, undated);
    if (!entry.createdAt) undated++;
    known.add(anchor);
    toAdd.push(anchor);
  }
  return { ok: true, toAdd, resumesToAdd: [], duplicates, warnings, kind: 'markdown' };
}

/**
 * An entry without a usable date gets the import time, one second earlier for each such entry
 * after it: logs are newest first, so the library shows them in the file's order.
 */
function toAnchor(draft: AnchorDraft, entry: LogEntry, input: ImportInput, undated: number): Anchor {
  const createdAt = entry.createdAt ?? new Date(Date.parse(input.now) - undated * 1000).toISOString();
  return {
    ...draft,
    id: input.newId(),
    createdAt,
    timeKnown: entry.createdAt ? entry.timeKnown : false,
    source: {},
    origin: 'imported',
    resumeCount: 0,
  };
}

// ---------------------------------------------------------------------------------------------
// JSON backups

function planJson(input: ImportInput): ImportPlan {
  const backup = parseBackup(input.text);
  if (!backup.ok) return { ok: false, error: backup.error };
  const known = new DuplicateIndex(input.existing);
  const toAdd: Anchor[] = [];
  /** A backed-up anchor the library already holds under another id: its lineage follows that id. */
  const sameAs = new Map<string, string>();
  let duplicates = 0;
  for (const anchor of backup.anchors) {
    // Everything is kept as backed up, the trash included: a backup restores, it does not re-date.
    const stored = known.find(anchor);
    if (stored) {
      duplicates++;
      if (stored.id !== anchor.id) sameAs.set(anchor.id, stored.id);
      continue;
    }
    known.add(anchor);
    toAdd.push(anchor);
  }
  const keptResumes = new Set((input.existingResumes ?? []).map((record) => record.id));
  const resumesToAdd = backup.resumes
    .filter((record) => !keptResumes.has(record.id))
    .map((record) => ({ ...record, anchorId: sameAs.get(record.anchorId) ?? record.anchorId }));
  return { ok: true, toAdd, resumesToAdd, duplicates, warnings: [], kind: 'json' };
}

// ---------------------------------------------------------------------------------------------
// Duplicates

/** Local wall-clock day and minute: what a log writes, so the same in any DST fold. */
function dayOf(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

function minuteOf(iso: string): string {
  const d = new Date(iso);
  return `${dayOf(iso)} ${d.getHours()}:${d.getMinutes()}`;
}

/**
 * Same anchor = same name, same text, and the same minute. When either time is unknown only the
 * day can be compared (a broken or `--:--` timestamp reads back as midnight); an entry with no
 * timestamp at all is known only by its text, so importing the same undated log twice adds nothing.
 */
class DuplicateIndex {
  private readonly ids = new Map<string, Anchor>();
  /** Buckets by name and field lengths, so a library with thousands of versions of one name stays fast. */
  private readonly byShape = new Map<string, Anchor[]>();

  constructor(anchors: Anchor[]) {
    for (const anchor of anchors) this.add(anchor);
  }

  add(anchor: Anchor): void {
    this.ids.set(anchor.id, anchor);
    const key = shapeOf(anchor);
    const list = this.byShape.get(key);
    if (list) list.push(anchor);
    else this.byShape.set(key, [anchor]);
  }

  /** The stored anchor this one is: the same id, or the same text at the same moment. */
  find(anchor: Anchor): Anchor | undefined {
    return this.ids.get(anchor.id) ?? this.sameText(anchor).find((a) => sameMoment(a, anchor.createdAt, anchor.timeKnown));
  }

  hasEntry(draft: AnchorDraft, entry: LogEntry): boolean {
    const { createdAt } = entry;
    const same = this.sameText(draft);
    return createdAt === undefined ? same.length > 0 : same.some((a) => sameMoment(a, createdAt, entry.timeKnown));
  }

  private sameText(draft: AnchorDraft): Anchor[] {
    return (this.byShape.get(shapeOf(draft)) ?? []).filter((a) => sameDraft(a, draft));
  }
}

function shapeOf(draft: AnchorDraft): string {
  const lengths = [draft.context, draft.milestone, draft.nextAction, ...draft.dependencies].map((t) => t.length);
  return `${draft.name}\u0000${lengths.join(':')}`;
}

function sameMoment(anchor: Anchor, createdAt: string, timeKnown: boolean): boolean {
  if (!anchor.timeKnown || !timeKnown) return dayOf(anchor.createdAt) === dayOf(createdAt);
  return minuteOf(anchor.createdAt) === minuteOf(createdAt);
}

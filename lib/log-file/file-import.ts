import { AnchorDraftSchema, sameDraft, type Anchor, type AnchorDraft } from '../model/anchor';
import { planImport } from '../log/import-plan';
import { parseAnchorLog } from '../log/parse';
import { draftOf } from '../model/anchor-fields';

/**
 * What to take from log files changed elsewhere. Each file goes through the ordinary import
 * (lib/log/import-plan.ts: all or nothing, duplicates skipped); what it would add is then told apart:
 * an entry with the name and the minute of one the file should hold but other text is that entry,
 * *changed*; anything else is *new*. Entries deleted from the file stay in the library. Pure.
 */

export interface ChangedFile {
  name: string;
  text: string;
  /** What the library would write into that file now. */
  expected: Anchor[];
}

export type FileImport =
  | {
      ok: true;
      added: Anchor[];
      /** `previous` is replaced by `next` (same id); the previous text is kept in the trash. */
      edited: { previous: Anchor; next: Anchor }[];
    }
  | { ok: false; error: string };

export function planFileImport(input: { files: ChangedFile[]; library: Anchor[]; now: string; newId: () => string }): FileImport {
  const added: Anchor[] = [];
  const edited: { previous: Anchor; next: Anchor }[] = [];
  const replaced = new Set<string>();
  for (const file of input.files) {
    const existing = [...input.library, ...added, ...edited.map((e) => e.next)];
    const plan = planImport({ fileName: file.name, text: file.text, existing, now: input.now, newId: input.newId });
    if (!plan.ok) return { ok: false, error: input.files.length > 1 ? `${file.name}: ${plan.error}` : plan.error };
    const { unmatched, datedKeys } = compareWithFile(file);
    for (const anchor of plan.toAdd) {
      const previous = datedKeys.has(entryKey(anchor, anchor.createdAt)) ? unmatched.take(anchor) : undefined;
      if (previous && !replaced.has(previous.id)) {
        replaced.add(previous.id);
        edited.push({ previous, next: { ...previous, ...draftOf(anchor), origin: 'manual' } });
      } else added.push(anchor);
    }
  }
  return { ok: true, added, edited };
}

/** What lib/storage/db.ts storeFileImport writes: new anchors and the previous text of edited ones (in the trash), and the edited ones. */
export function changesToStore(
  plan: Extract<FileImport, { ok: true }>,
  { now, newId }: { now: string; newId: () => string },
): { add: Anchor[]; replace: Anchor[] } {
  const previousTexts = plan.edited.map(({ previous }) => ({ ...previous, id: newId(), deletedAt: now }));
  return { add: [...plan.added, ...previousTexts], replace: plan.edited.map(({ next }) => next) };
}

/** The file's entries against what it should hold: which of those it no longer holds as they were, and which entries carried a date. */
function compareWithFile(file: ChangedFile) {
  const unmatched = new MomentIndex(file.expected);
  const datedKeys = new Set<string>();
  for (const entry of parseAnchorLog(file.text).entries) {
    const draft = AnchorDraftSchema.safeParse(entry.draft);
    if (!draft.success || entry.createdAt === undefined) continue;
    datedKeys.add(entryKey(draft.data, entry.createdAt));
    unmatched.takeSame(draft.data, entry.createdAt, entry.timeKnown);
  }
  return { unmatched, datedKeys };
}


function entryKey(draft: AnchorDraft, createdAt: string): string {
  return JSON.stringify([createdAt, ...Object.values(draftOf(draft))]);
}

/** Local wall-clock day and minute: what the log writes. */
function dayOf(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

function sameMoment(anchor: Anchor, createdAt: string, timeKnown: boolean): boolean {
  if (!anchor.timeKnown || !timeKnown) return dayOf(anchor.createdAt) === dayOf(createdAt);
  const a = new Date(anchor.createdAt);
  const b = new Date(createdAt);
  return dayOf(anchor.createdAt) === dayOf(createdAt) && a.getHours() === b.getHours() && a.getMinutes() === b.getMinutes();
}

/** Anchors not yet found in the file, by name and day, so a large library is compared in one pass. */
class MomentIndex {
  private readonly buckets = new Map<string, Anchor[]>();

  constructor(anchors: Anchor[]) {
    for (const anchor of anchors) {
      const key = `${anchor.name}\u0000${dayOf(anchor.createdAt)}`;
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(anchor);
      else this.buckets.set(key, [anchor]);
    }
  }

  /** The file still holds this entry unchanged: it is accounted for. */
  takeSame(draft: AnchorDraft, createdAt: string, timeKnown: boolean): void {
    this.takeWhere(draft.name, createdAt, (a) => sameMoment(a, createdAt, timeKnown) && sameDraft(a, draft));
  }

  /** The entry of the same name and minute that `changed` replaces, if the file no longer holds it as it was. */
  take(changed: Anchor): Anchor | undefined {
    return this.takeWhere(changed.name, changed.createdAt, (a) => sameMoment(a, changed.createdAt, changed.timeKnown));
  }

  private takeWhere(name: string, createdAt: string, test: (anchor: Anchor) => boolean): Anchor | undefined {
    const bucket = this.buckets.get(`${name}\u0000${dayOf(createdAt)}`);
    const at = bucket?.findIndex(test) ?? -1;
    if (!bucket || at < 0) return undefined;
    return bucket.splice(at, 1)[0];
  }
}

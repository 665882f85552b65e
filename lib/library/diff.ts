import type { AnchorDraft } from '../model/anchor';
import { TEXT_KEYS } from '../model/anchor-fields';

/**
 * What changed between two versions of an anchor, field by field. Pure and zod-free (only types
 * from lib/anchor), so the popup can show history without loading the schema library.
 */

export type LineOp = { op: 'same' | 'added' | 'removed'; text: string };

export type TextField = 'name' | 'context' | 'milestone' | 'nextAction';

export type FieldDiff =
  | { field: TextField; lines: LineOp[] }
  | { field: 'dependencies'; added: string[]; removed: string[]; reordered: boolean };

/** Past this many cells the LCS table costs more than it helps; the change is shown as a replacement. */
const MAX_LCS_CELLS = 250_000;

const splitLines = (text: string): string[] => (text === '' ? [] : text.replace(/\r\n?/g, '\n').split('\n'));

/** A line diff (longest common subsequence), common head and tail trimmed first to keep the table small. */
export function diffLines(before: string, after: string): LineOp[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) {
    tail += 1;
  }
  const same = (lines: string[]): LineOp[] => lines.map((text) => ({ op: 'same', text }));
  const middle = lcsDiff(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  return [...same(a.slice(0, head)), ...middle, ...same(a.slice(a.length - tail))];
}

function lcsDiff(a: string[], b: string[]): LineOp[] {
  const removed = (text: string): LineOp => ({ op: 'removed', text });
  const added = (text: string): LineOp => ({ op: 'added', text });
  if (a.length * b.length > MAX_LCS_CELLS) return [...a.map(removed), ...b.map(added)];
  const width = b.length + 1;
  // lengths[i * width + j] = LCS length of a[i..] and b[j..]
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const ops: LineOp[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      ops.push({ op: 'same', text: a[i]! });
      i += 1;
      j += 1;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      ops.push(removed(a[i]!));
      i += 1;
    } else {
      ops.push(added(b[j]!));
      j += 1;
    }
  }
  return [...ops, ...a.slice(i).map(removed), ...b.slice(j).map(added)];
}

/** Dependencies are a set a person edits: what came, what went (counting repeats), and whether only the order moved. */
export function diffDependencies(
  before: string[],
  after: string[],
): { added: string[]; removed: string[]; reordered: boolean } {
  const left = new Map<string, number>();
  for (const item of before) left.set(item, (left.get(item) ?? 0) + 1);
  const added: string[] = [];
  for (const item of after) {
    const count = left.get(item) ?? 0;
    if (count > 0) left.set(item, count - 1);
    else added.push(item);
  }
  const removed = [...left].flatMap(([item, count]) => Array<string>(count).fill(item));
  const reordered = added.length === 0 && removed.length === 0 && before.some((item, i) => item !== after[i]);
  return { added, removed, reordered };
}

const TEXT_FIELDS: TextField[] = ['name', ...TEXT_KEYS];

/** Only the fields that differ, in the order they are written. */
export function diffAnchors(older: AnchorDraft, newer: AnchorDraft): FieldDiff[] {
  const changes: FieldDiff[] = [];
  for (const field of TEXT_FIELDS) {
    if (older[field] !== newer[field]) changes.push({ field, lines: diffLines(older[field], newer[field]) });
  }
  const deps = diffDependencies(older.dependencies, newer.dependencies);
  if (deps.added.length > 0 || deps.removed.length > 0 || deps.reordered) {
    changes.push({ field: 'dependencies', ...deps });
  }
  return changes;
}

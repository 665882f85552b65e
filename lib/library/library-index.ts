import type { Anchor } from '../model/anchor';
import { FIELD_LABELS, projectOf, type FieldKey } from '../model/anchor-fields';
import { matchRank, rankByMatch, searchHead, searchTerms, searchableText, type SearchHead } from './search';
import { countTags, hasTag } from '../model/tags';
import { sortNewestFirst } from '../model/order';

/**
 * The popup's in-memory library: anchors grouped by name, searched as-you-type. Pure and zod-free
 * on purpose (only types come from lib/model/anchor.ts), so it can run before the popup's first paint.
 */

export { projectOf };

/** Field titles, the name included. */
export const FIELD_TITLES: Record<FieldKey | 'name', string> = { name: 'Name', ...FIELD_LABELS };

export interface AnchorGroup {
  name: string;
  project: string;
  /** Newest first: `versions[0]` is the latest. */
  versions: Anchor[];
  /** Position in the newest-first order; also the key of its search text. */
  order: number;
}

export type SortOrder = 'newest' | 'name';

export interface LibraryIndex {
  /** Newest latest-version first. */
  groups: AnchorGroup[];
  projects: { name: string; count: number }[];
  /** Every tag on a name's latest version, with how many names carry it. */
  tags: { name: string; count: number }[];
  /** Lower-cased text of every field of every version, per group; built once, on demand. */
  haystacks: string[] | null;
  /** Lower-cased name and latest next action per group, for ranking; built with `haystacks`. */
  heads?: SearchHead[] | null;
  byName: AnchorGroup[] | null;
}

/** Groups the live anchors (trash left out) by name; the order of `anchors` does not matter. */
export function buildIndex(anchors: Anchor[]): LibraryIndex {
  const live = sortNewestFirst(anchors.filter((anchor) => !anchor.deletedAt));
  const byName = new Map<string, AnchorGroup>();
  const groups: AnchorGroup[] = [];
  for (const anchor of live) {
    const group = byName.get(anchor.name);
    if (group) {
      group.versions.push(anchor);
    } else {
      const created = { name: anchor.name, project: projectOf(anchor.name), versions: [anchor], order: groups.length };
      byName.set(anchor.name, created);
      groups.push(created);
    }
  }
  const counts = new Map<string, number>();
  for (const group of groups) counts.set(group.project, (counts.get(group.project) ?? 0) + 1);
  const projects = [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const tags = countTags(groups.map((group) => group.versions[0]?.tags));
  return { groups, projects, tags, haystacks: null, byName: null };
}

/** Builds the search text once per load (the popup calls it when idle, or on the first keystroke). */
export function prepareSearch(index: LibraryIndex): string[] {
  index.haystacks ??= index.groups.map((group) => group.versions.map(searchableText).join('\n'));
  index.heads ??= index.groups.map((group) => searchHead(group.versions[0]!));
  return index.haystacks;
}

function sortedByName(index: LibraryIndex): AnchorGroup[] {
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  index.byName ??= [...index.groups].sort((a, b) => collator.compare(a.name, b.name));
  return index.byName;
}

export interface LibraryQuery {
  query: string;
  /** '' for every project. */
  project: string;
  sort: SortOrder;
  /** '' (or left out) for any tag; else only names whose latest version carries it. */
  tag?: string;
}

/**
 * The groups to show: in the project and with the tag asked for (if any), and every search term
 * must appear somewhere in a group's versions. Groups whose
 * name holds every term come first, then those whose latest next action holds the rest, then the
 * others (`matchRank`); within each, the chosen sort order.
 */
export function queryIndex(index: LibraryIndex, { query, project, sort, tag = '' }: LibraryQuery): AnchorGroup[] {
  const terms = searchTerms(query);
  const base = sort === 'name' ? sortedByName(index) : index.groups;
  if (terms.length === 0 && !project && !tag) return base;
  const inProject =
    project || tag
      ? base.filter((group) => (!project || group.project === project) && (!tag || hasTag(group.versions[0]?.tags, tag)))
      : base;
  if (terms.length === 0) return inProject;
  const haystacks = prepareSearch(index);
  const heads = index.heads!;
  return rankByMatch(inProject, (group) => matchRank(terms, heads[group.order]!, haystacks[group.order]!));
}

export type Segment = { text: string; hit: boolean };

/** Splits text into plain and matching runs (case-insensitive), for rendering as text and `<mark>`. */
export function highlightSegments(text: string, terms: string[]): Segment[] {
  const lower = text.toLocaleLowerCase();
  // Some characters change length when lower-cased (İ); offsets would be wrong, so don't highlight.
  if (terms.length === 0 || lower.length !== text.length) return [{ text, hit: false }];
  const hits: [number, number][] = [];
  for (const term of terms) {
    for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + term.length)) {
      hits.push([at, at + term.length]);
    }
  }
  if (hits.length === 0) return [{ text, hit: false }];
  hits.sort((a, b) => a[0] - b[0]);
  const segments: Segment[] = [];
  let cursor = 0;
  for (const [start, end] of hits) {
    if (end <= cursor) continue;
    const from = Math.max(start, cursor);
    if (from > cursor) segments.push({ text: text.slice(cursor, from), hit: false });
    segments.push({ text: text.slice(from, end), hit: true });
    cursor = end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), hit: false });
  return segments;
}

export type Snippet = { label: string; version: number; text: string };

const SNIPPET_FIELDS: FieldKey[] = ['context', 'milestone', 'nextAction', 'dependencies'];
const SNIPPET_RADIUS = 40;

/**
 * Where a term matched that the collapsed row does not show (not in the name or the latest next
 * action): the field, which version (0 = latest) and a short excerpt around the match.
 */
export function matchSnippet(group: AnchorGroup, terms: string[]): Snippet | null {
  const latest = group.versions[0];
  if (!latest) return null;
  const shown = `${group.name}\n${latest.nextAction}`.toLocaleLowerCase();
  const term = terms.find((t) => !shown.includes(t));
  if (!term) return null;
  for (const [version, anchor] of group.versions.entries()) {
    for (const field of SNIPPET_FIELDS) {
      const text = field === 'dependencies' ? anchor.dependencies.join('; ') : anchor[field];
      const at = text.toLocaleLowerCase().indexOf(term);
      if (at === -1) continue;
      const start = Math.max(0, at - SNIPPET_RADIUS);
      const end = Math.min(text.length, at + term.length + SNIPPET_RADIUS);
      const excerpt = `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
      return { label: FIELD_TITLES[field], version, text: excerpt.replace(/\s+/g, ' ') };
    }
  }
  return null;
}

/** Resumes summed over every version (an edit makes a new version that starts at zero). */
export function resumeStats(group: AnchorGroup): { count: number; last?: string } {
  let count = 0;
  let last: string | undefined;
  for (const version of group.versions) {
    count += version.resumeCount;
    if (version.lastResumedAt && (!last || version.lastResumedAt > last)) last = version.lastResumedAt;
  }
  return { count, last };
}

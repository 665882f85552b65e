import type { Anchor } from '../model/anchor';
import { projectOf } from '../model/anchor-fields';
import { countTags, hasTag } from '../model/tags';
import { isNewer } from '../model/order';

/**
 * The library page's board of open loops: one card per project (the name's prefix, or a tag),
 * with where it stands. Pure and zod-free: lib/storage/db.ts keeps one summary per project in the
 * `projects` store with these functions (so the board paints from 200 small records instead of
 * reading 10,000 anchors), and the page builds tag cards and checks the stored ones with them.
 */

/** Where a group of anchors stands: its newest anchor, and when it was last touched. */
export type ProjectSummary = {
  /** The project's name (the name's prefix before the first `_`), or the tag for a tag card. */
  project: string;
  /** The newest live anchor: its next action is the project's. */
  latestId: string;
  latestName: string;
  nextAction: string;
  dependencies: string[];
  lastSavedAt: string;
  lastResumedAt?: string;
  /** Distinct anchor names, and live versions in all. */
  names: number;
  versions: number;
  /** The tags of each name's newest version, together. */
  tags: string[];
};

export const STALE_DAYS = { min: 1, max: 365, default: 7 } as const;

const DAY_MS = 24 * 60 * 60_000;


/** The summary of these anchors under `project` (trash left out); null when none is live. */
export function summarizeProject(project: string, anchors: Iterable<Anchor>): ProjectSummary | null {
  let latest: Anchor | undefined;
  let lastResumedAt: string | undefined;
  let versions = 0;
  const newestOfName = new Map<string, Anchor>();
  for (const anchor of anchors) {
    if (anchor.deletedAt) continue;
    versions += 1;
    if (!latest || isNewer(anchor, latest)) latest = anchor;
    if (anchor.lastResumedAt && (!lastResumedAt || anchor.lastResumedAt > lastResumedAt)) lastResumedAt = anchor.lastResumedAt;
    const named = newestOfName.get(anchor.name);
    if (!named || isNewer(anchor, named)) newestOfName.set(anchor.name, anchor);
  }
  if (!latest) return null;
  const summary: ProjectSummary = {
    project,
    latestId: latest.id,
    latestName: latest.name,
    nextAction: latest.nextAction,
    dependencies: latest.dependencies,
    lastSavedAt: latest.createdAt,
    names: newestOfName.size,
    versions,
    tags: countTags([...newestOfName.values()].map((a) => a.tags)).map((t) => t.name),
  };
  if (lastResumedAt) summary.lastResumedAt = lastResumedAt;
  return summary;
}

/** Every project's summary, by the name's prefix. */
export function summarizeProjects(anchors: Iterable<Anchor>): ProjectSummary[] {
  const byProject = new Map<string, Anchor[]>();
  for (const anchor of anchors) {
    if (anchor.deletedAt) continue;
    const project = projectOf(anchor.name);
    const list = byProject.get(project);
    if (list) list.push(anchor);
    else byProject.set(project, [anchor]);
  }
  return [...byProject].flatMap(([project, list]) => summarizeProject(project, list) ?? []);
}

/**
 * One card per tag: every name whose newest version carries the tag, with all its versions. A
 * name with two tags is on both cards.
 */
export function summarizeTags(anchors: Iterable<Anchor>): ProjectSummary[] {
  const byName = new Map<string, Anchor[]>();
  for (const anchor of anchors) {
    if (anchor.deletedAt) continue;
    const list = byName.get(anchor.name);
    if (list) list.push(anchor);
    else byName.set(anchor.name, [anchor]);
  }
  const byTag = new Map<string, { tag: string; anchors: Anchor[] }>();
  for (const versions of byName.values()) {
    const newest = versions.reduce((a, b) => (isNewer(b, a) ? b : a));
    for (const tag of newest.tags ?? []) {
      const entry = byTag.get(tag.toLocaleLowerCase());
      if (entry) entry.anchors.push(...versions);
      else byTag.set(tag.toLocaleLowerCase(), { tag, anchors: [...versions] });
    }
  }
  return [...byTag.values()].flatMap(({ tag, anchors: list }) => summarizeProject(tag, list) ?? []);
}

/** Two lists of summaries say the same (in any order): the stored board is still true. */
export function sameSummaries(a: readonly ProjectSummary[], b: readonly ProjectSummary[]): boolean {
  if (a.length !== b.length) return false;
  const byProject = new Map(a.map((s) => [s.project, JSON.stringify(s, Object.keys(s).sort())]));
  return b.every((s) => byProject.get(s.project) === JSON.stringify(s, Object.keys(s).sort()));
}

// ---------------------------------------------------------------------------------------------
// Open loops: idle time and what is still open

/** The last time anyone saved or resumed an anchor of the project. */
export function lastActivity(summary: ProjectSummary): string {
  const { lastSavedAt, lastResumedAt } = summary;
  return lastResumedAt && lastResumedAt > lastSavedAt ? lastResumedAt : lastSavedAt;
}

/** Whole days since the last save or resume (0 on the same day, never negative). */
export function idleDays(summary: ProjectSummary, now: number): number {
  const since = now - Date.parse(lastActivity(summary));
  return Number.isFinite(since) ? Math.max(0, Math.floor(since / DAY_MS)) : 0;
}

/** Stale: untouched for `staleAfterDays` days or more. */
export function isStale(summary: ProjectSummary, now: number, staleAfterDays: number): boolean {
  return idleDays(summary, now) >= staleAfterDays;
}

/** A stored "stale after" setting, checked without zod (the page paints before zod loads). */
export function staleDaysFrom(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= STALE_DAYS.min && value <= STALE_DAYS.max
    ? value
    : STALE_DAYS.default;
}

/**
 * A dependency marked as done, as a rolling update asks ChatGPT to mark them: a check mark or a
 * ticked box in front, struck through, or `done` / `resolved` at the end.
 */
export function isDoneDependency(dependency: string): boolean {
  const text = dependency.trim();
  return (
    /^(?:[✓✔✅☑]|\[x\])/iu.test(text) ||
    /^~~.*~~$/.test(text) ||
    /(?:^|[\s(—–:-])(?:done|resolved|completed?)\s*[).!]?$/i.test(text)
  );
}

export function openDependencies(summary: Pick<ProjectSummary, 'dependencies'>): string[] {
  return summary.dependencies.filter((d) => !isDoneDependency(d));
}

// ---------------------------------------------------------------------------------------------
// What the board shows

export type BoardSort = 'recent' | 'idle' | 'name';

export type BoardQuery = {
  /** Words that must all appear in the card's name, next action, dependencies or tags. */
  query: string;
  /** '' for every tag. */
  tag: string;
  staleOnly: boolean;
  sort: BoardSort;
};

export type BoardCard = ProjectSummary & { idleDays: number; stale: boolean; activity: string };

const collator = () => new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The cards to show, filtered and sorted; `now` is the clock the page reads. */
export function boardCards(
  summaries: readonly ProjectSummary[],
  { query, tag, staleOnly, sort }: BoardQuery,
  now: number,
  staleAfterDays: number,
): BoardCard[] {
  const terms = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const cards: BoardCard[] = [];
  for (const summary of summaries) {
    if (tag && !hasTag(summary.tags, tag)) continue;
    const idle = idleDays(summary, now);
    const stale = idle >= staleAfterDays;
    if (staleOnly && !stale) continue;
    if (terms.length > 0) {
      const text = [summary.project, summary.latestName, summary.nextAction, ...summary.dependencies, ...summary.tags]
        .join('\n')
        .toLocaleLowerCase();
      if (!terms.every((t) => text.includes(t))) continue;
    }
    cards.push({ ...summary, idleDays: idle, stale, activity: lastActivity(summary) });
  }
  const byName = collator();
  const compare: Record<BoardSort, (a: BoardCard, b: BoardCard) => number> = {
    recent: (a, b) => (a.activity < b.activity ? 1 : a.activity > b.activity ? -1 : byName.compare(a.project, b.project)),
    idle: (a, b) => (a.activity < b.activity ? -1 : a.activity > b.activity ? 1 : byName.compare(a.project, b.project)),
    name: (a, b) => byName.compare(a.project, b.project),
  };
  return cards.sort(compare[sort]);
}

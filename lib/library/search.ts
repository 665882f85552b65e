import type { Anchor } from '../model/anchor';
import { draftTexts } from '../model/anchor-fields';

/** Lower-cased search terms; every term must match somewhere in the anchor. */
export function searchTerms(query: string): string[] {
  return query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
}

/** All the text a search looks at, lower-cased once. */
export function searchableText(anchor: Anchor): string {
  return draftTexts(anchor)
    .join('\n')
    .toLocaleLowerCase();
}

export function matchesTerms(haystack: string, terms: string[]): boolean {
  return terms.every((term) => haystack.includes(term));
}

/** What a result shows first, lower-cased: its name and its (latest) next action. */
export type SearchHead = { name: string; nextAction: string };

export function searchHead(anchor: Pick<Anchor, 'name' | 'nextAction'>): SearchHead {
  return { name: anchor.name.toLocaleLowerCase(), nextAction: anchor.nextAction.toLocaleLowerCase() };
}

/**
 * Where the terms were found, best first: 0 when every term is in the name, 1 when every term is in
 * the name or the next action, 2 when they match elsewhere (another field, an older version); -1
 * when `haystack` does not hold every term. Typing `silver` lists `Capstone_Step9_Silver` first.
 */
export function matchRank(terms: string[], head: SearchHead, haystack: string): number {
  if (!matchesTerms(haystack, terms)) return -1;
  if (terms.every((term) => head.name.includes(term))) return 0;
  if (terms.every((term) => head.name.includes(term) || head.nextAction.includes(term))) return 1;
  return 2;
}

/** The items with a rank of 0 or more, best rank first; items of one rank keep their order. */
export function rankByMatch<T>(items: readonly T[], rankOf: (item: T) => number): T[] {
  const tiers: T[][] = [[], [], []];
  for (const item of items) tiers[rankOf(item)]?.push(item);
  return tiers.flat();
}

/**
 * The version groups (`groupByName`, newest first) where one version holds every term, ranked by
 * `matchRank` on the latest version: what the Resume picker lists (the background's searchAnchors).
 */
export function searchGroups(groups: readonly Anchor[][], query: string): Anchor[][] {
  const terms = searchTerms(query);
  if (terms.length === 0) return [...groups];
  return rankByMatch(groups, (versions) => {
    const matching = versions.find((version) => matchesTerms(searchableText(version), terms));
    return matching ? matchRank(terms, searchHead(versions[0]!), searchableText(matching)) : -1;
  });
}

/**
 * Groups versions by name, newest group first. `anchors` must be newest first; each group keeps
 * that order, so its first element is the latest version.
 */
export function groupByName(anchors: Anchor[]): Anchor[][] {
  const groups = new Map<string, Anchor[]>();
  for (const anchor of anchors) {
    const group = groups.get(anchor.name);
    if (group) group.push(anchor);
    else groups.set(anchor.name, [anchor]);
  }
  return [...groups.values()];
}

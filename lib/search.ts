import type { Anchor } from './anchor';

/** Lower-cased search terms; every term must match somewhere in the anchor. */
export function searchTerms(query: string): string[] {
  return query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
}

/** All the text a search looks at, lower-cased once. */
export function searchableText(anchor: Anchor): string {
  return [anchor.name, anchor.context, anchor.milestone, anchor.nextAction, ...anchor.dependencies]
    .join('\n')
    .toLocaleLowerCase();
}

export function matchesTerms(haystack: string, terms: string[]): boolean {
  return terms.every((term) => haystack.includes(term));
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

/**
 * Tags: a person's own grouping of anchors beyond the name's project prefix (`thesis`, `client-x`).
 * Pure and zod-free, so the popup and the library page can use it before zod loads; lib/model/anchor.ts
 * builds the stored schema from the same rules.
 */

export const TAG_LIMITS = { length: 40, count: 12 } as const;

export const TAG_RULES = {
  empty: 'A tag is empty.',
  tooLong: `A tag is longer than ${TAG_LIMITS.length} characters.`,
  comma: 'A tag cannot hold a comma (commas separate tags).',
  tooMany: `An anchor can have at most ${TAG_LIMITS.count} tags.`,
  notNormal: 'A tag must be written without a leading #, extra spaces or line breaks.',
  duplicate: 'The same tag is given twice.',
} as const;

/** `  #Client  X ` → `Client X`: no leading #, single spaces, no line breaks. */
export function normalizeTag(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/^#+\s*/, '');
}

const key = (tag: string) => tag.toLocaleLowerCase();

/** Why this stored tag list is not valid, or null. Tags compare without case. */
export function checkTags(tags: readonly string[]): string | null {
  if (tags.length > TAG_LIMITS.count) return TAG_RULES.tooMany;
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag === '') return TAG_RULES.empty;
    if (normalizeTag(tag) !== tag) return TAG_RULES.notNormal;
    if (tag.includes(',')) return TAG_RULES.comma;
    if (tag.length > TAG_LIMITS.length) return TAG_RULES.tooLong;
    if (seen.has(key(tag))) return TAG_RULES.duplicate;
    seen.add(key(tag));
  }
  return null;
}

export type TagInput = { ok: true; tags: string[] } | { ok: false; error: string };

/**
 * What a person typed in the tags field (`thesis, #writing`) → the tags to store: split on commas
 * and line breaks, normalised, empty pieces and repeats (any case) dropped, the first spelling kept.
 */
export function parseTagInput(text: string): TagInput {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const piece of text.split(/[,\n]/)) {
    const tag = normalizeTag(piece);
    if (tag === '' || seen.has(key(tag))) continue;
    if (tag.length > TAG_LIMITS.length) return { ok: false, error: `“${tag.slice(0, 50)}”: ${TAG_RULES.tooLong}` };
    seen.add(key(tag));
    tags.push(tag);
  }
  if (tags.length > TAG_LIMITS.count) return { ok: false, error: TAG_RULES.tooMany };
  return { ok: true, tags };
}

/** The tags as the field shows them. */
export function formatTagInput(tags: readonly string[] | undefined): string {
  return (tags ?? []).join(', ');
}

/** Whether `tags` holds `tag` (without case). */
export function hasTag(tags: readonly string[] | undefined, tag: string): boolean {
  const wanted = key(tag);
  return (tags ?? []).some((t) => key(t) === wanted);
}

/** Every distinct tag (first spelling wins) with how many of `lists` carry it, by name. */
export function countTags(lists: Iterable<readonly string[] | undefined>): { name: string; count: number }[] {
  const counts = new Map<string, { name: string; count: number }>();
  for (const list of lists) {
    for (const tag of list ?? []) {
      const entry = counts.get(key(tag));
      if (entry) entry.count += 1;
      else counts.set(key(tag), { name: tag, count: 1 });
    }
  }
  return [...counts.values()].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}

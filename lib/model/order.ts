/**
 * Newest first: the one order of anchors everywhere (the database's lists, the popup, the board,
 * the export, a project's timeline reversed). Times compare as instants, not as text, so
 * `2026-03-14T10:00:00+05:00` sorts before `2026-03-14T06:00:00Z`; ties go by id, the larger
 * first. Every write stores its times in UTC (`toUtc`), so the database's `createdAt` index, which
 * orders the text, agrees. Pure, no imports: the popup's first paint uses it.
 */

type Dated = { readonly createdAt: string; readonly id: string };

/** An ISO time as milliseconds; one that cannot be read counts as the oldest. */
export function instant(iso: string | undefined): number {
  const ms = iso === undefined ? NaN : Date.parse(iso);
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** Comparator: newer first, then by id (descending), as the database lists anchors. */
export function newestFirst(a: Dated, b: Dated): number {
  const at = instant(b.createdAt) - instant(a.createdAt);
  if (at > 0 || at < 0) return at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Comparator: the reverse of `newestFirst` (a project's history, version 1 first). */
export function oldestFirst(a: Dated, b: Dated): number {
  return newestFirst(b, a);
}

/** Whether `a` comes before `b` newest first. */
export function isNewer(a: Dated, b: Dated): boolean {
  return newestFirst(a, b) < 0;
}

/** Sorts in place, newest first, reading each time once (large libraries). */
export function sortNewestFirst<T extends Dated>(items: T[]): T[] {
  const keyed = items.map((item) => ({ item, at: instant(item.createdAt) }));
  keyed.sort((a, b) => b.at - a.at || (a.item.id < b.item.id ? 1 : a.item.id > b.item.id ? -1 : 0));
  keyed.forEach(({ item }, i) => (items[i] = item));
  return items;
}

/** The newest of a list, or undefined when it is empty. */
export function newestOf<T extends Dated>(items: Iterable<T>): T | undefined {
  let newest: T | undefined;
  for (const item of items) if (!newest || isNewer(item, newest)) newest = item;
  return newest;
}

/** The same instant written in UTC (`…Z`, milliseconds), as every write stores it; text that is not a time is left alone. */
export function toUtc(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString();
}

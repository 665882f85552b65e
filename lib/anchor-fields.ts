/**
 * Facts about anchors that need no schema: kept apart from lib/anchor.ts so the popup's first
 * paint can use them without loading zod.
 */

/** The project is the part of the name before the first `_` (`Capstone_Step9_Admin` → `Capstone`). */
export function projectOf(name: string): string {
  const cut = name.indexOf('_');
  return cut > 0 ? name.slice(0, cut) : name;
}

/** The four labelled fields, in the order they are written. */
export const FIELD_KEYS = ['context', 'milestone', 'nextAction', 'dependencies'] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

export const FIELD_LABELS: Record<FieldKey, string> = {
  context: 'Context',
  milestone: 'Current milestone',
  nextAction: 'Next action',
  dependencies: 'Dependencies',
};

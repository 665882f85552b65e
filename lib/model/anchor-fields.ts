import type { AnchorDraft } from './anchor';

/**
 * Facts about anchors that need no schema: kept apart from lib/model/anchor.ts so the popup's first
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

/** The three fields of free text (the fourth, dependencies, is a list of one-line items). */
export const TEXT_KEYS = ['context', 'milestone', 'nextAction'] as const satisfies readonly FieldKey[];

/** The draft's own fields and nothing else (an anchor's id, times and source left out). */
export function draftOf(anchor: AnchorDraft): AnchorDraft {
  const { name, context, milestone, nextAction, dependencies } = anchor;
  return { name, context, milestone, nextAction, dependencies };
}

/** Each text of the four fields (the name apart), with its field, in the order they are written. */
export function fieldTexts(draft: AnchorDraft): { key: FieldKey; text: string }[] {
  return [
    ...TEXT_KEYS.map((key) => ({ key, text: draft[key] })),
    ...draft.dependencies.map((text) => ({ key: 'dependencies' as const, text })),
  ];
}

/** Every text a draft holds, in the order it is written: the name, then `fieldTexts`. */
export function draftTexts(draft: AnchorDraft): string[] {
  return [draft.name, draft.context, draft.milestone, draft.nextAction, ...draft.dependencies];
}

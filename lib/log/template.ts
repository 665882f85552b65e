/**
 * The anchor request template: the one home of its wording. The formatter fills it in, the
 * settings check a custom one keeps the name placeholder, and the parser recognises a reply that
 * repeats the template instead of filling it in, all from these constants, so rewording the
 * default here changes every one of them. Pure, no imports (the parser and the formatter both use it).
 */

/** The name placeholder without its brackets: never an anchor's name. */
export const PLACEHOLDER_NAME = 'ANCHOR_NAME';

/** Where the anchor's name goes in the request template. */
export const TEMPLATE_PLACEHOLDER = `[${PLACEHOLDER_NAME}]`;

/** The default template's placeholder for each field, as ChatGPT would repeat them back. */
export const FIELD_PLACEHOLDERS = {
  context: '[3–4 lines on project/sprint state]',
  milestone: '[what’s done]',
  nextAction: '[one concrete step]',
  dependencies: '[keys/env/tools/people]',
} as const;

export const DEFAULT_TEMPLATE = [
  `Anchor this as chat ${TEMPLATE_PLACEHOLDER} with next action + dependencies. Use this template:`,
  `Resume from anchor: ${TEMPLATE_PLACEHOLDER}`,
  `Context: ${FIELD_PLACEHOLDERS.context}`,
  `Current milestone: ${FIELD_PLACEHOLDERS.milestone}`,
  `Next action: ${FIELD_PLACEHOLDERS.nextAction}`,
  `Dependencies: ${FIELD_PLACEHOLDERS.dependencies}`,
].join('\n');

/** Only the first placeholder is the name; the template's own `Resume from anchor:` line stays. */
export function fillTemplate(template: string, name: string): string {
  // A function replacement, so `$&` or `$1` in a name is not read as a pattern.
  return template.replace(TEMPLATE_PLACEHOLDER, () => `[${name}]`);
}

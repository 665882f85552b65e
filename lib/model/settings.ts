import { z } from 'zod/mini';
import { STALE_DAYS } from '../library/board';
import { DEFAULT_TEMPLATE, TEMPLATE_PLACEHOLDER } from '../log/format';
import { CHAT_LIMIT_BOUNDS, DEFAULT_CHAT_LIMIT_TOKENS, DEFAULT_NUDGE_PERCENT, NUDGE_PERCENT_BOUNDS } from '../meter/limit';

export { TEMPLATE_PLACEHOLDER };

export const SettingsSchema = z.object({
  template: z.string().check(
    z.maxLength(5_000, { error: 'The template is longer than 5,000 characters.' }),
    z.refine((t) => t.includes(TEMPLATE_PLACEHOLDER), {
      error: `The template must contain ${TEMPLATE_PLACEHOLDER}, where the anchor's name goes.`,
    }),
  ),
  autoSend: z.boolean(),
  dateFormat: z.enum(['us', 'iso']),
  exportAllVersions: z.boolean(),
  /** How long Save anchor waits for ChatGPT to finish a reply before giving up. */
  replyTimeoutSeconds: z
    .number()
    .check(
      z.int(),
      z.minimum(2, { error: 'Wait at least 2 seconds.' }),
      z.maximum(900, { error: 'Wait at most 900 seconds (15 minutes).' }),
    ),
  /** The library page marks a project stale when nothing was saved or resumed for this many days. */
  staleAfterDays: z
    .number()
    .check(
      z.int({ error: 'Give a whole number of days.' }),
      z.minimum(STALE_DAYS.min, { error: `At least ${STALE_DAYS.min} day.` }),
      z.maximum(STALE_DAYS.max, { error: `At most ${STALE_DAYS.max} days.` }),
    ),
  /** Save anchor in a resumed chat asks ChatGPT to update the anchor it was resumed from. */
  rollingAnchors: z.boolean(),
  /** The resume text asks ChatGPT to restate the next action; a different one is flagged. */
  resumeHandshake: z.boolean(),
  /** The chat length meter's limit until ChatGPT's own notice teaches it (lib/meter/limit.ts). */
  chatLimitTokens: z
    .number()
    .check(
      z.int({ error: 'Give the limit in whole tokens.' }),
      z.minimum(CHAT_LIMIT_BOUNDS.min, { error: `The limit is at least ${CHAT_LIMIT_BOUNDS.min.toLocaleString('en-US')} tokens.` }),
      z.maximum(CHAT_LIMIT_BOUNDS.max, { error: `The limit is at most ${CHAT_LIMIT_BOUNDS.max.toLocaleString('en-US')} tokens.` }),
    ),
  /** At this share of the limit, Save anchor is highlighted once per chat. */
  nudgePercent: z
    .number()
    .check(
      z.int({ error: 'Give a whole percentage.' }),
      z.minimum(NUDGE_PERCENT_BOUNDS.min, { error: `Nudge at ${NUDGE_PERCENT_BOUNDS.min} % or more.` }),
      z.maximum(NUDGE_PERCENT_BOUNDS.max, { error: `Nudge at ${NUDGE_PERCENT_BOUNDS.max} % or less.` }),
    ),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  template: DEFAULT_TEMPLATE,
  autoSend: false,
  dateFormat: 'us',
  exportAllVersions: true,
  replyTimeoutSeconds: 180,
  staleAfterDays: STALE_DAYS.default,
  rollingAnchors: true,
  resumeHandshake: false,
  chatLimitTokens: DEFAULT_CHAT_LIMIT_TOKENS,
  nudgePercent: DEFAULT_NUDGE_PERCENT,
};

/**
 * Stored settings read one key at a time: a stored value that is missing (a setting added later)
 * or no longer valid (say a date format a newer version wrote) falls back to its default alone,
 * and every other setting, the user's template above all, is kept. Unknown keys are dropped.
 */
export function withDefaults(stored: unknown): Settings {
  const record: Record<string, unknown> = typeof stored === 'object' && stored !== null ? { ...stored } : {};
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const keep = <K extends keyof Settings>(key: K) => {
    if (!Object.hasOwn(record, key)) return;
    const parsed = SettingsSchema.shape[key].safeParse(record[key]);
    if (parsed.success) settings[key] = parsed.data as Settings[K];
  };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) keep(key);
  return settings;
}

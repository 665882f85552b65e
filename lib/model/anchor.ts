import { z } from 'zod/mini';
import { en } from 'zod/locales';
import { LIMITS, RULES, normalizeName } from './anchor-check';
import { FIELD_LABELS } from './anchor-fields';
import { TAG_LIMITS, TAG_RULES, checkTags } from './tags';

// zod/mini ships without messages; English keeps the default ones ("Too big: expected string to
// have <=200 characters") exactly as zod's classic API wrote them.
z.config(en());

const oneLine = /^[^\r\n]*$/;

export const AnchorNameSchema = z.string({ error: 'The name must be text.' }).check(
  z.overwrite(normalizeName),
  z.minLength(1, { error: RULES.nameEmpty }),
  z.maxLength(LIMITS.name, { error: RULES.nameTooLong }),
  z.regex(oneLine, { error: RULES.nameLines }),
);

const fieldSchema = (label: string) =>
  z.string({ error: `${label} must be text.` }).check(
    z.maxLength(LIMITS.field, {
      error: (issue) => RULES.fieldTooLong(label, (issue.input as string).length),
    }),
  );

export const DependencySchema = z.string().check(
  z.trim(),
  z.minLength(1, { error: RULES.dependencyEmpty }),
  z.maxLength(LIMITS.dependency, { error: RULES.dependencyTooLong }),
  z.regex(oneLine, { error: RULES.dependencyLines }),
);

/** What a parser or an edit form produces: the five parts a person writes. */
export const AnchorDraftSchema = z.object({
  name: AnchorNameSchema,
  context: fieldSchema(FIELD_LABELS.context),
  milestone: fieldSchema(FIELD_LABELS.milestone),
  nextAction: fieldSchema(FIELD_LABELS.nextAction),
  dependencies: z
    .array(DependencySchema)
    .check(z.maxLength(LIMITS.dependencies, { error: RULES.tooManyDependencies })),
});
export type AnchorDraft = z.infer<typeof AnchorDraftSchema>;

/** `rescued`: asked of a new chat that was given the transcript of a chat that had reached ChatGPT's maximum length. */
export const OriginSchema = z.enum(['captured', 'requested', 'selection', 'manual', 'imported', 'rescued']);
export type Origin = z.infer<typeof OriginSchema>;

export const SourceSchema = z.object({
  url: z.optional(z.string().check(z.maxLength(LIMITS.url))),
  conversationId: z.optional(z.string().check(z.maxLength(LIMITS.id))),
  chatTitle: z.optional(z.string().check(z.maxLength(LIMITS.title))),
  messageId: z.optional(z.string().check(z.maxLength(LIMITS.id))),
});
export type Source = z.infer<typeof SourceSchema>;

/** A chat's size in tokens: ChatGPT's largest chats are a few hundred thousand. */
export const ChatTokensSchema = z.number().check(z.int(), z.minimum(0), z.maximum(100_000_000));

const isoTime = z.iso.datetime({ offset: true, error: 'Not an ISO date-time.' });

/** A person's tags (lib/model/tags.ts has the rules): normalised, without repeats in any case. */
export const TagsSchema = z.array(z.string()).check(
  z.maxLength(TAG_LIMITS.count, { error: TAG_RULES.tooMany }),
  z.superRefine((tags, ctx) => {
    const problem = checkTags(tags);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: tags });
  }),
);

export const AnchorSchema = z.extend(AnchorDraftSchema, {
  id: z.string().check(z.minLength(1), z.maxLength(LIMITS.id)),
  createdAt: isoTime,
  /** False when an imported timestamp was broken: the date is kept, the time is not known. */
  timeKnown: z.boolean(),
  source: SourceSchema,
  origin: OriginSchema,
  /** Set when the anchor is in the trash. */
  deletedAt: z.optional(isoTime),
  lastResumedAt: z.optional(isoTime),
  resumeCount: z.number().check(z.int(), z.minimum(0)),
  /** v5: set in the details; a new version of the name starts with its latest version's tags. */
  tags: z.optional(TagsSchema),
  /** The size of the chat it came from when it was saved, in o200k tokens (the chat length meter's count). */
  chatTokens: z.optional(ChatTokensSchema),
  /** A rescued anchor: the full chat whose transcript the new chat (`source`) was given. */
  rescuedFrom: z.optional(SourceSchema),
});
export type Anchor = z.infer<typeof AnchorSchema>;

export const EMPTY_DRAFT: AnchorDraft = {
  name: '',
  context: '',
  milestone: '',
  nextAction: '',
  dependencies: [],
};

export { FIELD_KEYS, FIELD_LABELS, projectOf, type FieldKey } from './anchor-fields';
export { LIMITS } from './anchor-check';

/** Readable one-line summary of a zod error: `dependencies[3]: A dependency is empty.` */
export function describeZodError(error: { readonly issues: readonly z.core.$ZodIssue[] }): string {
  return error.issues
    .map((issue) => {
      const path = issue.path
        .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
        .join('');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Two drafts hold the same anchor text (used to skip duplicates). */
export function sameDraft(a: AnchorDraft, b: AnchorDraft): boolean {
  return (
    a.name === b.name &&
    a.context === b.context &&
    a.milestone === b.milestone &&
    a.nextAction === b.nextAction &&
    a.dependencies.length === b.dependencies.length &&
    a.dependencies.every((d, i) => d === b.dependencies[i])
  );
}

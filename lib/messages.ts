import { z } from 'zod/mini';
import {
  AnchorDraftSchema,
  AnchorNameSchema,
  OriginSchema,
  SourceSchema,
  describeZodError,
  type Anchor,
} from './anchor';
import type { Checks } from './protocol';
import type { Settings } from './settings';

/**
 * The requests the background answers (from ChatGPT pages, the popup and the options page), named
 * by verb, with the zod schema that validates each where it arrives. Sending and answering are in
 * lib/protocol.ts; the ChatGPT tab's own request is in lib/tab-requests.ts.
 */

const id = z.string().check(z.minLength(1), z.maxLength(200));

/** Requests the background answers (from pages, popup and options). */
export const backgroundRequests = {
  saveAnchor: z.object({
    draft: AnchorDraftSchema,
    origin: OriginSchema,
    source: SourceSchema,
  }),
  undoSave: z.object({ id }),
  renameAnchor: z.object({ id, name: AnchorNameSchema }),
  maskSecrets: z.object({ id }),
  searchAnchors: z.object({
    query: z.string().check(z.maxLength(500)),
    limit: z.number().check(z.int(), z.minimum(1), z.maximum(500)),
  }),
  getSettings: z.object({}),
  prepareResume: z.object({ id }),
  recordResume: z.object({ id }),
  resumeInNewTab: z.object({ id }),
  claimPendingResume: z.object({}),
  exportLog: z.object({ format: z.enum(['markdown', 'json']) }),
  importLog: z.object({
    fileName: z.string().check(z.minLength(1), z.maxLength(500)),
    text: z.string().check(z.maxLength(50_000_000)),
  }),
} as const;

/** `secrets`: what looks like a secret, each as kind, field and masked snippet (`describeSecrets`). */
export type SaveResult = { anchor: Anchor; duplicate: boolean; secrets: string[] };
/** What the picker shows of an anchor (its latest version). */
export type AnchorSummary = Pick<
  Anchor,
  'id' | 'name' | 'nextAction' | 'createdAt' | 'timeKnown' | 'lastResumedAt' | 'resumeCount'
> & { versions: number };
export type ResumeOrder = { text: string; autoSend: boolean; anchorId: string; name: string };
export type ImportReport = {
  added: number;
  duplicates: number;
  warnings: { line?: number; message: string }[];
  kind: 'markdown' | 'json';
};

export interface BackgroundResponses {
  saveAnchor: SaveResult;
  undoSave: null;
  renameAnchor: Anchor;
  maskSecrets: Anchor;
  searchAnchors: { anchors: AnchorSummary[]; total: number };
  getSettings: Settings;
  prepareResume: ResumeOrder;
  recordResume: Anchor;
  resumeInNewTab: { tabId: number };
  claimPendingResume: ResumeOrder | null;
  exportLog: { filename: string; count: number };
  importLog: ImportReport;
}

export type BackgroundRequest = keyof typeof backgroundRequests;
/** What a sender passes (before zod's trimming). */
export type BackgroundPayloads = { [K in BackgroundRequest]: z.input<(typeof backgroundRequests)[K]> };
/** What a handler receives (after it). */
export type CheckedBackgroundPayloads = { [K in BackgroundRequest]: z.output<(typeof backgroundRequests)[K]> };

/** The zod schemas as the checks `answerMessages` runs: a refusal names the field and the rule. */
export const backgroundChecks = Object.fromEntries(
  Object.entries(backgroundRequests).map(([type, schema]) => [
    type,
    (payload: unknown) => {
      const parsed = (schema as z.ZodMiniType).safeParse(payload);
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: describeZodError(parsed.error) };
    },
  ]),
) as Checks<CheckedBackgroundPayloads>;

import { z } from 'zod/mini';
import { browser, type Browser } from 'wxt/browser';
import {
  AnchorDraftSchema,
  AnchorNameSchema,
  OriginSchema,
  SourceSchema,
  describeZodError,
  type Anchor,
} from './anchor';
import type { Settings } from './settings';

/**
 * The one definition of the message protocol. Messages are named by verb; every request is
 * validated with zod where it arrives, and every answer is `{ ok, value }` or `{ ok: false, error }`
 * so a bad payload gets a readable error instead of a crash.
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

/** Requests a ChatGPT tab's content script answers (from the background). */
export const tabRequests = {
  runCommand: z.object({
    command: z.enum(['save', 'resume', 'saveSelection']),
    /** The selection as the browser reported it, for when the page's own selection is gone. */
    selectionText: z.optional(z.string().check(z.maxLength(1_000_000))),
  }),
} as const;

export interface TabResponses {
  runCommand: null;
}

export type BackgroundRequest = keyof typeof backgroundRequests;
export type TabRequest = keyof typeof tabRequests;
type Requests = typeof backgroundRequests & typeof tabRequests;
type Responses = BackgroundResponses & TabResponses;
export type Payload<K extends keyof Requests> = z.input<Requests[K]>;

export type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

/** The error a sender sees when the other side answered `{ ok: false }`. */
export class MessageError extends Error {
  override name = 'MessageError';
}

const EnvelopeSchema = z.object({ type: z.string(), payload: z.unknown() });

function unwrap<T>(answer: unknown, type: string): T {
  const parsed = z
    .union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: z.string() })])
    .safeParse(answer);
  if (!parsed.success) throw new MessageError(`No answer to ${type}: the extension did not respond.`);
  if (!parsed.data.ok) throw new MessageError(parsed.data.error);
  return parsed.data.value as T;
}

export async function sendToBackground<K extends BackgroundRequest>(
  type: K,
  payload: Payload<K>,
): Promise<BackgroundResponses[K]> {
  const answer: unknown = await browser.runtime.sendMessage({ type, payload });
  return unwrap<BackgroundResponses[K]>(answer, type);
}

export async function sendToTab<K extends TabRequest>(
  tabId: number,
  type: K,
  payload: Payload<K>,
): Promise<TabResponses[K]> {
  const answer: unknown = await browser.tabs.sendMessage(tabId, { type, payload });
  return unwrap<TabResponses[K]>(answer, type);
}

export type Handlers<R extends Record<string, z.ZodMiniType>, A> = {
  [K in keyof R & keyof A]: (payload: z.output<R[K]>, sender: Browser.runtime.MessageSender) => Promise<A[K]>;
};

/**
 * Answers the messages named in `requests`: validates the payload, runs the handler, and turns
 * any failure into `{ ok: false, error }`. Messages of other types are left to other listeners.
 */
export function answerMessages<R extends Record<string, z.ZodMiniType>, A>(
  requests: R,
  handlers: Handlers<R, A>,
): () => void {
  const listener = (message: unknown, sender: Browser.runtime.MessageSender): Promise<Answer<unknown>> | undefined => {
    const envelope = EnvelopeSchema.safeParse(message);
    if (!envelope.success || !Object.hasOwn(requests, envelope.data.type)) return undefined;
    const type = envelope.data.type as keyof R & keyof A;
    const payload = requests[type]!.safeParse(envelope.data.payload ?? {});
    if (!payload.success) {
      return Promise.resolve({ ok: false, error: `Invalid ${String(type)}: ${describeZodError(payload.error)}` });
    }
    return handlers[type](payload.data as z.output<R[typeof type]>, sender).then(
      (value): Answer<unknown> => ({ ok: true, value: value ?? null }),
      (error: unknown): Answer<unknown> => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

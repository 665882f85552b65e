import { browser, type Browser } from 'wxt/browser';
import type { Checked } from '../model/anchor-check';
import type { BackgroundPayloads, BackgroundResponses } from './messages';
import type { TabPayloads, TabResponses } from './tab-requests';

/**
 * Sending and answering messages, without zod, so every context can load it. Each request type
 * comes with a check that runs where the message arrives: zod schemas for the background's
 * requests (lib/messaging/messages.ts), a small hand-written check for the one request a ChatGPT tab
 * answers (lib/messaging/tab-requests.ts). Every answer is `{ ok, value }` or `{ ok: false, error }`, so a
 * bad payload gets a readable error instead of a crash.
 */

export type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

/** Checks a payload where it arrives: the value to hand on, or why it was refused. */
export type Check<T> = (payload: unknown) => Checked<T>;

/** The error a sender sees when the other side answered `{ ok: false }`. */
export class MessageError extends Error {
  override name = 'MessageError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function unwrap<T>(answer: unknown, type: string): T {
  if (isRecord(answer) && answer.ok === true && 'value' in answer) return answer.value as T;
  if (isRecord(answer) && answer.ok === false && typeof answer.error === 'string') throw new MessageError(answer.error);
  throw new MessageError(`No answer to ${type}: the extension did not respond.`);
}

export async function sendToBackground<K extends keyof BackgroundPayloads>(
  type: K,
  payload: BackgroundPayloads[K],
): Promise<BackgroundResponses[K]> {
  const answer: unknown = await browser.runtime.sendMessage({ type, payload });
  return unwrap<BackgroundResponses[K]>(answer, type);
}

export async function sendToTab<K extends keyof TabPayloads>(
  tabId: number,
  type: K,
  payload: TabPayloads[K],
  frameId?: number,
): Promise<TabResponses[K]> {
  const message = { type, payload };
  const answer: unknown = await (frameId === undefined
    ? browser.tabs.sendMessage(tabId, message)
    : browser.tabs.sendMessage(tabId, message, { frameId }));
  return unwrap<TabResponses[K]>(answer, type);
}

/** `P`: each request's payload once checked; `A`: each request's answer. */
export type Checks<P> = { [K in keyof P]: Check<P[K]> };
export type Handlers<P, A> = {
  [K in keyof P & keyof A]: (payload: P[K], sender: Browser.runtime.MessageSender) => Promise<A[K]>;
};

/** Why this sender may not send this request (null: it may). Runs before the payload is read. */
export type SenderCheck<P> = (type: keyof P, sender: Browser.runtime.MessageSender) => string | null;

/**
 * Answers the messages named in `checks`: checks who sent it and the payload, runs the handler,
 * and turns any failure into `{ ok: false, error }`. Messages of other types are left to other
 * listeners.
 *
 * The answer goes through `sendResponse` (the listener returns `true` to keep the channel open):
 * the one way that works alike in Chrome's native API, Firefox's and webextension-polyfill's,
 * since the content script runs without the polyfill (see wxt.config.ts).
 */
export function answerMessages<P, A>(
  checks: Checks<P>,
  handlers: Handlers<P, A>,
  checkSender: SenderCheck<P> = () => null,
): () => void {
  const listener = (
    message: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (answer: Answer<unknown>) => void,
  ): true | undefined => {
    if (!isRecord(message) || typeof message.type !== 'string' || !Object.hasOwn(checks, message.type)) return undefined;
    const type = message.type as keyof P & keyof A;
    const refused = checkSender(type, sender);
    if (refused) sendResponse({ ok: false, error: refused });
    else void answer(checks, handlers, type, message.payload, sender).then(sendResponse);
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

async function answer<P, A, K extends keyof P & keyof A>(
  checks: Checks<P>,
  handlers: Handlers<P, A>,
  type: K,
  rawPayload: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<Answer<unknown>> {
  const payload = checks[type](rawPayload ?? {});
  if (!payload.ok) return { ok: false, error: `Invalid ${String(type)}: ${payload.error}` };
  try {
    return { ok: true, value: (await handlers[type](payload.value, sender)) ?? null };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

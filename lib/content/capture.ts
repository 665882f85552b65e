import type { Source } from '../model/anchor';
import { clearComposer, clickSend, composerText, fillComposer } from '../chatgpt/composer';
import { readMessageText } from '../chatgpt/message-text';
import {
  assistantMessages,
  chatHasMessages,
  findComposer,
  findStopButton,
  isStopControl,
  isStreaming,
  latestAssistantMessage,
  messageSource,
  messageTextElement,
  replyIsComplete,
} from '../chatgpt/page';
import { pageKind } from '../chatgpt/urls';
import { WaitCancelled, WaitTimeout, waitFor, waitUntilStable } from '../chatgpt/wait';
import type { AnchorRequest, SaveResult, SaveTextResult } from '../messaging/messages';
import { MAX_REPLY_TEXT, mayBeAnchor, tooLongToRead } from '../model/reply-text';
import { pageChanged, settledMissingParts } from './drift';

export { pageChanged } from './drift';

/**
 * Save anchor on the page. The page reads; the background parses and saves (the content script
 * carries no parser): every save sends the reply's text as the page shows it (`SaveText`).
 */

export type CapturePhase = 'waiting' | 'requesting' | 'reading';

/** A capture that cannot finish, with the sentence the toast shows. */
export class CaptureError extends Error {
  override name = 'CaptureError';
}

/** The abort reason of a person's Cancel: the reply GPT Anchors asked ChatGPT for is stopped too. */
export const CANCELLED_BY_USER = 'cancelled by the user';

/** Sends a text to the background to be parsed and saved (the `saveText` message); a rescue names the full chat. */
export type SaveText = (text: string, origin: 'captured' | 'requested' | 'rescued', source: Source, rescuedFrom?: Source) => Promise<SaveTextResult>;

/** A message's text as ChatGPT wrote it (markdown), refused by its length before it is sent anywhere. */
export function readReply(message: Element, what = 'This reply'): string {
  const text = readMessageText(messageTextElement(message));
  if (text.length > MAX_REPLY_TEXT) throw new CaptureError(tooLongToRead(what, text.length));
  return text;
}

/**
 * Whether a finished message may deserve a *Save this anchor* button, by a look at its raw text
 * (lib/model/reply-text.ts); the background then says what it is. Spares a long chat's other replies.
 */
export function mayOfferAnchor(message: Element): boolean {
  return mayBeAnchor(messageTextElement(message).textContent ?? '');
}

/** The assistant message after the first `countBefore` ones, once it has finished (null until then). */
function finishedReply(countBefore: number): HTMLElement | null {
  const messages = assistantMessages();
  const last = messages.at(-1);
  if (messages.length <= countBefore || !last || isStreaming()) return null;
  return replyIsComplete(last) ? last : null;
}

/** How long a reply may take before the capture gives up, and how long it must stay unchanged. */
export type CaptureTiming = { replyTimeoutMs: number; quietMs: number };

/**
 * Waits until the assistant message after the first `countBefore` ones has finished, by three
 * signals that must all hold: the stop control is gone, the reply's own action row shows (not a
 * code block's Copy button), and its text has not changed for `quietMs`.
 */
export async function waitForReply(countBefore: number, timing: CaptureTiming, signal: AbortSignal): Promise<HTMLElement> {
  const deadline = Date.now() + timing.replyTimeoutMs;
  const message = await waitFor(() => finishedReply(countBefore), {
    timeoutMs: timing.replyTimeoutMs,
    signal,
    description: "ChatGPT's reply",
  });
  await waitUntilStable(() => messageTextElement(message).textContent ?? '', timing.quietMs, {
    timeoutMs: Math.max(deadline - Date.now(), timing.quietMs * 3),
    signal,
  });
  return latestAssistantMessage() ?? message;
}

export type CaptureOptions = {
  /** The request to send when the chat has no anchor, and how long to wait for the reply. */
  request: AnchorRequest;
  /** Aborted by Cancel (reason CANCELLED_BY_USER) or when the content script ends. */
  signal: AbortSignal;
  /** The content script's life: once it ends, nothing more is done to the page. */
  life?: AbortSignal;
  onPhase: (phase: CapturePhase) => void;
  save: SaveText;
};

/**
 * Save anchor, in every state the chat can be in: waits for a reply still streaming; saves the
 * latest reply when it is an anchor; otherwise sends the anchor request and saves the answer.
 */
export async function captureFromChat(options: CaptureOptions): Promise<SaveResult> {
  const { request, signal, onPhase, save } = options;
  const timing = { replyTimeoutMs: request.replyTimeoutMs, quietMs: 1000 };
  if (pageKind(location.pathname) === 'other') {
    throw new CaptureError('This ChatGPT page is not a chat: open one to save an anchor from it. Nothing was saved.');
  }
  const missing = await settledMissingParts(signal);
  if (missing.length > 0) throw new CaptureError(pageChanged(missing));
  // A new chat, or one whose URL and page show no message: nothing to anchor, nothing to send.
  if (!chatHasMessages()) throw new CaptureError('This chat is empty: nothing to anchor yet.');
  if (isStreaming()) {
    onPhase('waiting');
    await waitForReply(assistantMessages().length - 1, timing, signal);
  } else {
    // No stop control, but no action row under the reply either: it may still be arriving.
    const last = latestAssistantMessage();
    if (last && !replyIsComplete(last)) {
      onPhase('waiting');
      await waitUntilStable(() => messageTextElement(last).textContent ?? '', timing.quietMs, { timeoutMs: timing.replyTimeoutMs, signal });
    }
  }
  const latest = latestAssistantMessage();
  if (latest) {
    // An anchor that cannot be saved is refused with its reason, rather than asking for the same anchor again.
    const saved = await save(readReply(latest), 'captured', messageSource(latest));
    if (!('notAnchor' in saved)) return saved;
  }
  return requestAnchor(options, timing);
}

async function requestAnchor({ request, signal, life, onPhase, save }: CaptureOptions, timing: CaptureTiming): Promise<SaveResult> {
  if (pageKind(location.pathname) === 'shared') {
    throw new CaptureError('The latest reply of this shared chat is not an anchor, and a shared chat cannot be asked for one. Nothing was saved.');
  }
  const editor = findComposer();
  if (!editor) throw new CaptureError(pageChanged('composer'));
  onPhase('requesting');
  const userDraft = composerText(editor).trim() ? composerText(editor) : '';
  const putBack = async () => {
    await clearComposer();
    if (userDraft) await fillComposer(userDraft);
  };
  const countBefore = assistantMessages().length;
  if ((await fillComposer(request.text, signal)) !== 'filled') {
    await putBack();
    throw new CaptureError('Could not write the anchor request into the ChatGPT composer. Nothing was sent.');
  }
  try {
    await clickSend(signal);
  } catch (error) {
    await putBack();
    if (error instanceof WaitTimeout) throw new CaptureError(pageChanged('send button'));
    throw error;
  }
  try {
    onPhase('waiting');
    const reply = await waitForReply(countBefore, timing, signal);
    onPhase('reading');
    const saved = await save(readReply(reply, "ChatGPT's reply"), 'requested', messageSource(reply));
    if ('notAnchor' in saved) throw new CaptureError(`ChatGPT's reply is not an anchor: ${saved.notAnchor} Nothing was saved.`);
    return saved;
  } catch (error) {
    if (error instanceof WaitCancelled && signal.reason === CANCELLED_BY_USER) await stopReply(countBefore, life);
    throw error;
  } finally {
    // The request has been sent and the composer emptied: give back what the person had typed.
    const current = findComposer();
    if (userDraft && current && composerText(current).trim() === '' && !life?.aborted) await fillComposer(userDraft);
  }
}

/**
 * Cancel after the request was sent stops ChatGPT's reply to it with the page's own stop control,
 * which may show a moment after the send. A reply that has already finished is left alone.
 */
export async function stopReply(countBefore: number, life?: AbortSignal): Promise<void> {
  const found = await waitFor(() => findStopButton() ?? finishedReply(countBefore), {
    timeoutMs: 3_000,
    signal: life,
    description: 'the stop button',
  }).catch(() => null);
  if (found && isStopControl(found)) found.click();
}

import type { AnchorDraft, Origin, Source } from '../anchor';
import { clearComposer, clickSend, composerText, fillComposer } from '../chatgpt/composer';
import { readMessageText } from '../chatgpt/message-text';
import {
  assistantMessages,
  chatTitle,
  findComposer,
  isStreaming,
  latestAssistantMessage,
  messageSource,
  messageTextElement,
  replyIsComplete,
} from '../chatgpt/page';
import { pageKind } from '../chatgpt/urls';
import { WaitTimeout, waitFor, waitUntilStable } from '../chatgpt/wait';
import { fillTemplate } from '../format';
import { suggestAnchorName } from '../names';
import { parseAnchorText } from '../parse';
import { pageChanged, settledMissingParts } from './drift';

export { pageChanged } from './drift';

/** What a capture produces: a draft ready to save, and where it came from. */
export type Capture = { draft: AnchorDraft; origin: Origin; source: Source };

export type CapturePhase = 'waiting' | 'requesting' | 'reading';

/** A capture that cannot finish, with the sentence the toast shows. */
export class CaptureError extends Error {
  override name = 'CaptureError';
}

/** How long a reply may take before the capture gives up, and how long it must stay unchanged. */
export type CaptureTiming = { replyTimeoutMs: number; quietMs: number };

export function readAnchorFromMessage(message: Element) {
  return parseAnchorText(readMessageText(messageTextElement(message)));
}

/**
 * Whether a finished message deserves a *Save this anchor* button: an anchor, or an anchor that
 * breaks a rule (its button says why it cannot be saved). Every anchor has a name line with the
 * word "anchor" in it, so the cheap look at the raw text spares the parser most of a long chat.
 */
export function offersAnchor(message: Element): boolean {
  if (!/anchor/i.test(messageTextElement(message).textContent ?? '')) return false;
  const parsed = readAnchorFromMessage(message);
  return parsed.ok || parsed.invalid === true;
}

/**
 * Waits until the assistant message after the first `countBefore` ones has finished, by three
 * signals that must all hold: the stop control is gone, the reply's own action row shows (not a
 * code block's Copy button), and its text has not changed for `quietMs`.
 */
export async function waitForReply(
  countBefore: number,
  timing: CaptureTiming,
  signal: AbortSignal,
): Promise<HTMLElement> {
  const deadline = Date.now() + timing.replyTimeoutMs;
  const message = await waitFor(
    () => {
      const messages = assistantMessages();
      const last = messages.at(-1);
      if (messages.length <= countBefore || !last || isStreaming()) return null;
      return replyIsComplete(last) ? last : null;
    },
    { timeoutMs: timing.replyTimeoutMs, signal, description: "ChatGPT's reply" },
  );
  await waitUntilStable(() => messageTextElement(message).textContent ?? '', timing.quietMs, {
    timeoutMs: Math.max(deadline - Date.now(), timing.quietMs * 3),
    signal,
  });
  return latestAssistantMessage() ?? message;
}

/**
 * Save anchor, in every state the chat can be in: waits for a reply still streaming; saves the
 * latest reply when it is an anchor; otherwise sends the anchor request and reads the answer.
 */
export async function captureFromChat(options: {
  template: string;
  timing: CaptureTiming;
  signal: AbortSignal;
  onPhase: (phase: CapturePhase) => void;
}): Promise<Capture> {
  const { template, timing, signal, onPhase } = options;
  if (pageKind(location.pathname) === 'other') {
    throw new CaptureError('This ChatGPT page is not a chat: open one to save an anchor from it. Nothing was saved.');
  }
  const missing = await settledMissingParts(signal);
  if (missing.length > 0) throw new CaptureError(pageChanged(missing));
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
    const parsed = readAnchorFromMessage(latest);
    if (parsed.ok) return { draft: parsed.draft, origin: 'captured', source: messageSource(latest) };
    // An anchor that cannot be saved: say why, rather than ask ChatGPT for the same anchor again.
    if (parsed.invalid) throw new CaptureError(`${parsed.reason} Nothing was saved.`);
  }
  return requestAnchor(template, timing, signal, onPhase);
}

async function requestAnchor(
  template: string,
  timing: CaptureTiming,
  signal: AbortSignal,
  onPhase: (phase: CapturePhase) => void,
): Promise<Capture> {
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
  const request = fillTemplate(template, suggestAnchorName(chatTitle()));
  const countBefore = assistantMessages().length;
  if ((await fillComposer(request, signal)) !== 'filled') {
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
    const parsed = readAnchorFromMessage(reply);
    if (!parsed.ok) throw new CaptureError(`ChatGPT's reply is not an anchor: ${parsed.reason} Nothing was saved.`);
    return { draft: parsed.draft, origin: 'requested', source: messageSource(reply) };
  } finally {
    // The request has been sent and the composer emptied: give back what the person had typed.
    const current = findComposer();
    if (userDraft && current && composerText(current).trim() === '') await fillComposer(userDraft);
  }
}

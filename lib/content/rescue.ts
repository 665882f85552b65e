import type { Source } from '../model/anchor';
import { attachFile } from '../chatgpt/attach';
import { chatMessages, isAssistantMessage, messageText } from '../chatgpt/chat-messages';
import { clickSend, fillComposer } from '../chatgpt/composer';
import { assistantMessages, messageSource } from '../chatgpt/page';
import { newChatUrl, pageKind } from '../chatgpt/urls';
import { WaitCancelled, WaitTimeout } from '../chatgpt/wait';
import type { SaveResult } from '../messaging/messages';
import { CANCELLED_BY_USER, CaptureError, readReply, stopReply, waitForReply, type CaptureOptions } from './capture';
import { pageChanged } from './drift';
import { RESCUE_PENDING } from './rescue-entry';
import { resumeIntoChat } from './resume';
import { RESCUE_TEXT_CHARS, latestThatFit, transcriptFileName, transcriptMarkdown, type TranscriptMessage } from './transcript';

/**
 * *Rescue into a new chat*, for a chat ChatGPT stopped at its maximum length (it can no longer
 * be asked for an anchor). Only on the person's click. The transcript is read from this page and
 * goes nowhere but into ChatGPT's own composer: as a `.md` file where the composer takes files
 * (A, C), else as the latest messages that fit, written before the request (B). Then the anchor
 * request is sent, and the reply saved with origin `rescued`, linked to the full chat.
 *
 * A page that cannot open a new chat in place (B has no new-chat control) loads one: the latest
 * messages wait for it in the tab's `sessionStorage` (ChatGPT's own origin, this tab only; the
 * new page's content script takes them out at once, and drops them after a minute).
 */

const NOT_SENT = 'Nothing was sent.';

/** An upload may take a while: send stays disabled until it is done. */
const SEND_AFTER_UPLOAD_MS = 60_000;

/** A rescue waiting for the new chat a page load opens: the full chat, and the text to write before the request. */
type PendingRescue = { from: Source; text: string; at: number };
const PENDING_FOR_MS = 60_000;

const LATEST = 'The latest messages of a chat that reached its maximum length:';

function latestText(messages: readonly TranscriptMessage[], request: string): string {
  return `${LATEST}\n\n${latestThatFit(messages, RESCUE_TEXT_CHARS - request.length).text}\n\n---`;
}

/** The rescue a page load was opened for, when it is this tab's, recent and whole (anything else is dropped). */
function takePending(stored: string): PendingRescue {
  const pending = JSON.parse(stored) as Partial<PendingRescue>;
  if (typeof pending.text !== 'string' || typeof pending.from?.url !== 'string' || !(Date.now() - (pending.at ?? 0) < PENDING_FOR_MS)) {
    throw new CaptureError(`The rescue waited too long for its new chat. ${NOT_SENT}`);
  }
  return pending as PendingRescue;
}

/**
 * Rescues the chat on the page, or, with `stored` (the rescue a page load was opened for), goes
 * on in the new chat. Resolves to null when a page load takes over.
 */
export async function rescueChat(options: CaptureOptions, stored?: string): Promise<SaveResult | null> {
  const { request, signal, onPhase } = options;
  onPhase('requesting');
  if (stored !== undefined) {
    const { from, text } = takePending(stored);
    if (pageKind(location.pathname) !== 'new') throw new CaptureError(`The rescue's new chat did not open. ${NOT_SENT}`);
    const opened = await resumeIntoChat({ text: `${text}\n\n${request.text}`, autoSend: false, anchorId: '', name: '' }, { signal, mayReload: false });
    if (opened !== 'filled') throw new CaptureError(`Could not write into ChatGPT's composer. ${NOT_SENT}`);
    return sendAndSave(options, from);
  }
  const from = messageSource(null);
  const messages: TranscriptMessage[] = chatMessages().map((message) => ({
    role: isAssistantMessage(message) ? 'assistant' : 'user',
    text: messageText(message),
  }));
  if (messages.length === 0) throw new CaptureError('This chat is empty: nothing to rescue.');
  // A new chat in this tab, the request written in: only then is anything of the chat put anywhere.
  const opened = await resumeIntoChat({ text: request.text, autoSend: false, anchorId: '', name: '' }, { signal });
  if (opened === 'reload') {
    const pending: PendingRescue = { from, text: latestText(messages, request.text), at: Date.now() };
    sessionStorage.setItem(RESCUE_PENDING, JSON.stringify(pending));
    location.assign(newChatUrl(location.href));
    return null;
  }
  if (opened !== 'filled') throw new CaptureError(`Could not write into ChatGPT's composer. ${NOT_SENT}`);
  const title = from.chatTitle ?? '';
  const file = new File([transcriptMarkdown(messages, { title, url: from.url ?? '', at: new Date() })], transcriptFileName(title), {
    type: 'text/markdown',
  });
  const intro =
    attachFile(file) === 'attached' ? 'The attached file is the transcript of a chat that reached its maximum length.' : latestText(messages, request.text);
  if ((await fillComposer(`${intro}\n\n${request.text}`, signal)) !== 'filled') {
    throw new CaptureError(`Could not write the transcript into ChatGPT's composer. ${NOT_SENT}`);
  }
  return sendAndSave(options, from);
}

/** Sends what the composer holds, waits for the reply, and saves it as rescued from `from`. */
async function sendAndSave({ request, signal, life, onPhase, save }: CaptureOptions, from: Source): Promise<SaveResult> {
  const countBefore = assistantMessages().length;
  await clickSend(signal, SEND_AFTER_UPLOAD_MS).catch((error: unknown) => {
    throw error instanceof WaitTimeout ? new CaptureError(pageChanged('send button', NOT_SENT)) : error;
  });
  try {
    onPhase('waiting');
    const reply = await waitForReply(countBefore, { replyTimeoutMs: request.replyTimeoutMs, quietMs: 1000 }, signal);
    onPhase('reading');
    const saved = await save(readReply(reply, "ChatGPT's reply"), 'rescued', messageSource(reply), from);
    if ('notAnchor' in saved) throw new CaptureError(`ChatGPT's reply is not an anchor: ${saved.notAnchor} Nothing was saved.`);
    return saved;
  } catch (error) {
    if (error instanceof WaitCancelled && signal.reason === CANCELLED_BY_USER) await stopReply(countBefore, life);
    throw error;
  }
}

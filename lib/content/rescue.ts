import { attachFile } from '../chatgpt/attach';
import { chatMessages, isAssistantMessage, messageText } from '../chatgpt/chat-messages';
import { clickSend, fillComposer } from '../chatgpt/composer';
import { assistantMessages, messageSource } from '../chatgpt/page';
import { WaitCancelled, WaitTimeout } from '../chatgpt/wait';
import type { SaveResult } from '../messages';
import { CANCELLED_BY_USER, CaptureError, readReply, stopReply, waitForReply, type CaptureOptions } from './capture';
import { pageChanged } from './drift';
import { resumeIntoChat } from './resume';
import { RESCUE_TEXT_CHARS, latestThatFit, transcriptFileName, transcriptMarkdown, type TranscriptMessage } from './transcript';

/**
 * *Rescue into a new chat*, for a chat ChatGPT stopped at its maximum length (it can no longer
 * be asked for an anchor). Only on the person's click. The transcript is read from this page and
 * goes nowhere but into ChatGPT's own composer: as a `.md` file where the composer takes files
 * (A, C), else as the latest messages that fit, written before the request (B). Then the anchor
 * request is sent, and the reply saved with origin `rescued`, linked to the full chat.
 */

const NOT_SENT = 'Nothing was sent.';

/** An upload may take a while: send stays disabled until it is done. */
const SEND_AFTER_UPLOAD_MS = 60_000;

export async function rescueChat({ request, signal, life, onPhase, save }: CaptureOptions): Promise<SaveResult> {
  const from = messageSource(null);
  const messages: TranscriptMessage[] = chatMessages().map((message) => ({
    role: isAssistantMessage(message) ? 'assistant' : 'user',
    text: messageText(message),
  }));
  if (messages.length === 0) throw new CaptureError('This chat is empty: nothing to rescue.');
  onPhase('requesting');
  // A new chat in this tab, the request written in: only then is anything of the chat put anywhere.
  const opened = await resumeIntoChat({ text: request.text, autoSend: false, anchorId: '', name: '' }, { signal });
  if (opened !== 'filled') {
    throw new CaptureError(opened === 'reload' ? `GPT Anchors could not open a new chat on this page. ${NOT_SENT}` : `Could not write into ChatGPT's composer. ${NOT_SENT}`);
  }
  const title = from.chatTitle ?? '';
  const file = new File([transcriptMarkdown(messages, { title, url: from.url ?? '', at: new Date() })], transcriptFileName(title), {
    type: 'text/markdown',
  });
  const intro =
    attachFile(file) === 'attached'
      ? 'The attached file is the transcript of a chat that reached its maximum length.'
      : `The latest messages of a chat that reached its maximum length:\n\n${latestThatFit(messages, RESCUE_TEXT_CHARS - request.text.length).text}\n\n---`;
  if ((await fillComposer(`${intro}\n\n${request.text}`, signal)) !== 'filled') {
    throw new CaptureError(`Could not write the transcript into ChatGPT's composer. ${NOT_SENT}`);
  }
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

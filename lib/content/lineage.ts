import { assistantMessages, firstMessageText } from '../chatgpt/page';
import { conversationIdFromPath, isTemporaryConversationId } from '../chatgpt/urls';
import { delay } from '../chatgpt/wait';
import { sendToBackground } from '../messaging/protocol';
import { MAX_HANDSHAKE_REPLY } from '../model/reply-text';
import { readReply, waitForReply } from './capture';

/**
 * Lineage from the page, after a resume into a new chat (lib/background/lineage.ts keeps it).
 * Once the person's first message is sent, ChatGPT gives the chat its conversation id in the
 * address; the page reports that id, once (the id only: no chat text leaves the page). It is the
 * chat the resume went into when its first message starts with the resume text's first line
 * (`Resume from anchor: [NAME]`) and it has at most one reply: a chat opened from the sidebar
 * instead is not reported. A temporary id (generation C's `/c/WEB:<id>` until the first reply
 * has ended) is waited out: the id reported is the one the chat keeps.
 *
 * With the handshake, the chat's first reply, once it has finished, goes to the background (its
 * first MAX_HANDSHAKE_REPLY characters, once), which compares it with the anchor's next action.
 */

/** How long a resume waits for its first send: as long as the background keeps the record waiting (RESUME_CHAT_TTL_MS). */
const WATCH_MS = 12 * 60 * 60_000;
/** The address is read once a second: ChatGPT changes it by history.pushState, which no event reports. */
const CHECK_MS = 1_000;
const HANDSHAKE_REPLY_MS = 10 * 60_000;

/** The resumed chat's id, once its first message is on the page under an id it keeps. */
function startedChat(firstLine: string): string | undefined {
  const id = conversationIdFromPath(location.pathname);
  if (!id || isTemporaryConversationId(id) || assistantMessages().length > 1) return undefined;
  return firstMessageText().includes(firstLine) ? id : undefined;
}

/**
 * Follows the chat a resume text went into, until it is reported (and its handshake checked), or
 * `signal` aborts (a new resume, the script's end). `show` gets the handshake's sentence.
 */
export async function followResumedChat(resumeText: string, signal: AbortSignal, show: (text: string, matched: boolean) => void): Promise<void> {
  const firstLine = resumeText.split('\n')[0]!;
  const until = Date.now() + WATCH_MS;
  let conversationId: string | undefined;
  while (!(conversationId = startedChat(firstLine))) {
    if (Date.now() > until) return;
    await delay(CHECK_MS, signal);
  }
  const started = await sendToBackground('chatStarted', { conversationId });
  if (!started?.handshake) return;
  try {
    const reply = await waitForReply(0, { replyTimeoutMs: HANDSHAKE_REPLY_MS, quietMs: 1_000 }, signal);
    const result = await sendToBackground('checkHandshake', { reply: readReply(reply).slice(0, MAX_HANDSHAKE_REPLY) });
    if (!signal.aborted) show(result.text, result.verdict === 'matched');
  } catch (error) {
    // Cancelled by a new resume or the script's end: the controller shows nothing more then.
    if (!signal.aborted) show(`Handshake not checked: ${(error as Error).message}`, false);
  }
}

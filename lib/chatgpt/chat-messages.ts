import { MAX_LENGTH_TEXT } from './generation';
import { recogniseGeneration } from './generations';
import { messageTextElement, turnOf } from './page';
import { isUsable, querySelectorAllFirst, querySelectorFirst } from './selectors';

/**
 * The questions the chat length meter and the rescue ask of the page, on any generation: every
 * message of the chat with its id, role and text, and whether ChatGPT shows its maximum-length
 * notice. Text is read with `textContent`: cheap, no layout (the meter reads a whole chat at once).
 */

/** Every message of either role, in the page's order (none on a page no generation recognises). */
export function chatMessages(doc: Document = document): HTMLElement[] {
  const generation = recogniseGeneration(doc);
  return generation ? querySelectorAllFirst(doc, generation.selectors.message) : [];
}

/** The message's id as ChatGPT keeps it (the same across re-renders), or null. */
export function messageId(message: Element): string | null {
  const attribute = recogniseGeneration(message.ownerDocument ?? document)?.messageIdAttribute;
  return (attribute && message.getAttribute(attribute)) || null;
}

/** The ids of many messages at once (a long chat's thousand, on each measure), null where one has none. */
export function messageIds(messages: readonly Element[]): (string | null)[] {
  const attribute = messages[0] && recogniseGeneration(messages[0].ownerDocument ?? document)?.messageIdAttribute;
  return messages.map((message) => (attribute && message.getAttribute(attribute)) || null);
}

/**
 * The assistant messages among `messages` (chatMessages()), in order: what assistantMessages()
 * finds, without a second walk over a long chat's page (every assistant message is a message).
 */
export function repliesAmong(messages: readonly HTMLElement[]): HTMLElement[] {
  const selectors = messages[0] ? (recogniseGeneration(messages[0].ownerDocument ?? document)?.selectors.assistantMessage ?? []) : [];
  for (const selector of selectors) {
    const replies = messages.filter((message) => message.matches(selector));
    if (replies.length > 0) return replies;
  }
  return [];
}

export function isAssistantMessage(message: Element): boolean {
  const selectors = recogniseGeneration(message.ownerDocument ?? document)?.selectors.assistantMessage ?? [];
  return selectors.some((selector) => message.matches(selector));
}

/** The message's text as shown, without captions and controls around it. */
export function messageText(message: Element): string {
  if (isAssistantMessage(message)) return messageTextElement(message).textContent ?? '';
  const selectors = recogniseGeneration(message.ownerDocument ?? document)?.selectors.userText ?? [];
  return (querySelectorFirst(message, selectors) ?? message).textContent ?? '';
}

/**
 * Whether ChatGPT says, on the page now, that this chat has reached its maximum length. It says so
 * where the refused reply would be: in the last message's turn (C: the prompt's) or after it (A: a
 * turn of its own; B: an item of the transcript), as on every saved page. Only there is looked at:
 * the notice's selectors match anywhere in a turn, and a walk over a long chat's whole page at
 * each reply's end was an eighth of GPT Anchors' time in the long-chat bench (2026-12-02).
 * `messages`: chatMessages(), when the caller has them.
 */
export function maxLengthNoticeShown(doc: Document = document, messages: readonly Element[] = chatMessages(doc)): boolean {
  const last = messages.at(-1);
  if (!last) return false;
  const selectors = recogniseGeneration(doc)?.selectors.maxLengthNotice ?? [];
  const isNotice = (element: Element) => MAX_LENGTH_TEXT.test(element.textContent ?? '') && isUsable(element);
  for (let part: Element | null = turnOf(last) ?? last; part; part = part.nextElementSibling) {
    for (const selector of selectors) {
      if (part.matches(selector) && isNotice(part)) return true;
      for (const notice of part.querySelectorAll(selector)) if (isNotice(notice)) return true;
    }
  }
  return false;
}

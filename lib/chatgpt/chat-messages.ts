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

/**
 * The chat's messages and replies, kept from one look to the next for the page's tick: a walk over
 * a long chat's whole page at every reply's end was a fifth of GPT Anchors' time in the long-chat
 * bench (2026-12-02). A chat only grows at its end; every other change (an edited prompt, a
 * regenerated reply, another branch or chat) takes messages out of the page. So while every
 * message seen is still in the page, the first is still the page's first, the address and the
 * page's generation are the same, only what follows the last one is looked at; otherwise the
 * whole page is walked again. Messages are never copied: the arrays answered are the list's own,
 * replaced (not changed) when it changes.
 */
export function createMessageList(doc: Document = document): () => { messages: HTMLElement[]; replies: HTMLElement[] } {
  let messages: HTMLElement[] = [];
  let replies: HTMLElement[] = [];
  let seenAt = '';
  let seenIn: ReturnType<typeof recogniseGeneration> = null;
  const stillShown = (selector: string) =>
    messages.every((message) => message.isConnected) && doc.querySelector(selector) === messages[0];
  return () => {
    const generation = recogniseGeneration(doc);
    const selector = messages[0] && generation?.selectors.message.find((candidate) => messages[0]!.matches(candidate));
    if (selector && generation === seenIn && doc.location.href === seenAt && stillShown(selector)) {
      const added = following(messages.at(-1)!, selector);
      if (added.length > 0) {
        messages = messages.concat(added);
        replies = replies.concat(repliesAmong(added));
      }
    } else {
      messages = chatMessages(doc);
      replies = repliesAmong(messages);
      seenIn = generation;
      seenAt = doc.location.href;
    }
    return { messages, replies };
  };
}

/** The elements matching `selector` after `last` in the page's order, `last`'s own descendants aside. */
function following(last: Element, selector: string): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (let level: Element | null = last; level && level !== level.ownerDocument.documentElement; level = level.parentElement) {
    for (let next = level.nextElementSibling; next; next = next.nextElementSibling) {
      if (next.matches(selector)) found.push(next as HTMLElement);
      for (const inside of next.querySelectorAll<HTMLElement>(selector)) found.push(inside);
    }
  }
  return found;
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

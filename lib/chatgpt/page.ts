import type { Source } from '../model/anchor';
import type { PagePart, PageGeneration } from './generation';
import { anyGenerationSelector, recogniseGeneration } from './generations';
import { findFirstUsable, querySelectorAllFirst, querySelectorFirst } from './selectors';
import { conversationIdFromPath, pageKind, pathHasMessages } from './urls';
import { LIMITS } from '../model/limits';

/**
 * Reading ChatGPT's page: where things are and what state the chat is in, asked of whichever page
 * generation the page is (lib/chatgpt/generation-*.ts). On a page no generation recognises,
 * nothing is found, and `missingParts` says so.
 */

export { conversationIdFromPath } from './urls';

/** The page's generation, if recognised. */
export const pageGeneration = recogniseGeneration;

function usable<T extends Element = HTMLElement>(part: PagePart, doc: Document): T | null {
  const generation = recogniseGeneration(doc);
  return generation ? (findFirstUsable<T>(doc, generation.selectors[part])?.element ?? null) : null;
}

/** The generation of the page a node is in (for questions about one message). */
function generationOf(node: Node): PageGeneration | null {
  return recogniseGeneration(node.ownerDocument ?? document);
}

export function findComposer(doc: Document = document): HTMLElement | null {
  return usable('composer', doc);
}

export function findComposerForm(doc: Document = document): HTMLFormElement | null {
  return usable<HTMLFormElement>('composerForm', doc) ?? findComposer(doc)?.closest('form') ?? null;
}

export function findSendButton(doc: Document = document): HTMLButtonElement | null {
  return usable<HTMLButtonElement>('send', doc);
}

/** Whether the send button takes a click now (B's only says so with aria-disabled). */
export function sendButtonEnabled(button: HTMLButtonElement): boolean {
  return !button.disabled && button.getAttribute('aria-disabled') !== 'true';
}

/** The stop control, shown while a reply streams. */
export function findStopButton(doc: Document = document): HTMLElement | null {
  return usable('stop', doc);
}

/** The stop control inside `root` (the composer form), without a look at the rest of the page. */
export function findStopButtonIn(root: Element): HTMLElement | null {
  const generation = recogniseGeneration(root.ownerDocument);
  return generation ? (findFirstUsable(root, generation.selectors.stop)?.element ?? null) : null;
}

/**
 * Whether an element found as the stop control still is one: B's submit button stays in the page
 * and only loses `data-stop-generating` when the reply ends.
 */
export function isStopControl(element: Element): boolean {
  const stop = generationOf(element)?.selectors.stop ?? [];
  return element.isConnected && stop.some((selector) => element.matches(selector));
}

export function isStreaming(doc: Document = document): boolean {
  return findStopButton(doc) !== null;
}

export function assistantMessages(doc: Document = document): HTMLElement[] {
  const generation = recogniseGeneration(doc);
  return generation ? querySelectorAllFirst(doc, generation.selectors.assistantMessage) : [];
}

export function latestAssistantMessage(doc: Document = document): HTMLElement | null {
  return assistantMessages(doc).at(-1) ?? null;
}

/** The element holding a message's rendered text (the message itself when the wrapper is unknown). */
export function messageTextElement(message: Element): Element {
  const selectors = generationOf(message)?.selectors.replyText ?? [];
  return querySelectorFirst(message, selectors) ?? message;
}

/** The exchange a message belongs to (B: the message itself). */
export function turnOf(message: Element): Element | null {
  const turn = generationOf(message)?.selectors.turn.join(', ');
  return (turn ? message.closest(turn) : null) ?? message.parentElement;
}

/**
 * A reply is done when its turn shows the action row's Copy button after the reply's text. A Copy
 * button inside the text (a code block's) or before it (the prompt's, in C's turns) does not count.
 * Answers the selector that found it, or null while the reply is not done.
 */
export function replyDoneBy(message: Element): string | null {
  const turn = turnOf(message);
  const text = messageTextElement(message);
  if (!turn) return null;
  for (const selector of generationOf(message)?.selectors.replyDone ?? []) {
    for (const button of turn.querySelectorAll(selector)) {
      const after = text.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING;
      if (after && !text.contains(button) && !button.closest('pre, .cm-editor')) return selector;
    }
  }
  return null;
}

export function replyIsComplete(message: Element): boolean {
  return replyDoneBy(message) !== null;
}

/**
 * Whether the chat has messages: the URL says so (a conversation id), or any generation's messages
 * or turns are on the page. Deliberately wider than the recognised generation: Resume asks this
 * before writing, and a wrong "no" would write into someone's chat.
 */
export function chatHasMessages(doc: Document = document): boolean {
  if (pathHasMessages(doc.location.pathname)) return true;
  return doc.querySelector(`${anyGenerationSelector('message')}, ${anyGenerationSelector('turn')}`) !== null;
}

/** The text of the chat's first message as shown (in a new chat, the person's first prompt). */
export function firstMessageText(doc: Document = document): string {
  return doc.querySelector(anyGenerationSelector('message'))?.textContent ?? '';
}

/** The control that opens a new chat without a page load, if this generation has one. */
export function findNewChatControl(doc: Document = document): HTMLElement | null {
  return usable('newChat', doc);
}

/** Not a chat's title: ChatGPT's own name, or the logged-out page's tagline ("ChatGPT: Chat, Work, …"). */
function isSiteTitle(title: string): boolean {
  return /^ChatGPT(?:$|\s*[:|–—-])/i.test(title);
}

export function chatTitle(doc: Document = document): string {
  const title = doc.title.trim();
  if (title && !isSiteTitle(title)) return title;
  const selectors = recogniseGeneration(doc)?.selectors.chatTitle ?? [];
  const shown = querySelectorFirst(doc, selectors)?.textContent?.trim() ?? '';
  return isSiteTitle(shown) ? '' : shown;
}

export function messageSource(message: Element | null, doc: Document = document): Source {
  const source: Source = { url: doc.location.href.slice(0, 2048) };
  const conversationId = conversationIdFromPath(doc.location.pathname);
  if (conversationId) source.conversationId = conversationId.slice(0, 200);
  const title = chatTitle(doc);
  if (title) source.chatTitle = title.slice(0, LIMITS.title);
  const attribute = message && generationOf(message)?.messageIdAttribute;
  const messageId = attribute ? message.getAttribute(attribute) : null;
  if (messageId) source.messageId = messageId.slice(0, 200);
  return source;
}

export type MissingPart = 'composer' | 'messages' | 'send button';

/**
 * The parts GPT Anchors needs that this page does not show (empty when all is well, and on
 * ChatGPT pages that are not chats: the GPT store, the library, settings). Messages are expected on a conversation's URL; the send
 * button only once the composer holds text (until then a voice button may stand in its place).
 */
export function missingParts(doc: Document = document): MissingPart[] {
  const kind = pageKind(doc.location.pathname);
  // Settings open over the chat (`#settings/…`), which may be inert meanwhile: nothing to report.
  if (kind === 'other' || doc.location.hash.startsWith('#settings')) return [];
  const generation = recogniseGeneration(doc);
  const missing: MissingPart[] = [];
  const composer = findComposer(doc);
  if (!composer && kind !== 'shared') missing.push('composer');
  const turnsShown = generation !== null && doc.querySelector(generation.selectors.turn.join(', ')) !== null;
  if (!hasMessagesShape(generation, doc) && (kind !== 'new' || turnsShown)) missing.push('messages');
  const waitingToSend = composer && composerHasText(composer);
  if ((!generation && kind !== 'shared') || (waitingToSend && !findSendButton(doc) && !isStreaming(doc))) missing.push('send button');
  return missing;
}

function hasMessagesShape(generation: PageGeneration | null, doc: Document): boolean {
  return generation !== null && querySelectorFirst(doc, generation.selectors.message) !== null;
}

function composerHasText(composer: HTMLElement): boolean {
  const text = composer instanceof HTMLTextAreaElement ? composer.value : composer.textContent;
  return (text ?? '').trim() !== '';
}

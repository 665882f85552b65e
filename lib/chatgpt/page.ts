import type { Source } from '../anchor';
import { SELECTORS, querySelectorAllFirst, querySelectorFirst } from './selectors';

/** Reading ChatGPT's page: where things are, and what state the chat is in. */

export function findComposer(doc: ParentNode = document): HTMLElement | null {
  return querySelectorFirst(doc, SELECTORS.composer);
}

export function findComposerForm(doc: ParentNode = document): HTMLFormElement | null {
  return querySelectorFirst<HTMLFormElement>(doc, SELECTORS.composerForm) ?? findComposer(doc)?.closest('form') ?? null;
}

export function findSendButton(doc: ParentNode = document): HTMLButtonElement | null {
  return querySelectorFirst<HTMLButtonElement>(doc, SELECTORS.sendButton);
}

/** The stop button shows while a reply streams. */
export function findStopButton(doc: ParentNode = document): HTMLElement | null {
  return querySelectorFirst(doc, SELECTORS.stopButton);
}

export function isStreaming(doc: ParentNode = document): boolean {
  return findStopButton(doc) !== null;
}

export function assistantMessages(doc: ParentNode = document): HTMLElement[] {
  return querySelectorAllFirst(doc, SELECTORS.assistantMessage);
}

export function latestAssistantMessage(doc: ParentNode = document): HTMLElement | null {
  return assistantMessages(doc).at(-1) ?? null;
}

/** The element holding a message's rendered text (the message itself when the wrapper is unknown). */
export function messageTextElement(message: Element): Element {
  return querySelectorFirst(message, SELECTORS.assistantText) ?? message;
}

export function chatHasMessages(doc: ParentNode = document): boolean {
  return querySelectorFirst(doc, SELECTORS.message) !== null || querySelectorFirst(doc, SELECTORS.turn) !== null;
}

/** A reply is done when its turn shows the copy button (the action row comes last). */
export function replyIsComplete(message: Element): boolean {
  const turn = message.closest(SELECTORS.turn[0]) ?? message.parentElement;
  return turn !== null && querySelectorFirst(turn, SELECTORS.copyButton) !== null;
}

export function findNewChatLink(doc: ParentNode = document): HTMLElement | null {
  return querySelectorFirst(doc, SELECTORS.newChat);
}

export function chatTitle(doc: Document = document): string {
  const title = doc.title.trim();
  if (title && title !== 'ChatGPT') return title;
  return querySelectorFirst(doc, SELECTORS.activeChatTitle)?.textContent?.trim() ?? '';
}

/** `/c/<id>`, `/g/<gpt>/c/<id>` → the conversation id. */
export function conversationIdFromPath(pathname: string): string | undefined {
  return /\/c\/([A-Za-z0-9-]+)/.exec(pathname)?.[1];
}

export function messageSource(message: Element | null, doc: Document = document): Source {
  const source: Source = { url: doc.location.href.slice(0, 2048) };
  const conversationId = conversationIdFromPath(doc.location.pathname);
  if (conversationId) source.conversationId = conversationId;
  const title = chatTitle(doc);
  if (title) source.chatTitle = title.slice(0, 500);
  const messageId = message?.getAttribute('data-message-id');
  if (messageId) source.messageId = messageId.slice(0, 200);
  return source;
}

/** The chat shows turns, but no message inside them can be found: the layout has changed. */
export function messagesAreHidden(doc: ParentNode = document): boolean {
  return querySelectorFirst(doc, SELECTORS.turn) !== null && querySelectorFirst(doc, SELECTORS.message) === null;
}

/** The parts GPT Anchors needs that the page does not show (empty when all is well). */
export function missingParts(doc: ParentNode = document): string[] {
  const missing: string[] = [];
  if (!findComposer(doc)) missing.push('composer');
  if (messagesAreHidden(doc)) missing.push('messages');
  return missing;
}

/**
 * What ChatGPT's URL says about the page. A path with a conversation id is a chat that has
 * messages, whatever the page shows at the moment (it may still be loading, or its shape may be
 * one GPT Anchors does not know): Resume never writes into such a chat.
 *
 * `/c/<id>` (right after a first send `/c/WEB:<id>` or `/c/local-…`), `/g/<gpt>/c/<id>`, projects
 * `/g/g-p-…/c/<id>`, logged out `/uc/<id>`; `/share/<id>` is a shared chat (read only).
 */

const CONVERSATION = /^\/(?:g\/[^/]+\/)?u?c\/([^/?#]+)/;
const SHARED = /^\/share\/[^/?#]+/;
/** A new chat: the home page, a GPT's page or a project's page. */
const NEW_CHAT = /^\/(?:g\/[^/]+(?:\/project)?\/?)?$/;

export type PageKind = 'new' | 'conversation' | 'shared' | 'other';

export function conversationIdFromPath(pathname: string): string | undefined {
  return CONVERSATION.exec(pathname)?.[1];
}

/**
 * Right after a first send ChatGPT may show a chat under a temporary id (`WEB:<id>`, `local-…`)
 * and replace it with the real one once the reply has ended.
 */
export function isTemporaryConversationId(id: string): boolean {
  return /^(?:WEB:|local-)/i.test(id);
}

/** Whether the URL alone says the chat has messages. */
export function pathHasMessages(pathname: string): boolean {
  return CONVERSATION.test(pathname) || SHARED.test(pathname);
}

/** A chat to write in, a conversation, a shared chat, or another ChatGPT page (GPT store, library, …). */
export function pageKind(pathname: string): PageKind {
  if (CONVERSATION.test(pathname)) return 'conversation';
  if (SHARED.test(pathname)) return 'shared';
  return NEW_CHAT.test(pathname) ? 'new' : 'other';
}

/** Where a new chat opens: the home page, or the same GPT's or project's page. */
export function newChatUrl(href: string): string {
  const url = new URL(href);
  const gpt = /^\/g\/([^/]+)/.exec(url.pathname)?.[1];
  const path = !gpt ? '/' : gpt.startsWith('g-p-') ? `/g/${gpt}/project` : `/g/${gpt}`;
  return `${url.origin}${path}`;
}

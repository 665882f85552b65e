// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import {
  chatMessages,
  createMessageList,
  isAssistantMessage,
  maxLengthNoticeShown,
  messageId,
  messageText,
  repliesAmong,
} from '../../lib/chatgpt/chat-messages';
import { assistantMessages, turnOf } from '../../lib/chatgpt/page';
import { loadPage, setUrl } from './support/chatgpt-pages';

/** The chat length meter's questions, asked of each generation's dated pages. */

const read = () => chatMessages().map((m) => [messageId(m), isAssistantMessage(m) ? 'assistant' : 'user', messageText(m).trim()]);

describe('every message of the chat, with its id, role and text', () => {
  it('A (section turns): captions left out', () => {
    loadPage('chatgpt-2026-11-section-max-length.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-0000000000f1');
    expect(read()).toEqual([
      ['u-1', 'user', 'Plan the admin panel'],
      ['a-1', 'assistant', 'Start with the user table.'],
      ['u-2', 'user', 'And the audit log?'],
    ]);
  });

  it('B (web-mobile): the prompt’s own text, not its caption or copy menu', () => {
    loadPage('chatgpt-2026-10-web-mobile.html', 'https://chatgpt.com/uc/6ac003a8-d54c-83ea-bb04-28d7229e9e47');
    expect(read()).toEqual([
      ['b-u-1', 'user', 'Explain vector recall in one sentence'],
      ['b-a-1', 'assistant', 'It turns queries and items into vectors and finds the closest ones.'],
    ]);
  });

  it('C (app shell): prompt and answer of one turn, in order', () => {
    loadPage('chatgpt-2026-11-app-shell-max-length.html', 'https://chatgpt.com/c/6b000000-0000-4000-8000-0000000000f1');
    expect(read()).toEqual([
      ['c-u-1', 'user', 'Outline chapter 3'],
      ['c-a-1', 'assistant', 'Methods first, then results.'],
      ['c-u-2', 'user', 'And the threats to validity?'],
    ]);
  });

  it('none on a page no generation recognises', () => {
    document.documentElement.innerHTML = '<body><div data-message-id="x">text</div></body>';
    expect(chatMessages()).toEqual([]);
  });
});

/** The saved pages of a full chat, one per generation, with their addresses. */
const MAX_LENGTH_PAGES = [
  ['chatgpt-2026-11-section-max-length.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-0000000000f1'],
  ['chatgpt-2026-11-web-mobile-max-length.html', 'https://chatgpt.com/uc/6ac003a8-d54c-83ea-bb04-28d7229e9ef1'],
  ['chatgpt-2026-11-app-shell-max-length.html', 'https://chatgpt.com/c/6b000000-0000-4000-8000-0000000000f1'],
] as const;

describe('ChatGPT’s maximum-length notice', () => {
  it.each(MAX_LENGTH_PAGES)('is recognised by role and sentence on %s', (file, url) => {
    loadPage(file, url);
    expect(maxLengthNoticeShown()).toBe(true);
  });

  it.each([
    ['chatgpt-2026-04-section.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000001'],
    ['chatgpt-2026-10-web-mobile.html', 'https://chatgpt.com/uc/6ac003a8-d54c-83ea-bb04-28d7229e9e47'],
    ['chatgpt-2026-09-app-shell.html', 'https://chatgpt.com/c/6b000000-0000-4000-8000-000000000003'],
  ])('is not on %s', (file, url) => {
    loadPage(file, url);
    expect(maxLengthNoticeShown()).toBe(false);
  });

  it('is not any alert, nor the sentence quoted in a message, nor a hidden copy', () => {
    loadPage('chatgpt-2026-11-app-shell-max-length.html', 'https://chatgpt.com/c/6b000000-0000-4000-8000-0000000000f1');
    const notice = document.querySelector('[role="alert"]')!;
    notice.textContent = 'Something went wrong. Try again.';
    expect(maxLengthNoticeShown()).toBe(false);
    document.querySelector('[data-markdown-text-style="assistant-message"]')!.textContent =
      'If you see “You’ve reached the maximum length for this conversation”, start a new chat.';
    expect(maxLengthNoticeShown()).toBe(false);
    notice.textContent = "You've reached the maximum length for this conversation.";
    notice.setAttribute('hidden', '');
    expect(maxLengthNoticeShown()).toBe(false);
  });
});

describe('the maximum-length notice is looked for where the refused reply would be', () => {
  it.each(MAX_LENGTH_PAGES)('%s: in the last turn or after it, not before a later message', (file, url) => {
    loadPage(file, url);
    const messages = chatMessages();
    expect(maxLengthNoticeShown(document, messages)).toBe(true);
    // The chat went on after the notice (the refused prompt edited and answered): it no longer applies.
    const notice = [...document.querySelectorAll('[role="alert"]')].find((alert) => alert.textContent?.includes('maximum length'))!;
    messages[0]!.before(notice);
    expect(maxLengthNoticeShown(document, chatMessages())).toBe(false);
  });

  it('none on a page without messages', () => {
    loadPage('chatgpt-2026-11-section-max-length.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-0000000000f1');
    document.querySelectorAll('[data-message-author-role]').forEach((message) => message.remove());
    expect(maxLengthNoticeShown()).toBe(false);
  });
});

describe('the replies among the messages (one walk over the page for both)', () => {
  const pages = readdirSync(path.join(import.meta.dirname, '../fixtures/pages')).filter((file) => file.endsWith('.html'));

  it.each(pages)('%s: the same replies, in the same order, as their own query', (file) => {
    loadPage(file, 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-0000000000f1');
    const replies = assistantMessages();
    expect(repliesAmong(chatMessages())).toEqual(replies);
    if (!file.includes('broken')) expect(replies.length).toBeGreaterThan(0);
  });

  it('none among no messages', () => {
    expect(repliesAmong([])).toEqual([]);
  });
});

describe('the message list kept between ticks', () => {
  const GENERATION_PAGES = [
    ['chatgpt-2026-04-section.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000001'],
    ['chatgpt-2025-article.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000001'],
    ['chatgpt-2026-10-web-mobile.html', 'https://chatgpt.com/uc/6ac003a8-d54c-83ea-bb04-28d7229e9e47'],
    ['chatgpt-2026-09-app-shell.html', 'https://chatgpt.com/c/6b000000-0000-4000-8000-000000000003'],
  ] as const;

  /** The turn (or B's item) holding a message, as the page keeps its exchanges. */
  const turnAt = (index: number) => turnOf(chatMessages().at(index)!)!;
  const expectSameAsAWalk = (list: ReturnType<typeof createMessageList>) => {
    const { messages, replies } = list();
    const walked = chatMessages();
    expect(messages).toEqual(walked);
    expect(messages.length).toBe(walked.length);
    messages.forEach((message, i) => expect(message).toBe(walked[i]));
    expect(replies).toEqual(repliesAmong(walked));
    replies.forEach((reply, i) => expect(reply).toBe(assistantMessages()[i]));
  };

  it.each(GENERATION_PAGES)('%s: the same messages as a walk over the page, whatever the chat does', (file, url) => {
    loadPage(file, url);
    const list = createMessageList();
    expectSameAsAWalk(list);
    const last = () => turnAt(-1);
    // A new exchange at the end, twice.
    last().after(last().cloneNode(true));
    expectSameAsAWalk(list);
    last().after(last().cloneNode(true));
    expectSameAsAWalk(list);
    // The last reply regenerated: its exchange goes, a new one comes.
    last().remove();
    expectSameAsAWalk(list);
    last().replaceWith(last().cloneNode(true));
    expectSameAsAWalk(list);
    // Older messages loaded above the first.
    turnAt(0).before(turnAt(0).cloneNode(true));
    expectSameAsAWalk(list);
    // A message re-rendered in the middle of the chat.
    const middle = chatMessages()[1]!;
    middle.replaceWith(middle.cloneNode(true));
    expectSameAsAWalk(list);
    // Another chat, same page.
    setUrl('https://chatgpt.com/c/6a1f0000-0000-4000-8000-0000000000aa');
    expectSameAsAWalk(list);
    // Everything gone, then back.
    const all = chatMessages().map((message) => turnOf(message)!);
    const parents = all.map((turn) => [turn, turn.parentElement!, turn.nextSibling] as const);
    all.forEach((turn) => turn.remove());
    expectSameAsAWalk(list);
    parents.reverse().forEach(([turn, parent, next]) => parent.insertBefore(turn, next));
    expectSameAsAWalk(list);
  });

  it('does not walk the page while the chat is unchanged or only grows', () => {
    loadPage('chatgpt-2026-04-section.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000001');
    const list = createMessageList();
    const first = list();
    const lastTurn = turnAt(-1);
    const walks = vi.spyOn(document, 'querySelectorAll');
    expect(list()).toEqual(first);
    lastTurn.after(lastTurn.cloneNode(true));
    expect(list().messages).toHaveLength(first.messages.length + 1);
    expect(walks).not.toHaveBeenCalled();
    walks.mockRestore();
    // A message gone: the page is walked again.
    lastTurn.remove();
    const again = vi.spyOn(document, 'querySelectorAll');
    expect(list().messages).toHaveLength(first.messages.length);
    expect(again).toHaveBeenCalled();
    again.mockRestore();
  });
});

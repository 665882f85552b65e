// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { composerLines, composerText, composerIsEmpty } from '../../lib/chatgpt/composer';
import {
  assistantMessages,
  chatHasMessages,
  chatTitle,
  conversationIdFromPath,
  findComposer,
  findComposerForm,
  findNewChatControl,
  findSendButton,
  isStreaming,
  latestAssistantMessage,
  messageSource,
  messageTextElement,
  missingParts,
  replyIsComplete,
} from '../../lib/chatgpt/page';
import { barForm, createStopFinder, keepBarPlaced, pageTheme, placeBar } from '../../lib/chatgpt/mount';
import { readMessageText } from '../../lib/chatgpt/message-text';
import { mayOfferAnchor, readReply } from '../../lib/content/capture';
import { parseAnchorText } from '../../lib/log/parse';
import { MAX_REPLY_TEXT } from '../../lib/model/reply-text';
import { loadPage } from './support/chatgpt-pages';

describe('ChatGPT as of April 2026 (section turns)', () => {
  it('finds the composer, its form and the new-chat link; reads the theme', () => {
    loadPage('chatgpt-2026-04-section.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000001');
    expect(findComposer()?.id).toBe('prompt-textarea');
    expect(findComposerForm()?.getAttribute('data-type')).toBe('unified-composer');
    expect(findNewChatControl()?.textContent).toBe('New chat');
    expect(pageTheme()).toBe('dark');
    expect(composerLines(findComposer()!)).toEqual(['Draft one', 'line two']);
    expect(composerText(findComposer()!)).toBe('Draft one\nline two');
  });

  it('knows a reply is still streaming and which replies are complete', () => {
    expect(isStreaming()).toBe(true);
    const [first, second] = assistantMessages();
    expect(replyIsComplete(first!)).toBe(true);
    expect(replyIsComplete(second!)).toBe(false);
    expect(latestAssistantMessage()).toBe(second);
    expect(chatHasMessages()).toBe(true);
    expect(missingParts()).toEqual([]);
  });

  it('reads an anchor from a rendered reply and says where it came from', () => {
    const [first] = assistantMessages();
    const parsed = readAnchorFromMessage(first!);
    expect(parsed).toMatchObject({
      ok: true,
      draft: {
        name: 'Capstone_Step9_Admin',
        context: 'Admin panel half done; auth via magic links.',
        milestone: 'Login and role checks work.',
        nextAction: 'Build the user table with pagination.',
        dependencies: ['ADMIN_EMAIL in .env', 'Figma admin mock'],
      },
    });
    expect(messageSource(first!)).toEqual({
      url: 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000001',
      conversationId: '6a1f0000-0000-4000-8000-000000000001',
      chatTitle: 'Capstone Step 9 – Admin',
      messageId: 'a-1',
    });
    expect(messageTextElement(first!).classList.contains('markdown')).toBe(true);
  });
});

describe('ChatGPT as of mid 2025 (article turns, composer without id)', () => {
  it('falls back to the older selectors', () => {
    loadPage('chatgpt-2025-article.html', 'https://chat.openai.com/c/abc-123');
    expect(findComposer()?.classList.contains('ProseMirror')).toBe(true);
    expect(findComposerForm()?.className).toContain('composer');
    expect(findSendButton()?.disabled).toBe(true);
    expect(composerIsEmpty(findComposer()!)).toBe(true);
    expect(isStreaming()).toBe(false);
    expect(replyIsComplete(latestAssistantMessage()!)).toBe(true);
    expect(pageTheme()).toBe('light');
    // The document title is just "ChatGPT": the active history entry names the chat.
    expect(chatTitle()).toBe('Weekend bot');
    expect(readAnchorFromMessage(latestAssistantMessage()!).ok).toBe(false);
  });
});

/** What the background makes of a reply the page read (the page sends its text; lib/background/page-actions.ts parses it). */
const readAnchorFromMessage = (message: Element) => parseAnchorText(readReply(message));

describe('placing the bar and offering Save this anchor', () => {
  it('keeps the bar after the composer form, follows a re-rendered form and floats without one', () => {
    loadPage('chatgpt-2026-04-section.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000001');
    const host = document.createElement('div');
    expect(placeBar(host)).toBe('composer');
    const form = findComposerForm()!;
    expect(host.previousElementSibling).toBe(form);

    keepBarPlaced(host); // in place: nothing moves
    expect(host.previousElementSibling).toBe(form);

    // A new form in the old one's place: the bar still follows a form, nothing to do.
    const replaced = form.cloneNode(true) as HTMLFormElement;
    form.replaceWith(replaced);
    keepBarPlaced(host);
    expect(host.previousElementSibling).toBe(replaced);

    // React re-renders the composer elsewhere and drops our bar with the old one.
    const fresh = replaced.cloneNode(true) as HTMLFormElement;
    const container = replaced.parentElement!;
    replaced.remove();
    host.remove();
    container.append(fresh);
    keepBarPlaced(host);
    expect(host.previousElementSibling).toBe(fresh);

    fresh.remove();
    keepBarPlaced(host);
    expect(host.parentElement).toBe(document.body);
    expect(host.hasAttribute('data-floating')).toBe(true);

    // The composer is back: a floating bar is not "in place" even after some other form.
    container.append(fresh);
    const other = document.createElement('form');
    document.body.append(other, host);
    keepBarPlaced(host);
    expect(host.previousElementSibling).toBe(fresh);
    expect(host.hasAttribute('data-floating')).toBe(false);
  });

  it.each([
    ['chatgpt-2025-11-article-streaming.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000002'],
    ['chatgpt-2026-10-web-mobile-streaming.html', 'https://chatgpt.com/uc/6ac003a8-d54c-83ea-bb04-28d7229e9e47'],
    ['chatgpt-2026-10-app-shell-streaming.html', 'https://chatgpt.com/c/6b000000-0000-4000-8000-000000000004'],
  ])('%s: once the stop control was found in the composer form, only the form is searched', (file, url) => {
    loadPage(file, url);
    const host = document.createElement('div');
    placeBar(host);
    const findStop = createStopFinder(() => barForm(host));
    const stop = findStop()!;
    expect(stop).not.toBeNull();
    expect(barForm(host)!.contains(stop)).toBe(true);
    // A control outside the form is no longer looked for; the one in the form still is.
    const outside = stop.cloneNode(true) as HTMLElement;
    document.body.prepend(outside);
    expect(barForm(host)).not.toBeNull();
    expect(findStop()).toBe(stop);
    stop.remove();
    expect(findStop()).toBeNull();
    // The bar floats (no form known): the whole page is searched again.
    host.setAttribute('data-floating', '');
    expect(findStop()).toBe(outside);
  });

  it('keeps searching the whole page where the stop control showed outside the composer form', () => {
    loadPage('chatgpt-2026-06-section-citations.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000001');
    const host = document.createElement('div');
    placeBar(host);
    const findStop = createStopFinder(() => barForm(host));
    const form = barForm(host)!;
    form.querySelectorAll('button').forEach((button) => button.remove());
    const outside = document.createElement('button');
    outside.setAttribute('data-testid', 'stop-button');
    const thread = document.querySelector('[data-testid="conversation-turn-2"]')!;
    thread.append(outside);
    expect(findStop()).toBe(outside);
    // Later the control shows in the form: the page is still searched whole, as it was shown elsewhere once.
    const inside = outside.cloneNode(true) as HTMLElement;
    form.append(inside);
    outside.remove();
    expect(findStop()).toBe(inside);
    thread.append(outside);
    inside.remove();
    expect(barForm(host)).toBe(form);
    expect(findStop()).toBe(outside);
  });

  it('asks about anchors, and anchors that break a limit, not about other replies', () => {
    loadPage('chatgpt-2026-04-section.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000001');
    const [anchor] = assistantMessages();
    expect(mayOfferAnchor(anchor!)).toBe(true);
    expect(readReply(anchor!)).toBe(readMessageText(messageTextElement(anchor!)));
    const text = messageTextElement(anchor!);
    const context = [...text.querySelectorAll('p')].find((p) => p.textContent?.includes('Admin panel half done'))!;
    context.append('x'.repeat(20_001));
    expect(mayOfferAnchor(anchor!)).toBe(true);
    expect(readAnchorFromMessage(anchor!)).toMatchObject({ ok: false, invalid: true, reason: expect.stringContaining('Context is too long') });
    text.textContent = 'Start with a route guarded by a role check.';
    expect(mayOfferAnchor(anchor!)).toBe(false);
  });

  it('refuses a reply over the size limit by its length, before anything is sent', () => {
    loadPage('chatgpt-2026-04-section.html', 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000001');
    const [anchor] = assistantMessages();
    messageTextElement(anchor!).querySelector('p')!.append('x'.repeat(MAX_REPLY_TEXT));
    expect(() => readReply(anchor!)).toThrow(/^This reply is too long to be read as an anchor \(\d+ characters; the limit is 2000000\)\. Nothing was saved\.$/);
  });
});

describe('a layout GPT Anchors does not know', () => {
  it('names the parts it cannot find', () => {
    loadPage('chatgpt-broken-2026-11.html', 'https://chatgpt.com/c/x');
    expect(findComposer()).toBeNull();
    expect(assistantMessages()).toEqual([]);
    expect(missingParts()).toEqual(['composer', 'messages']);
  });
});

describe('conversationIdFromPath', () => {
  it.each([
    ['/c/6a1f-22', '6a1f-22'],
    ['/g/g-abc-writer/c/77aa-bb', '77aa-bb'],
    ['/g/g-p-0f1e-thesis/c/1234-abcd', '1234-abcd'],
    ['/', undefined],
    ['/g/g-p-0f1e-thesis/project', undefined],
    // Right after a first send, and logged out (generation B).
    ['/c/WEB:6a1f-22', 'WEB:6a1f-22'],
    ['/c/local-7c2e', 'local-7c2e'],
    ['/uc/6ac003a8-d54c-83ea', '6ac003a8-d54c-83ea'],
    ['/share/6ac0-1', undefined],
    ['/gpts', undefined],
  ])('%s → %s', (pathname, id) => {
    expect(conversationIdFromPath(pathname)).toBe(id);
  });
});

// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import type { CaptureOptions } from '../../lib/content/capture';
import { CaptureError } from '../../lib/content/capture';
import { createChatLength } from '../../lib/content/chat-length';
import { createController, type Controller } from '../../lib/content/controller';
import { RESCUE_PENDING } from '../../lib/content/rescue-entry';
import { rescueChat } from '../../lib/content/rescue';
import type { ChatMeterReading } from '../../lib/meter/reading';
import { loadPage } from './support/chatgpt-pages';

/** The meter's state in the bar: the nudge's life, and a rescue waiting for its page load. */

const URL_A = 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-0000000000f1';
const reading = (extra: Partial<ChatMeterReading> = {}): ChatMeterReading => ({
  tokens: 900, limit: 1_000, learned: false, percent: 90, nudgeAt: 80, nudge: false, full: false, missing: [], ...extra,
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let answers: ChatMeterReading[];
beforeEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
  answers = [];
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async () => ({ ok: true, value: answers.shift() ?? reading() })) as never);
  loadPage('chatgpt-2026-11-section-max-length.html', URL_A);
  document.querySelector('[role="alert"]')!.remove();
});

const controller = () => ({ save: vi.fn(async () => undefined), store: createController().store }) as unknown as Controller & { save: ReturnType<typeof vi.fn> };

function addTurn(id: string): void {
  const turn = document.createElement('section');
  turn.setAttribute('data-testid', `conversation-turn-${id}`);
  turn.innerHTML = `<div data-message-author-role="assistant" data-message-id="${id}"><div class="markdown"><p>More.</p></div></div>`;
  document.querySelector('#thread')!.append(turn);
}

describe('the nudge', () => {
  it('shows when the background says so, stays until dismissed, and does not come back in that chat', async () => {
    const length = createChatLength(controller(), new AbortController().signal);
    answers.push(reading({ nudge: true }));
    length.tick(false);
    await settle();
    expect(length.store.get()).toMatchObject({ nudge: true, reading: { percent: 90 } });
    // The next reading (the chat was nudged already) keeps it on screen.
    addTurn('a-9');
    length.tick(true);
    length.tick(false);
    await settle();
    expect(length.store.get().nudge).toBe(true);
    length.dismissNudge();
    addTurn('a-10');
    length.tick(true);
    length.tick(false);
    await settle();
    expect(length.store.get().nudge).toBe(false);
  });

  it('ends when Save anchor starts, from its button or its key', async () => {
    const c = createController();
    const length = createChatLength(c, new AbortController().signal);
    answers.push(reading({ nudge: true }));
    length.tick(false);
    await settle();
    expect(length.store.get().nudge).toBe(true);
    c.store.set({ saving: 'waiting' });
    expect(length.store.get().nudge).toBe(false);
  });

  it('gives way to the rescue in a full chat', async () => {
    const length = createChatLength(controller(), new AbortController().signal);
    answers.push(reading({ nudge: true }), reading({ full: true, percent: 100 }));
    length.tick(false);
    await settle();
    document.querySelector('#thread')!.append(Object.assign(document.createElement('div'), { role: 'alert' }));
    addTurn('a-11');
    length.tick(true);
    length.tick(false);
    await settle();
    expect(length.store.get()).toMatchObject({ nudge: false, reading: { full: true } });
  });

  it('shows nothing once the content script is gone', async () => {
    const life = new AbortController();
    const length = createChatLength(controller(), life.signal);
    life.abort();
    length.tick(false);
    await settle();
    expect(browser.runtime.sendMessage).not.toHaveBeenCalled();
    expect(length.store.get()).toEqual({ reading: null, nudge: false });
  });
});

describe('a rescue that opened its new chat with a page load', () => {
  it('goes on in the new page, and is taken out of sessionStorage at once', () => {
    sessionStorage.setItem(RESCUE_PENDING, '{"stored":true}');
    const c = controller();
    createChatLength(c, new AbortController().signal);
    expect(c.save).toHaveBeenCalledTimes(1);
    expect(sessionStorage.getItem(RESCUE_PENDING)).toBeNull();
  });

  it('is refused when it waited more than a minute, or is not whole: nothing is written or sent', async () => {
    const options = {
      request: { text: 'Anchor this as chat [X].', replyTimeoutMs: 1_000 },
      signal: new AbortController().signal,
      onPhase: () => undefined,
      save: vi.fn(),
    } as unknown as CaptureOptions;
    const from = { url: URL_A };
    const stale = JSON.stringify({ from, text: 'latest', at: Date.now() - 61_000 });
    await expect(rescueChat(options, stale)).rejects.toThrow(new CaptureError('The rescue waited too long for its new chat. Nothing was sent.'));
    await expect(rescueChat(options, JSON.stringify({ from, at: Date.now() }))).rejects.toThrow(CaptureError);
    // Fresh and whole, but this page is not a new chat: it does not write into a chat with messages.
    await expect(rescueChat(options, JSON.stringify({ from, text: 'latest', at: Date.now() }))).rejects.toThrow(
      "The rescue's new chat did not open. Nothing was sent.",
    );
    expect(options.save).not.toHaveBeenCalled();
  });
});

// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { runInPage } from '../../entrypoints/chatgpt.content/run';
import { createController } from '../../lib/content/controller';
import { loadPage } from './support/chatgpt-pages';

/**
 * When the extension is updated or reloaded, the old content script is invalidated (WXT's
 * `ctx.signal` aborts) while ChatGPT's page lives on. From then on nothing of it may act: no
 * observer, timer, listener or wait left running, nothing sent, shown or written into the page.
 */

const CHAT_URL = 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-000000000001';
const ORDER = { text: 'Resume from anchor: [Thesis]\nContext: c', autoSend: false, anchorId: 'a1', name: 'Thesis' };

/** Every MutationObserver made, and those still observing. */
const observing = new Set<MutationObserver>();
const Original = globalThis.MutationObserver;
class TrackedObserver extends Original {
  override observe(target: Node, options?: MutationObserverInit): void {
    observing.add(this);
    super.observe(target, options);
  }
  override disconnect(): void {
    observing.delete(this);
    super.disconnect();
  }
}

/** The background, as the content script sees it: every request answered at once. */
const sent: string[] = [];
function answerLikeTheBackground(): void {
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) => {
    sent.push(message.type);
    const values: Record<string, unknown> = {
      anchorRequest: { text: 'Anchor this as chat [X].', replyTimeoutMs: 60_000 },
      checkReply: 'anchor',
      claimPendingResume: null,
      getShortcuts: { save: 'Alt+Shift+S', resume: 'Alt+Shift+O' },
    };
    return { ok: true, value: values[message.type] ?? null };
  }) as never);
}

/** ChatGPT's page carrying on after the script is gone: its reply ends, its composer re-renders, time passes. */
async function pageCarriesOn(): Promise<void> {
  document.querySelector('.result-streaming')?.append(' to follow the filters. Resume from anchor: Context: Next action:');
  document.querySelector('[data-testid="stop-button"]')?.remove();
  const turn = document.querySelector('[data-testid="conversation-turn-4"]')!;
  turn.insertAdjacentHTML('beforeend', '<div role="group"><button data-testid="copy-turn-action-button" aria-label="Copy">Copy</button></div>');
  const form = document.querySelector('form')!;
  form.replaceWith(form.cloneNode(true));
  document.documentElement.classList.replace('dark', 'light');
  await vi.advanceTimersByTimeAsync(120_000);
}

/** Whether anything listens for messages to this content script. */
const listening = () => (fakeBrowser.runtime.onMessage as unknown as { hasListeners(): boolean }).hasListeners();
const composerHtml = () => document.querySelector('#prompt-textarea')?.innerHTML;
const ours = () => document.querySelectorAll('#gpt-anchors-host, [data-gpt-anchors-message]').length;

beforeEach(() => {
  fakeBrowser.reset();
  observing.clear();
  sent.length = 0;
  vi.stubGlobal('MutationObserver', TrackedObserver);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  answerLikeTheBackground();
  loadPage('chatgpt-2026-04-section.html', CHAT_URL);
  // ChatGPT opens a new chat in place (its router), not by following the link.
  document.querySelector('a[data-testid="create-new-chat-button"]')!.addEventListener('click', (event) => event.preventDefault());
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the content controller, once the script is invalidated', () => {
  it('stops every wait, timer and save under way; nothing fires afterwards', async () => {
    const life = new AbortController();
    const controller = createController(life.signal);
    const changes = vi.fn();
    controller.store.subscribe(changes);
    const stop = vi.fn();
    document.querySelector('[data-testid="stop-button"]')!.addEventListener('click', stop);

    // Under way: Save anchor waiting for the reply that streams; a resume waiting for the new chat
    // it asked for; a missing part waiting out its grace period.
    const saving = controller.save();
    const resuming = controller.resume(ORDER);
    controller.setMissing(['composer']);
    await vi.advanceTimersByTimeAsync(500);
    expect(controller.store.get()).toMatchObject({ saving: 'waiting', resuming: true });
    expect(observing.size).toBeGreaterThan(0);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    const composer = composerHtml();
    const asked = sent.length;
    changes.mockClear();

    life.abort();
    await Promise.all([saving, resuming]);
    expect(observing.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);

    await pageCarriesOn();
    controller.setMissing(['messages']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(changes).not.toHaveBeenCalled(); // no "Cancelled" toast, no missing part, no phase
    expect(sent.length).toBe(asked);
    expect(stop).not.toHaveBeenCalled(); // the person's own reply is not stopped for them
    expect(composerHtml()).toBe(composer);
    expect(observing.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a resume can be cancelled while it waits for the new chat: nothing is written', async () => {
    const controller = createController();
    const resuming = controller.resume(ORDER);
    await vi.advanceTimersByTimeAsync(500);
    expect(controller.store.get().resuming).toBe(true);
    const composer = composerHtml();
    controller.resumeOrCancel();
    await resuming;
    expect(controller.store.get()).toMatchObject({
      resuming: false,
      toast: { kind: 'message', tone: 'info', text: 'Cancelled. The resume text was not sent.' },
    });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(composerHtml()).toBe(composer);
    expect(sent).not.toContain('recordResume');
    expect(observing.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('GPT Anchors on the page, once the script is invalidated', () => {
  it('takes its nodes out, stops its observers, timers and message listener, and asks nothing more', async () => {
    const life = new AbortController();
    const running = runInPage(life.signal);
    await vi.advanceTimersByTimeAsync(1_000); // the page settles; the bar mounts
    await running;
    expect(document.querySelector('#gpt-anchors-host')).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(document.querySelectorAll('[data-gpt-anchors-message]')).toHaveLength(1); // the anchor reply's button
    expect(sent).toContain('checkReply');
    expect(listening()).toBe(true);
    expect(observing.size).toBeGreaterThan(0); // the page's, and the watch on the stop control while the reply streams

    // A command from the background starts Save anchor, which waits for the streaming reply.
    await fakeBrowser.runtime.onMessage.trigger({ type: 'runCommand', payload: { command: 'save' } }, { id: browser.runtime.id });
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toContain('anchorRequest');
    const asked = sent.length;

    life.abort();
    expect(ours()).toBe(0);
    expect(listening()).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(observing.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);

    // The reply ends (a finished anchor would get its button), the composer re-renders (the bar
    // would follow it), the theme changes: nothing of ours comes back, nothing is asked.
    await pageCarriesOn();
    expect(ours()).toBe(0);
    expect(sent.length).toBe(asked);
    expect(observing.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('invalidated before the page settled: never mounts', async () => {
    const life = new AbortController();
    const running = runInPage(life.signal);
    life.abort();
    await running;
    await pageCarriesOn();
    expect(ours()).toBe(0);
    expect(listening()).toBe(false);
    expect(observing.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

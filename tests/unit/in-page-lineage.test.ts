// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { followResumedChat } from '../../lib/content/lineage';

/**
 * The page's side of the lineage (lib/content/lineage.ts): after a resume it reports the new
 * chat's id once its first message is on the page under an id the chat keeps, and only the id.
 */

const RESUME_TEXT = 'Resume from anchor: [Thesis_Ch3]\nContext: c\nNext action: Write 3.4';
let sent: { type: string; payload: unknown }[];

const setUrl = (path: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`https://chatgpt.com${path}`);

/** Generation A's shape (its composer tells it): the chat's messages, the first one the person's. */
function showMessages(...texts: string[]) {
  document.body.innerHTML = '<form data-type="unified-composer"><div id="prompt-textarea"></div></form>';
  texts.forEach((text, i) => {
    const message = document.createElement('div');
    message.setAttribute('data-message-author-role', i % 2 === 0 ? 'user' : 'assistant');
    message.textContent = text;
    document.body.append(message);
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  sent = [];
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: { type: string; payload: unknown }) => {
    sent.push(message);
    return { ok: true, value: message.type === 'chatStarted' ? { name: 'Thesis_Ch3', handshake: false } : null };
  }) as never);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  setUrl('/');
  showMessages();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('after a resume, the page reports the new chat', () => {
  it('once its first message is sent, with the id only; a temporary id (C’s WEB:) is waited out', async () => {
    const following = new AbortController();
    const done = followResumedChat(RESUME_TEXT, following.signal, () => {});
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent).toEqual([]); // still a new chat

    setUrl('/c/WEB:6a1f0000-0000-4000-8000-00000000000a');
    showMessages(RESUME_TEXT, 'Welcome back…');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent).toEqual([]);

    setUrl('/c/6a1f0000-0000-4000-8000-00000000000a');
    await vi.advanceTimersByTimeAsync(1_000);
    await done;
    expect(sent).toEqual([{ type: 'chatStarted', payload: { conversationId: '6a1f0000-0000-4000-8000-00000000000a' } }]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(1);
  });

  it('not a chat whose first message is not the resume text (one opened from the sidebar), nor one with a longer history', async () => {
    const following = new AbortController();
    const done = followResumedChat(RESUME_TEXT, following.signal, () => {});
    setUrl('/c/other');
    showMessages('Hello', 'Hi!');
    await vi.advanceTimersByTimeAsync(3_000);
    setUrl('/c/older-resume');
    showMessages(RESUME_TEXT, 'ok', 'more', 'replies');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(sent).toEqual([]);
    following.abort();
    await expect(done).rejects.toThrow('Cancelled.');
  });

  it('stops when a new resume (or the script’s end) aborts it', async () => {
    const following = new AbortController();
    const done = followResumedChat(RESUME_TEXT, following.signal, () => {});
    following.abort();
    await expect(done).rejects.toThrow('Cancelled.');
    setUrl('/c/6a1f0000-0000-4000-8000-00000000000b');
    showMessages(RESUME_TEXT);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(sent).toEqual([]);
  });
});

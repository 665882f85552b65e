// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatMeter } from '../../lib/content/meter';
import type { BackgroundPayloads } from '../../lib/messaging/messages';
import type { ChatMeterReading } from '../../lib/meter/reading';
import { loadPage, setUrl } from './support/chatgpt-pages';

/** The meter's page side: what it sends the background, and when. */

type Measure = BackgroundPayloads['measureChat'];
const reading = (extra: Partial<ChatMeterReading> = {}): ChatMeterReading => ({
  tokens: 100, limit: 1_000, learned: false, percent: 10, nudgeAt: 80, nudge: false, full: false, missing: [], ...extra,
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const URL_A = 'https://chatgpt.com/c/6a1f0000-0000-4000-8000-0000000000f1';

let sent: Measure[];
let shown: (ChatMeterReading | null)[];
let answer: (payload: Measure) => ChatMeterReading;
const meter = () =>
  createChatMeter(
    async (payload) => {
      sent.push(payload);
      return answer(payload);
    },
    (r) => shown.push(r),
  );

beforeEach(() => {
  sent = [];
  shown = [];
  answer = () => reading();
  loadPage('chatgpt-2026-11-section-max-length.html', URL_A);
  document.querySelector('[role="alert"]')!.remove(); // not full yet
});

function addAssistantTurn(id: string, text: string): void {
  const turn = document.createElement('section');
  turn.setAttribute('data-testid', 'conversation-turn-9');
  turn.innerHTML = `<div data-message-author-role="assistant" data-message-id="${id}"><div class="markdown"><p></p></div></div>`;
  turn.querySelector('p')!.textContent = text;
  document.querySelector('#thread')!.append(turn);
}

describe('the chat length meter on the page', () => {
  it('sends every message’s text on a chat’s first measure, then nothing until the chat changes', async () => {
    const m = meter();
    m.tick(false);
    await settle();
    expect(sent).toEqual([
      {
        url: URL_A,
        conversationId: '6a1f0000-0000-4000-8000-0000000000f1',
        title: 'Capstone Step 9 – Admin',
        notice: false,
        messages: [
          { id: 'u-1', text: 'Plan the admin panel' },
          { id: 'a-1', text: 'Start with the user table.' },
          { id: 'u-2', text: 'And the audit log?' },
        ],
      },
    ]);
    expect(shown.at(-1)).toEqual(reading());
    m.tick(false);
    m.tick(false);
    await settle();
    expect(sent).toHaveLength(1);
  });

  it('after a reply, sends only the new reply’s text; nothing at all while it streams', async () => {
    const m = meter();
    m.tick(false);
    await settle();
    addAssistantTurn('a-2', 'The audit log goes last.');
    m.tick(true); // streaming: not a look
    await settle();
    expect(sent).toHaveLength(1);
    m.tick(false);
    await settle();
    // The first two were counted last time: named by count and last id, not listed.
    expect(sent[1]!.before).toEqual({ count: 2, last: 'a-1' });
    expect(sent[1]!.messages).toEqual([{ id: 'u-2' }, { id: 'a-2', text: 'The audit log goes last.' }]);
  });

  it('sends the texts the background forgot (a restarted worker), once', async () => {
    const m = meter();
    m.tick(false);
    await settle();
    addAssistantTurn('a-2', 'Later.');
    m.tick(true);
    answer = (payload) => (payload.messages.some((msg) => msg.id === 'u-1' && msg.text) ? reading({ tokens: 200 }) : reading({ missing: ['a-1'] }));
    m.tick(false);
    await settle();
    await settle();
    expect(sent[1]!.before).toEqual({ count: 2, last: 'a-1' });
    // Asked again, the whole chat with every text.
    expect(sent[2]!.before).toBeUndefined();
    expect(sent[2]!.messages).toEqual([
      { id: 'u-1', text: 'Plan the admin panel' },
      { id: 'a-1', text: 'Start with the user table.' },
      { id: 'u-2', text: 'And the audit log?' },
      { id: 'a-2', text: 'Later.' },
    ]);
    expect(sent).toHaveLength(3);
    expect(shown.at(-1)).toMatchObject({ tokens: 200 });
  });

  it('says when ChatGPT shows its maximum-length notice', async () => {
    const m = meter();
    m.tick(false);
    await settle();
    // A send ChatGPT refuses: the request is in flight (stop shown), then the notice instead of a reply.
    m.tick(true);
    loadPage('chatgpt-2026-11-section-max-length.html', URL_A);
    m.tick(false);
    await settle();
    expect(sent.at(-1)).toMatchObject({ notice: true });
  });

  it('starts over in another chat, and shows nothing on an empty one', async () => {
    const m = meter();
    m.tick(false);
    await settle();
    setUrl('https://chatgpt.com/');
    document.querySelector('#thread')!.replaceChildren();
    m.tick(false);
    await settle();
    expect(sent).toHaveLength(1);
    expect(shown.at(-1)).toBeNull();
    loadPage('chatgpt-2026-11-section-max-length.html', URL_A);
    document.querySelector('[role="alert"]')!.remove();
    m.tick(false);
    await settle();
    // Back in the chat: counted again from its texts (the page does not know what the background kept).
    expect(sent[1]!.messages.every((msg) => msg.text !== undefined)).toBe(true);
  });

  it('shows nothing when the background does not answer', async () => {
    const failing = createChatMeter(vi.fn(async () => Promise.reject(new Error('no background'))), (r) => shown.push(r));
    failing.tick(false);
    await settle();
    await settle();
    expect(shown.at(-1)).toBeNull();
  });
});

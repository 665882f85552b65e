// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LimitHistoryApi } from '../../components/meter/api';
import { LimitHistory } from '../../components/meter/LimitHistory';
import type { LimitHitRecord } from '../../lib/meter/records';

/** The options page's limit history against a fake of its API: no IndexedDB, no browser. */

const hit = (id: string, tokens: number, day: number, extra: Partial<LimitHitRecord> = {}): LimitHitRecord => ({
  id,
  tokens,
  at: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`,
  ...extra,
});

function fakeApi(hits: LimitHitRecord[], setting = 128_000) {
  let stored = [...hits];
  let changed: (() => void) | undefined;
  const api: LimitHistoryApi = {
    read: vi.fn(async () => ({ hits: stored, setting })),
    reset: vi.fn(async () => {
      stored = [];
    }),
    watch: vi.fn((onChange: () => void) => {
      changed = onChange;
      return () => (changed = undefined);
    }),
  };
  return { api, add: (h: LimitHitRecord) => (stored = [h, ...stored]), notify: () => changed?.() };
}

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

async function show(api: LimitHistoryApi) {
  root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<LimitHistory api={api} />, root));
  await act(async () => {});
}

const text = () => root.textContent ?? '';

describe('the limit history on the options page', () => {
  it('says the setting is in force while no chat has hit the limit', async () => {
    await show(fakeApi([]).api);
    expect(text()).toContain('No chat has reached ChatGPT’s maximum length yet: the meter uses your setting, 128,000 tokens.');
    expect(root.querySelector('table')).toBeNull();
    expect(root.querySelector('button')).toBeNull();
  });

  it('lists each hit with its size and chat, and the limit learned from them', async () => {
    const { api } = fakeApi([
      hit('c3', 140_000, 3, { title: 'Thesis <b>ch. 3</b>', url: 'https://chatgpt.com/c/c3' }),
      hit('c2', 90_000, 2, { url: 'https://evil.example/c2' }),
      hit('c1', 120_000, 1),
    ]);
    await show(api);
    expect(text()).toContain('The meter uses 120,000 tokens: what your chats reached (the middle of the latest 3).');
    const rows = [...root.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].slice(1).map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['140,000 tokens', 'Thesis <b>ch. 3</b>'],
      ['90,000 tokens', 'a chat'],
      ['120,000 tokens', 'a chat'],
    ]);
    // Only ChatGPT's own addresses become links; a title is text, never markup.
    expect([...root.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://chatgpt.com/c/c3']);
    expect(root.querySelector('b')).toBeNull();
  });

  it('forgets the learned limit on reset, and shows a new hit as it comes', async () => {
    const fake = fakeApi([hit('c1', 61_000, 1)]);
    await show(fake.api);
    expect(text()).toContain('The meter uses 61,000 tokens');
    await act(() => (root.querySelector('button') as HTMLButtonElement).click());
    await act(async () => {});
    expect(fake.api.reset).toHaveBeenCalledOnce();
    expect(text()).toContain('the meter uses your setting, 128,000 tokens.');
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Forgotten. The limit is your setting again until a chat reaches ChatGPT’s maximum length.');
    fake.add(hit('c9', 70_000, 9));
    await act(() => fake.notify());
    await act(async () => {});
    expect(text()).toContain('The meter uses 70,000 tokens');
  });
});

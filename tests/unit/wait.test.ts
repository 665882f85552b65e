// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WaitCancelled, WaitTimeout, delay, waitFor, waitUntilStable } from '../../lib/chatgpt/wait';

// lib/chatgpt/wait.ts: every wait settles once, and leaves no observer, timer or listener behind.

let observers = 0;
const RealObserver = globalThis.MutationObserver;

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '<main></main>';
  observers = 0;
  globalThis.MutationObserver = class extends RealObserver {
    override observe(target: Node, options?: MutationObserverInit) {
      observers += 1;
      super.observe(target, options);
    }
    override disconnect() {
      observers -= 1;
      super.disconnect();
    }
  };
});

afterEach(() => {
  globalThis.MutationObserver = RealObserver;
  vi.clearAllTimers();
  vi.useRealTimers();
});

const main = () => document.querySelector('main')!;
const settled = <T,>(promise: Promise<T>) => {
  const state: { value?: T; error?: Error; done: boolean } = { done: false };
  promise.then(
    (value) => Object.assign(state, { value, done: true }),
    (error: Error) => Object.assign(state, { error, done: true }),
  );
  return state;
};

describe('waitFor', () => {
  it('answers at once when the condition already holds, observing nothing', async () => {
    main().append(Object.assign(document.createElement('p'), { id: 'x' }));
    await expect(waitFor(() => document.getElementById('x'), { timeoutMs: 1_000 })).resolves.toBe(document.getElementById('x'));
    expect(observers).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('re-checks when the page changes, and then stops observing and timing', async () => {
    const wait = settled(waitFor(() => document.getElementById('late'), { timeoutMs: 5_000 }));
    expect(observers).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(wait.done).toBe(false);
    main().append(Object.assign(document.createElement('p'), { id: 'late' }));
    await vi.advanceTimersByTimeAsync(60);
    expect(wait.value).toBe(document.getElementById('late'));
    expect(observers).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('times out with what it waited for, and leaves nothing running', async () => {
    const wait = settled(waitFor(() => null, { timeoutMs: 2_000, description: 'the stop button' }));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(wait.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(wait.error).toBeInstanceOf(WaitTimeout);
    expect(wait.error?.message).toBe('Timed out waiting for the stop button.');
    expect(observers).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is cancelled by its signal, before or during the wait', async () => {
    const before = new AbortController();
    before.abort();
    await expect(waitFor(() => null, { timeoutMs: 1_000, signal: before.signal })).rejects.toBeInstanceOf(WaitCancelled);

    const during = new AbortController();
    const wait = settled(waitFor(() => null, { timeoutMs: 60_000, signal: during.signal }));
    await vi.advanceTimersByTimeAsync(100);
    during.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.error).toBeInstanceOf(WaitCancelled);
    expect(observers).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('waitUntilStable', () => {
  it('resolves once the value has not changed for the quiet time, restarting on every change', async () => {
    main().textContent = 'a';
    const wait = settled(waitUntilStable(() => main().textContent, 1_000, { timeoutMs: 30_000 }));
    for (const next of ['ab', 'abc', 'abcd']) {
      await vi.advanceTimersByTimeAsync(700);
      main().textContent = next;
    }
    await vi.advanceTimersByTimeAsync(900);
    expect(wait.done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(wait.value).toBe('abcd');
    expect(observers).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reads again after another quiet period when the value changed where the observer does not look', async () => {
    let value = 'a';
    const wait = settled(waitUntilStable(() => value, 1_000, { timeoutMs: 30_000 }));
    await vi.advanceTimersByTimeAsync(500);
    value = 'b'; // no change in the page
    await vi.advanceTimersByTimeAsync(600);
    expect(wait.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(wait.value).toBe('b');
  });

  it('times out while the value keeps changing', async () => {
    main().textContent = 'a';
    const wait = settled(waitUntilStable(() => main().textContent, 1_000, { timeoutMs: 3_000 }));
    for (let i = 0; i < 6; i += 1) {
      await vi.advanceTimersByTimeAsync(500);
      main().textContent += 'x';
    }
    expect(wait.error).toBeInstanceOf(WaitTimeout);
    expect(observers).toBe(0);
  });
});

describe('delay', () => {
  it('waits, or ends early when cancelled', async () => {
    const done = settled(delay(500));
    await vi.advanceTimersByTimeAsync(499);
    expect(done.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done.done).toBe(true);

    expect(vi.getTimerCount()).toBe(0);
    const controller = new AbortController();
    const cancelled = settled(delay(10_000, controller.signal));
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(cancelled.error).toBeInstanceOf(WaitCancelled);
    expect(vi.getTimerCount()).toBe(0);
  });
});

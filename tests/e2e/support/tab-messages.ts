import type { Worker } from '@playwright/test';

export type TabMessage = { type: string; at: number };

/** From now on, records every message the background receives from a ChatGPT tab, with when it came (the worker's clock). */
export async function recordTabMessages(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const seen: { type: string; at: number }[] = [];
    (globalThis as unknown as { tabMessages: typeof seen }).tabMessages = seen;
    type OnMessage = { addListener(listener: (message: { type?: string }, sender: { tab?: unknown }) => void): void };
    const runtime = (globalThis as unknown as { chrome: { runtime: { onMessage: OnMessage } } }).chrome.runtime;
    runtime.onMessage.addListener((message, sender) => {
      if (sender.tab) seen.push({ type: String(message?.type), at: Date.now() });
    });
  });
}

/** What `recordTabMessages` has recorded so far. */
export const tabMessages = (worker: Worker): Promise<TabMessage[]> =>
  worker.evaluate(() => (globalThis as unknown as { tabMessages: TabMessage[] }).tabMessages);

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import type { FixtureWindow, Generation } from '../tests/fixtures/chatgpt/options';

/**
 * GPT Anchors on ChatGPT's page, measured against the fixture (tests/fixtures/chatgpt/):
 * what the content script costs while a long chat streams, how much heap it holds, and how fast
 * the bar comes back and a save lands. Timings taken inside the page use performance.now().
 * The page measurements run on generation A (section turns) and on C, the 2026 app shell.
 */

/** The rendered composer of each generation measured. */
export const COMPOSER: Record<Extract<Generation, 'A' | 'C'>, string> = {
  A: '#prompt-textarea',
  C: 'form[data-chatgpt-composer] [role="textbox"]',
};
export type BenchGeneration = keyof typeof COMPOSER;

export const LONG_CHAT_TURNS = 500;
/** A chat id the fixture does not know: it shows the generated long chat. */
export const longChatPath = (run: number) => `/c/bench0000-0000-4000-8000-${String(run).padStart(12, '0')}`;

const SENTENCES = [
  'The migration runs in three stages so that each one can be rolled back on its own.',
  'First, copy the rows in batches of a thousand and compare the counts after every batch.',
  'Then switch reads to the new table behind a flag, and watch the error rate for a day.',
  'Only when both numbers hold do we drop the old columns and the flag with them.',
  'Keep the script idempotent: a second run must find nothing left to do.',
];

/** About `words` words of markdown: paragraphs, now and then a list or a code block. */
export function longReply(words: number): string {
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i += 1) {
    const paragraph = [0, 1, 2, 3].map((k) => SENTENCES[(i + k) % SENTENCES.length]).join(' ');
    parts.push(i % 6 === 5 ? `- ${SENTENCES[i % 5]}\n- ${SENTENCES[(i + 2) % 5]}` : i % 9 === 8 ? '```sql\nSELECT count(*) FROM rows;\n```' : paragraph);
    count += parts.at(-1)!.split(/\s+/).length;
  }
  return parts.join('\n\n');
}

async function openLongChat(page: Page, run: number, withExtension: boolean, generation: BenchGeneration): Promise<void> {
  await page.goto(`https://chatgpt.com${longChatPath(run)}`);
  await page.locator(COMPOSER[generation]).waitFor();
  await page.waitForFunction((turns) => (window as unknown as FixtureWindow).__chatgpt.turns().length >= turns, LONG_CHAT_TURNS);
  if (withExtension) await page.locator('#gpt-anchors-host').waitFor({ state: 'attached' });
  await page.waitForTimeout(1_000); // first decoration pass over 250 replies done, page quiet
}

/** Queues the reply and types the message, so that only the send and the stream fall in the window. */
async function prepareReply(
  page: Page,
  markdown: string,
  chunk: { chunkMs: number; chunkChars: number },
  generation: BenchGeneration,
): Promise<void> {
  await page.evaluate(([text, opts]) => (window as unknown as FixtureWindow).__chatgpt.queueReply(text, opts), [markdown, chunk] as const);
  await page.locator(COMPOSER[generation]).click();
  await page.keyboard.type('Write the migration plan in full.');
  await page.waitForTimeout(400);
}

/**
 * Sends and waits until the reply has streamed in completely. One in-page promise checks every
 * 100 ms (Playwright's waitForFunction would run its own script in the window, more of it).
 */
async function sendAndStream(page: Page): Promise<void> {
  await page.keyboard.press('Enter'); // the composer has focus; Enter sends on every generation
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const api = (window as unknown as FixtureWindow).__chatgpt;
        let started = false;
        const timer = setInterval(() => {
          if (api.isStreaming()) started = true;
          else if (started) {
            clearInterval(timer);
            resolve();
          }
        }, 100);
      }),
  );
  // The extension's work after the last chunk counts too: its watch on the stop control notices
  // the end at once (lib/chatgpt/mount.ts), the tick runs 200 ms later and the meter's measure
  // comes back from the background.
  await page.waitForTimeout(1_400);
}

async function metric(cdp: CDPSession, name: string): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === name)?.value ?? NaN;
}

/** The isolate's used heap after a full garbage collection (all worlds of the page share it). */
async function usedHeapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

export type StreamingRun = { withExtension: boolean; scriptMs: number; heapBytes: number; isolatedWorlds: string[] };

/**
 * One run: a fresh tab on the 500-turn chat, then a 3,000-word reply streamed in. Script time is
 * the renderer main thread's ScriptDuration (CDP Performance.getMetrics, which includes the
 * content script's isolated world) from just before the send until the reply has ended.
 */
export async function streamingRun(
  context: BrowserContext,
  run: number,
  withExtension: boolean,
  reply: string,
  chunk: { chunkMs: number; chunkChars: number },
  generation: BenchGeneration,
): Promise<StreamingRun> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const isolatedWorlds: string[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context: ctx }) => {
    const aux = ctx.auxData as { type?: string } | undefined;
    if (aux?.type === 'isolated') isolatedWorlds.push(ctx.name);
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Performance.enable');
  await openLongChat(page, run, withExtension, generation);
  await prepareReply(page, reply, chunk, generation);
  const before = await metric(cdp, 'ScriptDuration');
  await sendAndStream(page);
  const after = await metric(cdp, 'ScriptDuration');
  const heapBytes = await usedHeapAfterGc(cdp);
  await cdp.detach();
  await page.close();
  return { withExtension, scriptMs: (after - before) * 1000, heapBytes, isolatedWorlds };
}

/**
 * Composer re-rendered (React drops our bar with the old nodes) → the bar with *Save anchor* is
 * back after the new form. Timed in the page's main world: from the moment the new composer
 * (`COMPOSER[generation]`) is in the document to the moment #gpt-anchors-host is connected right
 * after its form with the button inside. Triggered when the page is quiet, so a pending throttled
 * tick from earlier mutations does not count against it.
 */
export async function composerToButton(page: Page, runs: number, generation: BenchGeneration): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    await page.waitForTimeout(400);
    times.push(
      await page.evaluate(
        (composer) =>
          new Promise<number>((resolve, reject) => {
            const oldEditor = document.querySelector(composer);
            let composerAt: number | undefined;
            const check = () => {
              const editor = document.querySelector(composer);
              if (composerAt === undefined && editor && editor !== oldEditor) composerAt = performance.now();
              const host = document.getElementById('gpt-anchors-host');
              const form = editor?.closest('form');
              const button = [...(host?.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === 'Save anchor');
              if (composerAt !== undefined && host?.isConnected && form && host.previousElementSibling === form && button) {
                observer.disconnect();
                clearTimeout(timeout);
                resolve(performance.now() - composerAt);
              }
            };
            const observer = new MutationObserver(check);
            observer.observe(document.body, { childList: true, subtree: true });
            const timeout = setTimeout(() => reject(new Error('The bar did not come back within 5 s')), 5_000);
            (window as unknown as FixtureWindow).__chatgpt.rerenderComposer();
            check();
          }),
        COMPOSER[generation],
      ),
    );
  }
  return times;
}

/**
 * *Save anchor* pressed on a chat whose latest reply is an anchor → the toast "Saved anchor [NAME]",
 * which the page shows once the background has answered, i.e. after the anchor was written to
 * IndexedDB. Clicked by Playwright (a script's click is ignored, as it should be: the button acts
 * on trusted events only); timed in the main world from the click event's time stamp.
 */
export async function saveClick(page: Page): Promise<number> {
  await page.evaluate(() => {
    type Timing = { done?: Promise<number> };
    const root = document.getElementById('gpt-anchors-host')?.shadowRoot;
    if (!root) throw new Error('No bar');
    let clickedAt: number | undefined;
    document.addEventListener('click', (event) => (clickedAt ??= event.timeStamp), { capture: true, once: true });
    (window as unknown as { __saveTiming: Timing }).__saveTiming = {
      done: new Promise<number>((resolve, reject) => {
        const observer = new MutationObserver(() => {
          const status = root.querySelector('[role="status"]');
          if (clickedAt !== undefined && status?.textContent?.includes('Saved anchor')) {
            observer.disconnect();
            resolve(performance.now() - clickedAt);
          }
        });
        observer.observe(root, { childList: true, subtree: true, characterData: true });
        setTimeout(() => reject(new Error('No "Saved anchor" toast within 10 s')), 10_000);
      }),
    };
  });
  await page.getByRole('group', { name: 'GPT Anchors' }).getByRole('button', { name: 'Save anchor', exact: true }).click();
  return page.evaluate(() => (window as unknown as { __saveTiming: { done: Promise<number> } }).__saveTiming.done);
}

/**
 * The same streaming run with the extension, under the CPU profiler: the time spent in the
 * content script's own frames (and anything they called), against all script in the window.
 * The profiler slows everything a little, so these runs are kept out of the paired ratio.
 */
export async function profiledStreamingRun(
  context: BrowserContext,
  run: number,
  reply: string,
  chunk: { chunkMs: number; chunkChars: number },
  extensionId: string,
  generation: BenchGeneration,
): Promise<{ extensionMs: number; totalMs: number; extensionSamples: number; samples: number; largestExtensionSampleMs: number; heaviest: string[]; hottest: string[] }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await openLongChat(page, run, true, generation);
  await prepareReply(page, reply, chunk, generation);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await sendAndStream(page);
  const { profile } = await cdp.send('Profiler.stop');
  // BENCH_PROFILE_DIR: each run's profile, to open in DevTools' Performance panel.
  const profileDir = process.env.BENCH_PROFILE_DIR;
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(path.join(profileDir, `long-chat-${generation}-${run}.cpuprofile`), JSON.stringify(profile));
  }
  await cdp.detach();
  await page.close();
  const selfUs = new Map<number, number>();
  /** Per node, its samples and the longest time one of them carried (a gap in the sampling lands on one sample). */
  const sampleCount = new Map<number, number>();
  const longestUs = new Map<number, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const us = profile.timeDeltas?.[i] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + us);
    sampleCount.set(id, (sampleCount.get(id) ?? 0) + 1);
    longestUs.set(id, Math.max(longestUs.get(id) ?? 0, us));
  });
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  let extensionUs = 0;
  let totalUs = 0;
  let extensionSamples = 0;
  let samples = 0;
  let largestExtensionUs = 0;
  /** Per extension entry point (the outermost extension frame), the time in it and what it calls. */
  const byEntry = new Map<string, number>();
  /** Per function (the browser's own included, such as a forced layout), its self time under the extension's frames. */
  const bySelf = new Map<string, number>();
  const walk = (id: number, entry: string | null) => {
    const node = byId.get(id)!;
    const { functionName: name, url, lineNumber } = node.callFrame;
    const own = `${name || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    const here = entry ?? (url.startsWith(`chrome-extension://${extensionId}/`) ? own : null);
    const self = selfUs.get(id) ?? 0;
    if (!['(idle)', '(program)', '(root)'].includes(name)) {
      totalUs += self;
      samples += sampleCount.get(id) ?? 0;
      if (here) {
        extensionUs += self;
        extensionSamples += sampleCount.get(id) ?? 0;
        largestExtensionUs = Math.max(largestExtensionUs, longestUs.get(id) ?? 0);
        byEntry.set(here, (byEntry.get(here) ?? 0) + self);
        bySelf.set(own, (bySelf.get(own) ?? 0) + self);
      }
    }
    for (const child of node.children ?? []) walk(child, here);
  };
  walk(profile.nodes[0]!.id, null);
  const top = (times: Map<string, number>) =>
    [...times]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([what, us]) => `${(us / 1000).toFixed(2)} ms ${what}`);
  return {
    extensionMs: extensionUs / 1000,
    totalMs: totalUs / 1000,
    extensionSamples,
    samples,
    largestExtensionSampleMs: largestExtensionUs / 1000,
    heaviest: top(byEntry),
    hottest: top(bySelf),
  };
}

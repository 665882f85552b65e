import type { BrowserContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { seedGenerated } from '../tests/e2e/support/seed';

/**
 * The popup's speed on a big library. Numbers come from marks the popup itself records
 * (components/popup/perf.ts), read back with page.evaluate:
 * - first paint: `list-painted`, the frame after the list first rendered, in ms since the
 *   popup document's time origin (its navigation start);
 * - keystroke: `search-update`, from the keydown to the filtered list being in the DOM, and
 *   `search-frame`, to the next animation frame (style and layout included).
 */

export const TARGETS = { firstPaintMs: 150, keystrokeMs: 16, firstPaintJsGzipBytes: 40 * 1024 } as const;

export type PopupBench = {
  anchors: number;
  firstPaintMs: number[];
  listRenderedMs: number[];
  keystrokeMs: number[];
  keystrokeFrameMs: number[];
  firstPaintJsGzipBytes: number;
};

const popupUrl = (extensionId: string) => `chrome-extension://${extensionId}/popup.html`;

/** Seeds `count` anchors through a popup page (which creates the database first). */
export async function seedLibrary(context: BrowserContext, extensionId: string, count: number): Promise<void> {
  const page = await context.newPage();
  await page.goto(popupUrl(extensionId));
  await seedGenerated(page, count);
  await page.close();
}

/** Opens the popup `runs` times (fresh page each time) and reads when the list painted. */
export async function benchFirstPaint(context: BrowserContext, extensionId: string, runs: number) {
  const painted: number[] = [];
  const rendered: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const page = await context.newPage();
    await page.goto(popupUrl(extensionId));
    await page.waitForFunction(() => performance.getEntriesByName('list-painted').length > 0);
    await page.waitForFunction(() => performance.getEntriesByName('library-read').length > 0);
    const marks = await page.evaluate(() => ({
      painted: performance.getEntriesByName('list-painted')[0]!.startTime,
      rendered: performance.getEntriesByName('list-rendered')[0]!.startTime,
      all: performance.getEntriesByType('mark').map((m) => `${m.name} ${Math.round(m.startTime)}`).join(', '),
    }));
    if (process.env.BENCH_VERBOSE) console.log(marks.all);
    painted.push(marks.painted);
    rendered.push(marks.rendered);
    await page.close();
  }
  return { painted, rendered };
}

/** Types queries one key at a time into Search anchors and reads each update's time. */
export async function benchKeystrokes(context: BrowserContext, extensionId: string, queries: string[]) {
  const page: Page = await context.newPage();
  await page.goto(popupUrl(extensionId));
  const search = page.getByRole('searchbox', { name: 'Search anchors' });
  await search.waitFor();
  await page.waitForTimeout(500); // a person reads the list before typing; the search text is built when idle
  const update: number[] = [];
  const frame: number[] = [];
  for (const query of queries) {
    await search.fill('');
    await page.waitForTimeout(100);
    await page.evaluate(() => performance.clearMeasures()); // only the typed keys count, not the clearing
    await search.pressSequentially(query, { delay: 40 });
    await page.waitForTimeout(100);
    const measures = await page.evaluate(() => ({
      update: performance.getEntriesByName('search-update').map((m) => m.duration),
      frame: performance.getEntriesByName('search-frame').map((m) => m.duration),
    }));
    update.push(...measures.update);
    frame.push(...measures.frame);
  }
  await page.close();
  return { update, frame };
}

/** Gzipped size of the scripts popup.html loads before anything else (entry + modulepreloads). */
export function firstPaintJsGzipBytes(extensionDir: string): number {
  const html = readFileSync(path.join(extensionDir, 'popup.html'), 'utf8');
  const sources = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  return sources.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(extensionDir, file))).length, 0);
}

export async function benchPopup(
  context: BrowserContext,
  extensionId: string,
  options: { anchors?: number; runs?: number; extensionDir: string },
): Promise<PopupBench> {
  const anchors = options.anchors ?? 10_000;
  await seedLibrary(context, extensionId, anchors);
  const { painted, rendered } = await benchFirstPaint(context, extensionId, options.runs ?? 9);
  const keys = await benchKeystrokes(context, extensionId, ['schema draft', 'project12_step', 'zzz', 'supervisor']);
  return {
    anchors,
    firstPaintMs: painted,
    listRenderedMs: rendered,
    keystrokeMs: keys.update,
    keystrokeFrameMs: keys.frame,
    firstPaintJsGzipBytes: firstPaintJsGzipBytes(options.extensionDir),
  };
}

export function summarize(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { n: sorted.length, min: round(sorted[0] ?? NaN), median: round(at(0.5)), p90: round(at(0.9)), max: round(sorted.at(-1) ?? NaN) };
}

import { buildSync } from 'esbuild';
import type { BrowserContext, Page } from '@playwright/test';
import type { Anchor } from '../lib/model/anchor';
import { DEFAULT_TEMPLATE, formatLog } from '../lib/log/format';
import { MAX_ANCHOR_TEXT } from '../lib/log/parse';
import { REPO_ROOT } from '../tests/e2e/support/paths';
import { ADVERSARIAL_SHAPES } from '../tests/support/adversarial';

/**
 * The parser on hostile input, in Chromium's main thread (where a reply is parsed on ChatGPT's
 * page): lib/log/parse.ts bundled on its own into a blank page, each adversarial shape of
 * tests/support/adversarial.ts generated in Node at each size, then parsed several times in the
 * page. The budget is linear: 100 ms per MB, so 10 ms at 100 KB and 200 ms at 2 MB.
 */

export const PARSE_MS_PER_MB = 100;
export const SIZES = [100_000, 1_000_000, 2_000_000];

type ParseTimes = { shape: string; size: number; logMs: number[]; replyMs: number[] };

function parserBundle(): string {
  const result = buildSync({
    stdin: {
      contents: "import { parseAnchorLog, parseAnchorText } from './lib/parse'; globalThis.__parse = { parseAnchorLog, parseAnchorText };",
      resolveDir: REPO_ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    minify: true,
    write: false,
  });
  const text = result.outputFiles[0]?.text;
  if (text === undefined) throw new Error('esbuild produced no output for the parser bundle');
  return text;
}

export async function parserPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.setContent('<!doctype html><title>parser bench</title>');
  await page.addScriptTag({ content: parserBundle() });
  return page;
}

/** `parseAnchorLog` on the whole text and `parseAnchorText` on what a reply may be (≤ 200,000 characters). */
export async function timeShape(page: Page, shape: string, size: number, runs: number): Promise<ParseTimes> {
  const text = ADVERSARIAL_SHAPES[shape]!(size);
  const times = await page.evaluate(
    ({ text, runs, max }) => {
      type Parse = { parseAnchorLog(t: string): unknown; parseAnchorText(t: string): unknown };
      const parse = (globalThis as unknown as { __parse: Parse }).__parse;
      const reply = text.slice(0, max);
      const logMs: number[] = [];
      const replyMs: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        let start = performance.now();
        parse.parseAnchorLog(text);
        logMs.push(performance.now() - start);
        start = performance.now();
        parse.parseAnchorText(reply);
        replyMs.push(performance.now() - start);
      }
      return { logMs, replyMs };
    },
    { text, runs, max: MAX_ANCHOR_TEXT },
  );
  return { shape, size, ...times };
}

/**
 * `count` entries that share a name and the length of every field, at distinct minutes: the shape
 * that made the old duplicate check quadratic (30,000 entries: 154 s). About 150 characters each.
 */
export function sameShapeLog(count: number): string {
  const start = Date.UTC(2025, 0, 1);
  const anchors: Anchor[] = Array.from({ length: count }, (_, i) => ({
    id: `same-${i}`,
    name: 'Capstone_Step9_Pipeline',
    context: `run ${String(i).padStart(6, '0')}`,
    milestone: 'm',
    nextAction: 'n',
    dependencies: ['d'],
    createdAt: new Date(start + i * 60_000).toISOString(),
    timeKnown: true,
    source: {},
    origin: 'manual',
    resumeCount: 0,
  }));
  return formatLog(anchors, { template: DEFAULT_TEMPLATE, dateFormat: 'us', allVersions: true });
}

/**
 * The floor under any import: `count` records like the log's, added in one transaction with raw
 * IndexedDB to a scratch database with the library's two indexes (createdAt, name), then deleted.
 */
export async function rawIndexedDbAdd(page: Page, count: number): Promise<number> {
  return page.evaluate(async (count) => {
    const open = (name: string) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name, 1);
        request.onupgradeneeded = () => {
          const store = request.result.createObjectStore('anchors', { keyPath: 'id' });
          store.createIndex('createdAt', 'createdAt');
          store.createIndex('name', 'name');
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const db = await open('bench-scratch');
    const start = Date.UTC(2025, 0, 1);
    const records = Array.from({ length: count }, (_, i) => ({
      id: `raw-${i}`,
      name: 'Capstone_Step9_Pipeline',
      context: `run ${String(i).padStart(6, '0')}`,
      milestone: 'm',
      nextAction: 'n',
      dependencies: ['d'],
      createdAt: new Date(start + i * 60_000).toISOString(),
      timeKnown: true,
      source: {},
      origin: 'imported',
      resumeCount: 0,
    }));
    const began = performance.now();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('anchors', 'readwrite');
      const store = tx.objectStore('anchors');
      for (const record of records) store.add(record);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    const ms = performance.now() - began;
    db.close();
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase('bench-scratch');
      request.onsuccess = request.onerror = resolve;
    });
    return ms;
  }, count);
}

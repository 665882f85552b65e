import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Anchor } from '../lib/model/anchor';
import { DEFAULT_TEMPLATE, formatLog } from '../lib/log/format';

/**
 * Export and import of a whole library through the background's messages, sent from an
 * extension page (popup.html) exactly as the popup sends them.
 */

type Answer = { ok: boolean; value?: unknown; error?: string };

async function send(page: Page, type: string, payload: unknown): Promise<{ ms: number; answer: Answer }> {
  return page.evaluate(
    async ({ type, payload }) => {
      type Runtime = { sendMessage(message: unknown): Promise<unknown> };
      const runtime = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome.runtime;
      const start = performance.now();
      const answer = (await runtime.sendMessage({ type, payload })) as Answer;
      return { ms: performance.now() - start, answer };
    },
    { type, payload },
  );
}

/** A finished download of `name` (Chromium writes `*.crdownload` until it is done). */
async function waitForFile(dir: string, name: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const file = path.join(dir, name);
  while (!(existsSync(file) && statSync(file).size > 0 && !readdirSync(dir).some((f) => f.endsWith('.crdownload')))) {
    if (Date.now() > deadline) throw new Error(`No ${name} in ${dir} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export type ExportRun = { answerMs: number; fileMs: number; count: number; bytes: number };

/**
 * `exportLog` as markdown: time to the answer (measured in the page) and until the finished file
 * is in the downloads folder (measured from Node, polling every 5 ms). Each file is removed after.
 */
export async function exportRun(page: Page, downloadsDir: string): Promise<ExportRun> {
  const started = performance.now();
  const { ms, answer } = await send(page, 'exportLog', { format: 'markdown' });
  if (!answer.ok) throw new Error(`exportLog failed: ${answer.error}`);
  const { filename, count } = answer.value as { filename: string; count: number };
  await waitForFile(downloadsDir, filename);
  const fileMs = performance.now() - started;
  const file = path.join(downloadsDir, filename);
  const bytes = statSync(file).size;
  rmSync(file);
  return { answerMs: ms, fileMs, count, bytes };
}

/** A hand-kept-looking log of `count` anchors (what the exporter writes), names unique to `tag`. */
export function generatedLog(count: number, tag: string): string {
  const words = 'survey schema draft review deploy admin migrate auth table index report chapter supervisor budget api test'.split(' ');
  const pick = (i: number, n: number) => Array.from({ length: n }, (_, k) => words[(i * 7 + k * 13) % words.length]).join(' ');
  const now = Date.UTC(2026, 10, 1);
  const anchors: Anchor[] = Array.from({ length: count }, (_, i) => ({
    id: `log-${i}`,
    name: `${tag}${i % 40}_Step${i}_${words[i % words.length]}`,
    context: `${pick(i, 12)}.\nSprint ${i % 30}: ${pick(i + 1, 20)}.`,
    milestone: `${pick(i + 3, 14)} done.`,
    nextAction: `Next: ${pick(i + 4, 9)} for step ${i}.`,
    dependencies: [`${pick(i + 5, 2)} key`, `env ${i % 17}`],
    createdAt: new Date(now - i * 60_000).toISOString(),
    timeKnown: true,
    source: {},
    origin: 'manual',
    resumeCount: 0,
  }));
  return formatLog(anchors, { template: DEFAULT_TEMPLATE, dateFormat: 'us', allVersions: true });
}

export type ImportRun = { ms: number; added: number; duplicates: number; existing: number };

/** `importLog` with a generated log, timed in the page until the background answers. */
export async function importRun(page: Page, text: string, existing: number): Promise<ImportRun> {
  const { ms, answer } = await send(page, 'importLog', { fileName: 'bench-log.md', text });
  if (!answer.ok) throw new Error(`importLog failed: ${answer.error}`);
  const report = answer.value as { added: number; duplicates: number };
  return { ms, added: report.added, duplicates: report.duplicates, existing };
}

import type { BrowserContext } from '@playwright/test';
import { seedAnchor, seedAnchors } from '../tests/e2e/support/seed';
import { chooseFolder, readFolderFile, useOpfsFolderPicker } from '../tests/e2e/support/log-folder';

/**
 * The log file (the log kept in a chosen folder) of a large library: how long the background takes to bring the file up
 * to date after a change. The folder is the extension origin's Origin Private File System (the
 * tests' stand-in for a folder on disk, tests/e2e/support/log-folder.ts).
 */

export type RewriteRun = { ms: number; bytes: number };

/**
 * Chooses the folder (the first write), then per run: one anchor more, stored without telling
 * anyone (so nothing is scheduled), and `checkLogFile` sent from the options page, timed until the
 * background answers. That answer comes after the whole rewrite: the library read, the log
 * formatted and hashed, the file on disk read and hashed (the check for changes made elsewhere),
 * the new text written to the swap file and swapped in.
 */
export async function logFileRewriteRuns(context: BrowserContext, extensionId: string, runs: number): Promise<RewriteRun[]> {
  await useOpfsFolderPicker(context);
  const page = await chooseFolder(context, extensionId);
  const results: RewriteRun[] = [];
  for (let run = 0; run < runs; run += 1) {
    const name = `Bench_Rewrite_${run}`;
    await seedAnchors(page, [seedAnchor({ name, context: 'One more.', nextAction: 'Rewrite the log.' }, 0)], false);
    const ms = await page.evaluate(async () => {
      type Runtime = { sendMessage(message: unknown): Promise<{ ok: boolean; error?: string; value?: { problem?: unknown } }> };
      const runtime = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome.runtime;
      const start = performance.now();
      const answer = await runtime.sendMessage({ type: 'checkLogFile', payload: {} });
      const ms = performance.now() - start;
      if (!answer.ok) throw new Error(answer.error);
      if (answer.value?.problem) throw new Error(`checkLogFile: ${JSON.stringify(answer.value.problem)}`);
      return ms;
    });
    const text = await readFolderFile(page);
    if (!text?.includes(`[${name}]`)) throw new Error(`The log file does not hold ${name} after checkLogFile.`);
    results.push({ ms, bytes: new TextEncoder().encode(text).length });
  }
  await page.close();
  return results;
}

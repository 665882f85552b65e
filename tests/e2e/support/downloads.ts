import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Reading what the extension downloaded. Extension downloads (`chrome.downloads`) never reach
 * Playwright's download event, so the profile sends them to the `downloadsDir` fixture's folder
 * (see `extension.ts`) and tests read the file from there.
 */

/** Which download: its exact file name, a pattern of the name, or a test of the name. */
export type DownloadMatch = string | RegExp | ((name: string) => boolean);

const PARTIAL = '.crdownload';

function matcher(match: DownloadMatch): (name: string) => boolean {
  if (typeof match === 'string') return (name) => name === match;
  if (match instanceof RegExp) return (name) => match.test(name);
  return match;
}

function describe(match: DownloadMatch): string {
  if (typeof match === 'string') return `"${match}"`;
  if (match instanceof RegExp) return String(match);
  return match.name ? `the test ${match.name}` : 'the given test';
}

/**
 * Waits until the downloads folder holds exactly one finished file matching `match`, while no
 * Chromium partial (`*.crdownload`) is left in the folder (Chromium may reserve the final name
 * before the data is in it), and returns that file's text. Fails after `timeout` ms with what the
 * folder holds, or at once when two finished files match.
 */
export async function waitForDownload(
  dir: string,
  match: DownloadMatch,
  { timeout = 15_000 }: { timeout?: number } = {},
): Promise<string> {
  const matches = matcher(match);
  const deadline = Date.now() + timeout;
  for (;;) {
    const names = readdirSync(dir);
    const found = names.filter((name) => !name.endsWith(PARTIAL) && matches(name));
    if (found.length > 1) {
      throw new Error(`More than one download in ${dir} matches ${describe(match)}: ${found.join(', ')}`);
    }
    if (found.length === 1 && !names.some((name) => name.endsWith(PARTIAL))) {
      return readFileSync(path.join(dir, found[0]!), 'utf8');
    }
    if (Date.now() >= deadline) {
      const holds = names.length > 0 ? names.join(', ') : 'nothing';
      throw new Error(`No finished download matching ${describe(match)} in ${dir} after ${timeout} ms; it holds: ${holds}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

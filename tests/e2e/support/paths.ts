import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

/** The built Chrome extension under test (`npm run build` writes it). */
export const EXTENSION_DIR = path.resolve(
  REPO_ROOT,
  process.env.GPT_ANCHORS_EXTENSION_DIR ?? path.join(process.env.WXT_OUT_DIR ?? '.output', 'chrome-mv3'),
);

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's Chromium; tests never download a browser. */
export function findChromium(): string | undefined {
  return CANDIDATES.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)));
}

/**
 * Chromium flags for this closed machine: no background traffic, no sandbox (root), no GPU, no
 * way to the real ChatGPT hosts, and shared memory in /tmp rather than /dev/shm (a container's
 * /dev/shm is often 64 MB, too small for a long chat, and the renderer then crashes).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // A tab the extension opens straight at ChatGPT (Resume in a new tab) asks for its first page
  // before Playwright's routes reach the tab. That request must fail here, never reach the real
  // site on a connected machine; Chromium then reloads the page by itself, through the routes.
  '--host-resolver-rules=MAP chatgpt.com ~NOTFOUND, MAP chat.openai.com ~NOTFOUND',
];

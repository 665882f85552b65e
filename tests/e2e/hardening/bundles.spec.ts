import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { REPO_ROOT } from '../support/paths';

/**
 * What every ChatGPT page loads stays small (issue 7: the content script within 20 KB gzipped;
 * `npm run bench` measures the size). Two libraries would each break that budget alone, so this
 * pins their absence from the content script of both builds: zod (the page checks what it reads
 * with lib/anchor-check.ts; the background validates with zod) and webextension-polyfill (see
 * wxt.config.ts). Each marker is checked in the background script too, where both libraries
 * are, so a marker that stopped matching the library would fail here instead of passing quietly.
 */

const OUT_DIR = path.resolve(REPO_ROOT, process.env.WXT_OUT_DIR ?? '.output');

/** Names that survive minification: zod's per-schema property, the polyfill's API table. */
const MARKERS = {
  zod: '_zod',
  'webextension-polyfill': 'getBadgeBackgroundColor',
};

const read = (target: string, file: string) => readFileSync(path.join(OUT_DIR, target, file), 'utf8');

for (const target of ['chrome-mv3', 'firefox-mv2']) {
  test(`the ${target} content script carries neither zod nor webextension-polyfill`, () => {
    const content = read(target, 'content-scripts/chatgpt.js');
    const background = read(target, 'background.js');
    for (const [library, marker] of Object.entries(MARKERS)) {
      expect(background, `${library} marker in background.js`).toContain(marker);
      expect(content, `${library} in the content script`).not.toContain(marker);
    }
  });
}

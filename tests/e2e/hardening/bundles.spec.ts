import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { REPO_ROOT } from '../support/paths';

/**
 * What every ChatGPT page loads stays small: the content script within 20 KB gzipped (level 9,
 * as `npm run bench` measures it). What would break that budget is pinned out of the content
 * script of both builds: zod (the background validates with zod), webextension-polyfill (see
 * wxt.config.ts), and the parser with what only it needs (lib/log/parse.ts, lib/model/anchor-check.ts,
 * lib/model/names.ts: the page sends the reply's text and the background parses it). Each marker is
 * checked in the background script too, where all of them are, so a marker that stopped
 * matching its module would fail here instead of passing quietly.
 */

const OUT_DIR = path.resolve(REPO_ROOT, process.env.WXT_OUT_DIR ?? '.output');

/** The content script's budget, in bytes of `gzip -9`. */
const BUDGET = 20 * 1024;

/** Names and text that survive minification, one per module kept out of the page. */
const MARKERS = {
  zod: '_zod',
  'webextension-polyfill': 'getBadgeBackgroundColor',
  'lib/log/parse.ts': 'No anchor name found',
  'lib/model/anchor-check.ts': 'A dependency must fit on one line',
  'lib/model/names.ts': String.raw`[\p{L}\p{M}\p{N}]+`,
};

const read = (target: string, file: string) => readFileSync(path.join(OUT_DIR, target, file));

for (const target of ['chrome-mv3', 'firefox-mv2']) {
  test(`the ${target} content script carries neither zod, webextension-polyfill nor the parser`, () => {
    const content = read(target, 'content-scripts/chatgpt.js').toString('utf8');
    const background = read(target, 'background.js').toString('utf8');
    for (const [library, marker] of Object.entries(MARKERS)) {
      expect(background, `${library} marker in background.js`).toContain(marker);
      expect(content, `${library} in the content script`).not.toContain(marker);
    }
  });

  test(`the ${target} content script is within ${BUDGET} bytes gzipped`, () => {
    const gzipped = gzipSync(read(target, 'content-scripts/chatgpt.js'), { level: 9 }).length;
    expect(gzipped, `the content script is ${gzipped} bytes gzipped`).toBeLessThanOrEqual(BUDGET);
  });
}

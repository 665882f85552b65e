import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import {
  OPTIONS_ELEMENT_ID,
  type ChatGPTFixtureApi,
  type FixtureOptions,
  type FixtureWindow,
} from '../../fixtures/chatgpt/options';

/**
 * Serves the fixture page that imitates chatgpt.com (tests/fixtures/chatgpt/) at the real URLs,
 * so the extension's manifest matches are what gets tested. The page is one HTML document with
 * the options as JSON and the app bundled inline: nothing else is fetched.
 */

export type { ChatGPTFixtureApi, FixtureOptions } from '../../fixtures/chatgpt/options';

export const CHATGPT_URL = 'https://chatgpt.com/';
const HOST_PATTERNS = ['https://chatgpt.com/**', 'https://chat.openai.com/**'];
const ENTRY = fileURLToPath(new URL('../../fixtures/chatgpt/app.ts', import.meta.url));

let bundle: string | undefined;

/** The app as one IIFE, built once per process (about 100 ms). */
function fixtureScript(): string {
  if (bundle === undefined) {
    const result = buildSync({
      entryPoints: [ENTRY],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      write: false,
      legalComments: 'none',
      charset: 'ascii', // non-ASCII in the source becomes \u escapes: safe whatever the page decodes as
    });
    const text = result.outputFiles[0]?.text;
    if (text === undefined) throw new Error('esbuild produced no output for the ChatGPT fixture');
    bundle = text;
  }
  return bundle;
}

/** Inside an inline <script>, `</script` and `<!--` would end or confuse the element. */
function inlineSafe(code: string): string {
  return code.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
}

/** `<html>`'s theme as the server sends it: A a class, C `data-theme`, B none (it follows the system). */
function themeAttributes(options: FixtureOptions): string {
  const theme = options.theme ?? 'light';
  const generation = options.generation ?? 'A';
  if (generation === 'B') return '';
  return `${generation === 'A' ? `class="${theme}"` : `data-theme="${theme}"`} style="color-scheme: ${theme};"`;
}

/** Where a conversation of this generation lives: `/c/<id>`, logged out (B) `/uc/<id>`. */
export function conversationUrl(id: string, options: Pick<FixtureOptions, 'generation'> = {}, host = CHATGPT_URL): string {
  return `${host}${options.generation === 'B' ? 'uc' : 'c'}/${id}`;
}

/** The whole page, for serving at another URL too (the "extension stays off elsewhere" test). */
export function fixtureHtml(options: FixtureOptions = {}): string {
  const json = JSON.stringify(options).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en-US" ${themeAttributes(options)}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ChatGPT</title>
<link rel="icon" href="data:,">
</head>
<body>
<script type="application/json" id="${OPTIONS_ELEMENT_ID}">${json}</script>
<script>${inlineSafe(fixtureScript())}</script>
</body>
</html>`;
}

/** Routes chatgpt.com and chat.openai.com to the fixture; any other request there is an empty 404. */
export async function serveChatGPT(context: BrowserContext, options: FixtureOptions = {}): Promise<void> {
  const html = fixtureHtml(options);
  for (const pattern of HOST_PATTERNS) {
    await context.route(pattern, (route) =>
      route.request().resourceType() === 'document'
        ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
        : route.fulfill({ status: 404, contentType: 'text/plain', body: '' }),
    );
  }
}

type FixtureMethod = {
  [K in keyof ChatGPTFixtureApi]: ChatGPTFixtureApi[K] extends (...args: never[]) => unknown ? K : never;
}[keyof ChatGPTFixtureApi];
type FixtureProperty = Exclude<keyof ChatGPTFixtureApi, FixtureMethod>;
type MethodOf<K extends FixtureMethod> = Extract<ChatGPTFixtureApi[K], (...args: never[]) => unknown>;

/** Calls a `window.__chatgpt` method in the page, typed: `await callFixture(page, 'editorText')`. */
export async function callFixture<K extends FixtureMethod>(
  page: Page,
  name: K,
  ...args: Parameters<MethodOf<K>>
): Promise<Awaited<ReturnType<MethodOf<K>>>> {
  const result = await page.evaluate(
    ([method, methodArgs]) => {
      const api = (window as unknown as FixtureWindow).__chatgpt;
      const fn = api[method] as (...a: unknown[]) => unknown;
      return fn.apply(api, methodArgs);
    },
    [name, args as unknown[]] as const,
  );
  return result as Awaited<ReturnType<MethodOf<K>>>;
}

/** Reads a `window.__chatgpt` property in the page: `await readFixture(page, 'sent')`. */
export async function readFixture<K extends FixtureProperty>(page: Page, name: K): Promise<ChatGPTFixtureApi[K]> {
  const value = await page.evaluate((property) => (window as unknown as FixtureWindow).__chatgpt[property], name);
  return value as ChatGPTFixtureApi[K];
}

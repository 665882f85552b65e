import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { CHATGPT_MATCHES } from './lib/chatgpt/hosts';
import { RANKS_FILE } from './lib/meter/tokenizer';
import { COMMAND_NAMES, SUGGESTED_KEYS } from './lib/model/shortcuts';


/**
 * The content script is the one bundle loaded into every ChatGPT page, with a 20 KB budget. It
 * makes two runtime calls, both promise-based natively in Chrome's MV3 and in Firefox
 * (`runtime.sendMessage`, and `runtime.onMessage` answered through `sendResponse`), so it uses
 * WXT's own `wxt/browser` (the browser's native object) instead of webextension-polyfill (2.7 KB
 * gzipped). Every other entrypoint keeps the polyfill the @wxt-dev/webextension-polyfill module
 * aliases `wxt/browser` to.
 */
function withoutPolyfillAlias(alias: unknown): unknown {
  if (Array.isArray(alias)) return alias.filter((entry: { find?: unknown }) => entry.find !== 'wxt/browser');
  if (alias && typeof alias === 'object') {
    const { ['wxt/browser']: _polyfill, ...rest } = alias as Record<string, string>;
    return rest;
  }
  return alias;
}

/** The toolbar and extension-page icons: `npm run icons` renders them from assets/icon.svg. */
const ICONS = Object.fromEntries([16, 32, 48, 128].map((size) => [size, `icon/${size}.png`]));

export default defineConfig({
  // Explicit imports everywhere: every dependency of a module is visible at its top.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  zip: {
    // `npm run zip`: gpt-anchors-<version>-chrome.zip and -firefox.zip for the stores, and for AMO's
    // review gpt-anchors-<version>-sources.zip, which holds exactly what rebuilds the add-on (an
    // allow-list: no node_modules, build output, tests, test results or local files).
    excludeSources: ['**/*'],
    includeSources: [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'wxt.config.ts',
      'entrypoints/**',
      'lib/**',
      'components/**',
      'public/**',
      'assets/**',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
    ],
  },
  vite: () => ({
    plugins: [preact()],
  }),
  hooks: {
    // The chat meter's token table (lib/meter/tokenizer.ts): written from the installed
    // gpt-tokenizer into the package as JSON, which the background reads only when it first counts.
    'prepare:publicPaths'(_wxt, paths) {
      paths.push(RANKS_FILE);
    },
    async 'build:publicAssets'(_wxt, files) {
      const { default: ranks } = await import('gpt-tokenizer/bpeRanks/o200k_base');
      files.push({ relativeDest: RANKS_FILE, contents: JSON.stringify(ranks) });
    },
    'vite:build:extendConfig'(entrypoints, config) {
      // The rescue and the page check (entrypoints/rescue.ts, page-check.ts) run in the content
      // script's world: the same.
      const inPage = (entrypoint: (typeof entrypoints)[number]) =>
        entrypoint.type === 'content-script' || entrypoint.name === 'rescue' || entrypoint.name === 'page-check';
      if (!entrypoints.every(inPage)) return;
      config.resolve = { ...config.resolve, alias: withoutPolyfillAlias(config.resolve?.alias) as never };
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: 'GPT Anchors',
    description:
      'Save a ChatGPT handoff anchor in one click, resume it in a new chat, and keep the whole log in your browser.',
    icons: ICONS,
    // The toolbar button; WXT adds the popup to it (browser_action is its MV2 name).
    [manifestVersion === 2 ? 'browser_action' : 'action']: { default_icon: ICONS, default_title: 'GPT Anchors' },
    // Fewest permissions: downloads for the log export, contextMenus for "Save selection as anchor".
    // Nothing else: data stays in the extension's own IndexedDB; no storage, tabs or scripting.
    permissions: ['downloads', 'contextMenus'],
    // Host access to the two ChatGPT hosts only (the content script's matches).
    host_permissions: CHATGPT_MATCHES,
    // The picker (entrypoints/picker/) is an extension page shown in an iframe over ChatGPT's page,
    // so it must be loadable there, and only there. Chrome: only through the per-session URL the
    // content script gets (use_dynamic_url), so no site can probe for the extension at its fixed
    // URL. Firefox MV2 takes a plain list (WXT converts it); its moz-extension:// URL is random
    // per installation already. Either way a frame the page loads itself is refused by the
    // background (lib/background/picker-sessions.ts).
    // The rescue of a full chat and the page check (entrypoints/rescue.ts, page-check.ts) are
    // scripts the content script imports when asked, so they too must be loadable on ChatGPT's
    // pages, and only there.
    web_accessible_resources: [
      {
        resources: ['picker.html', 'rescue.js', 'page-check.js'],
        matches: CHATGPT_MATCHES,
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    // Keys the browsers bind (lib/model/shortcuts.ts says why not Alt+Shift+R).
    commands: {
      [COMMAND_NAMES.save]: {
        suggested_key: { default: SUGGESTED_KEYS.save },
        description: 'Save anchor from the current ChatGPT chat',
      },
      [COMMAND_NAMES.resume]: {
        suggested_key: { default: SUGGESTED_KEYS.resume },
        description: 'Resume an anchor in ChatGPT',
      },
    },
    // Firefox needs a fixed add-on id (so IndexedDB outlives reinstalls) and a statement of the
    // data the add-on collects: none, everything stays in the browser. Chrome has no such keys.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'gpt-anchors@gpt-anchors.local',
              // 140 is the ESR that knows data_collection_permissions; Android has it from 142.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});

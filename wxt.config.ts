import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { CHATGPT_MATCHES } from './lib/chatgpt/hosts';


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
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
    ],
  },
  vite: () => ({
    plugins: [preact()],
  }),
  hooks: {
    'vite:build:extendConfig'(entrypoints, config) {
      if (!entrypoints.every((entrypoint) => entrypoint.type === 'content-script')) return;
      config.resolve = { ...config.resolve, alias: withoutPolyfillAlias(config.resolve?.alias) as never };
    },
  },
  manifest: ({ browser }) => ({
    name: 'GPT Anchors',
    description:
      'Save a ChatGPT handoff anchor in one click, resume it in a new chat, and keep the whole log in your browser.',
    // Fewest permissions: downloads for the log export, contextMenus for "Save selection as anchor".
    // Nothing else: data stays in the extension's own IndexedDB; no storage, tabs or scripting.
    permissions: ['downloads', 'contextMenus'],
    // Host access to the two ChatGPT hosts only (the content script's matches).
    host_permissions: CHATGPT_MATCHES,
    commands: {
      'save-anchor': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save anchor from the current ChatGPT chat',
      },
      'resume-anchor': {
        suggested_key: { default: 'Alt+Shift+R' },
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

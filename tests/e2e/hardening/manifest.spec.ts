import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { REPO_ROOT } from '../support/paths';

/**
 * Pins what the built extension asks the browser for (PRODUCT.md: "host access to the two ChatGPT
 * hosts only"). Reads the manifests `npm run build` wrote (npm test builds before e2e); honours
 * WXT_OUT_DIR like the harness. Why each permission is needed:
 * - `downloads`: the background writes the markdown log and the JSON backup (Export).
 * - `contextMenus`: "Save selection as anchor" on ChatGPT pages.
 * - host access to https://chatgpt.com/* and https://chat.openai.com/*: the content script that
 *   adds the buttons, and messaging the ChatGPT tab for the keyboard commands and menu item.
 * Nothing else: no `storage` (IndexedDB needs none), no `tabs` (tabs.create needs none),
 * no `scripting`, no optional permissions. One web-accessible page, the picker (picker.html),
 * which the content script shows in a frame over ChatGPT's page: only to the two ChatGPT hosts,
 * and in Chrome only through the per-session URL (`use_dynamic_url`), so no site can probe for
 * the extension at its fixed address. Firefox MV2 lists the page alone (its moz-extension://
 * address is random per installation).
 */

const OUT_DIR = path.resolve(REPO_ROOT, process.env.WXT_OUT_DIR ?? '.output');
const HOSTS = ['https://chat.openai.com/*', 'https://chatgpt.com/*'];
const API_PERMISSIONS = ['contextMenus', 'downloads'];

type Manifest = {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  web_accessible_resources?: unknown;
  content_scripts?: { matches: string[] }[];
  content_security_policy?: unknown;
  externally_connectable?: unknown;
  browser_specific_settings?: { gecko?: { id?: string } };
};

const read = (target: string): Manifest =>
  JSON.parse(readFileSync(path.join(OUT_DIR, target, 'manifest.json'), 'utf8')) as Manifest;
const sorted = (list: string[] | undefined) => [...(list ?? [])].sort();

function expectNothingExtra(manifest: Manifest) {
  expect(manifest.optional_permissions).toBeUndefined();
  expect(manifest.optional_host_permissions).toBeUndefined();
  expect(manifest.externally_connectable).toBeUndefined();
  // A custom CSP could loosen the default one (e.g. allow remote scripts or eval).
  expect(manifest.content_security_policy).toBeUndefined();
  expect(manifest.content_scripts?.map((c) => sorted(c.matches))).toEqual([HOSTS]);
}

test('the Chrome MV3 build asks for downloads, contextMenus and the two ChatGPT hosts, nothing more', () => {
  const manifest = read('chrome-mv3');
  expect(manifest.manifest_version).toBe(3);
  expect(sorted(manifest.permissions)).toEqual(API_PERMISSIONS);
  expect(sorted(manifest.host_permissions)).toEqual(HOSTS);
  expectNothingExtra(manifest);
  expect(manifest.web_accessible_resources).toEqual([
    { resources: ['picker.html'], matches: expect.arrayContaining(HOSTS), use_dynamic_url: true },
  ]);
  expect((manifest.web_accessible_resources as { matches: string[] }[])[0]!.matches).toHaveLength(2);
});

test('the Firefox MV2 build asks for the same (hosts inside permissions) and has a fixed add-on id', () => {
  const manifest = read('firefox-mv2');
  expect(manifest.manifest_version).toBe(2);
  expect(sorted(manifest.permissions)).toEqual([...API_PERMISSIONS, ...HOSTS].sort());
  expect(manifest.host_permissions).toBeUndefined();
  expectNothingExtra(manifest);
  expect(manifest.web_accessible_resources).toEqual(['picker.html']);
  expect(manifest.browser_specific_settings?.gecko?.id).toBe('gpt-anchors@gpt-anchors.local');
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { REPO_ROOT } from '../support/paths';
import { contrast, luminance, readPng } from '../support/png';

/**
 * Pins what the built extension asks the browser for (the README's Privacy section: host access
 * to the two ChatGPT hosts only). Reads the manifests `npm run build` wrote (npm test builds before e2e); honours
 * WXT_OUT_DIR like the harness. Why each permission is needed:
 * - `downloads`: the background writes the markdown log and the JSON backup (Export).
 * - `contextMenus`: "Save selection as anchor" on ChatGPT pages.
 * - host access to https://chatgpt.com/* and https://chat.openai.com/*: the content script that
 *   adds the buttons, and messaging the ChatGPT tab for the keyboard commands and menu item.
 * Nothing else: no `storage` (IndexedDB needs none), no `tabs` (tabs.create needs none), none
 * for the log file (the File System Access API asks the person for the one folder in its picker),
 * no `scripting`, no optional permissions. One web-accessible page, the picker (picker.html),
 * which the content script shows in a frame over ChatGPT's page: only to the two ChatGPT hosts,
 * and in Chrome only through the per-session URL (`use_dynamic_url`), so no site can probe for
 * the extension at its fixed address. Firefox MV2 lists the page alone (its moz-extension://
 * address is random per installation).
 */

const OUT_DIR = path.resolve(REPO_ROOT, process.env.WXT_OUT_DIR ?? '.output');
const HOSTS = ['https://chat.openai.com/*', 'https://chatgpt.com/*'];
const API_PERMISSIONS = ['contextMenus', 'downloads'];

type Icons = Record<string, string>;
type Manifest = {
  manifest_version: number;
  icons?: Icons;
  action?: { default_icon?: Icons };
  browser_action?: { default_icon?: Icons };
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
    // The picker page, and two scripts the content script imports when asked: the rescue of a full
    // chat (a click) and the page check (the options page).
    { resources: ['picker.html', 'rescue.js', 'page-check.js'], matches: expect.arrayContaining(HOSTS), use_dynamic_url: true },
  ]);
  expect((manifest.web_accessible_resources as { matches: string[] }[])[0]!.matches).toHaveLength(2);
});

test('the Firefox MV2 build asks for the same (hosts inside permissions) and has a fixed add-on id', () => {
  const manifest = read('firefox-mv2');
  expect(manifest.manifest_version).toBe(2);
  expect(sorted(manifest.permissions)).toEqual([...API_PERMISSIONS, ...HOSTS].sort());
  expect(manifest.host_permissions).toBeUndefined();
  expectNothingExtra(manifest);
  expect(manifest.web_accessible_resources).toEqual(['picker.html', 'rescue.js', 'page-check.js']);
  expect(manifest.browser_specific_settings?.gecko?.id).toBe('gpt-anchors@gpt-anchors.local');
});

const ICON_SIZES = ['16', '32', '48', '128'];

/**
 * The icon the toolbar shows (the only way into the library) and the one on the extensions page:
 * every size a browser asks for, each file in the build, a PNG of exactly that many pixels.
 */
function expectIcons(target: string, icons: Icons | undefined, where: string) {
  expect(Object.keys(icons ?? {}).sort((a, b) => Number(a) - Number(b)), `${where} sizes`).toEqual(ICON_SIZES);
  for (const [size, file] of Object.entries(icons ?? {})) {
    const full = path.join(OUT_DIR, target, file);
    expect(existsSync(full), `${where} ${size}: ${file} is in the build`).toBe(true);
    const png = readPng(readFileSync(full));
    expect([png.width, png.height], `${where} ${size}: ${file} in pixels`).toEqual([Number(size), Number(size)]);
  }
}

test('both builds name a PNG icon of each size, for the extension and for its toolbar button', () => {
  const chrome = read('chrome-mv3');
  expectIcons('chrome-mv3', chrome.icons, 'chrome-mv3 icons');
  expectIcons('chrome-mv3', chrome.action?.default_icon, 'chrome-mv3 action.default_icon');
  const firefox = read('firefox-mv2');
  expectIcons('firefox-mv2', firefox.icons, 'firefox-mv2 icons');
  expectIcons('firefox-mv2', firefox.browser_action?.default_icon, 'firefox-mv2 browser_action.default_icon');
});

/**
 * Legible on a light and a dark toolbar alike: each icon brings its own opaque tile (most of its
 * pixels), so the toolbar's colour never sits behind the glyph, and the glyph stands out from the
 * tile by at least 4.5:1 (the darkest and the lightest tenth of the opaque pixels).
 */
test('every icon is an opaque tile with a glyph of 4.5:1 contrast on it', () => {
  const icons = read('chrome-mv3').icons ?? {};
  for (const size of ICON_SIZES) {
    const file = icons[size];
    expect(file, `an icon of ${size} pixels`).toBeDefined();
    const { rgba } = readPng(readFileSync(path.join(OUT_DIR, 'chrome-mv3', file!)));
    const opaque: number[] = [];
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3]! >= 250) opaque.push(luminance(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!));
    }
    expect(opaque.length / (rgba.length / 4), `icon ${size}: share of opaque pixels`).toBeGreaterThan(0.8);
    opaque.sort((a, b) => a - b);
    const dark = opaque[Math.floor(opaque.length * 0.1)]!;
    const light = opaque[Math.floor(opaque.length * 0.9)]!;
    expect(contrast(dark, light), `icon ${size}: glyph against tile`).toBeGreaterThanOrEqual(4.5);
  }
});

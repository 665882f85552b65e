import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { REPO_ROOT } from '../support/paths';

/**
 * What `npm run zip` hands to the stores: the Chrome Web Store package, the AMO package and the
 * sources archive AMO asks for. The packages are made afresh into a temporary folder (with
 * WXT_OUT_DIR, as a developer's `npm run zip` would into .output), opened, and checked: each holds
 * exactly its build, with a manifest that loads (every file it names is inside). The sources
 * archive is unpacked and built the way AMO's reviewer would (`wxt build -b firefox`, with this
 * checkout's node_modules standing in for `npm ci`), and must give the AMO package byte for byte.
 */

const run = promisify(execFile);
const WXT = path.join(REPO_ROOT, 'node_modules', 'wxt', 'bin', 'wxt.mjs');
const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

type Manifest = {
  manifest_version: number;
  name: string;
  version: string;
  icons?: Record<string, string>;
  background?: { service_worker?: string; scripts?: string[] };
  action?: { default_popup?: string; default_icon?: Record<string, string> };
  browser_action?: { default_popup?: string; default_icon?: Record<string, string> };
  options_ui?: { page: string };
  content_scripts?: { js?: string[]; css?: string[] }[];
  browser_specific_settings?: {
    gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required?: string[] } };
  };
};

let outDir: string;
const zipPath = (kind: 'chrome' | 'firefox' | 'sources') => path.join(outDir, `${pkg.name}-${pkg.version}-${kind}.zip`);

async function openZip(file: string): Promise<JSZip> {
  return JSZip.loadAsync(readFileSync(file));
}

const filesOf = (zip: JSZip) =>
  Object.values(zip.files)
    .filter((entry) => !entry.dir)
    .map((entry) => entry.name)
    .sort();

async function manifestOf(zip: JSZip): Promise<Manifest> {
  const text = await zip.file('manifest.json')?.async('string');
  if (text === undefined) throw new Error('The package has no manifest.json at its root.');
  return JSON.parse(text) as Manifest;
}

/** Every file of a folder, relative, with `/` separators. */
function listDir(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? listDir(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
    )
    .sort();
}

/** The files a manifest names: all must be in the package, or the browser refuses or breaks it. */
function referencedFiles(manifest: Manifest): string[] {
  const action = manifest.action ?? manifest.browser_action;
  return [
    ...Object.values(manifest.icons ?? {}),
    ...Object.values(action?.default_icon ?? {}),
    ...(manifest.background?.service_worker ? [manifest.background.service_worker] : []),
    ...(manifest.background?.scripts ?? []),
    ...(action?.default_popup ? [action.default_popup] : []),
    ...(manifest.options_ui ? [manifest.options_ui.page] : []),
    ...(manifest.content_scripts ?? []).flatMap((script) => [...(script.js ?? []), ...(script.css ?? [])]),
  ];
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  outDir = mkdtempSync(path.join(os.tmpdir(), 'gpt-anchors-zip-'));
  await run('npm', ['run', 'zip'], { cwd: REPO_ROOT, env: { ...process.env, WXT_OUT_DIR: outDir }, timeout: 170_000 });
});

test.afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

test('npm run zip makes the Chrome Web Store package: the MV3 build, whole, with a manifest that loads', async () => {
  const zip = await openZip(zipPath('chrome'));
  const manifest = await manifestOf(zip);
  expect(manifest).toEqual(JSON.parse(readFileSync(path.join(outDir, 'chrome-mv3', 'manifest.json'), 'utf8')));
  expect(manifest).toMatchObject({ manifest_version: 3, name: 'GPT Anchors', version: pkg.version });
  expect(manifest.background?.service_worker).toBe('background.js');
  expect(manifest.icons?.['128'], 'the Chrome Web Store needs a 128 px icon').toBeTruthy();
  expect(manifest.browser_specific_settings).toBeUndefined();
  const files = filesOf(zip);
  expect(files).toEqual(listDir(path.join(outDir, 'chrome-mv3')));
  for (const file of referencedFiles(manifest)) expect(files, `${file}, named in the manifest`).toContain(file);
  expect(files.filter((file) => /\.(map|ts|tsx)$/.test(file))).toEqual([]);
});

test('npm run zip makes the AMO package: the Firefox MV2 build, whole, with its add-on id and data statement', async () => {
  const zip = await openZip(zipPath('firefox'));
  const manifest = await manifestOf(zip);
  expect(manifest).toEqual(JSON.parse(readFileSync(path.join(outDir, 'firefox-mv2', 'manifest.json'), 'utf8')));
  expect(manifest).toMatchObject({ manifest_version: 2, name: 'GPT Anchors', version: pkg.version });
  expect(manifest.browser_specific_settings?.gecko).toEqual({
    id: 'gpt-anchors@gpt-anchors.local',
    strict_min_version: '140.0',
    data_collection_permissions: { required: ['none'] },
  });
  expect(manifest.background?.scripts).toEqual(['background.js']);
  expect(manifest.icons?.['128']).toBeTruthy();
  const files = filesOf(zip);
  expect(files).toEqual(listDir(path.join(outDir, 'firefox-mv2')));
  for (const file of referencedFiles(manifest)) expect(files, `${file}, named in the manifest`).toContain(file);
});

test('the sources archive holds what rebuilds the add-on, nothing else, and builds the AMO package byte for byte', async () => {
  test.setTimeout(120_000);
  const sources = await openZip(zipPath('sources'));
  const files = filesOf(sources);
  for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'README.md', 'LICENSE']) {
    expect(files, needed).toContain(needed);
  }
  for (const folder of ['entrypoints/', 'lib/', 'components/']) {
    expect(files.some((file) => file.startsWith(folder)), `${folder} in the sources`).toBe(true);
  }
  const allowed = /^(entrypoints|lib|components|public|assets)\/|^(package\.json|package-lock\.json|tsconfig\.json|wxt\.config\.ts|README\.md|LICENSE|CHANGELOG\.md)$/;
  expect(files.filter((file) => !allowed.test(file)), 'files outside the allow-list').toEqual([]);

  const tree = mkdtempSync(path.join(os.tmpdir(), 'gpt-anchors-sources-'));
  try {
    for (const name of files) {
      const target = path.join(tree, name);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, await sources.file(name)!.async('nodebuffer'));
    }
    // Stands in for `npm ci` (the lock file in the archive pins the same packages).
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
    const env = { ...process.env };
    delete env.WXT_OUT_DIR;
    await run(process.execPath, [WXT, 'build', '-b', 'firefox'], { cwd: tree, env, timeout: 110_000 });

    const built = path.join(tree, '.output', 'firefox-mv2');
    const amo = await openZip(zipPath('firefox'));
    expect(listDir(built)).toEqual(filesOf(amo));
    for (const name of filesOf(amo)) {
      const same = Buffer.compare(readFileSync(path.join(built, name)), await amo.file(name)!.async('nodebuffer')) === 0;
      expect(same, `${name} rebuilt from the sources equals the AMO package's`).toBe(true);
    }
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
});

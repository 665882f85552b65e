import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../tests/e2e/support/paths';
import { bundleComposition } from './bundle-composition';

/** Gzipped bytes of a built file (level 9, what a store's CDN would roughly serve; Chrome reads it raw). */
export function gzipBytes(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** Every script the manifest injects into ChatGPT (WXT writes one file per content script). */
export function contentScriptFiles(extensionDir: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[] }[];
  };
  return (manifest.content_scripts ?? []).flatMap((entry) => entry.js ?? []).map((file) => path.join(extensionDir, file));
}

export type Contributor = { source: string; rawBytes: number; gzipBytes: number };

/**
 * What the content script is made of: the same build with source maps (bench/wxt.sourcemap.config.ts,
 * into its own folder), each package's code gzipped on its own. Gzip of a part is a little more
 * than what it adds to the whole, so the parts add up to more than the total.
 */
export function contentScriptComposition(): Contributor[] {
  const outDir = '.output-bench-map';
  execFileSync('npx', ['wxt', 'build', '-c', 'bench/wxt.sourcemap.config.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, WXT_OUT_DIR: outDir },
    stdio: 'ignore',
  });
  const dir = path.join(REPO_ROOT, outDir, 'chrome-mv3', 'content-scripts');
  const file = path.join(dir, readdirSync(dir).find((name) => name.endsWith('.js'))!);
  const code = readFileSync(file, 'utf8');
  const byPackage = new Map<string, string>();
  for (const { source, start, end } of bundleComposition(file)) {
    const key = packageOf(source);
    byPackage.set(key, (byPackage.get(key) ?? '') + code.slice(start, end));
  }
  return [...byPackage]
    .map(([source, text]) => ({ source, rawBytes: text.length, gzipBytes: gzipSync(text, { level: 9 }).length }))
    .sort((a, b) => b.rawBytes - a.rawBytes);
}

/** `node_modules/zod/v4/core/schemas.js` → `zod`; our own files → their top folder (`lib/chatgpt`). */
function packageOf(source: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
  if (pkg) return pkg[1]!;
  const parts = source.replace(/^(\.\.\/)+/, '').split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : parts.join('/');
}

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

/** The built Firefox extension under test (`npm run build` writes it). */
export const FIREFOX_EXTENSION_DIR = path.resolve(
  REPO_ROOT,
  process.env.GPT_ANCHORS_FIREFOX_EXTENSION_DIR ?? path.join(process.env.WXT_OUT_DIR ?? '.output', 'firefox-mv2'),
);

/** The add-on id in wxt.config.ts (`browser_specific_settings.gecko.id`). */
export const GECKO_ID = 'gpt-anchors@gpt-anchors.local';

/** The oldest Firefox the build accepts (`strict_min_version` in wxt.config.ts). */
export const MIN_FIREFOX_MAJOR = 140;

const CANDIDATES = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** Debian's Firefox ESR; tests never download a browser. */
export function findFirefox(): string | undefined {
  return CANDIDATES.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)));
}

/** The major version `firefox --version` reports ("Mozilla Firefox 153.8.0esr" → 153). */
export function firefoxMajorVersion(executable: string): number {
  const output = execFileSync(executable, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  const match = /Firefox (\d+)\./.exec(output);
  if (!match) throw new Error(`Could not read a Firefox version from \`${executable} --version\`: ${output.trim()}`);
  return Number(match[1]);
}

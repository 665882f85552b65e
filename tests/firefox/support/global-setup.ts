import { existsSync } from 'node:fs';
import path from 'node:path';
import { FIREFOX_EXTENSION_DIR, MIN_FIREFOX_MAJOR, findFirefox, firefoxMajorVersion } from './paths';

/** Fails the run with a clear message, not a skip, when Firefox or the build is missing. */
export default function globalSetup(): void {
  const firefox = findFirefox();
  if (!firefox) {
    throw new Error(
      "No Firefox found for the Firefox end-to-end tests. Install Debian's package (`sudo apt-get install -y firefox-esr`) " +
        'or set FIREFOX_PATH to a Firefox binary. Tests never download a browser.',
    );
  }
  const major = firefoxMajorVersion(firefox);
  if (major < MIN_FIREFOX_MAJOR) {
    throw new Error(`${firefox} is Firefox ${major}; the add-on needs ${MIN_FIREFOX_MAJOR} or newer (strict_min_version).`);
  }
  if (!existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${FIREFOX_EXTENSION_DIR}. Run \`npm run build\` first (npm test does).`);
  }
}

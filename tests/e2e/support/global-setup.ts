import { findChromium } from './paths';

/** Fails the run with a clear message, not a skip, when no Chromium is installed. */
export default function globalSetup(): void {
  if (!findChromium()) {
    throw new Error(
      "No Chromium found for the end-to-end tests. Install Debian's package (`sudo apt-get install -y chromium`) " +
        'or set CHROMIUM_PATH to a Chromium binary. Tests never download a browser.',
    );
  }
}

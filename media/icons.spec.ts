import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, REPO_ROOT, findChromium } from '../tests/e2e/support/paths';

/** The sizes WXT puts in the manifest from public/icon/<size>.png (128 for the stores, 16–48 for toolbars and menus). */
const SIZES = [16, 32, 48, 96, 128];

test('icons: media/icon.svg rendered into public/icon/<size>.png', async () => {
  const svg = readFileSync(path.join(import.meta.dirname, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
      await page.setContent(`<body style="margin:0;background:transparent">${sized}</body>`);
      const file = path.join(REPO_ROOT, 'public', 'icon', `${size}.png`);
      const png = await page.locator('svg').screenshot({ path: file, omitBackground: true });
      expect(png.readUInt32BE(16), `${file} width`).toBe(size);
      await page.close();
    }
  } finally {
    await browser.close();
  }
});

// Draws the app's PNG icons (web/public/icons) from the same leaf the header shows, with the
// Chromium the browser tests use: `node --import tsx tools/icons.ts`. The PNGs are committed, so a
// build needs no browser; run this again only when the mark changes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/public/icons');
const green = '#176b52';
const leaf = 'M16 24c-5-3-7-7-6-12 4 0 7 2 6 12zm0 0c5-3 7-7 6-12-4 0-7 2-6 12z';

/** "any": the round mark on a rounded square; "maskable": full bleed, the leaf inside the 80 % safe zone. */
const svg = (maskable: boolean): string =>
  maskable
    ? `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${green}"/><g transform="translate(16 16) scale(1.4) translate(-16 -18)"><path d="${leaf}" fill="#fff"/></g></svg>`
    : `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="${green}"/><g transform="translate(16 16) scale(1.5) translate(-16 -18)"><path d="${leaf}" fill="#fff"/></g></svg>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  fs.mkdirSync(out, { recursive: true });
  for (const [file, size, maskable] of [
    ['icon-192.png', 192, false],
    ['icon-512.png', 512, false],
    ['maskable-512.png', 512, true],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg(maskable).replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    await page.screenshot({ path: path.join(out, file), omitBackground: true });
    await page.close();
    process.stdout.write(`${file}\n`);
  }
} finally {
  await browser.close();
}

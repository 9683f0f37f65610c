// Draws the app icons (static/icons/*.png) from one SVG with Debian's Chromium via playwright-core:
// `node scripts/make-icons.js`. The "any" icons have rounded corners on a transparent background;
// the maskable icon is full-bleed with the glyph inside the 80 % safe zone. Re-run after changing the art.
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const GREEN = '#1f5f3f';
const CREAM = '#f6f4ee';

// A table under a roof: the app's mark, as in static/favicon.svg.
const glyph = `<path d="M12 44h40M18 44V28h28v16M22 28l10-10 10 10" stroke="${CREAM}" stroke-width="4" fill="none" stroke-linecap="round" stroke-linejoin="round"/>`;

const rounded = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="${GREEN}"/>${glyph}</svg>`;
// Maskable: the glyph scaled to 70 % around the centre, background to the edges.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${GREEN}"/><g transform="translate(32 32) scale(0.7) translate(-32 -31)">${glyph}</g></svg>`;

const targets = [
  { file: 'static/icons/icon-192.png', svg: rounded, size: 192 },
  { file: 'static/icons/icon-512.png', svg: rounded, size: 512 },
  { file: 'static/icons/icon-maskable-512.png', svg: maskable, size: 512 },
  { file: 'static/icons/apple-touch-icon-180.png', svg: maskable, size: 180 }
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--headless']
});
try {
  for (const { file, svg, size } of targets) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`
    );
    await page.waitForFunction(() => document.images[0]?.complete === true);
    writeFileSync(
      file,
      await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
    );
    await page.close();
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
}

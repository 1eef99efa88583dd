/**
 * Draws NetLoom's app icons (a woven grid with a network's nodes at its threads' ends) as SVG and renders
 * the PNG sizes a web app manifest needs with headless Chromium. Run after changing the design:
 * `node build/render-icons.mjs`; the files land in public/icons/ and are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const OUT = 'public/icons';
const BG = '#0f172a';
const PANEL = '#1e293b';
const WARP = '#38bdf8';
const WEFT = '#f472b6';
const LINES = [168, 256, 344];

/** Threads over and under in turn: each crossing redraws the thread on top with a gap in the background colour. */
function motif() {
  const h = (y, x1 = 104, x2 = 408) => `<path d="M${x1} ${y}H${x2}"/>`;
  const v = (x, y1 = 104, y2 = 408) => `<path d="M${x} ${y1}V${y2}"/>`;
  const crossings = LINES.flatMap((y, i) => LINES.map((x, j) => ({ x, y, weftOver: (i + j) % 2 === 0 })));
  const over = crossings
    .map(({ x, y, weftOver }) =>
      weftOver
        ? `<g stroke="${BG}" stroke-width="44">${v(x, y - 34, y + 34)}</g><g stroke="${WEFT}">${v(x, y - 36, y + 36)}</g>`
        : `<g stroke="${BG}" stroke-width="44">${h(y, x - 34, x + 34)}</g><g stroke="${WARP}">${h(y, x - 36, x + 36)}</g>`,
    )
    .join('');
  const nodes = [
    ...LINES.map((y) => `<circle cx="88" cy="${y}" r="26" fill="${WARP}"/>`),
    ...LINES.map((x) => `<circle cx="${x}" cy="424" r="26" fill="${WEFT}"/>`),
  ].join('');
  // Shifted up and right so the nodes on the left and bottom leave the whole figure centred.
  return `<g transform="translate(20 -20)"><g fill="none" stroke-width="28" stroke-linecap="butt">
<g stroke="${WEFT}">${LINES.map((x) => v(x)).join('')}</g>
<g stroke="${WARP}">${LINES.map((y) => h(y)).join('')}</g>
${over}</g>${nodes}</g>`;
}

const svg = (body) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${body}</svg>\n`;
const icon = svg(`<rect width="512" height="512" rx="96" fill="${PANEL}"/><rect x="16" y="16" width="480" height="480" rx="84" fill="${BG}"/>${motif()}`);
// Maskable: full bleed, the motif inside the central 80 % circle that every mask keeps.
const maskable = svg(`<rect width="512" height="512" fill="${BG}"/><g transform="translate(256 256) scale(0.72) translate(-256 -256)">${motif()}</g>`);

mkdirSync(OUT, { recursive: true });
writeFileSync(`${OUT}/icon.svg`, icon);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  for (const [name, source, size] of [
    ['icon-192', icon, 192],
    ['icon-512', icon, 512],
    ['maskable-512', maskable, 512],
  ]) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${source}`);
    await page.screenshot({ path: `${OUT}/${name}.png`, omitBackground: true });
  }
} finally {
  await browser.close();
}

// Every chart is one figure: its canvas and its PNG button share a grid cell (no cell holds a
// button alone), at phone and desktop widths; icons are text or inline SVG, never emoji (Debian's
// Chromium has no emoji font, so an emoji renders as an empty box).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, dist, VIEW_READY, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(dist()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const width of [390, 1280]) {
  test(`each figure holds its chart and its button (${width}px)`, async () => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    for (const [view, ready] of Object.entries(VIEW_READY)) {
      await open(page, `${server.url}?view=${view}`);
      await page.locator(ready).first().waitFor();
      const cells = await page.evaluate(() => [...document.querySelectorAll('canvas.chart')].map((c) => {
        const fig = c.closest('figure.chart-cell');
        if (!fig) return { orphan: c.className };
        const f = fig.getBoundingClientRect();
        const inside = (r) => r.left >= f.left - 1 && r.right <= f.right + 1 && r.top >= f.top - 1 && r.bottom <= f.bottom + 1;
        const button = fig.querySelector(':scope > button.png');
        return {
          canvases: fig.querySelectorAll('canvas').length,
          canvasInside: inside(c.getBoundingClientRect()),
          buttonInside: !button || inside(button.getBoundingClientRect()),
          // In a grid the cell is the figure: nothing else shares it.
          gridChild: fig.parentElement.classList.contains('charts-2') ? fig.parentElement.children.length : null,
        };
      }));
      for (const c of cells) {
        assert.ok(!c.orphan, `${view}: canvas ${c.orphan} outside a figure`);
        assert.equal(c.canvases, 1, `${view}: one canvas per figure`);
        assert.ok(c.canvasInside && c.buttonInside, `${view}: chart and button inside their figure`);
      }
      const lone = await page.evaluate(() => [...document.querySelectorAll('.charts-2 > *')]
        .filter((el) => !el.querySelector('canvas')).map((el) => el.outerHTML.slice(0, 80)));
      assert.deepEqual(lone, [], `${view}: grid cells without a chart`);
      const emoji = await page.evaluate(() => (document.body.innerText.match(/\p{Extended_Pictographic}/gu) ?? [])
        .filter((c) => !'©®™'.includes(c)));
      assert.deepEqual(emoji, [], `${view}: emoji in the page`);
    }
  });
}

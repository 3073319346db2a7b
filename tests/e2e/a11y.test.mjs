// Accessibility: axe-core (npm) injected into every view, in both languages, at phone and desktop
// widths, light and dark, reports no violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, dist, VIEW_READY, open } from './harness.mjs';

const AXE = new URL('./node_modules/axe-core/axe.min.js', import.meta.url).pathname;
// Open panels and highlighted states, beside each view's first screen.
const STATES = {
  'indicators&prov=430321:262': 'aside.provenance li.hit',
  'projects&proj=430200:0': '.project-detail canvas[data-drawn]',
  'map&mloc=430381&hl=2': 'canvas.layout-map[data-drawn]',
  'text&tq=%E6%B4%A3%E6%B0%B4': '.search-results details',
};
let server, browser;
before(async () => { server = await serve(dist()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

for (const [lang, width, dark] of [['zh', 390, false], ['en', 390, true], ['zh', 1280, true], ['en', 1280, false]]) {
  test(`axe-core finds no violations: ${lang}, ${width}px, ${dark ? 'dark' : 'light'}`, async () => {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: dark ? 'dark' : 'light' });
    const found = [];
    for (const [view, ready] of [...Object.entries(VIEW_READY), ...Object.entries(STATES)]) {
      await open(page, `${server.url}?view=${view}&lang=${lang}`);
      await page.locator(ready).first().waitFor();
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      });
      found.push(...violations.map((v) => `${view}: ${v}`));
    }
    assert.deepEqual(found, []);
  });
}

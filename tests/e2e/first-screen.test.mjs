// The first screen is in the HTML (src/prerender.rs, written by `cargo xtask build`): readable
// with JavaScript off, under the strict CSP, with every figure linked to its line in the plan;
// the app then takes over with the same layout and no layout shift; a page opened on another
// view shows a skeleton of it, not a blank, until the view is drawn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, dist, expected, screenshotPath, watchErrors, CSP } from './harness.mjs';

let server, browser;
before(async () => {
  server = await serve(dist(), { 'content-security-policy': CSP });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/** The layout-shift entries of a page so far, as [value, …]. */
const layoutShifts = (page) => page.evaluate(() => new Promise((resolve) => {
  const found = [];
  new PerformanceObserver((list) => found.push(...list.getEntries().map((e) => e.value)))
    .observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => resolve(found), 300);
}));

/** Boxes of the shell and the cards, to compare the first screen with the app's. */
const boxes = (page) => page.evaluate(() => [...document.querySelectorAll(
  'main.atlas :is(h1, .chip, [role=tab], article.card, article.card h2, article.card dd, .thumb)',
)].filter((e) => e.offsetParent !== null).map((e) => {
  const r = e.getBoundingClientRect();
  return `${e.className || e.tagName} ${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.width)},${Math.round(r.height)}`;
}));

const noOverflow = async (page, what) => {
  const o = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(o[0] <= o[1], `${what}: no horizontal overflow (${o})`);
};

test('the page source carries the overview: no inline script or style attribute', () => {
  const html = fs.readFileSync(path.join(dist(), 'index.html'), 'utf8');
  assert.ok(html.includes('id="first-screen"'), 'the first screen is in index.html');
  assert.doesNotMatch(html, /\sstyle=/, 'no style attribute (style-src \'self\')');
  for (const script of html.match(/<script[^>]*>/g)) assert.match(script, /\ssrc=/, `external: ${script}`);
  const offline = fs.readFileSync(path.join(dist(), 'plan-atlas-offline.html'), 'utf8');
  assert.ok(offline.includes('id="first-screen"'), 'the offline file carries the first screen too');
});

for (const width of [390, 1280]) {
  test(`with JavaScript off, every locality's card and figures are there (${width} px)`, async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + 'index.html');
    await page.screenshot({ path: screenshotPath(`first-screen-nojs-${width}`), fullPage: true });
    const data = expected();
    assert.equal(await page.locator('article.card').count(), data.localities.length);
    for (const loc of data.localities) {
      const card = page.locator(`article.card[data-locality="${loc.id}"]`);
      assert.ok((await card.locator('h2').textContent()).startsWith(loc.name), loc.name);
      assert.equal(await card.locator('.plan-title').textContent(), loc.title);
      const count = (t) => loc.indicators.filter((i) => i.table === t).length;
      assert.equal(Number(await card.locator('.count-plan').textContent()), count('plan'), loc.name);
      assert.equal(Number(await card.locator('.count-projects').textContent()), loc.projects.length, loc.name);
      // Figures as printed, each linked to the line it is printed on.
      for (const link of await card.locator('a.value').all()) {
        const href = await link.getAttribute('href');
        const [file, line] = href.split('#L');
        const text = fs.readFileSync(path.join(dist(), file), 'utf8');
        const item = text.match(new RegExp(`<li id="L${line}">([^<]*)</li>`));
        assert.ok(item, `${href} exists`);
        const printed = (await link.textContent()).replace(/\s/g, '');
        const near = text.split('\n').filter((l) => l.startsWith('<li id="L')).slice(line - 1, Number(line) + 11).join('');
        assert.ok(near.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/\s/g, '').includes(printed), `${printed} is printed at ${href}`);
      }
      // The small map, drawn by the app's map code on the SVG backend.
      const marks = await card.locator('svg.thumbnail :is(path, polygon, polyline, circle)').count();
      assert.ok(marks > 5, `${loc.name}: the SVG map has ${marks} shapes`);
      const size = await card.locator('svg.thumbnail').boundingBox();
      assert.ok(size.height >= 140 && size.width > 200, `${loc.name}: thumbnail ${size.width}×${size.height}`);
    }
    // Every plan's full text is linked.
    assert.equal(await page.locator('.text-links a').count(), data.localities.length);
    await noOverflow(page, `${width} px`);
    await context.close();
  });
}

test('the offline file shows the overview with JavaScript off', async () => {
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('file://' + path.resolve(dist(), 'plan-atlas-offline.html'));
    assert.equal(await page.locator('article.card').count(), expected().localities.length);
    assert.ok(await page.locator('article.card svg.thumbnail').first().isVisible());
    await noOverflow(page, `offline, ${width} px`);
    await page.screenshot({ path: screenshotPath(`first-screen-offline-nojs-${width}`) });
    await context.close();
  }
});

test('the app takes over with the same layout and no layout shift', async () => {
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    // The first screen alone: the app's wasm never arrives.
    const blocked = await context.newPage();
    await blocked.route(/plan-atlas_bg.*\.wasm/, (r) => r.abort());
    await blocked.goto(server.url + 'index.html');
    await blocked.waitForTimeout(300);
    const first = await boxes(blocked);
    assert.ok(first.length > 40, `${first.length} boxes`);
    await blocked.close();
    // The app, once it has taken over.
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + 'index.html');
    await page.waitForFunction(() => !document.getElementById('first-screen')
      && document.querySelector('article.card canvas[data-drawn]'));
    const app = await boxes(page);
    const same = (a) => a.replace(/^\S+ /, '');
    assert.deepEqual(app.map(same), first.map(same), `${width} px: the app's boxes are the first screen's`);
    assert.deepEqual(await layoutShifts(page), [], `${width} px: no layout shift`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('a page opened on another view shows its skeleton, then the view, with no layout shift', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const slow = await context.newPage();
  await slow.route(/plan-atlas_bg.*\.wasm/, (r) => r.abort());
  await slow.goto(server.url + 'index.html?view=map&mloc=430424');
  await slow.waitForTimeout(300);
  assert.equal(await slow.locator('#first-screen article.card').first().isVisible(), false, 'not the overview');
  const block = await slow.locator('#first-screen .skeleton-block').boundingBox();
  assert.ok(block && block.height > 300, 'a skeleton holds the view\'s place');
  await slow.screenshot({ path: screenshotPath('first-screen-skeleton-1280') });
  await slow.close();
  const page = await context.newPage();
  await page.goto(server.url + 'index.html?view=map&mloc=430424');
  await page.waitForSelector('canvas.layout-map[data-drawn]');
  assert.equal(await page.locator('#first-screen').count(), 0);
  assert.deepEqual(await layoutShifts(page), [], 'no layout shift');
  await context.close();
});

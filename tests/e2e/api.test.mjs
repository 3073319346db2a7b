// The data in a host page's hands: the widget's own JS module exports `PlanAtlas` (plain JS
// objects via serde-wasm-bindgen, each with its source line), loading it starts no app, and an
// embedded widget posts `plan-atlas:select` to its host as the reader changes what is on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, dist, expected, open } from './harness.mjs';

let server, browser, dir;
before(async () => {
  const names = JSON.parse(fs.readFileSync(path.join(dist(), 'assets.json'), 'utf8'));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-api-'));
  // A notebook-like page: the README's example, pointed at the built module.
  fs.writeFileSync(path.join(dir, 'notebook.html'), `<!doctype html><meta charset="utf-8"><title>notebook</title>
<script type="module">
import init, { PlanAtlas } from '/atlas/${names['plan-atlas.js']}';
await init({ module_or_path: '/atlas/${names['plan-atlas_bg.wasm']}' });
try {
  const atlas = await PlanAtlas.open('/atlas/plans.atlas');
  const site = await PlanAtlas.open('/atlas/atlas/index.atlas');
  window.result = {
    localities: atlas.localities(),
    gdp: await atlas.indicators({ loc: '430321', key: 'gdp', table: 'plan' }),
    bridges: await atlas.projects({ loc: '430200', q: '大桥' }),
    water: await site.projects({ sector: 'water' }),
    layouts: await site.layouts({ loc: '430381' }),
  };
  window.missing = await PlanAtlas.open('/atlas/nope.atlas').then(() => 'opened', (e) => String(e));
} catch (e) { window.failure = String(e); }
</script>`);
  fs.writeFileSync(path.join(dir, 'host.html'), `<!doctype html><meta charset="utf-8"><title>host</title>
<script>window.selections = []; addEventListener('message', (e) => { if (e.data?.type === 'plan-atlas:select') selections.push(e.data); });</script>
<iframe id="w" src="/atlas/?view=overview&id=story-1" width="1000" height="800"></iframe>`);
  server = await serve(dir, {}, { '/atlas/': dist() });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('PlanAtlas.open gives indicators, projects and layouts as plain objects with their source', async () => {
  const page = await browser.newPage();
  await open(page, `${server.url}notebook.html`);
  await page.waitForFunction(() => window.result || window.failure, null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => window.failure), undefined);
  const r = await page.evaluate(() => window.result);
  const data = expected();
  const loc = (id) => data.localities.find((l) => l.id === id);
  assert.deepEqual(r.localities.map((l) => l.id), data.localities.map((l) => l.id));

  const gdp = loc('430321').indicators.filter((i) => i.key === 'gdp' && i.table === 'plan');
  assert.ok(gdp.length >= 1);
  assert.deepEqual(r.gdp.map((i) => [i.name, i.line, i.at]), gdp.map((i) => [i.name, i.line, `${loc('430321').source}:${i.line}`]));
  assert.deepEqual(r.gdp[0].cells, gdp[0].cells, 'values exactly as printed');

  const zz = loc('430200');
  const bridges = zz.projects.filter((p) => `${p.name} ${p.group ?? ''} ${p.box} ${p.description}`.includes('大桥'));
  assert.deepEqual(r.bridges.map((p) => p.name), bridges.map((p) => p.name));
  assert.ok(r.bridges.some((p) => p.name === '清水塘大桥' && p.group === '两桥' && p.source === 'box' && p.at === `${zz.source}:${p.line}`));
  const water = data.localities.flatMap((l) => l.projects.filter((p) => p.sector === 'water'));
  assert.equal(r.water.length, water.length, 'a site index works too, across every locality');
  const xx = loc('430381');
  assert.deepEqual(r.layouts.map((l) => l.slogan), xx.layouts.map((l) => l.slogan));
  assert.deepEqual(r.layouts[0].elements.map((e) => e.places.map((p) => p.as_printed)),
    xx.layouts[0].elements.map((e) => e.places.map((p) => p.as_printed)));
  assert.match(await page.evaluate(() => window.missing), /nope\.atlas/);
  assert.equal(await page.locator('.shell-header').count(), 0, 'loading the module for its data starts no app');
});

test("a query whose code cannot be fetched rejects with a message, and the next call works", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(/split_layouts_query.*\.wasm$/, (r) => r.abort());
  await open(page, `${server.url}notebook.html`);
  await page.waitForFunction(() => window.result || window.failure, null, { timeout: 30000 });
  assert.match(await page.evaluate(() => window.failure), /could not be loaded/);
  await page.unroute(/split_layouts_query.*\.wasm$/);
  const script = JSON.parse(fs.readFileSync(path.join(dist(), 'assets.json'), 'utf8'))['plan-atlas.js'];
  const slogans = await page.evaluate(async (script) => {
    const { PlanAtlas } = await import(`/atlas/${script}`);
    const atlas = await PlanAtlas.open('/atlas/atlas/index.atlas');
    return (await atlas.layouts({ loc: '430381' })).map((l) => l.slogan);
  }, script);
  assert.deepEqual(slogans, expected().localities.find((l) => l.id === '430381').layouts.map((l) => l.slogan));
  assert.deepEqual(errors, []);
});

test('an embedded widget posts plan-atlas:select as the reader chooses', async () => {
  const page = await browser.newPage();
  await open(page, `${server.url}host.html`);
  const frame = page.frameLocator('#w');
  await frame.locator('article.card').first().waitFor();
  const last = () => page.evaluate(() => window.selections.at(-1));
  await page.waitForFunction(() => window.selections.length > 0);
  let s = await last();
  assert.equal(s.id, 'story-1');
  assert.equal(s.view, 'overview');
  assert.deepEqual(s.localities.map((l) => l.id), expected().localities.map((l) => l.id));

  await frame.locator('button[role="tab"][data-view="projects"]').click();
  await frame.locator('table.projects tbody tr:not([hidden])').first().waitFor();
  await page.waitForFunction(() => window.selections.at(-1).view === 'projects');
  await frame.locator('table.projects tbody tr:not([hidden]) button.project').first().click();
  await page.waitForFunction(() => window.selections.at(-1).project);
  s = await last();
  const first = expected().localities.flatMap((l) => l.projects.map((p) => ({ ...p, loc: l.id, file: l.source })))[0];
  assert.deepEqual([s.project.loc, s.project.name, s.project.line, s.project.at], [first.loc, first.name, first.line, `${first.file}:${first.line}`]);
  const count = await page.evaluate(() => window.selections.length);
  await frame.locator('#filter-pq').fill('x');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.selections.length), count, 'a keyword is not a new selection');
});

// A generated corpus of 1,000 plans (`cargo xtask scale` writes it; `ATLAS_SCALE_SITE` names its
// site): the searchable picker, the corpus map and its choropleth, and compare with 12 localities.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, dist, screenshotPath, watchErrors, open } from './harness.mjs';

const site = process.env.ATLAS_SCALE_SITE;
let server, browser;
before(async () => {
  assert.ok(site && fs.existsSync(path.join(site, 'index.atlas')), 'ATLAS_SCALE_SITE must name a compiled site');
  server = await serve(dist(), {}, { '/atlas/': site });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

test('a large corpus offers a searchable picker instead of chips', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await open(page, server.url);
  await page.locator('article.card').first().waitFor();
  assert.equal(await page.locator('.chips button.chip').count(), 0, 'no chip per locality');
  assert.equal(await page.locator('article.card').count(), 1, 'one locality on screen by default');
  const search = page.locator('#pick-search');
  await search.fill('县');
  const count = Number((await page.locator('.pick-count').textContent()).match(/\d+/)[0]);
  assert.ok(count > 100, `many counties match 县: ${count}`);
  assert.equal(await page.locator('.pick-results li').count(), 20, 'the first 20 are listed');
  // Choose by keyboard, then by clicking, until twelve are chosen.
  await search.press('ArrowDown');
  await search.press('Enter');
  await page.waitForFunction(() => new URL(location).searchParams.get('loc')?.split(',').length === 1);
  for (let k = 0; k < 13; k++) {
    const free = page.locator('.pick-results button.pick:not([disabled])').first();
    await free.click();
  }
  await page.locator('.picker [role="alert"]').waitFor();
  assert.match(await page.locator('.picker [role="alert"]').textContent(), /12/);
  const chosen = new URL(page.url()).searchParams.get('loc').split(',');
  assert.equal(chosen.length, 12);
  await page.locator('article.card').nth(11).waitFor();
  assert.equal(await page.locator('article.card').count(), 12);
  // Search by pinyin and by parent.
  await search.fill('beijing');
  await page.locator('.pick-results li').first().waitFor();
  assert.match(await page.locator('.pick-results li').first().textContent(), /北京/);
  await page.screenshot({ path: screenshotPath('scale-picker-1280') });
  assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
});

test('the corpus map colours every county, then a choropleth of one indicator', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await open(page, `${server.url}?view=corpus`);
  await page.locator('canvas.corpus-map[data-drawn]').waitFor();
  const counties = Number(await page.locator('ul.legend').getAttribute('data-counties'));
  assert.ok(counties > 2000, `the country's counties are drawn: ${counties}`);
  assert.equal(fetched.filter((p) => p.startsWith('/atlas/loc/')).length, 1, 'no shard beyond the one on screen');
  await page.selectOption('#corpus-map-key', 'gdp');
  await page.locator('ul.legend[data-values]').waitFor();
  const values = Number(await page.locator('ul.legend').getAttribute('data-values'));
  assert.ok(values > 100, `hundreds of GDP values are compared: ${values}`);
  assert.equal(fetched.filter((p) => p.startsWith('/atlas/keys/gdp.')).length, 1, 'one column file');
  assert.equal(await page.locator('.extremes ol').first().locator('li').count(), 5);
  await page.screenshot({ path: screenshotPath('scale-corpus-map-1280') });
});

test('compare works for twelve chosen localities', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // The generated corpus's manifest lists its localities (site: <scale>/site/atlas).
  const manifest = fs.readFileSync(path.join(site, '..', '..', 'corpus', 'plans.toml'), 'utf8');
  const ids = [...manifest.matchAll(/^id = "(\d+)"/gm)].map((m) => m[1]);
  const twelve = ids.filter((_, k) => k % 80 === 0).slice(0, 12);
  await open(page, `${server.url}?view=compare&loc=${twelve.join(',')}`);
  await page.locator('table.compare tbody tr').first().waitFor();
  const groups = await page.locator('table.compare thead th[scope="colgroup"]').count();
  assert.equal(groups, 12);
  await page.locator('canvas[data-drawn]').first().waitFor();
  await page.screenshot({ path: screenshotPath('scale-compare-1280'), fullPage: true });
});

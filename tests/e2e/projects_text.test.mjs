// Projects and text views: project filters change the counts as the data says, totals add up,
// the charts draw; the text search counts hits per plan exactly and jumps to the line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, expected, dist, screenshotPath, watchErrors, canvasInk, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(dist()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const projects = () => expected().localities.flatMap((l) => l.projects.map((p, idx) => ({ ...p, loc: l.id, idx })));
const shown = async (page) => Number(await page.locator('.count .n').textContent());

test('project filters, totals and charts follow the data', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await open(page, `${server.url}?view=projects`);
  await page.locator('table.projects').waitFor();
  const all = projects();
  assert.equal(await shown(page), all.length);
  const invested = all.filter((p) => p.investment_yuan != null);
  assert.equal(Number(await page.locator('.count .n-invested').textContent()), invested.length);
  const sum = invested.reduce((s, p) => s + p.investment_yuan, 0) / 1e8;
  assert.equal(Number(await page.locator('.count .sum').textContent()), Number(sum >= 100 ? sum.toFixed(0) : sum.toFixed(2)));
  for (const sel of ['canvas.project-sectors', 'canvas.project-investment']) {
    await page.locator(`${sel}[data-drawn]`).waitFor();
    assert.ok((await canvasInk(page, sel)).ink > 500, sel);
  }

  // The rows on screen are the filter's, in printed order, whichever row slots show them.
  const visible = () => page.locator('table.projects tbody tr:not([hidden])').evaluateAll((trs) => trs.map((tr) =>
    [`${tr.dataset.locality}:${tr.dataset.project}`, tr.querySelector('button.project').textContent, tr.cells[4].textContent]));
  for (const sector of ['water', 'transport', '']) {
    await page.selectOption('#filter-sector', sector);
    const want = all.filter((p) => !sector || p.sector === sector);
    assert.equal(await shown(page), want.length);
    await page.waitForTimeout(200);
    const got = await visible();
    assert.ok(got.length >= Math.min(8, want.length), `${sector}: ${got.length} rows shown`);
    assert.deepEqual(got, want.slice(0, got.length).map((p) => [`${p.loc}:${p.idx}`, p.name, p.investment_raw ?? '']), sector);
  }
  await page.check('#filter-inv');
  assert.equal(await shown(page), invested.length);
  await page.fill('#filter-min', '3');
  assert.equal(await shown(page), invested.filter((p) => p.investment_yuan / 1e8 >= 3).length);
  await page.fill('#filter-min', '');
  await page.uncheck('#filter-inv');
  await page.selectOption('#filter-place', '洣水镇');
  assert.equal(await shown(page), all.filter((p) => p.places.includes('洣水镇')).length);
  await page.selectOption('#filter-place', '');
  const box = all.find((p) => p.box.startsWith('专栏')).box;
  await page.selectOption('#filter-box', box);
  assert.equal(await shown(page), all.filter((p) => p.box === box).length);
  await page.selectOption('#filter-box', '');
  for (const src of ['box', 'text']) {
    await page.selectOption('#filter-src', src);
    assert.equal(await shown(page), all.filter((p) => p.source === src).length, src);
  }
  await page.selectOption('#filter-src', '');
  // 株洲 专栏21 files its bridges under 两桥: the group filter finds them by their own names.
  await page.selectOption('#filter-group', '两桥');
  assert.equal(await shown(page), all.filter((p) => p.group === '两桥').length);
  const bridges = await page.locator('table.projects tbody tr:not([hidden]) button.project').allTextContents();
  assert.ok(bridges.includes('清水塘大桥') && bridges.includes('群丰大桥'), bridges.join());
  await page.selectOption('#filter-group', '');
  await page.fill('#filter-pq', '水库');
  const hay = (p) => `${p.name} ${p.group ?? ''} ${p.box} ${p.description} ${p.places.join(' ')}`;
  assert.equal(await shown(page), all.filter((p) => hay(p).includes('水库')).length);

  const first = page.locator('table.projects tbody tr:not([hidden])').first();
  await first.locator('button.project').click();
  await page.locator('.project-detail canvas[data-drawn]').waitFor();
  await page.waitForURL(/proj=/); // written after the view updates
  assert.equal(await first.locator('button.project').getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('table.projects tbody tr.open').count(), 1);
  await page.screenshot({ path: screenshotPath('projects'), fullPage: false });
  assert.deepEqual(errors, []);
});

test('full-text search counts hits per plan and jumps to the line', async () => {
  const page = await browser.newPage();
  await open(page, `${server.url}?view=text&tq=${encodeURIComponent('洣水')}`);
  await page.locator('.search-results details').first().waitFor();
  // Count lines containing the query in the corpus files themselves.
  const fs = await import('node:fs');
  for (const loc of expected().localities) {
    const text = fs.readFileSync(new URL(`../../${loc.source}`, import.meta.url), 'utf8').replace(/^\uFEFF/, '');
    const n = text.split(/\r?\n/).filter((l) => l.includes('洣水')).length;
    assert.equal(Number(await page.locator(`details.hits[data-locality="${loc.id}"] .hit-count`).textContent()), n, loc.name);
  }
  // The first ten hits are listed; "more" lists up to fifty.
  const hd = page.locator('details.hits[data-locality="430424"]');
  const total = Number(await hd.locator('.hit-count').textContent());
  assert.equal(await hd.locator('button.hit').count(), Math.min(total, 10));
  if (total > 10) {
    await hd.locator('button.more-hits').click();
    await page.waitForFunction((n) => document.querySelectorAll('details.hits[data-locality="430424"] button.hit').length === n, Math.min(total, 50));
  }
  await page.locator('details.hits[data-locality="430424"] button.hit').first().click();
  await page.locator('.reader li.current').waitFor();
  assert.ok((await page.locator('.reader li.current .line-text').textContent()).includes('洣水'));
  await page.waitForURL(/tloc=430424/); // written after the view updates
  assert.ok((await page.locator('.reader li.current mark').count()) > 0, 'the hit is highlighted');
  await page.screenshot({ path: screenshotPath('text-search'), fullPage: false });
  // The outline jumps too.
  await page.locator('.outline button.heading').nth(3).click();
  await page.locator('.reader li.current').waitFor();
});

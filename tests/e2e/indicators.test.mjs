// The indicators view: each filter changes the visible rows exactly as the data says, the state
// survives a reload (it is all in the URL), and any value opens its source line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, expected, dist, screenshotPath, watchErrors, open as openApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(dist()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const rows = () => expected().localities.flatMap((l) => l.indicators.map((i) => ({ ...i, loc: l.id })));
/** What the keyword search looks at: names, category, unit, canonical key names, printed values. */
function haystack(r) {
  const key = expected().indicator_keys.find((k) => k.key === r.key);
  const raws = Object.values(r.cells).map((c) => c.raw).join(' ');
  return [r.name, r.parent, r.category, r.unit, key && `${key.key} ${key.zh} ${key.en}`, raws].join(' ').toLowerCase();
}
const shown = async (page) => Number(await page.locator('.count .n').textContent());

async function open(page, query = '') {
  await openApp(page, `${server.url}?view=indicators${query}`);
  await page.locator('table.indicators').waitFor();
}

test('every filter changes the count as the data says', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await open(page);
  const all = rows();
  assert.equal(await shown(page), all.length);
  await page.locator('button.show-all').click();
  // The rows are built after the click's event, not during it: wait for them.
  await page.waitForFunction((n) => document.querySelectorAll('table.indicators tbody tr:not([hidden])').length === n, all.length);

  await page.selectOption('#filter-table', 'plan');
  assert.equal(await shown(page), all.filter((r) => r.table === 'plan').length);
  await page.selectOption('#filter-attr', 'binding');
  assert.equal(await shown(page), all.filter((r) => r.table === 'plan' && r.attribute === '约束性').length);
  await page.selectOption('#filter-attr', '');
  await page.selectOption('#filter-marker', 'national');
  assert.equal(await shown(page), all.filter((r) => r.table === 'plan' && r.marker === '☆').length);
  await page.selectOption('#filter-marker', '');
  await page.selectOption('#filter-table', '');
  await page.selectOption('#filter-key', 'forest_cover');
  assert.equal(await shown(page), all.filter((r) => r.key === 'forest_cover').length);
  await page.selectOption('#filter-key', '');
  await page.selectOption('#filter-cat', '绿色转型');
  assert.equal(await shown(page), all.filter((r) => r.category === '绿色转型').length);
  await page.selectOption('#filter-cat', '');
  await page.fill('#filter-q', '失业率');
  assert.equal(await shown(page), all.filter((r) => haystack(r).includes('失业率')).length);
  await page.locator('.chip[data-locality="430200"]').click();
  assert.equal(await shown(page), all.filter((r) => r.loc !== '430200' && haystack(r).includes('失业率')).length);
  await page.fill('#filter-q', 'forest');
  assert.equal(await shown(page), all.filter((r) => r.loc !== '430200' && haystack(r).includes('forest')).length);
  await page.screenshot({ path: screenshotPath('indicators-filtered'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('a long table builds a screenful, then more as the reader scrolls, or all on request', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page);
  const all = rows().length;
  const built = () => page.locator('table.indicators tbody tr:not([hidden])').count();
  await page.waitForTimeout(300);
  const first = await built();
  assert.ok(first > 0 && first < all / 3, `${first} of ${all} rows built before scrolling`);
  assert.match(await page.locator('p.more').textContent(), new RegExp(`${first} / ${all}`));
  await page.locator('p.more').scrollIntoViewIfNeeded();
  await page.waitForFunction((n) => document.querySelectorAll('table.indicators tbody tr:not([hidden])').length > n, first);
  await page.locator('button.show-all').click();
  await page.waitForFunction((n) => document.querySelectorAll('table.indicators tbody tr:not([hidden])').length === n, all);
  // The status line and the button go once every row is in.
  await page.locator('p.more').waitFor({ state: 'hidden' });
  assert.equal(await page.locator('button.show-all').isVisible(), false);
  // A new filter starts again from one screenful, and the count above the table stays exact.
  await page.fill('#filter-q', '率');
  const matching = rows().filter((r) => haystack(r).includes('率')).length;
  assert.equal(await shown(page), matching);
  assert.ok((await built()) <= Math.max(first, matching));
});

test('each filter change shows exactly its rows, in order, in the reused row slots', async () => {
  const page = await browser.newPage();
  await open(page);
  // What a visible row says it is and shows: its source, its name and its 2025 target.
  const visible = () => page.locator('table.indicators tbody tr:not([hidden])').evaluateAll((trs) => trs.map((tr) => ({
    id: `${tr.dataset.locality}:${tr.dataset.line}`,
    name: tr.querySelector('th .name').textContent,
    target: tr.querySelector('button[data-col="target_2025"]:not([hidden])')?.textContent ?? null,
  })));
  const all = rows();
  for (const q of ['森林', '率', '', '生产', 'forest', '率']) {
    await page.fill('#filter-q', q);
    const want = all.filter((r) => haystack(r).includes(q.toLowerCase()));
    await page.waitForTimeout(200);
    const got = await visible();
    assert.ok(got.length >= Math.min(8, want.length) && got.length <= want.length, `${q}: ${got.length} of ${want.length}`);
    assert.deepEqual(got, want.slice(0, got.length).map((r) => ({
      id: `${r.loc}:${r.line}`,
      name: r.parent ? `${r.parent} · ${r.name}` : r.name,
      target: r.cells.target_2025?.raw ?? null,
    })), q);
  }
});

test('typing into the keyword box keeps focus and filters as you type', async () => {
  const page = await browser.newPage();
  await open(page);
  await page.locator('#filter-q').click();
  await page.keyboard.type('森林覆盖', { delay: 30 });
  assert.equal(await page.inputValue('#filter-q'), '森林覆盖');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'filter-q');
  assert.equal(await shown(page), rows().filter((r) => haystack(r).includes('森林覆盖')).length);
});

test('filters and sorting are restored from the URL on reload', async () => {
  const page = await browser.newPage();
  await open(page);
  await page.selectOption('#filter-table', 'plan');
  await page.fill('#filter-q', '森林');
  await page.locator('button.sort[data-sort="target"]').click();
  await page.locator('button.sort[data-sort="target"]').click();
  const before = await page.locator('table.indicators tbody tr:not([hidden])').allTextContents();
  // The URL is written after the view has updated (once for a burst of changes).
  await page.waitForURL(/dir=desc/);
  assert.match(page.url(), /table=plan/);
  assert.match(page.url(), /sort=target/);
  await page.reload();
  await page.locator('table.indicators').waitFor();
  assert.equal(await page.inputValue('#filter-table'), 'plan');
  assert.equal(await page.inputValue('#filter-q'), '森林');
  assert.deepEqual(await page.locator('table.indicators tbody tr:not([hidden])').allTextContents(), before);
  // Descending by the 2025 target: the values shown decrease.
  const targets = rows().filter((r) => r.table === 'plan' && r.name.includes('森林') && r.cells.target_2025?.value != null)
    .map((r) => r.cells.target_2025.value).sort((a, b) => b - a);
  const firstCells = await page.locator('table.indicators tbody tr:not([hidden]) button[data-col="target_2025"]').allTextContents();
  assert.equal(firstCells.length, targets.length);
  assert.equal(Number(firstCells[0].replace(/[^\d.]/g, '')), targets[0]);
});

test('back and forward restore the view', async () => {
  const page = await browser.newPage();
  await openApp(page, server.url);
  await page.locator('article.card').first().waitFor();
  await page.locator('#tab-indicators').click();
  await page.locator('table.indicators').waitFor();
  await page.goBack();
  await page.locator('article.card').first().waitFor();
  await page.goForward();
  await page.locator('table.indicators').waitFor();
});

test('a value opens its source line with context', async () => {
  const page = await browser.newPage();
  await open(page, '&q=地区生产总值&table=14th');
  const row = rows().find((r) => r.loc === '430321' && r.table === 'plan' && r.key === 'gdp');
  const button = page.locator(`tbody tr:not([hidden])[data-locality="430321"][data-line="${row.line}"] button[data-col="target_2025"]`);
  assert.equal(await button.textContent(), row.cells.target_2025.raw);
  await button.click();
  const dialog = page.locator('aside.provenance');
  await dialog.waitFor();
  assert.match(await dialog.locator('.source').textContent(), new RegExp(`430321-xiangtan-county.txt:${row.line}$`));
  const hit = dialog.locator('li.hit .line-text');
  await hit.waitFor();
  assert.ok((await hit.textContent()).includes(row.cells.target_2025.raw));
  assert.equal(await dialog.locator('li.hit .line-no').textContent(), String(row.line));
  await page.screenshot({ path: screenshotPath('indicators-provenance') });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  // The row's chart button, reached and pressed with the keyboard, opens the growth chart of
  // that very row.
  const chart = page.locator(`tbody tr:not([hidden])[data-locality="430321"][data-line="${row.line}"] button.chart-link`);
  await chart.focus();
  await page.keyboard.press('Enter');
  await page.locator('canvas.growth[data-drawn]').waitFor();
  assert.equal(new URL(page.url()).searchParams.get('grow'), `430321:${row.line}`);
  assert.equal(new URL(page.url()).searchParams.get('view'), 'growth');
});

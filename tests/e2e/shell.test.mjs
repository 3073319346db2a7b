// The shell and the overview: the widget decodes the real bundle, shows one card per locality
// with the counts the bundle holds, switches language, and shows a readable message for a
// damaged or missing bundle instead of a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, expected, dist, screenshotPath, watchErrors, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(dist()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('overview shows every locality with its counts and primary layout', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await open(page, server.url);
  const cards = page.locator('article.card');
  await cards.first().waitFor();
  const data = expected();
  assert.equal(await cards.count(), data.localities.length);
  for (const loc of data.localities) {
    const card = page.locator(`article.card[data-locality="${loc.id}"]`);
    const count = (t) => loc.indicators.filter((i) => i.table === t).length;
    assert.equal(Number(await card.locator('.count-plan').textContent()), count('plan'), loc.name);
    assert.equal(Number(await card.locator('.count-review').textContent()), count('review'), loc.name);
    assert.equal(Number(await card.locator('.count-projects').textContent()), loc.projects.length, loc.name);
    assert.equal(await card.locator('.slogan').textContent(), loc.layouts.find((l) => l.primary).slogan);
    // The period and the headline targets as printed: the GDP row's target for the period's last
    // year and its growth, else a growth row.
    const zh = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const periodZh = `十${zh[loc.period - 10]}五`;
    const [start, end] = [1966 + 5 * (loc.period - 3), 1970 + 5 * (loc.period - 3)];
    assert.equal(await card.locator('.period').textContent(), `${periodZh}（${start}–${end}）`, loc.name);
    const row = (key) => loc.indicators.find((i) => i.table === 'plan' && i.key === key);
    const gdp = row('gdp');
    const target = `target_${end}`;
    const growth = gdp?.cells.target_growth ?? row('gdp_growth')?.cells.target_growth ?? row('gdp_growth')?.cells[target];
    for (const [cls, cell] of [['.gdp-target', gdp?.cells[target]], ['.gdp-growth', growth]]) {
      assert.equal(await card.locator(cls).textContent(), cell ? cell.raw : '—', `${loc.name} ${cls}`);
    }
    assert.equal(await card.locator('.plan-title').textContent(), loc.title, loc.name);
  }
  await page.screenshot({ path: screenshotPath('overview-zh'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('locality chips narrow the overview and are kept in the URL', async () => {
  const page = await browser.newPage();
  await open(page, server.url);
  await page.locator('article.card').first().waitFor();
  await page.locator('.chip[data-locality="430200"]').click();
  await page.locator('.chip[data-locality="430900"]').click();
  // The overview redraws after the click's update: wait for it.
  await page.waitForFunction(() => document.querySelectorAll('article.card').length === 3);
  // Written after the view updates; anchored, since the first click's list (four ids) starts the same.
  await page.waitForURL(/loc=430321(%2C|,)430381(%2C|,)430424(&|$)/);
  // Reloaded, the page holds the first screen until the app takes over: count the app's cards.
  await open(page, page.url());
  await page.locator('article.card').first().waitFor();
  assert.equal(await page.locator('article.card').count(), 3);
  assert.equal(await page.locator('.chip[data-locality="430200"]').getAttribute('aria-pressed'), 'false');
});

test('the language toggle changes labels', async () => {
  const page = await browser.newPage();
  await open(page, server.url);
  await page.locator('article.card').first().waitFor();
  assert.equal(await page.locator('#tab-indicators').textContent(), '指标');
  await page.locator('button.lang').click();
  assert.equal(await page.locator('#tab-indicators').textContent(), 'Indicators');
  assert.match(await page.locator('article.card[data-locality="430321"] h2').textContent(), /Xiangtan County/);
  await page.waitForURL(/lang=en/); // written after the view updates
  await page.screenshot({ path: screenshotPath('overview-en'), fullPage: true });
});

test('a damaged bundle shows a readable error, never a blank page', async () => {
  const page = await browser.newPage();
  await page.route('**/atlas/index.atlas', async (route) => {
    const real = await route.fetch();
    const body = Buffer.from(await real.body());
    body[body.length >> 1] ^= 0xff; // flip one byte in the middle: the checksum must catch it
    await route.fulfill({ response: real, body });
  });
  await open(page, server.url);
  const alert = page.locator('[role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /damaged|checksum/);
  await page.screenshot({ path: screenshotPath('error-damaged-bundle') });
});

test('a missing bundle says so', async () => {
  const page = await browser.newPage();
  await page.route('**/atlas/index.atlas', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await open(page, server.url);
  const alert = page.locator('[role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /HTTP 404/);
});

for (const [file, view, shown] of [
  ['card', '', 'article.card[data-locality="430321"]'],
  ['loc', 'indicators', '#view-panel table tbody tr:not([hidden])'],
]) {
  test(`a damaged ${file} file says which locality and keeps the rest usable (${view || 'overview'})`, async () => {
    const page = await browser.newPage();
    await page.route(`**/atlas/${file}/430424.*.atlas`, async (route) => {
      const real = await route.fetch();
      const body = Buffer.from(await real.body());
      body[body.length >> 1] ^= 0xff;
      await route.fulfill({ response: real, body });
    });
    await open(page, `${server.url}?loc=430424${view ? `&view=${view}` : ''}`);
    const alert = page.locator('#view-panel [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /430424.*(damaged|checksum)/);
    await page.locator('.chip[data-locality="430321"]').click();
    await page.locator('.chip[data-locality="430424"]').click();
    await page.locator(shown).first().waitFor();
    assert.equal(await alert.count(), 0, 'the message goes with the damaged locality');
  });
}

// Plans of another period: real 十五五 outlines (ATLAS_PLANS15_BUNDLE, compiled by `cargo xtask
// test` from the outlines kept beside the repository) open as a bundle, and every view takes its
// years from them: the overview says 十五五（2026–2030）, the indicator table heads its columns
// 2025年 and 2030年目标, the growth chart runs to 2030. Screenshots at 390 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, dist, screenshotPath, watchErrors, canvasInk, open as openApp } from './harness.mjs';

const bundle = process.env.ATLAS_PLANS15_BUNDLE;
// Under CI the outlines are always there: a missing bundle fails instead of skipping.
const skip = !bundle && !process.env.CI ? 'ATLAS_PLANS15_BUNDLE is not set' : false;
let server, browser, data;
before(async () => {
  if (skip) return;
  assert.ok(bundle && fs.existsSync(bundle), `ATLAS_PLANS15_BUNDLE must name the outlines' bundle (${bundle})`);
  data = JSON.parse(fs.readFileSync(bundle.replace(/\.atlas$/, '.json'), 'utf8'));
  server = await serve(dist(), {}, { '/p15/': path.dirname(bundle) });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

const open = (page, params = '') => openApp(page, `${server.url}?bundle=p15/${path.basename(bundle)}${params}`);

test('the overview shows each outline with its period and its 2030 targets', { skip }, async () => {
  for (const width of [390, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors = watchErrors(page);
    await open(page);
    await page.locator('article.card').first().waitFor();
    assert.equal(await page.locator('article.card').count(), data.localities.length);
    const outlines = data.localities.filter((l) => !l.id.startsWith('430321'));
    assert.ok(outlines.length >= 3, 'the three outlines');
    for (const loc of outlines) {
      assert.equal(loc.period, 15, loc.name);
      const card = page.locator(`article.card[data-locality="${loc.id}"]`);
      assert.equal(await card.locator('.period').textContent(), '十五五（2026–2030）', loc.name);
      const rows = loc.indicators.filter((i) => i.table === 'plan');
      assert.equal(Number(await card.locator('.count-plan').textContent()), rows.length, loc.name);
      assert.match(await card.locator('dt', { hasText: '地区生产总值目标' }).textContent(), /^2030年/);
      // Nothing spills out of the card.
      const spill = await card.evaluate((c) => c.scrollWidth - c.clientWidth);
      assert.ok(spill <= 1, `${loc.name}: card overflows by ${spill}px at ${width}`);
    }
    assert.match(await page.locator('.subtitle').textContent(), /十五五/);
    await page.screenshot({ path: screenshotPath(`periods-overview-${width}`), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('the indicator table heads its columns with the plans\' years', { skip }, async () => {
  const loc = data.localities.find((l) => l.id === '110000') ?? data.localities[0];
  for (const [width, lang, dark] of [[390, 'zh', 'false'], [1280, 'en', 'true']]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors = watchErrors(page);
    await open(page, `&view=indicators&loc=${loc.id}&lang=${lang}&dark=${dark}`);
    await page.locator('table.indicators tbody tr:not([hidden])').first().waitFor();
    const heads = await page.locator('table.indicators thead th').allTextContents();
    const want = lang === 'zh' ? ['2025年', '2030年目标'] : ['2025', '2030 target'];
    for (const h of want) assert.ok(heads.some((t) => t.trim().startsWith(h)), `${h} in ${heads}`);
    assert.ok(!heads.some((t) => t.includes('2020')), `no 十四五 column left: ${heads}`);
    // Columns no plan on screen prints (a review's) are not shown empty.
    const shown = (await page.locator('table.indicators thead th:visible').allTextContents()).map((t) => t.trim());
    for (const empty of ['基数', '目标', 'Base', 'Target']) assert.ok(!shown.includes(empty), `${empty} shown: ${shown}`);
    if (width >= 1280) {
      const spill = await page.locator('.table-wrap').first().evaluate((w) => w.scrollWidth - w.clientWidth);
      assert.ok(spill <= 1, `the table fits at ${width}px (${spill}px over)`);
    }
    // The first row shows its 2030 target exactly as printed.
    const first = loc.indicators.find((i) => i.table === 'plan' && i.cells.target_2030);
    const cell = page.locator(`tbody tr:not([hidden])[data-line="${first.line}"] button[data-col="target_2030"]`);
    assert.equal(await cell.textContent(), first.cells.target_2030.raw);
    await page.screenshot({ path: screenshotPath(`periods-indicators-${width}-${lang}`), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('a place with plans of two periods: one line 2015 → 2030, and the earlier targets met?', { skip }, async () => {
  const plans = data.localities.filter((l) => l.id.split('@')[0] === '430321');
  assert.deepEqual(plans.map((l) => [l.id, l.period]), [['430321', 14], ['430321@15', 15]]);
  for (const width of [390, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors = watchErrors(page);
    await open(page, '&view=growth&gkey=gdp&loc=430321,430321@15');
    await page.locator('canvas.growth[data-drawn]').waitFor();
    // Chips and notes name both plans with their period; one line runs through both.
    const chips = (await page.locator('.chips button.chip').allTextContents()).map((t) => t.trim());
    for (const c of ['湘潭县（十四五）', '湘潭县（十五五）']) assert.ok(chips.includes(c), `${c} in ${chips}`);
    const notes = await page.locator('.growth-notes li strong').allTextContents();
    assert.deepEqual(notes, ['湘潭县（十四五）', '湘潭县（十五五）']);
    const table = await page.locator('details.chart-data tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.deepEqual([...new Set(table.map((r) => r[0]))], ['湘潭县'], 'one series');
    const years = new Set(table.map((r) => Number(r[1])));
    for (const y of [2020, 2025, 2030]) assert.ok(years.has(y), `${y} in ${[...years]}`);
    await page.screenshot({ path: screenshotPath(`periods-two-plans-growth-${width}`), fullPage: true });
    // The 十四五 plan's targets beside the values the 十五五 plan prints for 2025.
    await open(page, '&view=met&loc=430321,430321@15');
    const across = page.locator('section.met-locality[data-locality="430321@15<430321"]');
    await across.locator('tbody tr').first().waitFor();
    const earlier = plans[0].indicators.filter((i) => i.table === 'plan' && i.key && i.cells.target_2025);
    assert.equal(await across.locator('tbody tr').count(), earlier.length);
    const first = earlier[0];
    const row = across.locator(`tbody tr[data-line="${first.line}"]`);
    assert.equal(await row.locator('button[data-col="target_2025"]').textContent(), first.cells.target_2025.raw);
    const later = plans[1].indicators.find((i) => i.table === 'plan' && i.key === first.key);
    assert.equal(await row.locator('button[data-col="base_2025"]').textContent(), later.cells.base_2025.raw);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page overflows by ${overflow}px`);
    await page.screenshot({ path: screenshotPath(`periods-two-plans-met-${width}`), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('the growth chart and the layout map draw the outlines', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  // The canonical indicator most outlines print as numbers for 2025 and 2030.
  const numeric = (c) => c && c.value != null && !c.cumulative;
  const keys = data.indicator_keys.map((k) => [k.key, data.localities.filter((l) => l.indicators.some((i) =>
    i.table === 'plan' && i.key === k.key && numeric(i.cells.base_2025) && numeric(i.cells.target_2030))).length]);
  const [gkey, n] = keys.sort((a, b) => b[1] - a[1])[0];
  assert.ok(n >= 2, `an indicator two outlines print as numbers (${gkey}: ${n})`);
  await open(page, `&view=growth&gkey=${gkey}`);
  await page.locator('canvas.growth[data-drawn]').waitFor();
  assert.ok((await canvasInk(page, 'canvas.growth')).ink > 1000, 'chart has ink');
  // The chart's data table runs from 2025 to 2030, as printed.
  const years = await page.locator('details.chart-data tbody td:nth-child(2)').allTextContents();
  assert.ok(years.includes('2025') && years.includes('2030'), years.join(','));
  await page.screenshot({ path: screenshotPath('periods-growth-1280'), fullPage: true });
  const hz = data.localities.find((l) => l.layouts.length) ?? data.localities[0];
  await open(page, `&view=map&mloc=${hz.id}`);
  await page.locator('canvas[data-drawn]').first().waitFor();
  await page.screenshot({ path: screenshotPath('periods-map-1280'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

// Growth, compare and spatial-layout views: every canvas draws real pixels, follows its
// selection (kept in the URL), and the map draws every layout element of every locality.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, expected, dist, screenshotPath, watchErrors, canvasInk, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(dist()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('growth chart draws the chosen indicator and keeps the choice in the URL', async () => {
  const page = await browser.newPage({ deviceScaleFactor: 2 });
  const errors = watchErrors(page);
  await open(page, `${server.url}?view=growth`);
  await page.locator('canvas.growth[data-drawn]').waitFor();
  const gdp = await canvasInk(page, 'canvas.growth');
  assert.ok(gdp.ink > 2000, `chart has ink (${gdp.ink})`);
  assert.equal(gdp.width, 2 * (await page.locator('canvas.growth').evaluate((c) => c.clientWidth)), 'HiDPI buffer');
  const withGdp = expected().localities.filter((l) => l.indicators.some((i) => i.key === 'gdp'));
  assert.equal(await page.locator('.growth-notes li').count(), withGdp.length);
  // The stated growth is the one the overview shows: the GDP row's growth, else its growth row.
  for (const l of withGdp) {
    const row = (key) => l.indicators.find((i) => i.table === 'plan' && i.key === key);
    const stated = row('gdp')?.cells.target_growth ?? row('gdp_growth')?.cells.target_growth
      ?? row('gdp_growth')?.cells[`target_${1970 + 5 * (l.period - 3)}`];
    const shown = await page.locator(`.growth-notes li[data-locality="${l.id}"] .stated`).textContent();
    assert.equal(shown, stated ? stated.raw : '—', `${l.name}: stated growth`);
  }
  // A plan that prints its GDP base and a growth rate but no GDP target gets the path that rate
  // implies, labelled as such in the chart's data.
  const end = (l) => 1970 + 5 * (l.period - 3);
  const impliedFor = withGdp.filter((l) => {
    const base = end(l) - 5;
    const rows = l.indicators.filter((i) => i.key === 'gdp');
    const plan = rows.find((i) => i.table === 'plan');
    const growthRow = l.indicators.find((i) => i.table === 'plan' && i.key === 'gdp_growth');
    const rate = plan?.cells.target_growth ?? growthRow?.cells.target_growth ?? growthRow?.cells[`target_${end(l)}`];
    const level = (c) => c?.value != null && !c.cumulative;
    const hasBase = rows.some((r) => [`base_${base}`, `actual_${base}`, `value_${base}`].some((k) => level(r.cells[k])));
    return hasBase && !level(plan?.cells[`target_${end(l)}`]) && level(rate);
  });
  const impliedRows = await page.locator('details.chart-data tbody tr', { hasText: '按规划增速推算' }).count();
  assert.equal(impliedRows, impliedFor.reduce((n) => n + 5, 0), impliedFor.map((l) => l.name).join());
  await page.screenshot({ path: screenshotPath('growth-gdp'), fullPage: true });

  await page.selectOption('#filter-gkey', 'forest_cover');
  await page.waitForFunction(() => document.querySelector('.growth-notes li') && document.querySelectorAll('.growth-notes li').length === 5);
  const forest = await canvasInk(page, 'canvas.growth');
  assert.notEqual(forest.hash, gdp.hash, 'chart redrew');
  await page.waitForURL(/gkey=forest_cover/); // written after the view updates
  await page.reload();
  await page.locator('canvas.growth[data-drawn]').waitFor();
  assert.equal(await page.inputValue('#filter-gkey'), 'forest_cover');
  assert.deepEqual(errors, []);
});

test('compare lists the shared indicators and draws both charts', async () => {
  const page = await browser.newPage();
  await open(page, `${server.url}?view=compare`);
  await page.locator('table.compare').waitFor();
  const data = expected();
  const keys = data.indicator_keys.filter((k) =>
    data.localities.filter((l) => l.indicators.some((i) => i.table === 'plan' && i.key === k.key)).length >= 2);
  assert.equal(await page.locator('table.compare tbody tr').count(), keys.length);
  for (const sel of ['canvas.compare-bars', 'canvas.compare-glance']) {
    await page.locator(`${sel}[data-drawn]`).waitFor();
    assert.ok((await canvasInk(page, sel)).ink > 1000, sel);
  }
  const missing = page.locator('table.compare td.missing').first();
  assert.ok((await missing.getAttribute('title')).length > 0, 'a missing value says why');
  // A dumbbell chart opens drawn for the default indicator, with at least two localities on it,
  // each labelled with its target as printed, sorted by target.
  const charted = () => page.locator('.chart-with-note[data-key]');
  const ckey = await charted().first().getAttribute('data-key');
  assert.ok(keys.some((k) => k.key === ckey), ckey);
  const label = await page.locator('canvas.compare-bars').first().getAttribute('aria-label');
  assert.ok(label.includes(data.indicator_keys.find((k) => k.key === ckey).zh), label);
  const parts = label.slice(label.indexOf(': ') + 2).split('; ');
  assert.ok(parts.length >= 2, `two or more localities charted: ${label}`);
  const targets = parts.map((part) => {
    const l = data.localities.find((x) => part.startsWith(x.name));
    const row = l.indicators.find((i) => i.table === 'plan' && i.key === ckey);
    const cell = row.cells.target_2025 ?? row.cells.target_growth;
    assert.ok(part.endsWith(cell.raw), `${part} ends with the target as printed, ${cell.raw}`);
    return cell.value;
  });
  targets.slice(1).forEach((t, i) => assert.ok(targets[i] >= t, `sorted by target: ${targets}`));
  // One chart per chosen indicator: add one, then remove it again.
  const other = keys.find((k) => k.key !== ckey && k.key === 'forest_cover') ?? keys.find((k) => k.key !== ckey);
  await page.selectOption('#filter-ckey', other.key);
  await page.locator(`.chart-with-note[data-key="${other.key}"] canvas[data-drawn]`).waitFor();
  assert.equal(await charted().count(), 2);
  assert.match(decodeURIComponent(page.url()), new RegExp(`ckey=${ckey},${other.key}`));
  await page.locator(`.compare-keys .chip[data-key="${other.key}"] button.remove`).click();
  await page.waitForFunction(() => document.querySelectorAll('.chart-with-note[data-key]').length === 1);
  // A link that names an indicator twice (or one the corpus lacks) charts each known one once.
  await open(page, `${server.url}?view=compare&ckey=${ckey},${other.key},${ckey},no_such_key`);
  await page.locator(`.chart-with-note[data-key="${other.key}"] canvas[data-drawn]`).waitFor();
  assert.deepEqual(await charted().evaluateAll((els) => els.map((e) => e.dataset.key)), [ckey, other.key]);
  // The indicator column stays in view while the localities scroll inside the table's own box.
  const layout = await page.evaluate(() => ({
    sticky: getComputedStyle(document.querySelector('table.compare tbody th[scope="row"]')).position,
    page: document.documentElement.scrollWidth - window.innerWidth,
  }));
  assert.deepEqual(layout, { sticky: 'sticky', page: 0 });
  await page.screenshot({ path: screenshotPath('compare'), fullPage: true });
  // On a phone: a card per indicator, no wide table, no page scroll.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.locator('.compare-card').first().waitFor();
  const phone = await page.evaluate(() => ({
    cards: document.querySelectorAll('.compare-card').length,
    table: getComputedStyle(document.querySelector('.compare-wrap')).display,
    page: document.documentElement.scrollWidth - window.innerWidth,
  }));
  assert.deepEqual(phone, { cards: keys.length, table: 'none', page: 0 });
  await page.screenshot({ path: screenshotPath('compare-390'), fullPage: true });
  await open(page, `${server.url}?view=compare&loc=430321`);
  await page.locator('.notice').waitFor();
});

test('the map of every locality draws all its layout elements', async () => {
  const page = await browser.newPage();
  for (const loc of expected().localities) {
    const layout = loc.layouts.find((l) => l.primary);
    await open(page, `${server.url}?view=map&mloc=${loc.id}`);
    await page.locator('canvas.layout-map[data-drawn]').waitFor();
    const base = await canvasInk(page, 'canvas.layout-map');
    assert.ok(base.ink > 5000, `${loc.name}: map has ink`);
    // Labels never overlap one another.
    const boxes = (await page.locator('canvas.layout-map').getAttribute('data-label-boxes')).split(';').filter(Boolean)
      .map((b) => b.split(',').map(Number));
    assert.ok(boxes.length >= 1, `${loc.name}: some labels drawn`);
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) {
      assert.ok(a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1], `${loc.name}: labels overlap ${a} / ${b}`);
    }
    assert.equal(await page.locator('ol.elements li').count(), layout.elements.length, loc.name);
    assert.equal(await page.locator('.schematic g.schematic-element').count(), layout.elements.length, loc.name);
    let previous = base.hash;
    for (const [k, e] of layout.elements.entries()) {
      if (!e.places.some((p) => p.lon != null)) continue;
      await page.locator(`ol.elements li[data-element="${k}"] button.element`).click();
      await page.waitForFunction((h) => {
        const c = document.querySelector('canvas.layout-map');
        return c && c.getAttribute('data-drawn');
      }, previous);
      const now = await canvasInk(page, 'canvas.layout-map');
      assert.notEqual(now.hash, previous, `${loc.name}: highlighting ${e.name} changes the map (it is drawn)`);
      previous = now.hash;
    }
    const unlocated = layout.elements.flatMap((e) => e.places.filter((p) => p.name == null));
    // Rivers, roads and landmarks are listed by kind, each once, as printed.
    for (const kind of new Set(unlocated.map((p) => p.kind))) {
      const names = [...new Set(unlocated.filter((p) => p.kind === kind).map((p) => p.as_printed))];
      const text = await page.locator(`.unlocated-kinds li[data-kind="${kind}"]`).textContent();
      for (const n of names) assert.ok(text.includes(n), `${loc.name}: ${kind} ${n} listed`);
    }
    // Every element's places appear in the schematic, located or not.
    for (const [k, e] of layout.elements.entries()) {
      const text = await page.locator(`.schematic g.schematic-element[data-element="${k}"]`).textContent();
      for (const p of e.places) assert.ok(text.includes(p.as_printed), `${loc.name}: schematic ${e.name} shows ${p.as_printed}`);
    }
    await page.screenshot({ path: screenshotPath(`map-${loc.id}`), fullPage: true });
  }
});

test('on a phone the schematic stays readable and scrolls inside its own box', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  await open(page, `${server.url}?view=map&mloc=430381`);
  await page.locator('.schematic g.schematic-element').first().waitFor();
  const m = await page.evaluate(() => {
    const fig = document.querySelector('figure.schematic');
    return {
      page: document.documentElement.scrollWidth - window.innerWidth,
      svg: fig.querySelector('svg').getBoundingClientRect().width,
      scrolls: fig.scrollWidth > fig.clientWidth,
      focusable: fig.tabIndex >= 0,
    };
  });
  assert.ok(m.page <= 0, `no page scroll (${m.page}px)`);
  assert.ok(m.svg >= 700, `schematic drawn at a readable width (${m.svg}px)`);
  assert.ok(m.scrolls && m.focusable, 'the schematic box scrolls and takes keyboard focus');
});

// Browser figures for `cargo xtask scale` (not a test): the widget in `ATLAS_DIST` with the
// corpus site `ATLAS_SCALE_SITE` served as its `atlas/`. `ATLAS_SCALE_IDS` lists locality ids to
// choose (comma-separated, at least 13). Prints one JSON object on stdout.
import { serve, launch, dist, keystrokeTimes, pct } from './harness.mjs';

const LOADS = 5;
const KEYSTROKES = 30;

const ids = process.env.ATLAS_SCALE_IDS.split(',');
const server = await serve(dist(), {}, { '/atlas/': process.env.ATLAS_SCALE_SITE });
const browser = await launch();
const out = {};

/** Times in the page from `act` until `selector` exists (a MutationObserver), in ms. */
const timeUntil = (page, act, selector) => page.evaluate(async ([act, selector]) => {
  const done = new Promise((resolve) => {
    const check = () => document.querySelector(selector);
    const mo = new MutationObserver(() => { if (check()) { mo.disconnect(); resolve(performance.now()); } });
    mo.observe(document.body, { childList: true, subtree: true, attributes: true });
    setTimeout(() => { mo.disconnect(); resolve(null); }, 10000);
  });
  const t0 = performance.now();
  new Function(act)();
  const t1 = await done;
  return t1 === null ? null : t1 - t0;
}, [act, selector]);

const go = (query) => `history.pushState(null, '', ${JSON.stringify(query)}); dispatchEvent(new PopStateEvent('popstate'));`;

// Time to first chart: a fresh page, the first locality's overview card and its layout thumbnail.
{
  const t = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await browser.newPage();
    await page.goto(`${server.url}?loc=${ids[0]}`);
    await page.locator('canvas[data-drawn]').first().waitFor();
    t.push(await page.evaluate(() => performance.getEntriesByName('atlas-first-chart')[0].startTime));
    await page.close();
  }
  out.first_chart_ms = pct(t, 0.5);
}

// Opening one more locality: its card is fetched, decoded and drawn.
{
  const page = await browser.newPage();
  await page.goto(`${server.url}?loc=${ids[0]}`);
  await page.locator(`article.card[data-locality="${ids[0]}"]`).waitFor();
  const t = [];
  for (let k = 1; k <= LOADS; k++) {
    const ms = await timeUntil(page, go(`?loc=${ids[0]},${ids[k]}`), `article.card[data-locality="${ids[k]}"]`);
    if (ms !== null) t.push(ms);
    await page.evaluate(go(`?loc=${ids[0]}`));
    await page.waitForTimeout(100);
  }
  out.open_one_more_ms = pct(t, 0.5);
  await page.close();
}

// Twelve chosen: the indicator filter per keystroke, and switching to compare.
const twelve = ids.slice(0, 12).join(',');
{
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=indicators&loc=${twelve}`);
  await page.locator('table.indicators tbody tr:not([hidden])').first().waitFor();
  const times = await keystrokeTimes(page, '#filter-q', '.view', ['森林', '率', '生产', '收入', '', '失业'], KEYSTROKES);
  out.filter_p50_ms = pct(times, 0.5);
  out.filter_p95_ms = pct(times, 0.95);
  const t = [];
  for (let i = 0; i < 3; i++) {
    const ms = await timeUntil(page, go(`?view=compare&loc=${twelve}`), 'table.compare tbody tr');
    if (ms !== null) t.push(ms);
    await page.evaluate(go(`?view=indicators&loc=${twelve}`));
    await page.locator('table.indicators tbody tr:not([hidden])').first().waitFor();
  }
  out.compare_ms = pct(t, 0.5);
  await page.close();
}

// The picker (large corpora only): a keystroke until the matches are listed.
{
  const page = await browser.newPage();
  await page.goto(`${server.url}?loc=${ids[0]}`);
  await page.locator('article.card').first().waitFor();
  if (await page.locator('#pick-search').count()) {
    const times = await keystrokeTimes(page, '#pick-search', '.picker', ['县', '市', '区', 'an', 'xi', '湖', 'he'], KEYSTROKES);
    out.picker_p50_ms = pct(times, 0.5);
    out.picker_p95_ms = pct(times, 0.95);
  }
  await page.close();
}

// The corpus map: the draw time it records, plan presence and then a choropleth.
{
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=corpus&loc=${ids[0]}`);
  await page.locator('canvas.corpus-map[data-drawn]').waitFor();
  const draws = [];
  for (const key of ['', 'gdp', 'forest_cover', '', 'gdp']) {
    await page.selectOption('#corpus-map-key', key);
    if (key) await page.locator('ul.legend[data-values]').waitFor();
    await page.waitForTimeout(150);
    draws.push(Number(await page.locator('canvas.corpus-map').getAttribute('data-draw-ms')));
  }
  out.corpus_map_draw_p50_ms = pct(draws, 0.5);
  out.corpus_map_draw_max_ms = Math.max(...draws);
  await page.close();
}

await browser.close();
await server.close();
console.log(JSON.stringify(out));

// Browser figures for `cargo xtask bench` (not a test): medians over repeated loads in headless
// Chromium of the release build. Prints one JSON object on stdout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve, launch, dist, keystrokeTimes, pct } from './harness.mjs';

const LOADS = Number(process.env.BENCH_LOADS ?? 7);
const KEYSTROKES = 40;
const REDRAWS = 20;
const SEARCHES = 30;

const median = (v) => { const s = [...v].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const server = await serve(dist());
const browser = await launch();
const out = {};

// What a first visit downloads: every file a fresh page of the default view asks for until the
// view is shown and the network is idle (the wasm chunks of other views arrive only when opened),
// and what opening each other view adds. `cargo xtask bench` sums their brotli sizes.
{
  const page = await browser.newPage();
  const asked = [];
  // GET only: the offline link's presence is checked with HEAD, not downloaded.
  page.on('request', (r) => r.method() === 'GET' && asked.push(new URL(r.url()).pathname.replace(/^\//, '')));
  await page.goto(server.url, { waitUntil: 'networkidle' });
  await page.locator('.card canvas[data-drawn]').first().waitFor();
  await page.waitForLoadState('networkidle');
  out.first_load_files = [...new Set(asked.map(decodeURIComponent).filter((f) => f && !f.endsWith('/')))];
  out.first_load_files.unshift('index.html');
  out.view_files = {};
  for (const view of ['indicators', 'growth', 'compare', 'map', 'projects', 'text', 'corpus']) {
    asked.length = 0;
    await page.locator(`[role="tab"][data-view="${view}"]`).click();
    await page.locator('#view-panel .loading[role="status"]').waitFor({ state: 'detached' });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    out.view_files[view] = [...new Set(asked.filter((f) => f.endsWith('.wasm')))];
  }
  await page.close();
}

// Time to first chart: a fresh page per load, growth view.
const firstChart = [];
for (let i = 0; i < LOADS; i++) {
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=growth`);
  await page.locator('canvas.growth[data-drawn]').waitFor();
  firstChart.push(await page.evaluate(() => performance.getEntriesByName('atlas-first-chart')[0].startTime));
  await page.close();
}
out.first_chart_ms = median(firstChart);

// Filters on the indicators view: typing a keyword, clearing it, changing a facet (p50/p95).
{
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=indicators`);
  await page.locator('table.indicators tbody tr:not([hidden])').first().waitFor();
  const quantiles = (name, times) => {
    out[`${name}_samples`] = times.length;
    out[`${name}_p50_ms`] = pct(times, 0.5);
    out[`${name}_p95_ms`] = pct(times, 0.95);
  };
  quantiles('filter', await keystrokeTimes(page, '#filter-q', '.view', ['森林', '率', '生产', '收入', '失业', '产业'], KEYSTROKES));
  quantiles('clear', await keystrokeTimes(page, '#filter-q', '.view', ['森林', ''], KEYSTROKES, { only: '' }));
  quantiles('facet', await keystrokeTimes(page, '#filter-table', '.view', ['plan', 'review', ''], KEYSTROKES, { event: 'change' }));
  await page.close();
}

// Chart redraw: switch the growth chart's indicator and read the draw time it records.
{
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=growth`);
  await page.locator('canvas.growth[data-drawn]').waitFor();
  const keys = ['forest_cover', 'gdp', 'urbanisation', 'life_expectancy'];
  const draws = [];
  for (let i = 0; i < REDRAWS; i++) {
    await page.selectOption('#filter-gkey', keys[i % keys.length]);
    await page.waitForTimeout(30);
    draws.push(Number(await page.locator('canvas.growth').getAttribute('data-draw-ms')));
  }
  out.redraw_ms = median(draws);
  await page.close();
}

// Full-text search across all plans, texts already loaded and indexed.
{
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=text`);
  await page.locator('.reader li').first().waitFor();
  // The first search fetches every plan's text and indexes it; the figures are for searches after.
  await page.fill('#filter-tq', '县');
  await page.locator('.search-results').waitFor();
  await page.fill('#filter-tq', '');
  const times = await page.evaluate(async (n) => {
    const input = document.querySelector('#filter-tq');
    const words = ['洣水', '产业', '生态', '湘江', '项目'];
    const t = [];
    for (let i = 0; i < n; i++) {
      const done = new Promise((resolve) => {
        const mo = new MutationObserver(() => {
          if (document.querySelector('.search-results')) { mo.disconnect(); resolve(performance.now()); }
        });
        mo.observe(document.querySelector('.view'), { childList: true, subtree: true, characterData: true });
        setTimeout(() => { mo.disconnect(); resolve(null); }, 2000);
      });
      const t0 = performance.now();
      input.value = words[i % words.length];
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = await done;
      if (t1 !== null) t.push(t1 - t0);
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 150));
    }
    return t;
  }, SEARCHES);
  out.search_samples = times.length;
  out.search_p50_ms = pct(times, 0.5);
  out.search_p95_ms = pct(times, 0.95);
  await page.close();
}

// Adding a plan (添加规划): a file chosen on a fresh page, timed until its card shows, marked as
// added; first with nothing of the compiler loaded (its chunk, worker, wasm and the registry part
// are fetched), then the same file again after removing it (all of that at hand). Every seed plan,
// and the real 十五五 outlines when ATLAS_PLANS15 names their folder.
{
  const root = new URL('../../', import.meta.url);
  const seeds = fs.readdirSync(new URL('corpus/plans/', root)).map((f) => fileURLToPath(new URL(`corpus/plans/${f}`, root)));
  const plans15 = process.env.ATLAS_PLANS15;
  const outlines = plans15 ? fs.readdirSync(plans15).filter((f) => /\.(txt|html)$/.test(f)).map((f) => path.join(plans15, f)) : [];
  const shown = async (page, n) => {
    await page.waitForFunction(
      (n) => document.querySelectorAll('.added-plan[data-stage="done"]').length === n
        && document.querySelector('article.card[data-added]') !== null,
      n,
      { timeout: 120000 },
    );
  };
  out.adding = [];
  const fetched = new Set();
  for (const file of [...seeds, ...outlines].sort()) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url);
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-booting'));
    await page.waitForLoadState('networkidle');
    page.on('request', (r) => r.method() === 'GET' && fetched.add(decodeURIComponent(new URL(r.url()).pathname.replace(/^\//, ''))));
    let t0 = Date.now();
    await page.setInputFiles('#add-plan', file);
    await shown(page, 1);
    const cold = Date.now() - t0;
    await page.locator('.added-plan .added-remove').click();
    await page.waitForFunction(() => !document.querySelector('.added-plan'));
    t0 = Date.now();
    await page.setInputFiles('#add-plan', file);
    await shown(page, 1);
    const warm = Date.now() - t0;
    out.adding.push({ file: path.basename(file), bytes: fs.statSync(file).size, cold_ms: cold, warm_ms: warm });
    await page.close();
  }
  out.adding_files = [...fetched].filter((f) => f && !f.endsWith('/')).sort();

  // PDFs: the 上海 web page printed to PDF (real tables), and the 北京 text printed in large type to a
  // PDF of about 150 pages. Chromium prints them, as a reader saving a page would.
  out.adding_pdf = [];
  if (plans15) {
    const printed = async (name, setup) => {
      const page = await browser.newPage();
      await page.route('**/*', (r) => (/^(file|data|about):/.test(r.request().url()) ? r.continue() : r.abort()));
      await setup(page);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-bench-')), name);
      await page.pdf({ path: file, format: 'A4' });
      await page.close();
      return file;
    };
    const pdfs = [
      await printed('sh-15th.pdf', async (page) => {
        await page.goto(pathToFileURL(path.join(plans15, 'sh-15th.html')).href);
        await page.addStyleTag({ content: '*{overflow:visible!important;max-height:none!important} html,body{height:auto!important}' });
      }),
      await printed('bj-15th.pdf', async (page) => {
        await page.setContent('<pre style="white-space:pre-wrap;font:22pt serif"></pre>');
        const text = fs.readFileSync(path.join(plans15, 'bj-15th.txt'), 'utf8');
        await page.evaluate((t) => { document.querySelector('pre').textContent = t; }, text);
      }),
    ];
    for (const file of pdfs) {
      const pages = fs.readFileSync(file).toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(server.url);
      await page.waitForFunction(() => !document.documentElement.hasAttribute('data-booting'));
      await page.waitForLoadState('networkidle');
      const t0 = Date.now();
      await page.setInputFiles('#add-plan', file);
      await shown(page, 1);
      out.adding_pdf.push({ file: path.basename(file), pages, bytes: fs.statSync(file).size, cold_ms: Date.now() - t0 });
      await page.close();
    }
  }
}

await browser.close();
await server.close();
console.log(JSON.stringify(out));

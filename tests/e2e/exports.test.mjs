// Downloads and render flags: CSV of the filtered rows (BOM, exact row count, source line), PNG
// of a chart (2×, not blank), plain/static/dark flags, and hostile parameters ignored with a
// notice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, expected, dist, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(dist()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('CSV of the filtered indicator rows', async () => {
  const page = await browser.newPage();
  await open(page, `${server.url}?view=indicators&table=14th&key=forest_cover`);
  await page.locator('table.indicators').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button.csv').click()]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  assert.equal(text.charCodeAt(0), 0xfeff, 'UTF-8 BOM for Excel');
  const lines = text.slice(1).split('\r\n').filter((l) => l.length);
  const rows = expected().localities.flatMap((l) => l.indicators.filter((i) => i.table === 'plan' && i.key === 'forest_cover'));
  const cells = rows.reduce((n, r) => n + Object.keys(r.cells).length, 0);
  assert.equal(lines.length, 1 + cells + 1, 'header, one line per printed cell, source line');
  assert.match(lines[0], /^locality,table,/);
  assert.match(lines.at(-1), /Plan Atlas|规划图鉴/);
  assert.ok(lines.some((l) => l.includes('森林覆盖率') && l.includes('corpus/plans/')));
});

test('PNG of a chart is 2× and not blank', async () => {
  const page = await browser.newPage();
  await open(page, `${server.url}?view=growth`);
  await page.locator('canvas.growth[data-drawn]').waitFor();
  const cssWidth = await page.locator('canvas.growth').evaluate((c) => c.clientWidth);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button.png').first().click()]);
  const png = fs.readFileSync(await download.path());
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.equal(png.readUInt32BE(16), Math.round(cssWidth * 2), 'width is 2× the chart');
  const ink = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) n++;
    return n;
  }, png.toString('base64'));
  assert.ok(ink > 5000, `PNG has ink (${ink})`);
});

test('render flags: plain, static, dark', async () => {
  const page = await browser.newPage();
  await open(page, `${server.url}?view=indicators&plain`);
  await page.locator('table.indicators').waitFor();
  assert.equal(await page.locator('.tabs').isVisible(), false);
  assert.equal(await page.locator('.filters').isVisible(), true);
  await open(page, `${server.url}?view=indicators&static=1`);
  await page.locator('table.indicators').waitFor();
  assert.equal(await page.locator('.filters').isVisible(), false);
  await page.emulateMedia({ colorScheme: 'light' });
  await open(page, `${server.url}?dark=true`);
  await page.locator('article.card').first().waitFor();
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(13, 17, 23)', 'dark=true wins over a light system setting');
});

test('hostile parameters are ignored with a notice', async () => {
  const page = await browser.newPage();
  await open(page, `${server.url}?view=projects&min=NaN&pq=${encodeURIComponent('<img src=x onerror=alert(1)>')}&evil=${'x'.repeat(500)}`);
  await page.locator('table.projects').waitFor();
  const notice = await page.locator('.notice').textContent();
  assert.match(notice, /min/);
  assert.match(notice, /pq/);
  assert.equal(await page.inputValue('#filter-min'), '');
  await open(page, `${server.url}?view=indicators&q=${encodeURIComponent('<img src=x onerror=alert(1)>')}&evil=${'x'.repeat(500)}`);
  await page.locator('table.indicators').waitFor();
  assert.match(await page.locator('.notice').textContent(), /q/);
  assert.equal(await page.inputValue('#filter-q'), '');
  assert.equal(await page.locator('img[src="x"]').count(), 0);
});

// The single-file offline version opened from file:// with every network request blocked:
// every view works, search included, and a plan can be added.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, expected, dist, screenshotPath, VIEW_READY, open } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const VIEWS = VIEW_READY;

/** A page in `context` with every request but for local files blocked, and what it tried. */
async function offlinePage(context) {
  const blocked = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, blocked, errors };
}

test('the served site links to its offline file', async () => {
  const { serve } = await import('./harness.mjs');
  const server = await serve(dist());
  const page = await browser.newPage();
  await open(page, server.url);
  await page.locator('.offline-link').waitFor();
  const href = await page.locator('.offline-link').getAttribute('href');
  const res = await page.request.get(new URL(href, server.url).href);
  assert.equal(res.status(), 200);
  assert.match(await res.text(), /id="atlas-bundle"/);
  await server.close();
});

test('offline file works from file:// with the network blocked', async () => {
  const context = await browser.newContext();
  const { page, blocked, errors } = await offlinePage(context);
  const file = pathToFileURL(path.resolve(dist(), 'plan-atlas-offline.html')).href;
  for (const [view, ready] of Object.entries(VIEWS)) {
    await open(page, `${file}?view=${view}`);
    await page.locator(ready).first().waitFor({ timeout: 20000 });
  }
  assert.equal(await page.locator('.offline-link').isVisible(), false, 'no download link inside the offline file');
  await open(page, `${file}?view=text&tq=${encodeURIComponent('洣水')}`);
  await page.locator('.search-results details').first().waitFor();
  const hd = expected().localities.find((l) => l.id === '430424');
  assert.ok(Number(await page.locator('details.hits[data-locality="430424"] .hit-count').textContent()) > 0, hd.name);
  await page.screenshot({ path: screenshotPath('offline-text-search') });
  assert.deepEqual(blocked, [], 'nothing tried the network');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the offline file adds a plan with the network blocked: the compiler and the registry are in the file', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, blocked, errors } = await offlinePage(context);
  await open(page, pathToFileURL(path.resolve(dist(), 'plan-atlas-offline.html')).href);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-offline-'));
  const seed = fileURLToPath(new URL('../../corpus/plans/430381-xiangxiang-city.txt', import.meta.url));
  const pdf = path.join(tmp, 'plan.pdf');
  fs.writeFileSync(pdf, '%PDF-1.4\n% a PDF the offline file does not read\n');
  await page.setInputFiles('#add-plan', [seed, pdf]);
  await page.waitForFunction(() => {
    const plans = [...document.querySelectorAll('.added-plan')];
    return plans.length === 2 && plans.every((p) => ['done', 'failed'].includes(p.dataset.stage));
  }, null, { timeout: 60000 });
  const added = page.locator('.added-plan', { hasText: '430381-xiangxiang-city.txt' });
  assert.equal(await added.getAttribute('data-stage'), 'done', await added.innerText());
  const facts = await added.locator('.added-facts').innerText();
  for (const word of ['湘乡市', '430381', '湘潭市', '十四五']) assert.ok(facts.includes(word), `${word} in ${facts}`);
  await page.locator('article.card[data-locality="430381"][data-added]').waitFor();
  const refused = page.locator('.added-plan', { hasText: 'plan.pdf' });
  assert.equal(await refused.getAttribute('data-stage'), 'failed');
  assert.match(await refused.locator('.error').innerText(), /offline file reads texts/);
  // The place picker reads the file's own registry.
  await added.locator('details.added-place summary').click();
  await added.locator('select[id^="place-province-"] option[value="430000"]').waitFor({ state: 'attached' });
  assert.equal(await added.locator('select[id^="place-province-"]').inputValue(), '430000');
  await added.locator('datalist option[value*="(430381)"]').waitFor({ state: 'attached' });
  await page.screenshot({ path: screenshotPath('offline-add-plan'), fullPage: true });
  assert.deepEqual(blocked, [], 'nothing tried the network');
  assert.deepEqual(errors, []);
  fs.rmSync(tmp, { recursive: true, force: true });
  await context.close();
});

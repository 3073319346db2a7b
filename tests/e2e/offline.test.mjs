// The single-file offline version opened from file:// with every network request blocked:
// every view works, search included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, expected, dist, screenshotPath, VIEW_READY, open } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const VIEWS = VIEW_READY;

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

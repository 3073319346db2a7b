// Opening other bundles: a served one through ?bundle=URL, a file through the picker. Truncated,
// bit-flipped and newer-version bundles each give a clear message and keep the current data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, expected, dist, open } from './harness.mjs';

const good = fs.readFileSync(path.join(dist(), 'plans.atlas'));
let server, browser;
before(async () => { server = await serve(dist()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const variants = () => {
  const flipped = Buffer.from(good); flipped[flipped.length >> 1] ^= 0x10;
  const version = good.readUInt16LE(8);
  const newer = Buffer.from(good); newer.writeUInt16LE(version + 1, 8);
  const older = Buffer.from(good); older.writeUInt16LE(version - 1, 8);
  const index = fs.readFileSync(path.join(dist(), 'atlas', 'index.atlas'));
  return {
    truncated: [good.subarray(0, good.length >> 1), /truncated|damaged/],
    flipped: [flipped, /damaged|checksum/],
    newer: [newer, new RegExp(`version ${version + 1} is newer`)],
    older: [older, new RegExp(`version ${version - 1} is older.*atlas build`)],
    wrong: [Buffer.from('GIF89a not a bundle'), /not a Plan Atlas bundle/],
    index: [index, /site's index, not a bundle/],
  };
};

for (const [name, [body, message]] of Object.entries(variants()).filter(([n]) => n !== 'index')) {
  test(`?bundle= with a ${name} bundle keeps the current data`, async () => {
    const page = await browser.newPage();
    await page.route('**/other.atlas', (route) => route.fulfill({ status: 200, body }));
    await open(page, `${server.url}?bundle=other.atlas`);
    await page.locator('.bundle-error').waitFor();
    assert.match(await page.locator('.bundle-error').textContent(), message);
    await page.locator('article.card').first().waitFor();
    assert.equal(await page.locator('article.card').count(), expected().localities.length, 'current data kept');
  });
}

test('the file picker opens a good bundle and refuses every bad one', async () => {
  const page = await browser.newPage();
  await open(page, server.url);
  await page.locator('article.card').first().waitFor();
  for (const [name, [buffer, message]] of Object.entries(variants())) {
    await page.setInputFiles('#open-bundle', { name: `${name}.atlas`, mimeType: 'application/octet-stream', buffer });
    await page.waitForFunction((n) => document.querySelector('.bundle-error')?.textContent.includes(`${n}.atlas`), name);
    assert.match(await page.locator('.bundle-error').textContent(), message, name);
    assert.equal(await page.locator('article.card').count(), expected().localities.length, `${name}: current data kept`);
  }
  await page.setInputFiles('#open-bundle', { name: 'plans.atlas', mimeType: 'application/octet-stream', buffer: good });
  await page.locator('.bundle-error').waitFor({ state: 'detached' });
  assert.equal(await page.locator('article.card').count(), expected().localities.length);
});

test('?bundle= opens a site by its index, and a single-file bundle', async () => {
  const page = await browser.newPage();
  await open(page, `${server.url}?bundle=atlas/index.atlas`);
  await page.locator('article.card').first().waitFor();
  assert.equal(await page.locator('article.card').count(), expected().localities.length);
  await open(page, `${server.url}?bundle=plans.atlas&loc=430424`);
  await page.locator('article.card[data-locality="430424"]').waitFor();
  assert.equal(await page.locator('.bundle-error').count(), 0);
});

// The walking skeleton: the widget decodes the real bundle and shows one row per locality with the
// counts the bundle holds; a damaged bundle shows a readable message instead of a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, expected, dist, screenshotPath, watchErrors } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(dist()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('summary table shows every locality with its counts from the bundle', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url);
  const rows = page.locator('table.summary tbody tr');
  await rows.first().waitFor();
  const data = expected();
  assert.equal(await rows.count(), data.localities.length);
  for (const loc of data.localities) {
    const cells = await page.locator(`tr[data-locality="${loc.id}"] td`).allTextContents();
    const count = (t) => loc.indicators.filter((i) => i.table === t).length;
    assert.deepEqual(cells.slice(0, 3).map(Number), [count('14th'), count('13th'), loc.projects.length], loc.name);
    assert.match(await page.locator(`tr[data-locality="${loc.id}"] th`).textContent(), new RegExp(loc.name));
    const primary = loc.layouts.find((l) => l.primary);
    assert.equal(cells[3], primary.slogan, `${loc.name} primary layout`);
  }
  await page.screenshot({ path: screenshotPath('skeleton-summary'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('a damaged bundle shows a readable error, never a blank page', async () => {
  const page = await browser.newPage();
  await page.route('**/plans.atlas', async (route) => {
    const real = await route.fetch();
    const body = Buffer.from(await real.body());
    body[body.length >> 1] ^= 0xff; // flip one byte in the middle: the checksum must catch it
    await route.fulfill({ response: real, body });
  });
  await page.goto(server.url);
  const alert = page.locator('[role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /damaged|checksum/);
  await page.screenshot({ path: screenshotPath('skeleton-damaged-bundle') });
});

test('a missing bundle says so', async () => {
  const page = await browser.newPage();
  await page.route('**/plans.atlas', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(server.url);
  const alert = page.locator('[role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /HTTP 404/);
});

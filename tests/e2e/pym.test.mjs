// Newsrooms that run Pym.js embed the widget with `new pym.Parent(...)` and no embed.js: the real
// pym.js from npm sizes the iframe from the widget's Pym height messages as the view changes, and
// Pym's own URL parameters raise no "ignored parameters" notice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, dist, open } from './harness.mjs';

const HOST = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A news story</title></head>
<body>
<h1>A news story</h1>
<p>Text before the widget.</p>
<div id="atlas"></div>
<p>Text after the widget.</p>
<script src="/pym/pym.v1.min.js"></script>
<script>window.atlasPym = new pym.Parent('atlas', '/atlas/?view=overview', {});</script>
</body></html>`;

let server, browser, dir;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-pym-'));
  fs.writeFileSync(path.join(dir, 'index.html'), HOST);
  const pymDist = new URL('./node_modules/pym.js/dist/', import.meta.url).pathname;
  server = await serve(dir, {}, { '/pym/': pymDist, '/atlas/': dist() });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a Pym.js parent sizes the widget to its content as the view changes', async () => {
  const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
  await open(page, server.url);
  const iframe = page.locator('#atlas iframe');
  await iframe.waitFor();
  const frame = page.frameLocator('#atlas iframe');
  await frame.locator('article.card').first().waitFor();
  const fits = async () => {
    // Pym sets the iframe's height attribute to what the widget reports.
    await page.waitForFunction(() => {
      const f = document.querySelector('#atlas iframe');
      const h = parseInt(f.getAttribute('height'), 10);
      const doc = f.contentDocument?.documentElement;
      return doc && Math.abs(h - doc.scrollHeight) <= 2;
    }, null, { timeout: 10000 });
    return parseInt(await iframe.getAttribute('height'), 10);
  };
  const overview = await fits();
  assert.ok(overview > 300, `overview height ${overview}`);
  const src = new URL(await iframe.getAttribute('src'), server.url);
  assert.ok(src.searchParams.get('childId') && src.searchParams.get('initialWidth'), 'Pym adds its parameters');
  assert.equal(await frame.locator('.notice[role="note"]').count(), 0, 'no notice about Pym parameters');

  await frame.locator('button[role="tab"][data-view="map"]').click();
  await frame.locator('canvas.layout-map[data-drawn]').waitFor();
  const map = await fits();
  assert.notEqual(map, overview, 'the height follows the new view');
});

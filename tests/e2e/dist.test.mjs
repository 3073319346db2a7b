// dist/ is ready for any static host: the widget's files have content-hashed names that the page
// loads, and every asset has .br and .gz siblings holding exactly its bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { dist, expected, open } from './harness.mjs';

const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));

test('the page loads content-hashed files', () => {
  const root = dist();
  const names = JSON.parse(fs.readFileSync(path.join(root, 'assets.json'), 'utf8'));
  for (const plain of ['plan-atlas_bg.wasm', 'plan-atlas.js', 'atlas.css', 'init.js']) {
    assert.match(names[plain], /-[0-9a-f]{10}\./, plain);
    assert.ok(fs.existsSync(path.join(root, names[plain])), names[plain]);
    assert.ok(!fs.existsSync(path.join(root, plain)), `${plain} is only there hashed`);
  }
  const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  assert.ok(html.includes(`src="${names['init.js']}"`) && html.includes(`./${names['atlas.css']}`), html);
  const init = fs.readFileSync(path.join(root, names['init.js']), 'utf8');
  assert.ok(init.includes(names['plan-atlas.js']) && init.includes(names['plan-atlas_bg.wasm']), init);
});

test('every asset has precompressed siblings with its exact bytes', () => {
  const files = walk(dist()).filter((f) => /\.(html|js|wasm|css|atlas|json|svg)$/.test(f) && fs.statSync(f).size >= 512);
  assert.ok(files.length >= 10, `${files.length} assets`);
  for (const f of files) {
    const raw = fs.readFileSync(f);
    assert.ok(zlib.brotliDecompressSync(fs.readFileSync(`${f}.br`)).equals(raw), `${f}.br`);
    assert.ok(zlib.gunzipSync(fs.readFileSync(`${f}.gz`)).equals(raw), `${f}.gz`);
  }
});

test('the first screen fetches only the main wasm module; a view fetches its code when opened or pointed at', async () => {
  const { serve, launch } = await import('./harness.mjs');
  const server = await serve(dist());
  const browser = await launch();
  try {
    const names = JSON.parse(fs.readFileSync(path.join(dist(), 'assets.json'), 'utf8'));
    const chunks = Object.keys(names).filter((n) => /^split_.*\.wasm$/.test(n));
    assert.ok(chunks.some((n) => n.startsWith('split_text_view')), `lazy chunks: ${chunks}`);
    const page = await browser.newPage();
    const wasm = [];
    const data = [];
    page.on('request', (r) => {
      const file = new URL(r.url()).pathname;
      if (file.endsWith('.wasm')) wasm.push(path.basename(file));
      if (file.startsWith('/atlas/')) data.push(file.slice('/atlas/'.length));
    });
    await open(page, server.url, { waitUntil: 'networkidle' });
    await page.locator('.card canvas[data-drawn]').first().waitFor();
    assert.deepEqual(wasm, [names['plan-atlas_bg.wasm']], 'the overview needs the main module alone');
    // The overview reads the index and one small card per locality, no shard.
    const ids = expected().localities.map((l) => l.id);
    assert.deepEqual(data.filter((f) => !f.startsWith('card/')), ['index.atlas'], `fetched: ${data}`);
    assert.deepEqual(data.filter((f) => f.startsWith('card/')).map((f) => f.slice(5, 11)).sort(), [...ids].sort());
    // A tab under the pointer starts fetching its view's shards before it is clicked.
    const shard = page.waitForRequest((r) => /\/atlas\/loc\//.test(r.url()));
    await page.locator('[role="tab"][data-view="indicators"]').hover();
    await shard;
    await page.locator('[role="tab"][data-view="text"]').click();
    await page.locator('.outline, .reader').first().waitFor();
    assert.ok(wasm.includes(names[chunks.find((n) => n.startsWith('split_text_view'))]), `fetched: ${wasm}`);
    assert.ok(!wasm.some((w) => w.startsWith('split_map_view')), 'other views stay unfetched');
    // A tab under the pointer starts fetching its view's code before it is clicked.
    const mapChunk = page.waitForRequest((r) => /split_map_view/.test(r.url()));
    await page.locator('[role="tab"][data-view="map"]').hover();
    await mapChunk;
    await page.close();
  } finally {
    await browser.close();
    await server.close();
  }
});

test("a view whose code cannot be fetched says so and offers a retry; the rest keeps working", async () => {
  const { serve, launch } = await import('./harness.mjs');
  const server = await serve(dist());
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route(/split_projects_view.*\.wasm$/, (r) => r.abort());
    await open(page, server.url);
    await page.locator('.card canvas[data-drawn]').first().waitFor();
    await page.locator('[role="tab"][data-view="projects"]').click();
    const alert = page.locator('#view-panel .error[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /无法加载/);
    // With the connection back, the retry shows the view; and another view opens: nothing crashed.
    await page.unroute(/split_projects_view.*\.wasm$/);
    await page.locator('#view-panel button.retry').click();
    await page.locator('table.projects tbody tr:not([hidden])').first().waitFor();
    await page.locator('[role="tab"][data-view="text"]').click();
    await page.locator('.outline').first().waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await browser.close();
    await server.close();
  }
});

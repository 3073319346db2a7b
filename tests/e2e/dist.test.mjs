// dist/ is ready for any static host: the widget's files have content-hashed names that the page
// loads, and every asset has .br and .gz siblings holding exactly its bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { dist } from './harness.mjs';

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

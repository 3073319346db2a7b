// Shared set-up for the browser tests: a static server for dist/ on 127.0.0.1, Debian's Chromium
// through playwright-core, and the compiled bundle's JSON dump as the source of expected values.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.atlas': 'application/octet-stream',
  '.png': 'image/png', '.svg': 'image/svg+xml',
};

/**
 * Serves `dir` on a free loopback port; `headers` are added to every response. `mounts` maps a
 * path prefix (`/atlas/`) to another directory, to serve the widget with another corpus.
 */
export async function serve(dir, headers = {}, mounts = {}) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const pathname = decodeURIComponent(url.pathname);
    const mount = Object.keys(mounts).find((m) => pathname.startsWith(m));
    const base = mount ? path.resolve(mounts[mount]) : root;
    let file = path.join(base, mount ? pathname.slice(mount.length) : pathname);
    if (!file.startsWith(base)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Closing ends the browser's open connections too: a page left open must not hold the test.
  const close = () => new Promise((r) => {
    server.close(r);
    server.closeAllConnections();
  });
  return { url: `http://127.0.0.1:${server.address().port}/`, close };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * Opens `url` and waits until the app has taken the prerendered first screen's place (or shown an
 * error): until then the page holds both, and a locator could find the first screen's copy.
 */
export async function open(page, url, options) {
  const response = await page.goto(url, options);
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-booting'), null, { timeout: 30000 });
  return response;
}

/** The strict Content-Security-Policy an embedding host may set; the widget must run under it. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:";

/** The bundle as `atlas dump --json` prints it. */
export function expected() {
  return JSON.parse(fs.readFileSync(process.env.ATLAS_JSON, 'utf8'));
}

export const dist = () => process.env.ATLAS_DIST ?? 'dist';

export function screenshotPath(name) {
  const dir = process.env.ATLAS_SCREENSHOTS ?? 'target/e2e';
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

/** Collects page errors and console errors so a test can assert there were none. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  return errors;
}

/** How many pixels of a canvas differ from its top-left (background) pixel, and a hash of them. */
export async function canvasInk(page, selector) {
  return page.locator(selector).evaluate((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let ink = 0;
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) ink++;
      hash = (hash * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2]) | 0;
    }
    return { ink, hash, width: c.width, height: c.height };
  });
}

/** Each view, and the element that shows it has rendered with data. */
export const VIEW_READY = {
  overview: 'article.card',
  corpus: 'canvas.corpus-map[data-drawn]',
  indicators: 'table.indicators tbody tr:not([hidden])',
  projects: 'table.projects tbody tr:not([hidden])',
  growth: 'canvas.growth[data-drawn]',
  map: 'canvas.layout-map[data-drawn]',
  compare: 'canvas.compare-bars[data-drawn]',
  met: 'table.met tbody tr',
  text: '.reader li',
};

/**
 * Types each of `words` in turn into the input `input` (`n` keystrokes) and times, in the page,
 * each keystroke until the first DOM change under `observed`. A keystroke that changes nothing
 * is not counted. Returns the times in ms.
 */
/** Times from setting `input` (a text box or select) to the DOM under `observed` changing, one per change. */
export function keystrokeTimes(page, input, observed, words, n, { event = 'input', only = null } = {}) {
  return page.evaluate(async ([input, observed, words, n, event, only]) => {
    const field = document.querySelector(input);
    const t = [];
    // Between changes the page settles as it would between a reader's keystrokes: rows that
    // long tables add frame by frame are in, so each figure is one change's own work.
    const settle = () => new Promise((r) => setTimeout(r, 150));
    for (let i = 0; i < n; i++) {
      const value = words[i % words.length];
      if (field.value === value) continue;
      await settle();
      const done = new Promise((resolve) => {
        const mo = new MutationObserver(() => { mo.disconnect(); resolve(performance.now()); });
        mo.observe(document.querySelector(observed), { childList: true, subtree: true, characterData: true, attributes: true });
        setTimeout(() => { mo.disconnect(); resolve(null); }, 2000);
      });
      const t0 = performance.now();
      field.value = value;
      field.dispatchEvent(new Event(event, { bubbles: true }));
      const t1 = await done;
      if (t1 !== null && (only === null || only === value)) t.push(t1 - t0);
    }
    return t;
  }, [input, observed, words, n, event, only]);
}

/** The `p`-quantile of `v` (0.5 for the median). */
export const pct = (v, p) => { const s = [...v].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))] : null; };

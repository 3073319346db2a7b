// Embedding under a strict Content-Security-Policy: every view of the widget and the demo news
// page with two embedded widgets run with zero CSP violations, and embed.js sizes each iframe to
// its content as the viewport and the view change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, dist, screenshotPath, VIEW_READY, open, CSP } from './harness.mjs';

let server, browser;
before(async () => {
  server = await serve(dist(), { 'content-security-policy': CSP });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

async function cspWatchedPage(viewport) {
  const page = await browser.newPage({ viewport });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.sourceFile || e.blockedURI} ${e.lineNumber}`));
  });
  return page;
}
const allViolations = async (page) => (await Promise.all(page.frames().map((f) => f.evaluate(() => window.__csp ?? []).catch(() => [])))).flat();
const violations = allViolations;

test('every view runs under the strict CSP with zero violations', async () => {
  const page = await cspWatchedPage({ width: 1280, height: 900 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const [view, ready] of Object.entries(VIEW_READY)) {
    await open(page, `${server.url}?view=${view}`);
    await page.locator(ready).first().waitFor();
    assert.deepEqual(await violations(page), [], `${view}: CSP violations`);
  }
  await open(page, `${server.url}?view=indicators&prov=430321:262`);
  await page.locator('aside.provenance li.hit').waitFor();
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(errors, []);
});

test('the embed snippet names this page and the host script', async () => {
  const page = await browser.newPage();
  await open(page, `${server.url}?view=map&mloc=430424`);
  await page.locator('canvas.layout-map[data-drawn]').waitFor();
  await page.locator('button.embed').click();
  const snippet = await page.inputValue('#embed-snippet');
  const src = snippet.match(/<iframe src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  const url = new URL(src);
  assert.equal(url.origin, new URL(server.url).origin);
  assert.equal(url.searchParams.get('view'), 'map');
  assert.equal(url.searchParams.get('mloc'), '430424');
  assert.match(snippet, /loading="lazy" width="100%" height="640"/);
  assert.match(snippet, /<script src="http:\/\/127\.0\.0\.1:\d+\/embed\.js" async><\/script>/);
});

test('demo news page: two widgets, heights follow content, zero CSP violations', async () => {
  const page = await cspWatchedPage({ width: 1100, height: 900 });
  await open(page, `${server.url}demo/news.html`);
  await page.frameLocator('#atlas-growth').locator('canvas.growth[data-drawn]').waitFor();
  await page.frameLocator('#atlas-map').locator('canvas.layout-map[data-drawn]').waitFor();
  assert.equal(await page.frameLocator('#atlas-map').locator('.tabs').isVisible(), false, 'plain: no tabs');
  const fit = async (id) => {
    await page.waitForFunction((sel) => {
      const f = document.querySelector(sel);
      const doc = f.contentDocument;
      return doc && f.style.height && Math.abs(parseFloat(f.style.height) - doc.documentElement.scrollHeight) <= 2;
    }, `#${id}`);
    return page.locator(`#${id}`).evaluate((f) => f.getBoundingClientRect().height);
  };
  const growthWide = await fit('atlas-growth');
  const mapWide = await fit('atlas-map');
  assert.notEqual(growthWide, 640, 'height came from the widget, not the fallback');
  await page.screenshot({ path: screenshotPath('embed-news-wide'), fullPage: true });

  await page.setViewportSize({ width: 380, height: 900 });
  await page.waitForFunction((h) => Math.abs(document.querySelector('#atlas-map').getBoundingClientRect().height - h) > 5, mapWide);
  await fit('atlas-map');

  // The iframes load lazily: bring this one into view so that its new page loads now.
  await page.locator('#atlas-map').scrollIntoViewIfNeeded();
  await page.locator('#atlas-map').evaluate((f) => { f.src = '../index.html?view=overview&plain&id=map'; });
  await page.frameLocator('#atlas-map').locator('article.card').first().waitFor();
  const overview = await fit('atlas-map');
  assert.notEqual(Math.round(overview), Math.round(mapWide), 'switching view changes the height');
  await page.screenshot({ path: screenshotPath('embed-news-narrow'), fullPage: true });
  assert.deepEqual(await violations(page), []);
});

test("an embed of one locality fetches the index and that one locality's files only", async () => {
  const page = await browser.newPage({ viewport: { width: 600, height: 700 } });
  const fetched = [];
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (p.endsWith('.atlas')) fetched.push(p);
  });
  await open(page, `${server.url}?loc=430424&plain`);
  await page.locator('article.card[data-locality="430424"] canvas[data-drawn]').waitFor();
  await page.waitForTimeout(500); // nothing more arrives later
  assert.equal(fetched.length, 2, fetched.join(' '));
  assert.equal(fetched[0], '/atlas/index.atlas');
  // The overview needs the locality's card, not its shard.
  assert.match(fetched[1], /^\/atlas\/card\/430424\.[0-9a-f]{8}\.atlas$/);
  // Another view of the same locality needs nothing more; its source line needs its text only.
  await open(page, `${server.url}?loc=430424&plain&view=growth`);
  await page.locator('canvas.growth[data-drawn]').waitFor();
  await open(page, `${server.url}?loc=430424&plain&view=indicators&prov=430424:363`);
  await page.locator('aside.provenance li.hit').waitFor();
  const later = fetched.slice(2);
  assert.ok(later.every((p) => /^\/atlas\/(index|(card|loc|text)\/430424\.)/.test(p)), fetched.join(' '));
  assert.ok(later.some((p) => p.startsWith('/atlas/loc/430424.')), 'the other views read its shard');
});

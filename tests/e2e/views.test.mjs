// Every view renders with real data in both languages, light and dark, from 360 to 1920 px,
// without errors and without the page overflowing sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, dist, screenshotPath, watchErrors, VIEW_READY, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(dist()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const VIEWS = VIEW_READY;
const SETTINGS = [
  { lang: 'zh', scheme: 'light', width: 1920 },
  { lang: 'en', scheme: 'dark', width: 360 },
];

for (const s of SETTINGS) {
  test(`all views: ${s.lang}, ${s.scheme}, ${s.width}px`, async () => {
    const page = await browser.newPage({ viewport: { width: s.width, height: 900 } });
    await page.emulateMedia({ colorScheme: s.scheme });
    const errors = watchErrors(page);
    for (const [view, ready] of Object.entries(VIEWS)) {
      const lang = s.lang === 'en' ? '&lang=en' : '';
      await open(page, `${server.url}?view=${view}${lang}`);
      await page.locator(ready).first().waitFor();
      const selected = await page.locator(`#tab-${view}`).getAttribute('aria-selected');
      assert.equal(selected, 'true', view);
      const label = await page.locator(`#tab-${view}`).textContent();
      assert.equal(/[a-z]/i.test(label), s.lang === 'en', `${view} tab label is in ${s.lang}: ${label}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${view} at ${s.width}px overflows by ${overflow}px`);
      await page.screenshot({ path: screenshotPath(`view-${view}-${s.lang}-${s.scheme}-${s.width}`), fullPage: false });
    }
    assert.deepEqual(errors, []);
  });
}

// Targets met?: each plan's review of the previous period, target beside result, as printed, with
// a verdict per row whose counts the summary repeats; every value opens its source line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, expected, dist, screenshotPath, watchErrors, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(dist()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('every review row shows its target and result as printed, with a verdict', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await open(page, `${server.url}?view=met`);
  await page.locator('table.met tbody tr').first().waitFor();
  const verdicts = { Met: 0, Missed: 0, NotComparable: 0 };
  for (const loc of expected().localities) {
    const end = 1970 + 5 * (loc.period - 4);
    const reviewed = loc.indicators.filter((i) => i.table === 'review' && i.cells[`target_${end}`]);
    const section = page.locator(`section.met-locality[data-locality="${loc.id}"]`);
    if (!reviewed.length) { assert.equal(await section.count(), 0, loc.name); continue; }
    const rows = section.locator('tbody tr');
    assert.equal(await rows.count(), reviewed.length, loc.name);
    for (const [k, r] of reviewed.entries()) {
      const row = rows.nth(k);
      assert.equal(Number(await row.getAttribute('data-line')), r.line);
      assert.equal(await row.locator(`button[data-col="target_${end}"]`).textContent(), r.cells[`target_${end}`].raw);
    }
    const counted = {};
    for (const v of await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.verdict))) {
      counted[v] = (counted[v] ?? 0) + 1;
      verdicts[v] += 1;
    }
    const summary = await section.locator('.met-summary').textContent();
    assert.equal(summary, `达标 ${counted.Met ?? 0} · 未达标 ${counted.Missed ?? 0} · 不可比 ${counted.NotComparable ?? 0}`);
  }
  assert.ok(verdicts.Met > 0 && verdicts.Missed > 0 && verdicts.NotComparable > 0, JSON.stringify(verdicts));
  // A value opens its line.
  await page.locator('table.met button.value').first().click();
  await page.locator('aside.provenance li.hit').waitFor();
  await page.screenshot({ path: screenshotPath('met-1280'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('targets met? fits a phone: the table scrolls inside its frame, the page does not', async () => {
  for (const [lang, dark] of [['zh', false], ['en', true]]) {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: dark ? 'dark' : 'light' });
    await open(page, `${server.url}?view=met&lang=${lang}`);
    await page.locator('table.met tbody tr').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page overflows by ${overflow}px`);
    // The verdict is in view without scrolling the table sideways.
    const verdict = await page.locator('table.met tbody tr .verdict').first().boundingBox();
    assert.ok(verdict.x + verdict.width <= 390, `verdict at ${verdict.x}+${verdict.width}`);
    await page.screenshot({ path: screenshotPath(`met-390-${lang}`), fullPage: true });
    await page.close();
  }
});

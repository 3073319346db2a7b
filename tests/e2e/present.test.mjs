// Presentation mode: the tour from corpus/tour.toml steps with the arrow keys, shows large type,
// and Escape leaves it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, expected, dist, screenshotPath, open } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(dist()); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('arrow keys step the tour; Escape leaves it', async () => {
  const tour = expected().tour;
  assert.ok(tour.length >= 7, 'each layout, GDP compared, binding indicators');
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await open(page, server.url);
  await page.locator('article.card').first().waitFor();
  const normal = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await page.locator('button.present').click();
  await page.locator('.tour-bar').waitFor();
  const large = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.ok(large > normal, 'large type');
  for (let i = 0; i < tour.length; i++) {
    const want = new URLSearchParams(tour[i].params);
    assert.match(await page.locator('.tour-step').textContent(), new RegExp(`^${i + 1}/${tour.length}`));
    await page.waitForFunction((v) => new URLSearchParams(location.search).get('view') === v, want.get('view'));
    if (want.get('mloc')) assert.equal(new URL(page.url()).searchParams.get('mloc'), want.get('mloc'));
    if (i === 2) await page.screenshot({ path: screenshotPath('present-step-3') });
    if (i + 1 < tour.length) await page.keyboard.press('ArrowRight');
  }
  await page.keyboard.press('ArrowLeft');
  assert.match(await page.locator('.tour-step').textContent(), new RegExp(`^${tour.length - 1}/`));
  await page.keyboard.press('Escape');
  await page.locator('.tour-bar').waitFor({ state: 'detached' });
  assert.equal(new URL(page.url()).searchParams.has('present'), false);
});

test('on a phone the tour bar puts the step above its buttons, all within the screen', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  await open(page, `${server.url}?present=1&step=0&lang=en`);
  await page.locator('.tour-bar').waitFor();
  const box = (s) => page.locator(s).boundingBox();
  const [step, next, exit] = [await box('.tour-step'), await box('.tour-next'), await box('.tour-exit')];
  assert.ok(step.y + step.height <= next.y + 1, 'the step title sits above the buttons');
  assert.ok(step.width > 300, `the title has the bar's width (${step.width}px)`);
  assert.ok(exit.x + exit.width <= 390, 'the exit button is on screen');
  await page.screenshot({ path: screenshotPath('present-390') });
  await page.close();
});

/**
 * The statistics page (月度统计.html) in Chromium: it uses the width it has, and on a phone
 * (375 px) the page itself never scrolls sideways — a wide table scrolls inside its own box.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { runDemo, DEMO_STATS } from '../../src/cli/demoRun';
import { CHROMIUM } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'insdesk-page-'));
let browser: Browser;
let page: string;

beforeAll(async () => {
  await runDemo(dir, { asOf: '2026-11-25', log: () => undefined });
  page = pathToFileURL(join(dir, DEMO_STATS.replace(/\.xlsx$/, '.html'))).href;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function widths(viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const p = await context.newPage();
  // Nothing leaves the machine: the page is self-contained.
  await p.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  await p.goto(page);
  const out = await p.evaluate(() => ({
    page: document.scrollingElement!.scrollWidth,
    body: document.body.getBoundingClientRect().width,
    tables: document.querySelectorAll('.scroll > table').length,
  }));
  await context.close();
  return out;
}

test('on a phone the page fits its width; wide tables scroll in their own box', async () => {
  const phone = await widths({ width: 375, height: 800 });
  expect(phone.tables).toBeGreaterThan(5);
  expect(phone.page).toBeLessThanOrEqual(375);
});

test('on a wide screen the page uses the width it has', async () => {
  const wide = await widths({ width: 1600, height: 900 });
  expect(wide.body).toBeGreaterThan(1400);
});

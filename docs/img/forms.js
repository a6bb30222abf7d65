#!/usr/bin/env node
/**
 * Renders forms.png (the README's picture of the side panel) from the screenshots the browser
 * tests leave in test/artifacts/forms/ — run `npx jest test/browser` first:
 *
 *   node docs/img/forms.js
 *
 * The panels stand side by side at the width Excel gives the pane, as Chromium lays them out.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { chromium } = require('playwright-core');

const SHOTS = [
  ['投保意向表：地址、年审、电话逐项检查', 'intent-errors.png'],
  ['出险咨询登记：通话中填写', 'hotline-errors-400.png'],
  ['结算对账：选择期间和保险公司结算单', 'settle-400.png'],
];
const dir = join(__dirname, '..', '..', 'test', 'artifacts', 'forms');

(async () => {
  const figures = SHOTS.map(
    ([caption, file]) =>
      `<figure><img src="data:image/png;base64,${readFileSync(join(dir, file)).toString('base64')}"><figcaption>${caption}</figcaption></figure>`,
  ).join('');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  await page.setContent(
    `<html><body style="margin:0;background:#f3f3f3;font:14px sans-serif"><div style="display:flex;gap:24px;padding:16px;align-items:flex-start">${figures}</div>` +
      '<style>figure{margin:0;background:#fff;box-shadow:0 1px 4px #0003}figure img{display:block;max-width:400px}figcaption{padding:8px;color:#333}</style></body></html>',
  );
  const box = await page.locator('div').first().boundingBox();
  await page.screenshot({ path: join(__dirname, 'forms.png'), clip: box });
  await browser.close();
})();

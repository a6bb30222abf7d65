/**
 * 升级为工具 and 恢复升级前 from the ribbon, with the pane in Chromium over the strict Excel
 * fake: the ledger is upgraded where it is (its backup hidden), the form goes on saving into it,
 * and the restore puts an untouched ledger back — but never one typed into since.
 */
import type { Page } from 'playwright-core';
import { field, PaneHarness, pick, settled, shot, status } from './harness';
import { cells, ISSUANCE, setup, sheetNames } from './workbooks';

const h = new PaneHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());
afterEach(() => h.closeAll());

const click = (page: Page, action: string) => page.evaluate((a) => window.__fake.click(a), action);
const message = async (page: Page) => (await page.locator('.progress-message').innerText()).trim();
const visibility = (page: Page, sheet: string) => page.evaluate((s) => window.__fake.book.sheet(s).visibility, sheet);

test('升级为工具 upgrades the ledger in place; 恢复升级前 puts it back as it was', async () => {
  const { page, errors } = await h.open(setup({ 承保台账: ISSUANCE }));
  const before = await cells(page, '承保台账', 'A1:O4');

  const target = await page.locator('#target').innerText();
  expect(await click(page, 'upgradeWorkbook')).toBe(1);
  await page.waitForSelector('#progress[data-state="done"]');
  // The open form has read the upgraded ledger again: its target line is what a fresh open says.
  await page.waitForFunction((before) => document.querySelector('#target')?.textContent !== before, target);
  const after = await page.locator('#target').innerText();
  await pick(page, 'issuance');
  expect(await page.locator('#target').innerText()).toBe(after);
  expect(await message(page)).toMatch(/^升级完成：「承保台账」已加上公式列、下拉选项和检查；.*可点“恢复升级前”还原$/);
  expect(await sheetNames(page)).toEqual(['承保台账', '升级记录', '承保台账（升级前）', '设置']);
  expect(await visibility(page, '承保台账（升级前）')).toBe('Hidden');
  // The ledger itself gained the formula columns.
  expect((await cells(page, '承保台账', 'A2:T2'))[0]).toEqual(expect.arrayContaining(['未缴保费', '代理费']));
  for (const width of [320, 400]) {
    await page.setViewportSize({ width, height: 700 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    await shot(page, `upgrade-in-place-${width}`);
  }

  expect(await click(page, 'restoreUpgrade')).toBe(1);
  await page.waitForSelector('#progress[data-state="done"]');
  expect(await message(page)).toBe('已恢复「承保台账」升级前的原样');
  expect(await sheetNames(page)).toEqual(['承保台账', '设置']);
  expect(await cells(page, '承保台账', 'A1:O4')).toEqual(before);
  expect((await cells(page, '承保台账', 'P2:T2'))[0].every((v) => v === '')).toBe(true);
  expect(errors).toEqual([]);
});

test('after the upgrade the form saves into the upgraded ledger, and 恢复升级前 then keeps it', async () => {
  const { page, errors } = await h.open(setup({ 承保台账: ISSUANCE }));
  expect(await click(page, 'upgradeWorkbook')).toBe(1);
  await page.waitForSelector('#progress[data-state="done"]');

  await pick(page, 'issuance');
  expect(await page.locator('#target').innerText()).toMatch(/^保存到「承保台账」第 5 行/);
  await field(page, 'policyNo').fill('PDAA202611000009');
  await field(page, 'coverage').selectOption('非车险');
  await field(page, 'insuredName').fill('王芳');
  await field(page, 'startDate').fill('2026-10-09');
  await field(page, 'endDate').fill('2027-10-08');
  await field(page, 'premium').fill('500');
  await page.keyboard.press('Control+Enter');
  await settled(page);
  expect(await status(page)).toBe('已保存到「承保台账」第 5 行');
  expect((await cells(page, '承保台账', 'C5:C5'))[0][0]).toBe('PDAA202611000009');

  expect(await click(page, 'restoreUpgrade')).toBe(1);
  await page.waitForSelector('#progress[data-state="failed"]');
  expect(await message(page)).toContain(
    '「承保台账」在升级后已录入或修改过，恢复会丢失这些内容，没有恢复（备份仍在隐藏的「承保台账（升级前）」中）',
  );
  expect((await cells(page, '承保台账', 'C5:C5'))[0][0]).toBe('PDAA202611000009');
  expect(await sheetNames(page)).toContain('承保台账（升级前）');
  expect(errors).toEqual([]);
});

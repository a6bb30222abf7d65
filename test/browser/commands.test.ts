/**
 * The pane's side of the ribbon commands in Chromium, on the demo workbook in the strict
 * fake: 月度统计 for the period picked (a workbook of its own, the CLI's report), CRM导入 with
 * the pane's options, the CRM sheet saved as CSV, and the progress of each shown in the pane.
 */
import { DEMO_AS_OF, demoSheets } from '../excel/demoBook';
import { readWorkbookBuffer } from '../../src/io/workbook';
import { statsXlsx } from '../../src/io/statsOut';
import { ledgersOfBooks, parsePeriod, runStats } from '../../src/tasks/stats';
import { PaneHarness, shot } from './harness';
import { setup, sheetNames } from './workbooks';
import type { Page } from 'playwright-core';

const h = new PaneHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());
afterEach(() => h.closeAll());

async function open(page: Page, id: string): Promise<void> {
  await page.selectOption('#form-picker', id);
  await page.waitForSelector(`.command-panel[data-panel="${id}"]`);
}

const progress = async (page: Page) => ({
  state: await page.locator('#progress').getAttribute('data-state'),
  message: (await page.locator('.progress-message').innerText()).trim(),
});

test('月度统计: the period picker, a run into a workbook of its own, a period not yet begun refused', async () => {
  const { page, errors } = await h.open(setup(demoSheets()));
  await open(page, 'stats');
  // The last complete month on 2026-10-08, as the CLI's default.
  expect(await page.locator('#period-label').innerText()).toBe('统计 2026年9月');
  await page.check('#period-quarter');
  expect(await page.locator('label[for="period-part"]').innerText()).toBe('季度');
  expect(await page.locator('#period-label').innerText()).toBe('统计 2026年第3季度');
  await page.check('#period-year');
  expect(await page.locator('#period-part').isHidden()).toBe(true);
  expect(await page.locator('#period-label').innerText()).toBe('统计 2026年');
  await page.check('#period-month');
  await page.selectOption('#period-part', '12');
  await page.click('#run-stats');
  await page.waitForSelector('#progress[data-state="failed"]');
  expect((await progress(page)).message).toBe(
    `统计期间 2026年12月 还没有开始（基准日为 ${DEMO_AS_OF}），请选择已开始的期间`,
  );

  await page.selectOption('#period-part', '10');
  await page.click('#run-stats');
  await page.waitForSelector('#progress[data-state="done"]');
  expect((await progress(page)).message).toContain('2026年10月');
  const result = await page.locator('#stats-result').innerText();
  expect(result).toMatch(/^已在新工作簿中打开 总览、/);
  expect(result).toContain('（2026年10月，截至 2026-10-31）');
  // The ledger workbook gains nothing; the report is a workbook of its own, the CLI's file.
  expect(await sheetNames(page)).toEqual(Object.keys(demoSheets()));
  const created = await page.evaluate(() => window.__fake.createdWorkbooks);
  expect(created).toHaveLength(1);
  const ours = await readWorkbookBuffer(Buffer.from(created[0], 'base64'), '统计.xlsx');
  const grids = Object.entries(demoSheets()).map(([sheet, rows]) => ({ sheet, rows, date1904: false }));
  const cli = runStats(ledgersOfBooks([{ file: 'x', grids }], '2026-10-31'), { period: parsePeriod('2026-10')! });
  const theirs = await readWorkbookBuffer(await statsXlsx(cli.report), 'cli.xlsx');
  expect(result).toContain(theirs.grids.map((g) => g.sheet).join('、'));
  expect(ours.grids.map((g) => [g.sheet, g.rows])).toEqual(theirs.grids.map((g) => [g.sheet, g.rows]));
  await shot(page, 'stats');
  expect(errors).toEqual([]);
});

test('CRM导入: options from the pane, the run, and the CRM sheet saved as CSV', async () => {
  const { page, errors } = await h.open(setup(demoSheets()));
  await open(page, 'crm');
  // The seed is an advanced option, explained under its field.
  expect(await page.locator('#crm-seed').isVisible()).toBe(false);
  await page.click('#crm-advanced summary');
  expect(await page.locator('[data-panel="crm"] .hint').allInnerTexts()).toContain(
    '同一基准日、同一数字，分配结果完全相同；空着则按基准日，同一天重跑结果不变',
  );
  await page.fill('#crm-seed', '七');
  await page.fill('#crm-asof', '2026-11-31');
  await page.click('#run-crm');
  expect(await page.locator('#m-crm-seed').innerText()).toBe('随机种子应为整数: 七');
  expect(await page.locator('#m-crm-asof').innerText()).toBe(
    '日期不存在: 2026-11-31（应为 2026-10-05 这样的日期，且须是日历上真实的日子）',
  );
  expect(await sheetNames(page)).not.toContain('CRM导入');

  // With options to correct, the CSV button says so and writes nothing.
  await page.click('#crm-csv');
  await page.waitForSelector('#progress[data-state="failed"]');
  expect((await progress(page)).message).toContain('请先改正上面标红的选项');
  expect(await sheetNames(page)).not.toContain('CRM导入');

  await page.fill('#crm-seed', '7');
  await page.fill('#crm-asof', DEMO_AS_OF);
  await page.fill('#crm-specialists', '于丽、郝敏 薛颖');
  await page.click('#run-crm');
  await page.waitForSelector('#progress[data-state="done"]');
  expect(await page.locator('#crm-result').innerText()).toMatch(
    /^专员：于丽、郝敏、薛颖；已在新工作簿中打开 CRM导入、脱保-/,
  );
  expect((await progress(page)).message).toMatch(/^CRM导入完成（基准日 2026-11-25）/);
  expect(await sheetNames(page)).not.toContain('CRM导入');
  expect(await page.evaluate(() => window.__fake.createdWorkbooks.length)).toBe(1);
  await shot(page, 'crm');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#crm-csv')]);
  expect(download.suggestedFilename()).toBe('CRM导入-2026-10-08.csv');
  const chunks: Buffer[] = [];
  for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
  const csv = Buffer.concat(chunks).toString('utf8');
  expect(
    csv.startsWith(
      '\uFEFF客户名称,联系电话,车牌号,车架号,厂牌型号,保单号,险种,保险止期,上年保费,业务归属,所属人员,发放日期,备注\r\n',
    ),
  ).toBe(true);
  const assignees = new Set(
    csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[10]),
  );
  expect([...assignees].sort()).toEqual(['于丽', '薛颖', '郝敏'].sort());
  expect(errors).toEqual([]);
});

test("the ribbon's 月度统计 asks the pane for the period; 取消 cancels", async () => {
  const { page, errors } = await h.open(setup(demoSheets()));
  // Clicked while a form is open: the pane comes up on the period picker and the button waits.
  const clicked = page.evaluate(() => window.__fake.click('monthlyStats'));
  await page.waitForSelector('.command-panel[data-panel="stats"] #stats-waiting:not([hidden])');
  expect(await page.evaluate(() => window.__fake.paneShown)).toBe(1);
  expect(await page.inputValue('#form-picker')).toBe('stats');
  await page.check('#period-quarter');
  await page.click('#run-stats');
  expect(await clicked).toBe(1);
  await page.waitForSelector('#progress[data-state="done"]');
  expect((await progress(page)).message).toContain('2026年第3季度');
  expect(await page.evaluate(() => window.__fake.createdWorkbooks.length)).toBe(1);
  expect(await page.locator('#stats-waiting').isHidden()).toBe(true);

  const again = page.evaluate(() => window.__fake.click('monthlyStats'));
  await page.waitForSelector('#stats-waiting:not([hidden])');
  await page.click('#cancel-stats');
  expect(await again).toBe(1);
  expect((await progress(page)).message).toBe('已取消月度统计');
  expect(errors).toEqual([]);
});

test('office.js unreachable (CDN blocked): the page says so in Chinese within seconds, and what to tell IT', async () => {
  const { page, errors } = await h.openWithoutOffice();
  const status = page.locator('#status-line');
  await page.waitForSelector('#status-line.failed', { timeout: 3000 });
  expect(await status.innerText()).toContain('无法加载 Office 组件（office.js）');
  expect(await status.innerText()).toContain('appsforoffice.microsoft.com');
  expect(errors).toEqual([]);
});

test('CRM导入: the CSV button works before any import — it imports first, then saves', async () => {
  const { page, errors } = await h.open(setup(demoSheets()));
  await open(page, 'crm');
  await page.fill('#crm-asof', DEMO_AS_OF);
  await page.fill('#crm-specialists', '于丽、郝敏');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#crm-csv')]);
  // The import ran first: its workbook opened, the list's workbook unchanged.
  expect(await page.evaluate(() => window.__fake.createdWorkbooks.length)).toBe(1);
  expect(await sheetNames(page)).toEqual(Object.keys(demoSheets()));
  const chunks: Buffer[] = [];
  for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString('utf8')).toMatch(/^\uFEFF客户名称,联系电话,/);
  expect(errors).toEqual([]);
});

test('CRM导入: the rows and lists open as a workbook of its own; phones stay text (Excel for Mac: save it as CSV)', async () => {
  const XLSX = await import('xlsx');
  const { page, errors } = await h.open(setup(demoSheets()));
  await open(page, 'crm');
  expect(await page.locator('#crm-mac-hint').isVisible()).toBe(true);
  await page.fill('#crm-asof', DEMO_AS_OF);
  await page.fill('#crm-specialists', '于丽、郝敏');
  await page.click('#run-crm');
  await page.waitForSelector('#progress[data-state="done"]');
  expect((await progress(page)).message).toContain('在新工作簿的「CRM导入」中打开');
  expect(await sheetNames(page)).toEqual(Object.keys(demoSheets()));
  const created = await page.evaluate(() => window.__fake.createdWorkbooks);
  expect(created).toHaveLength(1);
  const wb = XLSX.read(Buffer.from(created[0], 'base64'), { type: 'buffer' });
  expect(wb.SheetNames[0]).toBe('CRM导入');
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['CRM导入'], { header: 1 });
  expect(rows[0].slice(0, 2)).toEqual(['客户名称', '联系电话']);
  expect(typeof rows[1][1]).toBe('string');
  // The CSV is this import's rows: no second import, no second workbook.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#crm-csv')]);
  const chunks: Buffer[] = [];
  for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString('utf8').split('\r\n').length - 2).toBe(rows.length - 1);
  expect(await page.evaluate(() => window.__fake.createdWorkbooks.length)).toBe(1);
  expect(errors).toEqual([]);
});

/**
 * 结算对账 in Chromium on the strict fake: the ribbon button asks the pane; the period, the
 * insurer and the insurer's statement picked from disk; the ledger workbook gains nothing and a
 * new workbook holds, cell for cell, what `insdesk settle --out` writes for the same inputs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cell } from '../../src/grid';
import { main } from '../../src/cli/main';
import { sampleLedgers, SAMPLE_FILES } from '../../src/demo/samples';
import { readWorkbookBuffer, readWorkbookFile } from '../../src/io/workbook';
import ExcelJS from 'exceljs';
import { writeXlsx } from '../../src/io/xlsxOut';
import { asExcel, DEMO_AS_OF } from '../excel/demoBook';
import { PaneHarness, shot, TODAY } from './harness';
import { setup, sheetNames } from './workbooks';

const h = new PaneHarness();
const dir = mkdtempSync(join(tmpdir(), 'insdesk-settle-'));
const file = (name: string) => join(dir, name);
const samples = sampleLedgers(DEMO_AS_OF);
const issuance = samples.files.find((f) => f.name === SAMPLE_FILES.issuance)!;
let cli: { sheet: string; rows: Cell[][] }[];

beforeAll(async () => {
  await h.start();
  for (const f of samples.files) await writeXlsx(file(f.name), f.sheets);
  const code = await main(
    [
      'settle',
      file(SAMPLE_FILES.issuance),
      '--period',
      '2026-10',
      // The pane's 基准日: today, the period still running.
      '--as-of',
      TODAY,
      '--insurer',
      '太平',
      '--statement',
      file(SAMPLE_FILES.statement),
      '--out',
      file('cli.xlsx'),
      '--json',
    ],
    { stdout: { write: () => true }, stderr: { write: () => true } },
  );
  process.exitCode = 0;
  expect(code).toBe(0);
  cli = (await readWorkbookFile(file('cli.xlsx'))).grids.map((g) => ({ sheet: g.sheet, rows: g.rows }));
});
afterAll(async () => {
  await h.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A cell to compare: the ledger file is the open workbook in the pane. */
const held = (c: Cell): Cell => (typeof c === 'string' ? c.replace(SAMPLE_FILES.issuance, '当前工作簿') : (c ?? null));

test('the ribbon’s 结算对账: period, insurer and a statement from disk; a new workbook equal to the CLI’s', async () => {
  const { page, errors } = await h.open(
    setup(Object.fromEntries(issuance.sheets.map((s) => [s.name, s.rows.map((r) => (r ?? []).map(asExcel))]))),
  );
  const clicked = page.evaluate(() => window.__fake.click('settleCommission'));
  await page.waitForSelector('.command-panel[data-panel="settle"] #settle-waiting:not([hidden])');
  expect(await page.inputValue('#form-picker')).toBe('settle');
  // Offered first: the last complete month.
  expect(await page.inputValue('#settle-period')).toBe('2026-09');
  await page.fill('#settle-period', '2026-10');
  await page.fill('#settle-insurer', '太平');
  await page.setInputFiles('#settle-statements', file(SAMPLE_FILES.statement));
  expect(await page.locator('#settle-chosen').innerText()).toBe(SAMPLE_FILES.statement);
  // Excel's side panel is 320 to 450 px wide: nothing may stick out sideways.
  for (const width of [320, 400]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    await shot(page, `settle-${width}`);
  }
  await page.click('#run-settle');
  expect(await clicked).toBe(1);
  await page.waitForSelector('#progress[data-state="done"], #progress[data-state="failed"]', { timeout: 20_000 });
  expect(await page.locator('.progress-message').innerText()).toMatch(/^结算完成：2026年10月 1 家保险公司；对账/);

  // The ledger workbook gains nothing: the report is a workbook of its own, the CLI's file.
  expect(await sheetNames(page)).toEqual(issuance.sheets.map((s) => s.name));
  const created = await page.evaluate(() => window.__fake.createdWorkbooks);
  expect(created).toHaveLength(1);
  const book = await readWorkbookBuffer(Buffer.from(created[0], 'base64'), '结算对账.xlsx');
  expect(book.grids.map((g) => g.sheet)).toEqual(cli.map((s) => s.sheet));
  for (const [i, g] of book.grids.entries()) {
    const want = cli[i].rows.map((r) => (r ?? []).map(held));
    expect([g.sheet, g.rows.map((r) => (r ?? []).map(held))]).toEqual([g.sheet, want]);
  }
  // Charts and print setup come with it: the same writer as the CLI's.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(created[0], 'base64') as unknown as ArrayBuffer);
  expect(wb.getWorksheet('结算清单-太平财险')!.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
  expect(errors).toEqual([]);
});

/**
 * 结算对账 in Chromium on the strict fake: the ribbon button asks the pane; the period, the
 * insurer and the insurer's statement picked from disk; the sheets written beside the ledger
 * hold, cell for cell, what `insdesk settle --out` writes for the same ledger and statement.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { columnLetter, type Cell } from '../../src/grid';
import { main } from '../../src/cli/main';
import { sampleLedgers, SAMPLE_FILES } from '../../src/demo/samples';
import { readWorkbookFile } from '../../src/io/workbook';
import { writeXlsx } from '../../src/io/xlsxOut';
import { isoToSerial } from '../../src/rules/date';
import { asExcel, DEMO_AS_OF } from '../excel/demoBook';
import { PaneHarness, shot, TODAY } from './harness';
import { cells, setup, sheetNames } from './workbooks';

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

/** A cell as the fake holds it: dates as serials, nothing as ''; the ledger file is the open workbook there. */
const held = (c: Cell): unknown =>
  c === null || c === undefined
    ? ''
    : c instanceof Date
      ? isoToSerial(c.toISOString().slice(0, 10))
      : typeof c === 'string'
        ? c.replace(SAMPLE_FILES.issuance, '当前工作簿')
        : c;

test('the ribbon’s 结算对账: period, insurer and a statement from disk; the sheets equal the CLI’s', async () => {
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
  await shot(page, 'settle');
  await page.click('#run-settle');
  expect(await clicked).toBe(1);
  await page.waitForSelector('#progress[data-state="done"], #progress[data-state="failed"]', { timeout: 20_000 });
  expect(await page.locator('.progress-message').innerText()).toMatch(/^结算完成：2026年10月 1 家保险公司；对账/);

  const names = await sheetNames(page);
  const ours = cli.map((s) => (s.sheet.startsWith('结算') ? s.sheet : `结算-${s.sheet}`));
  expect(names).toEqual([...issuance.sheets.map((s) => s.name), ...ours]);
  for (const [i, s] of cli.entries()) {
    // The reader leaves empty rows as holes: every row is compared.
    const rows = Array.from(s.rows, (r) => r ?? []);
    const width = Math.max(...rows.map((r) => r.length));
    const want = rows.map((r) => Array.from({ length: width }, (_, c) => held(r[c])));
    const got = await cells(page, ours[i], `A1:${columnLetter(width - 1)}${rows.length}`);
    expect([ours[i], got]).toEqual([ours[i], want]);
  }
  expect(errors).toEqual([]);
});

/**
 * The pane does what the CLI does: CRM导入 in Chromium on the strict fake, with the as-of date,
 * the specialists and the look-up and issuance files picked from disk, opens as a workbook of
 * its own exactly the sheets `insdesk crm` writes for the same inputs — every row, every cell. The specialists are
 * remembered for the workbook, and the ribbon button asks the pane before it runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cell } from '../../src/grid';
import { main } from '../../src/cli/main';
import { sampleLedgers, SAMPLE_FILES } from '../../src/demo/samples';
import { readWorkbookBuffer, readWorkbookFile } from '../../src/io/workbook';
import { writeXlsx } from '../../src/io/xlsxOut';
import { assigneesIn } from '../../src/tasks/crm';
import { asExcel, DEMO_AS_OF } from '../excel/demoBook';
import type { Scalar } from '../excel/fakeExcel';
import { PaneHarness } from './harness';
import { setup, sheetNames } from './workbooks';
import type { Page } from 'playwright-core';

const h = new PaneHarness();
const dir = mkdtempSync(join(tmpdir(), 'insdesk-parity-'));
const file = (name: string) => join(dir, name);
let renewalSheets: Record<string, (Scalar | null)[][]>;
let specialists: string[];
let cli: { json: Record<string, unknown>; sheets: { sheet: string; rows: Cell[][] }[] };

beforeAll(async () => {
  await h.start();
  for (const f of sampleLedgers(DEMO_AS_OF).files) await writeXlsx(file(f.name), f.sheets);
  const renewal = sampleLedgers(DEMO_AS_OF).files.find((f) => f.name === SAMPLE_FILES.renewal)!;
  renewalSheets = Object.fromEntries(renewal.sheets.map((s) => [s.name, s.rows.map((r) => (r ?? []).map(asExcel))]));
  const book = await readWorkbookFile(file(SAMPLE_FILES.renewal));
  specialists = assigneesIn({ name: book.file, grids: book.grids }, DEMO_AS_OF);

  let stdout = '';
  const code = await main(
    [
      'crm',
      file(SAMPLE_FILES.renewal),
      '--as-of',
      DEMO_AS_OF,
      '--specialists',
      specialists.join(','),
      '--lookup',
      file(SAMPLE_FILES.claims),
      '--issued',
      file(SAMPLE_FILES.issuance),
      '--out',
      file('cli.xlsx'),
      '--json',
    ],
    { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true } },
  );
  process.exitCode = 0;
  expect(code).toBe(0);
  const out = await readWorkbookFile(file('cli.xlsx'));
  // The reader leaves empty rows as holes: fill them, so every row is compared.
  cli = {
    json: JSON.parse(stdout),
    sheets: out.grids.map((g) => ({ sheet: g.sheet, rows: Array.from(g.rows, (r) => r ?? []) })),
  };
}, 120_000);
afterAll(async () => {
  await h.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => h.closeAll());

async function openCrm(page: Page): Promise<void> {
  await page.selectOption('#form-picker', 'crm');
  await page.waitForSelector('.command-panel[data-panel="crm"]');
}

const progress = async (page: Page) => ({
  state: await page.locator('#progress').getAttribute('data-state'),
  message: (await page.locator('.progress-message').innerText()).trim(),
});

/** '' for an empty cell, whichever way a writer leaves it empty. */
const plain = (v: unknown) => (v === null || v === undefined ? '' : v);
/** Where the CLI names the list's file, the pane names the open workbook. */
const asInPane = (v: unknown) =>
  typeof v === 'string' ? v.replaceAll(`${SAMPLE_FILES.renewal}「`, '当前工作簿「') : plain(v);

test('the pane writes every row the CLI writes, from the same files picked from disk', async () => {
  const { page, errors } = await h.open(setup(renewalSheets));
  await openCrm(page);
  await page.fill('#crm-asof', DEMO_AS_OF);
  await page.fill('#crm-specialists', specialists.join('、'));
  await page.click('#crm-files summary');
  await page.setInputFiles('#crm-lookups', file(SAMPLE_FILES.claims));
  await page.setInputFiles('#crm-issued', file(SAMPLE_FILES.issuance));
  expect(await page.locator('#crm-files .chosen').first().innerText()).toBe(SAMPLE_FILES.claims);
  await page.click('#run-crm');
  await page.waitForSelector('#progress[data-state="done"], #progress[data-state="failed"]', { timeout: 20_000 });
  expect((await progress(page)).message).toMatch(/已在本店续保/);

  const json = cli.json as { counts: Record<string, number>; phoneFixed: number };
  // The point of the issue: the pane fixes the phones and leaves out renewals issued here, as the CLI does.
  expect(json.phoneFixed).toBeGreaterThan(0);
  expect(json.counts.renewedHere).toBeGreaterThan(0);

  // The list's workbook gains nothing; the import is a workbook of its own, the CLI's file.
  expect(await sheetNames(page)).toEqual(Object.keys(renewalSheets));
  const created = await page.evaluate(() => window.__fake.createdWorkbooks);
  expect(created).toHaveLength(1);
  const ours = await readWorkbookBuffer(Buffer.from(created[0], 'base64'), 'crm.xlsx');
  expect(ours.grids.map((g) => g.sheet)).toEqual(cli.sheets.map((s) => s.sheet));
  for (const [i, sheet] of cli.sheets.entries()) {
    const pane = Array.from(ours.grids[i].rows, (r) => r ?? []);
    expect(pane).toHaveLength(sheet.rows.length);
    sheet.rows.forEach((row, r) => {
      const width = Math.max(row.length, pane[r].length);
      for (let c = 0; c < width; c++) {
        expect([sheet.sheet, r + 1, c + 1, plain(pane[r][c])]).toEqual([sheet.sheet, r + 1, c + 1, asInPane(row[c])]);
      }
    });
  }
  expect(errors).toEqual([]);
});

test('the specialists are remembered for the workbook; a file that is not a spreadsheet is refused on its picker', async () => {
  const { page, errors } = await h.open(setup(renewalSheets));
  await openCrm(page);
  expect(await page.inputValue('#crm-specialists')).toBe('');
  await page.fill('#crm-asof', DEMO_AS_OF);
  await page.fill('#crm-specialists', '于丽，郝敏');
  await page.click('#crm-files summary');
  writeFileSync(file('not-a-workbook.xlsx'), '保单号,险种\nP1,商业险\n');
  await page.setInputFiles('#crm-channels', file('not-a-workbook.xlsx'));
  await page.click('#run-crm');
  await page.waitForSelector('#m-crm-channels .msg.error');
  expect(await page.locator('#m-crm-channels').innerText()).toContain('not-a-workbook.xlsx');
  expect(await sheetNames(page)).not.toContain('CRM导入');

  await page.setInputFiles('#crm-channels', []);
  await page.click('#run-crm');
  await page.waitForSelector('#progress[data-state="done"]', { timeout: 20_000 });
  expect(await page.evaluate(() => window.__fake.settings['insdesk.crm.specialists'])).toBe('于丽、郝敏');
  // Back on the panel later: the names are there.
  await page.selectOption('#form-picker', 'issuance');
  await openCrm(page);
  expect(await page.inputValue('#crm-specialists')).toBe('于丽、郝敏');
  expect(errors).toEqual([]);
});

test("the ribbon's CRM导入 asks the pane first; 取消 cancels", async () => {
  const { page, errors } = await h.open(setup(renewalSheets));
  const clicked = page.evaluate(() => window.__fake.click('crmImport'));
  await page.waitForSelector('.command-panel[data-panel="crm"] #crm-waiting:not([hidden])');
  await page.fill('#crm-asof', DEMO_AS_OF);
  await page.fill('#crm-specialists', specialists.join('、'));
  // The CLI's --override-unfinished: the specialist who is behind gets leads too.
  await page.click('#crm-advanced summary');
  await page.check('#crm-override');
  await page.click('#run-crm');
  expect(await clicked).toBe(1);
  await page.waitForSelector('#progress[data-state="done"]', { timeout: 20_000 });
  expect((await progress(page)).message).toMatch(/^CRM导入完成（基准日 2026-11-25）/);
  const [created] = await page.evaluate(() => window.__fake.createdWorkbooks);
  const book = await readWorkbookBuffer(Buffer.from(created, 'base64'), 'crm.xlsx');
  const summary = book.grids.find((g) => g.sheet === '汇总')!.rows.flat();
  expect(summary).toContain('有未处理信息，已人工放行');
  expect(summary).not.toContain('有未处理信息，本次不分配');

  const again = page.evaluate(() => window.__fake.click('crmImport'));
  await page.waitForSelector('#crm-waiting:not([hidden])');
  await page.click('#cancel-crm');
  expect(await again).toBe(1);
  expect((await progress(page)).message).toBe('已取消CRM导入');
  expect(errors).toEqual([]);
});

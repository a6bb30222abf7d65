/**
 * 逾期原因 and 未回店原因 (workflows.md §5): text columns with suggested lists on the 设置 sheet —
 * a drop-down of the list that still takes any other text, in a new template and in an
 * upgraded ledger whose 设置 lacks the lists; a list edited on 设置 is the one the engine reads.
 */
import ExcelJS from 'exceljs';
import { columnLetter, type Grid } from '../../src/grid';
import { buildTemplate, upgradeGrids } from '../../src/io/upgradeOut';
import { tableByKey } from '../../src/ledgers';
import { defaultSettings, readSettings, SETTINGS_SHEET } from '../../src/ledgers/settings';

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Column B of 设置 from the row labelled `label` down to the next label. */
function listOf(ws: ExcelJS.Worksheet, label: string): string[] {
  const out: string[] = [];
  let inside = false;
  ws.eachRow((row) => {
    const a = row.getCell(1).value;
    if (a) inside = a === label;
    if (inside && row.getCell(2).value) out.push(String(row.getCell(2).value));
  });
  return out;
}

/** The range a workbook-level defined name refers to. */
const rangeOf = (wb: ExcelJS.Workbook, name: string): string[] =>
  (wb.definedNames as unknown as { getRanges(n: string): { ranges: string[] } }).getRanges(name).ranges;

test('a new 理赔台账: the lists on 设置, named, offered as drop-downs that take other text too', async () => {
  const wb = await load(await buildTemplate('claims', { rows: 20 }));
  const settings = wb.getWorksheet(SETTINGS_SHEET)!;
  expect(listOf(settings, '逾期原因选项')).toEqual(defaultSettings().overdueReasons);
  expect(listOf(settings, '未回店原因选项')).toEqual(defaultSettings().noReturnReasons);
  expect(rangeOf(wb, 'OverdueReasons')).toEqual([expect.stringMatching(/^'?设置'?!\$B\$\d+:\$B\$\d+$/)]);

  const ws = wb.getWorksheet(tableByKey('claims').title)!;
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  for (const [title, name] of [
    ['逾期原因', 'OverdueReasons'],
    ['未回店原因', 'NoReturnReasons'],
  ]) {
    const dv = ws.getCell(`${columnLetter(header.indexOf(title))}2`).dataValidation;
    expect([title, dv.type, dv.formulae, dv.showErrorMessage ?? false]).toEqual([title, 'list', [name], false]);
  }
});

test('an upgraded ledger whose 设置 lacks the lists gets them whole; an edited list is the one read', async () => {
  const claims: Grid = {
    sheet: '理赔台账',
    rows: [
      ['报案号', '车牌号', '出险日期', '报案日期', '状态', '逾期原因'],
      ['C1', '冀B12345', '2026-11-01', '2026-11-01', '已接车', null],
    ],
  };
  const settings: Grid = {
    sheet: SETTINGS_SHEET,
    rows: [
      ['设置项', '值'],
      ['基准日', '2026-11-30'],
    ],
  };
  const wb = await load((await upgradeGrids([claims, settings])).bytes);
  const ws = wb.getWorksheet(SETTINGS_SHEET)!;
  expect(listOf(ws, '逾期原因选项')).toEqual(defaultSettings().overdueReasons);
  expect(listOf(ws, '未回店原因选项')).toEqual(defaultSettings().noReturnReasons);

  const edited: Grid = {
    sheet: SETTINGS_SHEET,
    rows: [
      ['逾期原因选项', '公估未出报告'],
      [null, '保险公司审核中'],
      ['理赔逾期天数', 45],
    ],
  };
  const read = readSettings(edited, defaultSettings()).settings;
  expect(read.overdueReasons).toEqual(['公估未出报告', '保险公司审核中']);
  expect(read.noReturnReasons).toEqual(defaultSettings().noReturnReasons);
  expect(read.claimOverdueDays).toBe(45);
});

/**
 * An upgraded ledger that helps without nagging: an input message only where the rule needs
 * explaining, the status cell coloured (not the whole row), and a 设置 sheet with only the
 * settings of the ledgers in the workbook — checked on the files `insdesk template` writes.
 */
import ExcelJS from 'exceljs';
import { columnLetter } from '../../src/grid';
import { buildTemplate } from '../../src/io/upgradeOut';
import { tableByKey } from '../../src/ledgers';
import { SETTING_ROWS, SETTINGS_SHEET } from '../../src/ledgers/settings';

async function template(ledger: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildTemplate(ledger, { rows: 20 })) as unknown as ArrayBuffer);
  return wb;
}

/** The header row's columns by header text. */
function columnsOf(ws: ExcelJS.Worksheet): Map<string, number> {
  const out = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => out.set(String(cell.value), col));
  return out;
}

test('an input message pops up only where the rule needs explaining', async () => {
  const wb = await template('issuance');
  const ws = wb.getWorksheet(tableByKey('issuance').title)!;
  const cols = columnsOf(ws);
  const dv = (header: string) => ws.getCell(`${columnLetter(cols.get(header)! - 1)}2`).dataValidation;
  // A drop-down, a date and an amount explain themselves: they still check, but say nothing.
  for (const header of ['险种', '出单日期', '保费']) {
    expect([header, dv(header).showInputMessage ?? false, !!dv(header).error]).toEqual([header, false, true]);
  }
  // A plate, a VIN or an ID number has rules no one guesses.
  for (const header of ['车牌号', '车架号', '证件号码']) {
    expect([header, dv(header).showInputMessage, dv(header).prompt]).toEqual([header, true, expect.any(String)]);
  }
});

test('the status cell is coloured, not the whole row', async () => {
  const wb = await template('renewal');
  const ws = wb.getWorksheet(tableByKey('renewal').title)!;
  const status = columnLetter(columnsOf(ws).get('续保状态')! - 1);
  const formats = (
    ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] }
  ).conditionalFormattings.filter((f) => /脱保|已过期|待续保/.test(f.rules[0].formulae?.[0] ?? ''));
  expect(formats).toHaveLength(3);
  for (const f of formats) expect(f.ref).toMatch(new RegExp(`^${status}2:${status}\\d+$`));
});

test('设置 holds the settings of the workbook’s ledgers only', async () => {
  const labels = async (ledger: string) => {
    const ws = (await template(ledger)).getWorksheet(SETTINGS_SHEET)!;
    const out: string[] = [];
    ws.eachRow((row, n) => n > 1 && row.getCell(1).value && out.push(String(row.getCell(1).value)));
    return out;
  };
  const of = (...keys: string[]) => SETTING_ROWS.filter((d) => keys.includes(d.key)).map((d) => d.label);
  expect(await labels('renewal')).toEqual(
    of('asOfDate', 'renewalWindow', 'leadDays', 'pointsPerVehicle', 'pointsPerThousand'),
  );
  expect(await labels('claims')).toEqual(of('asOfDate', 'claimOverdueDays', 'overdueReasons', 'noReturnReasons'));
  expect(await labels('attendance')).toEqual(
    of('asOfDate', 'workStart', 'lateFee', 'absentFee', 'workdays', 'holidays', 'makeupDays'),
  );
});

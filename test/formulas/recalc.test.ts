/**
 * The formula columns against a real spreadsheet engine: every upgraded or new workbook is
 * recalculated by LibreOffice (forced), and every formula cell must come out equal to the
 * cached value insdesk wrote — which is the engine's own value (src/tasks/upgrade/values.ts,
 * attendanceForMonth for 月度差勤). The recalculated 月度差勤 is also compared with
 * attendanceForMonth run on the workbook before the upgrade. One soffice run for the whole batch.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { buildTemplate, upgradeXlsx } from '../../src/io/upgradeOut';
import { buildWorkbook } from '../../src/io/xlsxOut';
import type { SheetOut } from '../../src/sheetOut';
import { readWorkbookFile } from '../../src/io/workbook';
import { sampleLedgers } from '../../src/demo/samples';
import { ledgerKeys } from '../../src/ledgers';
import { attendanceForMonth, type AttendanceMonth } from '../../src/ledgers/attendanceMonth';
import { defaultSettings, parseWorkdays } from '../../src/ledgers/settings';
import { readLedgerSheets, tablesOf } from '../../src/read/sheets';
import { todayIso } from '../../src/rules/date';
import {
  WORKDAYS_TEXT,
  cleanWorkdaysText,
  weekdayFlagFormula,
  workdaysListFormula,
  workdaysListText,
} from '../../src/tasks/upgrade/workdays';
import { attendanceEdgeWorkbook, D, edgeWorkbook } from '../upgrade/fixtures';
import { errorCells, load, recalculate, resultOf } from './libreoffice';

const dir = mkdtempSync(join(tmpdir(), 'insdesk-recalc-'));
const files: { name: string; path: string }[] = [];
let recalculated: ExcelJS.Workbook[] = [];
let originals: ExcelJS.Workbook[] = [];
let todayBefore = '';

async function put(name: string, bytes: Buffer) {
  const path = join(dir, `${name}.xlsx`);
  writeFileSync(path, bytes);
  files.push({ name, path });
}

/** Attendance workbooks whose 月度差勤 is checked against attendanceForMonth on the workbook before the upgrade. */
const attendance: { name: string; source: string; month: string; asOf: string }[] = [];

/** Upgrades `source`; with `month`, sets the 月份 cell of the result and upgrades again (the clerk's choice is kept). */
async function putAttendance(name: string, source: Buffer, asOf: string, month?: string) {
  let bytes = (await upgradeXlsx(source)).bytes;
  if (month) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    wb.getWorksheet('月度差勤')!.getCell('B1').value = D(`${month}-01`);
    bytes = (await upgradeXlsx(Buffer.from(await wb.xlsx.writeBuffer()))).bytes;
  }
  const sourcePath = join(dir, `${name}-source.xlsx`);
  writeFileSync(sourcePath, source);
  attendance.push({ name, source: sourcePath, month: month ?? asOf.slice(0, 7), asOf });
  await put(name, bytes);
}

/** The demo 差勤 workbook with its 设置!基准日 filled in. */
function demoAttendance(asOf: string): Promise<Buffer> {
  const file = sampleLedgers(asOf).files.find((f) => f.name === '差勤.xlsx')!;
  const sheets: SheetOut[] = file.sheets.map((sh) =>
    sh.name === '设置'
      ? { ...sh, rows: sh.rows.map((r) => (r[0] === '基准日' ? ['基准日', D(asOf), ...r.slice(2)] : r)) }
      : sh,
  );
  return buildWorkbook(sheets)
    .xlsx.writeBuffer()
    .then((b) => Buffer.from(b));
}

/** 设置!工作日 as clerks write it, each against parseWorkdays (an unreadable text keeps Monday–Friday). */
const WORKDAY_TEXTS: (string | number | null)[] = [
  '一至五',
  '一至六',
  '周一至周五',
  '星期一到星期六',
  '1-5',
  '1~6',
  '一,三,五',
  '一、三、五',
  '一，二',
  '日一二三四五六',
  '六至一',
  '五至五',
  '日',
  '天',
  '0',
  '７',
  '１－５',
  ' 一 至 五 ',
  '一至八',
  '一五八',
  'abc',
  '',
  null,
  12345,
  '至',
  '一-',
  '周六—周日',
];

async function workdaysWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工作日');
  WORKDAY_TEXTS.forEach((text, i) => {
    const r = i + 1;
    const cleaned = cleanWorkdaysText(text === null ? '' : String(text));
    ws.getCell(r, 1).value = text;
    ws.getCell(r, 2).value = { formula: WORKDAYS_TEXT.replace('Workdays', `$A${r}`), result: cleaned };
    ws.getCell(r, 3).value = { formula: workdaysListFormula(`$B${r}`), result: workdaysListText(cleaned) };
    const days =
      (text === null || String(text).trim() === '' ? undefined : parseWorkdays(String(text))) ??
      defaultSettings().workdays;
    for (let w = 0; w < 7; w++)
      ws.getCell(r, 4 + w).value = {
        formula: weekdayFlagFormula(w, `$B${r}`, `$C${r}`),
        result: days.includes(w) ? 1 : 0,
      };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  todayBefore = todayIso();
  await put('edge', (await upgradeXlsx(await edgeWorkbook())).bytes);
  await put('edge-today', (await upgradeXlsx(await edgeWorkbook(null))).bytes);
  const demo = sampleLedgers('2026-11-25');
  for (const [i, f] of demo.files.entries()) {
    // The 差勤 demo comes below, with its 基准日 filled in so that its month has data whatever the date.
    if (f.name === '差勤.xlsx') continue;
    const source = Buffer.from(await buildWorkbook(f.sheets).xlsx.writeBuffer());
    await put(`demo${i}-${f.name.replace(/\.xlsx$/, '')}`, (await upgradeXlsx(source)).bytes);
  }
  for (const ledger of ledgerKeys()) await put(`template-${ledger}`, await buildTemplate(ledger, { rows: 300 }));
  await putAttendance('attendance-october', await attendanceEdgeWorkbook('2026-10-31'), '2026-10-31');
  await putAttendance('attendance-mid-october', await attendanceEdgeWorkbook('2026-10-20'), '2026-10-20');
  await putAttendance('attendance-demo-november', await demoAttendance('2026-11-25'), '2026-11-25');
  await putAttendance('attendance-demo-october', await demoAttendance('2026-11-25'), '2026-11-25', '2026-10');
  // A month nobody punched or answered the roll in: every scheduled day unrecorded, nobody absent.
  await putAttendance('attendance-empty-november', await attendanceEdgeWorkbook('2026-11-30'), '2026-11-30', '2026-11');
  await put('workdays', await workdaysWorkbook());
  const outs = recalculate(files.map((f) => f.path));
  recalculated = await Promise.all(outs.map(load));
  originals = await Promise.all(files.map((f) => load(f.path)));
}, 300_000);

/** Formula cells with their cached value (the formula text is read only for a mismatch: shared formulas are translated on demand). */
function formulaCells(
  wb: ExcelJS.Workbook,
): { sheet: string; address: string; row: number; col: number; cell: ExcelJS.Cell; cached: unknown }[] {
  const out: { sheet: string; address: string; row: number; col: number; cell: ExcelJS.Cell; cached: unknown }[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row, r) =>
      row.eachCell((c, col) => {
        if (c.type === ExcelJS.ValueType.Formula)
          out.push({ sheet: ws.name, address: c.address, row: r, col, cell: c, cached: resultOf(c) });
      }),
    ),
  );
  return out;
}

test('every formula cell of every workbook recalculates to the engine value', () => {
  let checked = 0;
  const mismatches: string[] = [];
  files.forEach((f, i) => {
    const cells = formulaCells(originals[i]);
    // Registers without a derived column: their templates (and the demo's 出单登记) hold no formula.
    const formulaFree = [
      ...['targets', 'intent', 'items', 'documents', 'statements', 'deliveries', 'hotline'].map((k) => `template-${k}`),
      'demo5-出单登记',
      'demo6-太平财险手续费结算单',
      'demo7-新车交车与出险咨询',
    ];
    expect([f.name, cells.length > 0]).toEqual([f.name, !formulaFree.includes(f.name)]);
    for (const c of cells) {
      const lo = resultOf(recalculated[i].getWorksheet(c.sheet)!.getRow(c.row).getCell(c.col));
      checked++;
      if (lo !== c.cached)
        mismatches.push(
          `${f.name} ${c.sheet}!${c.address}: insdesk ${JSON.stringify(c.cached)}, LibreOffice ${JSON.stringify(lo)} — ${c.cell.formula}`,
        );
    }
  });
  // Across midnight TODAY() moves: only then may the empty-as-of workbook differ.
  const crossedMidnight = todayIso() !== todayBefore;
  expect(crossedMidnight ? mismatches.filter((m) => !m.startsWith('edge-today')) : mismatches).toEqual([]);
  expect(checked).toBeGreaterThan(3000);
});

test('the recalculation leaves no error cell anywhere', () => {
  for (const wb of recalculated) expect(errorCells(wb)).toEqual([]);
});

function column(wb: ExcelJS.Workbook, sheet: string, header: string, headerRow = 1): unknown[] {
  const ws = wb.getWorksheet(sheet)!;
  let col = 0;
  ws.getRow(headerRow).eachCell((c, n) => {
    if (c.value === header) col = n;
  });
  expect(col).toBeGreaterThan(0);
  const out: unknown[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) out.push(resultOf(ws.getCell(r, col)));
  return out;
}

test('the edge cases compute what ledgers.md says (as recalculated by LibreOffice)', () => {
  const wb = recalculated[files.findIndex((f) => f.name === 'edge')];
  // Leap day, expiry today, 48 hours, a text date 3 days past, 7 days ahead, lost, renewed, unreadable, no expiry; then the 合计 row.
  expect(column(wb, '续保', '距到期天数', 3)).toEqual([-1, 0, -2, -3, 7, 1, -91, '', '', '']);
  expect(column(wb, '续保', '续保状态', 3)).toEqual([
    '已过期',
    '待续保',
    '已过期',
    '脱保',
    '待续保',
    '战败',
    '已续保',
    '',
    '已续保',
    '',
  ]);
  expect(column(wb, '承保台账', '未缴保费')).toEqual([234.3, 0, 2.67, 0, 185.18]);
  expect(column(wb, '承保台账', '代理费')).toEqual([185.18, 27.78, 1.34, 0, 6.48]);
  expect(column(wb, '理赔台账', '保险公司应付')).toEqual([4500, 4500, 5000, 800, '', 3000]);
  expect(column(wb, '理赔台账', '未回款')).toEqual([4500, 4500, 500, 200, '', 3000]);
  // 30 days after submission is not yet overdue, 31 is; a payment after the as-of date is not yet received.
  expect(column(wb, '理赔台账', '是否逾期')).toEqual(['否', '是', '是', '否', '否', '否']);
  expect(column(wb, '合同履行一览表', '已回款')).toEqual([4000.1, 600.05, 800, 0]);
  expect(column(wb, '合同履行一览表', '应收余额')).toEqual([5999.9, -100.05, 0, 1200]);
  expect(column(wb, '合同履行一览表', '交付逾期')).toEqual(['是', '否', '否', '否']);
});

test('with an empty 基准日 the formulas count from today', () => {
  const wb = recalculated[files.findIndex((f) => f.name === 'edge-today')];
  const days = column(wb, '续保', '距到期天数', 3);
  const todaySerial = Math.round(Date.parse(`${todayIso()}T00:00:00Z`) / 86_400_000) + 25569;
  expect(days[0]).toBe(Math.round(Date.parse('2024-02-29T00:00:00Z') / 86_400_000) + 25569 - todaySerial);
});

// ---- 差勤 ---------------------------------------------------------------------------------

const recalculatedOf = (name: string) => recalculated[files.findIndex((f) => f.name === name)];

/** The people of a recalculated 月度差勤 (rows whose 本月在职 helper is 1), as attendanceForMonth gives them. */
function monthSheet(wb: ExcelJS.Workbook) {
  const ws = wb.getWorksheet('月度差勤')!;
  const cal = wb.getWorksheet('差勤日历')!;
  const people: unknown[] = [];
  const others: unknown[][] = [];
  for (let r = 5; r <= ws.rowCount; r++) {
    const v = (c: number) => resultOf(ws.getCell(r, c));
    if (v(16) !== 1) {
      others.push([4, 5, 6, 7, 8, 9, 10].map(v));
      continue;
    }
    const k = r - 5;
    const days: unknown[] = [];
    for (let d = 0; d < 31; d++) days.push(resultOf(cal.getCell(2 + k * 31 + d, 10)) || null);
    people.push({
      employeeId: v(1),
      name: v(2),
      dept: v(3),
      scheduledDays: v(4),
      presentDays: v(5),
      lateDays: v(6),
      leaveDays: v(7),
      unrecordedDays: v(8),
      absentDays: v(9),
      deduction: Math.round(Number(v(10)) * 100),
      days,
    });
  }
  return { people, others, notes: Array.from({ length: ws.rowCount - 4 }, (_, i) => resultOf(ws.getCell(5 + i, 11))) };
}

async function engineMonth(c: (typeof attendance)[number]): Promise<AttendanceMonth> {
  const { grids } = await readWorkbookFile(c.source);
  const sheets = readLedgerSheets(grids, { asOf: c.asOf });
  const input = {
    roster: tablesOf(sheets, 'roster'),
    punches: tablesOf(sheets, 'punches'),
    punchPairs: tablesOf(sheets, 'punchPairs'),
    rollCall: tablesOf(sheets, 'rollCall'),
  };
  return attendanceForMonth(input as never, c.month, sheets.settings, { through: c.asOf });
}

test('月度差勤 as recalculated by LibreOffice is attendanceForMonth, person by person and day by day', async () => {
  for (const c of attendance) {
    const engine = await engineMonth(c);
    const sheet = monthSheet(recalculatedOf(c.name));
    const expected = engine.byPerson.map(({ seen: _seen, ...p }) => ({
      ...p,
      days: [...p.days, ...Array(31 - p.days.length).fill(null)],
    }));
    expect([c.name, sheet.people]).toEqual([c.name, expected]);
    // Everyone else (not employed that month, not counted, empty rows) has no figures.
    for (const row of sheet.others) expect([c.name, row]).toEqual([c.name, ['', '', '', '', '', '', '']]);
  }
  // The month without records: no absence invented, no deduction, in the engine and in the sheet.
  const empty = await engineMonth(attendance.find((c) => c.name === 'attendance-empty-november')!);
  expect(empty.recorded).toBe(false);
  expect(empty.byPerson.length).toBeGreaterThan(3);
  for (const p of empty.byPerson) {
    expect([p.employeeId, p.absentDays, p.deduction, p.unrecordedDays]).toEqual([p.employeeId, 0, 0, p.scheduledDays]);
  }
  const demo = await engineMonth(attendance.find((c) => c.name === 'attendance-demo-october')!);
  expect(demo.byPerson.length).toBeGreaterThan(15);
  expect(demo.byPerson.some((p) => p.lateDays > 0) && demo.byPerson.some((p) => p.leaveDays > 0)).toBe(true);
});

const figures = (wb: ExcelJS.Workbook) =>
  Object.fromEntries(
    (
      monthSheet(wb).people as {
        employeeId: string;
        scheduledDays: number;
        presentDays: number;
        lateDays: number;
        leaveDays: number;
        absentDays: number;
        deduction: number;
      }[]
    ).map((p) => [
      p.employeeId,
      [p.scheduledDays, p.presentDays, p.lateDays, p.leaveDays, p.absentDays, p.deduction / 100],
    ]),
  );

test('October 2026 with the 国庆 holidays, as worked out by hand (scheduled, present, late, leave, absent, deduction)', () => {
  const october = figures(recalculatedOf('attendance-october'));
  expect(october).toEqual({
    // 18 workdays. Late 10-13 (09:01; 09:00 on 10-12 and 09:00:59 on 10-14 are on time); 10-15 roll call 假 but
    // punched: present; 10-16 请假; 10-19 absent; the 10-02 punch and the 10-03 假 fall on holidays. 20 + 100.
    A01: [18, 16, 1, 1, 1, 120],
    // Joins Monday 10-19: 19–23 and 26–30. Punches by name only; 10-26 at 09:05 late; 27–30 present by roll call.
    A02: [10, 10, 1, 0, 0, 20],
    // Leaves 10-13: 8 9 10 12 13. 10-08 08:59 and 10-09 09:10 in the date cell; 10-10 no time (present, not late);
    // 10-12 roll call 迟到; 10-13 absent. 2 × 20 + 100.
    A03: [5, 4, 2, 0, 1, 140],
    // 上班/下班 clock: 10-09 only 18:05 and 10-12 09:15 late; 10-13 absent; 10-14 empty row + 假 = leave.
    A04: [18, 16, 2, 1, 1, 140],
    A10: [18, 18, 0, 0, 0, 0],
    // The second 陈十 joins 10-26; the punch by the name 陈十 is nobody's: 5 days absent.
    A11: [5, 0, 0, 0, 5, 500],
    // Punched as a12 (工号 match case-insensitively); 10-22 09:20 written with its date into 打卡时间: late.
    A12: [18, 18, 1, 0, 0, 20],
  });
  expect(monthSheet(recalculatedOf('attendance-october')).notes.slice(0, 13)).toEqual([
    '',
    '本月入司',
    '本月离司',
    '',
    '本月不在职',
    '工号与上面的人员重复，未统计（只统计第一次出现的那一行）',
    '人力表缺少工号、姓名或部门，未统计',
    '入司日期或离司日期无法识别（应为 2026-10-08 这样的日期），未统计',
    '离司日期早于入司日期，未统计',
    '',
    '',
    '本月入司',
    '',
  ]);
  // Through 10-20 only: later days are not scheduled yet.
  expect(figures(recalculatedOf('attendance-mid-october'))).toEqual({
    A01: [10, 8, 1, 1, 1, 120],
    A02: [2, 2, 0, 0, 0, 0],
    A03: [5, 4, 2, 0, 1, 140],
    A04: [10, 8, 2, 1, 1, 140],
    A10: [10, 10, 0, 0, 0, 0],
    A11: [0, 0, 0, 0, 0, 0],
    A12: [10, 10, 0, 0, 0, 0],
  });
});

test('设置!工作日 read by the formulas as parseWorkdays reads it', () => {
  const ws = recalculatedOf('workdays').getWorksheet('工作日')!;
  WORKDAY_TEXTS.forEach((text, i) => {
    const flags = [4, 5, 6, 7, 8, 9, 10].map((c) => resultOf(ws.getCell(i + 1, c)));
    const days =
      (text === null || String(text).trim() === '' ? undefined : parseWorkdays(String(text))) ??
      defaultSettings().workdays;
    expect([text, flags]).toEqual([text, [0, 1, 2, 3, 4, 5, 6].map((w) => (days.includes(w) ? 1 : 0))]);
  });
});

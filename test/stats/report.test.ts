/**
 * The report a manager receives: `insdesk stats … --out 月度统计.xlsx` on the five small ledgers
 * (one file each, the 设置 sheet in the attendance file), read back with exceljs, and the
 * HTML report beside it parsed for its SVG charts.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { ticks } from '../../src/io/statsOut';
import { attendanceSheets, claimsSheets, contractSheets, issuanceSheets, renewalSheets } from './fixtures';
import { tempDir, writeBook } from './helpers';

const { dir, cleanup } = tempDir('report');
afterAll(cleanup);

const out = join(dir, '月度统计.xlsx');
let wb: ExcelJS.Workbook;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk the JSON freely
let json: Record<string, any>;
let html: string;

beforeAll(async () => {
  const files = [
    await writeBook(join(dir, '续保清单.xlsx'), renewalSheets()),
    await writeBook(join(dir, '承保台账.xlsx'), issuanceSheets()),
    await writeBook(join(dir, '理赔台账.xlsx'), claimsSheets()),
    await writeBook(join(dir, '合同履行一览表.xlsx'), contractSheets()),
    await writeBook(join(dir, '差勤.xlsx'), attendanceSheets()),
  ];
  let stdout = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true } };
  const code = await main(['stats', ...files, '--period', '2026-10', '--out', out, '--json'], io);
  process.exitCode = 0;
  expect(code).toBe(0);
  json = JSON.parse(stdout);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  html = readFileSync(join(dir, '月度统计.html'), 'utf8');
});

/** The row of `ws` whose column `col` (1-based) reads `text`. */
function rowWith(ws: ExcelJS.Worksheet, col: number, text: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (!found && row.getCell(col).value === text) found = row;
  });
  if (!found) throw new Error(`no row with ${text} in ${ws.name}`);
  return found;
}

test('one sheet per ledger after the overview, details and exclusions last', () => {
  expect(wb.worksheets.map((w) => w.name)).toEqual([
    '总览',
    '续保',
    '承保',
    '理赔',
    '合同回款',
    '合同履行一览表',
    '差勤汇总',
    '月度差勤',
    '考勤明细',
    '理赔月度分析',
    '剔除明细',
  ]);
  expect(json.outputs).toEqual([out, join(dir, '月度统计.html')]);
});

test('总览: headline figures with the change against September, formatted', () => {
  const ws = wb.getWorksheet('总览')!;
  expect(ws.getCell('A1').value).toBe('月度统计 2026年10月');
  // Title, subtitle, blank, table title, header on row 5: the header is frozen.
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
  expect(ws.getRow(5).values).toEqual([
    undefined,
    '台账',
    '指标',
    '本期',
    '上期',
    '环比增减',
    '环比',
    '去年同期',
    '同比增减',
    '同比',
  ]);

  const rate = rowWith(ws, 2, '续保率');
  expect(rate.getCell(3).value).toBe(0.375);
  expect(rate.getCell(3).numFmt).toBe('0.00%');
  expect(rate.getCell(4).value).toBe(0); // September: R03 due, not renewed
  // +37.5 percentage points, never "+37.5%" of a percent; green, since a higher renewal rate is good.
  expect(rate.getCell(5).value).toBe(37.5);
  expect(rate.getCell(5).numFmt).toBe('[Green]+0.00"个百分点";[Red]-0.00"个百分点";0.00"个百分点"');
  expect(rate.getCell(6).value).toBe('—'); // no relative change of a rate
  // No data a year earlier: 同比 is —.
  expect([7, 8, 9].map((c) => rate.getCell(c).value)).toEqual(['—', '—', '—']);

  const premium = rowWith(ws, 2, '保费（元）');
  expect(premium.getCell(3).value).toBe(5983.34);
  expect(premium.getCell(3).numFmt).toBe('#,##0.00');
  expect(premium.getCell(4).value).toBe(665); // September: I04
  expect(premium.getCell(5).value).toBe(5318.34);
  // (5,983.34 − 665) / 665 = 7.99750… → 7.9975
  expect(premium.getCell(6).value).toBe(7.9975);
  expect(premium.getCell(6).numFmt).toBe('[Green]+0.00%;[Red]-0.00%;0.00%');
  // Unpaid premium: a rise is bad news, so the colours turn round.
  expect(rowWith(ws, 2, '未缴保费（元）').getCell(5).numFmt).toBe('[Red]+#,##0.00;[Green]-#,##0.00;#,##0.00');

  // Attendance has no punch before October: no September figures, so 环比 is —.
  const deduction = rowWith(ws, 2, '扣款合计（元）');
  expect(deduction.getCell(3).value).toBe(1100);
  expect(deduction.getCell(4).value).toBe('—');
  expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(20);
});

test('续保 and 承保: per specialist and per salesperson', () => {
  const renewal = wb.getWorksheet('续保')!;
  const zhang = rowWith(renewal, 1, '张敏');
  // 续保专员 分配辆数 续保辆数 续保率（按辆） 分配 已联系 联系率 续保件数 续保率 续保保费 战败 脱保
  // (the fixture has no plates, VINs or phones: each policy is its own car)
  expect(zhang.values).toEqual([undefined, '张敏', 4, 2, 0.5, 4, 3, 0.75, 2, 0.5, 950, 1, 0]);
  expect(zhang.getCell(10).numFmt).toBe('#,##0.00');
  expect(rowWith(renewal, 1, '合计').getCell(2).value).toBe(7);
  expect(renewal.views[0]).toMatchObject({ state: 'frozen' });
  expect(rowWith(renewal, 1, '价格高').getCell(2).value).toBe(1);

  const issuance = wb.getWorksheet('承保')!;
  const wang = rowWith(issuance, 1, '王芳');
  expect(wang.getCell(3).value).toBe(4783.33);
  expect(wang.getCell(2).numFmt).toBe('#,##0');
  expect(rowWith(issuance, 1, '2026-10').getCell(3).value).toBe(5983.34);
});

test('理赔 and 合同: aging and the 合同履行一览表', () => {
  const claims = wb.getWorksheet('理赔')!;
  expect(rowWith(claims, 1, '61-90').getCell(3).value).toBe(7000);
  const c06 = rowWith(claims, 1, 'C06');
  const submitted = c06.getCell(4).value as Date;
  expect(submitted.toISOString().slice(0, 10)).toBe('2026-08-15');
  expect(c06.getCell(4).numFmt).toBe('yyyy-mm-dd');
  expect(c06.getCell(5).value).toBe(77);

  expect(rowWith(wb.getWorksheet('合同回款')!, 1, '>180').getCell(3).value).toBe(-10000);
  const list = wb.getWorksheet('合同履行一览表')!;
  expect(list.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
  expect(list.autoFilter).toBe('A4:P9'); // the per-contract table: header row 4 and its rows
  const k04 = rowWith(list, 1, 'K04');
  expect((k04.getCell(5).value as Date).toISOString().slice(0, 10)).toBe('2026-05-03');
  expect(k04.getCell(6).value).toBe(200000);
  expect(k04.getCell(9).value).toBe(-10000);
  expect(k04.getCell(10).numFmt).toBe('0.00%');
  expect(k04.getCell(11).value).toBe(181);
});

test('差勤: per department, per person, and the day-by-day marks', () => {
  const dept = rowWith(wb.getWorksheet('差勤汇总')!, 1, '一部');
  // 部门 人数 应出勤 出勤 出勤率 迟到 请假 无记录 缺勤 扣款
  expect(dept.values).toEqual([undefined, '一部', 3, 38, 31, 0.8158, 4, 2, 0, 5, 580]);
  const person = rowWith(wb.getWorksheet('月度差勤')!, 1, 'E03');
  expect(person.values).toEqual([undefined, 'E03', '王五', '二部', 10, 6, 0.6, 1, 0, 0, 4, 420]);
  const days = wb.getWorksheet('考勤明细')!;
  const header = rowWith(days, 1, '工号');
  expect(header.getCell(4).value).toBe('1(休)');
  expect(header.getCell(13).value).toBe('10(班)');
  expect(header.getCell(15).value).toBe('12(一)');
  const e01 = rowWith(days, 1, 'E01');
  expect(e01.getCell(3 + 10).value).toBe('迟'); // 10-10
  expect(e01.getCell(3 + 14).value).toBe('假');
  expect(e01.getCell(3 + 15).value).toBe('缺');
  expect(e01.getCell(3 + 8).value).toBe('√');
  expect(e01.getCell(3 + 1).value).toBeNull();
});

test('剔除明细 lists every excluded row', () => {
  const ws = wb.getWorksheet('剔除明细')!;
  const header = rowWith(ws, 1, '台账').number;
  expect(ws.rowCount - header).toBe(json.excludedCount);
  // 5 renewal + 5 issuance + 5 claims + 4 contracts + 8 attendance
  expect(json.excludedCount).toBe(27);
  expect(
    rowWith(ws, 5, '终保日期无法识别: 2026-13-01，无法判断是否在本期到期（应为 2026-10-31 这样的日期）').getCell(3)
      .value,
  ).toBe(13);
});

test('the HTML report: one <svg> per chart, bars carrying their values', () => {
  const svgs = html.match(/<svg[^>]*data-chart="([^"]+)"/g)!.map((s) => /data-chart="([^"]+)"/.exec(s)![1]);
  expect(svgs).toEqual([
    'renewalRateBySpecialist',
    'premiumByMonth',
    'premiumByInsurer',
    'claimsSubmittedPaid',
    'claimsAging',
    'receivableAging',
    'attendanceRateByDept',
  ]);
  const bars = (id: string) => {
    const svg = html.slice(
      html.indexOf(`data-chart="${id}"`),
      html.indexOf('</svg>', html.indexOf(`data-chart="${id}"`)),
    );
    const unescape = (x: string) => x.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
    return [
      ...svg.matchAll(/<rect class="bar"[^>]*data-category="([^"]*)" data-series="([^"]*)" data-value="([^"]*)"/g),
    ].map((m) => [unescape(m[1]), unescape(m[2]), Number(m[3])]);
  };
  expect(bars('renewalRateBySpecialist')).toEqual([
    ['张敏', '续保率', 0.5],
    ['李强', '续保率', 0],
  ]);
  expect(bars('premiumByMonth')).toEqual([
    ['2026-09', '保费', 665],
    ['2026-10', '保费', 5983.34],
  ]);
  expect(bars('receivableAging')).toEqual([
    ['0-30 天', '应收余额', 120000],
    ['31-90 天', '应收余额', 40000],
    ['91-180 天', '应收余额', 0],
    ['>180 天', '应收余额', -10000],
  ]);
  // Two series side by side per insurer, with a legend naming them.
  const claims = bars('claimsSubmittedPaid');
  expect(claims.map((b) => b[1])).toEqual(claims.map((_, i) => (i % 2 ? '回款金额' : '递交金额')));
  expect(claims.length).toBeGreaterThan(0);
  expect(html).toContain('<h1>月度统计 2026年10月</h1>');
  expect(html).toContain('5,983.34');
  // Long detail tables stay in the workbook, and the page says where.
  expect(html).toContain('请在 月度统计.xlsx 的“剔除明细”表中查看');
});

test('chart axes reach past the largest bar and below the smallest', () => {
  expect(ticks(0, 147627.61)).toEqual([0, 50000, 100000, 150000]);
  expect(ticks(-10000, 120000)).toEqual([-50000, 0, 50000, 100000, 150000]);
  expect(ticks(0, 1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
});

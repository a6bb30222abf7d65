/** The one 设置 plan both the file writer and 升级为工具 carry out. */
import { settingsPlan } from '../../src/tasks/upgrade/settingsSheet';
import type { UpgradeRecord } from '../../src/tasks/upgrade/ledgerSheet';

test('a new workbook gets the whole sheet', () => {
  const records: UpgradeRecord[] = [];
  const plan = settingsPlan(undefined, false, records);
  expect(plan.fresh).toBe(true);
  expect(plan.rows[0].cells).toEqual(['设置项', '值', '说明']);
  expect(plan.cells.map((c) => c.key)).toContain('holidays');
  expect(records).toHaveLength(1);
});

test('an existing sheet: text values read as readSettings reads them, missing settings appended with room for date lists', () => {
  const records: UpgradeRecord[] = [];
  const grid = {
    sheet: '设置',
    rows: [
      ['设置项', '值'],
      ['基准日', '2026/10/31'],
      ['上班时间', '9:00'],
      ['迟到扣款', '￥20.50'],
      ['缺勤扣款', '-30'],
      ['理赔逾期天数', '三十'],
    ],
  };
  const plan = settingsPlan(grid, false, records);
  expect(plan.fresh).toBe(false);
  expect(plan.conversions.map((c) => [c.row, c.value])).toEqual([
    [2, '2026-10-31'],
    [3, 0.375],
    [4, 20.5],
  ]);
  // What the engine cannot read (a negative deduction, 三十) stays as typed, and validate reports it.
  expect(records.filter((r) => r.cell.startsWith('B')).map((r) => `${r.cell} ${r.before}→${r.after}`)).toEqual([
    'B2 2026/10/31→2026-10-31',
    'B3 9:00→09:00',
    'B4 ￥20.50→20.5',
  ]);
  const appended = plan.rows.map((r) => [r.row, r.cells[0]]);
  expect(appended[0][0]).toBe(7);
  const holidays = appended.find(([, label]) => label === '节假日')!;
  const next = appended[appended.indexOf(holidays) + 1];
  expect(next[0]).toBe((holidays[0] as number) + 30);
  const cell = plan.cells.find((c) => c.key === 'holidays')!;
  expect(cell.lastRow - cell.firstRow + 1).toBe(30);
});

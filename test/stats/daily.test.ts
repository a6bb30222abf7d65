/**
 * 专员日报 and 积分 (workflows.md §8): for a day, per specialist — leads given out, calls,
 * renewals in 辆 and 件, premium, points from the 设置 sheet, rank, and the day's 红星.
 */
import { join } from 'node:path';
import { d, ledger, statsOf, tempDir, writeBook, type CellIn } from './helpers';

const { dir, cleanup } = tempDir('daily');
afterAll(cleanup);

const at = (iso: string, hh: number): Date => new Date(`${iso}T${String(hh).padStart(2, '0')}:00:00Z`);

const RENEWAL: CellIn[][] = [
  [
    '保单号',
    '险种',
    '被保险人',
    '车牌号',
    '终保日期',
    '所属人员',
    '发放日期',
    '联系结果',
    '续保保单号',
    '续保日期',
    '续保保费',
  ],
  // 张敏 renews one car, both policies, on 12-04: 1 辆, 2 件, 950 + 3,050 = 4,000 元.
  ['P1', '交强险', '甲', '冀B10001', d('2026-12-20'), '张敏', d('2026-11-25'), '成功续保', 'N1', d('2026-12-04'), 950],
  ['P2', '商业险', '甲', '冀B10001', d('2026-12-20'), '张敏', d('2026-11-25'), '成功续保', 'N2', d('2026-12-04'), 3050],
  // 李强 renews one car on 12-04 (1,500 元) and one on 12-02 (month to date only).
  ['P3', '商业险', '乙', '冀B10002', d('2026-12-25'), '李强', d('2026-12-04'), '成功续保', 'N3', d('2026-12-04'), 1500],
  ['P4', '商业险', '丙', '冀B10003', d('2026-12-26'), '李强', d('2026-12-01'), '成功续保', 'N4', d('2026-12-02'), 2000],
  // Given out on 12-04, not renewed yet.
  ['P5', '商业险', '丁', '冀B10004', d('2026-12-29'), '王五', d('2026-12-04'), null, null, null, null],
];
const LOG: CellIn[][] = [
  ['车牌号', '联系时间', '联系结果', '联系人'],
  ['冀B10001', at('2026-12-04', 9), '成功续保', '张敏'],
  ['冀B10002', at('2026-12-04', 10), '无人接听', '李强'],
  ['冀B10002', at('2026-12-04', 15), '成功续保', '李强'],
  ['冀B10004', at('2026-12-04', 16), '关机停机', '王五'],
];
const SETTINGS: CellIn[][] = [
  ['基准日', null],
  ['每续保一辆积分', 10],
  ['每千元续保保费积分', 2],
];

test('the day and the month to date per specialist, with points, ranks and the 红星', async () => {
  const file = await writeBook(join(dir, '续保.xlsx'), [
    { name: '续保清单', rows: RENEWAL },
    { name: '回访记录', rows: LOG },
    { name: '设置', rows: SETTINGS },
  ]);
  const r = await statsOf([file], '2026-12-04');
  const desk = ledger(r, 'deskDaily');
  const row = (list: { specialist: string }[], who: string) => list.find((s) => s.specialist === who);
  // 张敏: 1 × 10 + 4,000 / 1,000 × 2 = 18 points — the day's best, 红星.
  expect(row(desk.day, '张敏')).toEqual({
    specialist: '张敏',
    given: 0,
    attempts: 1,
    reached: 1,
    renewedVehicles: 1,
    renewed: 2,
    renewedPremium: 4000,
    points: 18,
    rank: 1,
    star: true,
  });
  // 李强: 10 + 1.5 × 2 = 13; given 1 (P3); 2 calls, 1 answered.
  expect(row(desk.day, '李强')).toMatchObject({ given: 1, attempts: 2, reached: 1, points: 13, rank: 2, star: false });
  expect(row(desk.day, '王五')).toMatchObject({ given: 1, attempts: 1, reached: 0, points: 0, rank: 3, star: false });
  // Month to date: 李强 also renewed P4 on 12-02 (10 + 2 × 2): 27 points, ahead of 张敏.
  expect(row(desk.monthToDate, '李强')).toMatchObject({
    renewedVehicles: 2,
    renewedPremium: 3500,
    points: 27,
    rank: 1,
  });
  expect(r.report.sheets.map((s) => s.name)).toContain('专员日报');
  // A month has no 日报.
  expect(ledger(await statsOf([file], '2026-12', '2026-12-04'), 'deskDaily')).toBeUndefined();
});

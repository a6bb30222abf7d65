/** 理赔 figures on test/stats/fixtures.ts claimsSheets(), worked out by hand. */
import { join } from 'node:path';
import { claimsSheets, settingsSheet } from './fixtures';
import { ledger, statsOf, tempDir, writeBook } from './helpers';

const { dir, cleanup } = tempDir('claims');
afterAll(cleanup);
let file: string;
beforeAll(async () => {
  file = await writeBook(join(dir, '理赔台账.xlsx'), claimsSheets());
});

test('October 2026: reported, submitted, paid, returned', async () => {
  const c = ledger(await statsOf([file], '2026-10'), 'claims');
  // Reported 10-01…10-31: C01 (10-01), C03 (10-02), C05 (10-10), C04 (10-31) = 4; C10's date is unreadable.
  expect(c.reportedCount).toBe(4);
  expect(c.returnedCount).toBe(1); // C05 退案
  // Submitted in October: C01 (10-05), C03 (10-01). Insurer due = repair − customer paid:
  // C01 5,000 − 500 = 4,500; C03 2,000 − 0 = 2,000 → 6,500.
  expect(c).toMatchObject({ submittedCount: 2, submittedAmount: 6500 });
  // Paid in October: C01 (10-25) 4,500, C07 (10-12) 1,000, C08 (10-31, the last day) 9,800 → 15,300.
  // C06 is paid on 11-05, after the as-of date.
  expect(c).toMatchObject({ paidCount: 3, paidAmount: 15300 });
  // Cycle over those paid with a submitted date: C01 10-05→10-25 = 20, C08 09-01→10-31 = 60 → 40.0 (C07 listed).
  expect(c).toMatchObject({ avgCycleDays: 40, cycleCount: 2 });
  // 回店维修 among reported: C01 是, C03 是, C05 否; C04 blank (listed) → 2 / 3.
  expect(c).toMatchObject({ returnRate: 0.6667, returnedForRepairCount: 2, returnRateBase: 3 });
});

test('overdue on the as-of date: 30 days is not overdue, 31 is; a later payment is not yet received', async () => {
  const res = await statsOf([file], '2026-10');
  const c = ledger(res, 'claims');
  // Open on 10-31 (submitted, not 退案/结案, no payment dated on or before 10-31):
  //   C03 submitted 10-01 → 30 days: not overdue, aging 0-30, 2,000
  //   C02 submitted 09-30 → 31 days: overdue, aging 31-60, 3,000
  //   C06 submitted 08-15 → 16 + 30 + 31 = 77 days: overdue, aging 61-90, 8,000 − 1,000 = 7,000
  //       (paid 11-05: after the as-of date, so still outstanding)
  //   C11 已回款 without a 回款日期: cannot tell, listed.
  expect(c).toMatchObject({ overdueCount: 2, overdueAmount: 10000 });
  expect(c.aging).toEqual({
    '0-30': { count: 1, amount: 2000 },
    '31-60': { count: 1, amount: 3000 },
    '61-90': { count: 1, amount: 7000 },
    '>90': { count: 0, amount: 0 },
  });
  // The list behind the report's 逾期未回款明细, longest first (money in fen).
  expect(res.figures.claims!.overdue.map((o) => [o.claimNo, o.days, o.outstanding])).toEqual([
    ['C06', 77, 700000],
    ['C02', 31, 300000],
  ]);
  // On 11-05 C06 is paid: only C02 (36 days) and C03 (35 days) remain, both overdue.
  const later = ledger(await statsOf([file], '2026-10', '2026-11-05'), 'claims');
  expect(later).toMatchObject({ overdueCount: 2, overdueAmount: 5000 });
});

test('per insurer', async () => {
  const c = ledger(await statsOf([file], '2026-10'), 'claims');
  // 人保财险: reported C01 C03 C05; submitted C01 C03 (6,500); paid C01 (4,500); open C03 2,000 + C06 7,000; overdue C06.
  expect(c.byInsurer['人保财险']).toEqual({
    reportedCount: 3,
    submittedCount: 2,
    submittedAmount: 6500,
    paidCount: 1,
    paidAmount: 4500,
    outstandingCount: 2,
    outstandingAmount: 9000,
    overdueCount: 1,
    overdueAmount: 7000,
  });
  // 平安产险: reported C04; open and overdue C02 3,000 (C11 listed).
  expect(c.byInsurer['平安产险']).toMatchObject({
    reportedCount: 1,
    outstandingCount: 1,
    overdueCount: 1,
    overdueAmount: 3000,
  });
  // 太平洋产险: paid C07 1,000 + C08 9,800.
  expect(c.byInsurer['太平洋产险']).toMatchObject({ reportedCount: 0, paidCount: 2, paidAmount: 10800 });
});

test('rows left out are listed', async () => {
  const c = ledger(await statsOf([file], '2026-10'), 'claims');
  // Excel rows: header 1, C01 2 … C11 12.
  expect(c.excluded.map((e: { row: number; figure: string }) => [e.row, e.figure])).toEqual([
    [5, 'returnRate'], // C04 回店维修 blank
    [8, 'avgCycleDays'], // C07 paid without a submitted date
    [10, '*'], // second C01
    [11, 'reportedCount'], // C10 report date 2026/10/32
    [12, 'overdueCount'], // C11 已回款 without a paid date
  ]);
  expect(c.excluded[3].reason).toContain('报案日期无法识别: 2026/10/32');
});

test('理赔逾期天数 from a 设置 sheet: 60 days leaves only C06 (77 days) overdue', async () => {
  const withSettings = await writeBook(join(dir, '理赔台账-设置.xlsx'), [
    ...claimsSheets(),
    settingsSheet([['理赔逾期天数', 60]]),
  ]);
  const c = ledger(await statsOf([withSettings], '2026-10'), 'claims');
  expect(c).toMatchObject({ overdueCount: 1, overdueAmount: 7000 });
});

test('a quarter: everything reported from October to December', async () => {
  const c = ledger(await statsOf([file], '2026Q4'), 'claims');
  // As of 12-31: C06 was paid 11-05 (in the quarter), so it is no longer open: paid C01 C06 C07 C08 = 4,
  // 4,500 + 7,000 + 1,000 + 9,800 = 22,300; cycles 20, 82 (08-15→11-05), 60 → 162 / 3 = 54.0.
  expect(c).toMatchObject({ reportedCount: 4, paidCount: 4, paidAmount: 22300, avgCycleDays: 54 });
  // Open: C02 (92 days) and C03 (91 days), both overdue: 3,000 + 2,000.
  expect(c).toMatchObject({ overdueCount: 2, overdueAmount: 5000 });
});

/** 承保 figures on test/stats/fixtures.ts issuanceSheets(), worked out by hand. */
import { join } from 'node:path';
import { issuanceSheets } from './fixtures';
import { ledger, statsOf, tempDir, writeBook } from './helpers';

const { dir, cleanup } = tempDir('issuance');
afterAll(cleanup);
let file: string;
beforeAll(async () => {
  file = await writeBook(join(dir, '承保台账.xlsx'), issuanceSheets());
});

test('October 2026: totals, exact to the fen', async () => {
  const i = ledger(await statsOf([file], '2026-10'), 'issuance');
  // Issued 10-01…10-31 and usable: I01 (first day), I02 (last day), I03, I06, I09 = 5.
  // I04 (09-30) and I05 (11-01) are outside; I07 (bad premium), the second I02 and I08 (no date) are excluded.
  expect(i.policyCount).toBe(5);
  // 950.00 + 3,333.33 + 1,000.01 + 200.00 + 500.00 = 5,983.34
  expect(i.premium).toBe(5983.34);
  // I09's paid premium 5O0 is unreadable: left out of paid and unpaid. 950 + 3,000 + 0 (blank) + 200 = 4,150.00
  expect(i.paidPremium).toBe(4150);
  // Unpaid: I02 3,333.33 − 3,000 = 333.33; I03 1,000.01 − 0 = 1,000.01 → 2 policies, 1,333.34
  expect(i.unpaidCount).toBe(2);
  expect(i.unpaidAmount).toBe(1333.34);
  // Commission per row, half up: I01 950 × 4% = 38.00; I02 3,333.33 × 0.15 = 499.9995 → 500.00;
  // I03 1,000.01 × 0.125 = 125.00125 → 125.00; I09 500 × 20% = 100.00; I06 has no rate (listed).
  // 38 + 500 + 125 + 100 = 763.00
  expect(i.commission).toBe(763);
  expect(i.commissionReceived).toBe(38); // I01 38; I02 0; blanks count 0
});

test('by coverage, business type, salesperson and insurer', async () => {
  const i = ledger(await statsOf([file], '2026-10'), 'issuance');
  expect(i.byCoverage['交强险']).toMatchObject({ count: 1, premium: 950 });
  // 商业险: I02 3,333.33 + I03 1,000.01 + I09 500 = 4,833.34
  expect(i.byCoverage['商业险']).toMatchObject({ count: 3, premium: 4833.34, commission: 725 }); // 500 + 125 + 100
  expect(i.byCoverage['非车险']).toMatchObject({ count: 1, premium: 200, commission: 0 });
  // 新保: I02 + I09 = 3,833.33; I06 has no type.
  expect(i.byBusinessType).toEqual({
    续保: expect.objectContaining({ count: 1, premium: 950 }),
    新保: expect.objectContaining({ count: 2, premium: 3833.33 }),
    转保: expect.objectContaining({ count: 1, premium: 1000.01 }),
    '（未填写）': expect.objectContaining({ count: 1, premium: 200 }),
  });
  // 王芳: I01 + I02 + I09 = 950 + 3,333.33 + 500 = 4,783.33; paid 950 + 3,000 = 3,950 (I09 unreadable);
  // unpaid I02 333.33; commission 38 + 500 + 100 = 638.
  expect(i.bySalesperson['王芳']).toEqual({
    count: 3,
    premium: 4783.33,
    paidPremium: 3950,
    unpaidCount: 1,
    unpaidAmount: 333.33,
    commission: 638,
    commissionReceived: 38,
  });
  // 陈刚: I03 + I06 = 1,200.01; paid 0 + 200; unpaid I03 1,000.01; commission 125.
  expect(i.bySalesperson['陈刚']).toEqual({
    count: 2,
    premium: 1200.01,
    paidPremium: 200,
    unpaidCount: 1,
    unpaidAmount: 1000.01,
    commission: 125,
    commissionReceived: 0,
  });
  expect(i.byInsurer['人保财险']).toMatchObject({ count: 2, premium: 1950.01 }); // I01 + I03
  expect(i.byInsurer['平安产险']).toMatchObject({ count: 2, premium: 3833.33 }); // I02 + I09
  expect(i.byInsurer['（未填写）']).toMatchObject({ count: 1, premium: 200 }); // I06
});

test("premium by month starts at the ledger's first month; exclusions are listed", async () => {
  const res = await statsOf([file], '2026-10');
  const i = ledger(res, 'issuance');
  expect(i.byMonth).toEqual({ '2026-09': { count: 1, premium: 665 }, '2026-10': { count: 5, premium: 5983.34 } });
  expect(i.excluded.map((e: { row: number; figure: string }) => [e.row, e.figure])).toEqual([
    [7, 'commission'], // I06 no rate
    [8, '*'], // I07 premium abc
    [9, '*'], // second I02
    [10, '*'], // I08 no issue date
    [11, 'paidPremium'], // I09 5O0
  ]);
  expect(i.excluded[1].reason).toContain('保费无法识别: abc');
  // 环比: September has I04 only.
  expect(res.json.previous).toMatchObject({ issuance: { policyCount: 1, premium: 665, commission: 26.6 } });
});

test('a mid-month as-of date counts the month so far; a quarter counts I05 too', async () => {
  // As of 10-15: I01 (10-01) and I03 (10-15) = 950 + 1,000.01.
  const mid = ledger(await statsOf([file], '2026-10', '2026-10-15'), 'issuance');
  expect(mid).toMatchObject({ policyCount: 2, premium: 1950.01 });
  // 2026Q4: October's 5 + I05 (11-01, 665) = 6, 6,648.34.
  const q = ledger(await statsOf([file], '2026Q4'), 'issuance');
  expect(q).toMatchObject({ policyCount: 6, premium: 6648.34 });
  // The year: + I04 (09-30) = 7, 7,313.34.
  expect(ledger(await statsOf([file], '2026'), 'issuance')).toMatchObject({ policyCount: 7, premium: 7313.34 });
});

/** 续保 figures on test/stats/fixtures.ts renewalSheets(), worked out by hand. */
import { join } from 'node:path';
import { renewalSheets } from './fixtures';
import { ledger, statsOf, tempDir, writeBook } from './helpers';

const { dir, cleanup } = tempDir('renewal');
afterAll(cleanup);
let file: string;
beforeAll(async () => {
  file = await writeBook(join(dir, '续保清单.xlsx'), renewalSheets());
});

test('October 2026 as of its last day', async () => {
  const r = ledger(await statsOf([file], '2026-10'), 'renewal');
  // Due in October (expiry 10-01…10-31, readable, first of its policy no. + coverage, readable
  // contact result): R01 R02 R05 R06 R07 R08 R09 R10 = 8. R03 (09-30) and R04 (11-01) are
  // outside; R11 (bad expiry), the second R01 and R12 (bad contact result) are excluded.
  expect(r.dueCount).toBe(8);
  // Status on 10-31: 已续保 R01 (成功续保), R09 (续保保单号), R10 (成功续保) = 3;
  // 战败 R07 (明确拒绝), R08 (已在他司投保) = 2; 脱保 R05 (10-31 − 10-28 = 3 days) = 1;
  // 已过期 R06 (2 days) = 1; 待续保 R02 (0 days) = 1. 3 + 2 + 1 + 1 + 1 = 8.
  expect(r).toMatchObject({ renewedCount: 3, lostCount: 2, lapsedCount: 1, expiredCount: 1, pendingCount: 1 });
  expect(r.renewalRate).toBe(0.375); // 3 / 8
  expect(r.renewedPremium).toBe(2184.56); // R01 950.00 + R09 1,234.56; R10 has no premium (listed)
  expect(r.unassignedCount).toBe(1); // R09
  expect(r.bySpecialist).toEqual([
    // 张敏: R01 R02 R08 R10 assigned; contacted R01 R08 R10; renewed R01 R10; premium 950; lost R08.
    {
      specialist: '张敏',
      assigned: 4,
      contacted: 3,
      renewed: 2,
      renewedPremium: 950,
      lost: 1,
      lapsed: 0,
      renewalRate: 0.5,
      // No plate, VIN or phone in the fixture: each policy is its own car.
      vehicles: 4,
      renewedVehicles: 2,
      vehicleRenewalRate: 0.5,
    },
    // 李强: R05 R06 R07 assigned and contacted; nothing renewed; lost R07; lapsed R05.
    {
      specialist: '李强',
      assigned: 3,
      contacted: 3,
      renewed: 0,
      renewedPremium: 0,
      lost: 1,
      lapsed: 1,
      renewalRate: 0,
      vehicles: 3,
      renewedVehicles: 0,
      vehicleRenewalRate: 0,
    },
  ]);
  expect(r.lostReasons).toEqual({ 价格高: 1, '（未填写）': 1 });
  expect(r.lostByResult).toEqual({ 明确拒绝: 1, 已在他司投保: 1 });
});

test('rows left out of a figure are listed with sheet, row and reason', async () => {
  const r = ledger(await statsOf([file], '2026-10'), 'renewal');
  // Excel rows: title 1, header 2, R01 3 … R12 15.
  expect(r.excluded.map((e: { row: number; figure: string }) => [e.row, e.figure])).toEqual([
    [11, 'bySpecialist'], // R09 has no 所属人员
    [12, 'renewedPremium'], // R10 renewed without a premium
    [13, '*'], // R11 expiry 2026-13-01
    [14, '*'], // second R01 交强险
    [15, '*'], // R12 contact result 续保了
  ]);
  expect(r.excluded[2].reason).toContain('终保日期无法识别: 2026-13-01');
  expect(r.excluded[3].reason).toContain('与续保清单 第 3 行重复');
  expect(r.excludedCount).toBe(5);
});

test('the 48-hour lapse: the day before, R05 is only expired', async () => {
  const r = ledger(await statsOf([file], '2026-10', '2026-10-30'), 'renewal');
  // On 10-30: R05 expired 2 days ago (已过期), R06 1 day (已过期), R02 not yet (待续保).
  expect(r).toMatchObject({ dueCount: 8, lapsedCount: 0, expiredCount: 2, pendingCount: 1 });
});

test('a quarter and a year as of their last day', async () => {
  // 2026Q4 adds R04 (11-01). On 12-31 every open row is lapsed: R02, R04, R05, R06 = 4.
  const q = ledger(await statsOf([file], '2026Q4'), 'renewal');
  expect(q).toMatchObject({
    dueCount: 9,
    renewedCount: 3,
    lostCount: 2,
    lapsedCount: 4,
    expiredCount: 0,
    pendingCount: 0,
  });
  expect(q.renewalRate).toBe(0.3333); // 3 / 9
  // The year adds R03 (09-30), lapsed too.
  const y = ledger(await statsOf([file], '2026'), 'renewal');
  expect(y).toMatchObject({ dueCount: 10, lapsedCount: 5, renewalRate: 0.3 });
});

test('环比: September has one policy due (R03), pending on 09-30', async () => {
  const res = await statsOf([file], '2026-10');
  expect(res.json.previous).toMatchObject({
    period: '2026-09',
    asOf: '2026-09-30',
    renewal: { dueCount: 1, renewedCount: 0, renewalRate: 0 },
  });
  // Other ledgers are absent from the input, so absent from the output.
  expect(res.json.issuance).toBeUndefined();
  expect(res.json.attendance).toBeUndefined();
});

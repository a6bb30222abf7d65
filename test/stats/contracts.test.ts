/** 合同履行 figures on test/stats/fixtures.ts contractSheets(), worked out by hand. */
import { join } from 'node:path';
import { contractSheets } from './fixtures';
import { ledger, statsOf, tempDir, writeBook } from './helpers';

const { dir, cleanup } = tempDir('contracts');
afterAll(cleanup);
let file: string;
beforeAll(async () => {
  file = await writeBook(join(dir, '合同履行一览表.xlsx'), contractSheets());
});

test('October 2026: signed, collected, receivable and collection rate', async () => {
  const c = ledger(await statsOf([file], '2026-10'), 'contracts');
  // Signed 10-01…10-31: K01 (first day) 100,000 + K02 (last day) 50,000.
  expect(c).toMatchObject({ signedCount: 2, signedAmount: 150000 });
  // Collected in October: K01 10-10 30,000 + K03 10-01 20,000 + K04 10-31 60,000 = 110,000
  // (K01's 11-05 payment is after the as-of date; K99 and the unreadable date are listed).
  expect(c.collectedAmount).toBe(110000);
  // Signed by 10-31: K01 100,000, K02 50,000, K03 80,000, K04 200,000, K05 60,000 = 490,000 (K06 is signed 11-02).
  // Collected by 10-31: K01 30,000, K03 40,000, K04 210,000, K05 60,000 = 340,000.
  expect(c).toMatchObject({ contractCount: 5, amountAtEnd: 490000, collectedAtEnd: 340000 });
  // Receivable: 70,000 + 50,000 + 40,000 − 10,000 (K04 over-collected) + 0 = 150,000.
  expect(c.receivableAtEnd).toBe(150000);
  expect(c.collectionRate).toBe(0.6939); // 340,000 / 490,000 = 0.693877…
  expect(c).toMatchObject({ overCollectedCount: 1, deliveryOverdueCount: 1 }); // K04; K01 due 10-20, not delivered
});

test('receivable aging by days since signing on the as-of date', async () => {
  const c = ledger(await statsOf([file], '2026-10'), 'contracts');
  // K01 10-01 → 30 days (0-30) 70,000; K02 10-31 → 0 days (0-30) 50,000; K03 09-30 → 31 days (31-90) 40,000;
  // K05 05-04 → 180 days (91-180) 0; K04 05-03 → 28 + 30 + 31 + 31 + 30 + 31 = 181 days (>180) −10,000.
  expect(c.aging).toEqual({ '0-30': 120000, '31-90': 40000, '91-180': 0, '>180': -10000 });
  expect(c.agingCount).toEqual({ '0-30': 2, '31-90': 1, '91-180': 0, '>180': 1 }); // contracts with a balance
});

test('by region and by sales engineer', async () => {
  const c = ledger(await statsOf([file], '2026-10'), 'contracts');
  // 华北: K01 + K02 signed 150,000; collected in October 30,000; at end 150,000 / 30,000 → 120,000, 20%.
  expect(c.byRegion['华北']).toEqual({
    signedCount: 2,
    signedAmount: 150000,
    collectedAmount: 30000,
    contractCount: 2,
    amountAtEnd: 150000,
    collectedAtEnd: 30000,
    receivableAtEnd: 120000,
    collectionRate: 0.2,
    terminatedOpen: 0,
  });
  // 华南: K03 + K04: October 20,000 + 60,000; at end 280,000 / 250,000 → 30,000, 0.892857…
  expect(c.byRegion['华南']).toMatchObject({
    signedCount: 0,
    collectedAmount: 80000,
    amountAtEnd: 280000,
    receivableAtEnd: 30000,
    collectionRate: 0.8929,
  });
  expect(c.byRegion['（未填写）']).toMatchObject({ contractCount: 1, receivableAtEnd: 0, collectionRate: 1 }); // K05
  // 张工: K01 + K03 → 180,000 − 70,000 = 110,000; 李工: K02 + K04 → 250,000 − 210,000 = 40,000.
  expect(c.bySalesEngineer['张工']).toMatchObject({ contractCount: 2, receivableAtEnd: 110000 });
  expect(c.bySalesEngineer['李工']).toMatchObject({ contractCount: 2, receivableAtEnd: 40000 });
});

test('rows left out are listed; the per-contract table covers the contracts signed by the end', async () => {
  const res = await statsOf([file], '2026-10');
  const c = ledger(res, 'contracts');
  expect(c.excluded.map((e: { sheet: string; row: number; figure: string }) => [e.sheet, e.row, e.figure])).toEqual([
    ['合同', 8, '*'], // no contract number
    ['合同', 9, '*'], // second K01
    ['回款记录', 9, 'collectedAmount'], // K99
    ['回款记录', 10, 'collectedAmount'], // date abc
  ]);
  expect(c.excluded[2].reason).toContain('合同编号 K99 不在合同履行一览表中');
  const lines = res.figures.contracts!.lines;
  expect(lines.map((l) => l.contractNo)).toEqual(['K01', 'K02', 'K03', 'K04', 'K05']);
  expect(lines[3]).toMatchObject({
    contractNo: 'K04',
    amount: 20000000,
    collectedToDate: 21000000,
    receivable: -1000000,
    ageDays: 181,
    bucket: '>180',
  });
  expect(lines[0]).toMatchObject({ collectedInPeriod: 3000000, deliveryOverdue: true, collectionRate: 0.3 });
});

test('a year: the same balances, every signing of 2026', async () => {
  const c = ledger(await statsOf([file], '2026'), 'contracts');
  // As of 12-31 K06 (11-02) is signed too and K01's 11-05 payment is in.
  // Signed in 2026: all six, 100,000 + 50,000 + 80,000 + 200,000 + 60,000 + 30,000 = 520,000.
  // Collected in 2026: 30,000 + 10,000 + 20,000 + 20,000 + 150,000 + 60,000 + 60,000 = 350,000.
  expect(c).toMatchObject({ signedCount: 6, signedAmount: 520000, collectedAmount: 350000, receivableAtEnd: 170000 });
});

test('a terminated contract (已终止) is never delivery-overdue and owes nothing: its open amount is 终止未收', async () => {
  const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const f = await writeBook(join(dir, '终止合同.xlsx'), [
    {
      name: '合同',
      rows: [
        ['合同编号', '客户名称', '片区', '签订日期', '合同金额', '约定交付日期', '实际交付日期', '状态'],
        ['T01', '甲公司', '华北', d('2026-01-10'), 700000, d('2026-03-01'), null, '已终止'],
        ['T02', '乙公司', '华北', d('2026-01-15'), 100000, d('2026-03-01'), null, '执行中'],
        // Terminated, but the customer paid more than the contract: still an over-collection.
        ['T03', '丙公司', '华东', d('2026-02-01'), 50000, null, null, '已终止'],
      ],
    },
    {
      name: '回款记录',
      rows: [
        ['合同编号', '回款日期', '回款金额'],
        ['T01', d('2026-02-01'), 100000],
        // A payment after the termination still counts as collected.
        ['T01', d('2026-09-01'), 50000],
        ['T03', d('2026-03-01'), 60000],
      ],
    },
  ]);
  const c = ledger(await statsOf([f], '2026-10'), 'contracts');
  // T01: 700,000 − 150,000 = 550,000 left open when terminated: not a receivable.
  expect(c.terminatedOpen).toBe(550000);
  // Receivable: T02 100,000 + T03 −10,000 (over-collected) = 90,000; T01 nothing.
  expect(c.receivableAtEnd).toBe(90000);
  expect(c.aging['>180']).toBe(90000);
  expect(c.collectedAtEnd).toBe(210000);
  expect(c.deliveryOverdueCount).toBe(1); // T02 only
  expect(c.byRegion['华北'].terminatedOpen).toBe(550000);
});

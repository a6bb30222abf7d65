/**
 * The five big ledgers of the statistics bench: renewal and issuance from big.ts, plus claims,
 * contracts with their collections, and attendance (roster, punches, roll call and a 设置
 * sheet with the 2026 国庆 holidays), every cell valid, built from pools so that 500,000 rows
 * take seconds. `rows` per ledger; each ledger file holds exactly that many data rows.
 */
import type { Cell } from '../grid';
import { claims } from '../ledgers/claims';
import { collections, contracts } from '../ledgers/contracts';
import { addDays, dayNumber, fromDayNumber } from '../rules/date';
import { isWorkday, defaultSettings, type Settings } from '../ledgers/settings';
import { Rng } from './random';
import { companyName, distinctNames, personName } from './people';
import { vehicle } from './vehicles';
import { INSURER_CHOICES, Sequence, claimNumber } from './policies';
import { dateCell, timeCell, yuan } from './sheet';
import { bigIssuanceGrid, bigRenewalGrid } from './big';
import { HOLIDAYS_2026 } from './holidays';

const SEED = 20261031;
/** The bench's statistics run: October 2026, as of its last day. */
export const BIG_STATS_PERIOD = '2026-10';
export const BIG_STATS_AS_OF = '2026-10-31';

export interface BigSheet {
  name: string;
  rows: Cell[][];
}

const header = (t: { columns: readonly { header: string; key: string }[] }, keys: readonly string[]): Cell[] =>
  keys.map((k) => t.columns.find((c) => c.key === k)!.header);

/** A day between two ISO dates, both included. */
const dayIn = (rng: Rng, from: string, to: string): string => fromDayNumber(rng.int(dayNumber(from), dayNumber(to)));

export function bigClaimsGrid(rows: number, seed = SEED): Cell[][] {
  const rng = new Rng(seed);
  const keys = [
    'claimNo',
    'policyNo',
    'plateNo',
    'insuredName',
    'lossDate',
    'reportDate',
    'intakeDate',
    'insurer',
    'assessedAmount',
    'repairAmount',
    'customerPaid',
    'submittedDate',
    'paidDate',
    'paidAmount',
    'status',
    'returnReason',
    'intakeClerk',
    'claimsClerk',
    'returnedForRepair',
  ];
  const plates = Array.from({ length: 5000 }, () => vehicle(rng).plateNo);
  const names = Array.from({ length: 3000 }, () => personName(rng));
  const clerks = distinctNames(rng, 8);
  const seq = new Sequence(rng, 2_000_000);
  const grid: Cell[][] = [header(claims, keys)];
  for (let i = 0; i < rows; i++) {
    const insurer = rng.weighted(INSURER_CHOICES);
    const report = dayIn(rng, '2025-11-01', BIG_STATS_AS_OF);
    const loss = addDays(report, -rng.int(0, 2));
    const repair = rng.int(500, 30000) * 100;
    const self = rng.chance(0.2) ? rng.int(1, 5) * 10000 : 0;
    const returned = rng.chance(0.04);
    // Nothing is dated after the as-of date: a ledger records what has happened.
    const notAfter = (iso: string) => (iso <= BIG_STATS_AS_OF ? iso : undefined);
    const submitted = !returned && rng.chance(0.85) ? notAfter(addDays(report, rng.int(3, 20))) : undefined;
    const paid = submitted && rng.chance(0.75) ? notAfter(addDays(submitted, rng.int(5, 60))) : undefined;
    const status = returned
      ? '退案'
      : paid
        ? rng.chance(0.5)
          ? '结案'
          : '已回款'
        : submitted
          ? '已递交'
          : rng.pick(['已接车', '已定损', '维修中']);
    const v: Record<string, Cell> = {
      claimNo: claimNumber(seq, insurer, report.slice(0, 4)),
      policyNo: `P${rng.digits(12)}`,
      plateNo: rng.pick(plates),
      insuredName: rng.pick(names),
      lossDate: dateCell(loss),
      reportDate: dateCell(report),
      intakeDate: dateCell(addDays(report, 1)),
      insurer,
      assessedAmount: yuan(repair),
      repairAmount: yuan(repair),
      customerPaid: yuan(Math.min(self, repair)),
      submittedDate: submitted ? dateCell(submitted) : null,
      paidDate: paid ? dateCell(paid) : null,
      paidAmount: paid ? yuan(repair - Math.min(self, repair)) : null,
      status,
      returnReason: returned ? rng.pick(['资料不全', '非保险责任', '客户撤案']) : null,
      intakeClerk: rng.pick(clerks),
      claimsClerk: rng.pick(clerks),
      returnedForRepair: rng.chance(0.85) ? '是' : '否',
    };
    grid.push(keys.map((k) => v[k]));
  }
  return grid;
}

const REGIONS = ['华北', '华东', '华南', '西南', '西北', '东北'];

/** `rows` data rows in all: a quarter contracts, the rest their collections. */
export function bigContractSheets(rows: number, seed = SEED): BigSheet[] {
  const rng = new Rng(seed + 1);
  const count = Math.max(1, Math.floor(rows / 4));
  const engineers = distinctNames(rng, 30);
  const companies = Array.from({ length: 2000 }, () => companyName(rng));
  const cKeys = [
    'contractNo',
    'customer',
    'region',
    'salesEngineer',
    'signDate',
    'amount',
    'dueDate',
    'deliveredDate',
    'status',
  ];
  const contractRows: Cell[][] = [header(contracts, cKeys)];
  const signed: { no: string; sign: string; amount: number }[] = [];
  for (let i = 0; i < count; i++) {
    const no = `HT${String(i + 1).padStart(7, '0')}`;
    const sign = dayIn(rng, '2024-11-01', BIG_STATS_AS_OF);
    const amount = rng.int(10, 2000) * 100000;
    const due = addDays(sign, rng.int(30, 120));
    const delivered = due <= BIG_STATS_AS_OF && rng.chance(0.9) ? addDays(due, rng.int(-10, 5)) : null;
    signed.push({ no, sign, amount });
    contractRows.push([
      no,
      rng.pick(companies),
      rng.pick(REGIONS),
      rng.pick(engineers),
      dateCell(sign),
      yuan(amount),
      dateCell(due),
      delivered && delivered <= BIG_STATS_AS_OF ? dateCell(delivered) : null,
      delivered ? '已完成' : '执行中',
    ]);
  }
  const collectionRows: Cell[][] = [header(collections, ['contractNo', 'date', 'amount', 'method'])];
  for (let i = 0; i < rows - count; i++) {
    const c = rng.pick(signed);
    collectionRows.push([
      c.no,
      dateCell(dayIn(rng, c.sign, BIG_STATS_AS_OF)),
      yuan(Math.round(c.amount / rng.int(3, 6) / 100) * 100),
      rng.pick(['转账', '承兑', '现金']),
    ]);
  }
  return [
    { name: '合同', rows: contractRows },
    { name: '回款记录', rows: collectionRows },
  ];
}

/** The 2026 holidays as a `设置` sheet, the way the demo writes it. */
function settingsRows(): { rows: Cell[][]; settings: Settings } {
  const days = HOLIDAYS_2026.flatMap((h) => h.days);
  const makeup = HOLIDAYS_2026.flatMap((h) => h.makeup);
  const rows: Cell[][] = [
    ['上班时间', '09:00'],
    ['迟到扣款', 20],
    ['缺勤扣款', 100],
    ['工作日', '一至五'],
  ];
  days.forEach((d, i) => rows.push([i === 0 ? '节假日' : null, dateCell(d)]));
  makeup.forEach((d, i) => rows.push([i === 0 ? '调休上班' : null, dateCell(d)]));
  return { rows, settings: { ...defaultSettings(), holidays: days, makeupDays: makeup } };
}

/** `rows` data rows in all: 1% roster, 80% punches (September and October), the rest October's roll call. */
export function bigAttendanceSheets(rows: number, seed = SEED): BigSheet[] {
  const rng = new Rng(seed + 2);
  const people = Math.max(1, Math.floor(rows / 100));
  const punchCount = Math.floor(rows * 0.8);
  const rollCount = rows - people - punchCount;
  const depts = ['一部', '二部', '三部', '四部', '五部', '六部', '七部', '八部'];
  const roster: Cell[][] = [['工号', '姓名', '部门', '入司日期', '离司日期']];
  for (let i = 0; i < people; i++) {
    const join = rng.chance(0.03) ? dayIn(rng, '2026-10-01', BIG_STATS_AS_OF) : dayIn(rng, '2018-01-01', '2026-08-31');
    const leave = rng.chance(0.02) ? dayIn(rng, '2026-10-01', BIG_STATS_AS_OF) : null;
    roster.push([
      `E${String(i + 1).padStart(6, '0')}`,
      personName(rng),
      rng.pick(depts),
      dateCell(join),
      leave ? dateCell(leave) : null,
    ]);
  }
  const { rows: settings, settings: s } = settingsRows();
  const workdays = [] as string[];
  for (let n = dayNumber('2026-09-01'); n <= dayNumber(BIG_STATS_AS_OF); n++)
    if (isWorkday(fromDayNumber(n), s)) workdays.push(fromDayNumber(n));
  const punches: Cell[][] = [['工号', '日期', '打卡时间']];
  // Person-days in order, two punches each (the morning one sometimes late), until the count is reached.
  for (let k = 0; punches.length - 1 < punchCount; k++) {
    const day = workdays[Math.floor(k / people) % workdays.length];
    const id = roster[(k % people) + 1][0];
    if (rng.chance(0.03)) continue; // no punch that day
    const morning = rng.chance(0.1) ? rng.int(541, 600) : rng.int(480, 540);
    punches.push([id, dateCell(day), timeCell(morning)]);
    if (punches.length - 1 < punchCount) punches.push([id, dateCell(day), timeCell(rng.int(1080, 1200))]);
  }
  const octoberDays = workdays.filter((d) => d >= '2026-10-01');
  const roll: Cell[][] = [['日期', '工号', '点到']];
  for (let k = 0; k < rollCount; k++) {
    roll.push([
      dateCell(octoberDays[Math.floor(k / people) % octoberDays.length]),
      roster[(k % people) + 1][0],
      rng.weighted([
        ['到', 90],
        ['迟', 5],
        ['假', 3],
        ['缺', 2],
      ] as const),
    ]);
  }
  return [
    { name: '人力表', rows: roster },
    { name: '打卡记录', rows: punches },
    { name: '早会点到', rows: roll },
    { name: '设置', rows: settings },
  ];
}

/** The five ledger files of the statistics bench, `rows` data rows each; each built only when asked, one at a time. */
export function bigStatsLedgers(rows: number): { name: string; sheets: () => BigSheet[] }[] {
  return [
    { name: '续保清单.xlsx', sheets: () => [{ name: '续保清单', rows: bigRenewalGrid(rows, SEED, BIG_STATS_AS_OF) }] },
    { name: '承保台账.xlsx', sheets: () => [{ name: '承保台账', rows: bigIssuanceGrid(rows, SEED) }] },
    { name: '理赔台账.xlsx', sheets: () => [{ name: '理赔台账', rows: bigClaimsGrid(rows) }] },
    { name: '合同履行一览表.xlsx', sheets: () => bigContractSheets(rows) },
    { name: '差勤.xlsx', sheets: () => bigAttendanceSheets(rows) },
  ];
}

/**
 * 理赔 figures. Flow figures count events dated in the period up to the cut-off (reported,
 * submitted, paid, returned); overdue and aging are the state on the as-of date, where a
 * payment dated after the as-of date is not yet received.
 */
import type { z } from 'zod';
import type { claims } from '../../ledgers/claims';
import { insurerDueFen } from '../../ledgers/claims';
import { daysBetween } from '../../rules/date';
import { inWindow, type Window } from './period';
import { ExclusionList, groupKey, where, type SourcedRow } from './excluded';
import { rate, ratio } from './numbers';

export type ClaimRow = z.infer<typeof claims.schema>;

export const CLAIM_AGING_BUCKETS = ['0-30', '31-60', '61-90', '>90'] as const;
export type ClaimAgingBucket = (typeof CLAIM_AGING_BUCKETS)[number];

const claimBucket = (days: number): ClaimAgingBucket =>
  days <= 30 ? '0-30' : days <= 60 ? '31-60' : days <= 90 ? '61-90' : '>90';

/** Money in fen. */
export interface ClaimsInsurerFigures {
  reportedCount: number;
  submittedCount: number;
  submittedAmount: number;
  paidCount: number;
  paidAmount: number;
  outstandingCount: number;
  outstandingAmount: number;
  overdueCount: number;
  overdueAmount: number;
}

export interface OverdueClaim {
  claimNo: string;
  plateNo: string;
  insurer: string;
  submittedDate: string;
  days: number;
  /** Fen; undefined without a repair amount. */
  outstanding?: number;
  claimsClerk: string;
}

export interface ClaimsFigures {
  reportedCount: number;
  submittedCount: number;
  submittedAmount: number;
  paidCount: number;
  paidAmount: number;
  returnedCount: number;
  overdueCount: number;
  overdueAmount: number;
  avgCycleDays: number;
  /** Claims paid in the period that have a submitted date (the base of avgCycleDays). */
  cycleCount: number;
  returnRate: number;
  /** 回店维修 = 是, and the claims reported in the period with 回店维修 filled in. */
  returnedForRepairCount: number;
  returnRateBase: number;
  /** Submitted, not closed, no payment on or before the as-of date, by days since submitted. */
  aging: Record<ClaimAgingBucket, { count: number; amount: number }>;
  byInsurer: Record<string, ClaimsInsurerFigures>;
  overdue: OverdueClaim[];
}

const CLOSED = new Set(['退案', '结案']);

const emptyInsurer = (): ClaimsInsurerFigures => ({
  reportedCount: 0,
  submittedCount: 0,
  submittedAmount: 0,
  paidCount: 0,
  paidAmount: 0,
  outstandingCount: 0,
  outstandingAmount: 0,
  overdueCount: 0,
  overdueAmount: 0,
});

const insurerOf = (f: ClaimsFigures, r: SourcedRow<ClaimRow>): ClaimsInsurerFigures =>
  (f.byInsurer[groupKey(r, 'insurer')] ??= emptyInsurer());

/** Why the insurer's due amount of a claim cannot be computed, if it cannot. */
function dueProblemOf(r: SourcedRow<ClaimRow>, due: number | undefined): string | undefined {
  if (r.invalid?.repairAmount !== undefined) return `维修金额无法识别: ${r.invalid.repairAmount}`;
  if (r.invalid?.customerPaid !== undefined) return `客户自付无法识别: ${r.invalid.customerPaid}`;
  return due === undefined ? '维修金额为空' : undefined;
}

export function claimsFigures(
  rows: readonly SourcedRow<ClaimRow>[],
  w: Window,
  asOf: string,
  overdueDays: number,
  ex: ExclusionList,
): ClaimsFigures {
  const f: ClaimsFigures = {
    reportedCount: 0,
    submittedCount: 0,
    submittedAmount: 0,
    paidCount: 0,
    paidAmount: 0,
    returnedCount: 0,
    overdueCount: 0,
    overdueAmount: 0,
    avgCycleDays: 0,
    cycleCount: 0,
    returnRate: 0,
    returnedForRepairCount: 0,
    returnRateBase: 0,
    aging: {
      '0-30': { count: 0, amount: 0 },
      '31-60': { count: 0, amount: 0 },
      '61-90': { count: 0, amount: 0 },
      '>90': { count: 0, amount: 0 },
    },
    byInsurer: {},
    overdue: [],
  };
  let cycleDays = 0;
  const firstOf = new Map<string, SourcedRow<ClaimRow>>();
  const unreadableDate = (key: 'reportDate' | 'submittedDate' | 'paidDate', label: string, r: SourcedRow<ClaimRow>) =>
    `${label}无法识别: ${r.invalid![key]}（应为 2026-10-05 这样的日期）`;

  for (const r of rows) {
    const d = r.data;
    if (d.claimNo) {
      const first = firstOf.get(d.claimNo);
      if (first) {
        ex.add('*', r, `报案号 ${d.claimNo} 与${where(first)}重复，只统计第一行`);
        continue;
      }
      firstOf.set(d.claimNo, r);
    }
    const due = insurerDueFen(d);

    // Reported in the period: reportedCount, returnedCount, returnRate.
    if (r.invalid?.reportDate !== undefined) {
      ex.add('reportedCount', r, `${unreadableDate('reportDate', '报案日期', r)}，不计入报案、退案件数和回店维修率`);
    } else if (!d.reportDate) {
      ex.add('reportedCount', r, '报案日期为空，不计入报案、退案件数和回店维修率');
    } else if (inWindow(d.reportDate, w)) {
      f.reportedCount++;
      insurerOf(f, r).reportedCount++;
      if (d.status === '退案') f.returnedCount++;
      else if (!d.status)
        ex.add(
          'returnedCount',
          r,
          r.invalid?.status !== undefined
            ? `状态无法识别: ${r.invalid.status}，无法判断是否退案`
            : '状态为空，无法判断是否退案',
        );
      if (d.returnedForRepair) {
        f.returnRateBase++;
        if (d.returnedForRepair === '是') f.returnedForRepairCount++;
      } else {
        ex.add(
          'returnRate',
          r,
          r.invalid?.returnedForRepair !== undefined
            ? `回店维修无法识别: ${r.invalid.returnedForRepair}，不计入回店维修率（应填 是 / 否）`
            : '回店维修为空，不计入回店维修率（应填 是 / 否）',
        );
      }
    }

    // Submitted in the period.
    if (r.invalid?.submittedDate !== undefined) {
      ex.add('submittedCount', r, `${unreadableDate('submittedDate', '递交日期', r)}，不计入递交、逾期和回款周期`);
    } else if (inWindow(d.submittedDate, w)) {
      f.submittedCount++;
      insurerOf(f, r).submittedCount++;
      const problem = dueProblemOf(r, due);
      if (problem) ex.add('submittedAmount', r, `${problem}，无法计算保险公司应付，不计入递交金额（计入递交件数）`);
      else {
        f.submittedAmount += due!;
        insurerOf(f, r).submittedAmount += due!;
      }
    }

    // Paid in the period, and the cycle from submission to payment.
    if (r.invalid?.paidDate !== undefined) {
      ex.add('paidCount', r, `${unreadableDate('paidDate', '回款日期', r)}，不计入回款和逾期统计`);
    } else if (inWindow(d.paidDate, w)) {
      f.paidCount++;
      insurerOf(f, r).paidCount++;
      if (d.paidAmount !== undefined) {
        f.paidAmount += d.paidAmount;
        insurerOf(f, r).paidAmount += d.paidAmount;
      } else {
        ex.add(
          'paidAmount',
          r,
          r.invalid?.paidAmount !== undefined
            ? `回款金额无法识别: ${r.invalid.paidAmount}，不计入回款金额`
            : '有回款日期但回款金额为空，不计入回款金额（计入回款件数）',
        );
      }
      if (!d.submittedDate) {
        if (r.invalid?.submittedDate === undefined)
          ex.add('avgCycleDays', r, '递交日期为空，无法计算回款周期（不计入平均回款周期）');
      } else if (d.paidDate! < d.submittedDate) {
        ex.add('avgCycleDays', r, `回款日期 ${d.paidDate} 早于递交日期 ${d.submittedDate}，不计入平均回款周期`);
      } else {
        f.cycleCount++;
        cycleDays += daysBetween(d.submittedDate, d.paidDate!);
      }
    }

    // Open on the as-of date: aging, overdue.
    if (!d.submittedDate || d.submittedDate > asOf || r.invalid?.paidDate !== undefined) continue;
    if (!d.status) {
      ex.add(
        'overdueCount',
        r,
        r.invalid?.status !== undefined
          ? `状态无法识别: ${r.invalid.status}，无法判断是否逾期`
          : '状态为空，无法判断是否逾期',
      );
      continue;
    }
    if (CLOSED.has(d.status) || (d.paidDate && d.paidDate <= asOf)) continue;
    if (d.status === '已回款' && !d.paidDate) {
      ex.add('overdueCount', r, '状态为“已回款”但回款日期为空，无法判断是否逾期（请补上回款日期）');
      continue;
    }
    const days = daysBetween(d.submittedDate, asOf);
    const problem = dueProblemOf(r, due);
    // An amount without a date counts as received; one dated after the as-of date does not.
    const outstanding = problem ? undefined : due! - (d.paidDate ? 0 : (d.paidAmount ?? 0));
    const bucket = f.aging[claimBucket(days)];
    bucket.count++;
    insurerOf(f, r).outstandingCount++;
    if (outstanding !== undefined) {
      bucket.amount += outstanding;
      insurerOf(f, r).outstandingAmount += outstanding;
    } else {
      ex.add('aging', r, `${problem}，无法计算未回款金额，不计入未回款金额（计入件数）`);
    }
    if (days > overdueDays) {
      f.overdueCount++;
      insurerOf(f, r).overdueCount++;
      if (outstanding !== undefined) {
        f.overdueAmount += outstanding;
        insurerOf(f, r).overdueAmount += outstanding;
      } else {
        ex.add('overdueAmount', r, `${problem}，无法计算未回款金额，不计入逾期金额（计入逾期件数）`);
      }
      f.overdue.push({
        claimNo: d.claimNo ?? '',
        plateNo: d.plateNo ?? '',
        insurer: d.insurer ?? '',
        submittedDate: d.submittedDate,
        days,
        outstanding,
        claimsClerk: d.claimsClerk ?? '',
      });
    }
  }
  f.avgCycleDays = ratio(cycleDays, f.cycleCount, 1);
  f.returnRate = rate(f.returnedForRepairCount, f.returnRateBase);
  f.overdue.sort((a, b) => b.days - a.days);
  return f;
}

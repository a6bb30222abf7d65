/**
 * 承保 figures: the policies issued in the period (issueDate from the first day to the
 * cut-off), totalled and grouped; plus the premium per month over the 12 months ending with
 * the period (the trend chart), from the ledger's first month on.
 */
import type { z } from 'zod';
import type { issuance } from '../../ledgers/issuance';
import { commissionFen, unpaidFen } from '../../ledgers/issuance';
import { monthOf, monthsEnding, type Period, type Window } from './period';
import { agingOf, type Aging } from '../settle/aging';
import { ExclusionList, groupKey, where, type SourcedRow } from './excluded';

export type IssuanceRow = z.infer<typeof issuance.schema>;

/** Money in fen. */
export interface IssuanceGroup {
  count: number;
  premium: number;
  paidPremium: number;
  unpaidCount: number;
  unpaidAmount: number;
  commission: number;
  commissionReceived: number;
}

export interface IssuanceFigures extends IssuanceGroup {
  policyCount: number;
  byCoverage: Record<string, IssuanceGroup>;
  byBusinessType: Record<string, IssuanceGroup>;
  bySalesperson: Record<string, IssuanceGroup>;
  byInsurer: Record<string, IssuanceGroup>;
  /** 未收代理费 and 未缴保费 by age on the cut-off day, per insurer (workflows.md §3). */
  aging: Aging;
  /** `YYYY-MM` → policies and premium (fen), the 12 months ending with the period. */
  byMonth: Record<string, { count: number; premium: number }>;
}

export const emptyIssuanceGroup = (): IssuanceGroup => ({
  count: 0,
  premium: 0,
  paidPremium: 0,
  unpaidCount: 0,
  unpaidAmount: 0,
  commission: 0,
  commissionReceived: 0,
});

/** What one row adds to a group; undefined parts are left out of that figure. */
interface Contribution {
  premium: number;
  paid?: number;
  commission?: number;
  commissionReceived?: number;
}

function addTo(g: IssuanceGroup, c: Contribution): void {
  g.count++;
  g.premium += c.premium;
  if (c.paid !== undefined) {
    g.paidPremium += c.paid;
    const unpaid = c.premium - c.paid;
    if (unpaid > 0) {
      g.unpaidCount++;
      g.unpaidAmount += unpaid;
    }
  }
  if (c.commission !== undefined) g.commission += c.commission;
  if (c.commissionReceived !== undefined) g.commissionReceived += c.commissionReceived;
}

export function issuanceFigures(
  rows: readonly SourcedRow<IssuanceRow>[],
  p: Period,
  w: Window,
  ex: ExclusionList,
): IssuanceFigures {
  const f: IssuanceFigures = {
    ...emptyIssuanceGroup(),
    policyCount: 0,
    byCoverage: {},
    byBusinessType: {},
    bySalesperson: {},
    byInsurer: {},
    byMonth: {},
    aging: agingOf(rows, w.end),
  };
  const trend = monthsEnding(p.months[p.months.length - 1], 12);
  for (const m of trend) f.byMonth[m] = { count: 0, premium: 0 };
  const trendStart = `${trend[0]}-01`;
  const firstOf = new Map<string, SourcedRow<IssuanceRow>>();
  const group = (g: Record<string, IssuanceGroup>, key: string) => (g[key] ??= emptyIssuanceGroup());

  for (const r of rows) {
    const d = r.data;
    if (!d.issueDate) {
      ex.add(
        '*',
        r,
        r.invalid?.issueDate !== undefined
          ? `出单日期无法识别: ${r.invalid.issueDate}，无法判断属于哪一期（应为 2026-10-05 这样的日期）`
          : '出单日期为空，无法判断属于哪一期',
      );
      continue;
    }
    if (d.issueDate < trendStart || d.issueDate > w.end) continue;
    const inPeriod = d.issueDate >= w.start;
    if (d.policyNo) {
      const first = firstOf.get(d.policyNo);
      if (first) {
        if (inPeriod) ex.add('*', r, `保单号 ${d.policyNo} 与${where(first)}重复，只统计第一行`);
        continue;
      }
      firstOf.set(d.policyNo, r);
    }
    if (d.premium === undefined) {
      if (inPeriod) {
        ex.add(
          '*',
          r,
          r.invalid?.premium !== undefined
            ? `保费无法识别: ${r.invalid.premium}，本行不计入承保统计（应为大于 0 的金额）`
            : '保费为空，本行不计入承保统计',
        );
      }
      continue;
    }
    const month = f.byMonth[monthOf(d.issueDate)];
    month.count++;
    month.premium += d.premium;
    if (!inPeriod) continue;

    const c: Contribution = { premium: d.premium };
    if (r.invalid?.paidPremium !== undefined) {
      ex.add('paidPremium', r, `实收保费无法识别: ${r.invalid.paidPremium}，不计入实收保费和未缴保费`);
    } else {
      c.paid = d.premium - unpaidFen({ premium: d.premium, paidPremium: d.paidPremium });
    }
    if (d.commissionRate !== undefined) {
      c.commission = commissionFen({ premium: d.premium, commissionRate: d.commissionRate });
    } else {
      ex.add(
        'commission',
        r,
        r.invalid?.commissionRate !== undefined
          ? `代理费率无法识别: ${r.invalid.commissionRate}，不计入代理费（应为 0.15 或 15% 这样的费率）`
          : '代理费率为空，不计入代理费',
      );
    }
    if (r.invalid?.commissionReceived !== undefined) {
      ex.add('commissionReceived', r, `代理费已收无法识别: ${r.invalid.commissionReceived}，不计入代理费已收`);
    } else {
      c.commissionReceived = d.commissionReceived ?? 0;
    }
    addTo(f, c);
    addTo(group(f.byCoverage, groupKey(r, 'coverage')), c);
    addTo(group(f.byBusinessType, groupKey(r, 'businessType')), c);
    addTo(group(f.bySalesperson, groupKey(r, 'salesperson')), c);
    addTo(group(f.byInsurer, groupKey(r, 'insurer')), c);
  }
  f.policyCount = f.count;
  // The trend starts where the ledger does: months before its first policy would be bars of nothing.
  for (const m of trend) {
    if (f.byMonth[m].count > 0 || m >= p.months[0]) break;
    delete f.byMonth[m];
  }
  return f;
}

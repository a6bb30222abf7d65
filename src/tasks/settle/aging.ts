/**
 * 账龄 (workflows.md §3): commission still due from the insurers and premium still unpaid by
 * customers, by days since 出单日期 on the as-of date, per insurer. The same figures appear in
 * `insdesk settle` and in the monthly statistics' 承保 sheet.
 */
import { daysBetween } from '../../rules/date';
import { commissionFen, unpaidFen } from '../../ledgers/issuance';

export const AGING_BUCKETS = ['0-30', '31-60', '61-90', '>90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
/** Money in fen per bucket. */
export type Buckets = Record<AgingBucket, number>;

export interface AgingPair {
  commissionDue: Buckets;
  unpaidPremium: Buckets;
}

export interface Aging extends AgingPair {
  byInsurer: Record<string, AgingPair>;
}

export const emptyBuckets = (): Buckets => ({ '0-30': 0, '31-60': 0, '61-90': 0, '>90': 0 });
const emptyPair = (): AgingPair => ({ commissionDue: emptyBuckets(), unpaidPremium: emptyBuckets() });

export function bucketOf(days: number): AgingBucket {
  return days <= 30 ? '0-30' : days <= 60 ? '31-60' : days <= 90 ? '61-90' : '>90';
}

/** What a policy row needs for aging (an issuance row, as parsed). */
export interface AgingRow {
  issueDate?: string;
  premium?: number;
  paidPremium?: number;
  commissionRate?: number;
  commissionReceived?: number;
  insurer?: string;
}

/** Fields of an insurer name left empty in the ledger. */
export const NO_INSURER = '（未填写）';

/**
 * Every policy issued on or before `asOf`: its unpaid premium (保费 − 实收保费, as the ledger's
 * 未缴保费 column) and its commission not yet received (代理费 − 代理费已收; only with a rate),
 * each in the bucket of its age. Policies that repeat a policy number count once (`seen`).
 */
export function agingOf(rows: Iterable<{ data: AgingRow & { policyNo?: string } }>, asOf: string): Aging {
  const out: Aging = { ...emptyPair(), byInsurer: {} };
  const seen = new Set<string>();
  for (const { data: d } of rows) {
    if (!d.issueDate || d.issueDate > asOf || d.premium === undefined) continue;
    if (d.policyNo) {
      if (seen.has(d.policyNo)) continue;
      seen.add(d.policyNo);
    }
    const bucket = bucketOf(daysBetween(d.issueDate, asOf));
    const unpaid = unpaidFen({ premium: d.premium, paidPremium: d.paidPremium });
    const due =
      d.commissionRate === undefined
        ? 0
        : commissionFen({ premium: d.premium, commissionRate: d.commissionRate }) - (d.commissionReceived ?? 0);
    if (unpaid <= 0 && due <= 0) continue;
    const mine = (out.byInsurer[d.insurer || NO_INSURER] ??= emptyPair());
    if (unpaid > 0) {
      out.unpaidPremium[bucket] += unpaid;
      mine.unpaidPremium[bucket] += unpaid;
    }
    if (due > 0) {
      out.commissionDue[bucket] += due;
      mine.commissionDue[bucket] += due;
    }
  }
  return out;
}

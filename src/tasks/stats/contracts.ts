/**
 * 合同履行 figures (seed 000 duties 1, 2, 6, 8, 9). Signed and collected amounts are the flow
 * of the period up to the cut-off; receivable, collection rate and aging are the state on the
 * as-of date over the contracts signed by then. Receivable is amount − collected, negative
 * when over-collected, so the aging buckets and the region rows add up to receivableAtEnd. A
 * terminated contract (已终止) is closed: never delivery-overdue, and what it left uncollected
 * is 终止未收 (terminatedOpen), not a receivable — collections on it still count as collected.
 */
import type { z } from 'zod';
import type { collections, contracts } from '../../ledgers/contracts';
import { isDeliveryOverdue, receivableOf } from '../../ledgers/contracts';
import { daysBetween } from '../../rules/date';
import { inWindow, type Window } from './period';
import { ExclusionList, groupKey, where, type SourcedRow } from './excluded';
import { rate } from './numbers';

export type ContractRow = z.infer<typeof contracts.schema>;
export type CollectionRow = z.infer<typeof collections.schema>;

export const AGING_BUCKETS = ['0-30', '31-90', '91-180', '>180'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export const agingBucket = (days: number): AgingBucket =>
  days <= 30 ? '0-30' : days <= 90 ? '31-90' : days <= 180 ? '91-180' : '>180';

/** One line of the 合同履行一览表; money in fen. */
export interface ContractLine {
  contractNo: string;
  customer: string;
  region: string;
  salesEngineer: string;
  signDate: string;
  amount: number;
  collectedInPeriod: number;
  collectedToDate: number;
  receivable: number;
  collectionRate: number;
  /** 终止未收: what a terminated contract left uncollected (not a receivable). */
  terminatedOpen: number;
  /** Days since signDate on the as-of date. */
  ageDays: number;
  bucket: AgingBucket;
  dueDate?: string;
  deliveredDate?: string;
  deliveryOverdue: boolean;
  status?: string;
}

/** Money in fen. */
export interface ContractGroup {
  signedCount: number;
  signedAmount: number;
  collectedAmount: number;
  /** Contracts signed by the as-of date, their amounts and what was collected on them by then. */
  contractCount: number;
  amountAtEnd: number;
  collectedAtEnd: number;
  receivableAtEnd: number;
  collectionRate: number;
  /** 终止未收: uncollected amounts of terminated contracts, shown apart from the receivable. */
  terminatedOpen: number;
}

export interface ContractsFigures extends ContractGroup {
  aging: Record<AgingBucket, number>;
  agingCount: Record<AgingBucket, number>;
  deliveryOverdueCount: number;
  overCollectedCount: number;
  byRegion: Record<string, ContractGroup>;
  bySalesEngineer: Record<string, ContractGroup>;
  lines: ContractLine[];
}

const emptyGroup = (): ContractGroup => ({
  signedCount: 0,
  signedAmount: 0,
  collectedAmount: 0,
  contractCount: 0,
  amountAtEnd: 0,
  collectedAtEnd: 0,
  receivableAtEnd: 0,
  collectionRate: 0,
  terminatedOpen: 0,
});

export function contractsFigures(
  contractRows: readonly SourcedRow<ContractRow>[],
  collectionRows: readonly SourcedRow<CollectionRow>[],
  w: Window,
  asOf: string,
  ex: ExclusionList,
): ContractsFigures {
  const f: ContractsFigures = {
    ...emptyGroup(),
    aging: { '0-30': 0, '31-90': 0, '91-180': 0, '>180': 0 },
    agingCount: { '0-30': 0, '31-90': 0, '91-180': 0, '>180': 0 },
    deliveryOverdueCount: 0,
    overCollectedCount: 0,
    byRegion: {},
    bySalesEngineer: {},
    lines: [],
  };

  const known = new Map<string, { row: SourcedRow<ContractRow>; inPeriod: number; toDate: number }>();
  const firstOf = new Map<string, SourcedRow<ContractRow>>();
  for (const r of contractRows) {
    const d = r.data;
    const missing = [
      !d.contractNo &&
        (r.invalid?.contractNo !== undefined ? `合同编号无法识别: ${r.invalid.contractNo}` : '合同编号为空'),
      !d.signDate && (r.invalid?.signDate !== undefined ? `签订日期无法识别: ${r.invalid.signDate}` : '签订日期为空'),
      d.amount === undefined &&
        (r.invalid?.amount !== undefined ? `合同金额无法识别: ${r.invalid.amount}` : '合同金额为空'),
    ].filter((x): x is string => !!x);
    if (missing.length) {
      ex.add('*', r, `${missing.join('，')}，本合同不计入统计`);
      continue;
    }
    const first = firstOf.get(d.contractNo!);
    if (first) {
      ex.add('*', r, `合同编号 ${d.contractNo} 与${where(first)}重复，只统计第一行`);
      continue;
    }
    firstOf.set(d.contractNo!, r);
    known.set(d.contractNo!, { row: r, inPeriod: 0, toDate: 0 });
  }

  const collectedInWindowBy = new Map<string, number>();
  for (const r of collectionRows) {
    const d = r.data;
    const problem = !d.date
      ? r.invalid?.date !== undefined
        ? `回款日期无法识别: ${r.invalid.date}`
        : '回款日期为空'
      : d.amount === undefined
        ? r.invalid?.amount !== undefined
          ? `回款金额无法识别: ${r.invalid.amount}`
          : '回款金额为空'
        : !d.contractNo
          ? '合同编号为空'
          : !known.has(d.contractNo)
            ? `合同编号 ${d.contractNo} 不在合同履行一览表中（或该合同本身未计入统计）`
            : undefined;
    if (problem) {
      ex.add('collectedAmount', r, `${problem}，本笔回款不计入统计`);
      continue;
    }
    if (d.date! > asOf) continue;
    const c = known.get(d.contractNo!)!;
    c.toDate += d.amount!;
    if (inWindow(d.date, w)) {
      c.inPeriod += d.amount!;
      collectedInWindowBy.set(d.contractNo!, (collectedInWindowBy.get(d.contractNo!) ?? 0) + d.amount!);
    }
  }

  for (const [no, c] of known) {
    const r = c.row;
    const d = r.data;
    if (d.signDate! > asOf) continue; // signed after the as-of date: not yet a contract then
    const groups = [
      f,
      (f.byRegion[groupKey(r, 'region')] ??= emptyGroup()),
      (f.bySalesEngineer[groupKey(r, 'salesEngineer')] ??= emptyGroup()),
    ];
    const signedInPeriod = inWindow(d.signDate, w);
    const inPeriodCollected = collectedInWindowBy.get(no) ?? 0;
    for (const g of groups) {
      if (signedInPeriod) {
        g.signedCount++;
        g.signedAmount += d.amount!;
      }
      g.collectedAmount += inPeriodCollected;
    }
    const { receivable, terminatedOpen } = receivableOf(d.amount!, c.toDate, d.status);
    for (const g of groups) {
      g.contractCount++;
      g.amountAtEnd += d.amount!;
      g.collectedAtEnd += c.toDate;
      g.receivableAtEnd += receivable;
      g.terminatedOpen += terminatedOpen;
    }
    const ageDays = daysBetween(d.signDate!, asOf);
    const bucket = agingBucket(ageDays);
    f.aging[bucket] += receivable;
    if (receivable !== 0) f.agingCount[bucket]++;
    if (receivable < 0) f.overCollectedCount++;
    const deliveryOverdue = isDeliveryOverdue(d, asOf);
    if (deliveryOverdue) f.deliveryOverdueCount++;
    f.lines.push({
      contractNo: no,
      customer: d.customer ?? '',
      region: d.region ?? '',
      salesEngineer: d.salesEngineer ?? '',
      signDate: d.signDate!,
      amount: d.amount!,
      collectedInPeriod: c.inPeriod,
      collectedToDate: c.toDate,
      receivable,
      collectionRate: rate(c.toDate, d.amount!),
      terminatedOpen,
      ageDays,
      bucket,
      dueDate: d.dueDate,
      deliveredDate: d.deliveredDate,
      deliveryOverdue,
      status: d.status,
    });
  }
  for (const g of [f, ...Object.values(f.byRegion), ...Object.values(f.bySalesEngineer)])
    g.collectionRate = rate(g.collectedAtEnd, g.amountAtEnd);
  return f;
}

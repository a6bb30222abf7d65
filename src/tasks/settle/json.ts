/** The `settle --json` document (cli.md): money in yuan, exact to the fen. */
import { fenToYuan as yuan } from '../../rules/money';
import { AGING_BUCKETS, type Aging, type AgingPair, type Buckets } from './aging';
import { CLASSES, type InsurerTotals, type ReconClass, type SettleResult } from './index';

const bucketsYuan = (b: Buckets) => Object.fromEntries(AGING_BUCKETS.map((k) => [k, yuan(b[k])]));
const pairYuan = (p: AgingPair) => ({
  commissionDue: bucketsYuan(p.commissionDue),
  unpaidPremium: bucketsYuan(p.unpaidPremium),
});

export const agingJson = (a: Aging) => ({
  ...pairYuan(a),
  byInsurer: Object.fromEntries(Object.entries(a.byInsurer).map(([k, p]) => [k, pairYuan(p)])),
});

const totalsYuan = (t: InsurerTotals) => ({
  policies: t.policies,
  premium: yuan(t.premium),
  paidPremium: yuan(t.paidPremium),
  unpaid: yuan(t.unpaid),
  commission: yuan(t.commission),
  commissionReceived: yuan(t.commissionReceived),
  commissionDue: yuan(t.commissionDue),
});

function reconciliationJson(r: SettleResult) {
  const rec = r.reconciliation;
  const rows = rec?.rows ?? [];
  const counts = Object.fromEntries(CLASSES.map((c) => [c, 0])) as Record<ReconClass, number>;
  const sums = Object.fromEntries(CLASSES.map((c) => [c, { ours: 0, theirs: 0 }])) as Record<
    ReconClass,
    { ours: number; theirs: number }
  >;
  let differenceTotal = 0;
  let statementLines = rec?.unreadable.length ?? 0;
  let statementAmount = 0;
  let ledgerPolicies = 0;
  let ledgerCommission = 0;
  for (const row of rows) {
    counts[row.class]++;
    sums[row.class].ours += row.ours;
    sums[row.class].theirs += row.theirs;
    if (row.class === 'amountDiffers') differenceTotal += row.difference;
    statementLines += row.lines.length;
    statementAmount += row.theirs;
    if (row.policy) {
      ledgerPolicies++;
      ledgerCommission += row.ours;
    }
  }
  return {
    ...counts,
    differenceTotal: yuan(differenceTotal),
    unreadable: rec?.unreadable.length ?? 0,
    // What the classes add up to, side by side with the inputs.
    sums: Object.fromEntries(CLASSES.map((c) => [c, { ours: yuan(sums[c].ours), theirs: yuan(sums[c].theirs) }])),
    statement: { lines: statementLines, amount: yuan(statementAmount) },
    ledger: { policies: ledgerPolicies, commission: yuan(ledgerCommission) },
    insurers: rec?.insurers ?? [],
    rows: rows.map((row) => ({
      policyNo: row.policyNo,
      class: row.class,
      ours: yuan(row.ours),
      theirs: yuan(row.theirs),
      difference: yuan(row.difference),
      ...(row.policy ? { insurer: row.policy.insurer } : {}),
      ...(row.lines.length
        ? { lines: row.lines.map((l) => ({ file: l.file, sheet: l.sheet, row: l.row, amount: yuan(l.amount) })) }
        : {}),
      ...(row.note ? { note: row.note } : {}),
    })),
    unreadableLines: rec?.unreadable ?? [],
  };
}

export function settleJson(r: SettleResult): Record<string, unknown> {
  return {
    period: r.period.key,
    asOf: r.asOf,
    ...(r.insurer ? { insurer: r.insurer } : {}),
    insurers: Object.fromEntries(r.lists.map((l) => [l.insurer, totalsYuan(l.totals)])),
    reconciliation: reconciliationJson(r),
    aging: agingJson(r.aging),
    ...(r.notes.length ? { notes: r.notes } : {}),
  };
}

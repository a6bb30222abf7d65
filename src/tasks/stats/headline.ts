/**
 * The headline figures of each ledger (the 总览 sheet and the JSON `previous` block), and the
 * change against the previous period (环比) where the data covers it.
 */
import type { StatsFigures, StatsLedger } from './figures';
import { rate, ratio, yuan } from './numbers';

/** How a value is shown. Money values are held in fen and shown in yuan. */
export type Format = 'text' | 'int' | 'yuan' | 'rate' | 'days' | 'date';

/** Which way is good news: a rise (premium, renewal rate) or a fall (unpaid, overdue, absences). */
export type Better = 'up' | 'down';

export interface Headline {
  ledger: StatsLedger;
  key: string;
  label: string;
  format: Format;
  /** Undefined for a figure that is neither (how many policies fell due). */
  better?: Better;
  /** Fen for money, a count, a 4-decimal fraction or 1-decimal days. */
  value: number;
}

type Def = readonly [key: string, label: string, format: Format, better?: Better];

const DEFS: Record<StatsLedger, readonly Def[]> = {
  renewal: [
    ['dueCount', '到期件数', 'int'],
    ['renewedCount', '续保件数', 'int', 'up'],
    ['renewalRate', '续保率', 'rate', 'up'],
    ['dueVehicles', '到期辆数', 'int'],
    ['renewedVehicles', '续保辆数', 'int', 'up'],
    ['vehicleRenewalRate', '续保率（按辆）', 'rate', 'up'],
    ['lostCount', '战败件数', 'int', 'down'],
    ['lapsedCount', '脱保件数', 'int', 'down'],
    ['renewedPremium', '续保保费（元）', 'yuan', 'up'],
  ],
  issuance: [
    ['policyCount', '出单件数', 'int', 'up'],
    ['premium', '保费（元）', 'yuan', 'up'],
    ['paidPremium', '实收保费（元）', 'yuan', 'up'],
    ['unpaidCount', '未缴清件数', 'int', 'down'],
    ['unpaidAmount', '未缴保费（元）', 'yuan', 'down'],
    ['commission', '代理费（元）', 'yuan', 'up'],
    ['commissionReceived', '代理费已收（元）', 'yuan', 'up'],
  ],
  claims: [
    ['reportedCount', '报案件数', 'int'],
    ['submittedCount', '递交件数', 'int', 'up'],
    ['submittedAmount', '递交金额（元）', 'yuan', 'up'],
    ['paidCount', '回款件数', 'int', 'up'],
    ['paidAmount', '回款金额（元）', 'yuan', 'up'],
    ['returnedCount', '退案件数', 'int', 'down'],
    ['overdueCount', '逾期未回款件数', 'int', 'down'],
    ['overdueAmount', '逾期未回款金额（元）', 'yuan', 'down'],
    ['avgCycleDays', '平均回款周期（天）', 'days', 'down'],
    ['returnRate', '回店维修率', 'rate', 'up'],
  ],
  contracts: [
    ['signedCount', '签订合同数', 'int', 'up'],
    ['signedAmount', '签订金额（元）', 'yuan', 'up'],
    ['collectedAmount', '本期回款（元）', 'yuan', 'up'],
    ['receivableAtEnd', '期末应收余额（元）', 'yuan', 'down'],
    ['terminatedOpen', '终止未收（元）', 'yuan', 'down'],
    ['collectionRate', '累计回款率', 'rate', 'up'],
  ],
  attendance: [
    ['people', '在职人数', 'int'],
    ['scheduledDays', '应出勤天数', 'int'],
    ['presentDays', '出勤天数', 'int', 'up'],
    ['attendanceRate', '出勤率', 'rate', 'up'],
    ['lateDays', '迟到天数', 'int', 'down'],
    ['leaveDays', '请假天数', 'int'],
    ['unrecordedDays', '无记录天数', 'int', 'down'],
    ['absentDays', '缺勤天数', 'int', 'down'],
    ['deduction', '扣款合计（元）', 'yuan', 'down'],
  ],
  followups: [
    ['attempts', '续保回访次数', 'int', 'up'],
    ['reachRate', '接通率', 'rate', 'up'],
    ['attemptsPerRenewedVehicle', '每续保一辆的回访次数', 'days', 'down'],
    ['issuanceCheckRate', '承保回访完成率', 'rate', 'up'],
  ],
};

export const LEDGER_LABELS: Record<StatsLedger, string> = {
  renewal: '续保',
  issuance: '承保',
  claims: '理赔',
  contracts: '合同回款',
  attendance: '差勤',
  followups: '回访',
};

/** The object a ledger's headline figures are read from. */
function sourceOf(f: StatsFigures, ledger: StatsLedger): Record<string, unknown> | undefined {
  return ledger === 'attendance'
    ? (f.attendance?.totals as unknown as Record<string, unknown>)
    : (f[ledger] as unknown as Record<string, unknown>);
}

export function headlines(f: StatsFigures, ledger: StatsLedger): Headline[] {
  const src = sourceOf(f, ledger);
  if (!src) return [];
  return DEFS[ledger].map(([key, label, format, better]) => ({
    ledger,
    key,
    label,
    format,
    ...(better ? { better } : {}),
    value: Number(src[key] ?? 0),
  }));
}

/** Whether the data has anything for the figures' period (else 环比 is shown as —). */
export function hasActivity(f: StatsFigures, ledger: StatsLedger): boolean {
  switch (ledger) {
    case 'renewal':
      return !!f.renewal && f.renewal.dueCount > 0;
    case 'issuance':
      return !!f.issuance && f.issuance.policyCount > 0;
    case 'claims':
      return !!f.claims && f.claims.reportedCount + f.claims.submittedCount + f.claims.paidCount > 0;
    case 'contracts':
      return !!f.contracts && (f.contracts.signedCount > 0 || f.contracts.collectedAmount !== 0);
    case 'attendance':
      return !!f.attendance && f.attendance.totals.presentDays + f.attendance.totals.leaveDays > 0;
    case 'followups':
      return !!f.followups && f.followups.attempts + f.followups.issuedPolicies > 0;
  }
}

/** A headline value in the unit a reader sees: yuan for money. */
export const shown = (h: { format: Format; value: number }): number => (h.format === 'yuan' ? yuan(h.value) : h.value);

export interface Change {
  /** current − previous, shown units (rates: a difference of fractions = percentage points). */
  diff: number;
  /** (current − previous) / previous for counts and money; undefined for rates, days and a zero base. */
  relative?: number;
}

export function change(h: Headline, prev: Headline): Change {
  if (h.format === 'rate')
    return { diff: ratio(Math.round(h.value * 10000) - Math.round(prev.value * 10000), 10000, 4) };
  if (h.format === 'days') return { diff: ratio(Math.round(h.value * 10) - Math.round(prev.value * 10), 10, 1) };
  const d = h.value - prev.value;
  return { diff: h.format === 'yuan' ? yuan(d) : d, relative: prev.value !== 0 ? rate(d, prev.value) : undefined };
}

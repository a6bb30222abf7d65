/**
 * The `stats --json` document (cli.md): one object per ledger found, money in yuan to 2
 * decimals, rates as 4-decimal fractions. Fields beyond cli.md's are additions, never renames.
 */
import type { StatsFigures, StatsLedger } from './figures';
import type { IssuanceGroup } from './issuance';
import { agingJson } from '../settle/json';
import type { ContractGroup } from './contracts';
import type { DeptMonth } from '../../ledgers/attendanceMonth';
import { hasActivity, headlines, shown } from './headline';
import { STATS_LEDGERS } from './figures';
import { yuan } from './numbers';
import { hhmm } from '../../rules/date';
import type { SpecialistDay } from './daily';

type Json = Record<string, unknown>;

const mapValues = <T, U>(o: Record<string, T>, f: (v: T) => U): Record<string, U> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

const issuanceGroup = (g: IssuanceGroup) => ({
  count: g.count,
  premium: yuan(g.premium),
  paidPremium: yuan(g.paidPremium),
  unpaidCount: g.unpaidCount,
  unpaidAmount: yuan(g.unpaidAmount),
  commission: yuan(g.commission),
  commissionReceived: yuan(g.commissionReceived),
});

const contractGroup = (g: ContractGroup) => ({
  signedCount: g.signedCount,
  signedAmount: yuan(g.signedAmount),
  collectedAmount: yuan(g.collectedAmount),
  contractCount: g.contractCount,
  amountAtEnd: yuan(g.amountAtEnd),
  collectedAtEnd: yuan(g.collectedAtEnd),
  receivableAtEnd: yuan(g.receivableAtEnd),
  terminatedOpen: yuan(g.terminatedOpen),
  collectionRate: g.collectionRate,
});

const dayCounts = <T extends Omit<DeptMonth, 'people'> & { people?: number }>(c: T) => ({
  ...c,
  deduction: yuan(c.deduction),
});

function excludedOf(f: StatsFigures, ledger: StatsLedger) {
  const items = f.excluded
    .filter((e) => e.ledger === ledger)
    .map(({ figure, sheet, row, reason }) => ({ figure, sheet, row, reason }));
  return { excludedCount: items.length, excluded: items };
}

function ledgerJson(f: StatsFigures, ledger: StatsLedger): Json | undefined {
  switch (ledger) {
    case 'renewal': {
      const r = f.renewal;
      if (!r) return undefined;
      return {
        ...r,
        renewedPremium: yuan(r.renewedPremium),
        bySpecialist: r.bySpecialist.map((s) => ({ ...s, renewedPremium: yuan(s.renewedPremium) })),
      };
    }
    case 'issuance': {
      const i = f.issuance;
      if (!i) return undefined;
      return {
        policyCount: i.policyCount,
        ...issuanceGroup(i),
        byCoverage: mapValues(i.byCoverage, issuanceGroup),
        byBusinessType: mapValues(i.byBusinessType, issuanceGroup),
        bySalesperson: mapValues(i.bySalesperson, issuanceGroup),
        byInsurer: mapValues(i.byInsurer, issuanceGroup),
        byMonth: mapValues(i.byMonth, (m) => ({ count: m.count, premium: yuan(m.premium) })),
        aging: agingJson(i.aging),
      };
    }
    case 'claims': {
      const c = f.claims;
      if (!c) return undefined;
      // The overdue claims are listed claim by claim in the report (逾期未回款明细), not here.
      const { overdue: _list, ...rest } = c;
      return {
        ...rest,
        submittedAmount: yuan(c.submittedAmount),
        paidAmount: yuan(c.paidAmount),
        overdueAmount: yuan(c.overdueAmount),
        aging: mapValues(c.aging, (a) => ({ count: a.count, amount: yuan(a.amount) })),
        byInsurer: mapValues(c.byInsurer, (g) => ({
          ...g,
          submittedAmount: yuan(g.submittedAmount),
          paidAmount: yuan(g.paidAmount),
          outstandingAmount: yuan(g.outstandingAmount),
          overdueAmount: yuan(g.overdueAmount),
        })),
      };
    }
    case 'contracts': {
      const c = f.contracts;
      if (!c) return undefined;
      return {
        ...contractGroup(c),
        aging: mapValues(c.aging, yuan),
        agingCount: c.agingCount,
        deliveryOverdueCount: c.deliveryOverdueCount,
        overCollectedCount: c.overCollectedCount,
        byRegion: mapValues(c.byRegion, contractGroup),
        bySalesEngineer: mapValues(c.bySalesEngineer, contractGroup),
      };
    }
    case 'attendance': {
      const a = f.attendance;
      if (!a) return undefined;
      return {
        months: a.months,
        noData: a.noData,
        byPerson: a.byPerson.map(dayCounts),
        byDept: mapValues(a.byDept, dayCounts),
        byMonth: mapValues(a.byMonth, dayCounts),
        totals: dayCounts(a.totals),
        licences: a.licences,
        rules: {
          ...a.rules,
          workStart: minutesText(a.rules.workStart),
          lateFee: yuan(a.rules.lateFee),
          absentFee: yuan(a.rules.absentFee),
        },
      };
    }
    case 'followups':
      return f.followups ? { ...f.followups } : undefined;
  }
}

export const minutesText = hhmm;

/** The headline figures of a comparison period, for the ledgers that have data in it. */
function comparison(other: StatsFigures, present: (ledger: StatsLedger) => boolean): Json {
  const out: Json = { period: other.period.key, asOf: other.asOf };
  for (const ledger of STATS_LEDGERS) {
    if (!present(ledger) || !hasActivity(other, ledger)) continue;
    out[ledger] = Object.fromEntries(headlines(other, ledger).map((h) => [h.key, shown(h)]));
  }
  return out;
}

export function statsJson(f: StatsFigures, prev?: StatsFigures, lastYear?: StatsFigures): Json {
  const out: Json = {
    period: f.period.key,
    asOf: f.asOf,
    periodLabel: f.period.label,
    start: f.period.start,
    end: f.period.end,
  };
  for (const ledger of STATS_LEDGERS) {
    const body = ledgerJson(f, ledger);
    if (body) out[ledger] = { ...body, ...excludedOf(f, ledger) };
  }
  if (f.desk) {
    const day = (s: SpecialistDay) => ({ ...s, renewedPremium: yuan(s.renewedPremium) });
    out.deskDaily = { day: f.desk.day.map(day), monthToDate: f.desk.monthToDate.map(day) };
  }
  if (f.targets) {
    out.targets = f.targets.map(({ figure, dimension, member, target, actual, achievement, gap, warning }) => ({
      figure,
      dimension,
      member,
      target,
      actual,
      achievement,
      gap,
      warning,
    }));
  }
  if (f.items) out.items = f.items;
  if (f.documents) out.documents = { ...f.documents, incompleteCount: f.documents.incomplete.length };
  if (f.deliveries) out.deliveries = f.deliveries;
  if (f.claimsAnalysis) out.claimsAnalysis = f.claimsAnalysis;
  // 环比 and 同比: the same headline figures, where the data covers them.
  if (prev) out.previous = comparison(prev, (l) => !!out[l]);
  if (lastYear) out.lastYear = comparison(lastYear, (l) => !!out[l]);
  out.excludedCount = f.excluded.length;
  return out;
}

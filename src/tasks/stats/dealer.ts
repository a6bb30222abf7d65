/**
 * The dealer desk's monthly reports (workflows.md §4–5): the 新车投保率 leaderboard per 销售顾问
 * with the 战败 and their reasons, the consultants whose 战败 lack one (未遵守战败管理); and the
 * 理赔月度分析 — 退案 by reason, 逾期 by reason / insurer / 索赔员, the customers who did not bring
 * the car back (claims and hotline calls), 返厂率 from the calls, and a month-on-month line.
 */
import { INSURED_HERE, LOST, insuredStatus, policyStarts, type DeliveryRow } from '../../ledgers/deliveries';
import { isClaimOverdue } from '../../ledgers/claims';
import type { SourcedRow } from './excluded';
import { inWindow, monthOf, monthsEnding, type Period, type Window } from './period';
import { rate } from './numbers';
import type { ClaimRow } from './claims';
import type { IssuanceRow } from './issuance';

export interface ConsultantLine {
  consultant: string;
  deliveries: number;
  insuredHere: number;
  lost: number;
  /** 新车投保率: insured here / deliveries whose status is known. */
  rate: number;
  rank: number;
}

export interface LostDelivery {
  sheet: string;
  row: number;
  deliveryDate: string;
  vin: string;
  customer: string;
  consultant: string;
  reason?: string;
}

export interface DeliveryFigures {
  deliveries: number;
  insuredHere: number;
  lost: number;
  rate: number;
  byConsultant: ConsultantLine[];
  byMonth: Record<string, { deliveries: number; insuredHere: number; rate: number }>;
  lostReasons: Record<string, number>;
  lostList: LostDelivery[];
  /** 战败 without a reason: the consultants who did not follow the 战败 rules, and their customers. */
  noReason: LostDelivery[];
}

const NO_REASON = '（未写原因）';

export function deliveryFigures(
  rows: readonly SourcedRow<Partial<DeliveryRow>>[],
  issuance: readonly SourcedRow<IssuanceRow>[] | undefined,
  w: Window,
): DeliveryFigures {
  const starts = issuance?.length ? policyStarts(issuance) : undefined;
  const out: DeliveryFigures = {
    deliveries: 0,
    insuredHere: 0,
    lost: 0,
    rate: 0,
    byConsultant: [],
    byMonth: {},
    lostReasons: {},
    lostList: [],
    noReason: [],
  };
  const people = new Map<string, ConsultantLine>();
  for (const r of rows) {
    const d = r.data;
    if (!inWindow(d.deliveryDate, w)) continue;
    const status = insuredStatus(d, starts);
    const consultant = d.consultant || '（未填写）';
    const line = people.get(consultant) ?? { consultant, deliveries: 0, insuredHere: 0, lost: 0, rate: 0, rank: 0 };
    people.set(consultant, line);
    const month = (out.byMonth[monthOf(d.deliveryDate!)] ??= { deliveries: 0, insuredHere: 0, rate: 0 });
    out.deliveries++;
    line.deliveries++;
    month.deliveries++;
    if (status === INSURED_HERE) {
      out.insuredHere++;
      line.insuredHere++;
      month.insuredHere++;
    } else if (status === LOST) {
      out.lost++;
      line.lost++;
      const reason = d.lostReason?.trim();
      out.lostReasons[reason || NO_REASON] = (out.lostReasons[reason || NO_REASON] ?? 0) + 1;
      const lost: LostDelivery = {
        sheet: r.sheet,
        row: r.row,
        deliveryDate: d.deliveryDate!,
        vin: d.vin ?? '',
        customer: d.customer ?? '',
        consultant,
        ...(reason ? { reason } : {}),
      };
      out.lostList.push(lost);
      if (!reason) out.noReason.push(lost);
    }
  }
  out.rate = rate(out.insuredHere, out.deliveries);
  for (const m of Object.values(out.byMonth)) m.rate = rate(m.insuredHere, m.deliveries);
  const lines = [...people.values()];
  for (const l of lines) l.rate = rate(l.insuredHere, l.deliveries);
  lines.sort(
    (a, b) => b.rate - a.rate || b.deliveries - a.deliveries || a.consultant.localeCompare(b.consultant, 'zh'),
  );
  lines.forEach((l, i) => (l.rank = i > 0 && l.rate === lines[i - 1].rate ? lines[i - 1].rank : i + 1));
  out.byConsultant = lines;
  return out;
}

/** A hotline call as the statistics read it. */
export interface HotlineRow {
  calledAt?: { date: string; minutes: number | null };
  plateNo?: string;
  phone?: string;
  insurer?: string;
  returned?: '是' | '否' | '跟进中';
  noReturnReason?: string;
  claimNo?: string;
}

export interface NotReturned {
  source: '理赔' | '出险咨询';
  date: string;
  plateNo: string;
  phone: string;
  insurer: string;
  reason?: string;
  claimNo?: string;
}

export interface MonthLine {
  month: string;
  reported: number;
  returnedCases: number;
  overdue: number;
  notReturned: number;
  calls: number;
  callReturnRate: number;
}

export interface ClaimsAnalysis {
  returnedByReason: Record<string, number>;
  overdueByReason: Record<string, number>;
  overdueByInsurer: Record<string, number>;
  overdueByClerk: Record<string, number>;
  notReturned: NotReturned[];
  calls: {
    count: number;
    returned: number;
    notReturned: number;
    following: number;
    returnRate: number;
    becameClaims: number;
  };
  monthly: MonthLine[];
}

const bump = (o: Record<string, number>, k: string | undefined, fallback = '（未填写）') => {
  const key = k?.trim() || fallback;
  o[key] = (o[key] ?? 0) + 1;
};

const lastDay = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

export function claimsAnalysis(
  claims: readonly SourcedRow<ClaimRow>[],
  calls: readonly SourcedRow<HotlineRow>[],
  p: Period,
  w: Window,
  asOf: string,
  overdueDays: number,
): ClaimsAnalysis {
  const out: ClaimsAnalysis = {
    returnedByReason: {},
    overdueByReason: {},
    overdueByInsurer: {},
    overdueByClerk: {},
    notReturned: [],
    calls: { count: 0, returned: 0, notReturned: 0, following: 0, returnRate: 0, becameClaims: 0 },
    monthly: [],
  };
  const claimNos = new Set(claims.map((c) => c.data.claimNo).filter(Boolean));
  for (const { data: c } of claims) {
    if (c.status === '退案' && inWindow(c.reportDate, w)) bump(out.returnedByReason, c.returnReason);
    if (isClaimOverdue(c, asOf, overdueDays)) {
      bump(out.overdueByReason, c.overdueReason, '（未写原因）');
      bump(out.overdueByInsurer, c.insurer);
      bump(out.overdueByClerk, c.claimsClerk);
    }
    if (c.returnedForRepair === '否' && c.status !== '退案' && inWindow(c.reportDate, w))
      out.notReturned.push({
        source: '理赔',
        date: c.reportDate!,
        plateNo: c.plateNo ?? '',
        phone: c.phone ?? '',
        insurer: c.insurer ?? '',
        ...(c.noReturnReason ? { reason: c.noReturnReason } : {}),
        ...(c.claimNo ? { claimNo: c.claimNo } : {}),
      });
  }
  // A call that became a claim already listed is that claim: listed once.
  const listed = new Set(out.notReturned.map((n) => n.claimNo).filter(Boolean));
  for (const { data: h } of calls) {
    const date = h.calledAt?.date;
    if (!inWindow(date, w)) continue;
    out.calls.count++;
    if (h.returned === '是') out.calls.returned++;
    else if (h.returned === '跟进中') out.calls.following++;
    else if (h.returned === '否') {
      out.calls.notReturned++;
      if (!h.claimNo || !listed.has(h.claimNo))
        out.notReturned.push({
          source: '出险咨询',
          date: date!,
          plateNo: h.plateNo ?? '',
          phone: h.phone ?? '',
          insurer: h.insurer ?? '',
          ...(h.noReturnReason ? { reason: h.noReturnReason } : {}),
          ...(h.claimNo ? { claimNo: h.claimNo } : {}),
        });
    }
    if (h.claimNo && claimNos.has(h.claimNo)) out.calls.becameClaims++;
  }
  out.calls.returnRate = rate(out.calls.returned, out.calls.returned + out.calls.notReturned);
  out.notReturned.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  // Month on month: the six months ending with the period's last, each as of its own last day.
  for (const month of monthsEnding(p.months[p.months.length - 1], 6)) {
    const mw = { start: `${month}-01`, end: lastDay(month) < asOf ? lastDay(month) : asOf };
    if (mw.start > asOf) continue;
    const inMonth = (d: string | undefined) => inWindow(d, mw);
    const monthCalls = calls.filter((h) => inMonth(h.data.calledAt?.date));
    const yes = monthCalls.filter((h) => h.data.returned === '是').length;
    const no = monthCalls.filter((h) => h.data.returned === '否').length;
    out.monthly.push({
      month,
      reported: claims.filter((c) => inMonth(c.data.reportDate)).length,
      returnedCases: claims.filter((c) => c.data.status === '退案' && inMonth(c.data.reportDate)).length,
      overdue: claims.filter((c) => isClaimOverdue(c.data, mw.end, overdueDays)).length,
      notReturned:
        claims.filter(
          (c) => c.data.returnedForRepair === '否' && c.data.status !== '退案' && inMonth(c.data.reportDate),
        ).length + no,
      calls: monthCalls.length,
      callReturnRate: rate(yes, yes + no),
    });
  }
  return out;
}

/**
 * 回访 figures (workflows.md §1): the calls logged in the period — attempts, 接通率, attempts
 * per renewed car — the renewal rows that are 不准确 on the as-of date per 业务归属, and the
 * 承保回访 of policies issued in the period.
 */
import { FAILED_RESULTS } from '../../ledgers/followups';
import { vehicleOf } from '../../ledgers/renewal';
import { buildLog, type FollowupData } from '../crm/followupLog';
import type { SourcedRow } from './excluded';
import { ExclusionList, groupKey } from './excluded';
import { inWindow, type Window } from './period';
import { rate, ratio } from './numbers';
import type { RenewalRow } from './renewal';
import type { IssuanceRow } from './issuance';

export interface CallerFigures {
  caller: string;
  attempts: number;
  reached: number;
  reachRate: number;
}

export interface FollowupFigures {
  /** 续保 calls logged in the period. */
  attempts: number;
  reached: number;
  /** 接通率: reached / attempts. */
  reachRate: number;
  /** Renewal calls in the period per car renewed in the period (renewal figures' renewedVehicles). */
  attemptsPerRenewedVehicle: number;
  byCaller: CallerFigures[];
  /** Renewal rows (policies) 不准确 on the as-of date, per 业务归属. */
  inaccurateByChannel: Record<string, number>;
  /** Policies issued in the period; those with a 承保回访 that reached the customer by the as-of date. */
  issuedPolicies: number;
  issuanceChecked: number;
  /** 承保回访完成率. */
  issuanceCheckRate: number;
}

type Row = FollowupData;

export function followupFigures(
  rows: readonly SourcedRow<Row>[],
  renewal: readonly SourcedRow<RenewalRow>[],
  issuance: readonly SourcedRow<IssuanceRow>[],
  w: Window,
  renewedVehicles: number,
  ex: ExclusionList,
): FollowupFigures {
  const callers = new Map<string, CallerFigures>();
  let attempts = 0;
  let reached = 0;
  const upToAsOf: SourcedRow<Row>[] = [];
  /** 承保回访 that reached the customer by the as-of date: by policy and by plate. */
  const checkedPolicies = new Set<string>();
  const checkedPlates = new Set<string>();
  for (const r of rows) {
    const d = r.data;
    if (!d.contactedAt || !d.result) {
      ex.add(
        '*',
        r,
        d.contactedAt ? '联系结果为空或无法识别，不计入回访统计' : '联系时间为空或无法识别，不计入回访统计',
      );
      continue;
    }
    const day = d.contactedAt.date;
    if (day > w.end) continue;
    upToAsOf.push(r);
    const ok = !FAILED_RESULTS.has(d.result);
    if (d.kind === '承保回访') {
      if (ok && d.policyNo) checkedPolicies.add(d.policyNo);
      if (ok && d.plateNo) checkedPlates.add(d.plateNo);
      continue;
    }
    if (!inWindow(day, w)) continue;
    attempts++;
    if (ok) reached++;
    const who = groupKey(r, 'caller');
    let c = callers.get(who);
    if (!c) callers.set(who, (c = { caller: who, attempts: 0, reached: 0, reachRate: 0 }));
    c.attempts++;
    if (ok) c.reached++;
  }
  for (const c of callers.values()) c.reachRate = rate(c.reached, c.attempts);

  // 不准确 on the as-of date: every renewal row of a car the log has given up on, once.
  const log = buildLog(upToAsOf.map((r) => ({ data: r.data, where: `${r.sheet} 第 ${r.row} 行` })));
  const inaccurateByChannel: Record<string, number> = {};
  const seen = new Set<string>();
  for (const r of renewal) {
    const d = r.data;
    const id = `${d.policyNo}\u0000${d.coverage}\u0000${vehicleOf(d) ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (!log.summaryOf(d.policyNo, d.plateNo)?.inaccurate) continue;
    const ch = groupKey(r, 'channel');
    inaccurateByChannel[ch] = (inaccurateByChannel[ch] ?? 0) + 1;
  }

  let issuedPolicies = 0;
  let issuanceChecked = 0;
  for (const r of issuance) {
    const d = r.data;
    if (!inWindow(d.issueDate, w)) continue;
    issuedPolicies++;
    if ((d.policyNo && checkedPolicies.has(d.policyNo)) || (d.plateNo && checkedPlates.has(d.plateNo)))
      issuanceChecked++;
  }

  return {
    attempts,
    reached,
    reachRate: rate(reached, attempts),
    attemptsPerRenewedVehicle: renewedVehicles ? ratio(attempts, renewedVehicles, 1) : 0,
    byCaller: [...callers.values()],
    inaccurateByChannel,
    issuedPolicies,
    issuanceChecked,
    issuanceCheckRate: rate(issuanceChecked, issuedPolicies),
  };
}

/**
 * 续保 figures. The base is the policies due in the period (expiryDate in it, whatever the
 * as-of date); each is classified by its status on the as-of date, so 已续保 + 战败 + 脱保 +
 * 已过期 + 待续保 = dueCount. Per specialist: the due rows with that 所属人员.
 */
import type { z } from 'zod';
import type { renewal } from '../../ledgers/renewal';
import { renewalStatus, vehicleOf } from '../../ledgers/renewal';
import type { Period } from './period';
import { ExclusionList, where, type SourcedRow } from './excluded';
import { rate } from './numbers';

export type RenewalRow = z.infer<typeof renewal.schema>;

export interface SpecialistFigures {
  specialist: string;
  assigned: number;
  contacted: number;
  renewed: number;
  /** Fen. */
  renewedPremium: number;
  lost: number;
  lapsed: number;
  renewalRate: number;
  /** Cars (辆) among the policies assigned, and those with a policy renewed. */
  vehicles: number;
  renewedVehicles: number;
  vehicleRenewalRate: number;
}

/** Due and renewed per 业务归属, in 件 and 辆. */
export interface ChannelFigures {
  channel: string;
  dueCount: number;
  renewedCount: number;
  renewalRate: number;
  dueVehicles: number;
  renewedVehicles: number;
  vehicleRenewalRate: number;
}

export interface RenewalFigures {
  dueCount: number;
  renewedCount: number;
  renewalRate: number;
  /** Cars (辆) due in the period: one customer call covers a car's 交强险 and 商业险. */
  dueVehicles: number;
  /** Cars with at least one due policy renewed. */
  renewedVehicles: number;
  vehicleRenewalRate: number;
  lostCount: number;
  lapsedCount: number;
  /** 已过期 (1–2 days past expiry on the as-of date). */
  expiredCount: number;
  /** 待续保. */
  pendingCount: number;
  /** Fen. */
  renewedPremium: number;
  unassignedCount: number;
  bySpecialist: SpecialistFigures[];
  byChannel: ChannelFigures[];
  /** 战败原因 (the free text; `（未填写）` when empty) → count. */
  lostReasons: Record<string, number>;
  /** 联系结果 of the lost rows → count. */
  lostByResult: Record<string, number>;
}

/** Fields whose unreadable value would make the status a guess. */
const STATUS_FIELDS: readonly [keyof RenewalRow, string][] = [
  ['contactResult', '联系结果'],
  ['renewedPolicyNo', '续保保单号'],
  ['renewedDate', '续保日期'],
];

export function renewalFigures(
  rows: readonly SourcedRow<RenewalRow>[],
  p: Period,
  asOf: string,
  ex: ExclusionList,
): RenewalFigures {
  const f: RenewalFigures = {
    dueCount: 0,
    renewedCount: 0,
    renewalRate: 0,
    dueVehicles: 0,
    renewedVehicles: 0,
    vehicleRenewalRate: 0,
    lostCount: 0,
    lapsedCount: 0,
    expiredCount: 0,
    pendingCount: 0,
    renewedPremium: 0,
    unassignedCount: 0,
    bySpecialist: [],
    byChannel: [],
    lostReasons: {},
    lostByResult: {},
  };
  const specialists = new Map<string, SpecialistFigures>();
  /** Cars: all due, renewed; per specialist and per channel the same two sets. */
  const cars = { due: new Set<string>(), renewed: new Set<string>() };
  const carsOf = new Map<string, { due: Set<string>; renewed: Set<string> }>();
  const groupCars = (key: string) => {
    let g = carsOf.get(key);
    if (!g) carsOf.set(key, (g = { due: new Set(), renewed: new Set() }));
    return g;
  };
  const channels = new Map<string, ChannelFigures>();
  const firstOf = new Map<string, SourcedRow<RenewalRow>>();

  for (const r of rows) {
    const d = r.data;
    if (!d.expiryDate) {
      ex.add(
        '*',
        r,
        r.invalid?.expiryDate !== undefined
          ? `终保日期无法识别: ${r.invalid.expiryDate}，无法判断是否在本期到期（应为 2026-10-31 这样的日期）`
          : '终保日期为空，无法判断是否在本期到期',
      );
      continue;
    }
    if (d.expiryDate < p.start || d.expiryDate > p.end) continue;
    if (d.policyNo && d.coverage) {
      const id = `${d.policyNo}\u0000${d.coverage}`;
      const first = firstOf.get(id);
      if (first) {
        ex.add('*', r, `保单号 ${d.policyNo}（${d.coverage}）与${where(first)}重复，只统计第一行`);
        continue;
      }
      firstOf.set(id, r);
    }
    const bad = STATUS_FIELDS.find(([k]) => r.invalid?.[k] !== undefined);
    if (bad) {
      ex.add('*', r, `${bad[1]}无法识别: ${r.invalid![bad[0]]}，无法判断续保状态（请按标准填写后重新统计）`);
      continue;
    }

    const status = renewalStatus({ ...d, expiryDate: d.expiryDate }, asOf);
    f.dueCount++;
    const car = vehicleOf(d) ?? `row:${r.sheet}:${r.row}`;
    const channel = d.channel ?? '（未填写）';
    let ch = channels.get(channel);
    if (!ch) {
      ch = {
        channel,
        dueCount: 0,
        renewedCount: 0,
        renewalRate: 0,
        dueVehicles: 0,
        renewedVehicles: 0,
        vehicleRenewalRate: 0,
      };
      channels.set(channel, ch);
    }
    ch.dueCount++;
    const groups = [cars, groupCars(`c:${channel}`), ...(d.assignee ? [groupCars(`s:${d.assignee}`)] : [])];
    for (const g of groups) g.due.add(car);
    if (status === '已续保') {
      ch.renewedCount++;
      for (const g of groups) g.renewed.add(car);
    }
    let s: SpecialistFigures | undefined;
    if (d.assignee) {
      s = specialists.get(d.assignee);
      if (!s) {
        s = {
          specialist: d.assignee,
          assigned: 0,
          contacted: 0,
          renewed: 0,
          renewedPremium: 0,
          lost: 0,
          lapsed: 0,
          renewalRate: 0,
          vehicles: 0,
          renewedVehicles: 0,
          vehicleRenewalRate: 0,
        };
        specialists.set(d.assignee, s);
      }
      s.assigned++;
      if (d.contactResult) s.contacted++;
    } else {
      f.unassignedCount++;
      ex.add('bySpecialist', r, '所属人员为空，不计入按专员统计（计入总数）');
    }
    switch (status) {
      case '已续保': {
        f.renewedCount++;
        if (s) s.renewed++;
        if (d.renewedPremium !== undefined) {
          f.renewedPremium += d.renewedPremium;
          if (s) s.renewedPremium += d.renewedPremium;
        } else {
          ex.add(
            'renewedPremium',
            r,
            r.invalid?.renewedPremium !== undefined
              ? `续保保费无法识别: ${r.invalid.renewedPremium}，不计入续保保费`
              : '已续保但续保保费为空，不计入续保保费（计入续保件数）',
          );
        }
        break;
      }
      case '战败': {
        f.lostCount++;
        if (s) s.lost++;
        const reason = d.lostReason || '（未填写）';
        f.lostReasons[reason] = (f.lostReasons[reason] ?? 0) + 1;
        f.lostByResult[d.contactResult!] = (f.lostByResult[d.contactResult!] ?? 0) + 1;
        break;
      }
      case '脱保':
        f.lapsedCount++;
        if (s) s.lapsed++;
        break;
      case '已过期':
        f.expiredCount++;
        break;
      case '待续保':
        f.pendingCount++;
        break;
    }
  }
  f.renewalRate = rate(f.renewedCount, f.dueCount);
  f.dueVehicles = cars.due.size;
  f.renewedVehicles = cars.renewed.size;
  f.vehicleRenewalRate = rate(f.renewedVehicles, f.dueVehicles);
  f.bySpecialist = [...specialists.values()];
  for (const s of f.bySpecialist) {
    s.renewalRate = rate(s.renewed, s.assigned);
    const g = groupCars(`s:${s.specialist}`);
    s.vehicles = g.due.size;
    s.renewedVehicles = g.renewed.size;
    s.vehicleRenewalRate = rate(s.renewedVehicles, s.vehicles);
  }
  f.byChannel = [...channels.values()];
  for (const c of f.byChannel) {
    const g = groupCars(`c:${c.channel}`);
    c.renewalRate = rate(c.renewedCount, c.dueCount);
    c.dueVehicles = g.due.size;
    c.renewedVehicles = g.renewed.size;
    c.vehicleRenewalRate = rate(c.renewedVehicles, c.dueVehicles);
  }
  return f;
}

/**
 * 专员日报 and 积分 (workflows.md §8, seed 004 node 七): per renewal specialist, for the day and
 * for the month to date — leads given out, calls made and answered, renewals (辆, 件) and their
 * premium — with points (设置: 每续保一辆积分, 每千元续保保费积分), a ranking, and the day's 红星.
 */
import { FAILED_RESULTS } from '../../ledgers/followups';
import { renewalStatus, vehicleOf } from '../../ledgers/renewal';
import type { Settings } from '../../ledgers/settings';
import type { FollowupData } from '../crm/followupLog';
import type { SourcedRow } from './excluded';
import type { RenewalRow } from './renewal';
import { ratio } from './numbers';

export interface SpecialistDay {
  specialist: string;
  /** Leads given out (发放日期 in the span). */
  given: number;
  /** 续保 calls logged by the specialist, and those that reached the customer. */
  attempts: number;
  reached: number;
  /** Renewals (续保日期 in the span): cars and policies, and their premium in fen. */
  renewedVehicles: number;
  renewed: number;
  renewedPremium: number;
  points: number;
  /** 1 = best; equal points share a rank. */
  rank: number;
  /** 红星: the day's best (the day only, and only with points). */
  star: boolean;
}

export interface DeskDaily {
  day: SpecialistDay[];
  monthToDate: SpecialistDay[];
}

const within = (iso: string | undefined, start: string, end: string) => !!iso && iso >= start && iso <= end;

function span(
  renewal: readonly SourcedRow<RenewalRow>[],
  log: readonly SourcedRow<FollowupData>[],
  start: string,
  end: string,
  settings: Settings,
): SpecialistDay[] {
  const by = new Map<string, SpecialistDay & { cars: Set<string> }>();
  const of = (name: string) => {
    let s = by.get(name);
    if (!s) {
      s = {
        specialist: name,
        given: 0,
        attempts: 0,
        reached: 0,
        renewedVehicles: 0,
        renewed: 0,
        renewedPremium: 0,
        points: 0,
        rank: 0,
        star: false,
        cars: new Set(),
      };
      by.set(name, s);
    }
    return s;
  };
  for (const r of renewal) {
    const d = r.data;
    if (!d.assignee) continue;
    if (within(d.assignedDate, start, end)) of(d.assignee).given++;
    if (!d.expiryDate || !within(d.renewedDate, start, end)) continue;
    if (renewalStatus({ ...d, expiryDate: d.expiryDate }, end) !== '已续保') continue;
    const s = of(d.assignee);
    s.renewed++;
    s.cars.add(vehicleOf(d) ?? `row:${r.sheet}:${r.row}`);
    s.renewedPremium += d.renewedPremium ?? 0;
  }
  for (const r of log) {
    const d = r.data;
    if (d.kind === '承保回访' || !d.caller || !d.result || !within(d.contactedAt?.date, start, end)) continue;
    const s = of(d.caller);
    s.attempts++;
    if (!FAILED_RESULTS.has(d.result)) s.reached++;
  }
  const out = [...by.values()].map(({ cars, ...s }) => {
    // Points: per car renewed, plus per 1,000 yuan (100,000 fen) of renewed premium, 1 decimal.
    const points =
      cars.size * settings.pointsPerVehicle + ratio(s.renewedPremium * settings.pointsPerThousand, 100_000, 1);
    return { ...s, renewedVehicles: cars.size, points: Math.round(points * 10) / 10 };
  });
  out.sort((a, b) => b.points - a.points || (a.specialist < b.specialist ? -1 : 1));
  out.forEach((s, i) => (s.rank = i > 0 && s.points === out[i - 1].points ? out[i - 1].rank : i + 1));
  return out;
}

/** The day's report and the month to date; the best of the day (with points) gets the 红星. */
export function deskDaily(
  renewal: readonly SourcedRow<RenewalRow>[],
  log: readonly SourcedRow<FollowupData>[],
  day: string,
  settings: Settings,
): DeskDaily {
  const today = span(renewal, log, day, day, settings);
  for (const s of today) s.star = s.rank === 1 && s.points > 0;
  return { day: today, monthToDate: span(renewal, log, `${day.slice(0, 7)}-01`, day, settings) };
}

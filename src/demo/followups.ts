/**
 * 回访记录 as the renewal desk keeps it beside its list (workflows.md §1): one row per call of
 * the cars it has worked, consistent with each car's 联系结果 — an appointment for today, calls
 * nobody answered yesterday, one number dialled on three days in vain (不准确) — plus the
 * issuing desk's 承保回访 of a few renewals, and two planted slips.
 */
import { FAILED_RESULTS, followups } from '../ledgers/followups';
import { addDays, dayNumber } from '../rules/date';
import type { Rng } from './random';
import type { RenewedPolicy, WorkedCar } from './renewal';
import { dayBetween } from './policies';
import { ledgerSheet, type Mistake, type Planted, type Rec } from './sheet';
import type { SheetOut } from '../sheetOut';

const DAY_MS = 86_400_000;
/** A date and time cell (exceljs writes a UTC Date as the serial with that time of day). */
const at = (iso: string, minutes: number): Date => new Date(dayNumber(iso) * DAY_MS + minutes * 60_000);
/** Seed 004 node 三: call 9:30–11:00 or 15:30–17:00. */
const callMinutes = (rng: Rng): number => (rng.chance(0.5) ? rng.int(570, 660) : rng.int(930, 1020));

export function followupSample(
  rng: Rng,
  asOf: string,
  worked: readonly WorkedCar[],
  renewed: readonly RenewedPolicy[],
  file: string,
): { sheet: SheetOut; planted: Planted[] } {
  const yesterday = addDays(asOf, -1);
  const recs: (Rec & { when: number })[] = [];
  const add = (values: Rec['values'], day: string, minutes: number, mistakes?: Mistake[]) =>
    recs.push({
      values: { ...values, contactedAt: at(day, minutes), method: '电话' },
      when: dayNumber(day) * 1440 + minutes,
      ...(mistakes ? { mistakes } : {}),
    });
  let appointmentsToday = 0;
  let inaccurate = 0;

  for (const car of worked) {
    // Half the desk logs by plate (one line for the car), half by policy number.
    const target = rng.chance(0.5) ? { plateNo: car.plateNo } : { policyNo: car.policyNos[0] };
    const who = { caller: car.assignee, kind: '续保' };
    const from = addDays(car.assignedDate, 1) <= yesterday ? addDays(car.assignedDate, 1) : yesterday;
    if (FAILED_RESULTS.has(car.result)) {
      // The first car nobody reaches is dialled on three days: 不准确, back to its branch.
      const tries = inaccurate === 0 ? 3 : rng.int(1, 2);
      if (tries === 3) inaccurate++;
      const days = new Set<string>();
      for (let d = yesterday; days.size < tries; d = addDays(d, -1)) days.add(d);
      for (const d of [...days].reverse()) add({ ...target, ...who, result: car.result }, d, callMinutes(rng));
      continue;
    }
    const day = car.renewedDate ?? dayBetween(rng, from, yesterday);
    if (car.result === '预约回电') {
      // The first two appointments are for today: 今日待回电.
      const next = appointmentsToday++ < 2 ? asOf : addDays(asOf, rng.int(1, 3));
      add({ ...target, ...who, result: car.result, nextContactAt: at(next, callMinutes(rng)) }, day, callMinutes(rng));
      continue;
    }
    add({ ...target, ...who, result: car.result }, day, callMinutes(rng));
  }

  // 承保回访 of the latest renewals issued before yesterday.
  const recent = renewed.filter((r) => r.issueDate < yesterday).sort((a, b) => (a.issueDate < b.issueDate ? 1 : -1));
  for (const p of recent.slice(0, 4)) {
    add(
      { policyNo: p.policyNo, kind: '承保回访', result: '已确认收到保单', caller: p.salesperson },
      dayBetween(rng, addDays(p.issueDate, 1), yesterday),
      callMinutes(rng),
    );
  }

  // Slips: an appointment without its time, and a plate nobody has on file.
  const car = worked.find((c) => !FAILED_RESULTS.has(c.result));
  if (car) {
    add({ plateNo: car.plateNo, kind: '续保', caller: car.assignee, result: '预约回电' }, yesterday, 1000, [
      { key: 'nextContactAt', code: 'followups.noAppointment', level: 'warning' },
    ]);
  }
  add({ plateNo: '冀B9Z8Y7', kind: '续保', caller: worked[0]?.assignee ?? null, result: '有意向' }, yesterday, 600, [
    { key: 'plateNo', code: 'followups.unknownTarget', level: 'warning' },
  ]);

  recs.sort((a, b) => a.when - b.when);
  const { sheet, planted } = ledgerSheet(file, followups.title, followups, recs);
  // Calls are logged to the minute.
  for (const key of ['contactedAt', 'nextContactAt']) {
    sheet.numFmt![followups.columns.findIndex((c) => c.key === key)] = 'yyyy-mm-dd hh:mm';
  }
  return { sheet, planted };
}

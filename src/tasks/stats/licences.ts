/**
 * 证件到期清单 (workflows.md §7): the staff still working whose 执业证 has lapsed or lapses within
 * LICENCE_WARN_DAYS of the as-of date, soonest first — found too late, an agent may not sell.
 */
import { employedOn, LICENCE_WARN_DAYS } from '../../ledgers/attendance';
import type { AttendanceInput } from '../../ledgers/attendanceMonth';

export interface LicenceLine {
  employeeId: string;
  name: string;
  dept: string;
  practiceNo: string;
  licenceExpiry: string;
  /** Days from the as-of date to the expiry; negative once lapsed. */
  daysLeft: number;
}

export function licenceList(roster: AttendanceInput['roster'], asOf: string): LicenceLine[] {
  const out: LicenceLine[] = [];
  for (const t of roster)
    for (const { data: r } of t.rows) {
      if (!r.licenceExpiry || !employedOn(r, asOf)) continue;
      const daysLeft = Math.round((Date.parse(r.licenceExpiry) - Date.parse(asOf)) / 86_400_000);
      if (daysLeft > LICENCE_WARN_DAYS) continue;
      out.push({
        employeeId: r.employeeId ?? '',
        name: r.name ?? '',
        dept: r.dept ?? '',
        practiceNo: r.practiceNo ?? '',
        licenceExpiry: r.licenceExpiry,
        daysLeft,
      });
    }
  return out.sort((a, b) => a.daysLeft - b.daysLeft || a.employeeId.localeCompare(b.employeeId));
}

/**
 * 差勤 figures for a period: the month computation of ledgers.md §5 (attendanceForMonth) for
 * each month of the period, summed per person and department. Days after the as-of date are
 * not scheduled yet, so a mid-month run counts the month so far.
 */
import {
  addCounts,
  attendanceForMonth,
  emptyCounts,
  type AttendanceInput,
  type DayCounts,
  type DeptMonth,
  type PersonMonth,
} from '../../ledgers/attendanceMonth';
import type { Settings } from '../../ledgers/settings';
import type { Period } from './period';
import { ExclusionList } from './excluded';
import { rate } from './numbers';
import { licenceList, type LicenceLine } from './licences';

export interface AttendancePerson extends DayCounts {
  employeeId: string;
  name: string;
  dept: string;
  /** present / scheduled. */
  attendanceRate: number;
}

export interface AttendanceGroup extends DeptMonth {
  attendanceRate: number;
}

export interface AttendanceFigures {
  /** Months with figures. */
  months: string[];
  /** Months of the period (up to the as-of date) with no punch or roll call at all: 无考勤数据, no figures. */
  noData: string[];
  byPerson: AttendancePerson[];
  byDept: Record<string, AttendanceGroup>;
  byMonth: Record<string, AttendanceGroup>;
  totals: AttendanceGroup;
  /** 证件到期清单: licences lapsed or lapsing within 30 days of the as-of date. */
  licences: LicenceLine[];
  /** The day-by-day marks, for a one-month period (考勤明细). */
  calendar?: { month: string; people: PersonMonth[] };
  /** The 设置 values the figures used (fees in fen). */
  rules: {
    workStart: number;
    lateFee: number;
    absentFee: number;
    workdays: number[];
    holidays: string[];
    makeupDays: string[];
  };
}

/** 出勤率 over the days something is known about: an unrecorded day is no absence. */
const attendanceRate = (c: DayCounts): number => rate(c.presentDays, c.scheduledDays - c.unrecordedDays);

const withRate = <T extends DayCounts>(c: T): T & { attendanceRate: number } => ({
  ...c,
  attendanceRate: attendanceRate(c),
});

export function attendanceFigures(
  input: AttendanceInput,
  p: Period,
  asOf: string,
  settings: Settings,
  ex: ExclusionList,
): AttendanceFigures {
  const people = new Map<string, AttendancePerson>();
  const byMonth: Record<string, AttendanceGroup> = {};
  let calendar: AttendanceFigures['calendar'];
  const noData: string[] = [];
  for (const month of p.months) {
    if (`${month}-01` > asOf) break;
    // A day, week or range period counts only its own days of the month.
    const through = asOf < p.end ? asOf : p.end;
    const m = attendanceForMonth(input, month, settings, { from: p.start, through });
    for (const e of m.excluded) ex.add(e.figure, e, e.reason);
    // Nothing recorded all month: no figures, never 100 % absence (ledgers.md §5).
    if (!m.recorded) {
      noData.push(month);
      continue;
    }
    const total: DeptMonth = { people: m.byPerson.length, ...emptyCounts() };
    for (const person of m.byPerson) {
      let acc = people.get(person.employeeId);
      if (!acc) {
        acc = {
          employeeId: person.employeeId,
          name: person.name,
          dept: person.dept,
          ...emptyCounts(),
          attendanceRate: 0,
        };
        people.set(person.employeeId, acc);
      }
      acc.dept = person.dept;
      addCounts(acc, person);
      addCounts(total, person);
    }
    byMonth[month] = withRate(total);
    if (p.kind === 'month') calendar = { month, people: m.byPerson };
  }
  const byPerson = [...people.values()].map((x) => ({ ...x, attendanceRate: attendanceRate(x) }));
  const byDept: Record<string, AttendanceGroup> = {};
  const totals: DeptMonth = { people: 0, ...emptyCounts() };
  for (const x of byPerson) {
    const d = (byDept[x.dept] ??= { people: 0, ...emptyCounts(), attendanceRate: 0 });
    d.people++;
    addCounts(d, x);
    totals.people++;
    addCounts(totals, x);
  }
  for (const k of Object.keys(byDept)) byDept[k] = withRate(byDept[k]);
  const inPeriod = (d: string) => d >= p.start && d <= p.end;
  return {
    months: Object.keys(byMonth),
    noData,
    byPerson,
    byDept,
    byMonth,
    totals: withRate(totals),
    licences: licenceList(input.roster, asOf),
    calendar,
    rules: {
      workStart: settings.workStart,
      lateFee: settings.lateFee,
      absentFee: settings.absentFee,
      workdays: [...settings.workdays],
      holidays: settings.holidays.filter(inPeriod).sort(),
      makeupDays: settings.makeupDays.filter(inPeriod).sort(),
    },
  };
}

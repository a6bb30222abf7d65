/**
 * 月度差勤 (ledgers.md §5): per person and month, from the roster, the punches (one row per
 * punch, or 上班/下班 pairs), the morning-meeting roll call and the `设置` sheet. The monthly
 * statistics and the 月度差勤 formula sheet both use this one computation.
 *
 * - scheduled = workdays of the month (设置: 工作日, 节假日, 调休上班) within employment
 *   (入司日期 ≤ day ≤ 离司日期, both days included) and not after `through`;
 * - present   = scheduled day with a punch, or a roll call 到/迟;
 * - late      = present day whose first punch is after 上班时间 (09:00 is on time, 09:01 late),
 *   or a roll call 迟;
 * - leave     = roll call 假 on a scheduled day without a punch (and without 到/迟);
 * - unrecorded = scheduled day that nobody of the person's department has a punch or a roll
 *   call for: the clock was not read, the roll not taken — nothing is known, so the day is
 *   neither present nor absent ("never invent an absence");
 * - absent    = scheduled − present − leave − unrecorded;
 * - deduction = late × 迟到扣款 + absent × 缺勤扣款, in fen.
 * A month in which no day is recorded at all has no figures (`recorded` false: 无考勤数据).
 */
import type { z } from 'zod';
import type { punchPairs, punches, rollCall, roster } from './attendance';
import { isWorkday, type Settings } from './settings';
import { dayNumber, fromDayNumber, lastDayOfMonth } from '../rules/date';

export type RosterRow = z.infer<typeof roster.schema>;
export type PunchRow = z.infer<typeof punches.schema>;
export type PunchPairRow = z.infer<typeof punchPairs.schema>;
export type RollCallRow = z.infer<typeof rollCall.schema>;

/** Structurally a ParsedTable: where the rows came from, and their typed data. */
export interface SourcedTable<T> {
  sheet: string;
  rows: readonly { row: number; data: Partial<T>; invalid?: Record<string, string> }[];
}

export interface AttendanceInput {
  roster: readonly SourcedTable<RosterRow>[];
  punches?: readonly SourcedTable<PunchRow>[];
  punchPairs?: readonly SourcedTable<PunchPairRow>[];
  rollCall?: readonly SourcedTable<RollCallRow>[];
}

/** The mark of a scheduled day, as the roll call writes them; 无 = no record for the department that day. */
export type DayMark = '到' | '迟' | '假' | '缺' | '无';

export interface DayCounts {
  scheduledDays: number;
  presentDays: number;
  lateDays: number;
  leaveDays: number;
  /** Scheduled days without any record for the department: neither present nor absent. */
  unrecordedDays: number;
  absentDays: number;
  /** Fen. */
  deduction: number;
}

export interface PersonMonth extends DayCounts {
  employeeId: string;
  name: string;
  dept: string;
  /** One entry per day of the month (index 0 = the 1st): the day's mark, or null when not scheduled. */
  days: (DayMark | null)[];
  /** Per day of the month: the person has a punch or a roll-call entry (scheduled or not). */
  seen: boolean[];
}

export interface DeptMonth extends DayCounts {
  people: number;
}

export type AttendanceTableKey = 'roster' | 'punches' | 'punchPairs' | 'rollCall';

export interface AttendanceExclusion {
  table: AttendanceTableKey;
  sheet: string;
  row: number;
  /** `*` when the row counts nowhere; `lateDays` when only lateness could not be judged. */
  figure: '*' | 'lateDays';
  reason: string;
}

export interface AttendanceMonth {
  month: string;
  /** Some day of the month has a punch or a roll call: false = 无考勤数据, no figures. */
  recorded: boolean;
  byPerson: PersonMonth[];
  byDept: Record<string, DeptMonth>;
  excluded: AttendanceExclusion[];
}

export interface AttendanceOptions {
  /** First day that counts (a day, week or range period starting mid-month); default the 1st. */
  from?: string;
  /** Last day that counts (the as-of date of a month not yet over); default the month's last day. */
  through?: string;
}

const ROLL_PRESENT = 1;
const ROLL_LATE = 2;
const ROLL_LEAVE = 4;
/** Any roll-call entry, 缺 included: the roll was taken that day. */
const ROLL_SEEN = 8;
const ROLL_BITS: Record<string, number> = {
  到: ROLL_SEEN | ROLL_PRESENT,
  迟: ROLL_SEEN | ROLL_PRESENT | ROLL_LATE,
  假: ROLL_SEEN | ROLL_LEAVE,
  缺: ROLL_SEEN,
};

const NO_PUNCH = -1;
/** A punch whose time is unknown: present, lateness cannot be judged. */
const UNTIMED = -2;

interface Person {
  employeeId: string;
  name: string;
  dept: string;
  /** Day numbers of employment, both included. */
  from: number;
  to: number;
}

export function emptyCounts(): DayCounts {
  return {
    scheduledDays: 0,
    presentDays: 0,
    lateDays: 0,
    leaveDays: 0,
    unrecordedDays: 0,
    absentDays: 0,
    deduction: 0,
  };
}

export function addCounts(into: DayCounts, c: DayCounts): void {
  into.scheduledDays += c.scheduledDays;
  into.presentDays += c.presentDays;
  into.lateDays += c.lateDays;
  into.leaveDays += c.leaveDays;
  into.unrecordedDays += c.unrecordedDays;
  into.absentDays += c.absentDays;
  into.deduction += c.deduction;
}

export function attendanceForMonth(
  input: AttendanceInput,
  month: string,
  settings: Settings,
  opts: AttendanceOptions = {},
): AttendanceMonth {
  const [year, mon] = month.split('-').map(Number);
  const first = dayNumber(`${month}-01`);
  const last = dayNumber(lastDayOfMonth(year, mon));
  if (Number.isNaN(first)) throw new RangeError(`not a month: ${month}`);
  const dayCount = last - first + 1;
  const through = opts.through !== undefined ? Math.min(dayNumber(opts.through), last) : last;
  const from = opts.from !== undefined ? Math.max(dayNumber(opts.from), first) : first;
  const excluded: AttendanceExclusion[] = [];
  const exclude = (
    table: AttendanceTableKey,
    sheet: string,
    row: number,
    reason: string,
    figure: '*' | 'lateDays' = '*',
  ) => excluded.push({ table, sheet, row, figure, reason });

  // ---- roster --------------------------------------------------------------------------
  const people: Person[] = [];
  const byId = new Map<string, number>();
  const firstRowOfId = new Map<string, string>();
  const byName = new Map<string, number[]>();
  for (const t of input.roster) {
    for (const r of t.rows) {
      const d = r.data;
      const missing = (['employeeId', 'name', 'dept'] as const).filter((k) => !d[k]);
      if (missing.length) {
        const labels = { employeeId: '工号', name: '姓名', dept: '部门' };
        exclude(
          'roster',
          t.sheet,
          r.row,
          `人力表缺少${missing.map((k) => labels[k]).join('、')}，无法统计此人差勤（请补全后重新统计）`,
        );
        continue;
      }
      const badDate = (['joinDate', 'leaveDate'] as const).find((k) => r.invalid?.[k] !== undefined);
      if (badDate) {
        exclude(
          'roster',
          t.sheet,
          r.row,
          `${badDate === 'joinDate' ? '入司日期' : '离司日期'}无法识别: ${r.invalid![badDate]}，无法确定在职天数（应为 2026-10-08 这样的日期）`,
        );
        continue;
      }
      if (d.joinDate && d.leaveDate && d.leaveDate < d.joinDate) {
        exclude('roster', t.sheet, r.row, `离司日期 ${d.leaveDate} 早于入司日期 ${d.joinDate}，无法确定在职天数`);
        continue;
      }
      const id = d.employeeId!;
      if (byId.has(id)) {
        exclude('roster', t.sheet, r.row, `工号 ${id} 与${firstRowOfId.get(id)}重复，只统计第一次出现的人员`);
        continue;
      }
      byId.set(id, people.length);
      firstRowOfId.set(id, `${t.sheet} 第 ${r.row} 行`);
      const list = byName.get(d.name!) ?? [];
      list.push(people.length);
      byName.set(d.name!, list);
      people.push({
        employeeId: id,
        name: d.name!,
        dept: d.dept!,
        from: d.joinDate ? dayNumber(d.joinDate) : -Infinity,
        to: d.leaveDate ? dayNumber(d.leaveDate) : Infinity,
      });
    }
  }

  /** The roster index of a punch or roll-call row: by 工号, else by 姓名 when unique. */
  const resolve = (data: { employeeId?: string; name?: string }): number | string => {
    if (data.employeeId)
      return byId.get(data.employeeId) ?? `工号 ${data.employeeId} 不在人力表中（请核对工号，或先在人力表登记）`;
    if (!data.name) return '工号和姓名都为空，无法确定是谁';
    const hits = byName.get(data.name);
    if (!hits) return `姓名 ${data.name} 不在人力表中（请核对姓名，或先在人力表登记）`;
    if (hits.length > 1) return `人力表中有 ${hits.length} 位叫 ${data.name} 的人员，无法确定是哪一位（请填写工号）`;
    return hits[0];
  };

  // ---- punches: the first punch of each person and day ----------------------------------
  const firstPunch = new Int32Array(people.length * dayCount).fill(NO_PUNCH);
  const roll = new Uint8Array(people.length * dayCount);
  const untimedRows: { cell: number; table: AttendanceTableKey; sheet: string; row: number }[] = [];

  const punch = (cell: number, minutes: number | undefined, table: AttendanceTableKey, sheet: string, row: number) => {
    if (minutes === undefined) {
      if (firstPunch[cell] === NO_PUNCH) firstPunch[cell] = UNTIMED;
      untimedRows.push({ cell, table, sheet, row });
      return;
    }
    const cur = firstPunch[cell];
    if (cur < 0 || minutes < cur) firstPunch[cell] = minutes;
  };

  /** The index of the day within the month, or -1 outside it (or outside `from` … `through`); undefined for a bad date. */
  const dayIndex = (iso: string): number => {
    const n = dayNumber(iso);
    return n < from || n > through ? -1 : n - first;
  };

  for (const t of input.punches ?? []) {
    for (const r of t.rows) {
      const when = r.data.date;
      if (!when) {
        exclude(
          'punches',
          t.sheet,
          r.row,
          r.invalid?.date !== undefined
            ? `打卡日期无法识别: ${r.invalid.date}（应为 2026-10-08 08:55 这样的日期时间）`
            : '打卡日期为空，无法统计',
        );
        continue;
      }
      const di = dayIndex(when.date);
      if (di < 0) continue;
      const who = resolve(r.data);
      if (typeof who === 'string') {
        exclude('punches', t.sheet, r.row, who);
        continue;
      }
      const minutes = r.data.time ?? (when.minutes === null ? undefined : when.minutes);
      punch(who * dayCount + di, minutes, 'punches', t.sheet, r.row);
    }
  }

  for (const t of input.punchPairs ?? []) {
    for (const r of t.rows) {
      const date = r.data.date;
      if (!date) {
        exclude(
          'punchPairs',
          t.sheet,
          r.row,
          r.invalid?.date !== undefined
            ? `打卡日期无法识别: ${r.invalid.date}（应为 2026-10-08 这样的日期）`
            : '打卡日期为空，无法统计',
        );
        continue;
      }
      const times = [r.data.firstPunch, r.data.lastPunch].filter((m): m is number => m !== undefined);
      const unreadable = r.invalid?.firstPunch !== undefined || r.invalid?.lastPunch !== undefined;
      if (!times.length && !unreadable) continue; // an exported day without any punch
      const di = dayIndex(date);
      if (di < 0) continue;
      const who = resolve(r.data);
      if (typeof who === 'string') {
        exclude('punchPairs', t.sheet, r.row, who);
        continue;
      }
      // Only a 下班打卡 means the first punch of the day was the evening one: literally late.
      punch(who * dayCount + di, times.length ? Math.min(...times) : undefined, 'punchPairs', t.sheet, r.row);
    }
  }

  for (const t of input.rollCall ?? []) {
    for (const r of t.rows) {
      const date = r.data.date;
      if (!date) {
        exclude(
          'rollCall',
          t.sheet,
          r.row,
          r.invalid?.date !== undefined
            ? `点到日期无法识别: ${r.invalid.date}（应为 2026-10-08 这样的日期）`
            : '点到日期为空，无法统计',
        );
        continue;
      }
      const di = dayIndex(date);
      if (di < 0) continue;
      const mark = r.data.mark;
      if (!mark) {
        exclude(
          'rollCall',
          t.sheet,
          r.row,
          r.invalid?.mark !== undefined
            ? `点到结果无法识别: ${r.invalid.mark}（只能填 到 / 迟 / 假 / 缺）`
            : '点到结果为空（应填 到 / 迟 / 假 / 缺）',
        );
        continue;
      }
      const who = resolve(r.data);
      if (typeof who === 'string') {
        exclude('rollCall', t.sheet, r.row, who);
        continue;
      }
      roll[who * dayCount + di] |= ROLL_BITS[mark];
    }
  }

  // ---- per person and day ---------------------------------------------------------------
  const workday: boolean[] = [];
  for (let i = 0; i < dayCount; i++) workday.push(isWorkday(fromDayNumber(first + i), settings));

  // A day is recorded for a department when anyone of it punched or was on the roll that day.
  const recordedDays = new Map<string, Uint8Array>();
  let recorded = false;
  people.forEach((p, pi) => {
    let days = recordedDays.get(p.dept);
    if (!days) recordedDays.set(p.dept, (days = new Uint8Array(dayCount)));
    for (let di = 0; di < dayCount; di++) {
      const cell = pi * dayCount + di;
      if (firstPunch[cell] !== NO_PUNCH || roll[cell] & ROLL_SEEN) {
        days[di] = 1;
        recorded = true;
      }
    }
  });

  const byPerson: PersonMonth[] = [];
  const personRow: number[] = new Array(people.length).fill(-1);
  people.forEach((p, pi) => {
    const deptDays = recordedDays.get(p.dept)!;
    if (p.to < first || p.from > last) return; // not employed this month
    const out: PersonMonth = {
      employeeId: p.employeeId,
      name: p.name,
      dept: p.dept,
      ...emptyCounts(),
      days: [],
      seen: Array.from(
        { length: dayCount },
        (_, di) => firstPunch[pi * dayCount + di] !== NO_PUNCH || (roll[pi * dayCount + di] & ROLL_SEEN) !== 0,
      ),
    };
    for (let di = 0; di < dayCount; di++) {
      const n = first + di;
      if (!workday[di] || n < p.from || n > p.to || n < from || n > through) {
        out.days.push(null);
        continue;
      }
      const cell = pi * dayCount + di;
      const fp = firstPunch[cell];
      const rc = roll[cell];
      const punched = fp !== NO_PUNCH;
      const present = punched || (rc & ROLL_PRESENT) !== 0;
      out.scheduledDays++;
      let mark: DayMark;
      if (!deptDays[di]) {
        out.unrecordedDays++;
        mark = '无';
      } else if (present) {
        out.presentDays++;
        const late = (fp >= 0 && fp > settings.workStart) || (rc & ROLL_LATE) !== 0;
        if (late) out.lateDays++;
        mark = late ? '迟' : '到';
      } else if (rc & ROLL_LEAVE) {
        out.leaveDays++;
        mark = '假';
      } else {
        out.absentDays++;
        mark = '缺';
      }
      out.days.push(mark);
    }
    out.deduction = out.lateDays * settings.lateFee + out.absentDays * settings.absentFee;
    personRow[pi] = byPerson.length;
    byPerson.push(out);
  });

  // An untimed punch matters only on a scheduled day that nothing else shows to be late or on time.
  for (const u of untimedRows) {
    const pi = Math.floor(u.cell / dayCount);
    const di = u.cell % dayCount;
    const rowOfPerson = personRow[pi];
    if (rowOfPerson < 0 || byPerson[rowOfPerson].days[di] === null) continue;
    if (firstPunch[u.cell] !== UNTIMED || (roll[u.cell] & ROLL_LATE) !== 0) continue;
    exclude(
      u.table,
      u.sheet,
      u.row,
      '打卡记录没有可识别的时间，已按出勤计算，但无法判断是否迟到（请补上打卡时间，如 08:55）',
      'lateDays',
    );
  }

  const byDept: Record<string, DeptMonth> = {};
  for (const p of byPerson) {
    const d = (byDept[p.dept] ??= { people: 0, ...emptyCounts() });
    d.people++;
    addCounts(d, p);
  }
  return { month, recorded, byPerson, byDept, excluded };
}

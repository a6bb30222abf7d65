/**
 * 差勤 (seed 000, 第二项): the roster of the agency's three departments (one newcomer joins
 * during the as-of month), the clock's punch records and the morning-meeting roll call for
 * the previous month and the as-of month up to the as-of date, and the 设置 sheet with the
 * year's holidays and make-up workdays, so October's 国庆 week is not counted as absence.
 */
import type { Cell } from '../grid';
import { punches, rollCall, roster } from '../ledgers/attendance';
import { SETTINGS_SHEET, defaultSettings, isWorkday, type Settings } from '../ledgers/settings';
import { addDays } from '../rules/date';
import type { Rng } from './random';
import { departments, type Staff } from './staff';
import { distinctNames } from './people';
import { HOLIDAYS_2026 } from './holidays';
import { dayBetween, minIso, previousMonthStart } from './policies';
import { dateCell, ledgerSheet, timeCell, type Planted, type Rec } from './sheet';
import type { SheetOut } from '../sheetOut';

interface Person {
  id: string;
  name: string;
  dept: string;
  joinDate: string;
}

const WORK_START = 9 * 60;

export function attendanceSample(
  rng: Rng,
  asOf: string,
  staff: Staff,
  file: string,
): { sheets: SheetOut[]; planted: Planted[] } {
  const from = previousMonthStart(asOf);
  const settings: Settings = {
    ...defaultSettings(),
    holidays: HOLIDAYS_2026.flatMap((h) => h.days),
    makeupDays: HOLIDAYS_2026.flatMap((h) => h.makeup),
  };
  const people = rosterOf(rng, asOf, staff);

  const punchRecs: Rec[] = [];
  const callRecs: Rec[] = [];
  for (let day = from; day <= asOf; day = addDays(day, 1)) {
    if (!isWorkday(day, settings)) continue;
    for (const p of people) {
      if (p.joinDate > day) continue;
      const [mark, firstPunch] = dayOf(rng);
      const who = { employeeId: p.id, name: p.name };
      if (firstPunch !== undefined) {
        punchRecs.push({ values: { ...who, date: dateCell(day), time: timeCell(firstPunch) } });
        // Now and then someone leaves without punching out.
        if (rng.chance(0.97))
          punchRecs.push({ values: { ...who, date: dateCell(day), time: timeCell(rng.int(17 * 60 + 30, 19 * 60)) } });
      }
      callRecs.push({ values: { date: dateCell(day), ...who, mark } });
    }
  }

  // A trainee from another branch sat in on a meeting and was written down.
  const [guest] = distinctNames(
    rng,
    1,
    people.map((p) => p.name),
  );
  const at = rng.int(0, callRecs.length - 1);
  const day = callRecs[at].values.date;
  callRecs.splice(at, 0, {
    values: { date: day, employeeId: `JD03${rng.int(50, 99)}`, name: guest, mark: '到' },
    mistakes: [{ key: 'employeeId', code: 'attendance.unknownPerson', level: 'error' }],
  });

  const rosterRecs: Rec[] = people.map((p, i) => ({
    values: {
      employeeId: p.id,
      name: p.name,
      dept: p.dept,
      joinDate: dateCell(p.joinDate),
      ...licenceOf(p, i, asOf),
    },
    // One licence runs out within the month, one has lapsed: the 证件到期清单 shows both.
    mistakes:
      i === EXPIRING
        ? [{ key: 'licenceExpiry', code: 'staff.licenceExpiring', level: 'warning' as const }]
        : i === EXPIRED
          ? [{ key: 'licenceExpiry', code: 'staff.licenceExpired', level: 'error' as const }]
          : [],
  }));
  const sheets = [
    ledgerSheet(file, roster.title, roster, rosterRecs),
    ledgerSheet(file, punches.title, punches, punchRecs),
    ledgerSheet(file, rollCall.title, rollCall, callRecs),
  ];
  return { sheets: [...sheets.map((s) => s.sheet), settingsSheet()], planted: sheets.flatMap((s) => s.planted) };
}

const EXPIRING = 2;
const EXPIRED = 5;

/**
 * The staff register's columns: certificate numbers, the 执业证's expiry (spread over the
 * coming years, but for the two planted ones) and the contract's start. Derived from the
 * person, not drawn, so the rest of the sample stays as it was.
 */
function licenceOf(p: Person, i: number, asOf: string): Record<string, Cell> {
  const digits = String(100_000_000 + (((i + 1) * 7_919_311) % 900_000_000));
  const expiry = i === EXPIRING ? addDays(asOf, 20) : i === EXPIRED ? addDays(asOf, -10) : addDays(asOf, 120 + i * 53);
  return {
    qualificationNo: `0020101${asOf.slice(0, 4)}${digits}`,
    practiceNo: `0210${p.id.slice(2)}${digits}`,
    licenceExpiry: dateCell(expiry),
    signDate: dateCell(p.joinDate),
  };
}

function rosterOf(rng: Rng, asOf: string, staff: Staff): Person[] {
  const monthStart = `${asOf.slice(0, 7)}-01`;
  const longAgo = addDays(previousMonthStart(asOf), -60);
  return departments(staff).flatMap(({ dept, code, people }) =>
    people.map((name, i) => ({
      id: `JD${code}${String(i + 1).padStart(2, '0')}`,
      name,
      dept,
      // The newcomer starts on the tenth, or today when the month is younger than that.
      joinDate: name === staff.newcomer ? minIso(addDays(monthStart, 9), asOf) : dayBetween(rng, '2014-03-01', longAgo),
    })),
  );
}

/** One person's workday: the roll-call mark and the first punch (none when on leave or absent). */
function dayOf(rng: Rng): [string, number | undefined] {
  const kind = rng.weighted([
    ['on time', 885],
    ['late', 70],
    ['leave', 30],
    ['absent', 15],
  ] as const);
  switch (kind) {
    case 'on time':
      return ['到', rng.int(8 * 60 + 10, WORK_START - 1)];
    case 'late':
      return ['迟', rng.int(WORK_START + 1, WORK_START + 40)];
    case 'leave':
      return ['假', undefined];
    case 'absent':
      return ['缺', undefined];
  }
}

/** The 设置 sheet: label/value pairs; each holiday's name beside its first day. */
function settingsSheet(): SheetOut {
  const rows: Cell[][] = [
    ['基准日', null, '留空表示今天'],
    ['上班时间', '09:00'],
    ['迟到扣款', 20],
    ['缺勤扣款', 100],
    ['工作日', '一至五'],
  ];
  const dates = (label: string, pick: (h: (typeof HOLIDAYS_2026)[number]) => readonly string[]) => {
    let first = true;
    for (const h of HOLIDAYS_2026) {
      pick(h).forEach((d, i) => {
        rows.push([first ? label : null, dateCell(d), i === 0 ? h.name : null]);
        first = false;
      });
    }
  };
  dates('节假日', (h) => h.days);
  dates('调休上班', (h) => h.makeup);
  return { name: SETTINGS_SHEET, rows, header: false, widths: [14, 12, 14] };
}

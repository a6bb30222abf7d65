/**
 * The formulas of the 月度差勤 sheet (ledgers.md §5) and of its hidden day-by-day helper, 差勤日历.
 *
 * 月度差勤 has one row per row of the 人力表 (a "slot"), 差勤日历 31 rows per slot, one per day of
 * the month. Each day row decides the day's mark (到 / 迟 / 假 / 缺, or nothing when the day is
 * not scheduled) with COUNTIFS over the punch, 上班/下班 and roll-call columns; the person's row
 * adds up its 31 days. Only IF, AND/OR, ISNUMBER, LEN, TRIM, INT, MOD, ROUND, DATE, YEAR,
 * MONTH, DAY, WEEKDAY, INDEX, SUM, COUNTA, COUNTIFS, SUMPRODUCT, FIND, MID, LEFT, RIGHT,
 * SUBSTITUTE and MIN: functions Excel 2016, WPS and LibreOffice all compute.
 *
 * How each rule of attendanceForMonth is written:
 * - a punch row belongs to a person by 工号, or by 姓名 when its 工号 is empty and the name is
 *   unique among the counted people. LibreOffice's COUNTIFS never matches an empty cell with
 *   the criterion "" when there is a second criterion, so "工号 empty" is counted as
 *   all rows of the name minus those with a 工号 ("<>").
 * - first punch after 上班时间 ⇔ the day has a punch with a time and none at or before the
 *   limit. The limit AttLateCut is 上班时间 + 59.5 seconds: the engine reads times to the
 *   minute (09:00:59 is 09:00), and half a second keeps the limit away from any real punch.
 * - a punch's time is its 打卡时间 (a time of day, or a whole date and time), or the time part
 *   of its 日期 when 打卡时间 is empty ("date > the day's midnight"); a punch with neither counts
 *   as present, never late.
 * - roll-call marks are counted with every spelling the engine accepts (迟到 = 迟 …) through
 *   SUMPRODUCT(COUNTIFS(…, {"迟","迟到"})).
 */
import type { TableLayout } from './layout';
import { AS_OF } from './formulas';
import { rollCall } from '../../ledgers/attendance';
import { defaultSettings } from '../../ledgers/settings';
import { columnLetter } from '../../grid';
import { WORKDAYS_TEXT, weekdayFlagFormula, workdaysListFormula } from './workdays';

export const SUMMARY_SHEET = '月度差勤';
export const CALENDAR_SHEET = '差勤日历';

/** 1-based rows of 月度差勤. */
export const SUMMARY_ROWS = { month: 1, period: 2, notice: 3, header: 4, first: 5 } as const;
/** Days per slot on 差勤日历: every month fits. */
export const DAYS = 31;
/**
 * Rows prepared on 月度差勤: the 人力表's rows with data, 30 more for people who join, rounded up
 * to 10, at least 50. Each costs 31 formula rows on 差勤日历; row 3 (notice) says when the 人力表
 * has outgrown them (another upgrade run extends the sheet).
 */
export const slotsFor = (usedRows: number): number => Math.max(50, Math.ceil((usedRows + 30) / 10) * 10);

/** 0-based columns of 月度差勤: what a clerk reads, then the hidden per-person helpers. */
export const S = {
  id: 0,
  name: 1,
  dept: 2,
  scheduled: 3,
  present: 4,
  late: 5,
  leave: 6,
  unrecorded: 7,
  absent: 8,
  deduction: 9,
  note: 10,
  joinN: 11,
  leaveN: 12,
  complete: 13,
  valid: 14,
  employed: 15,
  unique: 16,
} as const;
export const SUMMARY_HEADERS = [
  '工号',
  '姓名',
  '部门',
  '应出勤天数',
  '出勤天数',
  '迟到天数',
  '请假天数',
  '无记录天数',
  '缺勤天数',
  '扣款（元）',
  '说明',
  '入司日期值',
  '离司日期值',
  '信息完整',
  '有效',
  '本月在职',
  '同名唯一',
];
export const FIRST_HIDDEN = S.joinN;

/** 0-based columns of 差勤日历; O:P hold the values every day row shares. */
export const C = {
  slot: 0,
  day: 1,
  date: 2,
  id: 3,
  name: 4,
  scheduled: 5,
  present: 6,
  late: 7,
  leave: 8,
  mark: 9,
  dept: 10,
  seen: 11,
  recorded: 12,
  label: 14,
  value: 15,
} as const;
export const CALENDAR_HEADERS = [
  '人员行',
  '日',
  '日期',
  '工号',
  '姓名',
  '应出勤',
  '出勤',
  '迟到',
  '请假',
  '标记',
  '部门',
  '本人有记录',
  '部门有记录',
];
/** 1-based rows of the shared values in column M of 差勤日历. */
export const SHARED_ROWS = {
  monthEnd: 2,
  lateCut: 3,
  workdaysText: 4,
  workdaysList: 5,
  weekdays: 8,
  gates: 16,
} as const;

/** A date that is never reached: 离司日期 of someone who has not left. */
export const NEVER = 2958465;

export const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** Workbook names of the values the formulas share. */
export function attendanceNames(summary: string, calendar: string): { name: string; ref: string }[] {
  const [s, c] = [quoteSheet(summary), quoteSheet(calendar)];
  const m = columnLetter(C.value);
  return [
    { name: 'AttMonthStart', ref: `${s}!$B$${SUMMARY_ROWS.period}` },
    { name: 'AttThrough', ref: `${s}!$D$${SUMMARY_ROWS.period}` },
    { name: 'AttMonthEnd', ref: `${c}!$${m}$${SHARED_ROWS.monthEnd}` },
    { name: 'AttLateCut', ref: `${c}!$${m}$${SHARED_ROWS.lateCut}` },
    { name: 'AttWeekdays', ref: `${c}!$${m}$${SHARED_ROWS.weekdays}:$${m}$${SHARED_ROWS.weekdays + 6}` },
  ];
}

/** A setting that falls back to its default, as readSettings keeps the default for an unreadable value. */
const fee = (name: string, fen: number) => `IF(AND(ISNUMBER(${name}),${name}>=0),${name},${fen / 100})`;
export const LATE_FEE = fee('LateFee', defaultSettings().lateFee);
export const ABSENT_FEE = fee('AbsentFee', defaultSettings().absentFee);

const workStartCut = (minutes: number | string) => `(${minutes}*60+59.5)/86400`;
export const lateCutValue = (minutes: number): number => (minutes * 60 + 59.5) / 86400;

// ---- 月度差勤 ---------------------------------------------------------------------------------

export const MONTH_START_FORMULA =
  `IF(ISNUMBER(B${SUMMARY_ROWS.month}),DATE(YEAR(B${SUMMARY_ROWS.month}),MONTH(B${SUMMARY_ROWS.month}),1),` +
  `DATE(YEAR(${AS_OF}),MONTH(${AS_OF}),1))`;
export const THROUGH_FORMULA = `MIN(AttMonthEnd,${AS_OF})`;

/** A roster row's cells as the 月度差勤 formulas read them. */
export interface RosterRef {
  layout: TableLayout;
  /** 1-based Excel row of the 人力表. */
  row: number;
}

const cellRef = (t: TableLayout, key: string, row: number): string | undefined =>
  t.columns[key] === undefined ? undefined : `${quoteSheet(t.sheet)}!${columnLetter(t.columns[key])}${row}`;

export const NOTES = {
  missing: '人力表缺少工号、姓名或部门，未统计',
  badDate: '入司日期或离司日期无法识别（应为 2026-10-08 这样的日期），未统计',
  leaveBeforeJoin: '离司日期早于入司日期，未统计',
  duplicate: '工号与上面的人员重复，未统计（只统计第一次出现的那一行）',
  notEmployed: '本月不在职',
  joinedAndLeft: '本月入司、离司',
  joined: '本月入司',
  left: '本月离司',
} as const;

/** The formulas of one 月度差勤 row (`r`), keyed by S column; `days` = its first and last 差勤日历 row. */
export function summaryRowFormulas(
  src: RosterRef,
  r: number,
  days: { first: number; last: number },
  lastSlotRow: number,
  calendar: string,
): Record<number, string> {
  const { layout, row } = src;
  const [id, name, dept] = (['employeeId', 'name', 'dept'] as const).map((k) => cellRef(layout, k, row)!);
  const join = cellRef(layout, 'joinDate', row);
  const leave = cellRef(layout, 'leaveDate', row);
  const at = (col: number) => `${columnLetter(col)}${r}`;
  const filled = (ref: string) => `LEN(TRIM(${ref}))>0`;
  const dateOk = (ref: string | undefined) => (ref ? `,OR(LEN(TRIM(${ref}))=0,ISNUMBER(${ref}))` : '');
  const on = (f: string) => `IF(${at(S.employed)}=1,${f},"")`;
  const cal = (col: number) =>
    `${quoteSheet(calendar)}!$${columnLetter(col)}$${days.first}:$${columnLetter(col)}$${days.last}`;
  const span = `${quoteSheet(layout.sheet)}!${columnLetter(layout.firstCol)}${row}:${columnLetter(layout.lastCol)}${row}`;
  const idCol = columnLetter(S.id);
  const completeCol = columnLetter(S.complete);
  const nameCol = columnLetter(S.name);
  const validCol = columnLetter(S.valid);
  const h = SUMMARY_ROWS.header;
  const first = SUMMARY_ROWS.first;
  return {
    [S.id]: `IF(${id}="","",${id})`,
    [S.name]: `IF(${name}="","",${name})`,
    [S.dept]: `IF(${dept}="","",${dept})`,
    [S.joinN]: join ? `IF(ISNUMBER(${join}),INT(${join}),0)` : '0',
    [S.leaveN]: leave ? `IF(ISNUMBER(${leave}),INT(${leave}),${NEVER})` : `${NEVER}`,
    [S.complete]: `IF(AND(${filled(id)},${filled(name)},${filled(dept)}${dateOk(join)}${dateOk(leave)},${at(S.leaveN)}>=${at(S.joinN)}),1,0)`,
    // The first complete row of a 工号 counts; COUNTIFS is case-insensitive as the engine's codes are.
    [S.valid]: `IF(${at(S.complete)}=1,IF(COUNTIFS($${idCol}$${h}:${idCol}${r - 1},${at(S.id)},$${completeCol}$${h}:${completeCol}${r - 1},1)=0,1,0),0)`,
    [S.employed]: `IF(${at(S.valid)}=1,IF(AND(${at(S.joinN)}<=AttMonthEnd,${at(S.leaveN)}>=AttMonthStart),1,0),0)`,
    [S.unique]: `IF(${at(S.employed)}=1,IF(COUNTIFS($${nameCol}$${first}:$${nameCol}$${lastSlotRow},${at(S.name)},$${validCol}$${first}:$${validCol}$${lastSlotRow},1)=1,1,0),0)`,
    [S.scheduled]: on(`SUM(${cal(C.scheduled)})`),
    [S.present]: on(`SUM(${cal(C.present)})`),
    [S.late]: on(`SUM(${cal(C.late)})`),
    [S.leave]: on(`SUM(${cal(C.leave)})`),
    [S.unrecorded]: on(`COUNTIFS(${cal(C.scheduled)},1,${cal(C.recorded)},0)`),
    [S.absent]: on(`${at(S.scheduled)}-${at(S.present)}-${at(S.leave)}-${at(S.unrecorded)}`),
    [S.deduction]: on(`ROUND(${at(S.late)}*${LATE_FEE}+${at(S.absent)}*${ABSENT_FEE},2)`),
    [S.note]:
      `IF(COUNTA(${span})=0,"",IF(${at(S.complete)}=0,` +
      `IF(OR(LEN(TRIM(${id}))=0,LEN(TRIM(${name}))=0,LEN(TRIM(${dept}))=0),"${NOTES.missing}",` +
      `IF(${at(S.leaveN)}>=${at(S.joinN)},"${NOTES.badDate}","${NOTES.leaveBeforeJoin}")),` +
      `IF(${at(S.valid)}=0,"${NOTES.duplicate}",IF(${at(S.employed)}=0,"${NOTES.notEmployed}",` +
      `IF(${at(S.joinN)}>=AttMonthStart,IF(${at(S.leaveN)}<=AttMonthEnd,"${NOTES.joinedAndLeft}","${NOTES.joined}"),` +
      `IF(${at(S.leaveN)}<=AttMonthEnd,"${NOTES.left}",""))))))`,
  };
}

/** 人力表 rows below the prepared slots: the sheet then needs another upgrade run. */
export function overflowFormula(
  rosters: readonly { layout: TableLayout; lastSlotRow: number }[],
  slots: number,
): string {
  const counts = rosters.map(({ layout, lastSlotRow }) => {
    const l = columnLetter(layout.columns.employeeId);
    return `COUNTA(${quoteSheet(layout.sheet)}!$${l}$${lastSlotRow + 1}:$${l}$1048576)`;
  });
  return `IF(${counts.join('+')}>0,"${overflowText(slots)}","")`;
}

export const overflowText = (slots: number): string =>
  `人力表的人员多于本表预留的 ${slots} 行：请重新运行 insdesk upgrade，本表会随之扩展`;

// ---- 差勤日历 ---------------------------------------------------------------------------------

export interface AttendanceSources {
  punches: readonly TableLayout[];
  punchPairs: readonly TableLayout[];
  rollCall: readonly TableLayout[];
}

/** The person of a day row: its 工号 and 姓名 cells, and whether the name is unique. */
interface Person {
  id: string;
  name: string;
  unique: string;
}

/**
 * A count over a whole source table that tells whether a costly part of the day formulas can
 * be skipped: rows with a 姓名 but no 工号 (else nobody is found by name), rows with a date
 * but no 打卡时间 (else no time sits in a date cell), 打卡时间 cells holding a whole date and
 * time. The day formulas recalculate often (TODAY() is volatile): most days then cost a few
 * COUNTIFS instead of dozens.
 */
export interface Gate {
  kind: 'nameOnly' | 'dateOnly' | 'dateTimeInTime';
  table: TableLayout;
  /** 1-based row of its cell in column M of 差勤日历. */
  row: number;
  label: string;
  formula: string;
}

const sum = (parts: readonly string[]): string => (parts.length ? parts.join('+') : '0');

/** Every spelling of roll-call marks the engine reads as one of `marks`, as an array constant. */
function markList(marks: readonly string[]): string {
  const column = rollCall.column('mark');
  const spellings = [
    ...marks,
    ...Object.entries(column.synonyms ?? {})
      .filter(([, v]) => marks.includes(v))
      .map(([k]) => k),
  ];
  return `{${spellings.map((s) => `"${s}"`).join(',')}}`;
}

export interface CalendarFormulas {
  /** By C column, for the first day row (row 2): relative to the row, the same formula fills every row. */
  row: Record<number, string>;
  /** The shared values (column M), by 1-based row. */
  shared: Record<number, string>;
  gates: Gate[];
}

export function calendarFormulas(src: AttendanceSources, summary: string): CalendarFormulas {
  const r = 2;
  const s = quoteSheet(summary);
  const at = (col: number) => `$${columnLetter(col)}${r}`;
  const date = at(C.date);
  const of = (col: number) => `INDEX(${s}!$${columnLetter(col)}:$${columnLetter(col)},${at(C.slot)})`;
  const p: Person = { id: at(C.id), name: at(C.name), unique: of(S.unique) };
  // Whole columns keep the formulas short enough for Excel; the header and any title above it
  // never meet a criterion (a date, a time, or this person's 工号 or 姓名).
  const range = (t: TableLayout, key: string) => {
    const l = columnLetter(t.columns[key]);
    return `${quoteSheet(t.sheet)}!$${l}:$${l}`;
  };
  const has = (t: TableLayout, key: string) => t.columns[key] !== undefined;

  const gates: Gate[] = [];
  const gate = (t: TableLayout, kind: Gate['kind'], label: string, formula: string) => {
    gates.push({ kind, table: t, row: SHARED_ROWS.gates + gates.length, label: `${t.sheet}：${label}`, formula });
  };
  for (const t of [...src.punches, ...src.punchPairs, ...src.rollCall]) {
    if (has(t, 'employeeId') && has(t, 'name')) {
      gate(
        t,
        'nameOnly',
        '有姓名没有工号的行数',
        `COUNTIFS(${range(t, 'name')},"<>")-COUNTIFS(${range(t, 'employeeId')},"<>",${range(t, 'name')},"<>")`,
      );
    }
  }
  for (const t of src.punches.filter((x) => has(x, 'time'))) {
    gate(
      t,
      'dateOnly',
      '有日期没有打卡时间的行数',
      `COUNTIFS(${range(t, 'date')},">0")-COUNTIFS(${range(t, 'date')},">0",${range(t, 'time')},"<>")`,
    );
    gate(t, 'dateTimeInTime', '打卡时间带日期的行数', `COUNTIFS(${range(t, 'time')},">=1")`);
  }
  const gated = (t: TableLayout, kind: Gate['kind'], f: string) => {
    const g = gates.find((x) => x.table === t && x.kind === kind);
    return g ? `IF($${columnLetter(C.value)}$${g.row}>0,${f},0)` : f;
  };

  /**
   * Rows of table `t` that belong to the person and meet `criteria`: by 工号, plus by 姓名 where
   * the 工号 is empty and the name unique. `array` wraps each COUNTIFS in SUMPRODUCT, for a
   * criterion that is a list of values.
   */
  const count = (t: TableLayout, criteria: string, array = false): string => {
    const wrap = (f: string) => (array ? `SUMPRODUCT(${f})` : f);
    const id = has(t, 'employeeId') ? range(t, 'employeeId') : undefined;
    const name = has(t, 'name') ? range(t, 'name') : undefined;
    const terms: string[] = [];
    if (id) terms.push(wrap(`COUNTIFS(${id},${p.id},${criteria})`));
    if (name && id) {
      const byName = `${wrap(`COUNTIFS(${name},${p.name},${criteria})`)}-${wrap(`COUNTIFS(${id},"<>",${name},${p.name},${criteria})`)}`;
      terms.push(gated(t, 'nameOnly', `${p.unique}*(${byName})`));
    } else if (name) terms.push(`${p.unique}*${wrap(`COUNTIFS(${name},${p.name},${criteria})`)}`);
    return terms.length ? `(${terms.join('+')})` : '0';
  };
  const day = (t: TableLayout) => `${range(t, 'date')},">="&${date},${range(t, 'date')},"<"&(${date}+1)`;
  // A time in the date cell: later than the day's midnight, and 打卡时间 empty.
  const inDateCell = (t: TableLayout, until: string) => {
    const criteria = `${range(t, 'date')},">"&${date},${range(t, 'date')},"<"&(${date}+${until})`;
    return has(t, 'time')
      ? gated(t, 'dateOnly', `${count(t, criteria)}-${count(t, `${criteria},${range(t, 'time')},"<>"`)}`)
      : count(t, criteria);
  };
  const pairTimes = (t: TableLayout) => (['firstPunch', 'lastPunch'] as const).filter((k) => has(t, k));
  const pairCount = (t: TableLayout, test: string) =>
    sum(pairTimes(t).map((k) => count(t, `${day(t)},${range(t, k)},${test}`)));
  const timeCount = (t: TableLayout, test: string) =>
    has(t, 'time') ? [count(t, `${day(t)},${range(t, 'time')},${test}`)] : [];

  // One table after the other, stopping at the first that shows the person there.
  const present = [
    ...src.punches.map((t) => count(t, day(t))),
    ...src.punchPairs.map((t) => pairCount(t, '">=0"')),
    ...src.rollCall.map((t) => count(t, `${day(t)},${range(t, 'mark')},${markList(['到', '迟'])}`, true)),
  ].reduceRight((rest, n) => `IF(${n}>0,1,${rest})`, '0');
  const timed = sum([
    ...src.punches.flatMap((t) => [...timeCount(t, '">=0"'), inDateCell(t, '1')]),
    ...src.punchPairs.map((t) => pairCount(t, '">=0"')),
  ]);
  const onTime = sum([
    ...src.punches.flatMap((t) => [
      ...timeCount(t, '"<"&AttLateCut'),
      // 打卡时间 holding the whole date and time.
      ...(has(t, 'time')
        ? [
            gated(
              t,
              'dateTimeInTime',
              count(t, `${day(t)},${range(t, 'time')},">="&${date},${range(t, 'time')},"<"&(${date}+AttLateCut)`),
            ),
          ]
        : []),
      inDateCell(t, 'AttLateCut'),
    ]),
    ...src.punchPairs.map((t) => pairCount(t, '"<"&AttLateCut')),
  ]);
  // Anything on record for the person that day: a punch, a clock pair, a roll-call mark.
  const seenAny = [
    ...src.punches.map((t) => count(t, day(t))),
    ...src.punchPairs.map((t) => pairCount(t, '">=0"')),
    ...src.rollCall.map((t) => count(t, `${day(t)},${range(t, 'mark')},${markList(['到', '迟', '假', '缺'])}`, true)),
  ].reduceRight((rest, n) => `IF(${n}>0,1,${rest})`, '0');
  const rollLate = sum(src.rollCall.map((t) => count(t, `${day(t)},${range(t, 'mark')},${markList(['迟'])}`, true)));
  const rollLeave = sum(src.rollCall.map((t) => count(t, `${day(t)},${range(t, 'mark')},${markList(['假'])}`, true)));

  const scheduled = at(C.scheduled);
  const column = (col: number) => `$${columnLetter(col)}:$${columnLetter(col)}`;
  const isPresent = at(C.present);
  const list = (name: string) => `COUNTIFS(${name},">="&${date},${name},"<"&(${date}+1))>0`;
  const m = (row: number) => `$${columnLetter(C.value)}$${row}`;
  const shared: Record<number, string> = {
    [SHARED_ROWS.monthEnd]: 'DATE(YEAR(AttMonthStart),MONTH(AttMonthStart)+1,0)',
    [SHARED_ROWS.lateCut]:
      `IF(ISNUMBER(WorkStart),IF(AND(WorkStart>=1,WorkStart=INT(WorkStart)),${workStartCut(defaultSettings().workStart)},` +
      `${workStartCut('INT(MOD(ROUND(WorkStart*86400,0),86400)/60)')}),${workStartCut(defaultSettings().workStart)})`,
    [SHARED_ROWS.workdaysText]: WORKDAYS_TEXT,
    [SHARED_ROWS.workdaysList]: workdaysListFormula(m(SHARED_ROWS.workdaysText)),
  };
  for (let w = 0; w < 7; w++)
    shared[SHARED_ROWS.weekdays + w] = weekdayFlagFormula(w, m(SHARED_ROWS.workdaysText), m(SHARED_ROWS.workdaysList));
  for (const g of gates) shared[g.row] = g.formula;

  return {
    shared,
    gates,
    row: {
      [C.date]: `IF(${at(C.day)}>DAY(AttMonthEnd),"",AttMonthStart+${at(C.day)}-1)`,
      [C.id]: of(S.id),
      [C.name]: of(S.name),
      // A holiday is never a workday, a 调休上班 day always is, else the weekday decides.
      [C.scheduled]:
        `IF(${date}="",0,IF(${of(S.employed)}<>1,0,IF(AND(${date}>=${of(S.joinN)},${date}<=${of(S.leaveN)},${date}<=AttThrough),` +
        `IF(${list('Holidays')},0,IF(${list('MakeupDays')},1,INDEX(AttWeekdays,WEEKDAY(${date})))),0)))`,
      [C.present]: `IF(${scheduled}=0,"",${present})`,
      // Late = a roll call 迟, or punches with a time and none by the limit.
      [C.late]: `IF(${scheduled}=0,"",IF(${isPresent}=0,0,IF(${rollLate}>0,1,IF(${onTime}>0,0,IF(${timed}>0,1,0)))))`,
      [C.leave]: `IF(${scheduled}=0,"",IF(${isPresent}=1,0,IF(${rollLeave}>0,1,0)))`,
      [C.mark]:
        `IF(${scheduled}=0,"",IF(${at(C.recorded)}=0,"无",` +
        `IF(${isPresent}=1,IF(${at(C.late)}=1,"迟","到"),IF(${at(C.leave)}=1,"假","缺"))))`,
      [C.dept]: of(S.dept),
      [C.seen]: `IF(${date}="",0,IF(${of(S.employed)}<>1,0,IF(${date}>AttThrough,0,${seenAny})))`,
      // Recorded for the department: someone of it has a record that day (ledgers.md §5).
      [C.recorded]: `IF(${scheduled}=0,"",IF(COUNTIFS(${column(C.dept)},${at(C.dept)},${column(C.date)},${date},${column(C.seen)},1)>0,1,0))`,
    },
  };
}

/** Excel refuses a formula longer than this: every punch sheet adds to the day formulas. */
export const MAX_FORMULA_LENGTH = 8192;

export const longestCalendarFormula = (src: AttendanceSources, summary: string): number =>
  Math.max(...Object.values(calendarFormulas(src, summary).row).map((f) => f.length));

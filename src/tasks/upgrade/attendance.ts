/**
 * The 月度差勤 sheet and its hidden helper 差勤日历 as plain data (cells, formulas, cached values,
 * formats), so the file writer and the add-in can apply the same plan. Formulas:
 * attendanceFormulas.ts. Cached values: the engine's attendanceForMonth for the sheet's month
 * (the 月份 cell, else the as-of month) through the as-of date; the per-person helpers (入司日期值
 * …) are what the formulas compute from the 人力表 cells.
 */
import type { Cell } from '../../grid';
import { columnLetter } from '../../grid';
import {
  attendanceForMonth,
  type AttendanceInput,
  type DayMark,
  type PersonMonth,
} from '../../ledgers/attendanceMonth';
import type { Settings } from '../../ledgers/settings';
import { isoToSerial, lastDayOfMonth, serialToIso } from '../../rules/date';
import { fenToYuan } from '../../rules/money';
import { cellText } from '../../rules/text';
import type { TableLayout } from './layout';
import type { Look, Validation } from './rules';
import type { CachedValue } from './values';
import {
  C,
  CALENDAR_HEADERS,
  DAYS,
  FIRST_HIDDEN,
  MONTH_START_FORMULA,
  NEVER,
  NOTES,
  S,
  SHARED_ROWS,
  slotsFor,
  SUMMARY_HEADERS,
  SUMMARY_ROWS,
  THROUGH_FORMULA,
  attendanceNames,
  calendarFormulas,
  lateCutValue,
  overflowFormula,
  overflowText,
  summaryRowFormulas,
  type AttendanceSources,
  type Gate,
} from './attendanceFormulas';
import { cleanWorkdaysText, workdaysListText } from './workdays';

/** `formula`: grey, as formula columns in a ledger; `computed`: a sheet that is all formulas, printed as a report. */
export type CellStyle =
  'label' | 'note' | 'warning' | 'header' | 'formulaHeader' | 'input' | 'formula' | 'computed' | 'plain';

export interface PlanCell {
  /** 1-based row, 0-based column. */
  row: number;
  col: number;
  value?: Cell;
  formula?: string;
  result?: CachedValue;
  style: CellStyle;
  numFmt?: string;
}

/** One formula, written for `firstRow` with row-relative references, filled down: one cached value per row. */
export interface PlanFill {
  col: number;
  firstRow: number;
  formula: string;
  results: CachedValue[];
  numFmt?: string;
}

export interface SheetPlan {
  sheet: string;
  hidden: boolean;
  cells: PlanCell[];
  fills: PlanFill[];
  /** Width by 0-based column. */
  widths: Record<number, number>;
  hiddenCols: number[];
  frozenRows: number;
  validations: { ref: string; self: string; validation: Validation }[];
  formats: { ref: string; formula: string; look: Look }[];
  landscape: boolean;
}

export interface AttendancePlan {
  summary: SheetPlan;
  calendar: SheetPlan;
  names: { name: string; ref: string }[];
  /** Rows prepared on 月度差勤 (people). */
  slots: number;
}

export interface RosterSource {
  layout: TableLayout;
  /** Rows from the first data row to the last one holding data (0 for an empty roster). */
  usedRows: number;
}

export interface AttendanceContext {
  asOf: string;
  date1904: boolean;
  settings: Settings;
  /** The 月份 cell as the clerk left it (empty = the as-of month). */
  monthInput: Cell;
  /** The 设置 cell of 工作日. */
  workdays: Cell;
  /** A cell of a ledger sheet. */
  cell: (sheet: string, row: number, col: number) => Cell;
  /** The last row with content of a ledger sheet. */
  lastRow: (sheet: string) => number;
  /** The engine's reading of the attendance tables. */
  input: AttendanceInput;
}

const DATE_FMT = 'yyyy-mm-dd';

const isNumeric = (v: Cell): v is number | Date => typeof v === 'number' || v instanceof Date;

/** What LEN(TRIM(x))>0 says: TRIM removes spaces only. */
const filled = (v: Cell): boolean =>
  v !== null && v !== undefined && (typeof v !== 'string' || v.replace(/ /g, '') !== '');

function monthOf(input: Cell, asOf: string, date1904: boolean): string {
  if (input instanceof Date && !Number.isNaN(input.getTime())) return input.toISOString().slice(0, 7);
  if (typeof input === 'number' && Number.isFinite(input)) {
    try {
      return serialToIso(input, date1904).slice(0, 7);
    } catch {
      // A number that is no date: the formula cannot use it either, the as-of month it is.
    }
  }
  return asOf.slice(0, 7);
}

interface SlotValues {
  display: [CachedValue, CachedValue, CachedValue];
  joinN: number;
  leaveN: number;
  complete: boolean;
  valid: boolean;
  employed: boolean;
  unique: boolean;
  blank: boolean;
  person?: PersonMonth;
}

/** A number or date cell as the spreadsheet holds it. */
const serialOf = (v: number | Date, date1904: boolean): number =>
  typeof v === 'number' ? v : v.getTime() / 86_400_000 + (date1904 ? 24107 : 25569);

export function attendancePlan(
  rosters: readonly RosterSource[],
  sources: AttendanceSources,
  sheets: { summary: string; calendar: string },
  ctx: AttendanceContext,
): AttendancePlan {
  const serial = (v: number | Date): number => serialOf(v, ctx.date1904);
  const month = monthOf(ctx.monthInput, ctx.asOf, ctx.date1904);
  const [year, mon] = month.split('-').map(Number);
  const monthEnd = lastDayOfMonth(year, mon);
  const startSerial = isoToSerial(`${month}-01`, ctx.date1904);
  const endSerial = isoToSerial(monthEnd, ctx.date1904);
  const through = ctx.asOf < monthEnd ? ctx.asOf : monthEnd;
  const result = attendanceForMonth(ctx.input, month, ctx.settings, { through: ctx.asOf });
  const byId = new Map(result.byPerson.map((p) => [p.employeeId, p]));
  const idAt = new Map<string, string | undefined>();
  for (const t of ctx.input.roster) for (const r of t.rows) idAt.set(`${t.sheet}\u0000${r.row}`, r.data.employeeId);

  // ---- slots: one per 人力表 row, in the engine's order -----------------------------------------
  const slots: { layout: TableLayout; row: number; summaryRow: number; firstDay: number }[] = [];
  const ends: { layout: TableLayout; lastSlotRow: number }[] = [];
  for (const { layout, usedRows } of rosters) {
    const n = slotsFor(usedRows);
    for (let i = 0; i < n; i++) {
      const k = slots.length;
      slots.push({ layout, row: layout.firstRow + i, summaryRow: SUMMARY_ROWS.first + k, firstDay: 2 + k * DAYS });
    }
    ends.push({ layout, lastSlotRow: layout.firstRow + n - 1 });
  }
  const lastSlotRow = SUMMARY_ROWS.first + slots.length - 1;

  const seenIds = new Set<string>();
  const values: SlotValues[] = slots.map(({ layout, row }) => {
    const get = (key: string): Cell =>
      layout.columns[key] === undefined ? null : ctx.cell(layout.sheet, row, layout.columns[key]);
    const [id, name, dept, join, leave] = ['employeeId', 'name', 'dept', 'joinDate', 'leaveDate'].map(get);
    const shown = (v: Cell): CachedValue =>
      v === null || v === undefined || v === '' ? '' : isNumeric(v) ? serial(v) : cellText(v);
    const joinN = isNumeric(join) ? Math.floor(serial(join)) : 0;
    const leaveN = isNumeric(leave) ? Math.floor(serial(leave)) : NEVER;
    const dateOk = (v: Cell) => !filled(v) || isNumeric(v);
    const complete = filled(id) && filled(name) && filled(dept) && dateOk(join) && dateOk(leave) && leaveN >= joinN;
    const key = cellText(shown(id)).toUpperCase();
    const valid = complete && !seenIds.has(key);
    if (complete) seenIds.add(key);
    let blank = true;
    for (let c = layout.firstCol; c <= layout.lastCol; c++) {
      const v = ctx.cell(layout.sheet, row, c);
      if (v !== null && v !== undefined) blank = false;
    }
    const employed = valid && joinN <= endSerial && leaveN >= startSerial;
    const person = employed ? byId.get(idAt.get(`${layout.sheet}\u0000${row}`) ?? '') : undefined;
    return {
      display: [shown(id), shown(name), shown(dept)],
      joinN,
      leaveN,
      complete,
      valid,
      employed,
      unique: false,
      blank,
      person,
    };
  });
  // 同名唯一: COUNTIFS over the counted rows' names, case-insensitive like every COUNTIFS.
  const nameKey = (v: SlotValues) => cellText(v.display[1]).toUpperCase();
  const names = new Map<string, number>();
  for (const v of values) if (v.valid) names.set(nameKey(v), (names.get(nameKey(v)) ?? 0) + 1);
  for (const v of values) v.unique = v.employed && names.get(nameKey(v)) === 1;

  const summary = summaryPlan(
    sheets,
    slots,
    values,
    ends,
    lastSlotRow,
    { startSerial, endSerial, throughSerial: isoToSerial(through, ctx.date1904) },
    ctx,
  );
  const calendar = calendarPlan(
    sheets,
    sources,
    slots,
    values,
    { startSerial, endSerial, days: endSerial - startSerial + 1 },
    ctx,
  );
  return { summary, calendar, names: attendanceNames(sheets.summary, sheets.calendar), slots: slots.length };
}

/**
 * What a gate's COUNTIFS over whole columns count ("<>" a cell that is not empty, ">0" and ">=1"
 * numbers and dates): from row 1, the header and any title above it included.
 */
function gateValue(g: Gate, ctx: AttendanceContext): number {
  const t = g.table;
  const get = (row: number, key: string): Cell => ctx.cell(t.sheet, row, t.columns[key]);
  const nonEmpty = (v: Cell) => v !== null && v !== undefined && v !== '';
  const number = (v: Cell) => (isNumeric(v) ? serialOf(v, ctx.date1904) : undefined);
  let n = 0;
  for (let row = 1; row <= ctx.lastRow(t.sheet); row++) {
    if (g.kind === 'nameOnly') n += nonEmpty(get(row, 'name')) && !nonEmpty(get(row, 'employeeId')) ? 1 : 0;
    else if (g.kind === 'dateOnly') n += (number(get(row, 'date')) ?? 0) > 0 && !nonEmpty(get(row, 'time')) ? 1 : 0;
    else n += (number(get(row, 'time')) ?? 0) >= 1 ? 1 : 0;
  }
  return n;
}

/** What the 说明 formula says about a row. */
function noteOf(v: SlotValues, start: number, end: number): string {
  if (v.blank) return '';
  if (!v.complete) {
    if (v.display.some((d) => !filled(d))) return NOTES.missing;
    return v.leaveN >= v.joinN ? NOTES.badDate : NOTES.leaveBeforeJoin;
  }
  if (!v.valid) return NOTES.duplicate;
  if (!v.employed) return NOTES.notEmployed;
  if (v.joinN >= start) return v.leaveN <= end ? NOTES.joinedAndLeft : NOTES.joined;
  return v.leaveN <= end ? NOTES.left : '';
}

function summaryPlan(
  sheets: { summary: string; calendar: string },
  slots: readonly { layout: TableLayout; row: number; summaryRow: number; firstDay: number }[],
  values: readonly SlotValues[],
  ends: readonly { layout: TableLayout; lastSlotRow: number }[],
  lastSlotRow: number,
  period: { startSerial: number; endSerial: number; throughSerial: number },
  ctx: AttendanceContext,
): SheetPlan {
  const R = SUMMARY_ROWS;
  const overflow = ends.some(({ layout, lastSlotRow: last }) => {
    for (let r = last + 1; r <= ctx.lastRow(layout.sheet); r++)
      if (ctx.cell(layout.sheet, r, layout.columns.employeeId) !== null) return true;
    return false;
  });
  const cells: PlanCell[] = [
    { row: R.month, col: 0, value: '月份', style: 'label' },
    { row: R.month, col: 1, value: ctx.monthInput ?? null, style: 'input', numFmt: 'yyyy-mm' },
    {
      row: R.month,
      col: 2,
      value: '留空表示基准日所在的月份（基准日见“设置”）；要看其他月份，填写如 2026-10',
      style: 'note',
    },
    { row: R.period, col: 0, value: '统计期间', style: 'label' },
    {
      row: R.period,
      col: 1,
      formula: MONTH_START_FORMULA,
      result: period.startSerial,
      style: 'computed',
      numFmt: DATE_FMT,
    },
    { row: R.period, col: 2, value: '至', style: 'label' },
    {
      row: R.period,
      col: 3,
      formula: THROUGH_FORMULA,
      result: period.throughSerial,
      style: 'computed',
      numFmt: DATE_FMT,
    },
    {
      row: R.period,
      col: 4,
      value: '基准日之后的日子尚未计入；工作日、节假日、调休上班、上班时间和扣款标准见“设置”',
      style: 'note',
    },
    {
      row: R.notice,
      col: 0,
      formula: overflowFormula(ends, slots.length),
      result: overflow ? overflowText(slots.length) : '',
      style: 'warning',
    },
  ];
  SUMMARY_HEADERS.forEach((h, c) =>
    cells.push({ row: R.header, col: c, value: h, style: c < FIRST_HIDDEN ? 'header' : 'formulaHeader' }),
  );
  const countFmt: Record<number, string> = {
    [S.scheduled]: '0',
    [S.present]: '0',
    [S.late]: '0',
    [S.leave]: '0',
    [S.unrecorded]: '0',
    [S.absent]: '0',
    [S.deduction]: '#,##0.00',
    [S.joinN]: '0',
    [S.leaveN]: '0',
  };
  slots.forEach((slot, k) => {
    const v = values[k];
    const f = summaryRowFormulas(
      slot,
      slot.summaryRow,
      { first: slot.firstDay, last: slot.firstDay + DAYS - 1 },
      lastSlotRow,
      sheets.calendar,
    );
    const p = v.person;
    const counted = (n: number | undefined): CachedValue => (v.employed && n !== undefined ? n : '');
    const results: Record<number, CachedValue> = {
      [S.id]: v.display[0],
      [S.name]: v.display[1],
      [S.dept]: v.display[2],
      [S.scheduled]: counted(p?.scheduledDays),
      [S.present]: counted(p?.presentDays),
      [S.late]: counted(p?.lateDays),
      [S.leave]: counted(p?.leaveDays),
      [S.unrecorded]: counted(p?.unrecordedDays),
      [S.absent]: counted(p?.absentDays),
      [S.deduction]: counted(p && fenToYuan(p.deduction)),
      [S.note]: noteOf(v, period.startSerial, period.endSerial),
      [S.joinN]: v.joinN,
      [S.leaveN]: v.leaveN,
      [S.complete]: v.complete ? 1 : 0,
      [S.valid]: v.valid ? 1 : 0,
      [S.employed]: v.employed ? 1 : 0,
      [S.unique]: v.unique ? 1 : 0,
    };
    for (const [col, formula] of Object.entries(f)) {
      const c = Number(col);
      cells.push({
        row: slot.summaryRow,
        col: c,
        formula,
        result: results[c],
        style: c < FIRST_HIDDEN ? 'computed' : 'formula',
        numFmt: countFmt[c],
      });
    }
  });
  const first = R.first;
  const ref = (col: number) => `${columnLetter(col)}${first}:${columnLetter(col)}${lastSlotRow}`;
  return {
    sheet: sheets.summary,
    hidden: false,
    cells,
    fills: [],
    widths: {
      [S.id]: 11,
      [S.name]: 10,
      [S.dept]: 10,
      [S.scheduled]: 11,
      [S.present]: 10,
      [S.late]: 10,
      [S.leave]: 10,
      [S.unrecorded]: 11,
      [S.absent]: 10,
      [S.deduction]: 11,
      [S.note]: 44,
    },
    hiddenCols: Array.from({ length: SUMMARY_HEADERS.length - FIRST_HIDDEN }, (_, i) => FIRST_HIDDEN + i),
    frozenRows: R.header,
    validations: [
      {
        ref: `B${R.month}`,
        self: `B${R.month}`,
        validation: {
          type: 'date',
          operator: 'between',
          formulae: ['1900-01-01', '9999-12-31'],
          promptTitle: '月份',
          prompt: '要统计的月份，如 2026-10（填该月任意一天均可）；留空表示基准日所在的月份',
          error: '月份应为日期，如 2026-10',
        },
      },
      {
        ref: `A${first}:${columnLetter(S.note)}${lastSlotRow}`,
        self: `A${first}`,
        validation: {
          type: 'custom',
          formulae: ['_xlfn.ISFORMULA({self})'],
          promptTitle: '月度差勤',
          prompt: '由公式按人力表、打卡记录、早会点到和“设置”自动计算，请勿手工填写。',
          error: '“月度差勤”由公式自动计算，不能手工填写',
        },
      },
    ],
    formats: [
      { ref: ref(S.late), formula: `N($${columnLetter(S.late)}${first})>0`, look: 'soon' },
      { ref: ref(S.absent), formula: `N($${columnLetter(S.absent)}${first})>0`, look: 'problem' },
      { ref: ref(S.note), formula: `ISNUMBER(FIND("未统计",$${columnLetter(S.note)}${first}))`, look: 'problem' },
    ],
    landscape: true,
  };
}

function calendarPlan(
  sheets: { summary: string; calendar: string },
  sources: AttendanceSources,
  slots: readonly { summaryRow: number; firstDay: number }[],
  values: readonly SlotValues[],
  month: { startSerial: number; endSerial: number; days: number },
  ctx: AttendanceContext,
): SheetPlan {
  const f = calendarFormulas(sources, sheets.summary);
  const cells: PlanCell[] = [];
  CALENDAR_HEADERS.forEach((h, c) =>
    cells.push({ row: 1, col: c, value: h, style: c <= C.day ? 'header' : 'formulaHeader' }),
  );
  const results: Record<number, CachedValue[]> = {};
  for (const col of Object.keys(f.row)) results[Number(col)] = [];
  const mark = (m: DayMark | null | undefined, yes: (m: DayMark) => CachedValue): CachedValue => (m ? yes(m) : '');
  slots.forEach((slot, k) => {
    const v = values[k];
    for (let d = 1; d <= DAYS; d++) {
      const row = slot.firstDay + d - 1;
      cells.push(
        { row, col: C.slot, value: slot.summaryRow, style: 'plain' },
        { row, col: C.day, value: d, style: 'plain' },
      );
      const m = d <= month.days && v.person ? v.person.days[d - 1] : null;
      results[C.date].push(d <= month.days ? month.startSerial + d - 1 : '');
      results[C.id].push(v.display[0]);
      results[C.name].push(v.display[1]);
      results[C.scheduled].push(m ? 1 : 0);
      results[C.present].push(mark(m, (x) => (x === '到' || x === '迟' ? 1 : 0)));
      results[C.late].push(mark(m, (x) => (x === '迟' ? 1 : 0)));
      results[C.leave].push(mark(m, (x) => (x === '假' ? 1 : 0)));
      results[C.mark].push(m ?? '');
      results[C.dept].push(v.display[2]);
      results[C.seen].push(d <= month.days && v.employed && v.person?.seen[d - 1] ? 1 : 0);
      results[C.recorded].push(m ? (m === '无' ? 0 : 1) : '');
    }
  });
  const fills: PlanFill[] = Object.entries(f.row).map(([col, formula]) => ({
    col: Number(col),
    firstRow: 2,
    formula,
    results: results[Number(col)],
    ...(Number(col) === C.date ? { numFmt: DATE_FMT } : {}),
  }));

  const text = cleanWorkdaysText(cellText(ctx.workdays ?? null));
  const shared: Record<number, { label: string; result: CachedValue; numFmt?: string }> = {
    [SHARED_ROWS.monthEnd]: { label: '月末', result: month.endSerial, numFmt: DATE_FMT },
    [SHARED_ROWS.lateCut]: {
      label: '迟到界限（上班时间 + 59.5 秒）',
      result: lateCutValue(ctx.settings.workStart),
      numFmt: 'hh:mm:ss',
    },
    [SHARED_ROWS.workdaysText]: { label: '工作日（整理后）', result: text },
    [SHARED_ROWS.workdaysList]: { label: '工作日（去掉分隔符）', result: workdaysListText(text) },
  };
  '日一二三四五六'.split('').forEach((ch, w) => {
    shared[SHARED_ROWS.weekdays + w] = { label: `周${ch}是工作日`, result: ctx.settings.workdays.includes(w) ? 1 : 0 };
  });
  for (const g of f.gates) shared[g.row] = { label: g.label, result: gateValue(g, ctx) };
  cells.push(
    { row: 1, col: C.label, value: '共用的值', style: 'header' },
    { row: 1, col: C.value, value: '值', style: 'formulaHeader' },
  );
  for (const [row, s] of Object.entries(shared)) {
    cells.push(
      { row: Number(row), col: C.label, value: s.label, style: 'label' },
      {
        row: Number(row),
        col: C.value,
        formula: f.shared[Number(row)],
        result: s.result,
        style: 'formula',
        numFmt: s.numFmt,
      },
    );
  }
  return {
    sheet: sheets.calendar,
    hidden: true,
    cells,
    fills,
    widths: {
      [C.slot]: 8,
      [C.day]: 5,
      [C.date]: 12,
      [C.id]: 10,
      [C.name]: 10,
      [C.scheduled]: 8,
      [C.present]: 6,
      [C.late]: 6,
      [C.leave]: 6,
      [C.mark]: 6,
      [C.dept]: 10,
      [C.seen]: 10,
      [C.recorded]: 10,
      [C.label]: 30,
      [C.value]: 12,
    },
    hiddenCols: [],
    frozenRows: 1,
    validations: [],
    formats: [],
    landscape: false,
  };
}

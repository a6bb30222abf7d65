/**
 * The `设置` sheet: label/value pairs in columns A and B (ledgers.md "Formula columns and
 * settings"). A workbook that has one overrides the defaults for validate, crm and stats; the
 * templates write it. A setting with several dates lists the rest in column B of the rows
 * just below, whose column A is empty.
 */
import type { Cell, Grid } from '../grid';
import { columnLetter, isBlank } from '../grid';
import type { Finding } from '../findings';
import { cellText, toHalfWidth } from '../rules/text';
import { parseDate, parseTime, weekday } from '../rules/date';
import { parseMoney } from '../rules/money';

import type { LedgerKey } from './schema';

export interface Settings {
  /** Empty = today. */
  asOfDate?: string;
  renewalWindow: number;
  leadDays: number;
  claimOverdueDays: number;
  /** Minutes since midnight after which a first punch is late. */
  workStart: number;
  /** Fen per late day. */
  lateFee: number;
  /** Fen per absent day. */
  absentFee: number;
  /** Weekdays that are workdays, 0 = Sunday. */
  workdays: number[];
  holidays: string[];
  /** 调休上班: workdays even on a weekend. */
  makeupDays: string[];
  /** 积分 (workflows.md §8): points per renewed vehicle, and per 1,000 yuan of renewed premium. */
  pointsPerVehicle: number;
  pointsPerThousand: number;
  /** Suggested 逾期原因 and 未回店原因 (workflows.md §5): the drop-downs of those columns. */
  overdueReasons: string[];
  noReturnReasons: string[];
}

export type SettingKind = 'date' | 'int' | 'time' | 'money' | 'weekdays' | 'dates' | 'texts';

/** Kinds that take the rows below their label too (one value per row). */
export const isListKind = (kind: string): boolean => kind === 'dates' || kind === 'texts';

/**
 * The settings in sheet order: label (column A), defined name for formulas, kind, and the
 * ledgers that use it (none listed: every ledger) — a 设置 sheet holds only its ledgers' settings.
 */
export const SETTING_ROWS: readonly {
  key: keyof Settings;
  label: string;
  name?: string;
  kind: SettingKind;
  ledgers?: readonly LedgerKey[];
}[] = [
  { key: 'asOfDate', label: '基准日', name: 'AsOfDate', kind: 'date' },
  { key: 'renewalWindow', label: '续保窗口天数', name: 'RenewalWindow', kind: 'int', ledgers: ['renewal'] },
  { key: 'leadDays', label: '发放提前天数', name: 'LeadDays', kind: 'int', ledgers: ['renewal'] },
  { key: 'claimOverdueDays', label: '理赔逾期天数', name: 'ClaimOverdueDays', kind: 'int', ledgers: ['claims'] },
  { key: 'workStart', label: '上班时间', name: 'WorkStart', kind: 'time', ledgers: ['attendance'] },
  { key: 'lateFee', label: '迟到扣款', name: 'LateFee', kind: 'money', ledgers: ['attendance'] },
  { key: 'absentFee', label: '缺勤扣款', name: 'AbsentFee', kind: 'money', ledgers: ['attendance'] },
  { key: 'workdays', label: '工作日', name: 'Workdays', kind: 'weekdays', ledgers: ['attendance'] },
  { key: 'holidays', label: '节假日', kind: 'dates', ledgers: ['attendance'] },
  { key: 'makeupDays', label: '调休上班', kind: 'dates', ledgers: ['attendance'] },
  { key: 'pointsPerVehicle', label: '每续保一辆积分', name: 'PointsPerVehicle', kind: 'int', ledgers: ['renewal'] },
  {
    key: 'pointsPerThousand',
    label: '每千元续保保费积分',
    name: 'PointsPerThousand',
    kind: 'int',
    ledgers: ['renewal'],
  },
  { key: 'overdueReasons', label: '逾期原因选项', kind: 'texts', ledgers: ['claims'] },
  { key: 'noReturnReasons', label: '未回店原因选项', kind: 'texts', ledgers: ['claims', 'hotline'] },
];

/** The settings a workbook of these ledgers needs (all of them when `ledgers` is not given). */
export const settingsFor = (ledgers?: ReadonlySet<LedgerKey>): typeof SETTING_ROWS =>
  ledgers ? SETTING_ROWS.filter((d) => !d.ledgers || d.ledgers.some((l) => ledgers.has(l))) : SETTING_ROWS;

export const SETTINGS_SHEET = '设置';

export const defaultSettings = (): Settings => ({
  renewalWindow: 30,
  leadDays: 25,
  claimOverdueDays: 30,
  workStart: 9 * 60,
  lateFee: 2000,
  absentFee: 10000,
  workdays: [1, 2, 3, 4, 5],
  holidays: [],
  makeupDays: [],
  pointsPerVehicle: 10,
  pointsPerThousand: 1,
  overdueReasons: ['保险公司审核中', '资料待补', '客户未签字', '等待公估', '金额有争议'],
  noReturnReasons: ['就近维修', '保险公司推荐修理厂', '客户自行维修', '外地出险', '车辆全损'],
});

const WEEKDAY_CHARS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

/** `一至五` → [1..5]; `一,三,五` / `一三五` → [1,3,5]; `1-5` → [1..5]. */
export function parseWorkdays(text: string): number[] | undefined {
  const t = toHalfWidth(text).replace(/[周星期\s]/g, '');
  const day = (ch: string) =>
    ch in WEEKDAY_CHARS ? WEEKDAY_CHARS[ch] : /^[0-7]$/.test(ch) ? Number(ch) % 7 : undefined;
  const range = /^(.)(?:至|到|-|~|—)(.)$/.exec(t);
  if (range) {
    const a = day(range[1]);
    const b = day(range[2]);
    if (a === undefined || b === undefined) return undefined;
    const out: number[] = [];
    for (let d = a; ; d = (d + 1) % 7) {
      out.push(d);
      if (d === b || out.length > 7) break;
    }
    return out.sort((x, y) => x - y);
  }
  const days = [...t.replace(/[,，、]/g, '')].map(day);
  return days.length && days.every((d) => d !== undefined)
    ? [...new Set(days as number[])].sort((x, y) => x - y)
    : undefined;
}

/** Reads a `设置` sheet. Unknown labels are ignored; unreadable values keep the default and are reported. */
export function readSettings(
  grid: Grid,
  base: Settings = defaultSettings(),
): { settings: Settings; findings: Finding[] } {
  const settings: Settings = {
    ...base,
    holidays: [...base.holidays],
    makeupDays: [...base.makeupDays],
    overdueReasons: [...base.overdueReasons],
    noReturnReasons: [...base.noReturnReasons],
    workdays: [...base.workdays],
  };
  const findings: Finding[] = [];
  const byLabel = new Map(SETTING_ROWS.map((s) => [s.label, s]));
  const rowOffset = grid.origin?.row ?? 0;
  const colOffset = grid.origin?.col ?? 0;
  let current: (typeof SETTING_ROWS)[number] | undefined;
  grid.rows.forEach((row, r) => {
    const label = row
      ? cellText(row[0])
          .replace(/\s/g, '')
          .replace(/[：:]$/, '')
      : '';
    const value: Cell = row ? row[1] : undefined;
    if (label) {
      current = byLabel.get(label);
      // A list of texts on the sheet replaces the suggested one (even an emptied one).
      if (current?.kind === 'texts') (settings as unknown as Record<string, string[]>)[current.key] = [];
    }
    if (!current || isBlank(value)) return;
    if (!label && !isListKind(current.kind)) return;
    const problem = (what: string) =>
      findings.push({
        sheet: grid.sheet,
        row: rowOffset + r + 1,
        column: columnLetter(colOffset + 1),
        key: current!.key,
        level: 'error',
        code: 'settings.invalid',
        message: `设置“${current!.label}”的值无法识别: ${cellText(value)}（${what}）`,
      });
    const s = current;
    const read = parseSettingValue(s.kind, value, !!grid.date1904);
    if (!read.ok) problem(read.expected);
    else if (isListKind(s.kind)) (settings[s.key] as string[]).push(read.value as string);
    else (settings[s.key] as unknown) = read.value;
  });
  return { settings, findings };
}

/**
 * One setting's cell as the engine reads it: a date as ISO, a time as minutes since midnight,
 * money as fen (not negative), a whole number (not negative), workdays as weekday numbers. The
 * upgrade turns text settings into real values by this same reading (tasks/upgrade/settingsSheet).
 */
export function parseSettingValue(
  kind: SettingKind,
  value: Cell,
  date1904: boolean,
): { ok: true; value: string | number | number[] } | { ok: false; expected: string } {
  switch (kind) {
    case 'texts': {
      const text = cellText(value).trim();
      return text ? { ok: true, value: text } : { ok: false, expected: '应为文字' };
    }
    case 'date':
    case 'dates': {
      const d = parseDate(value, date1904);
      return d.ok
        ? { ok: true, value: d.value }
        : {
            ok: false,
            expected: kind === 'date' ? '应为日期，如 2026-10-31；留空表示今天' : '应为日期，如 2026-10-01',
          };
    }
    case 'int': {
      const n = Number(toHalfWidth(cellText(value)).trim());
      return Number.isInteger(n) && n >= 0 ? { ok: true, value: n } : { ok: false, expected: '应为不小于 0 的整数' };
    }
    case 'time': {
      const t = parseTime(value);
      return t.ok ? { ok: true, value: t.value } : { ok: false, expected: '应为时间，如 09:00' };
    }
    case 'money': {
      const m = parseMoney(value);
      return m.ok && m.value >= 0 ? { ok: true, value: m.value } : { ok: false, expected: '应为金额，如 20' };
    }
    case 'weekdays': {
      const w = parseWorkdays(cellText(value));
      return w ? { ok: true, value: w } : { ok: false, expected: '应写成 一至五、一至六 或 一,三,五' };
    }
  }
}

/** A holiday is never a workday; a 调休上班 date always is; otherwise the weekday decides. */
export function isWorkday(iso: string, s: Settings): boolean {
  if (s.holidays.includes(iso)) return false;
  if (s.makeupDays.includes(iso)) return true;
  return s.workdays.includes(weekday(iso));
}

export const isSettingsSheet = (grid: Grid): boolean => grid.sheet.trim() === SETTINGS_SHEET;

/** The settings of a workbook: its 设置 sheets read over `base` (no findings: validate reports them where it reads them). */
export function workbookSettings(grids: readonly Grid[], base: Settings = defaultSettings()): Settings {
  let settings = base;
  for (const g of grids) if (isSettingsSheet(g)) settings = readSettings(g, settings).settings;
  return settings;
}

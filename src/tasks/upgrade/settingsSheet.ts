/**
 * The 设置 sheet that formulas read through defined names (ledgers.md "Formula columns and
 * settings"): its layout in a new workbook, and where each setting sits in an existing one.
 */
import type { Cell, Grid } from '../../grid';
import {
  SETTING_ROWS,
  SETTINGS_SHEET,
  defaultSettings,
  isListKind,
  parseSettingValue,
  settingsFor,
  type Settings,
} from '../../ledgers/settings';
import type { LedgerKey } from '../../ledgers/schema';
import { cellText } from '../../rules/text';
import { hhmm } from './conversions';
import { SETTINGS_ADDED, sheetRecord, type UpgradeRecord } from './ledgerSheet';

/**
 * Room below a list setting in a new sheet: a year's holidays fit; the suggested reasons get
 * room to add the desk's own.
 */
export const LIST_ROWS = { holidays: 30, makeupDays: 12, overdueReasons: 12, noReturnReasons: 12 } as const;
const listRows = (key: string): number => LIST_ROWS[key as keyof typeof LIST_ROWS];

/**
 * Names of the lists, which SETTING_ROWS leaves unnamed because only formulas and drop-downs
 * need them (a column offering a list names it: ColumnMeta.suggestions).
 */
export const LIST_NAMES: Record<string, string> = {
  holidays: 'Holidays',
  makeupDays: 'MakeupDays',
  overdueReasons: 'OverdueReasons',
  noReturnReasons: 'NoReturnReasons',
};

const NOTES: Record<string, string> = {
  asOfDate: '所有公式按此日期计算；留空表示今天',
  renewalWindow: '续保清单：到期前多少天内的保单作为线索',
  leadDays: '续保线索：到期前多少天发放给续保专员',
  claimOverdueDays: '理赔递交后超过多少天未回款算逾期',
  workStart: '晚于此时间的第一次打卡算迟到',
  lateFee: '每迟到一天扣款（元）',
  absentFee: '每缺勤一天扣款（元）',
  workdays: '每周工作日，如 一至五、一至六 或 一,三,五',
  holidays: '法定节假日，一行一个日期（如国庆 10 月 1 日至 7 日），下方空行可继续填写',
  makeupDays: '调休上班的周末日期，一行一个',
  overdueReasons: '理赔台账“逾期原因”的下拉选项，一行一个，下方空行可继续添加',
  noReturnReasons: '“未回店原因”的下拉选项（理赔台账、出险咨询登记），一行一个',
};

export interface SettingCell {
  key: keyof Settings;
  label: string;
  /** Defined name formulas read it by. */
  name?: string;
  /** 1-based rows of its value(s) in column B. */
  firstRow: number;
  lastRow: number;
}

/** The value of a setting as a cell of a new 设置 sheet (dates as ISO strings, the writer makes them dates). */
function templateValue(key: keyof Settings, s: Settings): Cell {
  switch (key) {
    case 'asOfDate':
      return s.asOfDate ?? null;
    case 'workStart':
      return s.workStart / 1440;
    case 'lateFee':
      return s.lateFee / 100;
    case 'absentFee':
      return s.absentFee / 100;
    case 'workdays':
      return s.workdays.join(',') === '1,2,3,4,5' ? '一至五' : s.workdays.map((d) => '日一二三四五六'[d]).join(',');
    case 'holidays':
    case 'makeupDays':
    case 'overdueReasons':
    case 'noReturnReasons':
      return null;
    default:
      return s[key] as number;
  }
}

export interface SettingsRowOut {
  row: number;
  label: string | null;
  value: Cell;
  note: string | null;
  kind: (typeof SETTING_ROWS)[number]['kind'] | 'header';
}

/**
 * A new 设置 sheet: a header row, then one row per setting of `ledgers` (all when not given),
 * date lists with blank rows below.
 */
export function templateSettings(
  s: Settings = defaultSettings(),
  ledgers?: ReadonlySet<LedgerKey>,
): { rows: SettingsRowOut[]; cells: SettingCell[] } {
  const rows: SettingsRowOut[] = [{ row: 1, label: '设置项', value: '值', note: '说明', kind: 'header' }];
  const cells: SettingCell[] = [];
  let row = 2;
  for (const def of settingsFor(ledgers)) {
    const extra = isListKind(def.kind) ? listRows(def.key) : 1;
    const dates = isListKind(def.kind) ? (s[def.key] as string[]) : [];
    rows.push({
      row,
      label: def.label,
      value: dates[0] ?? templateValue(def.key, s),
      note: NOTES[def.key] ?? null,
      kind: def.kind,
    });
    for (let i = 1; i < Math.max(extra, dates.length); i++)
      rows.push({ row: row + i, label: null, value: dates[i] ?? null, note: null, kind: def.kind });
    const size = Math.max(extra, dates.length);
    cells.push({
      key: def.key,
      label: def.label,
      name: def.name ?? LIST_NAMES[def.key],
      firstRow: row,
      lastRow: row + size - 1,
    });
    row += size;
  }
  return { rows, cells };
}

const labelOf = (c: Cell) =>
  cellText(c)
    .replace(/\s/g, '')
    .replace(/[：:]$/, '');

/**
 * Where each setting sits in an existing 设置 sheet: a date list runs from its label's row down
 * to the row before the next label (or LIST_ROWS rows when it is the last). Settings the
 * sheet lacks are left out: the caller appends them.
 */
export function locateSettings(grid: Grid): SettingCell[] {
  const labels = new Map(SETTING_ROWS.map((s) => [s.label, s]));
  const found: { def: (typeof SETTING_ROWS)[number]; row: number }[] = [];
  const labelRows: number[] = [];
  grid.rows.forEach((r, i) => {
    const label = r ? labelOf(r[0]) : '';
    if (!label) return;
    labelRows.push(i + 1);
    const def = labels.get(label);
    if (def && !found.some((f) => f.def.key === def.key)) found.push({ def, row: i + 1 });
  });
  return found.map(({ def, row }) => {
    const next = labelRows.find((r) => r > row);
    const lastRow = !isListKind(def.kind) ? row : next !== undefined ? next - 1 : row + listRows(def.key) - 1;
    return { key: def.key, label: def.label, name: def.name ?? LIST_NAMES[def.key], firstRow: row, lastRow };
  });
}

export { NOTES as SETTING_NOTES };

type SettingRow = (typeof SETTING_ROWS)[number];

/** Number format of a setting's value cell, by kind. */
export const SETTING_FORMATS: Partial<Record<SettingsRowOut['kind'], string>> = {
  date: 'yyyy-mm-dd',
  dates: 'yyyy-mm-dd',
  texts: '@',
  time: 'hh:mm',
  money: '#,##0.00',
  int: '0',
};

/** Widths of the 设置 sheet's columns (label, value, note) in characters. */
export const SETTINGS_WIDTHS = [16, 14, 70];

/** The settings of `ledgers` a 设置 sheet lacks, with the value and note a new sheet would give them. */
export function missingSettings(
  found: readonly SettingCell[],
  ledgers?: ReadonlySet<LedgerKey>,
): { def: SettingRow; value: Cell; note: string | null }[] {
  const defaults = templateSettings(defaultSettings()).rows;
  return settingsFor(ledgers)
    .filter((d) => !found.some((f) => f.key === d.key))
    .map((def) => ({
      def,
      value: defaults.find((r) => r.label === def.label)!.value,
      note: NOTES[def.key] ?? null,
    }));
}

/** A setting's value as 升级记录 shows it (a time as 08:30, not a fraction of a day). */
function shownSetting(kind: string, v: Cell): string {
  return kind === 'time' && typeof v === 'number' ? hhmm(Math.round(v * 1440)) : cellText(v);
}

/** The 升级记录 entry of a setting appended with its default value at `row`. */
export const settingAdded = (sheet: string, row: number, def: SettingRow, value: Cell): UpgradeRecord => ({
  sheet,
  cell: `A${row}`,
  column: def.label,
  before: '',
  after: shownSetting(def.kind, value),
  note: '新增设置项（默认值）',
});

/** The defined names formulas read the settings by: `'设置'!$B$2`, or the rows of a date list. */
export function settingRefs(cells: readonly SettingCell[]): { name: string; ref: string }[] {
  const quoted = `'${SETTINGS_SHEET}'`;
  return cells
    .filter((c) => c.name)
    .map((c) => ({
      name: c.name!,
      ref: c.firstRow === c.lastRow ? `${quoted}!$B$${c.firstRow}` : `${quoted}!$B$${c.firstRow}:$B$${c.lastRow}`,
    }));
}

type SettingKind = SettingsRowOut['kind'];

/**
 * What an upgrade does to the 设置 sheet — the one plan the file writer (src/io/upgradeOut.ts)
 * and the 升级为工具 button (commands/upgrade.ts) both carry out: a new sheet when there is none;
 * otherwise the settings it lacks appended (a date list with room below it), and each text
 * value the formulas could not use turned into the number or date readSettings reads it as.
 * Dates are ISO text here: each writer makes them dates in its own way.
 */
export interface SettingsPlan {
  /** True when the workbook has no 设置 sheet yet. */
  fresh: boolean;
  /** Rows to write: 1-based row, then columns A (label), B (value), C (note). */
  rows: { row: number; cells: Cell[]; kind: SettingKind; numFmt?: string }[];
  /** Existing text values (column B) made real values. */
  conversions: { row: number; value: number | string; kind: SettingKind; numFmt?: string }[];
  /** Where each setting sits afterwards, for the names. */
  cells: SettingCell[];
}

/** The grid with its origin at A1, as locateSettings reads rows. */
function anchored(grid: Grid): Grid {
  const o = grid.origin ?? { row: 0, col: 0 };
  const pad = (row: Cell[] | undefined) => [...Array<Cell>(o.col).fill(null), ...(row ?? [])];
  return {
    ...grid,
    rows: [...Array.from({ length: o.row }, () => [] as Cell[]), ...grid.rows.map(pad)],
    origin: { row: 0, col: 0 },
  };
}

/** A setting typed as text, as a cell value the formulas can use; undefined when the engine cannot read it. */
function settingFromText(kind: SettingKind, text: string, date1904: boolean): number | string | undefined {
  if (kind === 'header' || kind === 'weekdays' || kind === 'texts') return undefined; // text by design
  const read = parseSettingValue(kind, text, date1904);
  if (!read.ok) return undefined;
  if (kind === 'time') return (read.value as number) / 1440;
  if (kind === 'money') return (read.value as number) / 100;
  return read.value as number | string;
}

export function settingsPlan(
  existing: Grid | undefined,
  date1904: boolean,
  records: UpgradeRecord[],
  /** The ledgers of the workbook: only their settings are added. */
  ledgers?: ReadonlySet<LedgerKey>,
): SettingsPlan {
  if (!existing) {
    const defaults = templateSettings(defaultSettings(), ledgers);
    records.push(sheetRecord(SETTINGS_SHEET, SETTINGS_ADDED));
    return {
      fresh: true,
      rows: defaults.rows.map((r) => ({
        row: r.row,
        cells: [r.label, r.value, r.note],
        kind: r.kind,
        numFmt: SETTING_FORMATS[r.kind],
      })),
      conversions: [],
      cells: defaults.cells,
    };
  }
  const grid = anchored(existing);
  const conversions: SettingsPlan['conversions'] = [];
  for (const s of locateSettings(grid)) {
    const def = SETTING_ROWS.find((d) => d.key === s.key)!;
    for (let row = s.firstRow; row <= s.lastRow; row++) {
      const v = grid.rows[row - 1]?.[1];
      if (typeof v !== 'string' || !v.trim()) continue;
      const value = settingFromText(def.kind, v, date1904);
      if (value === undefined) continue;
      conversions.push({ row, value, kind: def.kind, numFmt: SETTING_FORMATS[def.kind] });
      const after = def.kind === 'time' && typeof value === 'number' ? hhmm(Math.round(value * 1440)) : cellText(value);
      records.push({
        sheet: existing.sheet,
        cell: `B${row}`,
        column: def.label,
        before: v,
        after,
        note: '设置值由文本转为数值/日期，公式才能使用',
      });
    }
  }
  const rows: SettingsPlan['rows'] = [];
  let row = grid.rows.length + 1;
  for (const { def, value, note } of missingSettings(locateSettings(grid), ledgers)) {
    rows.push({ row, cells: [def.label, value, note], kind: def.kind, numFmt: SETTING_FORMATS[def.kind] });
    records.push(settingAdded(existing.sheet, row, def, value));
    // A list of suggestions comes whole, one per row below its label.
    if (def.kind === 'texts')
      (defaultSettings()[def.key] as string[])
        .slice(1)
        .forEach((text, i) => rows.push({ row: row + 1 + i, cells: [null, text, null], kind: def.kind, numFmt: '@' }));
    // A date list gets the empty rows below it, so 节假日 can be filled in without overwriting 调休上班.
    row += isListKind(def.kind) ? listRows(def.key) : 1;
  }
  const extended = { ...grid, rows: [...grid.rows] };
  for (const r of rows) extended.rows[r.row - 1] = r.cells;
  return { fresh: false, rows, conversions, cells: locateSettings(extended) };
}

/**
 * What 升级为工具 does to the open workbook, worked out from its grids before anything is
 * written — the plan the CLI applies to a file (src/tasks/upgrade), here for a copy of each
 * ledger sheet: cells converted to real dates and numbers, missing input columns and the
 * formula columns appended, the 设置 sheet added or completed. Pure: no Office.js.
 */
import type { Cell, Grid } from '../src/grid';
import { defaultSettings, SETTINGS_SHEET } from '../src/ledgers/settings';
import type { ParsedTable } from '../src/read/table';
import { isoToSerial } from '../src/rules/date';
import { conversionsOf, type Conversion } from '../src/tasks/upgrade/conversions';
import {
  cellAt,
  headerProblem,
  SETTINGS_ADDED,
  sheetRecord,
  type FormulaAt,
  type SheetLayout,
  type UpgradeRecord,
} from '../src/tasks/upgrade/ledgerSheet';
import {
  locateSettings,
  missingSettings,
  settingAdded,
  settingRefs,
  SETTING_FORMATS,
  templateSettings,
  type SettingCell,
} from '../src/tasks/upgrade/settingsSheet';

/** `head[r][c]` is the formula (or value) at the used range's row r, column c. */
export type HeadFormulas = readonly (readonly unknown[])[] | undefined;

/** Where the top of a sheet holds a formula, from the formulas read with its grid. */
export function headFormulaAt(grid: Grid, head: HeadFormulas): FormulaAt {
  const o = grid.origin ?? { row: 0, col: 0 };
  return (row, col) => {
    const v = head?.[row - 1 - o.row]?.[col - o.col];
    return typeof v === 'string' && v.startsWith('=');
  };
}

/** A conversion as Office.js writes it: a date as its serial. */
export type SerialConversion = Omit<Conversion, 'value'> & { value: number };

/** The conversions of a ledger's cells (conversionsOf), each listed in `records` under the copy's name. */
export function serialConversions(
  pt: ParsedTable,
  grid: Grid,
  sheet: string,
  records: UpgradeRecord[],
): SerialConversion[] {
  return conversionsOf(pt, (row, col) => cellAt(grid, row, col), sheet, records).map((c) => ({
    ...c,
    value: typeof c.value === 'number' ? c.value : isoToSerial(c.value.date, pt.date1904) + c.value.minutes / 1440,
  }));
}

/** Why the range cannot become an Excel table, or undefined when it can. */
export function notTableReason(
  grid: Grid | undefined,
  l: SheetLayout,
  tablesOnSheet: readonly string[],
): string | undefined {
  if (tablesOnSheet.length) return `原表已有 Excel 表格“${tablesOnSheet.join('、')}”`;
  return headerProblem(l, (c) => (grid ? cellAt(grid, l.layout.headerRow, c) : ''));
}

/**
 * True when a tool copy from an earlier run no longer matches what this run would write:
 * the clerk has typed into it (or changed the original since). Formula columns are not
 * compared — Excel computes them.
 */
export function copyDiffers(
  copy: Grid,
  original: Grid,
  conversions: readonly SerialConversion[],
  layouts: readonly SheetLayout[],
): boolean {
  const converted = new Map(conversions.map((c) => [`${c.row},${c.col}`, c.value]));
  const appended = new Map<number, { header: string; headerRow: number }>();
  const computed = new Map<number, number>();
  for (const l of layouts) {
    l.appended.forEach((header, col) => appended.set(col, { header, headerRow: l.layout.headerRow }));
    for (const f of l.layout.formulas) computed.set(f.col, l.layout.headerRow);
  }
  const extent = (g: Grid) => {
    const o = g.origin ?? { row: 0, col: 0 };
    return { rows: o.row + g.rows.length, cols: o.col + Math.max(0, ...g.rows.map((r) => r?.length ?? 0)) };
  };
  const a = extent(copy);
  const b = extent(original);
  const lastCol = Math.max(a.cols, b.cols, ...[...appended.keys()].map((c) => c + 1));
  for (let row = 1; row <= Math.max(a.rows, b.rows); row++) {
    for (let col = 0; col < lastCol; col++) {
      const formulaFrom = computed.get(col);
      if (formulaFrom !== undefined && row > formulaFrom) continue;
      const extra = appended.get(col);
      const expected = extra
        ? row === extra.headerRow
          ? extra.header
          : ''
        : (converted.get(`${row},${col}`) ?? cellAt(original, row, col));
      if (cellAt(copy, row, col) !== expected) return true;
    }
  }
  return false;
}

// ---- the 设置 sheet ----------------------------------------------------------------------

export interface SettingsPlan {
  /** True when the workbook has no 设置 sheet yet. */
  fresh: boolean;
  /** Rows to write: 1-based row, then columns A (label), B (value), C (note). */
  rows: { row: number; cells: Cell[]; numFmt?: string }[];
  /** Where each setting sits afterwards, for the names. */
  cells: SettingCell[];
}

function settingValue(kind: string, v: Cell, date1904: boolean): Cell {
  if ((kind === 'date' || kind === 'dates') && typeof v === 'string') return isoToSerial(v, date1904);
  return v;
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

/** The 设置 sheet the formulas read: a new one, or the settings an existing one lacks appended. */
export function settingsPlan(existing: Grid | undefined, date1904: boolean, records: UpgradeRecord[]): SettingsPlan {
  if (!existing) {
    const defaults = templateSettings(defaultSettings());
    records.push(sheetRecord(SETTINGS_SHEET, SETTINGS_ADDED));
    return {
      fresh: true,
      rows: defaults.rows.map((r) => ({
        row: r.row,
        cells: [r.label, settingValue(r.kind, r.value, date1904), r.note],
        numFmt: SETTING_FORMATS[r.kind],
      })),
      cells: defaults.cells,
    };
  }
  const grid = anchored(existing);
  const rows: SettingsPlan['rows'] = [];
  let row = grid.rows.length + 1;
  for (const { def, value, note } of missingSettings(locateSettings(grid))) {
    rows.push({
      row,
      cells: [def.label, settingValue(def.kind, value, date1904), note],
      numFmt: SETTING_FORMATS[def.kind],
    });
    records.push(settingAdded(SETTINGS_SHEET, row, def, value));
    row++;
  }
  const extended = { ...grid, rows: [...grid.rows, ...rows.map((r) => r.cells)] };
  return { fresh: false, rows, cells: locateSettings(extended) };
}

/** Defined names of the settings, as Office.js takes them: `='设置'!$B$2`, or the rows of a date list. */
export function settingNames(cells: readonly SettingCell[]): { name: string; reference: string }[] {
  return settingRefs(cells).map(({ name, ref }) => ({ name, reference: `=${ref}` }));
}

/** `X（工具）`, shortened so it fits Excel's 31 characters. */
export const TOOL_SUFFIX = '（工具）';
export const toolSheetName = (name: string): string =>
  [...name].slice(0, 31 - TOOL_SUFFIX.length).join('') + TOOL_SUFFIX;

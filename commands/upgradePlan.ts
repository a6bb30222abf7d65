/**
 * What 升级为工具 does to the open workbook, worked out from its grids before anything is
 * written — the plan the CLI applies to a file (src/tasks/upgrade), here for each ledger sheet
 * in place: cells converted to real dates and numbers, missing input columns and the formula
 * columns appended, the 设置 sheet added or completed. Pure: no Office.js.
 */
import type { Grid } from '../src/grid';
import type { ParsedTable } from '../src/read/table';
import { isoToSerial } from '../src/rules/date';
import { conversionsOf, type SerialConversion } from '../src/tasks/upgrade/conversions';
import {
  cellAt,
  headerProblem,
  type FormulaAt,
  type SheetLayout,
  type UpgradeRecord,
} from '../src/tasks/upgrade/ledgerSheet';
import { settingRefs, type SettingCell } from '../src/tasks/upgrade/settingsSheet';

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

/** The conversions of a ledger's cells (conversionsOf), each listed in `records` under the sheet's name. */
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
 * True when an upgraded sheet no longer matches what upgrading its backup writes: the clerk
 * has typed into it since. Formula columns are not compared — Excel computes them.
 */
export function changedSinceUpgrade(
  upgraded: Grid,
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
  const a = extent(upgraded);
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
      if (cellAt(upgraded, row, col) !== expected) return true;
    }
  }
  return false;
}

// ---- the 设置 sheet ----------------------------------------------------------------------

/** Defined names of the settings, as Office.js takes them: `='设置'!$B$2`, or the rows of a date list. */
export function settingNames(cells: readonly SettingCell[]): { name: string; reference: string }[] {
  return settingRefs(cells).map(({ name, ref }) => ({ name, reference: `=${ref}` }));
}

/**
 * Grids are what every adapter (files, Office.js, tests) hands the engine and what the
 * engine hands back: a sheet name and a 2-D array of cell values.
 *
 * rows[r][c] is the cell at Excel row `origin.row + r + 1`, column `origin.col + c`
 * (0 = A). Rows may be sparse or ragged: a missing cell is empty.
 * Date cells arrive as Excel serial numbers (in the workbook's date system, see
 * `date1904`), as JS Dates (UTC midnight = the date) or as text; the read layer decides.
 */
export type Cell = string | number | boolean | Date | null | undefined;

/** Excel's grid: a cell beyond it means a damaged file. */
export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLS = 16_384;

export interface Grid {
  sheet: string;
  rows: Cell[][];
  /** The workbook uses the 1904 date system (Mac Excel): serial 0 = 1904-01-01. */
  date1904?: boolean;
  /** 0-based offset of rows[0][0] in the sheet (Office.js used ranges need not start at A1). */
  origin?: { row: number; col: number };
}

/** 0-based column index → Excel column letters (0 → A, 25 → Z, 26 → AA). */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Excel column letters → 0-based index (A → 0). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** True for a cell a clerk would call empty: nothing, or only white space. */
export function isBlank(cell: Cell): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell !== 'string') return false;
  // Called for every cell of a ledger: a cell starting with a visible ASCII or CJK character is
  // not blank, without building its trimmed copy (trim() would, for each of millions of cells).
  const c = cell.length ? cell.charCodeAt(0) : 0;
  if ((c > 32 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) return false;
  return cell.trim() === '';
}

/**
 * A workbook parsed by SheetJS (.xls, and .xlsx in the task pane) → grids: cell values only,
 * merged cells filled as Excel shows them, hidden sheets marked. Browser-safe: the CLI's file
 * reader (workbook.ts) and the pane's file picker (taskpane/pickedFiles.ts) both use it.
 */
import type * as XLSX from 'xlsx';
import { EXCEL_COLS, EXCEL_ROWS, type Cell, type Grid } from '../grid';
import { InputError, reasons } from './errors';

/** Merged cells are filled with at most max(this, 2 × cells read) cell visits per sheet. */
export const MERGE_VISITS_MIN = 2_000_000;

/** A grid read from a file; `hidden` marks sheets hidden in Excel (they are still read). */
export interface FileGrid extends Grid {
  hidden?: true;
}

/**
 * Cell values only: no styles, formats, formulas, macros or empty stub cells. SheetJS writes
 * into the options object it is given, so each read gets a copy.
 */
export const SHEETJS_READ_OPTIONS: Readonly<XLSX.ParsingOptions> = Object.freeze({
  type: 'buffer',
  dense: true,
  cellDates: false,
  cellNF: false,
  cellText: false,
  cellStyles: false,
  cellHTML: false,
  cellFormula: false,
  bookVBA: false,
  sheetStubs: false,
});

/**
 * SheetJS reports what it recovers from on console.error ("Missing Info for XLS Record …");
 * the clerk should see our one line, not its internals. The read is synchronous, so nothing
 * else can log while console.error is swapped out.
 */
export function quietly<T>(read: () => T): T {
  const original = console.error;
  console.error = () => undefined;
  try {
    return read();
  } finally {
    console.error = original;
  }
}

export function sheetjsGrids(wb: XLSX.WorkBook, file: string): FileGrid[] {
  const flag = wb.Workbook?.WBProps?.date1904 as unknown;
  const date1904 = flag === true || flag === 1 || flag === '1' || flag === 'true';
  return wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name];
    // SheetJS skips a sheet it cannot parse instead of failing; a missing sheet must not pass silently.
    if (!ws) throw new InputError(file, reasons.sheetUnreadable(name));
    const grid: FileGrid = { sheet: name, rows: sheetRows(ws, name, file), date1904, origin: { row: 0, col: 0 } };
    const hidden = wb.Workbook?.Sheets?.[i]?.Hidden;
    if (hidden === 1 || hidden === 2) grid.hidden = true;
    delete wb.Sheets[name];
    return grid;
  });
}

/** Rows this long may be sparse in SheetJS's arrays: enumerate their cells instead of indexing. */
const DENSE_ROW_MAX = 1024;

/**
 * Walks only the rows and cells SheetJS actually created (the declared dimension is
 * ignored), releasing each SheetJS row once it is converted to keep peak memory down.
 */
function sheetRows(ws: XLSX.WorkSheet, name: string, file: string): Cell[][] {
  const rows: Cell[][] = [];
  const data = ws['!data'] as (XLSX.CellObject[] | undefined)[] | undefined;
  if (!data) return rows;
  let maxRow = -1;
  let maxCol = -1;
  let cells = 0;
  for (const key of Object.keys(data)) {
    const r = Number(key);
    const src = data[r];
    if (!src) continue;
    if (r >= EXCEL_ROWS || src.length > EXCEL_COLS) throw new InputError(file, reasons.beyondGrid(name));
    data[r] = undefined;
    const out: Cell[] = [];
    let rowMax = -1;
    if (src.length <= DENSE_ROW_MAX) {
      for (let c = 0; c < src.length; c++) {
        const v = cellValue(src[c]);
        out.push(v);
        if (v !== null) rowMax = c;
      }
    } else {
      for (const k of Object.keys(src)) {
        const c = Number(k);
        const v = cellValue(src[c]);
        out[c] = v;
        if (v !== null) rowMax = c;
      }
    }
    if (rowMax < 0) continue;
    rows[r] = out;
    maxRow = r;
    if (rowMax > maxCol) maxCol = rowMax;
    cells += out.length;
  }
  const merges = ws['!merges'];
  if (merges && merges.length > 0 && maxRow >= 0) {
    fillMerges(rows, merges, maxRow, maxCol, Math.max(MERGE_VISITS_MIN, 2 * cells), name, file);
  }
  return rows;
}

/**
 * Excel shows a merged cell's (top-left) value across the whole merge, and clerks read it
 * that way (a 业务员 merged down a block of rows applies to each row), so the value is
 * copied — but only over rows that hold data and up to the last column with data, so a
 * merge declared over the whole sheet costs no more than the data itself.
 */
export function fillMerges(
  rows: Cell[][],
  merges: XLSX.Range[],
  maxRow: number,
  maxCol: number,
  budget: number,
  name: string,
  file: string,
): void {
  let visits = 0;
  for (const m of merges) {
    const value = rows[m.s.r]?.[m.s.c];
    if (value === null || value === undefined) continue;
    const lastRow = Math.min(m.e.r, maxRow);
    const lastCol = Math.min(m.e.c, maxCol);
    if (lastCol < m.s.c) continue;
    for (let r = m.s.r; r <= lastRow; r++) {
      const row = rows[r];
      visits += row ? lastCol - m.s.c + 2 : 1;
      if (visits > budget) throw new InputError(file, reasons.hugeMerges(name));
      if (!row) continue;
      for (let c = m.s.c; c <= lastCol; c++) row[c] = value;
    }
  }
}

const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

function cellValue(cell: XLSX.CellObject | undefined): Cell {
  if (!cell) return null;
  switch (cell.t as string) {
    case 'n':
      return typeof cell.v === 'number' ? cell.v : null;
    case 's':
    case 'str':
      return cell.v === undefined || cell.v === null || cell.v === '' ? null : String(cell.v);
    case 'b':
      return Boolean(cell.v);
    case 'e':
      return cell.w ?? ERROR_TEXT[cell.v as number] ?? '#VALUE!';
    case 'd':
      return cell.v instanceof Date ? cell.v : new Date(String(cell.v));
    default:
      return null;
  }
}

/**
 * The demo's sample ledgers (src/demo) as one open workbook in the Excel fake — dates as the
 * serials Excel holds, text as text — and what the tests need to compare before and after.
 */
import type { Cell, Grid } from '../../src/grid';
import { sampleLedgers } from '../../src/demo/samples';
import { isoToSerial } from '../../src/rules/date';
import { dateToSerial } from '../../taskpane/excel/cells';
import { FakeWorkbook } from './fakeExcel';
import type { Scalar } from './fakeExcel';

export const DEMO_AS_OF = '2026-11-25';

export const asExcel = (c: Cell): Scalar | null =>
  c === null || c === undefined ? null : c instanceof Date ? dateToSerial(c) : c;

/**
 * Every sheet of every sample file, plus `extra` sheets, in one workbook; the 设置 sheet's
 * 基准日 filled in with the samples' date, as a clerk does to work as of a given day (and so
 * the tests do not depend on today's date).
 */
export function demoSheets(
  extra: Record<string, Scalar[][]> = {},
  asOf = DEMO_AS_OF,
): Record<string, (Scalar | null)[][]> {
  const sheets: Record<string, (Scalar | null)[][]> = { ...extra };
  for (const f of sampleLedgers(asOf).files)
    for (const s of f.sheets) sheets[s.name] = s.rows.map((r) => (r ?? []).map(asExcel));
  const asOfRow = sheets['设置']?.find((r) => r[0] === '基准日');
  if (!asOfRow) throw new Error('the samples have no 设置!基准日 row');
  asOfRow[1] = isoToSerial(asOf);
  return sheets;
}

export const demoBook = (extra: Record<string, Scalar[][]> = {}, asOf = DEMO_AS_OF): FakeWorkbook =>
  new FakeWorkbook(demoSheets(extra, asOf));

/** A sheet's used range (values only) as a Grid, the way readWorkbook hands it over. */
export function gridOf(book: FakeWorkbook, sheet: string): Grid {
  const s = book.sheet(sheet);
  const used = s.usedRect(true);
  if (!used) return { sheet, rows: [], date1904: false, origin: { row: 0, col: 0 } };
  const rows: Cell[][] = [];
  for (let r = 0; r < used.rows; r++) {
    const row: Cell[] = [];
    for (let c = 0; c < used.cols; c++) row.push(s.valueAt(used.row + r, used.col + c));
    rows.push(row);
  }
  return { sheet, rows, date1904: false, origin: { row: used.row, col: used.col } };
}

/** Everything of a sheet a command must not change, as one comparable string. */
export function sheetFingerprint(book: FakeWorkbook, sheet: string): string {
  const s = book.sheet(sheet);
  const planes = {
    values: s.values,
    formulas: s.formulas,
    numberFormats: s.numberFormats,
    fills: s.fills,
    bold: s.bold,
    fontColors: s.fontColors,
  };
  // A cell cleared is a cell never written: the planes compare without trailing empties.
  const trimmed = (rows: readonly (readonly unknown[] | undefined)[]) => {
    const out = Array.from(rows, (row) => {
      const cells = [...(row ?? [])].map((v) => v ?? null);
      while (cells.length && cells[cells.length - 1] === null) cells.pop();
      return cells;
    });
    while (out.length && !out[out.length - 1].length) out.pop();
    return out;
  };
  return JSON.stringify({
    ...Object.fromEntries(Object.entries(planes).map(([k, p]) => [k, trimmed(p.rows)])),
    validations: s.validations,
    freezeRows: s.freezeRows,
    charts: s.charts,
    tables: book.tables.filter((t) => t.sheet === s).map((t) => [t.name, t.rect]),
  });
}

/** Requests that write cells begin by suspending recalculation (it lasts until their sync). */
export function writesSuspendCalculation(book: FakeWorkbook): boolean {
  const writes = book.syncs.filter((r) => r.ops.some((op) => /^set Range\.(values|formulas)$/.test(op)));
  return writes.length > 0 && writes.every((r) => r.ops[0] === 'call Application.suspendApiCalculationUntilNextSync');
}

/**
 * The forms' Office.js: finding ledger sheets by their header rows, reading one, and writing
 * a planned row (forms/plan.ts) — all writes of a save in one request. Reads go through the
 * grid reader (grid.ts); writes through its writer, which quotes text that Excel would
 * otherwise turn into a number or formula.
 */
import type { Grid } from '../../src/grid';
import type { Table } from '../../src/ledgers/schema';
import { HEADER_SCAN_ROWS } from '../../src/read/headers';
import { RequestBatch } from './batch';
import { styleHeader } from './decorate';
import { loadDateSystem, readUsedGrid, writeGrid } from './grid';
import { candidateName } from './outputSheet';
import { tableOfSheet } from '../forms/ledger';
import type { Run } from '../forms/plan';

export interface SheetInfo {
  name: string;
  /** The ledger table its header row matches, if any. */
  table?: Table;
  active: boolean;
}

/**
 * Every sheet with the table its header holds. Three round trips whatever the workbook's
 * size: the sheet names, the used ranges, then the first rows of each.
 */
export async function scanSheets(context: Excel.RequestContext): Promise<{ sheets: SheetInfo[]; date1904: boolean }> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name, items/visibility');
  const active = worksheets.getActiveWorksheet();
  active.load('name');
  const is1904 = loadDateSystem(context);
  await context.sync();

  const used = worksheets.items.map((ws) => {
    const r = ws.getUsedRangeOrNullObject(true);
    r.load('rowIndex, columnIndex, rowCount, columnCount');
    return r;
  });
  await context.sync();

  const heads = worksheets.items.map((ws, i) => {
    const u = used[i];
    if (u.isNullObject) return undefined;
    const r = ws.getRangeByIndexes(u.rowIndex, u.columnIndex, Math.min(u.rowCount, HEADER_SCAN_ROWS), u.columnCount);
    r.load('values');
    return r;
  });
  if (heads.some((h) => h)) await context.sync();

  const sheets = worksheets.items.map((ws, i): SheetInfo => {
    const head = heads[i];
    const grid: Grid | undefined = head && {
      sheet: ws.name,
      rows: head.values,
      origin: { row: used[i].rowIndex, col: used[i].columnIndex },
    };
    // A hidden sheet (the backup 升级为工具 keeps) is no sheet to write to.
    const table = grid && ws.visibility === 'Visible' ? tableOfSheet(grid) : undefined;
    return { name: ws.name, active: ws.name === active.name, ...(table ? { table } : {}) };
  });
  return { sheets, date1904: is1904() };
}

/** The sheet a form writes to: the active sheet when it is that ledger, else the first one. */
export function ledgerSheetOf(sheets: readonly SheetInfo[], table: Table): string | undefined {
  return (sheets.find((s) => s.active && s.table === table) ?? sheets.find((s) => s.table === table))?.name;
}

/** A free name for a new sheet: `title`, else `title (2)`, … */
export function freeSheetName(sheets: readonly SheetInfo[], title: string): string {
  const taken = new Set(sheets.map((s) => s.name.toLowerCase()));
  let k = 1;
  while (taken.has(candidateName(title, k).toLowerCase())) k++;
  return candidateName(title, k);
}

/** The whole used range of a sheet as a grid, or undefined when the sheet is gone. */
export async function readSheet(context: Excel.RequestContext, name: string): Promise<Grid | undefined> {
  const ws = context.workbook.worksheets.getItemOrNullObject(name);
  await context.sync();
  if (ws.isNullObject) return undefined;
  return readUsedGrid(context, ws);
}

/** The number formats the run cells have now (one round trip for all runs). */
export async function formatsOf(
  context: Excel.RequestContext,
  sheet: string,
  runs: readonly Run[],
): Promise<string[][]> {
  const ws = context.workbook.worksheets.getItem(sheet);
  const ranges = runs.map((r) => {
    const range = ws.getRangeByIndexes(r.row, r.col, 1, r.cells.length);
    range.load('numberFormat');
    return range;
  });
  await context.sync();
  return ranges.map((r) => r.numberFormat[0] as string[]);
}

/**
 * Writes the runs into an existing sheet in one request. A cell gets its column's number
 * format only where it has none (General): a ledger's own formats stay.
 */
export async function writeRuns(
  context: Excel.RequestContext,
  sheet: string,
  runs: readonly Run[],
  current: readonly string[][],
  date1904: boolean,
): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  const batch = new RequestBatch(context);
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i];
    const columnFormats = r.formats.map((f, j) => (current[i]?.[j] === 'General' ? f : undefined));
    await writeGrid(batch, ws, { row: r.row, col: r.col }, [r.cells], { columnFormats, date1904 });
  }
  await batch.flush();
}

/**
 * Adds a ledger sheet laid out like the template (canonical headers in row 1, in schema
 * order; styled and frozen) holding the runs, in one request.
 */
export async function addLedgerSheet(
  context: Excel.RequestContext,
  name: string,
  table: Table,
  runs: readonly Run[],
  date1904: boolean,
): Promise<void> {
  const ws = context.workbook.worksheets.add(name);
  const batch = new RequestBatch(context);
  const headers = table.columns.map((c) => c.header);
  await writeGrid(batch, ws, { row: 0, col: 0 }, [headers]);
  for (const r of runs)
    await writeGrid(batch, ws, { row: r.row, col: r.col }, [r.cells], { columnFormats: r.formats, date1904 });
  await styleHeader(batch, ws, { row: 0, col: 0, rows: 2, cols: headers.length });
  ws.activate();
  await batch.flush();
}

/** The 1-based row of the active cell and its sheet. */
export async function selectedRow(context: Excel.RequestContext): Promise<{ sheet: string; row: number }> {
  const range = context.workbook.getSelectedRange();
  range.load('rowIndex');
  // A navigation property: a proxy Office.js fills in with the loads of this request.
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
  const ws = range.worksheet;
  ws.load('name');
  await context.sync();
  return { sheet: ws.name, row: range.rowIndex + 1 };
}

/**
 * Grids out to a styled .xlsx with exceljs: the one place that knows how insdesk's output
 * sheets look (bold frozen header, widths that fit, number formats per column). Callers that
 * need more (fills, notes, charts) take the exceljs workbook from `buildWorkbook` and add it.
 */
import type ExcelJS from 'exceljs';
import { excel } from './lazy';
import type { Cell, Grid } from '../grid';
import { textWidth, type SheetOut } from '../sheetOut';

function fittedWidths(rows: Cell[][]): number[] {
  const widths: number[] = [];
  // The first rows are enough to size a column; scanning 100k rows would cost time for nothing.
  for (const row of rows.slice(0, 200)) {
    row?.forEach((cell, c) => {
      const text = cell instanceof Date ? '2026-10-05' : cell === null || cell === undefined ? '' : String(cell);
      widths[c] = Math.max(widths[c] ?? 6, Math.min(50, textWidth(text) + 2));
    });
  }
  return widths;
}

export function addSheet(wb: ExcelJS.Workbook, s: SheetOut): ExcelJS.Worksheet {
  const header = s.header ?? true;
  const ws = wb.addWorksheet(s.name, header ? { views: [{ state: 'frozen', ySplit: 1 }] } : {});
  for (const row of s.rows) ws.addRow((row ?? []).map((c) => (c === undefined ? null : c)));
  const widths = s.widths ?? fittedWidths(s.rows);
  widths.forEach((w, c) => {
    const column = ws.getColumn(c + 1);
    column.width = w;
    const fmt = s.numFmt?.[c];
    if (fmt) column.numFmt = fmt;
  });
  if (header && s.rows.length) {
    const first = ws.getRow(1);
    first.font = { bold: true };
    first.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      cell.numFmt = '@';
    });
    const cols = Math.max(...s.rows.slice(0, 1).map((r) => r?.length ?? 0));
    if (cols > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols } };
  }
  return ws;
}

export function buildWorkbook(sheets: readonly SheetOut[]): ExcelJS.Workbook {
  const wb = new (excel().Workbook)();
  wb.creator = 'insdesk';
  for (const s of sheets) addSheet(wb, s);
  return wb;
}

export async function writeXlsx(path: string, sheets: readonly SheetOut[]): Promise<void> {
  await buildWorkbook(sheets).xlsx.writeFile(path);
}

/** Cells read from elsewhere (.xls, .csv) as plain sheets of `wb`, each cell where it stood. */
export function addGridSheets(wb: ExcelJS.Workbook, grids: readonly Grid[]): void {
  for (const g of grids) {
    const ws = wb.addWorksheet(g.sheet);
    g.rows.forEach((row, r) =>
      row?.forEach((cell, c) => {
        if (cell !== null && cell !== undefined)
          ws.getCell(r + 1 + (g.origin?.row ?? 0), c + 1 + (g.origin?.col ?? 0)).value = cell;
      }),
    );
  }
  if (grids.some((g) => g.date1904)) wb.properties.date1904 = true;
}

/**
 * The CRM run's sheets as a workbook (the CRM sheet first): what `insdesk crm --out x.xlsx`
 * writes and what the add-in opens as a workbook of its own. Never a formula by accident:
 * formula-like text stays a string cell with the text format '@'. Browser-safe.
 */
import type ExcelJS from 'exceljs';
import type { Cell } from '../grid';
import { FORMAT_CODES, type CrmSheet } from '../tasks/crm/types';
import { looksLikeFormula } from '../tasks/crm/csv';
import { cellText } from '../rules/text';
import { textWidth } from '../sheetOut';
import type { ExcelModule, SheetMaker } from './reportBook';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const WIDTH_SAMPLE_ROWS = 200;
const MAX_WIDTH = 50;

function widths(rows: readonly Cell[][]): number[] {
  const out: number[] = [];
  for (const row of rows.slice(0, WIDTH_SAMPLE_ROWS)) {
    row.forEach((cell, c) => {
      out[c] = Math.max(out[c] ?? 6, Math.min(MAX_WIDTH, textWidth(cellText(cell)) + 2));
    });
  }
  return out;
}

const TEXT_STYLE: Partial<ExcelJS.Style> = { numFmt: '@' };

/** Told how many of the rows to write are written, now and then. */
export type OnWritten = (done: number, total: number) => void;

/**
 * The sheets into `wb`, the CRM sheet first: the streamed writer (CLI) or an in-memory workbook
 * (add-in). Column formats go on the CRM sheet only: exceljs gives every cell of a formatted
 * column its own style record (a few µs a cell), which for the lists of a 100,000-row run more
 * than doubles the time to write them; their cells are typed already (text as strings, money as
 * numbers), and formula-like text still gets the text format cell by cell.
 */
export function writeCrmSheets(wb: SheetMaker, sheets: readonly CrmSheet[], onRows?: OnWritten): void {
  const total = sheets.reduce((n, s) => n + s.rows.length, 0);
  let done = 0;
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const cols = sheet.rows[0]?.length ?? 0;
    const formatted = sheet.role === 'crm';
    ws.columns = widths(sheet.rows).map((width, c) => {
      const fmt = formatted ? sheet.formats[c] : undefined;
      return fmt ? { width, style: { numFmt: FORMAT_CODES[fmt] } } : { width };
    });
    sheet.rows.forEach((cells, r) => {
      const row = ws.addRow(cells);
      if (r === 0) {
        row.font = { bold: true };
        row.eachCell((cell) => {
          cell.fill = HEADER_FILL;
          cell.numFmt = '@';
        });
      } else {
        for (let i = 0; i < cells.length; i++) {
          const c = cells[i];
          if (typeof c === 'string' && looksLikeFormula(c)) row.getCell(i + 1).style = TEXT_STYLE;
        }
      }
      row.commit();
      if (onRows && ++done % 2000 === 0) onRows(done, total);
    });
    // 汇总 is a few small tables, not one list: a filter on its first row would mislead.
    if (cols > 0 && sheet.role !== 'summary')
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols } };
    // Only a streamed sheet is committed; an in-memory one is written with its workbook.
    (ws as unknown as { commit?: () => void }).commit?.();
  }
}

/** The CRM run as one workbook in memory: how the add-in opens it as a workbook of its own. */
export function crmWorkbook(excel: ExcelModule, sheets: readonly CrmSheet[]): ExcelJS.Workbook {
  const wb = new excel.Workbook();
  wb.creator = 'insdesk';
  writeCrmSheets(wb as unknown as SheetMaker, sheets);
  return wb;
}

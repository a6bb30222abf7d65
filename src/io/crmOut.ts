/**
 * Writes the CRM run's sheets: one .xlsx (the CRM sheet first), or one CSV per sheet in
 * UTF-8 with BOM (`x.csv` holds the CRM rows, `x.<sheet>.csv` each other list).
 *
 * Never a formula by accident: in CSV, formula-like text gets a leading single quote
 * (src/tasks/crm/csv.ts); in .xlsx it stays a string cell with the text format '@'.
 *
 * The .xlsx is written with exceljs' streaming writer: a 100,000-row run would cost the
 * in-memory writer several times the time and gigabytes of memory.
 */
import { promises as fs } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type ExcelJS from 'exceljs';
import { excel } from './lazy';
import type { Cell } from '../grid';
import { FORMAT_CODES, type CrmSheet } from '../tasks/crm/types';
import { csvText, looksLikeFormula } from '../tasks/crm/csv';
import { cellText } from '../rules/text';
import { textWidth } from '../sheetOut';

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

/**
 * Column formats go on the CRM sheet only. exceljs gives every cell of a formatted column its
 * own style record (a few µs a cell), which for the lists of a 100,000-row run more than
 * doubles the time to write them; their cells are typed already (text as strings, money as
 * numbers), and formula-like text still gets the text format cell by cell.
 */
/** Told how many of the rows to write are written, now and then. */
export type OnWritten = (done: number, total: number) => void;

export async function writeCrmXlsx(path: string, sheets: readonly CrmSheet[], onRows?: OnWritten): Promise<void> {
  const total = sheets.reduce((n, s) => n + s.rows.length, 0);
  let done = 0;
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ filename: path, useSharedStrings: true, useStyles: true });
  wb.creator = 'insdesk';
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
    ws.commit();
  }
  await wb.commit();
}

/** A sheet as the bytes of a CSV file (csvText in UTF-8). */
export const crmCsv = (rows: readonly Cell[][]): Buffer => Buffer.from(csvText(rows), 'utf8');

/** `x.csv` for the first sheet, `x.<sheet>.csv` for each other one. */
export function csvPaths(out: string, sheets: readonly CrmSheet[]): string[] {
  const ext = extname(out);
  const stem = join(dirname(out), basename(out, ext));
  return sheets.map((s, i) => (i === 0 ? out : `${stem}.${s.name}${ext}`));
}

/** Writes the sheets to `out` (.xlsx or .csv by its extension); returns the files written. */
export async function writeCrmOutputs(out: string, sheets: readonly CrmSheet[], onRows?: OnWritten): Promise<string[]> {
  if (extname(out).toLowerCase() === '.csv') {
    const paths = csvPaths(out, sheets);
    for (const [i, p] of paths.entries()) {
      await fs.writeFile(p, crmCsv(sheets[i].rows));
      onRows?.(i + 1, paths.length);
    }
    return paths;
  }
  await writeCrmXlsx(out, sheets, onRows);
  return [out];
}

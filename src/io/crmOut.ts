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
import { excel } from './lazy';
import type { Cell } from '../grid';
import type { CrmSheet } from '../tasks/crm/types';
import { csvText } from '../tasks/crm/csv';
import { writeCrmSheets, type OnWritten } from './crmBook';
import type { SheetMaker } from './reportBook';

export type { OnWritten } from './crmBook';

/** The .xlsx streamed to disk: a 100,000-row run would cost the in-memory writer gigabytes. */
export async function writeCrmXlsx(path: string, sheets: readonly CrmSheet[], onRows?: OnWritten): Promise<void> {
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ filename: path, useSharedStrings: true, useStyles: true });
  wb.creator = 'insdesk';
  writeCrmSheets(wb as unknown as SheetMaker, sheets, onRows);
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

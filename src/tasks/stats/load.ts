/**
 * Workbooks (as grids) → the parsed ledger tables and settings a statistics run needs. A
 * `设置` sheet in any workbook applies to all of them. Callers holding many large files add
 * them one at a time, so each file's grids can be dropped before the next is read.
 */
import type { Grid } from '../../grid';
import type { ParsedTable } from '../../read/table';
import { readLedgerSheets } from '../../read/sheets';
import { defaultSettings, type Settings } from '../../ledgers/settings';

export interface LoadedLedgers {
  tables: ParsedTable[];
  settings: Settings;
  /** Which sheet of which file was read as which table. */
  sources: { file: string; sheet: string; table: string; headerRow: number; rows: number }[];
  /** Sheets that hold no ledger. */
  unmatched: { file: string; sheet: string }[];
}

export const emptyLedgers = (): LoadedLedgers => ({ tables: [], settings: defaultSettings(), sources: [], unmatched: [] });

export function addWorkbook(into: LoadedLedgers, book: { file: string; grids: readonly Grid[] }, asOf: string): void {
  const sheets = readLedgerSheets(book.grids, { asOf, settings: into.settings });
  into.settings = sheets.settings;
  into.tables.push(...sheets.tables);
  for (const t of sheets.tables) {
    into.sources.push({ file: book.file, sheet: t.sheet, table: t.table.key, headerRow: t.headerRow, rows: t.rows.length });
  }
  into.unmatched.push(...sheets.unmatched.map((sheet) => ({ file: book.file, sheet })));
}

export function ledgersOfBooks(books: readonly { file: string; grids: readonly Grid[] }[], asOf: string): LoadedLedgers {
  const out = emptyLedgers();
  for (const b of books) addWorkbook(out, b, asOf);
  return out;
}

/**
 * Workbooks (as grids) → the parsed ledger tables and settings a statistics run needs. A
 * `设置` sheet in any workbook applies to all of them. Callers holding many large files add
 * them one at a time, so each file's grids can be dropped before the next is read, and only
 * the fields the figures read are kept of each row.
 */
import type { Grid } from '../../grid';
import type { ParsedTable } from '../../read/table';
import type { TableKey } from '../../ledgers/schema';
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

/** The fields the figures read, per table: all a run keeps of a row (500,000 full rows would not fit in the memory budget). */
const FIGURE_FIELDS: Record<TableKey, readonly string[] | undefined> = {
  renewal: ['policyNo', 'coverage', 'expiryDate', 'assignee', 'contactResult', 'renewedPolicyNo', 'renewedDate', 'renewedPremium', 'lostReason'],
  issuance: ['issueDate', 'policyNo', 'coverage', 'premium', 'paidPremium', 'businessType', 'salesperson', 'insurer', 'commissionRate',
    'commissionReceived'],
  claims: ['claimNo', 'plateNo', 'insurer', 'reportDate', 'repairAmount', 'customerPaid', 'submittedDate', 'paidDate', 'paidAmount', 'status',
    'claimsClerk', 'returnedForRepair'],
  collections: ['contractNo', 'date', 'amount'],
  contracts: undefined, roster: undefined, punches: undefined, punchPairs: undefined, rollCall: undefined, intent: undefined,
};

function pick(o: Record<string, unknown> | undefined, keys: readonly string[]): Record<string, never> | undefined {
  if (!o) return undefined;
  let out: Record<string, unknown> | undefined;
  for (const k of keys) if (o[k] !== undefined) (out ??= {})[k] = o[k];
  return out as Record<string, never> | undefined;
}

/** The table as the figures need it: only their fields, no findings (validate reports those). */
function slim(t: ParsedTable): ParsedTable {
  const keys = FIGURE_FIELDS[t.table.key];
  const rows = keys
    ? t.rows.map((r) => {
      const invalid = pick(r.invalid, keys);
      return { row: r.row, data: pick(r.data, keys) ?? {}, ...(invalid ? { invalid } : {}) };
    })
    : t.rows.map((r) => ({ row: r.row, data: r.data, ...(r.invalid ? { invalid: r.invalid } : {}) }));
  return { ...t, rows, findings: [] };
}

export function addWorkbook(into: LoadedLedgers, book: { file: string; grids: readonly Grid[] }, asOf: string): void {
  const sheets = readLedgerSheets(book.grids, { asOf, settings: into.settings });
  into.settings = sheets.settings;
  into.tables.push(...sheets.tables.map(slim));
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

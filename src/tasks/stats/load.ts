/**
 * Workbooks (as grids) → the parsed ledger tables and settings a statistics run needs. A
 * `设置` sheet in any workbook applies to all of them.
 *
 * Callers with many large files add them one at a time, so each file's grids are garbage
 * before the next is read. Between files only the fields the figures read are kept, column
 * by column with repeated strings shared: 500,000 rows held as row objects would double the
 * memory a run needs while the next file is being parsed. `finish` turns them back into rows.
 */
import type { Grid } from '../../grid';
import type { ParsedTable } from '../../read/table';
import { statsFieldsOf } from '../../ledgers';
import type { SourcedRow } from './excluded';
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

/** Fields unique to each row: sharing their strings would only cost a lookup. */
const UNIQUE: ReadonlySet<string> = new Set(['policyNo', 'renewedPolicyNo', 'claimNo', 'plateNo', 'contractNo']);

/** A parsed table held column by column. */
interface Columns {
  /** The table without its rows and findings (statistics report no findings: validate does). */
  table: ParsedTable;
  keys: readonly string[];
  rowNumbers: Int32Array;
  values: unknown[][];
  invalid: Map<number, Record<string, string>>;
}

function pick(o: Record<string, string>, keys: readonly string[]): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const k of keys) if (o[k] !== undefined) (out ??= {})[k] = o[k];
  return out;
}

export class LedgerLoader {
  private readonly held: Columns[] = [];
  private readonly shared = new Map<string, string>();
  private settings: Settings = defaultSettings();
  private readonly sources: LoadedLedgers['sources'] = [];
  private readonly unmatched: LoadedLedgers['unmatched'] = [];

  constructor(private readonly asOf: string) {}

  /** Reads one workbook's ledgers; `onRows` is told how many grid rows are done, now and then. */
  add(book: { file: string; grids: readonly Grid[] }, onRows?: (rows: number) => void): void {
    // Statistics report no findings (validate does): no cross-table rules, and only the fields the figures read are checked.
    const sheets = readLedgerSheets(book.grids, {
      asOf: this.asOf,
      settings: this.settings,
      crossTable: false,
      onRows,
      only: statsFieldsOf,
    });
    this.settings = sheets.settings;
    for (const t of sheets.tables) {
      this.held.push(this.columns(t));
      this.sources.push({
        file: book.file,
        sheet: t.sheet,
        table: t.table.key,
        headerRow: t.headerRow,
        rows: t.rows.length,
      });
    }
    for (const sheet of sheets.unmatched) this.unmatched.push({ file: book.file, sheet });
  }

  finish(): LoadedLedgers {
    return { tables: this.held.map(rowsOf), settings: this.settings, sources: this.sources, unmatched: this.unmatched };
  }

  private columns(t: ParsedTable): Columns {
    // The fields each ledger says its figures read (registry), or every column.
    const keys = statsFieldsOf(t.table.key) ?? t.table.columns.map((c) => c.key);
    const values: unknown[][] = keys.map(() => []);
    const rowNumbers = new Int32Array(t.rows.length);
    const invalid = new Map<number, Record<string, string>>();
    t.rows.forEach((r, i) => {
      rowNumbers[i] = r.row;
      const data = r.data as Record<string, unknown>;
      for (let k = 0; k < keys.length; k++) {
        const v = data[keys[k]];
        values[k].push(typeof v === 'string' && !UNIQUE.has(keys[k]) ? this.share(v) : v);
      }
      const bad = r.invalid && pick(r.invalid, keys);
      if (bad) invalid.set(i, bad);
    });
    return { table: { ...t, rows: [], findings: [] }, keys, rowNumbers, values, invalid };
  }

  private share(s: string): string {
    const known = this.shared.get(s);
    if (known !== undefined) return known;
    this.shared.set(s, s);
    return s;
  }
}

/** Rows again, each carrying its sheet as the figures read it. */
function rowsOf(c: Columns): ParsedTable {
  const { table, keys, rowNumbers, values, invalid } = c;
  const rows: SourcedRow<Record<string, unknown>>[] = [];
  for (let i = 0; i < rowNumbers.length; i++) {
    const data: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++) if (values[k][i] !== undefined) data[keys[k]] = values[k][i];
    const bad = invalid.get(i);
    rows.push(
      bad
        ? { sheet: table.sheet, row: rowNumbers[i], data, invalid: bad }
        : { sheet: table.sheet, row: rowNumbers[i], data },
    );
  }
  return { ...table, rows };
}

export function ledgersOfBooks(
  books: readonly { file: string; grids: readonly Grid[] }[],
  asOf: string,
): LoadedLedgers {
  const loader = new LedgerLoader(asOf);
  for (const b of books) loader.add(b);
  return loader.finish();
}

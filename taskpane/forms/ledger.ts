/**
 * A ledger sheet as a form sees it: where its columns are, the engine's reading of its rows
 * (for duplicates and cross-table checks), and the row a new entry goes to. Pure: built from
 * a Grid, whoever read it.
 */
import type { Cell, Grid } from '../../src/grid';
import { columnIndex } from '../../src/grid';
import type { Table } from '../../src/ledgers/schema';
import { detectHeader, HEADER_SCAN_ROWS } from '../../src/read/headers';
import { readTable, type ParsedTable } from '../../src/read/table';
import { cellText, toHalfWidth } from '../../src/rules/text';
import { isFormulaHeader } from '../../src/tasks/upgrade/formulas';
import { knownTables } from './specs';

export interface LedgerView {
  sheet: string;
  parsed: ParsedTable;
  date1904: boolean;
  /** Ledger column key → 0-based sheet column. */
  columns: Record<string, number>;
  /** 1-based row a new entry goes to. */
  nextRow: number;
  /** A total row (合计) above `nextRow` and below the data: a new entry is not in its sums. */
  totalAbove?: number;
  /** The cells of a 1-based sheet row, by 0-based sheet column. */
  cells: (row: number) => Cell[];
}

/** Our formula columns as 升级为工具 names them, plain or renamed beside a ledger's own column. */
const isOurFormulaHeader = (cell: Cell): boolean => {
  if (typeof cell !== 'string') return false;
  const t = cell.trim();
  return isFormulaHeader(t) || (t.endsWith('（公式）') && isFormulaHeader(t.slice(0, -4)));
};

/**
 * The grid with our formula columns' headers blanked, as the upgrade reads it: `保险公司应付`
 * is not the 保险公司 column, and a form never writes a formula column.
 */
function withoutFormulaHeaders(grid: Grid): Grid {
  const rows = grid.rows.slice();
  for (let r = 0; r < Math.min(rows.length, HEADER_SCAN_ROWS); r++) {
    const row = rows[r];
    if (row?.some(isOurFormulaHeader)) rows[r] = row.map((c) => (isOurFormulaHeader(c) ? null : c));
  }
  return { ...grid, rows };
}

/** The table a sheet holds (its header rows are enough), or undefined. */
export function tableOfSheet(grid: Grid): Table | undefined {
  return detectHeader(withoutFormulaHeaders(grid), knownTables())?.table;
}

/** The sheet read as `table`, or undefined when it holds no ledger or another one. */
export function ledgerViewOf(grid: Grid, table: Table, asOf: string): LedgerView | undefined {
  const g = withoutFormulaHeaders(grid);
  if (detectHeader(g, knownTables())?.table !== table) return undefined;
  const parsed = readTable(g, [table], { asOf });
  if (!parsed) return undefined;
  const columns: Record<string, number> = {};
  for (const m of parsed.columns) if (m.key) columns[m.key] = columnIndex(m.letter);

  const rowOffset = grid.origin?.row ?? 0;
  const colOffset = grid.origin?.col ?? 0;
  const cells = (row: number): Cell[] => {
    const r = grid.rows[row - 1 - rowOffset];
    if (!r) return [];
    const out: Cell[] = [];
    r.forEach((c, i) => {
      out[colOffset + i] = c;
    });
    return out;
  };
  // Below the last row holding ledger data and any total rows right under it; rows holding
  // only a pre-filled 序号 or a template's formulas are free.
  let nextRow = parsed.headerRow + 1;
  for (const r of parsed.rows) nextRow = Math.max(nextRow, r.row + 1);
  let totalAbove: number | undefined;
  while (parsed.totalRows.includes(nextRow)) totalAbove = nextRow++;
  return {
    sheet: grid.sheet,
    parsed,
    date1904: !!grid.date1904,
    columns,
    nextRow,
    ...(totalAbove ? { totalAbove } : {}),
    cells,
  };
}

/** Rows whose `key` reads as `value` (codes compare normalised), in sheet order. */
export function rowsWhere(view: LedgerView, key: string, value: unknown): number[] {
  return view.parsed.rows.filter((r) => (r.data as Record<string, unknown>)[key] === value).map((r) => r.row);
}

/** True when the 1-based row is a data row of the ledger (below the header, holding ledger data). */
export const isDataRow = (view: LedgerView, row: number): boolean => view.parsed.rows.some((r) => r.row === row);

/** The text of a sheet row's ledger cells, to tell whether the row changed since it was read. */
export function rowSignature(view: LedgerView, row: number): string {
  const c = view.cells(row);
  return JSON.stringify(
    Object.keys(view.columns)
      .sort()
      .map((k) => cellText(c[view.columns[k]])),
  );
}

/** Typed text as codes are stored: half-width, no spaces, letters upper-cased. */
const searchText = (text: string): string => toHalfWidth(text).replace(/\s+/g, '').toUpperCase();

/** At least this many characters before a part of a code (policy no., plate) is searched for. */
const MIN_PART = 4;

/**
 * Rows where any of `keys` matches what was typed: the whole value (a name, a plate, a phone
 * typed with dashes), or any part of a code or plate of 4 characters or more.
 */
export function searchRows(view: LedgerView, keys: readonly string[], text: string): number[] {
  const t = searchText(text);
  const digits = t.replace(/\D/g, '');
  if (!t) return [];
  const columns = keys.map((k) => view.parsed.table.column(k));
  return view.parsed.rows
    .filter((r) =>
      columns.some((c) => {
        const v = (r.data as Record<string, unknown>)[c.key];
        if (typeof v !== 'string') return false;
        if (v === t) return true;
        if (c.kind === 'phone') return digits.length >= 7 && v.replace(/\D/g, '') === digits;
        return (c.kind === 'code' || c.kind === 'plate') && t.length >= MIN_PART && v.includes(t);
      }),
    )
    .map((r) => r.row);
}

type GroupOf = ((row: Record<string, unknown>) => string | undefined) | undefined;

/** Every row of the group `row` belongs to (itself alone without a group, or when its group cannot be told). */
export function groupOfRow(view: LedgerView, row: number, groupOf: GroupOf): number[] {
  const data = view.parsed.rows.find((r) => r.row === row)?.data as Record<string, unknown> | undefined;
  const key = data && groupOf?.(data);
  if (!key) return [row];
  return view.parsed.rows.filter((r) => groupOf!(r.data as Record<string, unknown>) === key).map((r) => r.row);
}

/** Found rows as their groups (each with all its rows), in sheet order, named for the clerk. */
export function groupRows(
  view: LedgerView,
  rows: readonly number[],
  groupOf: GroupOf,
): { label: string; rows: number[] }[] {
  const groups: { label: string; rows: number[] }[] = [];
  const seen = new Set<number>();
  for (const row of rows) {
    if (seen.has(row)) continue;
    const members = groupOfRow(view, row, groupOf);
    for (const m of members) seen.add(m);
    const d = view.parsed.rows.find((r) => r.row === row)!.data as Record<string, unknown>;
    const label = [d.plateNo ?? d.vin, d.insuredName].filter(Boolean).join(' ') || `第 ${row} 行`;
    groups.push({ label: String(label), rows: members });
  }
  return groups;
}

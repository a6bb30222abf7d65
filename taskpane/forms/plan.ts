/**
 * What saving a form writes: the row's ledger cells, grouped into runs of adjacent columns so
 * each run is one range assignment and columns between them (a formula column, a column the
 * ledger does not know) are never touched. Pure: excel/formRows.ts carries the plan out.
 */
import type { Cell } from '../../src/grid';
import type { Table } from '../../src/ledgers/schema';
import { cellOf, formatOf } from './cells';

export interface Run {
  /** 0-based sheet row and first column. */
  row: number;
  col: number;
  cells: Cell[];
  /** The number format each cell gets if it has none of its own (General). */
  formats: (string | undefined)[];
}

/**
 * The runs writing `values` into the 1-based sheet `row` at the given ledger columns.
 * `only` limits the write to these keys (an edit writes what changed, nothing else);
 * a key in `only` without a value is cleared.
 */
export function planRow(
  table: Table,
  columns: Record<string, number>,
  row: number,
  values: Record<string, unknown>,
  only?: ReadonlySet<string>,
): Run[] {
  const cells = table.columns
    .filter((c) => columns[c.key] !== undefined && (only ? only.has(c.key) : values[c.key] !== undefined))
    .map((c) => ({ col: columns[c.key], cell: cellOf(c, values[c.key]), format: formatOf(c) }))
    .sort((a, b) => a.col - b.col);
  const runs: Run[] = [];
  for (const c of cells) {
    const last = runs[runs.length - 1];
    if (last && last.col + last.cells.length === c.col) {
      last.cells.push(c.cell);
      last.formats.push(c.format);
    } else {
      runs.push({ row: row - 1, col: c.col, cells: [c.cell], formats: [c.format] });
    }
  }
  return runs;
}

/** Where a new ledger sheet puts its columns: the template's layout, header in row 1. */
export function templateColumns(table: Table): Record<string, number> {
  return Object.fromEntries(table.columns.map((c, i) => [c.key, i]));
}

/** The keys whose text differs from what the edited row had when it was read. */
export function changedKeys(table: Table, texts: Record<string, string>, loaded: Record<string, string>): Set<string> {
  return new Set(
    table.columns.filter((c) => (texts[c.key] ?? '').trim() !== (loaded[c.key] ?? '').trim()).map((c) => c.key),
  );
}

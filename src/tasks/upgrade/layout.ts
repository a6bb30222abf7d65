/**
 * Where a ledger table sits on its sheet, and the A1 formulas that follow from it. Formulas use
 * plain A1 references relative to the row, not structured references: those survive every
 * engine and every file writer, and still work when a sheet could not become an Excel table.
 */
import { columnLetter } from '../../grid';
import type { Table, TableKey } from '../../ledgers/schema';
import { resolveFormula, type FormulaColumn } from './formulas';

export const LAST_EXCEL_ROW = 1048576;

export interface TableLayout {
  table: Table;
  sheet: string;
  /** 1-based row of the header. */
  headerRow: number;
  /** 1-based rows of the data (lastRow < firstRow when there is none). */
  firstRow: number;
  lastRow: number;
  /** Ledger column key → 0-based column index. */
  columns: Record<string, number>;
  /** The formula columns, with their 0-based column index. */
  formulas: { column: FormulaColumn; col: number }[];
  /** 0-based index of the first and last column of the table, formula columns included. */
  firstCol: number;
  lastCol: number;
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** This row's cell of a ledger column, or `""` when the table has no such column. */
function cellOf(layout: TableLayout, key: string, row: number): string {
  const col = layout.columns[key];
  return col === undefined ? '""' : `${columnLetter(col)}${row}`;
}

/** A whole data column of a table, down to the last row Excel has, so rows added later count. */
export function columnRange(layout: TableLayout, key: string): string {
  const col = layout.columns[key];
  if (col === undefined) throw new Error(`${layout.table.key} has no column ${key}`);
  const l = columnLetter(col);
  return `${quoteSheet(layout.sheet)}!$${l}$${layout.headerRow + 1}:$${l}$${LAST_EXCEL_ROW}`;
}

/** The ledger cells of a row with absolute columns, for COUNTA in conditional formats. */
function rowRange(layout: TableLayout, row: number): string {
  const cols = Object.values(layout.columns);
  return `$${columnLetter(Math.min(...cols))}${row}:$${columnLetter(Math.max(...cols))}${row}`;
}

export type LayoutOf = (table: TableKey) => TableLayout | undefined;

/**
 * A template resolved for `row`. `absoluteColumns` pins the column letters ($K5), as
 * conditional formats need when one rule covers the whole row.
 */
export function formulaAt(
  template: string,
  layout: TableLayout,
  row: number,
  others: LayoutOf,
  opts: { absoluteColumns?: boolean; self?: string } = {},
): string {
  const pin = (ref: string) => (opts.absoluteColumns && ref !== '""' ? `$${ref}` : ref);
  const withRow = template.replace(/\{row\}/g, rowRange(layout, row)).replace(/\{self\}/g, opts.self ?? '');
  return resolveFormula(withRow, {
    column: (key) => pin(cellOf(layout, key, row)),
    formula: (key) => {
      const f = layout.formulas.find((x) => x.column.key === key);
      if (!f) throw new Error(`${layout.table.key} has no formula column ${key}`);
      return pin(`${columnLetter(f.col)}${row}`);
    },
    table: (table, key) => {
      const other = others(table);
      if (!other) throw new Error(`the workbook has no ${table} table`);
      return columnRange(other, key);
    },
  });
}

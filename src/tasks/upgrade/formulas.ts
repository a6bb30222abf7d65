/**
 * Formula templates (src/ledgers/tools.ts) → Excel formulas: which references a template makes
 * and the template with every reference filled in. The formula columns themselves are declared
 * by each ledger (its `tools`), read here through the registry.
 */
import { ledgers, toolsOf, type TableKey } from '../../ledgers';
import type { FormulaColumn } from '../../ledgers/tools';

export { AS_OF } from '../../ledgers/tools';
export type { FormulaColumn, FormulaKind } from '../../ledgers/tools';

export const formulaColumnsOf = (table: TableKey): readonly FormulaColumn[] => toolsOf(table)?.formulas ?? [];

/** Every header a formula column can have, to tell our columns from a ledger's own. */
export function isFormulaHeader(header: string): boolean {
  return ledgers().some((l) => Object.values(l.tools ?? {}).some((t) => t.formulas.some((f) => f.header === header)));
}

/** Filled in by the layout, not references to columns: the row's ledger cells, the cell itself. */
const PLACEHOLDERS: ReadonlySet<string> = new Set(['{row}', '{self}']);

const REF = /\{(\$?)([A-Za-z]+)(?:\.([A-Za-z]+))?\}/g;

export interface FormulaRefs {
  /** Ledger columns of the same table the formula reads. */
  columns: string[];
  /** Other formula columns of the same row. */
  formulas: string[];
  /** Whole columns of other tables. */
  tables: { table: TableKey; key: string }[];
}

export function refsOf(formula: string): FormulaRefs {
  const out: FormulaRefs = { columns: [], formulas: [], tables: [] };
  for (const m of formula.matchAll(REF)) {
    if (PLACEHOLDERS.has(m[0])) continue;
    if (m[3]) out.tables.push({ table: m[2] as TableKey, key: m[3] });
    else if (m[1]) out.formulas.push(m[2]);
    else out.columns.push(m[2]);
  }
  return out;
}

export interface Resolver {
  /** This row's cell of a ledger column, e.g. `K5`. */
  column: (key: string) => string;
  /** This row's cell of a formula column. */
  formula: (key: string) => string;
  /** A whole data column of another table, e.g. `'回款记录'!$C$2:$C$1048576`. */
  table: (table: TableKey, key: string) => string;
}

/** The template with every reference filled in. */
export function resolveFormula(formula: string, r: Resolver): string {
  return formula.replace(REF, (_all, dollar: string, a: string, b: string | undefined) =>
    b ? r.table(a as TableKey, b) : dollar ? r.formula(a) : r.column(a),
  );
}

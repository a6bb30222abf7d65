/**
 * The cached value of every formula cell, computed with the engine's own functions on the
 * engine's reading of the row (each ledger declares them beside its formulas), so a viewer
 * that does not recalculate (a previewer, a mail client, exceljs) shows what Excel, WPS and
 * LibreOffice compute. Money in yuan (2 decimals), days as whole numbers, flags 是/否, and ''
 * where the formula gives "".
 */
import { toolsOf, type TableKey } from '../../ledgers';
import type { RowValues, ValueContext } from '../../ledgers/tools';

export type { CachedValue, ValueContext } from '../../ledgers/tools';

/** The cached values of one table's formula columns, per typed row; undefined for tables without any. */
export function formulaValues(table: TableKey, ctx: ValueContext): RowValues | undefined {
  return toolsOf(table)?.values(ctx);
}

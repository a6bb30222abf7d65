/**
 * Why a file given as a statement holds none: which of the two columns a statement cannot do
 * without (保单号, an amount) its header rows lack — the one line a clerk needs to fix it.
 */
import type { Grid } from '../../grid';
import { HEADER_SCAN_ROWS, matchHeader } from '../../read/headers';
import { statement } from '../../ledgers/statements';
import { cellText } from '../../rules/text';

export function missingStatementColumn(grids: readonly Grid[]): string {
  const amount = statement.column('amount');
  const amountNames = [amount.header, ...(amount.aliases ?? [])].slice(0, 4).join('、');
  for (const g of grids)
    for (const row of g.rows.slice(0, HEADER_SCAN_ROWS)) {
      const keys = new Set((row ?? []).map((c) => matchHeader(statement, cellText(c))?.key));
      if (keys.has('policyNo') && !keys.has('amount')) return `缺少金额列（${amountNames} 等）`;
      if (keys.has('amount') && !keys.has('policyNo')) return '缺少“保单号”列';
    }
  return `缺少“保单号”列和金额列（${amountNames} 等）`;
}

/** A validation report fed back in (e.g. to `stats`) must not count its marked-up copies as ledgers. */
import type { Grid } from '../../src/grid';
import { readLedgerSheets } from '../../src/read/sheets';

const issuanceRows = [
  ['出单日期', '保单号', '险种', '被保险人', '起保日期', '保费'],
  ['2026-10-08', 'PDAA2026000001', '非车险', '张伟', '2026-10-09', 3000],
];

describe('report copies', () => {
  it('skips 标注- copies in a workbook that has a 问题清单', () => {
    const grids: Grid[] = [
      { sheet: '问题清单', rows: [['工作表', '单元格', '列名', '级别', '代码', '说明']] },
      { sheet: '标注-承保台账', rows: issuanceRows },
    ];
    const sheets = readLedgerSheets(grids, { asOf: '2026-10-31' });
    expect(sheets.tables).toHaveLength(0);
    expect(sheets.unmatched).toEqual(['问题清单', '标注-承保台账']);
  });

  it('reads a sheet a clerk named 标注-… when the workbook is not a report', () => {
    const sheets = readLedgerSheets([{ sheet: '标注-承保台账', rows: issuanceRows }], { asOf: '2026-10-31' });
    expect(sheets.tables.map((t) => [t.sheet, t.table.key, t.rows.length])).toEqual([['标注-承保台账', 'issuance', 1]]);
  });
});

import { bigIssuanceGrid, bigRenewalGrid } from '../../src/demo/samples';
import { issuance } from '../../src/ledgers/issuance';
import { renewal } from '../../src/ledgers/renewal';
import { isBlank } from '../../src/grid';
import { validateWorkbooks } from '../../src/tasks/validate';

const ROWS = 2000;

function check(rows: ReturnType<typeof bigIssuanceGrid>) {
  const result = validateWorkbooks([{ file: 'big.xlsx', grids: [{ sheet: 'Sheet1', rows }] }], { asOf: '2026-11-25' });
  return { result, findings: result.files.flatMap((f) => [...f.findings, ...f.sheets.flatMap((s) => s.findings)]) };
}

describe('bigIssuanceGrid', () => {
  const grid = bigIssuanceGrid(ROWS);

  it('has the ledger header and every column of every row filled', () => {
    expect(grid[0]).toEqual(issuance.columns.map((c) => c.header));
    expect(grid).toHaveLength(ROWS + 1);
    for (const row of grid.slice(1)) {
      expect(row).toHaveLength(issuance.columns.length);
      expect(row.filter(isBlank)).toEqual([]);
    }
  });

  it('validates without any error or warning', () => {
    const { result, findings } = check(grid);
    expect(result.files[0].sheets[0]).toMatchObject({ ledger: 'issuance', rows: ROWS });
    expect(findings.filter((f) => f.level !== 'info')).toEqual([]);
  });

  it('varies like a real ledger and is the same for the same seed', () => {
    const col = (key: string) => grid.slice(1).map((r) => r[issuance.columns.findIndex((c) => c.key === key)]);
    expect(new Set(col('coverage'))).toEqual(new Set(['交强险', '商业险', '非车险']));
    expect(new Set(col('insurer')).size).toBe(5);
    expect(new Set(col('delivered'))).toEqual(new Set(['是', '否']));
    expect(new Set(col('policyNo')).size).toBe(ROWS);
    expect(bigIssuanceGrid(50, 5)).toEqual(bigIssuanceGrid(50, 5));
    expect(bigIssuanceGrid(50, 5)).not.toEqual(bigIssuanceGrid(50, 6));
  });
});

describe('bigRenewalGrid', () => {
  it('validates without any error or warning', () => {
    const grid = bigRenewalGrid(ROWS, 3, '2026-11-25');
    expect(grid[0]).toEqual(renewal.columns.map((c) => c.header));
    const { result, findings } = check(grid);
    expect(result.files[0].sheets[0]).toMatchObject({ ledger: 'renewal', rows: ROWS });
    expect(findings.filter((f) => f.level !== 'info')).toEqual([]);
  });
});

/** `only`: a caller that reports no findings (statistics) reads just the fields it needs. */
import { readLedgerSheets } from '../../src/read/sheets';

const grid = {
  sheet: '承保台账',
  rows: [
    ['出单日期', '保单号', '险种', '被保险人', '车架号', '起保日期', '终保日期', '保费', '实收保费', '交付状态'],
    // A bad VIN and a policy delivered unpaid: findings for validate, nothing statistics reads.
    ['2026-10-08', 'PDAA2026000001', '商业险', '张伟', 'LSJA24U6', '2026-10-09', '2027-10-08', '3,000.00', 1000, '是'],
    [
      '2026-10-09',
      'PDAA2026000002',
      '交强险',
      '王芳',
      'LSJA24U62JG269225',
      '2026-10-10',
      '2027-10-09',
      'abc',
      null,
      '否',
    ],
  ],
};

test('reads only the listed fields, still marking those it cannot read, and runs no row rules', () => {
  const full = readLedgerSheets([grid], { asOf: '2026-10-31' }).tables[0];
  expect(full.findings.map((f) => f.code).sort()).toEqual(['issuance.deliveredUnpaid', 'money.invalid', 'vin.invalid']);

  const only = readLedgerSheets([grid], {
    asOf: '2026-10-31',
    only: (t) => (t === 'issuance' ? ['policyNo', 'premium', 'paidPremium'] : undefined),
  }).tables[0];
  expect(only.rows.map((r) => [r.row, r.data, r.invalid])).toEqual([
    [2, { policyNo: 'PDAA2026000001', premium: 300000, paidPremium: 100000 }, undefined],
    [3, { policyNo: 'PDAA2026000002' }, { premium: 'abc' }],
  ]);
  expect(only.findings.map((f) => f.code)).toEqual(['money.invalid']);
});

/** Cell coercion through real files: dates, money, codes that Excel turned into numbers. */
import { join } from 'node:path';
import { readWorkbookFile } from '../../src/io/workbook';
import { brief, day, roundTrip, tempDir, writeBook } from './files';
import { readLedgerSheets } from '../../src/read/sheets';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

const ISSUANCE_HEADER = ['出单日期', '保单号', '险种', '被保险人', '起保日期', '保费', '证件号码'];
const policy = (n: number) => `PDAA2026${String(n).padStart(6, '0')}`;

describe('dates', () => {
  // Every row is issued on 2026-10-05, written another way each time.
  const spellings: [string, unknown][] = [
    ['date cell', day('2026-10-05')],
    ['date-time cell (time ignored)', new Date(Date.UTC(2026, 9, 5, 14, 30))],
    ['serial number', 46300],
    ['serial as text', '46300'],
    ['2026-10-05', '2026-10-05'],
    ['2026/10/5', '2026/10/5'],
    ['2026.10.05', '2026.10.05'],
    ['20261005 as text', '20261005'],
    ['20261005 as number', 20261005],
    ['2026年10月5日', '2026年10月5日'],
    ['full-width', '２０２６－１０－０５'],
    ['with a time', '2026-10-05 09:30:00'],
  ];

  test('every spelling of a date reads as the same day', async () => {
    const rows = [ISSUANCE_HEADER, ...spellings.map(([, v], i) => [v, policy(i), '交强险', '甲', '2026-10-06', 900])];
    const t = await roundTrip(dir, 'dates', rows as never, { numFmt: { 1: 'yyyy-mm-dd' } });
    expect(t.findings).toEqual([]);
    expect(t.rows.map((r) => r.data.issueDate)).toEqual(spellings.map(() => '2026-10-05'));
  });

  test('anything else is an error on that cell, never a guess', async () => {
    const bad = ['10/5/2026', '2026-02-30', '下周一', '2026-13-01', '20261305'];
    const rows = [ISSUANCE_HEADER, ...bad.map((v, i) => [v, policy(i), '交强险', '甲', '2026-10-06', 900])];
    const t = await roundTrip(dir, 'bad-dates', rows as never);
    expect(brief(t)).toEqual([
      'A2 date.invalid error',
      'A3 date.invalid error',
      'A4 date.invalid error',
      'A5 date.invalid error',
      'A6 date.invalid error',
    ]);
    expect(t.findings[0].message).toContain('出单日期');
    expect(t.findings[0].message).toContain('10/5/2026');
    expect(t.rows.every((r) => r.data.issueDate === undefined)).toBe(true);
    expect(t.rows[0].invalid).toEqual({ issueDate: '10/5/2026' });
  });

  test('a workbook in the 1904 date system (Mac Excel) reads the same days', async () => {
    const path = await writeBook(
      join(dir, 'mac.xlsx'),
      [
        {
          name: '承保台账',
          rows: [
            ISSUANCE_HEADER,
            [day('2026-10-05'), policy(1), '交强险', '甲', day('2026-10-06'), 900],
            [day('1904-01-02'), policy(2), '交强险', '乙', day('2026-10-06'), 900],
          ],
          numFmt: { 1: 'yyyy-mm-dd', 5: 'yyyy-mm-dd' },
        },
      ],
      { date1904: true },
    );
    const wb = await readWorkbookFile(path);
    expect(wb.grids[0].date1904).toBe(true);
    // The file really holds 1904 serials: 2026-10-05 is 44838 there (46300 in the 1900 system).
    expect(wb.grids[0].rows[1][0]).toBe(44838);
    const t = readLedgerSheets(wb.grids, { asOf: '2026-11-25' }).tables[0];
    expect(t.rows.map((r) => [r.data.issueDate, r.data.startDate])).toEqual([
      ['2026-10-05', '2026-10-06'],
      ['1904-01-02', '2026-10-06'],
    ]);
  });
});

describe('money', () => {
  const amounts: [unknown, number][] = [
    [1234.5, 123450],
    ['¥1,234.50', 123450],
    ['￥1,234.50', 123450],
    ['1,234.50元', 123450],
    ['１２３４．５', 123450],
    ['１,２３４.５０元', 123450],
    [' 980 ', 98000],
    ['RMB 12,000', 1200000],
  ];

  test('numbers and text with ¥, separators, 元 and full-width digits read exactly, in fen', async () => {
    const rows = [
      ISSUANCE_HEADER,
      ...amounts.map(([v], i) => ['2026-10-05', policy(i), '交强险', '甲', '2026-10-06', v]),
    ];
    const t = await roundTrip(dir, 'money', rows as never);
    expect(t.findings).toEqual([]);
    expect(t.rows.map((r) => r.data.premium)).toEqual(amounts.map(([, fen]) => fen));
  });

  test('unreadable, over-precise, negative and zero premiums are errors on the cell', async () => {
    const bad = ['1,234.567', '12,34', '约一千', -5, 0];
    const rows = [ISSUANCE_HEADER, ...bad.map((v, i) => ['2026-10-05', policy(i), '交强险', '甲', '2026-10-06', v])];
    const t = await roundTrip(dir, 'bad-money', rows as never);
    expect(brief(t)).toEqual([
      'F2 money.decimals error',
      'F3 money.invalid error',
      'F4 money.invalid error',
      'F5 money.notPositive error',
      'F6 money.notPositive error',
    ]);
  });
});

describe('codes that Excel turned into numbers', () => {
  test('a phone stored as a number reads back as its digits', async () => {
    const t = await roundTrip(dir, 'phone-number', [
      ['保单号', '险种', '被保险人', '联系电话', '车牌号', '终保日期'],
      ['PDZA01', '交强险', '甲', 13812345678, '京A12345', '2026-12-01'],
      ['PDZA02', '交强险', '乙', 8613912345678, '京A12346', '2026-12-01'],
    ]);
    expect(t.findings).toEqual([]);
    expect(t.rows.map((r) => r.data.phone)).toEqual(['13812345678', '13912345678']);
  });

  test('a policy number stored as 1.23E+17 is flagged code.precisionLost, not guessed', async () => {
    const t = await roundTrip(dir, 'precision', [
      ISSUANCE_HEADER,
      ['2026-10-05', 123000000000000000, '交强险', '甲', '2026-10-06', 900],
      ['2026-10-05', '1.23E+17', '交强险', '乙', '2026-10-06', 900],
      ['2026-10-05', 202610050001, '交强险', '丙', '2026-10-06', 900],
      // An ID typed as a number: Excel keeps 15 digits, which is the point of the case.
      // eslint-disable-next-line no-loss-of-precision
      ['2026-10-05', policy(4), '交强险', '丁', '2026-10-06', 900, 110101199003074514],
    ]);
    expect(brief(t)).toEqual([
      'B2 code.precisionLost error',
      'B3 code.precisionLost error',
      'G5 code.precisionLost error',
    ]);
    expect(t.findings[0].message).toContain('1.23E+17');
    expect(t.findings[0].message).toContain('保单号');
    // A number short enough to be exact is just the number written out.
    expect(t.rows[2].data.policyNo).toBe('202610050001');
  });
});

/**
 * `insdesk settle` (workflows.md §3, cli.md): the 结算清单 per insurer and the insurer's
 * statement matched policy by policy — statements as insurers send them (.xlsx with title rows
 * and text amounts on several sheets, .xls, GBK CSV), every policy in exactly one class with
 * sums that add up to both inputs, the write-back copy, the aging, and the bad inputs. Real
 * files written and read back.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import iconv from 'iconv-lite';
import * as XLSX from 'xlsx';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './streams';
import { d, tempDir, writeBook } from '../stats/helpers';

const { dir, cleanup } = tempDir('settle');
afterAll(cleanup);

const HEADER = [
  '出单日期',
  '保单号',
  '险种',
  '被保险人',
  '车牌号',
  '起保日期',
  '保费',
  '实收保费',
  '保险公司',
  '代理费率',
  '代理费已收',
];
// 代理费: 1000×0.2 = 200, 2000×0.1 = 200, 500×0.04 = 20, 3000×0.15 = 450, 800×0.2 = 160.
const POLICIES = [
  [d('2026-11-03'), 'PA001', '商业险', '张伟', '冀B12345', d('2026-11-04'), 1000, 1000, '平安产险', 0.2, null],
  [d('2026-11-05'), 'PA002', '商业险', '李娜', '冀B23456', d('2026-11-06'), 2000, 1500, '平安产险', 0.1, null],
  [d('2026-11-10'), 'PA003', '交强险', '王芳', '冀B34567', d('2026-11-11'), 500, 500, '平安产险', 0.04, null],
  [d('2026-11-12'), 'PA004', '商业险', '刘洋', '冀B45678', d('2026-11-13'), 3000, 3000, '平安产险', 0.15, null],
  // Last month's policy: the insurer pays it on this statement; it is no 对方独有.
  [d('2026-10-20'), 'PA000', '商业险', '陈静', '冀B56789', d('2026-10-21'), 800, 0, '平安产险', 0.2, null],
  // Another insurer's policy of the month: no 我方独有 on a 平安 statement.
  [d('2026-11-15'), 'TP001', '商业险', '杨帆', '冀B67890', d('2026-11-16'), 1500, 1500, '太平洋产险', 0.2, 300],
];

let ledger: string;
beforeAll(async () => {
  ledger = await writeBook(join(dir, '承保台账.xlsx'), [{ name: '承保台账', rows: [HEADER, ...POLICIES] }]);
});

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function settleJson(...args: string[]) {
  const r = await run('settle', ledger, '--period', '2026-11', '--as-of', '2026-12-31', '--json', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

test('a statement as insurers send it: title rows, ¥ text amounts, spaced and full-width policy numbers, two sheets', async () => {
  const statement = await writeBook(join(dir, '平安结算单.xlsx'), [
    {
      name: '11月',
      rows: [
        ['平安产险 代理手续费结算单'],
        ['结算期间：2026年11月'],
        ['序号', '保单号', '被保险人', '保费', '手续费'],
        [1, ' PA001 ', '张伟', '¥1,000.00', '¥200.00'], // matched, stray spaces
        [2, 'ＰＡ００２', '李娜', '¥2,000.00', '¥190.00'], // full-width, paid 10 short
        [3, 'PA004', '刘洋', '3,000', '450.00'], // matched
        [4, 'PA004', '刘洋', '3,000', '-450.00'], // charge-back: the policy twice
        [5, 'ZZ999', '孙丽', '600', '¥90.00'], // not ours
        [6, 'PA000', '陈静', '800', '160'], // last month's, matched
        [7, '', '周杰', '700', '¥70.00'], // no policy number: listed, never dropped
        ['合计', null, null, null, '¥720.00'],
      ],
    },
    {
      name: '补发',
      rows: [
        ['保单号', '结算金额'],
        ['PA003', 'abc'], // unreadable amount
      ],
    },
  ]);
  const j = await settleJson('--statement', statement);
  const rec = j.reconciliation;
  const classOf = Object.fromEntries(rec.rows.map((r: { policyNo: string; class: string }) => [r.policyNo, r.class]));
  expect(classOf).toEqual({
    PA001: 'matched',
    PA002: 'amountDiffers',
    PA004: 'duplicate',
    ZZ999: 'theirsOnly',
    PA000: 'matched',
    PA003: 'oursOnly',
  });
  expect(rec).toMatchObject({ matched: 2, amountDiffers: 1, oursOnly: 1, theirsOnly: 1, duplicate: 1, unreadable: 2 });
  expect(rec.differenceTotal).toBe(-10);
  expect(rec.rows.find((r: { policyNo: string }) => r.policyNo === 'PA002')).toMatchObject({
    ours: 200,
    theirs: 190,
    difference: -10,
  });
  // Both lines of the duplicate are listed, the charge-back kept negative.
  expect(
    rec.rows
      .find((r: { policyNo: string }) => r.policyNo === 'PA004')
      .lines.map((l: { row: number; amount: number }) => [l.row, l.amount]),
  ).toEqual([
    [6, 450],
    [7, -450],
  ]);
  expect(rec.unreadableLines.map((u: { sheet: string; cell: string }) => `${u.sheet}!${u.cell}`)).toEqual([
    '11月!B10',
    '补发!B2',
  ]);
  // The classes add up to both inputs: 6 readable lines + 2 unreadable; the policies on our side.
  expect(rec.statement).toEqual({ lines: 8, amount: 200 + 190 + 0 + 90 + 160 });
  const sums = rec.sums;
  const theirs = ['matched', 'amountDiffers', 'oursOnly', 'theirsOnly', 'duplicate'].reduce(
    (a, c) => a + sums[c].theirs,
    0,
  );
  expect(theirs).toBe(rec.statement.amount);
  expect(rec.ledger.policies).toBe(rec.matched + rec.amountDiffers + rec.oursOnly + 1 /* PA004 */);
  expect(rec.insurers).toEqual(['平安产险']);
  // The 结算清单 figures: the month's policies per insurer, to the fen.
  expect(j.insurers['平安产险']).toEqual({
    policies: 4,
    premium: 6500,
    paidPremium: 6000,
    unpaid: 500,
    commission: 870,
    commissionReceived: 0,
    commissionDue: 870,
  });
  expect(j.insurers['太平洋产险'].commissionDue).toBe(0);
  // Aging on 2026-12-31: 11-03/05 are 58/56 days old, 11-10/12 49/47, 10-20 72.
  expect(j.aging.commissionDue).toEqual({ '0-30': 0, '31-60': 870, '61-90': 160, '>90': 0 });
  expect(j.aging.unpaidPremium).toEqual({ '0-30': 0, '31-60': 500, '61-90': 800, '>90': 0 });
});

test('--insurer limits the lists and whose policies are missing; 太平 is not 太平洋', async () => {
  const statement = join(dir, '太平洋.csv');
  writeFileSync(statement, iconv.encode('保单号,代理费\r\nTP001,300.00\r\n', 'gbk'));
  const j = await settleJson('--statement', statement, '--insurer', '太平洋');
  expect(Object.keys(j.insurers)).toEqual(['太平洋产险']);
  expect(j.reconciliation).toMatchObject({ matched: 1, oursOnly: 0, theirsOnly: 0 });
  const none = await settleJson('--insurer', '太平');
  expect(none.insurers).toEqual({});
});

test('an .xls statement, the printable workbook and the write-back copy; the sources are not touched', async () => {
  const xls = join(dir, '平安.xls');
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([
      ['保单号', '手续费'],
      ['PA001', 200],
      ['PA003', 20],
      ['PA002', 150],
    ]),
    '结算',
  );
  XLSX.writeFile(wb, xls, { bookType: 'biff8' });
  const before = [sha(ledger), sha(xls)];
  const out = join(dir, '结算对账.xlsx');
  const back = join(dir, '承保台账-回填.xlsx');
  const j = await settleJson('--statement', xls, '--out', out, '--write-back', back);
  expect(j.outputs).toEqual([out, back]);
  expect([sha(ledger), sha(xls)]).toEqual(before);

  const report = new ExcelJS.Workbook();
  await report.xlsx.readFile(out);
  expect(report.worksheets.map((w) => w.name)).toEqual([
    '对账汇总',
    '结算清单-平安产险',
    '结算清单-太平洋产险',
    '金额不符',
    '我方独有',
    '相符',
    '账龄',
  ]);
  const list = report.getWorksheet('结算清单-平安产险')!;
  const cells = (r: ExcelJS.Row) => (r.values as unknown[]).slice(1);
  const rows: unknown[][] = [];
  list.eachRow((r) => rows.push(Array.from(cells(r), (v) => v ?? null)));
  const total = rows.find((r) => String(r[0]).startsWith('合计'))!;
  expect(total).toEqual(['合计 4 件', null, null, null, null, 6500, 6000, 500, null, 870, 0, 870]);
  expect(rows.some((r) => String(r[0]).startsWith('出单员：'))).toBe(true);
  expect(list.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
  expect(list.pageSetup.printTitlesRow).toBe('5:5');
  expect(cells(list.getRow(5))[0]).toBe('保单号');
  expect(list.headerFooter.oddFooter).toContain('第 &P 页，共 &N 页');

  // Matched policies' 代理费已收 filled in the copy; the rest as they were.
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.readFile(back);
  const ws = copy.worksheets[0];
  const col = (ws.getRow(1).values as unknown[]).indexOf('代理费已收');
  const received = [2, 3, 4, 5, 6, 7].map((r) => ws.getCell(r, col).value);
  expect(received).toEqual([200, null, 20, null, null, 300]);
});

test('bad input: a statement without an amount or policy column is exit 2 with one line naming the file and the column', async () => {
  const noAmount = await writeBook(join(dir, '无金额.xlsx'), [
    {
      name: 'S',
      rows: [
        ['保单号', '被保险人', '保费'],
        ['PA001', '张伟', 1000],
      ],
    },
  ]);
  let r = await run('settle', ledger, '--period', '2026-11', '--statement', noAmount);
  expect(r.code).toBe(2);
  expect(r.errLines).toHaveLength(1);
  expect(r.errLines[0]).toContain(noAmount);
  expect(r.errLines[0]).toContain('缺少金额列');
  const noPolicy = await writeBook(join(dir, '无保单号.xlsx'), [
    {
      name: 'S',
      rows: [
        ['被保险人', '手续费'],
        ['张伟', 200],
      ],
    },
  ]);
  r = await run('settle', ledger, '--period', '2026-11', '--statement', noPolicy);
  expect(r.code).toBe(2);
  expect(r.errLines).toEqual([expect.stringContaining('缺少“保单号”列')]);
  r = await run('settle', ledger, '--period', '2026-13');
  expect(r.code).toBe(2);
  r = await run('settle', ledger, '--period', '2026-11', '--write-back', join(dir, 'x.xlsx'));
  expect(r.code).toBe(2);
  expect(r.errLines).toEqual([expect.stringContaining('--statement')]);
  r = await run('settle', ledger, '--period', '2026-11', '--out', ledger);
  expect(r.code).toBe(2);
});

test('write-back from a CSV ledger without a 代理费已收 column: the copy gets the column, the CSV is untouched', async () => {
  const csv = join(dir, '承保台账.csv');
  writeFileSync(
    csv,
    '\uFEFF出单日期,保单号,险种,被保险人,起保日期,保费,保险公司,代理费率\r\n' +
      '2026-11-03,PA001,商业险,张伟,2026-11-04,1000,平安产险,0.2\r\n' +
      '2026-11-05,PA002,商业险,李娜,2026-11-06,2000,平安产险,0.1\r\n',
  );
  const statement = await writeBook(join(dir, '平安-回填.xlsx'), [
    {
      name: 'S',
      rows: [
        ['保单号', '手续费'],
        ['PA001', 200],
        ['PA002', 150],
      ],
    },
  ]);
  const before = sha(csv);
  const back = join(dir, '承保台账-回填2.xlsx');
  const r = await run('settle', csv, '--period', '2026-11', '--statement', statement, '--write-back', back, '--json');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).reconciliation).toMatchObject({ matched: 1, amountDiffers: 1 });
  expect(sha(csv)).toBe(before);
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.readFile(back);
  const ws = copy.worksheets[0];
  expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
    '出单日期',
    '保单号',
    '险种',
    '被保险人',
    '起保日期',
    '保费',
    '保险公司',
    '代理费率',
    '代理费已收',
  ]);
  // Only the matched policy is filled: a differing amount is for the clerk to decide.
  expect([ws.getCell('I2').value, ws.getCell('I3').value]).toEqual([200, null]);
  expect(ws.getCell('B2').value).toBe('PA001');
});

test('write-back into an upgraded ledger: its Excel table and formulas survive in the copy', async () => {
  const upgraded = join(dir, '承保台账-已升级.xlsx');
  expect((await run('upgrade', ledger, '--out', upgraded)).code).toBe(0);
  const statement = await writeBook(join(dir, '平安-表.xlsx'), [
    {
      name: 'S',
      rows: [
        ['保单号', '手续费'],
        ['PA003', 20],
      ],
    },
  ]);
  const back = join(dir, '已升级-回填.xlsx');
  const r = await run('settle', upgraded, '--period', '2026-11', '--statement', statement, '--write-back', back);
  expect(r.code).toBe(0);
  const zip = await JSZip.loadAsync(readFileSync(back));
  const tables = Object.keys(zip.files).filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f));
  expect(tables).toHaveLength(1);
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.readFile(back);
  const ws = copy.getWorksheet('承保台账')!;
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  const at = (h: string) => header.indexOf(h) + 1;
  // PA003 is the third policy: row 4. Its 代理费 is still a formula.
  expect(ws.getCell(4, at('保单号')).value).toBe('PA003');
  expect(ws.getCell(4, at('代理费已收')).value).toBe(20);
  expect((ws.getCell(4, at('代理费')).value as { formula?: string }).formula).toMatch(/^IF\(ISNUMBER\(/);
});

/**
 * A ledger is one module plus one registry line. This test registers a toy ledger of its own
 * (no other file knows it) and finds it working in validate, template, the form picker and
 * the statistics loader.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { col, defineTable, ledgerKeys, registerLedger, unregisterLedger } from '../../src/ledgers';
import { readWorkbookFile } from '../../src/io/workbook';
import { ledgersOfBooks } from '../../src/tasks/stats';
import { formById, formSpecs } from '../../taskpane/forms/specs';
import { run } from '../cli/streams';
import { tempDir, writeBook } from '../read/files';

const { dir, cleanup } = tempDir('insdesk-toy-');
afterEach(() => {
  process.exitCode = undefined;
});

const gifts = defineTable({
  ledger: 'gifts',
  key: 'giftIssues',
  title: '礼品发放',
  schema: z.object({
    itemNo: col.code('礼品编号', { aliases: ['编号'] }),
    holder: col.text('领用人'),
    qty: col.int('数量', { positive: true }),
    date: col.date('发放日期'),
  }),
  unique: [{ keys: ['itemNo'], level: 'error', code: 'gifts.duplicate' }],
});

beforeAll(() => {
  registerLedger({
    key: 'gifts',
    title: '礼品台账',
    tables: [gifts],
    tools: {
      giftIssues: {
        formulas: [
          {
            key: 'double',
            header: '双份数量',
            kind: 'days',
            formula: 'IF(ISNUMBER({qty}),{qty}*2,"")',
            hint: '数量 × 2',
          },
        ],
        values: () => (r) => ({ double: typeof r.qty === 'number' ? r.qty * 2 : '' }),
      },
    },
    forms: [{ id: 'gifts', label: '礼品发放登记', table: gifts }],
    statsFields: { giftIssues: ['itemNo', 'qty'] },
  });
});
afterAll(() => {
  unregisterLedger('gifts');
  cleanup();
});

const HEADER = ['礼品编号', '领用人', '数量', '发放日期', '备注'];

test('the registry lists it after the built-in ledgers', () => {
  expect(ledgerKeys()).toEqual([
    'renewal',
    'issuance',
    'intent',
    'claims',
    'contracts',
    'attendance',
    'followups',
    'targets',
    'items',
    'documents',
    'statements',
    'deliveries',
    'hotline',
    'gifts',
  ]);
});

test('validate finds its sheet by header, checks its rows and accepts --ledger gifts', async () => {
  const file = await writeBook(join(dir, '礼品.xlsx'), [
    {
      name: '十一月',
      rows: [
        HEADER,
        ['G-001', '张三', 2, '2026-11-02', ''],
        ['G-002', '李四', -1, '2026-11-03', '退回'],
        ['G-001', '王五', 1, '2026-11-04', ''],
      ],
    },
  ]);
  const r = await run('validate', file, '--json', '--as-of', '2026-11-30');
  expect(r.code).toBe(1);
  const sheet = JSON.parse(r.stdout).files[0].sheets[0];
  expect(sheet).toMatchObject({ sheet: '十一月', ledger: 'gifts', table: 'giftIssues', title: '礼品发放', rows: 3 });
  expect(
    sheet.findings.map((f: { column: string; row: number; code: string }) => `${f.column}${f.row} ${f.code}`),
  ).toEqual(['C3 int.notPositive', 'A4 gifts.duplicate']);
  expect((await run('validate', file, '--json', '--ledger', 'gifts', '--as-of', '2026-11-30')).code).toBe(1);
  expect((await run('validate', file, '--ledger', '礼品台账', '--as-of', '2026-11-30')).code).toBe(1);
});

test('template writes its sheet with headers, the formula column and the 设置 sheet', async () => {
  const out = join(dir, 'gifts-template.xlsx');
  const r = await run('template', 'gifts', '--out', out);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('已生成 礼品台账模板');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['礼品发放', '设置']);
  const header = (wb.getWorksheet('礼品发放')!.getRow(1).values as unknown[]).slice(1);
  expect(header).toEqual(['礼品编号', '领用人', '数量', '发放日期', '双份数量']);
  expect(wb.getWorksheet('礼品发放')!.getCell('E2').formula).toBe('IF(ISNUMBER(C2),C2*2,"")');
});

test('the form picker offers its form', () => {
  expect(formSpecs().map((f) => f.id)).toContain('gifts');
  expect(formById('gifts')!.table.columns.map((c) => c.header)).toEqual(['礼品编号', '领用人', '数量', '发放日期']);
});

test('the statistics loader loads its rows, with only the fields it declares', async () => {
  const file = await writeBook(join(dir, '礼品2.xlsx'), [
    { name: '礼品发放', rows: [HEADER, ['G-009', '赵六', 3, '2026-11-05', '']] },
  ]);
  const book = await readWorkbookFile(file);
  const loaded = ledgersOfBooks([{ file, grids: book.grids }], '2026-11-30');
  expect(loaded.sources).toEqual([{ file, sheet: '礼品发放', table: 'giftIssues', headerRow: 1, rows: 1 }]);
  expect(loaded.tables[0].rows.map((r) => r.data)).toEqual([{ itemNo: 'G-009', qty: 3 }]);
});

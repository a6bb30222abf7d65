/** The report workbook beyond the single-sheet case: names, several files, date systems, settings. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readWorkbookFile } from '../../src/io/workbook';
import { validateWorkbooks, type Book } from '../../src/tasks/validate';
import { markedSheetName, writeValidationReport } from '../../src/io/reportOut';
import { day, tempDir, writeBook } from '../read/files';

/** What exceljs reads back from a HYPERLINK() cell: the formula and the text it shows. */
const link = (target: string, text: string) => ({ formula: `HYPERLINK("${target}","${text}")`, result: text });

const { dir, cleanup } = tempDir();
afterAll(cleanup);

async function reportOf(
  paths: string[],
  name: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ExcelJS.Workbook> {
  const books: Book[] = [];
  for (const p of paths) books.push({ file: p, grids: (await readWorkbookFile(p)).grids });
  const out = join(dir, name);
  await writeValidationReport(out, validateWorkbooks(books, { asOf: '2026-10-31' }), books, onProgress);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  return wb;
}

test('marked sheet names are legal, at most 31 characters and unique (case-insensitively)', () => {
  const taken = new Set<string>();
  expect(markedSheetName('承保台账', taken)).toBe('标注-承保台账');
  expect(markedSheetName('承保台账', taken)).toBe('标注-承保台账(2)');
  expect(markedSheetName('Sheet1', taken)).toBe('标注-Sheet1');
  expect(markedSheetName('sheet1', taken)).toBe('标注-sheet1(2)');
  const long = 'A'.repeat(40);
  const a = markedSheetName(long, taken);
  const b = markedSheetName(long, taken);
  expect([a.length, b.length]).toEqual([31, 31]);
  expect(a).not.toBe(b);
  expect(markedSheetName("回款'", taken)).toBe('标注-回款');
  expect(markedSheetName('a[1]:b', taken)).toBe('标注-a_1__b');
});

test('two files with the same sheet name get two copies, each finding linked to its own', async () => {
  const header = ['合同编号', '回款日期', '回款金额'];
  const a = await writeBook(join(dir, 'a.xlsx'), [{ name: '回款记录', rows: [header, ['HT-1', '2026-10-01', -1]] }]);
  const b = await writeBook(join(dir, 'b.xlsx'), [
    { name: '回款记录', rows: [header, ['HT-1', '2026-10-01', 5], ['HT-2', '昨天', 5]] },
  ]);
  const wb = await reportOf([a, b], 'two.xlsx');
  expect(wb.worksheets.map((w) => w.name)).toEqual(['问题清单', '标注-回款记录', '标注-回款记录(2)']);
  const issues = wb.getWorksheet('问题清单')!;
  // Two files: the summary line names each sheet with its file.
  expect(issues.getRow(1).getCell(1).value).toBe(
    `共 2 个错误、0 个警告、0 个提示。${a} 回款记录：错误 1；${b} 回款记录：错误 1`,
  );
  const rows = [3, 4].map((n) => issues.getRow(n));
  expect(rows.map((r) => r.getCell(2).value)).toEqual([
    link("#'标注-回款记录'!C2", 'C2'),
    link("#'标注-回款记录(2)'!B3", 'B3'),
  ]);
  expect(rows.map((r) => r.getCell(6).value)).toEqual([a, b]);
  expect(JSON.stringify(wb.getWorksheet('标注-回款记录(2)')!.getCell('B3').note)).toContain('昨天');
});

test('a 1904-date-system source is copied with the dates the clerk saw', async () => {
  const path = await writeBook(
    join(dir, 'mac.xlsx'),
    [
      {
        name: '回款记录',
        rows: [
          ['合同编号', '回款日期', '回款金额'],
          ['HT-1', day('2026-10-05'), 0],
        ],
        numFmt: { 2: 'yyyy-mm-dd' },
      },
    ],
    { date1904: true },
  );
  const wb = await reportOf([path], 'mac-report.xlsx');
  const copy = wb.getWorksheet('标注-回款记录')!;
  expect(copy.getCell('B2').value).toEqual(day('2026-10-05'));
  expect(copy.getCell('C2').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
});

test('findings on the 设置 sheet are listed and marked on a copy of it', async () => {
  const path = await writeBook(join(dir, 'settings.xlsx'), [
    {
      name: '回款记录',
      rows: [
        ['合同编号', '回款日期', '回款金额'],
        ['HT-1', '2026-10-01', 5],
      ],
    },
    { name: '设置', rows: [['基准日', '月底']] },
  ]);
  const wb = await reportOf([path], 'settings-report.xlsx');
  expect(wb.worksheets.map((w) => w.name)).toEqual(['问题清单', '标注-回款记录', '标注-设置']);
  const row = wb.getWorksheet('问题清单')!.getRow(3);
  expect(row.getCell(1).value).toBe('设置');
  expect(row.getCell(2).value).toEqual(link("#'标注-设置'!B1", 'B1'));
  expect(row.getCell(8).value).toBe('settings.invalid');
  expect(JSON.stringify(wb.getWorksheet('标注-设置')!.getCell('B1').note)).toContain('月底');
});

test('a file-level finding is listed without a cell or link', async () => {
  const path = await writeBook(join(dir, 'contacts.xlsx'), [
    {
      name: 'Sheet1',
      rows: [
        ['姓名', '生日'],
        ['张三', '1990-01-01'],
      ],
    },
  ]);
  const wb = await reportOf([path], 'none.xlsx');
  expect(wb.worksheets.map((w) => w.name)).toEqual(['问题清单']);
  const row = wb.getWorksheet('问题清单')!.getRow(3);
  expect([row.getCell(1).value, row.getCell(2).value, row.getCell(4).value, row.getCell(8).value]).toEqual([
    null,
    null,
    '错误',
    'file.noLedger',
  ]);
});

test('writing reports its progress up to the number of rows written', async () => {
  const rows = [
    ['合同编号', '回款日期', '回款金额'],
    ...Array.from({ length: 4999 }, (_, i) => [`HT-${i}`, '2026-10-01', i === 7 ? -1 : 100]),
  ];
  const path = await writeBook(join(dir, 'big.xlsx'), [{ name: '回款记录', rows }]);
  const calls: [number, number][] = [];
  const wb = await reportOf([path], 'big-report.xlsx', (done, total) => calls.push([done, total]));
  // 1 finding listed + 5000 rows copied.
  expect(calls).toEqual([
    [2048, 5001],
    [4096, 5001],
    [5001, 5001],
  ]);
  expect(wb.getWorksheet('标注-回款记录')!.rowCount).toBe(5000);
});

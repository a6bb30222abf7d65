/**
 * 按部门拆分 on the strict fake: the selected list, joined to the workbook's 人力表, becomes one
 * output sheet per 部门 with 签收 and 主管确认 columns and a count; the list and the roster are
 * not touched, and a re-run replaces the sheets instead of adding more.
 */
import { NO_PROGRESS } from '../../commands/progress';
import { runSplit } from '../../commands/split';
import ExcelJS from 'exceljs';
import { DEMO_AS_OF, demoBook, gridOf, sheetFingerprint } from './demoBook';
import { readWorkbookBuffer } from '../../src/io/workbook';
import { splitWorkbook } from '../../src/io/splitBook';
import { readLedgerSheets } from '../../src/read/sheets';
import { splitList, type RosterEntry } from '../../src/tasks/split';
import { run, type FakeWorkbook } from './fakeExcel';

const PRIZES = [
  ['工号', '姓名', '奖品'],
  ['JD0201', '孟明辉', '保温杯'],
  ['JD0101', '马颖', '购物卡'],
  ['', '吴霞', '雨伞'],
];

const split = (book: FakeWorkbook) => run(book, (c) => runSplit(c as unknown as Excel.RequestContext, NO_PROGRESS));

test('the selected prize list becomes one sheet per 部门, in roster order, ready to sign', async () => {
  const book = demoBook({ 奖品: PRIZES });
  book.state.activeSheet = book.sheet('奖品');
  const before = ['奖品', '人力表'].map((s) => sheetFingerprint(book, s));
  const summary = await split(book);
  expect(summary.by).toBe('部门');
  expect(summary.sheets).toEqual(['部门-续保部', '部门-承保部']);
  expect(book.values('部门-续保部', 'A1:E6')).toEqual([
    ['续保部（共 2 条）', '', '', '', ''],
    ['工号', '姓名', '奖品', '签收', '主管确认'],
    ['JD0101', '马颖', '购物卡', '', ''],
    ['', '吴霞', '雨伞', '', ''],
    ['', '', '', '', ''],
    ['合计 2 条', '', '主管签字：', '', '日期：'],
  ]);
  expect(['奖品', '人力表'].map((s) => sheetFingerprint(book, s))).toEqual(before);
  // Again, from the list: the same sheets, replaced.
  book.state.activeSheet = book.sheet('奖品');
  await split(book);
  expect(book.sheetNames.filter((s) => s.startsWith('部门-'))).toEqual(['部门-续保部', '部门-承保部']);
});

test('a sheet that is no list says so and writes nothing', async () => {
  const book = demoBook();
  book.state.activeSheet = book.sheet('设置');
  const names = book.sheetNames;
  await expect(split(book)).rejects.toThrow(/「设置」中没有“部门”或“业务归属”列/);
  expect(book.sheetNames).toEqual(names);
});

test('where Excel can open a workbook, the lists are one of their own — the CLI’s file — and the workbook gains nothing', async () => {
  const book = demoBook({ 奖品: PRIZES });
  book.state.activeSheet = book.sheet('奖品');
  const names = book.sheetNames;
  const opened: string[] = [];
  const summary = await run(book, (c) =>
    runSplit(c as unknown as Excel.RequestContext, NO_PROGRESS, async (b64) => void opened.push(b64)),
  );
  expect(summary).toMatchObject({ by: '部门', sheets: ['续保部', '承保部'], newWorkbook: true });
  expect(book.sheetNames).toEqual(names);
  expect(opened).toHaveLength(1);

  // The same lists `insdesk split --out` writes for the same rows and roster.
  const grids = ['奖品', '人力表'].map((s) => gridOf(book, s));
  const result = splitList(
    [grids[0]],
    '部门',
    readLedgerSheets(grids, { asOf: DEMO_AS_OF })
      .tables.find((t) => t.table.key === 'roster')!
      .rows.map((r) => r.data as RosterEntry),
  )!;
  const cli = await splitWorkbook(ExcelJS, result, '奖品 按部门拆分').xlsx.writeBuffer();
  const read = async (bytes: Uint8Array) =>
    (await readWorkbookBuffer(bytes, 'x.xlsx')).grids.map((g) => [g.sheet, g.rows]);
  expect(await read(Buffer.from(opened[0], 'base64'))).toEqual(await read(new Uint8Array(cli)));
});

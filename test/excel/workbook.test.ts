/** Reading the whole workbook: few round trips whatever the number of sheets, chunks under Excel's limits. */
import { RequestBatch } from '../../taskpane/excel/batch';
import { markOf, OUTPUT_MARK } from '../../taskpane/excel/outputSheet';
import { readWorkbook, type ReadWorkbookOptions } from '../../taskpane/excel/workbook';
import { FakeWorkbook, run } from './fakeExcel';

const read = (book: FakeWorkbook, options: ReadWorkbookOptions = {}) =>
  run(book, (c) => readWorkbook(new RequestBatch(c as unknown as Excel.RequestContext), options));

const rows = (n: number, width = 6) =>
  Array.from({ length: n }, (_, r) => Array.from({ length: width }, (_, c) => `第${r + 1}行第${c + 1}列的内容`));

test('many small sheets: the list, the used ranges and marks, then all values in one request; insdesk output skipped', async () => {
  const book = new FakeWorkbook({ 甲: rows(5), 乙: rows(3), 丙: [], 问题清单: rows(2) }, { date1904: true });
  book
    .sheet('问题清单')
    .customProperties.set(OUTPUT_MARK.toLowerCase(), { key: OUTPUT_MARK, value: markOf('validate', '问题清单') });
  const snapshot = await read(book);
  expect(book.syncCount).toBe(3);
  expect(snapshot.readChunks).toBe(1);
  expect(snapshot.date1904).toBe(true);
  expect(snapshot.sheets.map((s) => [s.name, s.position, s.output, s.used?.rows ?? 0])).toEqual([
    ['甲', 0, undefined, 5],
    ['乙', 1, undefined, 3],
    ['丙', 2, undefined, 0],
    ['问题清单', 3, 'validate:问题清单', 2],
  ]);
  expect(snapshot.grids.map((g) => [g.sheet, g.rows.length])).toEqual([
    ['甲', 5],
    ['乙', 3],
    ['丙', 0],
  ]);
  expect(snapshot.grids[0].rows[4][5]).toBe('第5行第6列的内容');
});

test('a big sheet is read in chunks: each response under the target, no read over the cell limit', async () => {
  const book = new FakeWorkbook({ 台账: rows(20_000), 备注: rows(10) }, { maxReadCells: 30_000 });
  const snapshot = await read(book, { targetBytes: 500_000, maxCells: 30_000 });
  expect(snapshot.grids[0].rows).toEqual(rows(20_000));
  expect(snapshot.grids[1].rows).toEqual(rows(10));
  expect(snapshot.readChunks).toBeGreaterThan(4);
  expect(book.syncCount).toBe(2 + snapshot.readChunks);
  expect(Math.max(...book.responseBytes)).toBeLessThanOrEqual(500_000 * 1.3);
});

test('a response Excel refuses is asked for again in halves, with the look-ups that ride along', async () => {
  const book = new FakeWorkbook({ 台账: rows(400), 设置: [['基准日', 46351]] }, { payloadLimitBytes: 40_000 });
  book
    .sheet('台账')
    .conditionalFormats.push({ rect: { row: 1, col: 0, rows: 10, cols: 1 }, type: 'Custom', formula: '=A2=""' });
  book.sheet('台账').formulas.set(1, 5, '=A2');
  const snapshot = await read(book, { conditionalFormats: true, headFormulas: 3, targetBytes: 4_000_000 });
  expect(book.syncs.some((s) => s.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
  expect(snapshot.grids[0].rows.slice(0, 3).map((r) => r[0])).toEqual([
    '第1行第1列的内容',
    '第2行第1列的内容',
    '第3行第1列的内容',
  ]);
  expect(snapshot.grids[0].rows).toHaveLength(400);
  const sheet = snapshot.sheets[0];
  expect(sheet.customFormats?.map((f) => [f.formula, f.address])).toEqual([['=A2=""', 'A2:A11']]);
  expect(sheet.headFormulas?.[1][5]).toBe('=A2');
});

test('tables and names are looked up in the same request as the used ranges', async () => {
  const book = new FakeWorkbook({
    台账: [
      ['a', 'b'],
      [1, 2],
    ],
  });
  await run(book, async (c) => {
    c.workbook.worksheets.getItem('台账').tables.add('A1:B2', true).name = '我的表';
    c.workbook.names.add('AsOfDate', '=台账!$A$2');
  });
  const before = book.syncCount;
  const snapshot = await read(book, { tables: true, names: true });
  expect(book.syncCount - before).toBe(3);
  expect(snapshot.sheets[0].tables).toEqual(['我的表']);
  expect([...snapshot.names!]).toEqual(['asofdate']);
});

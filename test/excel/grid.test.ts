/** Grid read/write through Office.js, against the strict fake: correctness, round trips, request sizes. */
import type { Cell } from '../../src/grid';
import { RequestBatch } from '../../taskpane/excel/batch';
import { dateToSerial } from '../../taskpane/excel/cells';
import { readUsedGrid, writeGrid } from '../../taskpane/excel/grid';
import { FakeOfficeError, FakeWorkbook, run } from './fakeExcel';
import type { FakeRequestContext } from './fakeExcel';

const ctx = (c: FakeRequestContext) => c as unknown as Excel.RequestContext;
const sheetOf = (c: FakeRequestContext, name: string) =>
  c.workbook.worksheets.getItem(name) as unknown as Excel.Worksheet;

const HEADERS = [
  '保单号',
  '险种',
  '被保险人',
  '联系电话',
  '车牌号',
  '车架号',
  '厂牌型号',
  '使用性质',
  '起保日期',
  '终保日期',
  '上年保费',
  '经办人',
  '业务归属',
  '所属人员',
  '发放日期',
  '联系结果',
  '续保保单号',
  '续保日期',
  '备注',
];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
];
const RESULTS = ['成功续保', '有意向', '预约回电', '无人接听', '明确拒绝', null];
const NOTES = ['', '客户要求电话联系', '-', '=非公式', '+86 转人工', '0012 号车位', 'TRUE', '2026-10-05 已联系'];
const day = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000);

/** A renewal list as the core system exports it, with the cells that trip naive writers. */
function renewalRows(n: number): Cell[][] {
  const rows: Cell[][] = [HEADERS];
  for (let i = 0; i < n; i++) {
    const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length];
    const start = day(i % 365);
    const renewed = i % 5 === 0;
    rows.push([
      `PDZA2026${String(i).padStart(10, '0')}`,
      i % 3 === 0 ? '交强险' : '商业险',
      name,
      `13${String(800_000_000 + ((i * 7919) % 199_999_999)).padStart(9, '0')}`,
      `冀B${String(10_000 + (i % 89_999))}`,
      `LSVAU2180N${String(i).padStart(7, '0')}`,
      '大众汽车SVW71612PM',
      '家庭自用',
      start,
      day((i % 365) + 364),
      Math.round(((i * 37) % 500_000) + 95_000) / 100,
      SURNAMES[(i + 3) % SURNAMES.length] + '经理',
      i % 2 ? '冀东业务' : '代理公司业务',
      i % 4 ? `专员${i % 6}` : null,
      i % 4 ? day(i % 365) : null,
      RESULTS[i % RESULTS.length],
      renewed ? `PDZA2027${String(i).padStart(10, '0')}` : null,
      renewed ? day((i % 365) + 350) : null,
      NOTES[i % NOTES.length],
    ]);
  }
  return rows;
}

/** What Excel gives back for a written cell: dates as serials, empty as ''. */
const asRead = (c: Cell): Cell => (c === null || c === undefined ? '' : c instanceof Date ? dateToSerial(c) : c);

/** The first row that differs (jest's deep equality takes seconds on 2 million cells). */
function firstDifference(
  expected: Cell[][],
  actual: Cell[][],
): { row: number; expected?: Cell[]; actual?: Cell[] } | null {
  for (let r = 0; r < Math.max(expected.length, actual.length); r++) {
    const e = expected[r],
      a = actual[r];
    if (!e || !a || e.length !== a.length || e.some((v, c) => v !== a[c])) return { row: r, expected: e, actual: a };
  }
  return null;
}

describe('writeGrid + readUsedGrid', () => {
  test('a 100,000 × 19 renewal list round-trips in chunked requests under 5 MB', async () => {
    const rows = renewalRows(100_000);
    const book = new FakeWorkbook({ 续保清单: [] });
    let chunks = 0;
    await run(book, async (c) => {
      const batch = new RequestBatch(ctx(c), { suspendCalculation: true });
      chunks = await writeGrid(batch, sheetOf(c, '续保清单'), { row: 0, col: 0 }, rows);
      await batch.flush();
      expect(batch.syncs).toBe(chunks);
    });
    const writeSyncs = book.syncCount;
    expect(chunks).toBeGreaterThan(1);
    expect(writeSyncs).toBe(chunks);
    // Calculation is suspended in every request that writes, before the write.
    for (const s of book.syncs) expect(s.ops[0]).toBe('call Application.suspendApiCalculationUntilNextSync');

    const grid = await run(book, (c) => readUsedGrid(ctx(c), sheetOf(c, '续保清单')));
    const readSyncs = book.syncCount - writeSyncs;
    const readChunks = readSyncs - 1;

    expect(book.maxRequestBytes).toBeLessThanOrEqual(5_000_000);
    expect(book.maxResponseBytes).toBeLessThanOrEqual(5_000_000);
    expect(book.syncs.every((s) => s.error === undefined)).toBe(true);
    expect(readSyncs).toBeLessThanOrEqual(4 + readChunks);
    expect(book.syncCount).toBeLessThanOrEqual(4 + chunks + readChunks);

    expect(grid.sheet).toBe('续保清单');
    expect(grid.origin).toEqual({ row: 0, col: 0 });
    expect(grid.date1904).toBe(false);
    expect(grid.rows).toHaveLength(rows.length);
    expect(
      firstDifference(
        rows.map((r) => r.map(asRead)),
        grid.rows,
      ),
    ).toBeNull();
    // Text that looks like a number, formula or boolean stayed text.
    expect(grid.rows[1][3]).toMatch(/^13\d{9}$/);
    expect(grid.rows.slice(1, 9).map((r) => r[18])).toEqual(NOTES);
  });

  test('formulas and per-column number formats are written with the values', async () => {
    const book = new FakeWorkbook({ S: [] });
    await run(book, async (c) => {
      const batch = new RequestBatch(ctx(c));
      await writeGrid(
        batch,
        sheetOf(c, 'S'),
        { row: 2, col: 1 },
        [
          ['保费', '费率', '代理费'],
          [1000, 0.15, null],
          [2000.5, 0.2],
        ],
        {
          formulas: [undefined, [null, null, '=ROUND(B4*C4,2)'], [null, null, '=ROUND(B5*C5,2)']],
          columnFormats: ['#,##0.00', '0%', '#,##0.00'],
        },
      );
      await batch.flush();
    });
    expect(book.formulas('S', 'B3:D5')).toEqual([
      ['保费', '费率', '代理费'],
      [1000, 0.15, '=ROUND(B4*C4,2)'],
      [2000.5, 0.2, '=ROUND(B5*C5,2)'],
    ]);
    expect(book.sheet('S').numberFormats.get(4, 2)).toBe('0%');
    expect(book.syncCount).toBe(1);
  });

  test('ragged rows are padded and empty cells cleared over old content', async () => {
    const book = new FakeWorkbook({
      S: [
        ['x', 'x', 'x'],
        ['x', 'x', 'x'],
      ],
    });
    await run(book, async (c) => {
      const batch = new RequestBatch(ctx(c));
      await writeGrid(batch, sheetOf(c, 'S'), { row: 0, col: 0 }, [['a'], [null, 'b', undefined]]);
      await batch.flush();
    });
    expect(book.values('S', 'A1:C2')).toEqual([
      ['a', '', ''],
      ['', 'b', ''],
    ]);
  });

  test('small writes share one request; a row too big for any request is refused before anything is sent', async () => {
    const book = new FakeWorkbook({ S: [] });
    await run(book, async (c) => {
      const batch = new RequestBatch(ctx(c));
      await writeGrid(batch, sheetOf(c, 'S'), { row: 0, col: 0 }, [['a']]);
      await writeGrid(batch, sheetOf(c, 'S'), { row: 5, col: 0 }, [['b']]);
      await batch.flush();
      await expect(
        writeGrid(new RequestBatch(ctx(c), { targetBytes: 1000 }), sheetOf(c, 'S'), { row: 9, col: 0 }, [
          ['z'.repeat(2000)],
        ]),
      ).rejects.toThrow(/超过一次请求的上限/);
    });
    expect(book.syncCount).toBe(1);
    expect(book.values('S', 'A1:A10').flat()).toEqual(['a', '', '', '', '', 'b', '', '', '', '']);
  });

  test('a formula must start with =', async () => {
    const book = new FakeWorkbook({ S: [] });
    await run(book, async (c) => {
      await expect(
        writeGrid(new RequestBatch(ctx(c)), sheetOf(c, 'S'), { row: 0, col: 0 }, [[1]], { formulas: [['SUM(A1)']] }),
      ).rejects.toThrow(/=/);
    });
  });
});

describe('readUsedGrid', () => {
  test('an empty sheet is one round trip and no rows', async () => {
    const book = new FakeWorkbook({ 空表: [] });
    const grid = await run(book, (c) => readUsedGrid(ctx(c), sheetOf(c, '空表')));
    expect(grid).toEqual({ sheet: '空表', rows: [], date1904: false, origin: { row: 0, col: 0 } });
    expect(book.syncCount).toBe(1);
  });

  test('the origin of a used range that does not start at A1, and the 1904 date system', async () => {
    const book = new FakeWorkbook(
      { S: [[], [], [null, null, '标题'], [null, null, '终保日期', '保费'], [null, null, 1, 2]] },
      { date1904: true },
    );
    const grid = await run(book, (c) => readUsedGrid(ctx(c), sheetOf(c, 'S')));
    expect(grid.origin).toEqual({ row: 2, col: 2 });
    expect(grid.date1904).toBe(true);
    expect(grid.rows).toEqual([
      ['标题', ''],
      ['终保日期', '保费'],
      [1, 2],
    ]);
  });

  test('fat rows: chunks shrink to keep each response under the limit, recovering from a response that was too large', async () => {
    const fat = 'x'.repeat(400);
    const rows = Array.from({ length: 300 }, (_, i) => [`行${i}`, fat, fat]);
    const book = new FakeWorkbook({ S: rows }, { payloadLimitBytes: 60_000 });
    const progress: number[] = [];
    const grid = await run(book, (c) =>
      readUsedGrid(ctx(c), sheetOf(c, 'S'), { targetBytes: 50_000, onProgress: (done) => progress.push(done) }),
    );
    expect(grid.rows).toEqual(rows);
    // The first guess (48 bytes a cell) was far too small for 400-character cells.
    expect(book.syncs.some((s) => s.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    expect(Math.max(...book.syncs.filter((s) => !s.error).map((s) => s.responseBytes))).toBeLessThanOrEqual(60_000);
    expect(progress[progress.length - 1]).toBe(300);
  });

  test('no read covers more cells than Excel allows', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => Array.from({ length: 20 }, (_, j) => i * 20 + j));
    const book = new FakeWorkbook({ S: rows }, { maxReadCells: 500 });
    const grid = await run(book, (c) => readUsedGrid(ctx(c), sheetOf(c, 'S'), { maxCells: 500 }));
    expect(grid.rows).toEqual(rows);
    expect(book.syncCount).toBe(1 + 4);
  });

  test('other errors are not retried', async () => {
    const book = new FakeWorkbook({ S: [['a']] });
    await expect(
      run(book, (c) => readUsedGrid(ctx(c), c.workbook.worksheets.getItem('无此表') as unknown as Excel.Worksheet)),
    ).rejects.toBeInstanceOf(FakeOfficeError);
  });
});

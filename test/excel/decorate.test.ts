/** Formats, links, tables, validation, conditional formats, names and charts — batched into few requests. */
import { RequestBatch } from '../../taskpane/excel/batch';
import {
  absoluteRef,
  addChart,
  addFormulaHighlight,
  addTable,
  applyValidation,
  cellAreas,
  defineNames,
  formatColumns,
  highlightCells,
  hyperlinkFormula,
  listRule,
  styleHeader,
} from '../../taskpane/excel/decorate';
import { writeGrid } from '../../taskpane/excel/grid';
import { replaceOutputSheet } from '../../taskpane/excel/outputSheet';
import { FakeWorkbook, run } from './fakeExcel';
import type { FakeRequestContext } from './fakeExcel';

const ctx = (c: FakeRequestContext) => c as unknown as Excel.RequestContext;
const sheetOf = (c: FakeRequestContext, name: string) =>
  c.workbook.worksheets.getItem(name) as unknown as Excel.Worksheet;

test('references and links quote sheet names the way Excel needs', () => {
  expect(absoluteRef('设置', { row: 1, col: 1, rows: 1, cols: 1 })).toBe("'设置'!$B$2");
  expect(absoluteRef("Bob's", { row: 1, col: 3, rows: 11, cols: 1 })).toBe("'Bob''s'!$D$2:$D$12");
  expect(hyperlinkFormula('承保台账', { row: 16, col: 5 }, 'F17')).toBe('=HYPERLINK("#\'承保台账\'!F17","F17")');
  expect(hyperlinkFormula('台账', { row: 0, col: 0 }, '说"明"')).toBe('=HYPERLINK("#\'台账\'!A1","说""明""")');
  expect(() => hyperlinkFormula('台账', { row: 0, col: 0 }, 'x'.repeat(256))).toThrow(/链接过长/);
});

test("validate's flow: 问题清单 with links and the flagged source cells highlighted — the look-ups, then one request", async () => {
  const ledger = [
    ['保单号', '车牌号', '联系电话'],
    ...Array.from({ length: 20 }, (_, i) => [`P${i}`, '京A1234', '13812345678']),
  ];
  const book = new FakeWorkbook({ 承保台账: ledger });
  const flagged = [
    { row: 3, col: 1 },
    { row: 4, col: 1 },
    { row: 5, col: 1 },
    { row: 9, col: 1 },
    { row: 4, col: 2 },
  ];
  await run(book, async (c) => {
    const out = await replaceOutputSheet(ctx(c), '问题清单');
    const batch = new RequestBatch(ctx(c), { suspendCalculation: true });
    const rows = [['位置', '问题'], ...flagged.map((f) => ['', `第${f.row + 1}行有误`])];
    const formulas = [undefined, ...flagged.map((f) => [hyperlinkFormula('承保台账', f, `B${f.row + 1}`), null])];
    await writeGrid(batch, out.sheet, { row: 0, col: 0 }, rows, { formulas });
    await styleHeader(batch, out.sheet, { row: 0, col: 0, rows: rows.length, cols: 2 });
    expect(
      await highlightCells(batch, sheetOf(c, '承保台账'), flagged, '=ISTEXT("insdesk")', { fill: '#FFC7CE' }),
    ).toBe(1);
    await batch.flush();
  });
  expect(book.syncCount).toBe(3);
  const ledger$ = book.sheet('承保台账');
  // The cells' own formatting is untouched: one conditional format over the three runs.
  expect(ledger$.fills.rows.length).toBe(0);
  expect(ledger$.conditionalFormats).toEqual([
    {
      rect: { row: 3, col: 1, rows: 7, cols: 2 },
      areas: [
        { row: 3, col: 1, rows: 3, cols: 1 },
        { row: 9, col: 1, rows: 1, cols: 1 },
        { row: 4, col: 2, rows: 1, cols: 1 },
      ],
      type: 'Custom',
      formula: '=ISTEXT("insdesk")',
      fill: '#FFC7CE',
    },
  ]);
  expect(book.formulas('问题清单', 'A2')).toEqual([['=HYPERLINK("#\'承保台账\'!B4","B4")']]);
  const out = book.sheet('问题清单');
  expect(out.bold.get(0, 1)).toBe(true);
  expect(out.freezeRows).toBe(1);
  expect([...out.autofitColumns]).toEqual([0, 1]);
});

test("upgrade's flow: table, drop-downs, date rule, highlight, names and formulas", async () => {
  const book = new FakeWorkbook({
    续保清单: [
      ['保单号', '险种', '终保日期', '联系结果'],
      ['P1', '交强险', 46300, ''],
      ['P2', '商业险', 46310, ''],
    ],
    设置: [
      ['基准日', ''],
      ['续保窗口天数', 30],
    ],
  });
  await run(book, async (c) => {
    const batch = new RequestBatch(ctx(c));
    const sheet = sheetOf(c, '续保清单');
    await addTable(batch, sheet, { row: 0, col: 0, rows: 3, cols: 4 }, '续保清单表');
    await applyValidation(batch, sheet.getRange('B2:B3'), listRule(['交强险', '商业险']), {
      title: '险种',
      error: '险种应为 交强险 或 商业险',
    });
    await applyValidation(batch, sheet.getRange('D2:D3'), listRule("='设置'!$D$2:$D$11"), {
      title: '联系结果',
      error: '请从下拉列表选择',
      prompt: '选择本次联系的结果',
    });
    await applyValidation(
      batch,
      sheet.getRange('C2:C3'),
      { date: { formula1: '2000-01-01', operator: 'GreaterThan' } },
      { title: '终保日期', error: '应为日期，如 2026-10-05' },
    );
    await addFormulaHighlight(batch, sheet.getRange('A2:D3'), '=$C2-AsOfDate<0', { fill: '#FFEB9C', bold: true });
    await defineNames(batch, [
      { name: 'AsOfDate', reference: absoluteRef('设置', { row: 0, col: 1, rows: 1, cols: 1 }) },
      {
        name: 'RenewalWindow',
        reference: absoluteRef('设置', { row: 1, col: 1, rows: 1, cols: 1 }),
        comment: '续保窗口天数',
      },
    ]);
    await batch.flush();
  });
  // The name lookup is the only extra round trip.
  expect(book.syncCount).toBe(2);
  expect(book.tables.map((t) => [t.name, t.style, t.rect])).toEqual([
    ['续保清单表', 'TableStyleMedium2', { row: 0, col: 0, rows: 3, cols: 4 }],
  ]);
  const s = book.sheet('续保清单');
  expect(s.validations.map((v) => Object.keys(v.rule ?? {})[0])).toEqual(['list', 'list', 'date']);
  expect(s.validations[0].rule).toEqual({ list: { inCellDropDown: true, source: '交强险,商业险' } });
  expect(s.validations[1].prompt).toEqual({ showPrompt: true, title: '联系结果', message: '选择本次联系的结果' });
  expect(s.validations[0].errorAlert).toMatchObject({
    showAlert: true,
    style: 'Stop',
    message: '险种应为 交强险 或 商业险',
  });
  expect(s.conditionalFormats).toEqual([
    {
      rect: { row: 1, col: 0, rows: 2, cols: 4 },
      type: 'Custom',
      formula: '=$C2-AsOfDate<0',
      fill: '#FFEB9C',
      bold: true,
    },
  ]);
  expect(book.names.get('asofdate')?.formula).toBe("='设置'!$B$1");

  // Running the upgrade again re-points existing names instead of deleting them.
  await run(book, async (c) => {
    const batch = new RequestBatch(ctx(c));
    await defineNames(batch, [{ name: 'AsOfDate', reference: "='设置'!$B$5" }]);
    await batch.flush();
  });
  expect(book.names.get('asofdate')).toMatchObject({ name: 'AsOfDate', formula: "='设置'!$B$5" });
  expect(book.syncs.slice(2).map((r) => r.ops)).toEqual([
    ['resolve names.getItemOrNullObject("AsOfDate")'],
    ['set NamedItem.formula'],
  ]);
});

test('rules and messages Excel would refuse are refused before they are queued', async () => {
  expect(() => listRule(['a,b'])).toThrow(/逗号/);
  expect(() => listRule(Array.from({ length: 60 }, (_, i) => `选项${i}`))).toThrow(/255/);
  expect(() => listRule('设置!A1:A9')).toThrow(/=/);
  const book = new FakeWorkbook({ S: [] });
  await run(book, async (c) => {
    const batch = new RequestBatch(ctx(c));
    await expect(
      applyValidation(batch, sheetOf(c, 'S').getRange('A1'), listRule(['a']), { title: '标题'.repeat(17), error: 'x' }),
    ).rejects.toThrow(/过长/);
    await expect(
      addFormulaHighlight(batch, sheetOf(c, 'S').getRange('A1'), 'A1>0', { fill: '#FFFFFF' }),
    ).rejects.toThrow(/=/);
  });
  expect(book.syncCount).toBe(0);
});

test("stats' flow: a chart over the figures it shows", async () => {
  const book = new FakeWorkbook({ S: [] });
  await run(book, async (c) => {
    const out = await replaceOutputSheet(ctx(c), '月度统计');
    const batch = new RequestBatch(ctx(c));
    await writeGrid(batch, out.sheet, { row: 0, col: 0 }, [
      ['险种', '件数'],
      ['交强险', 12],
      ['商业险', 30],
    ]);
    await addChart(batch, out.sheet, out.sheet.getRange('A1:B3'), {
      type: 'ColumnClustered',
      title: '按险种',
      topLeft: 'D2',
      bottomRight: 'K16',
      seriesBy: 'Columns',
    });
    await batch.flush();
  });
  expect(book.sheet('月度统计').charts).toEqual([
    {
      name: 'Chart 1',
      type: 'ColumnClustered',
      source: { sheet: '月度统计', rect: { row: 0, col: 0, rows: 3, cols: 2 } },
      seriesBy: 'Columns',
      title: '按险种',
      position: { start: 'D2', end: 'K16' },
    },
  ]);
  expect(book.syncCount).toBe(3);
});

test('many highlighted cells: a few conditional formats, spilling over into more requests, each under the target size', async () => {
  const book = new FakeWorkbook({ S: [] });
  const cells = Array.from({ length: 30_000 }, (_, i) => ({ row: i * 2, col: i % 7 }));
  let formats = 0;
  await run(book, async (c) => {
    const batch = new RequestBatch(ctx(c), { targetBytes: 100_000 });
    formats = await highlightCells(batch, sheetOf(c, 'S'), cells, '=TRUE', { fill: '#FFC7CE' });
    await batch.flush();
  });
  expect(formats).toBeLessThan(cells.length / 100);
  expect(book.syncCount).toBeGreaterThan(1);
  expect(book.maxRequestBytes).toBeLessThanOrEqual(100_000);
  const covered = new Set(
    book.sheet('S').conditionalFormats.flatMap((cf) => cf.areas!.map((a) => `${a.row},${a.col},${a.rows}`)),
  );
  expect(cells.every((p) => covered.has(`${p.row},${p.col},1`))).toBe(true);
});

test('cell areas: runs of a column become one area', () => {
  expect(
    cellAreas([
      { row: 4, col: 1 },
      { row: 2, col: 1 },
      { row: 3, col: 1 },
      { row: 0, col: 0 },
      { row: 3, col: 1 },
    ]),
  ).toEqual(['A1', 'B3:B5']);
});

test('column formats: set on the first row and copied down in one operation', async () => {
  const book = new FakeWorkbook({ S: [] });
  await run(book, async (c) => {
    const batch = new RequestBatch(ctx(c));
    await writeGrid(
      batch,
      sheetOf(c, 'S'),
      { row: 1, col: 0 },
      Array.from({ length: 50_000 }, (_, i) => [`'${i}`, i / 100, 'x']),
    );
    await formatColumns(batch, sheetOf(c, 'S'), { row: 1, col: 0, rows: 50_000, cols: 3 }, ['@', '#,##0.00']);
    await batch.flush();
  });
  const s = book.sheet('S');
  expect([
    s.numberFormats.get(1, 0),
    s.numberFormats.get(50_000, 0),
    s.numberFormats.get(50_000, 1),
    s.numberFormats.get(50_000, 2),
  ]).toEqual(['@', '@', '#,##0.00', 'General']);
  expect(s.numberFormats.get(0, 0)).toBeUndefined();
  expect(book.syncs.at(-1)!.ops.slice(-2)).toEqual(['set Range.numberFormat', 'call Range.copyFrom']);
});

/**
 * 月度统计 end to end on the strict fake: the demo workbook's statistics written as sheets
 * beside the ledgers — each one the engine's report sheet cell for cell, with its formats,
 * frozen header, widths and a native chart per chart of the report.
 */
import { layoutSheet, ledgersOfBooks, runStats, parsePeriod, SHEET_NAMES } from '../../src/tasks/stats';
import { isoToSerial } from '../../src/rules/date';
import { columnLetter } from '../../src/grid';
import { numFmtOf, runMonthlyStats, statsWindow, STATS_PREFIX } from '../../commands/stats';
import { NO_PROGRESS } from '../../commands/progress';
import { DEMO_AS_OF, demoBook, gridOf, sheetFingerprint, writesSuspendCalculation } from './demoBook';
import { run, type FakeWorkbook } from './fakeExcel';

const stats = (book: FakeWorkbook, period: string) =>
  run(book, (c) => runMonthlyStats(c as unknown as Excel.RequestContext, period, NO_PROGRESS));

/** What Excel holds for a laid-out cell: ISO dates in date cells as serials, nothing as ''. */
const held = (v: unknown, format: string | undefined) =>
  v === null || v === undefined
    ? ''
    : format === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
      ? isoToSerial(v)
      : v;

describe('月度统计 on the demo workbook', () => {
  test('writes the engine’s report sheets with formats, frozen headers, widths and native charts', async () => {
    const book = demoBook({ 总览: [['这是我自己的总览']] });
    const userSheets = book.sheetNames;
    const before = userSheets.map((s) => sheetFingerprint(book, s));
    // The same figures from the same cells, the way the CLI computes them.
    const period = parsePeriod('2026-11')!;
    const loaded = ledgersOfBooks([{ file: 'x', grids: userSheets.map((s) => gridOf(book, s)) }], DEMO_AS_OF);
    const expected = runStats(loaded, { period, asOf: DEMO_AS_OF });

    const summary = await stats(book, '2026-11');

    expect(summary.asOf).toBe(DEMO_AS_OF);
    expect(summary.result.json).toEqual(expected.json);
    expect(userSheets.map((s) => sheetFingerprint(book, s))).toEqual(before);
    expect(summary.sheets).toEqual(expected.report.sheets.map((s) => STATS_PREFIX + s.name));
    expect(book.sheetNames).toEqual([...userSheets, ...summary.sheets]);

    for (const sheet of expected.report.sheets) {
      const lay = layoutSheet(sheet);
      const ws = book.sheet(STATS_PREFIX + sheet.name);
      lay.rows.forEach((cells, r) =>
        cells.forEach((v, c) => expect([r, c, ws.valueAt(r, c)]).toEqual([r, c, held(v, lay.styles[r][c]?.format)])),
      );
      lay.styles.forEach((styles, r) =>
        styles.forEach((st, c) => {
          if (st?.format && st.format !== 'text')
            expect([r, c, ws.numberFormats.get(r, c)]).toEqual([r, c, numFmtOf(st.format)]);
          if (st?.role === 'header' || st?.role === 'total') expect(ws.bold.get(r, c)).toBe(true);
        }),
      );
      expect(ws.freezeRows).toBe(lay.freezeRows);
      expect(lay.widths.map((_, c) => ws.columnWidths.get(c)! > 0)).toEqual(lay.widths.map(() => true));

      const specs = expected.report.charts.filter((ch) => ch.sheet === sheet.name);
      expect(ws.charts.map((ch) => [ch.type, ch.title, ch.seriesBy])).toEqual(
        specs.map((s) => [s.kind === 'bar' ? 'BarClustered' : 'ColumnClustered', s.title, 'Columns']),
      );
      ws.charts.forEach((ch, i) => {
        // Each chart reads its own data block: the series names, then a row per category.
        const { rect } = ch.source;
        const block = Array.from({ length: rect.rows }, (_, r) =>
          Array.from({ length: rect.cols }, (_, c) => ws.valueAt(rect.row + r, rect.col + c)),
        );
        const spec = specs[i];
        expect(block).toEqual([
          ['', ...spec.series.map((s) => s.name)],
          ...spec.categories.map((cat, k) => [cat, ...spec.series.map((s) => s.values[k])]),
        ]);
        // Below the sheet's tables, the chart beside its numbers.
        expect(rect.row).toBeGreaterThan(lay.rows.length);
        expect(ch.position?.start).toBe(`${columnLetter(rect.cols + 1)}${rect.row + 1}`);
      });
    }
    expect(summary.charts).toBeGreaterThanOrEqual(4);
    expect(book.values('总览', 'A1')).toEqual([['这是我自己的总览']]);
    // November as of 11-25 is still running: the title says so.
    expect(book.sheet(`${STATS_PREFIX}${SHEET_NAMES.overview}`).values.get(0, 0)).toBe(
      '月度统计 2026年11月（截至 2026-11-25，未结束）',
    );

    const s = summary.stats;
    expect(book.syncCount).toBe(s.syncs);
    expect(s.syncs).toBeLessThanOrEqual(4 + s.readChunks + s.writeChunks);
    expect(writesSuspendCalculation(book)).toBe(true);
    expect(book.maxRequestBytes).toBeLessThanOrEqual(5_000_000);
  });

  test('a re-run for another period replaces the statistics sheets in place', async () => {
    const book = demoBook();
    await stats(book, '2026-11');
    const first = book.sheetNames;
    await stats(book, '2026-10');
    // The same sheets in place — but 物品, which has nothing before November, goes.
    expect(first).toContain(`${STATS_PREFIX}${SHEET_NAMES.items}`);
    expect(book.sheetNames).toEqual(first.filter((n) => n !== `${STATS_PREFIX}${SHEET_NAMES.items}`));
    expect(book.sheet(`${STATS_PREFIX}${SHEET_NAMES.overview}`).values.get(0, 0)).toBe('月度统计 2026年10月');
    // One chart per spec, not the old ones as well.
    expect(book.sheet(`${STATS_PREFIX}${SHEET_NAMES.issuance}`).charts.map((c) => c.title)).toEqual([
      '保费（按月，元）',
      '保费（按保险公司，元）',
    ]);
  });

  test('the period: blank is the last complete month, a running period is counted to the 基准日, a future one refused', () => {
    expect(statsWindow('', '2026-11-25')).toMatchObject({ period: { key: '2026-10' }, asOf: '2026-10-31' });
    expect(statsWindow('', '2026-11-30')).toMatchObject({ period: { key: '2026-11' }, asOf: '2026-11-30' });
    expect(statsWindow('2026-11', '2026-11-25')).toMatchObject({ period: { key: '2026-11' }, asOf: '2026-11-25' });
    expect(statsWindow('2026年10月', '2026-11-25')).toMatchObject({ period: { key: '2026-10' }, asOf: '2026-10-31' });
    expect(statsWindow('2026Q4', '2026-11-25')).toMatchObject({ asOf: '2026-11-25' });
    expect(() => statsWindow('2026-12', '2026-11-25')).toThrow(/还没有开始/);
    expect(() => statsWindow('十月', '2026-11-25')).toThrow(/统计期间无法识别: 十月（期间应写成/);
  });
});

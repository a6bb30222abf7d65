/**
 * 结算对账 on the strict fake: the demo workbook's 承保台账 settled for last month — the
 * engine's settlement report written as sheets beside the ledgers, cell for cell what the
 * command line writes — with the statement sheet of the workbook and a statement picked from
 * disk; the ledgers untouched, a re-run replacing its sheets, a file that is no statement
 * refused before anything is written.
 */
import { layoutSheet } from '../../src/tasks/stats';
import { settle, settleTables } from '../../src/tasks/settle';
import { settleJson } from '../../src/tasks/settle/json';
import { settleReport } from '../../src/tasks/settle/report';
import { parsePeriod } from '../../src/tasks/stats/period';
import { isoToSerial } from '../../src/rules/date';
import { runSettle, type SettleOptions } from '../../commands/settle';
import { NO_PROGRESS } from '../../commands/progress';
import { WORKBOOK_NAME } from '../../commands/session';
import { DEMO_AS_OF, demoBook, gridOf, sheetFingerprint } from './demoBook';
import { run, type FakeWorkbook } from './fakeExcel';

const settleOn = (book: FakeWorkbook, options: SettleOptions) =>
  run(book, (c) => runSettle(c as unknown as Excel.RequestContext, options, NO_PROGRESS));

const picked = {
  name: '平安结算单.xlsx',
  grids: [
    {
      sheet: 'S',
      date1904: false,
      rows: [
        ['保单号', '手续费'],
        ['NOT-OURS-1', '¥12.50'],
      ],
    },
  ],
};

test('last month settled beside the ledgers, as the command line computes and lays it out', async () => {
  const book = demoBook();
  const userSheets = book.sheetNames;
  const before = userSheets.map((s) => sheetFingerprint(book, s));
  const summary = await settleOn(book, { statements: [picked] });

  // The same result from the same cells, the way the CLI computes it.
  const period = parsePeriod('2026-10')!;
  const tables = [
    ...settleTables(
      userSheets.map((s) => gridOf(book, s)),
      DEMO_AS_OF,
    ).map((table) => ({ file: WORKBOOK_NAME, table })),
    ...settleTables(picked.grids, DEMO_AS_OF).map((table) => ({ file: picked.name, table })),
  ];
  const expected = settle(tables, { period, asOf: period.end });
  expect(settleJson(summary.result)).toEqual(settleJson(expected));
  const rec = summary.result.reconciliation!;
  // The workbook's own 10月手续费 sheet and the picked file, both reconciled.
  expect(rec.rows.find((r) => r.policyNo === 'NOT-OURS-1')?.class).toBe('theirsOnly');
  expect(rec.rows.filter((r) => r.class === 'amountDiffers')).toHaveLength(1);
  expect(rec.unreadable).toHaveLength(1);

  expect(userSheets.map((s) => sheetFingerprint(book, s))).toEqual(before);
  const report = settleReport(expected, [WORKBOOK_NAME, picked.name]);
  expect(summary.sheets).toEqual(report.sheets.map((s) => (s.name.startsWith('结算') ? s.name : `结算-${s.name}`)));
  expect(book.sheetNames).toEqual([...userSheets, ...summary.sheets]);
  for (const [i, sheet] of report.sheets.entries()) {
    const lay = layoutSheet(sheet);
    const ws = book.sheet(summary.sheets[i]);
    lay.rows.forEach((cells, r) =>
      cells.forEach((v, c) => {
        const want =
          v === null || v === undefined
            ? ''
            : lay.styles[r][c]?.format === 'date' && typeof v === 'string'
              ? isoToSerial(v)
              : v;
        expect([r, c, ws.valueAt(r, c)]).toEqual([r, c, want]);
      }),
    );
  }

  // Again: the same sheets, replaced, none added.
  await settleOn(book, { statements: [picked] });
  expect(book.sheetNames).toEqual([...userSheets, ...summary.sheets]);
});

test('a picked file that is no statement is refused by name and column; nothing is written', async () => {
  const book = demoBook();
  const names = book.sheetNames;
  const bad = {
    name: '名单.xlsx',
    grids: [
      {
        sheet: 'S',
        date1904: false,
        rows: [
          ['保单号', '被保险人'],
          ['A1', '张伟'],
        ],
      },
    ],
  };
  await expect(settleOn(book, { statements: [bad] })).rejects.toThrow(/名单\.xlsx 不是保险公司结算单：缺少金额列/);
  expect(book.sheetNames).toEqual(names);
});

test('--insurer and the period: only that insurer’s list; an unknown period is refused', async () => {
  const book = demoBook();
  const summary = await settleOn(book, { period: '2026-10', insurer: '人保' });
  expect(summary.result.lists.map((l) => l.insurer)).toEqual(['人保财险']);
  expect(summary.sheets).toContain('结算清单-人保财险');
  await expect(settleOn(demoBook(), { period: '2026-13' })).rejects.toThrow(/期间无法识别/);
});

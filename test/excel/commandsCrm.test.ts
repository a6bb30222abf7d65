/**
 * CRM导入 end to end on the strict fake: the demo renewal list in an open workbook → the
 * engine's CRM rows, lapsed lists and the other lists as sheets beside it, the CRM sheet
 * exported as the same CSV the CLI writes, re-runs replacing only insdesk's sheets.
 */
import { runCrm, assigneesIn } from '../../src/tasks/crm';
import { crmCsv } from '../../src/io/crmOut';
import { crmSheetCsv, runCrmImport, type CrmImportOptions } from '../../commands/crm';
import { csvText } from '../../src/tasks/crm/csv';
import { NO_PROGRESS } from '../../commands/progress';
import { bigRenewalGrid } from '../../src/demo/samples';
import { isoToSerial } from '../../src/rules/date';
import { asExcel, DEMO_AS_OF, demoBook, gridOf, sheetFingerprint, writesSuspendCalculation } from './demoBook';
import { FakeWorkbook, run } from './fakeExcel';

const crm = (book: FakeWorkbook, opts: CrmImportOptions = {}) =>
  run(book, (c) => runCrmImport(c as unknown as Excel.RequestContext, opts, NO_PROGRESS));

const held = (v: unknown) => (v === null || v === undefined ? '' : v);

describe('CRM导入 on the demo workbook', () => {
  test('writes every sheet of the engine’s run; the defaults come from 设置 and the list', async () => {
    const book = demoBook({ 汇总: [['我的汇总']] });
    const userSheets = book.sheetNames;
    const before = userSheets.map((s) => sheetFingerprint(book, s));
    const renewal = { name: '当前工作簿', grids: userSheets.map((s) => gridOf(book, s)) };
    const specialists = assigneesIn(renewal, DEMO_AS_OF);
    const expected = runCrm({ renewal }, { asOf: DEMO_AS_OF, specialists });

    const summary = await crm(book);

    expect(summary.specialists).toEqual(specialists);
    expect(specialists.length).toBeGreaterThan(1);
    expect(summary.result.counts).toEqual(expected.counts);
    expect(summary.result.counts.leads).toBeGreaterThan(0);
    expect(summary.result.counts.lapsed).toBeGreaterThan(0);
    expect(userSheets.map((s) => sheetFingerprint(book, s))).toEqual(before);
    // The clerk's 汇总 stays; ours goes beside it.
    expect(summary.sheets).toEqual(expected.sheets.map((s) => (s.name === '汇总' ? '汇总 (2)' : s.name)));
    expect(summary.sheets.slice(0, 2)).toEqual(['CRM导入', expect.stringMatching(/^脱保-/)]);
    expect(summary.sheets).toEqual(
      expect.arrayContaining(['需查找电话清单', '未处理清单', '重复记录', '无效记录', '汇总 (2)']),
    );
    expect(book.sheetNames).toEqual([...userSheets, ...summary.sheets]);
    expect(book.values('汇总', 'A1')).toEqual([['我的汇总']]);

    expected.sheets.forEach((sheet, i) => {
      const ws = book.sheet(summary.sheets[i]);
      sheet.rows.forEach((cells, r) =>
        cells.forEach((v, c) => expect([r, c, ws.valueAt(r, c)]).toEqual([r, c, held(v)])),
      );
      expect(ws.usedRect(true)?.rows ?? 0).toBe(sheet.rows.length);
      Object.entries(sheet.formats).forEach(([c, f]) => {
        if (sheet.rows.length > 1)
          expect(ws.numberFormats.get(sheet.rows.length - 1, Number(c))).toBe(
            { text: '@', money: '#,##0.00', int: '0' }[f],
          );
      });
      expect(ws.freezeRows).toBe(1);
      expect(ws.bold.get(0, 0)).toBe(true);
    });

    const s = summary.stats;
    expect(book.syncCount).toBe(s.syncs);
    expect(s.syncs).toBeLessThanOrEqual(4 + s.readChunks + s.writeChunks);
    expect(writesSuspendCalculation(book)).toBe(true);
    expect(book.maxRequestBytes).toBeLessThanOrEqual(5_000_000);

    // The CSV of the CRM sheet is byte for byte what the CLI writes for the run.
    const csv = await run(book, (c) => crmSheetCsv(c as unknown as Excel.RequestContext));
    expect(csv).toBe(crmCsv(expected.sheets[0].rows).toString('utf8'));
    expect(csv.startsWith('\uFEFF')).toBe(true);
  });

  test('explicit options; a re-run replaces the run’s sheets and drops lists it no longer produces', async () => {
    const book = demoBook();
    await crm(book);
    const lapsedBefore = book.sheetNames.filter((s) => s.startsWith('脱保-'));
    expect(lapsedBefore.length).toBeGreaterThan(0);
    // A day when nothing has lapsed yet: no 脱保 list.
    const summary = await crm(book, { asOf: '2026-01-05', specialists: ['张三', '李四'], seed: 7 });
    expect(summary.result.seed).toBe(7);
    expect(summary.result.counts.lapsed).toBe(0);
    expect(book.sheetNames.filter((s) => s.startsWith('脱保-'))).toEqual([]);
    expect(book.sheetNames.filter((s) => / \(\d+\)$/.test(s))).toEqual([]);
  });

  test('look-up sheets, a list without 所属人员, and a CSV before any import: clear messages', async () => {
    const book = demoBook();
    await expect(crm(book, { lookupSheets: ['理赔台账', '没有这张表'] })).rejects.toThrow(
      '找不到用于查电话的工作表: 没有这张表',
    );
    const withLookup = await crm(book, { lookupSheets: ['理赔台账'] });
    const without = await crm(demoBook());
    expect(withLookup.result.counts.needsPhone).toBeLessThan(without.result.counts.needsPhone);

    const nobody = demoBook();
    const list = nobody.sheet('续保清单');
    const col = (nobody.values('续保清单', 'A1:Z1')[0] as unknown[]).indexOf('所属人员');
    for (let r = 1; r < 200; r++) list.values.set(r, col, undefined);
    await expect(crm(nobody)).rejects.toThrow(/所属人员.*请在任务窗格中填写专员名单/);

    await expect(run(demoBook(), (c) => crmSheetCsv(c as unknown as Excel.RequestContext))).rejects.toThrow(
      '还没有生成「CRM导入」表',
    );
  });
});

test('a 30,000-row renewal list: several chunks each way, one sync per chunk, no request or response over 5 MB', async () => {
  const grid = bigRenewalGrid(30_000, undefined, DEMO_AS_OF).map((r) => r.map(asExcel));
  const book = new FakeWorkbook({ 续保清单: grid, 设置: [['基准日', isoToSerial(DEMO_AS_OF)]] });
  const { stats, result } = await crm(book);
  expect(result.counts.input).toBe(30_000);
  expect(stats.readChunks).toBeGreaterThan(1);
  expect(stats.writeChunks).toBeGreaterThan(1);
  expect(book.syncCount).toBe(2 + stats.readChunks + stats.writeChunks);
  expect(book.maxRequestBytes).toBeLessThanOrEqual(5_000_000);
  expect(book.maxResponseBytes).toBeLessThanOrEqual(5_000_000);
  expect(writesSuspendCalculation(book)).toBe(true);
  expect(result.sheets.map((s) => book.sheet(s.name).usedRect(true)?.rows)).toEqual(
    result.sheets.map((s) => s.rows.length),
  );
});

test('the CSV rules are the CLI’s: formula-like text guarded, quotes doubled, numbers as they are', () => {
  const rows = [
    ['保单号', '金额', '备注', '电话'],
    ['=HYPERLINK("x")', -12.5, '+86 转人工', '0012'],
    ['@SUM(A1)', 0, '说"明", 换\r\n行', null],
    ['\t开头', 1e21, '-', ''],
    [true, NaN, '普通文字', '2026-11-25'],
  ];
  expect(csvText(rows)).toBe(crmCsv(rows).toString('utf8'));
});

/**
 * Workbooks as they are in the wild, on the strict fake: a protected workbook structure, a
 * protected sheet, a PivotTable over the ledger, merged cells where the table goes, an active
 * filter, a ledger that already is a table. Every command checks before it writes and stops
 * with a Chinese message leaving the workbook as it was; when Excel refuses something half-way
 * (merges an older Excel cannot report), what the run added is removed again.
 */
import { runCrmImport } from '../../commands/crm';
import { describeError } from '../../commands/errors';
import { NO_PROGRESS } from '../../commands/progress';
import { runMonthlyStats } from '../../commands/stats';
import { runUpgrade } from '../../commands/upgrade';
import { runValidate } from '../../commands/validate';
import { demoBook, sheetFingerprint } from './demoBook';
import { run, type FakeWorkbook } from './fakeExcel';

type Ctx = Excel.RequestContext;
const COMMANDS = {
  校验: (b: FakeWorkbook) => run(b, (c) => runValidate(c as unknown as Ctx, {}, NO_PROGRESS)),
  月度统计: (b: FakeWorkbook) => run(b, (c) => runMonthlyStats(c as unknown as Ctx, '2026-10', NO_PROGRESS)),
  CRM导入: (b: FakeWorkbook) => run(b, (c) => runCrmImport(c as unknown as Ctx, {}, NO_PROGRESS)),
  升级为工具: (b: FakeWorkbook) => run(b, (c) => runUpgrade(c as unknown as Ctx, {}, NO_PROGRESS)),
};

/** Everything of the workbook a refused command must leave as it was. */
const snapshot = (b: FakeWorkbook) => ({
  sheets: b.sheetNames,
  cells: b.sheetNames.map((s) => sheetFingerprint(b, s)),
  tables: b.tables.map((t) => t.name),
  names: [...b.names.keys()],
});

/** What the clerk sees: the sheets, every value (as Office.js reports it), tables and names. */
const visible = (b: FakeWorkbook) => ({
  sheets: b.sheetNames,
  values: b.sheetNames.map((s) => b.values(s, 'A1:AD3000')),
  tables: b.tables.map((t) => t.name),
  names: [...b.names.keys()],
});

/**
 * The message a command stops with (as the ribbon shows it); the workbook after is exactly as
 * before (`undone`: as the clerk sees it — Excel cannot take back a cell's format).
 */
async function refused(
  book: FakeWorkbook,
  command: (b: FakeWorkbook) => Promise<unknown>,
  undone = false,
): Promise<string> {
  const look = undone ? visible : snapshot;
  const before = look(book);
  const message = await command(book).then(
    () => 'no error',
    (e: unknown) => describeError(e),
  );
  expect(look(book)).toEqual(before);
  return message;
}

/** Runs `work` in an Excel that reports ExcelApi 1.13 (merged areas). */
async function withExcelApi113<T>(work: () => Promise<T>): Promise<T> {
  const g = globalThis as { Office?: unknown };
  const saved = g.Office;
  g.Office = {
    context: { requirements: { isSetSupported: (_s: string, v: string) => Number(v.split('.')[1]) <= 13 } },
  };
  try {
    return await work();
  } finally {
    g.Office = saved;
  }
}

test('a protected workbook structure: every command stops before adding a sheet, and says how to go on', async () => {
  for (const [name, command] of Object.entries(COMMANDS)) {
    const book = demoBook();
    book.state.protected = true;
    expect([name, await refused(book, command)]).toEqual([
      name,
      '工作簿的结构受保护（审阅 → 保护工作簿），无法添加结果工作表。请先撤消工作簿保护，再点一次按钮；本次没有写入任何内容。',
    ]);
  }
});

test('a protected ledger sheet: 校验 cannot mark it and 升级为工具 cannot upgrade it — both stop first', async () => {
  const book = demoBook();
  book.sheet('承保台账').protected = true;
  expect(await refused(book, COMMANDS.校验)).toBe(
    '工作表「承保台账」受保护，无法标出有问题的单元格。请先在“审阅 → 撤消工作表保护”中取消保护，再点一次按钮；本次没有写入任何内容。',
  );
  expect(await refused(book, COMMANDS.升级为工具)).toMatch(/^工作表「承保台账」受保护，无法升级为工具/);
  // Commands that only add sheets of their own are not concerned.
  await COMMANDS.月度统计(book);
  expect(book.sheetNames).toContain('统计-总览');
});

test('a PivotTable over the ledger stops 校验; one beside it, or on its own sheet, does not', async () => {
  const book = demoBook();
  book.sheet('续保清单').pivots.push({ name: '数据透视表1', rect: { row: 5, col: 3, rows: 10, cols: 4 } });
  expect(await refused(book, COMMANDS.校验)).toBe(
    '工作表「续保清单」中的数据透视表「数据透视表1」（D6:G15）与台账区域重叠，Excel 不允许在其中写入。请把数据透视表移到其他工作表后再点一次按钮；本次没有写入任何内容。',
  );
  const apart = demoBook();
  apart.sheet('续保清单').pivots.push({ name: '汇总', rect: { row: 0, col: 40, rows: 10, cols: 4 } });
  await COMMANDS.校验(apart);
  expect(apart.sheetNames).toContain('问题清单');
  expect(apart.sheet('续保清单').conditionalFormats.length).toBeGreaterThan(0);
});

test('merged cells where the Excel table goes: found first where Excel can say (ExcelApi 1.13)', async () => {
  const book = demoBook();
  book.sheet('理赔台账').merges.push({ row: 3, col: 1, rows: 1, cols: 2 });
  const message = await withExcelApi113(() => refused(book, COMMANDS.升级为工具));
  expect(message).toBe(
    '工作表「理赔台账」的台账区域中有合并单元格（B4:C4），无法转换为 Excel 表格。请取消合并（开始 → 合并后居中）后再点一次按钮；本次没有写入任何内容。',
  );
});

test('merged cells an older Excel cannot report: Excel refuses the table half-way, and the run is undone', async () => {
  const book = demoBook();
  book.sheet('理赔台账').merges.push({ row: 3, col: 1, rows: 1, cols: 2 });
  // refused() checks the workbook is as it was: the ledgers put back from their backups, the
  // backups, the log, the names and the rows added to the clerk's 设置 gone again, its
  // converted values back as they were.
  expect(await refused(book, COMMANDS.升级为工具, true)).toBe(
    '台账区域中有合并单元格，无法转换为 Excel 表格。请取消合并（开始 → 合并后居中）后重试；本次添加的工作表已撤回。',
  );
  // The failure really happened in Excel, after sheets had been added.
  expect(book.syncs.some((s) => s.error === 'MergedRangeConflict')).toBe(true);
});

test('an active filter: 校验 reads and marks the hidden rows too, 升级为工具 gives the ledger a table instead of the filter', async () => {
  const book = demoBook();
  const ledger = book.sheet('承保台账');
  ledger.autoFilter = { rect: ledger.usedRect(true)!, filtered: true };
  const validated = (await COMMANDS.校验(book)) as Awaited<ReturnType<typeof runValidate>>;
  expect(validated.result.summary.errors).toBeGreaterThan(0);
  const upgraded = (await COMMANDS.升级为工具(book)) as Awaited<ReturnType<typeof runUpgrade>>;
  const issuance = upgraded.ledgers.find((l) => l.sheet === '承保台账')!;
  expect(issuance.excelTable).toMatch(/^insdesk_issuance/);
  expect(ledger.autoFilter).toBeNull();
  expect(book.tables.find((t) => t.name === issuance.excelTable)?.sheet.name).toBe('承保台账');
  // The backup keeps the filter.
  expect(book.sheet('承保台账（升级前）').autoFilter).not.toBeNull();
});

test('a ledger that already is an Excel table is upgraded without a second table over it', async () => {
  const book = demoBook();
  book.state.addTable(book.sheet('理赔台账'), book.sheet('理赔台账').usedRect(true)!, true);
  const upgraded = (await COMMANDS.升级为工具(book)) as Awaited<ReturnType<typeof runUpgrade>>;
  const claims = upgraded.ledgers.find((l) => l.sheet === '理赔台账')!;
  expect(claims.excelTable).toBeUndefined();
  expect(claims.notTable).toMatch(/^原表已有 Excel 表格/);
  expect(book.tables.filter((t) => t.sheet.name === '理赔台账')).toHaveLength(1);
});

/**
 * The four ExecuteFunction buttons, clicked: each handler runs its command end to end on the
 * strict Excel fake holding the demo ledgers, reports to the current progress sink, and
 * releases the button (event.completed) exactly once — also when the command fails, whose
 * reason reaches the clerk as one Chinese sentence.
 */
import { setPeriodPrompt } from '../../commands/prompts';
import { setProgressSink, type ProgressSink } from '../../commands/progress';
import { RIBBON_ACTIONS } from '../../commands/ribbon';
import { registerRibbonCommands } from '../../commands/ribbonCommands';
import { demoBook, gridOf } from '../excel/demoBook';
import { readWorkbookBuffer } from '../../src/io/workbook';
import { statsXlsx } from '../../src/io/statsOut';
import { ledgersOfBooks, parsePeriod, runStats } from '../../src/tasks/stats';
import { FakeWorkbook, run } from '../excel/fakeExcel';

const handlers = new Map<string, (event: { completed: () => void }) => Promise<void>>();
let paneShown = 0;
Object.assign(globalThis, {
  Office: {
    actions: {
      associate: (id: string, fn: (event: { completed: () => void }) => Promise<void>) => handlers.set(id, fn),
    },
    addin: {
      showAsTaskpane: () => {
        paneShown++;
        return Promise.resolve();
      },
    },
  },
});

let book: FakeWorkbook;
/** Whether this Excel can open a workbook of its own (ExcelApi 1.8), and what it opened. */
let canOpen = false;
const opened: string[] = [];
registerRibbonCommands(
  (batch) => run(book, (c) => batch(c as unknown as Excel.RequestContext)),
  () => (canOpen ? async (base64) => void opened.push(base64) : undefined),
);

const events: string[] = [];
const sink: ProgressSink = {
  start: (label) => events.push(`start ${label}`),
  update: () => undefined,
  finish: (message) => events.push(`finish ${message}`),
  fail: (message) => events.push(`fail ${message}`),
};
setProgressSink(sink);

async function click(action: keyof typeof RIBBON_ACTIONS): Promise<number> {
  let completed = 0;
  await handlers.get(RIBBON_ACTIONS[action])!({ completed: () => completed++ });
  return completed;
}

beforeEach(() => {
  book = demoBook();
  events.length = 0;
  setPeriodPrompt(undefined);
  canOpen = false;
  opened.length = 0;
});

test('where Excel can open workbooks, the ledger workbook gains only the 问题清单; every result is a workbook of its own', async () => {
  canOpen = true;
  const before = book.sheetNames;
  expect(await click('validate')).toBe(1);
  expect(book.sheetNames).toEqual([...before, '问题清单']);
  const grids = before.map((s) => gridOf(book, s));
  book.state.activeSheet = book.sheet('续保清单');
  for (const action of ['stats', 'daily', 'crm', 'settle', 'split'] as const) expect(await click(action)).toBe(1);
  expect(events.filter((e) => e.startsWith('fail'))).toEqual([]);
  expect(book.sheetNames).toEqual([...before, '问题清单']);
  const books = await Promise.all(opened.map((b) => readWorkbookBuffer(Buffer.from(b, 'base64'), 'x.xlsx')));
  const names = books.map((b) => b.grids.map((g) => g.sheet));
  expect(names.map((n) => n[0])).toEqual(['总览', '总览', 'CRM导入', '对账汇总', '代理公司业务']);
  expect(names[1]).toContain('专员日报');
  // 月度统计 is the CLI's report on the same cells: the last complete month of the 基准日.
  const cli = runStats(ledgersOfBooks([{ file: 'x', grids }], '2026-10-31'), { period: parsePeriod('2026-10')! });
  const theirs = await readWorkbookBuffer(await statsXlsx(cli.report), 'cli.xlsx');
  expect(books[0].grids.map((g) => [g.sheet, g.rows])).toEqual(theirs.grids.map((g) => [g.sheet, g.rows]));
  expect(names[3]).toEqual(expect.arrayContaining(['结算清单-太平财险', '金额不符', '账龄']));
});

test('every button is registered under the names the manifest gives them', () => {
  expect([...handlers.keys()].sort()).toEqual(Object.values(RIBBON_ACTIONS).sort());
});

test('校验, 月度统计, CRM导入, 升级为工具 and 恢复升级前 run one after the other on the demo workbook', async () => {
  const ledgers = book.sheetNames.filter((s) => s !== '设置');
  const before = ledgers.map((s) => gridOf(book, s));
  expect(await click('validate')).toBe(1);
  expect(await click('stats')).toBe(1);
  expect(await click('crm')).toBe(1);
  expect(await click('upgrade')).toBe(1);
  expect(events.filter((e) => !e.startsWith('start'))).toEqual([
    expect.stringMatching(/^finish 校验完成：\d+ 个错误、\d+ 个警告、\d+ 个提示，见「问题清单」/),
    expect.stringMatching(
      /^finish 统计完成：2026年10月（基准日 2026-10-31），写入 \d+ 张统计表：统计-总览、.*统计-证件到期清单、统计-新车投保率、统计-理赔月度分析/,
    ),
    expect.stringMatching(/^finish CRM导入完成（基准日 2026-11-25）：\d+ 条写入「CRM导入」/),
    expect.stringMatching(/^finish 升级完成：「续保清单」、「回访记录」、「承保台账」.*可点“恢复升级前”还原$/),
  ]);
  expect(events).toContain('start 读取工作表');
  // The ledgers are upgraded where they are; their backups are hidden.
  const visible = () => book.sheetNames.filter((s) => book.sheet(s).visibility === 'Visible');
  expect(visible()).toEqual(expect.arrayContaining(['问题清单', '统计-总览', 'CRM导入', '续保清单', '升级记录']));
  expect(book.sheetNames).toContain('续保清单（升级前）');
  expect(book.sheet('续保清单').formulas.rows.some((r) => r?.some((f) => f))).toBe(true);

  expect(await click('restore')).toBe(1);
  expect(events.at(-1)).toMatch(/^finish 已恢复「续保清单」、「回访记录」、「承保台账」.*升级前的原样$/);
  expect(book.sheetNames.filter((s) => s.endsWith('（升级前）') || s === '升级记录')).toEqual([]);
  expect(ledgers.map((s) => gridOf(book, s))).toEqual(before);
});

test('昨日日报 is one click: the day before the 基准日, with the specialists’ day and points', async () => {
  expect(await click('daily')).toBe(1);
  // The demo workbook's 基准日 (设置) is 2026-11-25.
  expect(events.at(-1)).toMatch(
    /^finish 统计完成：2026年11月24日（基准日 2026-11-24），写入 \d+ 张统计表：统计-总览、.*统计-专员日报/,
  );
  expect(book.sheet('统计-专员日报').values.get(0, 0)).toMatch(/^专员日报 2026年11月24日/);
});

test('月度统计 asks the task pane for the period; cancelling writes nothing', async () => {
  setPeriodPrompt(() => Promise.resolve('2026-10'));
  await click('stats');
  expect(book.sheet('统计-总览').values.get(0, 0)).toBe('月度统计 2026年10月');

  const fresh = demoBook();
  book = fresh;
  setPeriodPrompt(() => Promise.resolve(null));
  expect(await click('stats')).toBe(1);
  expect(events.at(-1)).toBe('finish 已取消月度统计');
  expect(fresh.syncCount).toBe(0);
});

test('a failing command still releases the button and tells the clerk why, in Chinese', async () => {
  book = new FakeWorkbook({ 备忘: [['今天要做的事']] });
  const shownBefore = paneShown;
  expect(await click('crm')).toBe(1);
  expect(events.at(-1)).toMatch(/^fail 没有找到续保清单/);
  // The pane, where the message is, comes into view even if it was closed.
  expect(paneShown).toBe(shownBefore + 1);
  setPeriodPrompt(() => Promise.resolve('十月'));
  expect(await click('stats')).toBe(1);
  expect(events.at(-1)).toMatch(/^fail 统计期间无法识别: 十月（期间应写成 2026-10 或 202610（月）、2026Q4（季度）/);
  // An Office.js error: its code is translated.
  const demo = demoBook();
  book = new FakeWorkbook(Object.fromEntries(demo.sheetNames.map((n) => [n, demo.values(n, 'A1:Z200')])), {
    payloadLimitBytes: 50_000,
  });
  expect(await click('upgrade')).toBe(1);
  expect(events.at(-1)).toMatch(/^fail 要(写入|读取)的数据超过了 Excel 单次传输的上限（5 MB）/);
});

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
import { demoBook } from '../excel/demoBook';
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
registerRibbonCommands((batch) => run(book, (c) => batch(c as unknown as Excel.RequestContext)));

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
});

test('every button is registered under the names the manifest gives them', () => {
  expect([...handlers.keys()].sort()).toEqual(Object.values(RIBBON_ACTIONS).sort());
});

test('校验, 月度统计, CRM导入 and 升级为工具 run one after the other on the demo workbook', async () => {
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
    expect.stringMatching(/^finish 升级完成：「续保清单（工具）」/),
  ]);
  expect(events).toContain('start 读取工作表');
  expect(book.sheetNames).toEqual(
    expect.arrayContaining(['问题清单', '统计-总览', 'CRM导入', '续保清单（工具）', '升级记录']),
  );
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

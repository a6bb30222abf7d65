/** Output sheets: re-running replaces only what insdesk wrote, never a user's sheet. */
import { RequestBatch } from '../../taskpane/excel/batch';
import { writeGrid } from '../../taskpane/excel/grid';
import { candidateName, markOf, OUTPUT_MARK, queueOutputs, replaceOutputSheet } from '../../taskpane/excel/outputSheet';
import { FakeWorkbook, run } from './fakeExcel';
import type { Scalar } from './fakeExcel';

/** One command run: replace the output sheet, write a grid to it, sync once. */
async function writeOutput(book: FakeWorkbook, name: string, rows: Scalar[][]): Promise<string> {
  return run(book, async (c) => {
    const context = c as unknown as Excel.RequestContext;
    const out = await replaceOutputSheet(context, name);
    const batch = new RequestBatch(context, { suspendCalculation: true });
    await writeGrid(batch, out.sheet, { row: 0, col: 0 }, rows);
    await batch.flush();
    return out.name;
  });
}

const snapshot = (book: FakeWorkbook, sheet: string) => JSON.stringify(book.values(sheet, 'A1:D5'));

describe('replaceOutputSheet', () => {
  test('creates the sheet, marked as insdesk output, in the same request as its data', async () => {
    const book = new FakeWorkbook({ 承保台账: [['保单号'], ['P1']] });
    expect(
      await writeOutput(book, '问题清单', [
        ['行', '问题'],
        [2, '车牌号格式不正确'],
      ]),
    ).toBe('问题清单');
    expect(book.sheetNames).toEqual(['承保台账', '问题清单']);
    expect(book.values('问题清单', 'A1:B2')).toEqual([
      ['行', '问题'],
      [2, '车牌号格式不正确'],
    ]);
    expect(book.sheet('问题清单').customProperties.get(OUTPUT_MARK)?.value).toBe(markOf('问题清单', '问题清单'));
    // A look at the sheet names, one at their marks, then the sheet and its data together.
    expect(book.syncCount).toBe(3);
  });

  test('a second run replaces the old output in place and leaves other sheets alone', async () => {
    const book = new FakeWorkbook({ 承保台账: [['保单号'], ['P1']], 备忘: [['别动']] });
    await writeOutput(book, '问题清单', [['旧'], ['旧'], ['旧']]);
    await run(book, async (c) => {
      c.workbook.worksheets.getItem('问题清单').position = 0;
    });
    const before = [snapshot(book, '承保台账'), snapshot(book, '备忘')];

    await writeOutput(book, '问题清单', [['新']]);
    expect(book.sheetNames).toEqual(['问题清单', '承保台账', '备忘']);
    expect(book.values('问题清单', 'A1:A3')).toEqual([['新'], [''], ['']]);
    expect([snapshot(book, '承保台账'), snapshot(book, '备忘')]).toEqual(before);
  });

  test("a user's sheet with the output's name is never touched: the output goes to name (2), and stays there", async () => {
    const book = new FakeWorkbook({ 问题清单: [['我自己的笔记'], ['重要']] });
    const mine = snapshot(book, '问题清单');

    expect(await writeOutput(book, '问题清单', [['第一次']])).toBe('问题清单 (2)');
    expect(await writeOutput(book, '问题清单', [['第二次']])).toBe('问题清单 (2)');
    expect(book.sheetNames).toEqual(['问题清单', '问题清单 (2)']);
    expect(snapshot(book, '问题清单')).toBe(mine);
    expect(book.sheet('问题清单').customProperties.size).toBe(0);
    expect(book.values('问题清单 (2)', 'A1')).toEqual([['第二次']]);
  });

  test('user sheets at name and name (2): the output goes to name (3); names compare without case', async () => {
    const book = new FakeWorkbook({ crm导入: [['a']], 'CRM导入 (2)': [['b']] });
    expect(await writeOutput(book, 'CRM导入', [['x']])).toBe('CRM导入 (3)');
    expect(book.values('crm导入', 'A1')).toEqual([['a']]);
    expect(book.values('CRM导入 (2)', 'A1')).toEqual([['b']]);
  });

  test('works when the old output is the only sheet of the workbook', async () => {
    const book = new FakeWorkbook({ 月度统计: [] });
    await run(book, async (c) => {
      c.workbook.worksheets.getItem('月度统计').customProperties.add(OUTPUT_MARK, markOf('月度统计', '月度统计'));
    });
    await writeOutput(book, '月度统计', [['续保率', 0.5]]);
    expect(book.sheetNames).toEqual(['月度统计']);
    expect(book.values('月度统计', 'A1:B1')).toEqual([['续保率', 0.5]]);
  });

  test('names stay within 31 characters with their suffix', () => {
    const long = '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二';
    expect(candidateName(long, 1)).toHaveLength(31);
    expect(candidateName(long, 12)).toHaveLength(31);
    expect(candidateName(long, 12).endsWith(' (12)')).toBe(true);
    expect(candidateName('问题清单', 2)).toBe('问题清单 (2)');
  });

  test('a name Excel would refuse is refused before any round trip', async () => {
    const book = new FakeWorkbook({ S: [] });
    await expect(
      run(book, (c) => replaceOutputSheet(c as unknown as Excel.RequestContext, '统计:10月')),
    ).rejects.toThrow(/工作表名称不合法/);
    expect(book.syncCount).toBe(0);
  });
});

describe('a run with several outputs (queueOutputs)', () => {
  /** The sheets as readWorkbook reports them. */
  async function existing(book: FakeWorkbook, c: Parameters<Parameters<typeof run>[1]>[0]) {
    const sheets = c.workbook.worksheets.load('items/name, items/position');
    await c.sync();
    const marks = sheets.items.map((ws) => ws.customProperties.getItemOrNullObject(OUTPUT_MARK).load('value'));
    await c.sync();
    return sheets.items.map((ws, i) => ({
      name: ws.name,
      position: ws.position,
      worksheet: ws as unknown as Excel.Worksheet,
      ...(marks[i].isNullObject ? {} : { output: marks[i].value }),
    }));
  }
  const crmRun = (book: FakeWorkbook, names: string[]) =>
    run(book, async (c) => {
      const out = queueOutputs(c as unknown as Excel.RequestContext, await existing(book, c), 'crm', names);
      out.forEach((o, i) => {
        o.sheet.getRange('A1').values = [[`${names[i]} 新`]];
      });
      return out.map((o) => o.name);
    });

  test('replaced sheets keep their tab positions, the ones not produced again go, the clerk’s stay', async () => {
    const book = new FakeWorkbook({ 续保清单: [['x']], 汇总: [['我的']] });
    expect(await crmRun(book, ['CRM导入', '脱保-甲', '脱保-乙', '汇总'])).toEqual([
      'CRM导入',
      '脱保-甲',
      '脱保-乙',
      '汇总 (2)',
    ]);
    // The clerk rearranges: 汇总 (2) first, CRM导入 between their sheets.
    book.state.moveSheet(book.sheet('汇总 (2)'), 0);
    book.state.moveSheet(book.sheet('CRM导入'), 2);
    expect(book.sheetNames).toEqual(['汇总 (2)', '续保清单', 'CRM导入', '汇总', '脱保-甲', '脱保-乙']);

    expect(await crmRun(book, ['CRM导入', '脱保-乙', '汇总', '脱保-丙'])).toEqual([
      'CRM导入',
      '脱保-乙',
      '汇总 (2)',
      '脱保-丙',
    ]);
    expect(book.sheetNames).toEqual(['汇总 (2)', '续保清单', 'CRM导入', '汇总', '脱保-乙', '脱保-丙']);
    expect(book.values('汇总', 'A1')).toEqual([['我的']]);
    expect(book.values('脱保-乙', 'A1')).toEqual([['脱保-乙 新']]);
    expect(book.sheet('汇总 (2)').customProperties.get(OUTPUT_MARK)?.value).toBe(markOf('crm', '汇总'));
  });

  test("another command's output with the wanted name is not replaced", async () => {
    const book = new FakeWorkbook({ 台账: [['x']] });
    await writeOutput(book, '汇总', [['校验的']]);
    expect(await crmRun(book, ['汇总'])).toEqual(['汇总 (2)']);
    expect(book.values('汇总', 'A1')).toEqual([['校验的']]);
  });
});

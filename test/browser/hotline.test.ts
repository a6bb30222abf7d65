/**
 * 出险咨询登记 in Chromium (workflows.md §5): the form the 24-hour line fills while on the
 * phone — 来电时间 already today, the fields of the call first, a call with neither plate nor
 * phone refused, 未回店 asking for its reason — and a save that creates the sheet.
 */
import { hotline } from '../../src/ledgers/hotline';
import { field, messages, PaneHarness, pick, settled, shot, status, TODAY } from './harness';
import { cells, RENEWAL, serial, setup, sheetNames } from './workbooks';

const h = new PaneHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());
afterEach(() => h.closeAll());

test('a call logged on the phone: today’s date, plate or phone required, the reason for not coming back', async () => {
  const { page, errors } = await h.open(setup({ 续保清单: RENEWAL }));
  await pick(page, 'hotline');
  const labels = (await page.locator('.field label').allInnerTexts()).map((l) => l.replace('*', '').trim());
  // The call's own fields first, the rest after.
  expect(labels.slice(0, 5)).toEqual(['来电时间', '车牌号', '联系电话', '是否回店', '未回店原因']);
  expect([...labels].sort()).toEqual(hotline.columns.map((c) => c.header).sort());
  expect(await field(page, 'calledAt').inputValue()).toBe(TODAY);

  await field(page, 'returned').selectOption('否');
  await page.keyboard.press('Control+Enter');
  expect(await messages(page, 'plateNo')).toEqual(['错误：车牌号和联系电话都为空：至少填一项，才能跟进这通电话']);
  expect(await messages(page, 'noReturnReason')).toEqual(['注意：未回店维修，请写明未回店原因（每月返厂分析要用）']);
  expect(await sheetNames(page)).toEqual(['续保清单']);
  for (const width of [320, 400]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    await shot(page, `hotline-errors-${width}`);
  }

  await field(page, 'phone').fill('13812345678');
  await field(page, 'noReturnReason').fill('就近维修');
  await field(page, 'noReturnReason').blur();
  expect(await messages(page, 'plateNo')).toEqual([]);
  expect(await status(page)).toBe('');
  await page.keyboard.press('Control+Enter');
  await settled(page);
  expect(await status(page)).toBe('已新建工作表「出险咨询登记」并保存到第 2 行');
  expect(await sheetNames(page)).toEqual(['续保清单', '出险咨询登记']);
  const [header, row] = await cells(page, '出险咨询登记', 'A1:I2');
  expect(header).toEqual(hotline.columns.map((c) => c.header));
  expect(row).toEqual([serial(TODAY), '', '13812345678', '', '', '否', '就近维修', '', '']);
  await shot(page, 'hotline-saved');
  expect(errors).toEqual([]);
});

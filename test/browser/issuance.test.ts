/**
 * The 承保登记 form in Chromium over the strict Excel fake: the fields of the schema, checks
 * as you type with the engine's Chinese messages, the keyboard, saving one row in one
 * request, and editing the selected row in place.
 */
import { issuance } from '../../src/ledgers/issuance';
import { field, messages, PaneHarness, settled, shot, status, TODAY } from './harness';
import { cells, formats, ISSUANCE, serial, setup, sheetNames, syncOps, writes } from './workbooks';

const h = new PaneHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());
afterEach(() => h.closeAll());

test('the form is the schema: one labelled field per column, drop-downs for enums, date inputs for dates', async () => {
  const { page, errors } = await h.open(setup({ 承保台账: ISSUANCE }));
  const labels = await page.locator('.field label').allInnerTexts();
  expect(labels.map((l) => l.replace('*', '').trim())).toEqual(issuance.columns.map((c) => c.header));
  expect(await page.locator('.field label:has(.required)').count()).toBe(
    issuance.columns.filter((c) => c.required).length,
  );
  expect(await field(page, 'coverage').evaluate((e) => e.tagName)).toBe('SELECT');
  expect(await field(page, 'coverage').locator('option').allInnerTexts()).toEqual([
    '请选择',
    '交强险',
    '商业险',
    '非车险',
  ]);
  // Dates are typed like a date cell, with a calendar beside them.
  expect(await field(page, 'issueDate').getAttribute('placeholder')).toBe('如 2026-10-08 或 20261008');
  expect(await page.locator('[data-field="issueDate"] button.calendar').count()).toBe(1);
  expect(await field(page, 'premium').getAttribute('inputmode')).toBe('decimal');
  // The sheet has no 车架号 column: its field is there, but cannot be filled in.
  expect(await field(page, 'vin').isDisabled()).toBe(true);
  expect(await page.locator('#target').innerText()).toBe(
    '保存到「承保台账」第 5 行（表中已有 2 行）；该表没有 7 列，对应项不可填',
  );
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('f-issueDate');
  await shot(page, 'issuance-empty');
  // Excel's side panel is 320 to 450 px wide: nothing may stick out sideways.
  for (const width of [320, 450]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
  }
  expect(errors).toEqual([]);
});

test('bad input: messages under the fields, cross-field rules, duplicates; Ctrl+Enter goes to the first error', async () => {
  const { page, errors } = await h.open(setup({ 承保台账: ISSUANCE }));
  await field(page, 'issueDate').fill('2026-02-30');
  await field(page, 'policyNo').fill('pdaa202611000002');
  await field(page, 'coverage').selectOption('商业险');
  await field(page, 'insuredName').fill('王芳');
  await field(page, 'plateNo').fill('京A1234');
  await field(page, 'startDate').fill('2026-10-09');
  await field(page, 'endDate').fill('2026-10-01');
  await field(page, 'premium').fill('12,34');
  await field(page, 'paidPremium').fill('500');
  await field(page, 'delivered').selectOption('是');
  await field(page, 'delivered').blur();

  // Messages appear once a field is left.
  expect(await messages(page, 'policyNo')).toEqual([
    '错误：保单号 PDAA202611000002 已登记在「承保台账」第 4 行，不能重复登记',
  ]);
  expect(await messages(page, 'plateNo')).toEqual([
    '错误：车牌号格式不正确: 京A1234（应为省份简称+字母+5位字母或数字，新能源车牌为8位）',
  ]);
  expect(await messages(page, 'endDate')).toEqual(['错误：终保日期 2026-10-01 应晚于起保日期 2026-10-09']);
  expect(await messages(page, 'premium')).toEqual(['错误：保费: 金额无法识别: 12,34（应为数字，如 1,234.50）']);
  expect(await messages(page, 'issueDate')).toEqual([
    '错误：出单日期: 日期不存在: 2026-02-30（应为 2026-10-05 这样的日期，且须是日历上真实的日子）',
  ]);
  expect(await messages(page, 'insuredName')).toEqual([]);

  const before = (await syncOps(page)).length;
  await page.keyboard.press('Control+Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-issueDate');
  expect(await status(page)).toBe('有 5 处需要改正，已定位到第一处');
  await page.keyboard.type('20261008');
  await page.keyboard.press('Enter');
  expect(await field(page, 'issueDate').inputValue()).toBe('2026-10-08');
  expect(await messages(page, 'issueDate')).toEqual([]);
  expect(await field(page, 'policyNo').getAttribute('aria-invalid')).toBe('true');
  // The cross-field rules of the schema, run on the typed values.
  await field(page, 'premium').fill('1,000');
  await field(page, 'premium').blur();
  expect(await messages(page, 'paidPremium')).toEqual([]);
  expect(await messages(page, 'delivered')).toEqual([
    '错误：保费未缴清（未缴 500.00 元）却已交付保单：保费缴清前不得交付',
  ]);
  await field(page, 'paidPremium').fill('1,200');
  await field(page, 'paidPremium').blur();
  expect(await messages(page, 'paidPremium')).toEqual(['错误：实收保费 1,200.00 大于保费 1,000.00']);
  await page.locator('#f-policyNo').focus();
  await shot(page, 'issuance-errors');
  // Nothing was written.
  expect(writes((await syncOps(page)).slice(before))).toEqual([]);
  expect(await cells(page, '承保台账', 'A5:O5')).toEqual([[3, '', '', '', '', '', '', '', '', '', '', '', '', '', '']]);
  expect(errors).toEqual([]);
});

test('keyboard: codes upper-case as typed, Enter moves on like Tab, Ctrl+Enter saves one row in one request', async () => {
  const { page, errors } = await h.open(setup({ 承保台账: ISSUANCE }));
  // 出单日期 starts at today, selected: typing replaces it. Tab and Enter both move on.
  expect(await field(page, 'issueDate').inputValue()).toBe(TODAY);
  await page.keyboard.type('20261008');
  await page.keyboard.press('Tab');
  await page.keyboard.type('pdaa2026110000');
  expect(await field(page, 'policyNo').inputValue()).toBe('PDAA2026110000');
  await page.keyboard.type('03');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-coverage');
  await field(page, 'coverage').selectOption('交强险');
  await page.keyboard.press('Enter');
  await page.keyboard.type('王芳');
  await page.keyboard.press('Enter');
  await page.keyboard.type('王芳');
  await page.keyboard.press('Enter');
  await page.keyboard.type('京a 54321');
  expect(await field(page, 'plateNo').inputValue()).toBe('京A 54321');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-makeModel'); // 车架号 is skipped: the sheet has no such column
  expect(await field(page, 'plateNo').inputValue()).toBe('京A54321');
  await page.keyboard.press('Enter');
  await page.keyboard.type('20261009');
  await page.keyboard.press('Enter');
  await page.keyboard.type('20271008');
  await page.keyboard.press('Enter');
  await page.keyboard.type('1,234.5');
  await page.keyboard.press('Enter');
  expect(await field(page, 'premium').inputValue()).toBe('1,234.50');
  await page.keyboard.type('1234.5');
  // The calendar beside a date field fills it in (the browser's own picker sets the hidden date input).
  await page.click('[data-field="endDate"] button.calendar');
  await page.keyboard.press('Escape');
  await page.locator('[data-field="endDate"] .date-picker').evaluate((e: HTMLInputElement) => {
    e.value = '2027-10-08';
    e.dispatchEvent(new Event('change'));
  });
  expect(await field(page, 'endDate').inputValue()).toBe('2027-10-08');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-endDate');

  const before = (await syncOps(page)).length;
  await page.keyboard.press('Control+Enter');
  await settled(page);
  expect(await status(page)).toBe('已保存到「承保台账」第 5 行');
  const mine = (await syncOps(page)).slice(before);
  // One request wrote the row (the ones before only read the workbook; the ones after re-read it).
  expect(writes(mine)).toEqual([expect.arrayContaining(['set Range.values'])]);
  expect(writes(mine)[0].every((op) => op === 'set Range.values' || op === 'set Range.numberFormat')).toBe(true);
  expect(await cells(page, '承保台账', 'A5:O5')).toEqual([
    [
      3,
      serial('2026-10-08'),
      'PDAA202611000003',
      '交强险',
      '王芳',
      '王芳',
      '京A54321',
      '',
      serial('2026-10-09'),
      serial('2027-10-08'),
      1234.5,
      1234.5,
      '',
      '',
      '',
    ],
  ]);
  expect((await formats(page, '承保台账', 'B5:L5'))[0]).toEqual([
    'yyyy-mm-dd',
    '@',
    null,
    null,
    null,
    '@',
    null,
    'yyyy-mm-dd',
    'yyyy-mm-dd',
    '#,##0.00',
    '#,##0.00',
  ]);
  // The rows above are as they were; the form is empty again, ready for the next policy.
  expect(await cells(page, '承保台账', 'A3:O4')).toEqual(
    ISSUANCE.slice(2, 4).map((r) => Array.from({ length: 15 }, (_, i) => r[i] ?? '')),
  );
  expect(await field(page, 'policyNo').inputValue()).toBe('');
  expect(await page.locator('#target').innerText()).toContain('第 6 行（表中已有 3 行）');
  await shot(page, 'issuance-saved');
  expect(errors).toEqual([]);
});

test('a workbook without a 承保台账 gets one, laid out as the template', async () => {
  const { page, errors } = await h.open(setup({ Sheet1: [['备忘']] }));
  expect(await page.locator('#target').innerText()).toBe('工作簿中还没有承保台账：保存时按模板新建工作表「承保台账」');
  await field(page, 'issueDate').fill('2026-10-08');
  await field(page, 'policyNo').fill('PDAA202611000009');
  await field(page, 'coverage').selectOption('非车险');
  await field(page, 'insuredName').fill('唐山钢铁有限公司');
  await field(page, 'startDate').fill('2026-10-09');
  await field(page, 'premium').fill('¥2,000');
  await page.keyboard.press('Control+Enter');
  await settled(page);
  expect(await status(page)).toBe('已新建工作表「承保台账」并保存到第 2 行');
  expect(await sheetNames(page)).toEqual(['Sheet1', '承保台账']);
  expect((await cells(page, '承保台账', 'A1:E1'))[0]).toEqual(['出单日期', '保单号', '险种', '投保人', '被保险人']);
  expect((await cells(page, '承保台账', 'A2:K2'))[0]).toEqual([
    serial('2026-10-08'),
    'PDAA202611000009',
    '非车险',
    '',
    '唐山钢铁有限公司',
    '',
    '',
    '',
    serial('2026-10-09'),
    '',
    2000,
  ]);
  expect(await cells(page, 'Sheet1', 'A1')).toEqual([['备忘']]);
  expect(errors).toEqual([]);
});

test('edit: the selected row is read into the form and written back to the same row, nothing else', async () => {
  const { page, errors } = await h.open(setup({ 承保台账: ISSUANCE }, { sheet: '承保台账', address: 'F4' }));
  await page.click('#load-selected');
  await settled(page);
  expect(await status(page)).toBe('已读取「承保台账」第 4 行：修改后按 Ctrl+Enter 写回该行');
  expect(await page.locator('.editing').innerText()).toContain('正在修改「承保台账」第 4 行');
  expect(await field(page, 'policyNo').inputValue()).toBe('PDAA202611000002');
  expect(await field(page, 'issueDate').inputValue()).toBe('2026-10-06');
  expect(await field(page, 'premium').inputValue()).toBe('950.00');
  expect(await field(page, 'delivered').inputValue()).toBe('否');

  await field(page, 'delivered').selectOption('是');
  expect(await messages(page, 'delivered')).toEqual([
    '错误：保费未缴清（未缴 950.00 元）却已交付保单：保费缴清前不得交付',
  ]);
  await field(page, 'paidPremium').fill('950');
  await field(page, 'paidPremium').blur();
  expect(await messages(page, 'delivered')).toEqual([]);
  const before = (await syncOps(page)).length;
  await page.keyboard.press('Control+Enter');
  await settled(page);
  expect(await status(page)).toBe('已保存到「承保台账」第 4 行（改动 2 项）');
  expect(writes((await syncOps(page)).slice(before))).toHaveLength(1);
  expect(await cells(page, '承保台账', 'A3:O5')).toEqual([
    ISSUANCE[2].map((c) => c ?? ''),
    [
      2,
      serial('2026-10-06'),
      'PDAA202611000002',
      '交强险',
      '李娜',
      '李娜',
      '冀B23456',
      '丰田TV7250',
      serial('2026-10-07'),
      serial('2027-10-06'),
      950,
      950,
      '刘洋',
      '是',
      '',
    ],
    [3, '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
  ]);
  expect(await page.locator('.editing').isHidden()).toBe(true);
  expect(errors).toEqual([]);
});

test('helping the clerk: passing through an empty field is not an error; names already in the ledger are offered', async () => {
  const { page, errors } = await h.open(setup({ 承保台账: ISSUANCE }));
  // Tab through 保单号 and 险种 without typing: no red under them yet.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await messages(page, 'policyNo')).toEqual([]);
  expect(await messages(page, 'coverage')).toEqual([]);
  // 业务员 offers the names the ledger already has (刘洋 is in it), so one person is written one way.
  const list = await field(page, 'salesperson').getAttribute('list');
  const offered = await page
    .locator(`datalist#${list} option`)
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(offered).toContain('刘洋');
  // On save everything is judged.
  await page.keyboard.press('Control+Enter');
  expect(await messages(page, 'policyNo')).toEqual(['错误：缺少必填项: 保单号']);
  expect(errors).toEqual([]);
});

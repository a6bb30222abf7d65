/**
 * The 投保意向表 in Chromium: what the issuing desk checks before printing a policy (seed 004,
 * node 四) — a complete mailing address, a start date not in the past, valid phones — and
 * saving to a 投保意向表 sheet, created when the workbook has none.
 */
import { intent } from '../../src/ledgers/intent';
import { field, messages, PaneHarness, pick, settled, shot, status, TODAY } from './harness';
import { cells, RENEWAL, serial, setup, sheetNames } from './workbooks';

const h = new PaneHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());
afterEach(() => h.closeAll());

test("the issuing desk's checks, then a save that creates the 投保意向表 sheet", async () => {
  const { page, errors } = await h.open(setup({ 续保清单: RENEWAL }));
  await pick(page, 'intent');
  expect(await page.locator('#target').innerText()).toBe(
    '工作簿中还没有投保意向表：保存时按模板新建工作表「投保意向表」',
  );
  expect((await page.locator('.field label').allInnerTexts()).map((l) => l.replace('*', '').trim())).toEqual(
    intent.columns.map((c) => c.header),
  );
  expect(await field(page, 'useNature').locator('option').count()).toBe(12);
  expect(await field(page, 'province').getAttribute('list')).toBe('l-province');
  await shot(page, 'intent-empty');

  await field(page, 'insuredName').fill('孙丽');
  await field(page, 'plateNo').fill('新车');
  await field(page, 'makeModel').fill('大众FV7146FCDBG');
  await field(page, 'useNature').selectOption('家庭自用');
  await field(page, 'applicantName').fill('孙强');
  await field(page, 'applicantPhone').fill('1381234');
  await field(page, 'province').fill('河北');
  await field(page, 'city').fill('唐山');
  await field(page, 'street').fill('建设路');
  await field(page, 'startDate').fill('2026-10-07');
  await field(page, 'coverage').selectOption('交强险+商业险');
  await page.keyboard.press('Control+Enter');

  expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-plateNo');
  expect(await status(page)).toBe('有 5 处需要改正，已定位到第一处');
  expect(await messages(page, 'plateNo')).toEqual([
    '错误：车牌号和车架号都为空：出单须能认定车辆（未上牌车辆请填写车架号）',
  ]);
  expect(await messages(page, 'applicantPhone')).toEqual([
    '错误：电话号码格式不正确: 1381234（应为11位手机号或带区号的固话）',
  ]);
  expect(await messages(page, 'insuredPhone')).toEqual([
    '错误：投保人“孙强”与被保险人“孙丽”不是同一人：请填写被保险人联系电话',
  ]);
  expect(await messages(page, 'province')).toEqual([]);
  expect(await field(page, 'province').inputValue()).toBe('河北省'); // read as the engine reads it, shown on leaving the field
  expect(await messages(page, 'city')).toEqual(['注意：城市应写到“市”一级: 唐山（如 唐山市、延边朝鲜族自治州）']);
  expect(await messages(page, 'district')).toEqual([
    '错误：通信地址缺少区县（通信地址须写全：省、市、区县、街道门牌号）',
  ]);
  expect(await messages(page, 'street')).toEqual([
    '注意：详细地址没有门牌号: 建设路（应写到门牌号，如 建设路12号3单元501室；邮寄保单和会员卡要用）',
  ]);
  expect(await messages(page, 'startDate')).toEqual([
    `错误：起保日期 2026-10-07 早于今天 ${TODAY}：起保日期不能是过去的日期（应为今天或以后，并与投保单一致）`,
  ]);
  await shot(page, 'intent-errors');
  expect(await sheetNames(page)).toEqual(['续保清单']);

  // Corrected from the first error on: the cursor is there with its text selected, and
  // messages follow the typing.
  await page.keyboard.type('冀b1234');
  expect(await field(page, 'plateNo').inputValue()).toBe('冀B1234');
  expect(await messages(page, 'plateNo')).toEqual([
    '错误：车牌号格式不正确: 冀B1234（应为省份简称+字母+5位字母或数字，新能源车牌为8位）',
  ]);
  await page.keyboard.type('5');
  expect(await messages(page, 'plateNo')).toEqual([]);
  expect(await status(page)).toBe('还有 4 处需要改正');
  await field(page, 'applicantPhone').fill('138 1234 5678');
  await field(page, 'insuredPhone').fill('138-1234-5678');
  await field(page, 'insuredPhone').blur();
  expect(await messages(page, 'insuredPhone')).toEqual([
    '注意：被保险人联系电话与投保人的相同：请核实被保险人本人的电话（承保回访要逐一核对）',
  ]);
  await field(page, 'insuredPhone').fill('0315-2812345');
  await field(page, 'city').fill('唐山市');
  await field(page, 'district').fill('路北区');
  await field(page, 'street').fill('建设路12号3单元501室');
  await field(page, 'startDate').fill('20261010');
  await field(page, 'startDate').blur();
  expect(await field(page, 'startDate').inputValue()).toBe('2026-10-10');
  expect(await status(page)).toBe('');
  await page.keyboard.press('Control+Enter');
  await settled(page);
  expect(await status(page)).toBe('已新建工作表「投保意向表」并保存到第 2 行');
  expect(await sheetNames(page)).toEqual(['续保清单', '投保意向表']);
  expect(await cells(page, '投保意向表', 'A1:V2')).toEqual([
    intent.columns.map((c) => c.header),
    [
      '孙丽',
      '冀B12345',
      '',
      '大众FV7146FCDBG',
      '家庭自用',
      '',
      '孙强',
      '13812345678',
      '0315-2812345',
      '河北省',
      '唐山市',
      '路北区',
      '建设路12号3单元501室',
      serial('2026-10-10'),
      '交强险+商业险',
      '',
      '',
      '',
      // 年审 dates, 非车险卡单 and 赠品 left empty.
      '',
      '',
      '',
      '',
    ],
  ]);
  // The renewal list is untouched.
  expect(await cells(page, '续保清单', 'A1:M3')).toEqual(RENEWAL.map((r) => r.map((c) => c ?? '')));
  await shot(page, 'intent-saved');
  expect(errors).toEqual([]);
});

test('a second intent goes below the first; the selected one can be corrected in place', async () => {
  const header = intent.columns.map((c) => c.header);
  const first = [
    '孙丽',
    '冀B12345',
    null,
    '大众FV7146FCDBG',
    '家庭自用',
    'PDZA2025000101',
    '孙丽',
    '13812345678',
    null,
    '河北省',
    '唐山市',
    '路北区',
    '建设路12号',
    serial('2026-10-10'),
    '交强险',
    null,
    '于丽',
    null,
  ];
  const { page, errors } = await h.open(setup({ 投保意向表: [header, first] }, { sheet: '投保意向表', address: 'N2' }));
  await pick(page, 'intent');
  expect(await page.locator('#target').innerText()).toBe('保存到「投保意向表」第 3 行（表中已有 1 行）');

  await page.click('#load-selected');
  await settled(page);
  expect(await field(page, 'startDate').inputValue()).toBe('2026-10-10');
  expect(await field(page, 'lastPolicyNo').inputValue()).toBe('PDZA2025000101');
  await field(page, 'startDate').fill('2026-10-12');
  await field(page, 'memberCard').fill('vip0088');
  await page.keyboard.press('Control+Enter');
  await settled(page);
  expect(await status(page)).toBe('已保存到「投保意向表」第 2 行（改动 2 项）');
  expect((await cells(page, '投保意向表', 'A2:R2'))[0]).toEqual(
    first.map((c, i) => (i === 13 ? serial('2026-10-12') : i === 17 ? 'VIP0088' : (c ?? ''))),
  );

  for (const [key, value] of Object.entries({
    insuredName: '钱进',
    plateNo: '冀B22345',
    makeModel: '本田HG7150',
    applicantName: '钱进',
    applicantPhone: '13912345678',
    province: '北京',
    district: '朝阳区',
    street: '建国路88号',
    startDate: TODAY,
  })) {
    await field(page, key).fill(value);
  }
  await field(page, 'useNature').selectOption('非营业企业客车');
  await field(page, 'coverage').selectOption('商业险');
  await page.keyboard.press('Control+Enter');
  await settled(page);
  expect(await status(page)).toBe('已保存到「投保意向表」第 3 行');
  expect((await cells(page, '投保意向表', 'A3:O3'))[0]).toEqual([
    '钱进',
    '冀B22345',
    '',
    '本田HG7150',
    '非营业企业客车',
    '',
    '钱进',
    '13912345678',
    '',
    '北京市',
    '',
    '朝阳区',
    '建国路88号',
    serial(TODAY),
    '商业险',
  ]);
  expect(errors).toEqual([]);
});

/**
 * The other forms in Chromium: the renewal call result (a row found by policy number and
 * updated), the claim intake, contracts and their collections, the morning roll call and the
 * roster — each with bad input, its Chinese messages, and a save checked in the fake workbook.
 */
import { field, messages, PaneHarness, pick, settled, shot, status, TODAY } from './harness';
import { cells, CONTRACTS, RENEWAL, ROSTER, serial, setup, sheetNames, syncOps, writes } from './workbooks';

const h = new PaneHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());
afterEach(() => h.closeAll());

test('renewal: find the car, record the call result and log the call', async () => {
  const { page, errors } = await h.open(setup({ 续保清单: RENEWAL }));
  await pick(page, 'renewal');
  expect(await page.locator('#target').innerText()).toBe(
    '在「续保清单」中查找（共 2 行）；该表没有 8 列，对应项不可填',
  );
  expect(await page.locator('legend').allInnerTexts()).toEqual(['回访结果', '回访记录', '保单信息']);
  expect(await page.locator('.lookup-label').innerText()).toBe('按车牌号、被保险人、联系电话或保单号查找');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('lookup');
  await shot(page, 'renewal-empty');

  // Saving before a policy is loaded says what to do.
  await page.keyboard.press('Control+Enter');
  expect(await status(page)).toBe('请先按车牌号、被保险人、联系电话或保单号查找，或在表中选中一行后点“读取选中行”');
  await page.keyboard.type('pdza2025000199');
  await page.keyboard.press('Enter');
  await settled(page);
  expect(await status(page)).toBe('「续保清单」中没有找到“PDZA2025000199”（可输入车牌号、被保险人、联系电话或保单号）');

  // What the caller reads out: the plate.
  await page.fill('#lookup', '冀b22345');
  await page.keyboard.press('Enter');
  await settled(page);
  expect(await status(page)).toBe('已读取「续保清单」第 3 行：修改后按 Ctrl+Enter 写回该行');
  expect(await field(page, 'insuredName').inputValue()).toBe('钱进');
  expect(await field(page, 'expiryDate').inputValue()).toBe('2026-11-02');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-contactResult');

  await field(page, 'contactResult').selectOption('成功续保');
  expect(await messages(page, 'renewedPolicyNo')).toEqual(['注意：联系结果为“成功续保”，但没有续保保单号']);
  await field(page, 'renewedDate').fill('2026-10-32');
  await field(page, 'renewedPremium').fill('-5');
  await page.keyboard.press('Control+Enter');
  expect(await messages(page, 'renewedDate')).toEqual([
    '错误：续保日期: 日期不存在: 2026-10-32（应为 2026-10-05 这样的日期，且须是日历上真实的日子）',
  ]);
  expect(await messages(page, 'renewedPremium')).toEqual(['错误：续保保费不能为负数: -5']);
  await shot(page, 'renewal-errors');

  await field(page, 'contactResult').selectOption('明确拒绝');
  await field(page, 'renewedDate').fill('');
  await field(page, 'renewedPremium').fill('');
  await field(page, 'renewedPremium').blur();
  expect(await messages(page, 'lostReason')).toEqual(['提示：联系结果为“明确拒绝”，建议填写战败原因']);
  await field(page, 'lostReason').fill('已在4S店投保');
  const before = (await syncOps(page)).length;
  await page.keyboard.press('Control+Enter');
  await settled(page);
  expect(await status(page)).toBe('已保存到「续保清单」第 3 行（改动 2 项）；已新建「回访记录」并记入第 2 行');
  // The result into the list, the call into a new 回访记录 sheet.
  expect(writes((await syncOps(page)).slice(before))).toHaveLength(2);
  const logged = await cells(page, '回访记录', 'A2:H2');
  expect([logged[0][1], logged[0][2], logged[0][5], logged[0][7]]).toEqual(['冀B22345', '续保', '明确拒绝', '于丽']);
  expect(await cells(page, '续保清单', 'A1:M3')).toEqual([
    RENEWAL[0],
    RENEWAL[1].map((c) => c ?? ''),
    [
      'PDZA2025000102',
      '商业险',
      '钱进',
      '13912345678',
      '冀B22345',
      '本田HG7150',
      serial('2026-11-02'),
      '于丽',
      '明确拒绝',
      '',
      '',
      '',
      '已在4S店投保',
    ],
  ]);
  await shot(page, 'renewal-saved');
  expect(errors).toEqual([]);
});

test('claims: a report before the loss is refused; a good intake is saved', async () => {
  const { page, errors } = await h.open(setup({ Sheet1: [] }));
  await pick(page, 'claims');
  await shot(page, 'claims-empty');
  const fill = async (values: Record<string, string>) => {
    for (const [k, v] of Object.entries(values)) await field(page, k).fill(v);
  };
  await fill({
    claimNo: 'rdaa2026000321',
    plateNo: '冀B12345',
    lossDate: '2026-10-06',
    reportDate: '2026-10-05',
    phone: '1391234567',
  });
  await field(page, 'status').selectOption('已回款');
  await page.keyboard.press('Control+Enter');
  expect(await messages(page, 'reportDate')).toEqual(['错误：报案日期 2026-10-05 早于出险日期 2026-10-06']);
  expect(await messages(page, 'phone')).toEqual([
    '错误：电话号码格式不正确: 1391234567（应为11位手机号或带区号的固话）',
  ]);
  expect(await messages(page, 'paidDate')).toEqual(['错误：状态为“已回款”，但回款日期为空']);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-phone');
  await shot(page, 'claims-errors');

  await fill({
    reportDate: '2026-10-06',
    phone: '13912345678',
    intakeDate: '20261007',
    assessedAmount: '8,650',
    repairAmount: '8,650.00',
  });
  await field(page, 'status').selectOption('已接车');
  await page.keyboard.press('Control+Enter');
  await settled(page);
  expect(await status(page)).toBe('已新建工作表「理赔台账」并保存到第 2 行');
  expect((await cells(page, '理赔台账', 'A2:K2'))[0]).toEqual([
    'RDAA2026000321',
    '',
    '冀B12345',
    '',
    '13912345678',
    serial('2026-10-06'),
    serial('2026-10-06'),
    serial('2026-10-07'),
    '',
    8650,
    8650,
  ]);
  await shot(page, 'claims-saved');
  expect(errors).toEqual([]);
});

test('contracts and collections: a collection needs a registered contract', async () => {
  const { page, errors } = await h.open(
    setup({ 合同履行一览表: CONTRACTS, 回款记录: [['合同编号', '回款日期', '回款金额', '回款方式']] }),
  );
  await pick(page, 'contracts');
  await shot(page, 'contracts-empty');
  await field(page, 'contractNo').fill('ht-2026-001');
  await field(page, 'customer').fill('迁安钢铁');
  await field(page, 'signDate').fill('2026-10-08');
  await field(page, 'amount').fill('0');
  await field(page, 'deliveredDate').fill('2026-10-01');
  await page.keyboard.press('Control+Enter');
  expect(await messages(page, 'contractNo')).toEqual([
    '错误：合同编号 HT-2026-001 已登记在「合同履行一览表」第 2 行，不能重复登记',
  ]);
  expect(await messages(page, 'amount')).toEqual(['错误：合同金额应大于 0: 0']);
  expect(await messages(page, 'deliveredDate')).toEqual(['注意：实际交付日期 2026-10-01 早于签订日期 2026-10-08']);
  await shot(page, 'contracts-errors');
  await field(page, 'contractNo').fill('HT-2026-002');
  await field(page, 'amount').fill('120,000');
  await field(page, 'deliveredDate').fill('');
  await page.keyboard.press('Control+Enter');
  await settled(page);
  expect(await status(page)).toBe('已保存到「合同履行一览表」第 3 行');
  expect((await cells(page, '合同履行一览表', 'A3:H3'))[0]).toEqual([
    'HT-2026-002',
    '迁安钢铁',
    '',
    serial('2026-10-08'),
    120000,
    '',
    '',
    '',
  ]);
  await shot(page, 'contracts-saved');

  await pick(page, 'collections');
  await shot(page, 'collections-empty');
  await field(page, 'contractNo').fill('HT-2026-009');
  await field(page, 'date').fill(TODAY);
  await field(page, 'amount').fill('50000');
  await page.keyboard.press('Control+Enter');
  expect(await messages(page, 'contractNo')).toEqual([
    '错误：合同编号 HT-2026-009 不在合同履行一览表中（请先登记合同，或核对编号）',
  ]);
  await shot(page, 'collections-errors');
  // The contract saved a moment ago counts.
  await field(page, 'contractNo').fill('ht-2026-002');
  await field(page, 'method').fill('银行转账');
  await page.keyboard.press('Control+Enter');
  await settled(page);
  expect(await status(page)).toBe('已保存到「回款记录」第 2 行');
  expect(await cells(page, '回款记录', 'A2:D2')).toEqual([['HT-2026-002', serial(TODAY), 50000, '银行转账']]);
  await shot(page, 'collections-saved');
  expect(errors).toEqual([]);
});

test('attendance: the morning roll call against the roster, and a new colleague', async () => {
  const { page, errors } = await h.open(setup({ 人力表: ROSTER }));
  await pick(page, 'rollCall');
  await shot(page, 'rollCall-empty');
  await field(page, 'date').fill(TODAY);
  await field(page, 'employeeId').fill('a009');
  await page.keyboard.press('Control+Enter');
  expect(await messages(page, 'employeeId')).toEqual(['错误：工号 A009 不在人力表中（请核对，或先在人力表登记）']);
  expect(await messages(page, 'mark')).toEqual(['错误：缺少必填项: 点到']);
  await shot(page, 'rollCall-errors');
  await field(page, 'employeeId').fill('a002');
  await field(page, 'name').fill('吴芳');
  await field(page, 'mark').selectOption('迟');
  await page.keyboard.press('Control+Enter');
  await settled(page);
  expect(await status(page)).toBe('已新建工作表「早会点到」并保存到第 2 行');
  expect(await cells(page, '早会点到', 'A1:D2')).toEqual([
    ['日期', '工号', '姓名', '点到'],
    [serial(TODAY), 'A002', '吴芳', '迟'],
  ]);
  await shot(page, 'rollCall-saved');

  await pick(page, 'roster');
  await shot(page, 'roster-empty');
  await field(page, 'employeeId').fill('A001');
  await field(page, 'name').fill('郑爽');
  await field(page, 'joinDate').fill('2026-10-08');
  await field(page, 'leaveDate').fill('2026-09-30');
  await page.keyboard.press('Control+Enter');
  expect(await messages(page, 'employeeId')).toEqual(['错误：工号 A001 已登记在「人力表」第 2 行，不能重复登记']);
  expect(await messages(page, 'dept')).toEqual(['错误：缺少必填项: 部门']);
  expect(await messages(page, 'leaveDate')).toEqual(['错误：离司日期 2026-09-30 早于入司日期 2026-10-08']);
  await shot(page, 'roster-errors');
  await field(page, 'employeeId').fill('A003');
  await field(page, 'dept').fill('车险部');
  await field(page, 'leaveDate').fill('');
  await page.keyboard.press('Control+Enter');
  await settled(page);
  expect(await status(page)).toBe('已保存到「人力表」第 4 行');
  expect(await cells(page, '人力表', 'A4:E4')).toEqual([['A003', '郑爽', '车险部', serial('2026-10-08'), '']]);
  expect(await sheetNames(page)).toEqual(['人力表', '早会点到']);
  await shot(page, 'roster-saved');
  expect(errors).toEqual([]);
});

/**
 * The forms' logic and Excel layer without a browser: FormSession against the strict Excel
 * fake (where rows go, what one save writes and in how many requests, edits, look-ups,
 * cross-table checks), the field list read off the schemas, and the 投保意向表 rules.
 */
import { z } from 'zod';
import { col, defineTable } from '../../src/ledgers/schema';
import { intent } from '../../src/ledgers/intent';
import { checkForm } from '../../taskpane/forms/check';
import { fieldGroups, fieldsOf } from '../../taskpane/forms/fields';
import { FormSession } from '../../taskpane/forms/session';
import { formById, type FormSpec } from '../../taskpane/forms/specs';
import { FakeWorkbook, run, type Scalar } from '../excel/fakeExcel';
import { dateSerial } from '../excel/fakeState';
import { select } from './fakeSelection';

const TODAY = '2026-10-08';
const serial = (iso: string, date1904 = false) => {
  const [y, m, d] = iso.split('-').map(Number);
  return dateSerial(y, m, d, date1904)!;
};

const session = (book: FakeWorkbook, id: string) =>
  new FormSession(
    formById(id)!,
    (batch) => run(book, batch as never) as never,
    () => TODAY,
  );

const ISSUANCE_HEAD = [
  '序号',
  '出单日期',
  '保单号',
  '险种',
  '被保险人',
  '车牌号',
  '起保日期',
  '终保日期',
  '保费',
  '实收保费',
  '交付状态',
  '未缴保费',
  '备注',
];
//                      A       B          C        D       E          F        G          H          I       J          K          L          M

/** A hand-kept 承保台账: a title row, 序号 filled ahead to row 10, our 未缴保费 formula column. */
function issuanceBook(): FakeWorkbook {
  const rows: (Scalar | null)[][] = [
    ['承保台账（2026年10月）'],
    ISSUANCE_HEAD,
    [
      1,
      serial('2026-10-05'),
      'PDAA202611000001',
      '商业险',
      '张伟',
      '京A12345',
      serial('2026-10-06'),
      serial('2027-10-05'),
      3000,
      3000,
      '是',
      null,
      '老客户',
    ],
    [
      2,
      serial('2026-10-06'),
      'PDAA202611000002',
      '交强险',
      '李娜',
      '冀B23456',
      serial('2026-10-07'),
      serial('2027-10-06'),
      950,
      0,
      '否',
      null,
      null,
    ],
  ];
  for (let r = 5; r <= 10; r++) rows.push([r - 2]);
  return new FakeWorkbook({ 说明: [['本工作簿由内勤维护']], 承保台账: rows });
}

async function withFormulas(book: FakeWorkbook): Promise<void> {
  await run(book, async (context) => {
    const ws = context.workbook.worksheets.getItem('承保台账');
    ws.getRange('L3:L10').formulas = Array.from({ length: 8 }, (_, i) => [
      `=IF(ISNUMBER(I${i + 3}),ROUND(I${i + 3}-N(J${i + 3}),2),"")`,
    ]);
  });
}

const GOOD = {
  issueDate: '2026-10-08',
  policyNo: 'pdaa202611000003',
  coverage: '商业险',
  insuredName: '王芳',
  plateNo: '京a-54321',
  startDate: '2026-10-09',
  endDate: '2027-10-08',
  premium: '1,234.5',
  paidPremium: '1,234.5',
  delivered: '是',
};

/** Every cell of a sheet's used area, to see what a save changed. */
const snapshot = (book: FakeWorkbook, sheet: string) => {
  const s = book.sheet(sheet);
  const out: Record<string, Scalar | string> = {};
  for (const plane of [s.values, s.formulas, s.numberFormats] as const) {
    plane.rows.forEach((row, r) =>
      row?.forEach((v, c) => {
        if (v !== undefined) out[`${plane === s.values ? 'v' : plane === s.formulas ? 'f' : 'n'}${r + 1}:${c + 1}`] = v;
      }),
    );
  }
  return out;
};
const diff = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();

describe('appending a row', () => {
  test('goes below the last entry, writes only ledger cells, in one request', async () => {
    const book = issuanceBook();
    await withFormulas(book);
    const before = snapshot(book, '承保台账');
    const s = session(book, 'issuance');
    await s.refresh();
    expect(s.ledger).toMatchObject({ sheet: '承保台账', nextRow: 5 });
    expect(s.missingColumns()).toContain('vin');

    const syncsBefore = book.syncCount;
    const r = await s.save(GOOD);
    expect(r).toMatchObject({ ok: true, sheet: '承保台账', row: 5, created: false });

    const mine = book.syncs.slice(syncsBefore);
    const writes = mine.filter((x) => x.ops.some((o) => o.startsWith('set')));
    expect(writes).toHaveLength(1);
    expect(writes[0].ops.every((o) => /^set Range\.(values|numberFormat)$/.test(o))).toBe(true);
    // Reads come before the write: the write is the last request of the save.
    expect(mine[mine.length - 1]).toBe(writes[0]);

    expect(book.values('承保台账', 'A5:M5')).toEqual([
      [
        3,
        serial('2026-10-08'),
        'PDAA202611000003',
        '商业险',
        '王芳',
        '京A54321',
        serial('2026-10-09'),
        serial('2027-10-08'),
        1234.5,
        1234.5,
        '是',
        '',
        '',
      ],
    ]);
    expect(book.sheet('承保台账').numberFormats.get(4, 1)).toBe('yyyy-mm-dd');
    expect(book.sheet('承保台账').numberFormats.get(4, 8)).toBe('#,##0.00');
    expect(book.sheet('承保台账').numberFormats.get(4, 2)).toBe('@');
    // Nothing else changed: not the 序号, not the formula column, not the other sheet.
    expect(diff(before, snapshot(book, '承保台账'))).toEqual(
      [
        'v5:2',
        'v5:3',
        'v5:4',
        'v5:5',
        'v5:6',
        'v5:7',
        'v5:8',
        'v5:9',
        'v5:10',
        'v5:11',
        'n5:2',
        'n5:3',
        'n5:6',
        'n5:7',
        'n5:8',
        'n5:9',
        'n5:10',
      ].sort(),
    );
    expect(book.values('说明', 'A1')).toEqual([['本工作簿由内勤维护']]);
  });

  test("keeps a ledger's own number formats", async () => {
    const book = issuanceBook();
    await run(book, async (context) => {
      context.workbook.worksheets.getItem('承保台账').getRange('B5').numberFormat = [['yyyy"年"m"月"d"日"']];
    });
    const r = await session(book, 'issuance').save(GOOD);
    expect(r.ok).toBe(true);
    expect(book.sheet('承保台账').numberFormats.get(4, 1)).toBe('yyyy"年"m"月"d"日"');
  });

  test('a policy number already in the sheet is refused before anything is written', async () => {
    const book = issuanceBook();
    const s = session(book, 'issuance');
    await s.refresh();
    const typed = { ...GOOD, policyNo: ' pdaa202611000002 ' };
    const live = s.check(typed);
    expect(live.fields.policyNo).toEqual([
      expect.objectContaining({
        level: 'error',
        code: 'issuance.duplicatePolicy',
        message: expect.stringContaining('「承保台账」第 4 行'),
      }),
    ]);
    const before = book.syncCount;
    const r = await s.save(typed);
    expect(r).toMatchObject({ ok: false });
    expect(book.syncs.slice(before).some((x) => x.ops.some((o) => o.startsWith('set')))).toBe(false);
    expect(book.values('承保台账', 'C5')).toEqual([['']]);
  });

  test('cross-field rules of the schema are what the form reports', async () => {
    const s = session(issuanceBook(), 'issuance');
    await s.refresh();
    const check = s.check({ ...GOOD, endDate: '2026-10-01', paidPremium: '2,000', delivered: '是' });
    expect(check.fields.endDate?.map((i) => i.code)).toEqual(['issuance.endBeforeStart']);
    expect(check.fields.paidPremium?.map((i) => i.code)).toEqual(['issuance.overpaid']);
    const unpaid = s.check({ ...GOOD, paidPremium: '1,000', delivered: '是' });
    expect(unpaid.fields.delivered?.[0]).toMatchObject({
      code: 'issuance.deliveredUnpaid',
      message: expect.stringContaining('未缴 234.50 元'),
    });
    expect(unpaid.errorKeys).toEqual(['delivered']);
  });

  test('a workbook without the ledger gets a new sheet laid out as the template, in one request', async () => {
    const book = new FakeWorkbook({ Sheet1: [['随手记']] });
    const before = book.syncCount;
    const r = await session(book, 'issuance').save(GOOD);
    expect(r).toMatchObject({ ok: true, sheet: '承保台账', row: 2, created: true });
    const writes = book.syncs
      .slice(before)
      .filter((x) => x.ops.some((o) => o.startsWith('set') || o.startsWith('call')));
    expect(writes).toHaveLength(1);
    expect(book.sheetNames).toEqual(['Sheet1', '承保台账']);
    const headers = formById('issuance')!.table.columns.map((c) => c.header);
    expect(book.values('承保台账', `A1:${String.fromCharCode(64 + headers.length)}1`)).toEqual([headers]);
    expect(book.values('承保台账', 'A2:K2')).toEqual([
      [
        serial('2026-10-08'),
        'PDAA202611000003',
        '商业险',
        '',
        '王芳',
        '京A54321',
        '',
        '',
        serial('2026-10-09'),
        serial('2027-10-08'),
        1234.5,
      ],
    ]);
    expect(book.sheet('承保台账').freezeRows).toBe(1);
    expect(book.values('Sheet1', 'A1')).toEqual([['随手记']]);
  });

  test("dates go in as serials of the workbook's date system", async () => {
    const book = new FakeWorkbook({ Sheet1: [] }, { date1904: true });
    await session(book, 'issuance').save(GOOD);
    expect(book.values('承保台账', 'A2')).toEqual([[serial('2026-10-08', true)]]);
  });
});

describe('editing a row', () => {
  test('loads the selected row and writes back only what changed', async () => {
    const book = issuanceBook();
    select(book, '承保台账', 'E4');
    const s = session(book, 'issuance');
    const loaded = await s.loadSelected();
    expect(loaded).toMatchObject({ ok: true, editing: { sheet: '承保台账', row: 4 } });
    if (!loaded.ok) return;
    expect(loaded.texts).toMatchObject({
      issueDate: '2026-10-06',
      policyNo: 'PDAA202611000002',
      premium: '950.00',
      paidPremium: '0.00',
      delivered: '否',
    });
    // Its own policy number is no duplicate.
    expect(s.check(loaded.texts).hasErrors).toBe(false);

    const before = snapshot(book, '承保台账');
    const r = await s.save({ ...loaded.texts, paidPremium: '950', delivered: '是' });
    expect(r).toMatchObject({ ok: true, row: 4, changed: 2 });
    expect(book.values('承保台账', 'J4:K4')).toEqual([[950, '是']]);
    expect(diff(before, snapshot(book, '承保台账'))).toEqual(['n4:10', 'v4:10', 'v4:11']);
    expect(s.editing).toBeUndefined();
  });

  test('refuses to overwrite a row changed since it was read', async () => {
    const book = issuanceBook();
    select(book, '承保台账', 'B3');
    const s = session(book, 'issuance');
    const loaded = await s.loadSelected();
    if (!loaded.ok) throw new Error(loaded.message);
    await run(book, async (context) => {
      context.workbook.worksheets.getItem('承保台账').getRange('E3').values = [['张伟（改）']];
    });
    const r = await s.save({ ...loaded.texts, paidPremium: '2,999', delivered: '否' });
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('第 3 行在读取后已被改动') });
    expect(book.values('承保台账', 'J3')).toEqual([[3000]]);
  });

  test('a selection outside the ledger or on its header is refused with a reason', async () => {
    const book = issuanceBook();
    select(book, '说明', 'A1');
    expect(await session(book, 'issuance').loadSelected()).toMatchObject({
      ok: false,
      message: expect.stringContaining('「说明」，它不是承保台账'),
    });
    select(book, '承保台账', 'C2');
    expect(await session(book, 'issuance').loadSelected()).toMatchObject({
      ok: false,
      message: expect.stringContaining('第 2 行不是承保台账的数据行'),
    });
  });
});

describe('renewal call results', () => {
  const HEAD = ['保单号', '险种', '被保险人', '联系电话', '车牌号', '终保日期', '联系结果', '续保保单号', '战败原因'];
  const book = () =>
    new FakeWorkbook({
      续保清单: [
        HEAD,
        ['PDZA2025000001', '商业险', '赵敏', '1381234567', '冀B12345', serial('2026-10-30'), null, null, null],
        ['PDZA2025000002', '交强险', '钱进', '13912345678', '冀B22345', serial('2026-11-02'), null, null, null],
        ['PDZA2025000002', '商业险', '钱进', '13912345678', '冀B22345', serial('2026-11-02'), null, null, null],
      ],
    });

  test('finds the row by policy number; an old wrong phone does not block the result', async () => {
    const b = book();
    const s = session(b, 'renewal');
    const found = await s.lookup('pdza2025000001');
    expect(found).toMatchObject({ ok: true, editing: { row: 2 } });
    if (!found.ok) return;
    expect(found.texts.phone).toBe('1381234567');
    const check = s.check({ ...found.texts, contactResult: '成功续保' });
    expect(check.fields.phone).toEqual([expect.objectContaining({ level: 'warning', code: 'phone.invalid' })]);
    expect(check.fields.renewedPolicyNo).toEqual([
      expect.objectContaining({ level: 'warning', code: 'renewal.renewedPolicyMissing' }),
    ]);
    expect(check.hasErrors).toBe(false);
    // Typed anew, a wrong phone is an error.
    expect(s.check({ ...found.texts, phone: '1381234' }).fields.phone?.[0].level).toBe('error');

    const r = await s.save({ ...found.texts, contactResult: '明确拒绝', lostReason: '已在4S店投保' });
    expect(r).toMatchObject({ ok: true, row: 2, changed: 2 });
    expect(b.values('续保清单', 'A2:I2')).toEqual([
      [
        'PDZA2025000001',
        '商业险',
        '赵敏',
        '1381234567',
        '冀B12345',
        serial('2026-10-30'),
        '明确拒绝',
        '',
        '已在4S店投保',
      ],
    ]);
  });

  test('a car is found by plate, name, phone or part of a policy number, and its policies are saved together with the call logged', async () => {
    for (const typed of ['冀b22345', '钱进', '139-1234-5678', '25000002']) {
      const found = await session(book(), 'renewal').lookup(typed);
      expect([typed, found]).toEqual([
        typed,
        expect.objectContaining({ ok: true, editing: expect.objectContaining({ row: 3 }) }),
      ]);
      if (found.ok) expect(found.editing.siblings.map((x) => x.row)).toEqual([4]);
    }
    const b = book();
    const s = session(b, 'renewal');
    const found = await s.lookup('冀B22345');
    if (!found.ok) throw new Error(found.message);
    // 预约回电 without its time: the log row would be incomplete (warning), as validate says.
    const asked = s.check({ ...found.texts, contactResult: '预约回电' });
    expect(asked.fields['log-nextContactAt']).toEqual([
      expect.objectContaining({ level: 'warning', code: 'followups.noAppointment' }),
    ]);
    expect(
      s.check({ ...found.texts, 'log-nextContactAt': '2026-10-07 10:00', contactResult: '预约回电' }).fields[
        'log-nextContactAt'
      ],
    ).toEqual([expect.objectContaining({ level: 'error', code: 'followups.nextBeforeContact' })]);

    const r = await s.save({ ...found.texts, contactResult: '预约回电', 'log-nextContactAt': '2026-10-09 15:30' });
    expect(r).toMatchObject({
      ok: true,
      row: 3,
      also: ['同一辆车的另 1 张保单（第 4 行）一并更新', '已新建「回访记录」并记入第 2 行'],
    });
    expect(b.values('续保清单', 'G3:G4')).toEqual([['预约回电'], ['预约回电']]);
    const log = b.values('回访记录', 'A1:I2');
    expect(log[0]).toEqual([
      '保单号',
      '车牌号',
      '回访类型',
      '联系时间',
      '联系方式',
      '联系结果',
      '下次联系时间',
      '联系人',
      '备注',
    ]);
    expect(log[1].slice(0, 3)).toEqual(['', '冀B22345', '续保']);
    expect(Math.floor(log[1][3] as number)).toBe(serial(TODAY));
    expect(log[1].slice(4, 6)).toEqual(['电话', '预约回电']);
    expect(log[1][6]).toBeCloseTo(serial('2026-10-09') + 15.5 / 24, 6);

    // The next call goes below it; a load and save without a new result logs nothing.
    const again = await s.lookup('冀B22345');
    if (!again.ok) throw new Error(again.message);
    expect(
      await s.save({ ...again.texts, contactResult: '成功续保', renewedPolicyNo: 'PDZA2026000009' }),
    ).toMatchObject({
      ok: true,
      also: ['同一辆车的另 1 张保单（第 4 行）一并更新', '已记入「回访记录」第 3 行'],
    });
    const still = await s.lookup('冀B22345');
    if (!still.ok) throw new Error(still.message);
    expect(await s.save(still.texts)).toMatchObject({ ok: true, also: [] });
    expect(b.values('回访记录', 'F3:F4')).toEqual([['成功续保'], ['']]);
    // Only the loaded policy gets its own renewal number.
    expect(b.values('续保清单', 'H3:H4')).toEqual([['PDZA2026000009'], ['']]);
  });

  test('the 回访记录 form: a call with its appointment is logged; an appointment before the call is refused', async () => {
    const b = book();
    const s = session(b, 'followups');
    const bad = s.check({
      plateNo: '冀b12345',
      contactedAt: '2026-10-08 09:40',
      result: '预约回电',
      nextContactAt: '2026-10-07',
    });
    expect(bad.fields.nextContactAt?.[0]).toMatchObject({ level: 'error', code: 'followups.nextBeforeContact' });
    expect(s.check({ contactedAt: '2026-10-08 09:40', result: '无人接听' }).fields.policyNo?.[0]).toMatchObject({
      code: 'followups.noTarget',
    });
    const r = await s.save({
      plateNo: '冀b12345',
      contactedAt: '2026-10-08 09:40',
      result: '预约回电',
      nextContactAt: '2026-10-09 15:30',
      caller: '于丽',
    });
    expect(r).toMatchObject({ ok: true, sheet: '回访记录', row: 2, created: true });
    expect(b.values('回访记录', 'B2')).toEqual([['冀B12345']]);
  });

  test('a search matching two cars, or none, is reported', async () => {
    const s = session(book(), 'renewal');
    expect(await s.lookup('PDZA2025')).toMatchObject({
      ok: false,
      message: expect.stringContaining('对应 2 辆车：冀B12345 赵敏（第 2 行）；冀B22345 钱进（第 3、4 行）'),
    });
    expect(await s.lookup('PDZA2099')).toMatchObject({
      ok: false,
      message: expect.stringContaining('没有找到“PDZA2099”'),
    });
  });

  test('new rows are not added to the renewal list', async () => {
    expect(
      await session(book(), 'renewal').save({
        policyNo: 'X1',
        coverage: '商业险',
        insuredName: '甲',
        expiryDate: '2026-12-01',
      }),
    ).toMatchObject({ ok: false });
  });
});

describe('related sheets', () => {
  test('a collection must be against a registered contract', async () => {
    const b = new FakeWorkbook({
      合同: [
        ['合同编号', '客户名称', '签订日期', '合同金额'],
        ['HT-2026-001', '唐山钢铁', serial('2026-09-01'), 500000],
      ],
      回款: [['合同编号', '回款日期', '回款金额', '回款方式']],
    });
    const s = session(b, 'collections');
    await s.refresh();
    expect(s.related.map((t) => t.sheet)).toEqual(['合同']);
    const unknown = s.check({ contractNo: 'ht-2026-009', date: '2026-10-08', amount: '100,000' });
    expect(unknown.fields.contractNo).toEqual([
      expect.objectContaining({
        code: 'collections.unknownContract',
        message: expect.stringContaining('HT-2026-009 不在合同履行一览表中'),
      }),
    ]);
    const r = await s.save({ contractNo: 'ht-2026-001', date: '2026-10-08', amount: '100,000', method: '转账' });
    expect(r).toMatchObject({ ok: true, sheet: '回款', row: 2 });
    expect(b.values('回款', 'A2:D2')).toEqual([['HT-2026-001', serial('2026-10-08'), 100000, '转账']]);
  });

  test('a roll call names a person of the roster', async () => {
    const b = new FakeWorkbook({
      人力表: [
        ['工号', '姓名', '部门'],
        ['A001', '周杰', '车险部'],
      ],
    });
    const s = session(b, 'rollCall');
    await s.refresh();
    expect(s.check({ date: TODAY, employeeId: 'a002', mark: '到' }).fields.employeeId?.[0].code).toBe(
      'attendance.unknownPerson',
    );
    expect(s.check({ date: TODAY, employeeId: 'a001', mark: '迟到' }).hasErrors).toBe(false);
    expect(await s.save({ date: TODAY, employeeId: 'a001', name: '周杰', mark: '迟到' })).toMatchObject({
      ok: true,
      sheet: '早会点到',
      created: true,
    });
    expect(b.values('早会点到', 'A1:D2')).toEqual([
      ['日期', '工号', '姓名', '点到'],
      [serial(TODAY), 'A001', '周杰', '迟'],
    ]);
  });
});

describe('fields come from the schemas', () => {
  test("every column of every form's table is a field, labelled with its header", () => {
    for (const id of [
      'issuance',
      'intent',
      'renewal',
      'claims',
      'contracts',
      'collections',
      'rollCall',
      'roster',
      'followups',
    ]) {
      const spec = formById(id)!;
      const logged = spec.log?.fields.map((k) => spec.log!.table.column(k).header) ?? [];
      expect(
        fieldsOf(spec)
          .map((f) => f.label)
          .sort(),
      ).toEqual([...spec.table.columns.map((c) => c.header), ...logged].sort());
    }
    const renewal = fieldGroups(formById('renewal')!);
    expect(renewal.map((g) => g.title)).toEqual(['回访结果', '回访记录', '保单信息']);
    expect(renewal[1].fields.map((f) => f.key)).toEqual(['log-nextContactAt', 'log-note']);
    expect(renewal[0].fields.map((f) => f.key)).toEqual([
      'contactResult',
      'lostReason',
      'renewedPolicyNo',
      'renewedDate',
      'renewedPremium',
    ]);
  });

  test('a column added to a schema shows up with its control, and is checked', () => {
    const table = defineTable({
      ledger: 'issuance',
      key: 'issuance',
      title: '试验台账',
      schema: z.object({
        policyNo: col.code('保单号'),
        agentPhone: col.phone('代理人电话').optional(),
        kind: col.oneOf('类别', ['甲', '乙']),
      }),
    });
    const spec: FormSpec = { id: 'issuance', label: '试验', table };
    expect(fieldsOf(spec).map((f) => [f.label, f.control, f.upper])).toEqual([
      ['保单号', 'text', true],
      ['代理人电话', 'text', false],
      ['类别', 'select', false],
    ]);
    const check = checkForm(table, { policyNo: 'a1', agentPhone: '12345', kind: '丙' }, { asOf: TODAY });
    expect(check.errorKeys).toEqual(['agentPhone', 'kind']);
    expect(check.fields.kind?.[0].message).toBe('类别只能填 甲 / 乙，这里是“丙”');
  });

  test('drop-downs for short enums, a typed list for the provinces, date inputs for dates', () => {
    const f = Object.fromEntries(fieldsOf(formById('intent')!).map((x) => [x.key, x.control]));
    expect(f).toMatchObject({
      useNature: 'select',
      coverage: 'select',
      province: 'list',
      startDate: 'date',
      plateNo: 'text',
    });
  });
});

describe('投保意向表 rules', () => {
  const ok = {
    insuredName: '孙丽',
    plateNo: '冀B12345',
    makeModel: '大众FV7146FCDBG',
    useNature: '家庭自用',
    lastPolicyNo: 'PDZA2025000001',
    applicantName: '孙丽',
    applicantPhone: '13812345678',
    province: '河北',
    city: '唐山市',
    district: '路北区',
    street: '建设路12号3单元501室',
    startDate: '2026-10-10',
    coverage: '交强险+商业险',
  };
  const check = (over: Record<string, string>) => checkForm(intent, { ...ok, ...over }, { asOf: TODAY });
  const codes = (over: Record<string, string>) =>
    Object.entries(check(over).fields)
      .flatMap(([k, list]) => list.map((i) => `${k} ${i.code} ${i.level}`))
      .sort();

  test('a complete intent passes; short province names are read', () => {
    expect(codes({})).toEqual([]);
    expect(check({}).values.province).toBe('河北省');
    expect(check({ province: '广西' }).values.province).toBe('广西壮族自治区');
  });

  test('the address must be complete down to the house number', () => {
    expect(codes({ city: '', district: '', street: '' })).toEqual([
      'city intent.addressIncomplete error',
      'district intent.addressIncomplete error',
      'street intent.addressIncomplete error',
    ]);
    expect(check({ street: '' }).fields.street?.[0].message).toBe(
      '通信地址缺少街道门牌号（通信地址须写全：省、市、区县、街道门牌号）',
    );
    expect(codes({ province: '北京', city: '', district: '朝阳区', street: '建国路88号' })).toEqual([]);
    expect(codes({ city: '唐山', district: '路北', street: '建设路' })).toEqual([
      'city intent.addressCity warning',
      'district intent.addressDistrict warning',
      'street intent.addressNoNumber warning',
    ]);
    expect(codes({ province: '火星' })).toEqual(['province enum.invalid error']);
  });

  test('the start date is today or later', () => {
    expect(codes({ startDate: TODAY })).toEqual([]);
    expect(check({ startDate: '2026-10-07' }).fields.startDate).toEqual([
      expect.objectContaining({
        level: 'error',
        code: 'intent.startInPast',
        message: '起保日期 2026-10-07 早于今天 2026-10-08：起保日期不能是过去的日期（应为今天或以后，并与投保单一致）',
      }),
    ]);
  });

  test("phones: valid, the insured's own when it is another person, at least one mobile", () => {
    expect(codes({ applicantPhone: '1381234567' })).toEqual(['applicantPhone phone.invalid error']);
    expect(codes({ insuredName: '孙丽的公司' })).toEqual(['insuredPhone intent.insuredPhoneMissing error']);
    expect(codes({ insuredName: '孙强', insuredPhone: '138 1234 5678' })).toEqual([
      'insuredPhone intent.samePhone warning',
    ]);
    expect(codes({ insuredName: '孙强', insuredPhone: '1391234' })).toEqual(['insuredPhone phone.invalid error']);
    expect(codes({ applicantPhone: '0315-2812345' })).toEqual(['applicantPhone intent.noMobile warning']);
    expect(codes({ applicantPhone: '0315-2812345', insuredName: '孙强', insuredPhone: '13912345678' })).toEqual([]);
  });

  test('the car is known by its plate or, before it has one, its VIN', () => {
    expect(codes({ plateNo: '新车' })).toEqual(['plateNo intent.noVehicle error']);
    expect(codes({ plateNo: '新车', vin: 'LFV2A21K8D4123456' })).toEqual([]);
  });
});

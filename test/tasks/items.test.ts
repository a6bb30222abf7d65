/**
 * 物品台账 (workflows.md §6): the stock and each person's holding follow the moves in date order;
 * a 领用, 发放 or 退回 of more than its source held is an error on its 数量. A real register
 * written to a file (rows out of date order, as clerks add late entries) and read back.
 */
import { join } from 'node:path';
import { readWorkbookFile } from '../../src/io/workbook';
import { itemBalances, STOCK } from '../../src/ledgers/items';
import { validateWorkbooks } from '../../src/tasks/validate';
import { ledger, statsOf, tempDir, writeBook } from '../stats/helpers';
import { SHEET_NAMES } from '../../src/tasks/stats';

const { dir, cleanup } = tempDir('items');
afterAll(cleanup);

const HEADER = ['日期', '物品', '动作', '数量', '经手人', '领用人或客户', '关联保单号'];
const ROWS = [
  ['2026-11-01', '会员卡', '入库', 50, '孟明辉', null, null], // 2
  ['2026-11-02', '会员卡', '领用', 10, '孟明辉', '马颖', null], // 3
  ['2026-11-03', '会员卡', '发放', 4, '马颖', '张伟', 'P001'], // 4: from 马颖's 10
  ['2026-11-04', '车载香水', '发放', 2, '吴霞', '李娜', 'P002'], // 5: from the stock row 8 brought in
  ['2026-11-05', '会员卡', '退回', 8, '孟明辉', '马颖'], // 6: 马颖 holds 6 → error
  ['2026-11-06', '会员卡', '退回', 6, '孟明辉', '马颖'], // 7
  ['2026-10-30', '车载香水', '入库', 20, '孟明辉', null, null], // 8: entered late, dated before row 5: counted first
  ['2026-11-07', '商户手册', '领用', 5, '孟明辉', null, null], // 9: no 领用人
];

let file: string;
beforeAll(async () => {
  file = await writeBook(join(dir, '物品台账.xlsx'), [{ name: '物品台账', rows: [HEADER, ...ROWS] }]);
});

test('validate: what a move takes must be there at its date; a 领用 says who', async () => {
  const { grids } = await readWorkbookFile(file);
  const result = validateWorkbooks([{ file, grids }], { asOf: '2026-11-25' });
  const sheet = result.files[0].sheets[0];
  expect(sheet.ledger).toBe('items');
  expect(sheet.findings.map((f) => [f.row, f.column, f.code])).toEqual([
    [6, 'D', 'items.noStock'],
    [9, 'F', 'items.noRecipient'],
  ]);
  expect(sheet.findings[0].message).toBe(
    '2026-11-05 退回 8 件会员卡，但马颖手中当时只有 6 件（请补登入库或领用，或核对数量）',
  );
});

test('the balances: stock and holders per item after every move', () => {
  const moves = ROWS.slice(0, 8).map((r, i) => ({
    row: i + 2,
    date: r[0] as string,
    item: r[1] as string,
    action: r[2] as '入库',
    quantity: r[3] as number,
    handler: r[4] as string,
    ...(r[5] ? { recipient: r[5] as string } : {}),
  }));
  const { balances, shortages } = itemBalances(moves);
  expect(Object.fromEntries(balances.get('会员卡')!)).toEqual({ [STOCK]: 46, 马颖: 0 });
  expect(Object.fromEntries(balances.get('车载香水')!)).toEqual({ [STOCK]: 18 });
  expect(shortages.map((s) => [s.move.row, s.from, s.had])).toEqual([[6, '马颖', 6]]);
});

test('the statistics: each item’s moves in the period, the stock and who holds what', async () => {
  const r = await statsOf([file], '2026-11', '2026-11-25');
  // November only: the 车载香水 brought in on 10-30 is stock, not a November 入库.
  expect(ledger(r, 'items').byItem).toEqual({
    会员卡: { received: 50, taken: 10, given: 4, returned: 6, stock: 46, held: 0 },
    车载香水: { received: 0, taken: 0, given: 2, returned: 0, stock: 18, held: 0 },
    商户手册: { received: 0, taken: 0, given: 0, returned: 0, stock: 0, held: 0 },
  });
  const sheet = r.report.sheets.find((s) => s.name === SHEET_NAMES.items)!;
  expect(sheet.tables.map((t) => t.title)).toEqual(['按物品', '人员手中']);
});

test('a gift promised on an intent form is looked for among the 物品台账’s 发放', async () => {
  const intents = await writeBook(join(dir, '投保意向表.xlsx'), [
    {
      name: '投保意向表',
      rows: [
        [
          '被保险人',
          '车牌号',
          '厂牌型号',
          '使用性质',
          '投保人',
          '投保人联系电话',
          '省份',
          '城市',
          '区县',
          '详细地址',
          '起保日期',
          '投保险种',
          '赠品名称',
        ],
        [
          '张伟',
          '冀B12345',
          '大众',
          '家庭自用',
          '张伟',
          '13812345678',
          '河北省',
          '唐山市',
          '路北区',
          '建设路1号',
          '2026-12-20',
          '交强险',
          '会员卡',
        ],
        [
          '王芳',
          '冀B54321',
          '丰田',
          '家庭自用',
          '王芳',
          '13812345679',
          '河北省',
          '唐山市',
          '路南区',
          '新华道2号',
          '2026-12-20',
          '交强险',
          '车载香水',
        ],
      ],
    },
  ]);
  const books = await Promise.all(
    [file, intents].map(async (f) => ({ file: f, grids: (await readWorkbookFile(f)).grids })),
  );
  const result = validateWorkbooks(books, { asOf: '2026-11-25' });
  const gifts = result.files[1].sheets[0].findings.filter((f) => f.code === 'intent.giftNotGiven');
  // 张伟's 会员卡 was handed out (row 4 of the register); 王芳's 车载香水 was not.
  expect(gifts.map((f) => [f.row, f.column, f.level, f.message])).toEqual([
    [3, 'M', 'warning', '赠品“车载香水”在物品台账中没有发放给 王芳 的记录（发放后请登记，物品台账的结存才准）'],
  ]);
});

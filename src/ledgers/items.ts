/**
 * 物品台账 (workflows.md §6; seed 000 "奖品、物品、行销工具的领用、发放和登记", seed 004 node 六
 * "物品登记台帐"): member cards, 商户手册, gifts, 卡单 and marketing items — taken into stock,
 * handed to a colleague, given to a customer, returned. One row per movement; the stock and
 * what each person holds follow from the rows in date order (`itemBalances`).
 */
import { z } from 'zod';
import { col, defineTable } from './schema';
import type { LedgerDef } from './registry';

export const ITEM_ACTIONS = ['入库', '领用', '发放', '退回'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** The 库存 (the desk's cupboard) is a holder like any person. */
export const STOCK = '库存';

export const items = defineTable({
  ledger: 'items',
  key: 'items',
  title: '物品台账',
  schema: z.object({
    date: col.date('日期', { aliases: ['登记日期', '发放日期'] }),
    item: col.text('物品', { aliases: ['物品名称', '名称'], hint: '如 会员卡、商户手册、赠品、卡单、行销工具' }),
    action: col.oneOf('动作', ITEM_ACTIONS, {
      aliases: ['类型', '操作'],
      synonyms: { 入: '入库', 领: '领用', 发: '发放', 赠送: '发放', 归还: '退回', 退: '退回' },
      hint: '入库：进库存；领用：同事从库存领走；发放：交给客户；退回：同事交回库存',
    }),
    quantity: col.int('数量', { positive: true }),
    handler: col.text('经手人'),
    recipient: col
      .text('领用人或客户', { aliases: ['领用人', '客户', '领取人'], hint: '领用、退回填同事姓名，发放填客户姓名' })
      .optional(),
    policyNo: col.code('关联保单号', { aliases: ['保单号'], hint: '随单赠送时填写' }).optional(),
    note: col.text('备注').optional(),
  }),
  rowRules: [
    (r) =>
      (r.action === '领用' || r.action === '退回' || r.action === '发放') && !r.recipient
        ? {
            key: 'recipient',
            level: 'error',
            code: 'items.noRecipient',
            message: `${r.action}要写明${r.action === '发放' ? '客户' : '同事'}（领用人或客户）`,
          }
        : undefined,
  ],
});

export interface ItemMove {
  row: number;
  date: string;
  item: string;
  action: ItemAction;
  quantity: number;
  handler: string;
  recipient?: string;
}

/** The complete moves among typed rows (a row missing a field is already a finding of its own). */
export function itemMoves(rows: readonly { row: number; data: Partial<ItemMove> }[]): ItemMove[] {
  const out: ItemMove[] = [];
  for (const { row, data: d } of rows)
    if (d.date && d.item && d.action && d.quantity && d.handler)
      out.push({
        row,
        date: d.date,
        item: d.item,
        action: d.action,
        quantity: d.quantity,
        handler: d.handler,
        recipient: d.recipient,
      });
  return out;
}

export interface ItemShortage {
  move: ItemMove;
  /** Who should have had the items, and how many they had. */
  from: string;
  had: number;
}

/**
 * The stock and each person's holding per item after the moves (taken in date order, then row
 * order), and every move that took more than its source had: a 发放 comes from what the 经手人
 * holds, else from the 库存.
 */
export function itemBalances(moves: readonly ItemMove[]): {
  balances: Map<string, Map<string, number>>;
  shortages: ItemShortage[];
} {
  const balances = new Map<string, Map<string, number>>();
  const holding = (item: string) => {
    let m = balances.get(item);
    if (!m) balances.set(item, (m = new Map([[STOCK, 0]])));
    return m;
  };
  const shortages: ItemShortage[] = [];
  const take = (m: Map<string, number>, from: string, move: ItemMove): boolean => {
    const had = m.get(from) ?? 0;
    if (had < move.quantity) {
      shortages.push({ move, from, had });
      return false;
    }
    m.set(from, had - move.quantity);
    return true;
  };
  const give = (m: Map<string, number>, to: string, n: number) => m.set(to, (m.get(to) ?? 0) + n);
  const ordered = [...moves].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row));
  for (const move of ordered) {
    const m = holding(move.item);
    switch (move.action) {
      case '入库':
        give(m, STOCK, move.quantity);
        break;
      case '领用':
        if (move.recipient && take(m, STOCK, move)) give(m, move.recipient, move.quantity);
        break;
      case '发放': {
        const from = (m.get(move.handler) ?? 0) >= move.quantity ? move.handler : STOCK;
        take(m, from, move);
        break;
      }
      case '退回':
        if (move.recipient && take(m, move.recipient, move)) give(m, STOCK, move.quantity);
        break;
    }
  }
  return { balances, shortages };
}

export const itemsLedger: LedgerDef = {
  key: 'items',
  title: '物品台账',
  tables: [items],
  forms: [{ id: 'items', label: '物品登记', table: items, today: ['date'], suggest: ['item', 'handler', 'recipient'] }],
};

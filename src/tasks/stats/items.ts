/**
 * 物品 (workflows.md §6): per item, what came in, was taken, given to customers and returned in
 * the period, and what is left at the as-of date — in the 库存 and in each person's hands.
 */
import { itemBalances, itemMoves, STOCK, type ItemMove } from '../../ledgers/items';
import type { SourcedRow } from './excluded';
import { inWindow, type Window } from './period';

export interface ItemFigures {
  byItem: Record<
    string,
    { received: number; taken: number; given: number; returned: number; stock: number; held: number }
  >;
  /** Who holds what at the as-of date (more than nothing), by holder then item. */
  holders: { holder: string; item: string; quantity: number }[];
}

export function itemFigures(rows: readonly SourcedRow<Partial<ItemMove>>[], w: Window, asOf: string): ItemFigures {
  const moves = itemMoves(rows).filter((mv) => mv.date <= asOf);
  const byItem: ItemFigures['byItem'] = {};
  const { balances, shortages } = itemBalances(moves);
  // Only what went through counts: a move its source could not cover, or a 领用/退回 naming no one, did not.
  const failed = new Set<ItemMove>(shortages.map((x) => x.move));
  const done = (mv: ItemMove) => !failed.has(mv) && (mv.recipient || mv.action === '入库' || mv.action === '发放');
  for (const [item, m] of balances) {
    let held = 0;
    for (const [who, n] of m) if (who !== STOCK) held += n;
    byItem[item] = { received: 0, taken: 0, given: 0, returned: 0, stock: m.get(STOCK) ?? 0, held };
  }
  const field = { 入库: 'received', 领用: 'taken', 发放: 'given', 退回: 'returned' } as const;
  for (const mv of moves) if (inWindow(mv.date, w) && done(mv)) byItem[mv.item][field[mv.action]] += mv.quantity;
  const holders = [...balances].flatMap(([item, m]) =>
    [...m].filter(([who, n]) => who !== STOCK && n > 0).map(([holder, quantity]) => ({ holder, item, quantity })),
  );
  holders.sort((a, b) => a.holder.localeCompare(b.holder, 'zh') || a.item.localeCompare(b.item, 'zh'));
  return { byItem, holders };
}

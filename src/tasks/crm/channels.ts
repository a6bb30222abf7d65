/**
 * Step 0, the channel map (ledgers.md §1): a raw core-system export has no 业务归属, and the
 * seed splits the list by 经办人 ("通过经办人筛选出俱乐部要处理的信息"). A sheet with columns
 * 经办人 and 业务归属 fills the empty ones. A 经办人 listed twice with different 业务归属 is an
 * error naming both rows: insdesk does not guess which branch is right.
 */
import { isBlank } from '../../grid';
import { renewal } from '../../ledgers/renewal';
import { HEADER_SCAN_ROWS, mapHeaderRow } from '../../read/headers';
import { cellText } from '../../rules/text';
import { CrmError } from './errors';
import type { CrmBook } from './types';

export interface ChannelMap {
  get(handler: string): string | undefined;
  size: number;
}

export function readChannelMap(book: CrmBook): ChannelMap {
  const map = new Map<string, { channel: string; where: string }>();
  let found = false;
  for (const grid of book.grids) {
    const scan = Math.min(grid.rows.length, HEADER_SCAN_ROWS);
    for (let i = 0; i < scan; i++) {
      const cols = mapHeaderRow(renewal, grid.rows[i] ?? [], grid.origin?.col ?? 0);
      const handler = cols.find((c) => c.key === 'handler')?.col;
      const channel = cols.find((c) => c.key === 'channel')?.col;
      if (handler === undefined || channel === undefined) continue;
      found = true;
      const offset = (grid.origin?.row ?? 0) + 1;
      for (let r = i + 1; r < grid.rows.length; r++) {
        const cells = grid.rows[r];
        if (!cells || isBlank(cells[handler]) || isBlank(cells[channel])) continue;
        const name = cellText(cells[handler]).trim();
        const ch = cellText(cells[channel]).trim();
        const where = `「${grid.sheet}」第 ${r + offset} 行`;
        const known = map.get(name);
        if (known && known.channel !== ch) {
          throw new CrmError(
            `经办人“${name}”在${known.where}归属“${known.channel}”，在${where}归属“${ch}”：请只保留正确的一行`,
            book.name,
          );
        }
        if (!known) map.set(name, { channel: ch, where });
      }
      break;
    }
  }
  if (!found) throw new CrmError('没有找到经办人对照表（需要“经办人”和“业务归属”两列，表头须在前 20 行内）', book.name);
  return { get: (h) => map.get(h)?.channel, size: map.size };
}

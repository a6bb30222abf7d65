/**
 * Phone look-up (ledgers.md §1 step 4): plate → phone and VIN → phone from any sheet that has
 * a plate or VIN column and a phone column (the claims ledger, a member list …). Headers are
 * matched with the renewal list's own columns, so every wording the reader knows (报案电话,
 * 车牌号码, 被保险人电话 …) works here too.
 */
import type { Grid } from '../../grid';
import { isBlank } from '../../grid';
import { renewal } from '../../ledgers/renewal';
import { coercerFor } from '../../read/coerce';
import { HEADER_SCAN_ROWS, mapHeaderRow } from '../../read/headers';
import { CrmError } from './errors';
import type { CrmBook } from './types';

export interface PhoneHit {
  phone: string;
  /** Where it came from, for the 备注: `claims.xlsx「理赔台账」第 5 行`. */
  from: string;
}

export interface PhoneBook {
  byPlate: Map<string, PhoneHit>;
  byVin: Map<string, PhoneHit>;
  /** Rows that gave a phone. */
  entries: number;
}

const readPhone = coercerFor(renewal.column('phone'));
const readPlate = coercerFor(renewal.column('plateNo'));
const readVin = coercerFor(renewal.column('vin'));

const valueOf = (read: typeof readPhone, cell: Grid['rows'][number][number], date1904: boolean): string | undefined => {
  if (isBlank(cell)) return undefined;
  const r = read(cell, date1904);
  return r.issue?.level === 'error' || typeof r.value !== 'string' || !r.value ? undefined : r.value;
};

interface LookupColumns {
  headerIndex: number;
  phone: number;
  plate?: number;
  vin?: number;
}

function lookupColumns(grid: Grid): LookupColumns | undefined {
  const scan = Math.min(grid.rows.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < scan; i++) {
    const row = grid.rows[i];
    if (!row) continue;
    const cols = mapHeaderRow(renewal, row, grid.origin?.col ?? 0);
    const at = (key: string) => cols.find((c) => c.key === key)?.col;
    const phone = at('phone');
    const plate = at('plateNo');
    const vin = at('vin');
    if (phone !== undefined && (plate !== undefined || vin !== undefined)) {
      return {
        headerIndex: i,
        phone,
        ...(plate !== undefined ? { plate } : {}),
        ...(vin !== undefined ? { vin } : {}),
      };
    }
  }
  return undefined;
}

export function emptyPhoneBook(): PhoneBook {
  return { byPlate: new Map(), byVin: new Map(), entries: 0 };
}

/**
 * Reads every sheet of every source that has the columns. Later rows and later sources win
 * (ledgers are appended in time order, so the latest phone is the likeliest to be current).
 * A source with no such sheet at all is an error: the clerk named the wrong file.
 */
export function buildPhoneBook(sources: readonly CrmBook[]): PhoneBook {
  const book = emptyPhoneBook();
  for (const source of sources) {
    // The note shows the file's name, not the folder it was in.
    const fileName = source.name.split(/[\\/]/).pop() ?? source.name;
    let usable = 0;
    for (const grid of source.grids) {
      const cols = lookupColumns(grid);
      if (!cols) continue;
      usable++;
      const date1904 = !!grid.date1904;
      const rowOffset = grid.origin?.row ?? 0;
      for (let r = cols.headerIndex + 1; r < grid.rows.length; r++) {
        const cells = grid.rows[r];
        if (!cells) continue;
        const phone = valueOf(readPhone, cells[cols.phone], date1904);
        if (!phone) continue;
        const plate = cols.plate !== undefined ? valueOf(readPlate, cells[cols.plate], date1904) : undefined;
        const vin = cols.vin !== undefined ? valueOf(readVin, cells[cols.vin], date1904) : undefined;
        if (!plate && !vin) continue;
        const hit = { phone, from: `${fileName}「${grid.sheet}」第 ${rowOffset + r + 1} 行` };
        if (plate) book.byPlate.set(plate, hit);
        if (vin) book.byVin.set(vin, hit);
        book.entries++;
      }
    }
    if (!usable) {
      throw new CrmError(
        `没有找到可用于查电话的工作表（需要车牌号或车架号列，以及联系电话列；表头须在前 ${HEADER_SCAN_ROWS} 行内）`,
        source.name,
      );
    }
  }
  return book;
}

/** The phone for a car: same plate first, then same VIN. */
export function findPhone(
  book: PhoneBook,
  plateNo: string | undefined,
  vin: string | undefined,
): { hit: PhoneHit; by: 'plate' | 'vin' } | undefined {
  const byPlate = plateNo ? book.byPlate.get(plateNo) : undefined;
  if (byPlate) return { hit: byPlate, by: 'plate' };
  const byVin = vin ? book.byVin.get(vin) : undefined;
  return byVin ? { hit: byVin, by: 'vin' } : undefined;
}

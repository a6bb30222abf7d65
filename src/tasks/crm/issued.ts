/**
 * Step 0, renewed here (ledgers.md §1): the issuance ledger holds the policies this desk has
 * already issued. A renewal row whose car (same plate or same VIN) has a new policy of the same
 * coverage starting no earlier than 30 days before its expiry has been renewed here: calling
 * that customer again is what the seed forbids ("剔除已续保信息及我部已处理过的信息").
 */
import { issuance } from '../../ledgers';
import { readLedgerSheets, tablesOf } from '../../read/sheets';
import { addDays } from '../../rules/date';
import { CrmError } from './errors';
import type { CrmBook, RenewalData } from './types';

/** A new policy may start this many days before the old one ends (early renewal). */
export const RENEWAL_EARLIEST_DAYS = 30;

export interface IssuedPolicy {
  policyNo: string;
  coverage: string;
  startDate: string;
}

export interface IssuedIndex {
  /** The policy that renewed this row here, if any. */
  renewalOf(row: RenewalData): IssuedPolicy | undefined;
  /** Every plate and policy number in the ledger (a follow-up may be about an issued policy). */
  plates: ReadonlySet<string>;
  policies: ReadonlySet<string>;
  rows: number;
}

function push(map: Map<string, IssuedPolicy[]>, key: string, p: IssuedPolicy) {
  const list = map.get(key);
  if (list) list.push(p);
  else map.set(key, [p]);
}

export function readIssued(books: readonly CrmBook[], asOf: string): IssuedIndex {
  const byPlate = new Map<string, IssuedPolicy[]>();
  const byVin = new Map<string, IssuedPolicy[]>();
  const plates = new Set<string>();
  const policies = new Set<string>();
  let rows = 0;
  for (const book of books) {
    const tables = tablesOf(readLedgerSheets(book.grids, { asOf, crossTable: false }), 'issuance');
    if (!tables.length) {
      const required = issuance.columns
        .filter((c) => c.required)
        .map((c) => c.header)
        .join('、');
      throw new CrmError(`没有找到承保台账（--issued 应为本店的承保台账，表头须含 ${required}）`, book.name);
    }
    for (const t of tables) {
      for (const r of t.rows) {
        rows++;
        const { policyNo, coverage, startDate, plateNo, vin } = r.data as Record<string, string | undefined>;
        if (policyNo) policies.add(policyNo);
        if (plateNo) plates.add(plateNo);
        if (!policyNo || !coverage || !startDate) continue;
        const p = { policyNo, coverage, startDate };
        if (plateNo) push(byPlate, plateNo, p);
        if (vin) push(byVin, vin, p);
      }
    }
  }
  return {
    rows,
    plates,
    policies,
    renewalOf(row) {
      if (!row.expiryDate || !row.coverage) return undefined;
      const earliest = addDays(row.expiryDate, -RENEWAL_EARLIEST_DAYS);
      const fits = (p: IssuedPolicy) =>
        p.coverage === row.coverage && p.startDate >= earliest && p.policyNo !== row.policyNo;
      const candidates = [
        ...(row.plateNo ? (byPlate.get(row.plateNo) ?? []) : []),
        ...(row.vin ? (byVin.get(row.vin) ?? []) : []),
      ].filter(fits);
      // The first renewal after the expiry is the one that renewed this row.
      return candidates.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0))[0];
    },
  };
}

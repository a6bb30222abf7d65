/** Every ledger table, in the order sheets are matched against them. */
import type { LedgerKey, Table, TableKey } from './schema';
import { renewal } from './renewal';
import { issuance } from './issuance';
import { claims } from './claims';
import { contracts, collections } from './contracts';
import { roster, punches, punchPairs, rollCall } from './attendance';

export const TABLES: readonly Table[] = [renewal, issuance, claims, contracts, collections, roster, punches, punchPairs, rollCall] as unknown as Table[];

export const LEDGER_KEYS: readonly LedgerKey[] = ['renewal', 'issuance', 'claims', 'contracts', 'attendance'];

export const LEDGER_TITLES: Record<LedgerKey, string> = {
  renewal: '续保清单',
  issuance: '承保台账',
  claims: '理赔台账',
  contracts: '合同履行一览表',
  attendance: '差勤',
};

export const tableByKey = (key: TableKey): Table => {
  const t = TABLES.find((x) => x.key === key);
  if (!t) throw new Error(`unknown table ${key}`);
  return t;
};

export const tablesOfLedger = (ledger: LedgerKey): readonly Table[] => TABLES.filter((t) => t.ledger === ledger);

export * from './schema';
export { renewal, issuance, claims, contracts, collections, roster, punches, punchPairs, rollCall };

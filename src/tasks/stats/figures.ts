/**
 * Parsed ledger tables + settings → the figures of every ledger found, for one period and
 * as-of date. Money stays in integer fen here; json.ts and report.ts turn it into yuan.
 */
import type { ParsedTable } from '../../read/table';
import type { LedgerKey, TableKey } from '../../ledgers/schema';
import type { Settings } from '../../ledgers/settings';
import type { AttendanceInput } from '../../ledgers/attendanceMonth';
import { windowOf, type Period, type Window } from './period';
import { ExclusionList, type Excluded, type SourcedRow } from './excluded';
import { renewalFigures, type RenewalFigures } from './renewal';
import { issuanceFigures, type IssuanceFigures } from './issuance';
import { claimsFigures, type ClaimsFigures } from './claims';
import { contractsFigures, type ContractsFigures } from './contracts';
import { attendanceFigures, type AttendanceFigures } from './attendance';

export interface StatsInput {
  tables: readonly ParsedTable[];
  settings: Settings;
}

export interface StatsFigures {
  period: Period;
  asOf: string;
  window: Window;
  renewal?: RenewalFigures;
  issuance?: IssuanceFigures;
  claims?: ClaimsFigures;
  contracts?: ContractsFigures;
  attendance?: AttendanceFigures;
  /** Every row left out of a figure, ledger by ledger. */
  excluded: Excluded[];
}

/** The ledgers in report order. */
export const STATS_LEDGERS: readonly LedgerKey[] = ['renewal', 'issuance', 'claims', 'contracts', 'attendance'];

function rowsOf<T>(tables: readonly ParsedTable[], key: TableKey): SourcedRow<T>[] {
  const out: SourcedRow<T>[] = [];
  for (const t of tables) {
    if (t.table.key !== key) continue;
    for (const r of t.rows) out.push({ sheet: t.sheet, row: r.row, data: r.data as Partial<T>, invalid: r.invalid });
  }
  return out;
}

const tablesOfKey = (tables: readonly ParsedTable[], key: TableKey) => tables.filter((t) => t.table.key === key);

export function computeFigures(input: StatsInput, period: Period, asOf: string): StatsFigures {
  const { tables, settings } = input;
  const w = windowOf(period, asOf);
  const has = (ledger: LedgerKey) => tables.some((t) => t.table.ledger === ledger);
  const out: StatsFigures = { period, asOf, window: w, excluded: [] };
  const lists: ExclusionList[] = [];
  const list = (ledger: LedgerKey) => {
    const l = new ExclusionList(ledger);
    lists.push(l);
    return l;
  };
  if (has('renewal')) out.renewal = renewalFigures(rowsOf(tables, 'renewal'), period, asOf, list('renewal'));
  if (has('issuance')) out.issuance = issuanceFigures(rowsOf(tables, 'issuance'), period, w, list('issuance'));
  if (has('claims')) out.claims = claimsFigures(rowsOf(tables, 'claims'), w, asOf, settings.claimOverdueDays, list('claims'));
  if (has('contracts')) {
    out.contracts = contractsFigures(rowsOf(tables, 'contracts'), rowsOf(tables, 'collections'), w, asOf, list('contracts'));
  }
  if (has('attendance')) {
    const input: AttendanceInput = {
      roster: tablesOfKey(tables, 'roster') as AttendanceInput['roster'],
      punches: tablesOfKey(tables, 'punches') as AttendanceInput['punches'],
      punchPairs: tablesOfKey(tables, 'punchPairs') as AttendanceInput['punchPairs'],
      rollCall: tablesOfKey(tables, 'rollCall') as AttendanceInput['rollCall'],
    };
    out.attendance = attendanceFigures(input, period, asOf, settings, list('attendance'));
  }
  out.excluded = lists.flatMap((l) => l.items);
  return out;
}

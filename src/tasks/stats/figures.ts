/**
 * Parsed ledger tables + settings → the figures of every ledger found, for one period and
 * as-of date. Money stays in integer fen here; json.ts and report.ts turn it into yuan.
 */
import type { ParsedTable } from '../../read/table';
import type { TableKey } from '../../ledgers/schema';
import type { Settings } from '../../ledgers/settings';
import type { AttendanceInput } from '../../ledgers/attendanceMonth';
import { windowOf, type Period, type Window } from './period';
import { ExclusionList, type Excluded, type SourcedRow } from './excluded';
import { itemFigures, type ItemFigures } from './items';
import { documentFigures, type DocumentFigures } from './documents';
import type { DocumentRow } from '../../ledgers/documents';
import type { ItemMove } from '../../ledgers/items';
import type { DeliveryRow } from '../../ledgers/deliveries';
import { claimsAnalysis, deliveryFigures, type ClaimsAnalysis, type DeliveryFigures, type HotlineRow } from './dealer';
import { renewalFigures, type RenewalFigures, type RenewalRow } from './renewal';
import { issuanceFigures, type IssuanceFigures, type IssuanceRow } from './issuance';
import { claimsFigures, type ClaimsFigures, type ClaimRow } from './claims';
import { contractsFigures, type CollectionRow, type ContractRow, type ContractsFigures } from './contracts';
import { attendanceFigures, type AttendanceFigures } from './attendance';
import { followupFigures, type FollowupFigures } from './followups';
import { targetLines, type TargetLine, type TargetRow } from './targets';
import { deskDaily, type DeskDaily } from './daily';
import type { FollowupData } from '../crm/followupLog';

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
  followups?: FollowupFigures;
  /** 专员日报 and 积分, for a day period. */
  desk?: DeskDaily;
  /** 目标达成 of the period (with a 目标 table). */
  targets?: TargetLine[];
  /** 物品: moves of the period and what is left (with a 物品台账). */
  items?: ItemFigures;
  /** 手续不全清单 (with a 单证登记). */
  documents?: DocumentFigures;
  /** 新车投保率 and 战败 (with a 新车交车 list). */
  deliveries?: DeliveryFigures;
  /** 理赔月度分析 (with a claims ledger or a 出险咨询登记). */
  claimsAnalysis?: ClaimsAnalysis;
  /** Every row left out of a figure, ledger by ledger. */
  excluded: Excluded[];
}

/** The ledgers that have figures, in report order (each has its module of figures here). */
export const STATS_LEDGERS = ['renewal', 'issuance', 'claims', 'contracts', 'attendance', 'followups'] as const;
export type StatsLedger = (typeof STATS_LEDGERS)[number];

function rowsOf<T>(tables: readonly ParsedTable[], key: TableKey): SourcedRow<T>[] {
  const out: SourcedRow<T>[] = [];
  for (const t of tables) {
    if (t.table.key !== key) continue;
    // Rows loaded for statistics (load.ts) already say which sheet they are from.
    for (const r of t.rows)
      out.push(
        'sheet' in r
          ? (r as SourcedRow<T>)
          : { sheet: t.sheet, row: r.row, data: r.data as Partial<T>, invalid: r.invalid },
      );
  }
  return out;
}

const tablesOfKey = (tables: readonly ParsedTable[], key: TableKey) => tables.filter((t) => t.table.key === key);

/** The rows of every ledger found, gathered once for the period and for the previous one. */
export interface StatsRows {
  ledgers: ReadonlySet<StatsLedger>;
  renewal: SourcedRow<RenewalRow>[];
  issuance: SourcedRow<IssuanceRow>[];
  claims: SourcedRow<ClaimRow>[];
  contracts: SourcedRow<ContractRow>[];
  collections: SourcedRow<CollectionRow>[];
  attendance: AttendanceInput;
  followups: SourcedRow<FollowupData>[];
  /** Undefined when no 物品台账 was found. */
  items?: SourcedRow<Partial<ItemMove>>[];
  /** Undefined when no 单证登记 was found. */
  documents?: SourcedRow<Partial<DocumentRow>>[];
  /** Undefined when no 目标 table was found. */
  targets?: SourcedRow<TargetRow>[];
  /** Undefined when no 新车交车 list was found. */
  deliveries?: SourcedRow<Partial<DeliveryRow>>[];
  /** Undefined when no 出险咨询登记 was found. */
  hotline?: SourcedRow<HotlineRow>[];
}

export function statsRows(tables: readonly ParsedTable[]): StatsRows {
  return {
    // A ledger is found when one of its tables is.
    ledgers: new Set(STATS_LEDGERS.filter((l) => tables.some((t) => t.table.ledger === l))),
    renewal: rowsOf(tables, 'renewal'),
    issuance: rowsOf(tables, 'issuance'),
    claims: rowsOf(tables, 'claims'),
    contracts: rowsOf(tables, 'contracts'),
    collections: rowsOf(tables, 'collections'),
    attendance: {
      roster: tablesOfKey(tables, 'roster') as AttendanceInput['roster'],
      punches: tablesOfKey(tables, 'punches') as AttendanceInput['punches'],
      punchPairs: tablesOfKey(tables, 'punchPairs') as AttendanceInput['punchPairs'],
      rollCall: tablesOfKey(tables, 'rollCall') as AttendanceInput['rollCall'],
    },
    followups: rowsOf(tables, 'followups'),
    ...(tables.some((t) => t.table.key === 'targets') ? { targets: rowsOf<TargetRow>(tables, 'targets') } : {}),
    ...(tables.some((t) => t.table.key === 'items') ? { items: rowsOf<Partial<ItemMove>>(tables, 'items') } : {}),
    ...(tables.some((t) => t.table.key === 'deliveries')
      ? { deliveries: rowsOf<Partial<DeliveryRow>>(tables, 'deliveries') }
      : {}),
    ...(tables.some((t) => t.table.key === 'hotline') ? { hotline: rowsOf<HotlineRow>(tables, 'hotline') } : {}),
    ...(tables.some((t) => t.table.key === 'documents')
      ? { documents: rowsOf<Partial<DocumentRow>>(tables, 'documents') }
      : {}),
  };
}

export function computeFigures(rows: StatsRows, settings: Settings, period: Period, asOf: string): StatsFigures {
  const w = windowOf(period, asOf);
  const has = (ledger: StatsLedger) => rows.ledgers.has(ledger);
  const out: StatsFigures = { period, asOf, window: w, excluded: [] };
  const lists: ExclusionList[] = [];
  const list = (ledger: StatsLedger) => {
    const l = new ExclusionList(ledger);
    lists.push(l);
    return l;
  };
  if (has('renewal')) out.renewal = renewalFigures(rows.renewal, period, asOf, list('renewal'));
  if (has('issuance')) out.issuance = issuanceFigures(rows.issuance, period, w, list('issuance'));
  if (has('claims')) out.claims = claimsFigures(rows.claims, w, asOf, settings.claimOverdueDays, list('claims'));
  if (has('contracts')) out.contracts = contractsFigures(rows.contracts, rows.collections, w, asOf, list('contracts'));
  if (has('attendance'))
    out.attendance = attendanceFigures(rows.attendance, period, asOf, settings, list('attendance'));
  if (has('followups')) {
    const renewed = out.renewal?.renewedVehicles ?? 0;
    out.followups = followupFigures(rows.followups, rows.renewal, rows.issuance, w, renewed, list('followups'));
  }
  if (period.kind === 'day' && has('renewal'))
    out.desk = deskDaily(rows.renewal, rows.followups, period.start, settings);
  if (rows.items) out.items = itemFigures(rows.items, w, asOf);
  if (rows.documents) out.documents = documentFigures(rows.documents);
  if (rows.deliveries)
    out.deliveries = deliveryFigures(rows.deliveries, has('issuance') ? rows.issuance : undefined, w);
  if (has('claims') || rows.hotline)
    out.claimsAnalysis = claimsAnalysis(rows.claims, rows.hotline ?? [], period, w, asOf, settings.claimOverdueDays);
  if (rows.targets) {
    const l = new ExclusionList('targets');
    lists.push(l);
    out.targets = targetLines(rows.targets, out, l);
  }
  out.excluded = lists.flatMap((l) => l.items);
  return out;
}

import type { Cell, Grid } from '../../grid';
import type { RowOf } from '../../ledgers/schema';
import type { renewal } from '../../ledgers/renewal';
import type { ParsedRow, ParsedTable } from '../../read/table';
import type { CrmProfile } from './profile';
import type { IssuedPolicy } from './issued';
import type { LogSummary } from './followupLog';

/** The buckets of ledgers.md §1 step 9, in precedence order: the first that fits wins. */
export const BUCKETS = [
  'invalid',
  'duplicate',
  'renewed',
  'renewedHere',
  'lost',
  'lapsed',
  'alreadyAssigned',
  'outOfWindow',
  'needsPhone',
  'blocked',
  'leads',
] as const;
export type Bucket = (typeof BUCKETS)[number];

/** What the clerk calls each bucket (汇总, 其他记录's 分类). */
export const BUCKET_LABELS: Record<Bucket, string> = {
  invalid: '无效',
  duplicate: '重复',
  renewed: '已续保',
  renewedHere: '已在本店续保',
  lost: '战败',
  lapsed: '脱保',
  alreadyAssigned: '已发放',
  outOfWindow: '不在期限内',
  needsPhone: '需查找电话',
  blocked: '暂缓分配',
  leads: '导入CRM',
};

export type Counts = { input: number } & Record<Bucket, number>;

export type RenewalData = RowOf<typeof renewal>;

/** A workbook the run reads: its name (the file name, shown in messages and notes) and its sheets. */
export interface CrmBook {
  name: string;
  grids: readonly Grid[];
}

/** One sheet of the renewal list as read, with what the lists need to show raw cells. */
export interface SourceTable {
  parsed: ParsedTable<RenewalData>;
  grid: Grid;
  /** Column key → 0-based grid column. */
  colOf: Map<string, number>;
}

/** One input data row and where the run put it. */
export interface Item {
  /** Position in the input (tables in order, rows in order): the tie-breaker of every sort. */
  index: number;
  source: SourceTable;
  row: ParsedRow<RenewalData>;
  data: RenewalData;
  bucket: Bucket;
  /** Why the row is in its bucket (shown in the lists). */
  reason: string;
  /** The phone the CRM gets: the row's own or the one found by plate/VIN. */
  phone?: string;
  /** What insdesk did to the row (电话已更正 …), for 备注. */
  notes: string[];
  /** Leads and blocked leads: the 发放日期 the row would get. */
  assignedDate?: string;
  /** Leads: the specialist dealt to. */
  assignee?: string;
  /** alreadyAssigned rows a specialist has not worked yet (step 7). */
  unfinished?: boolean;
  /** The car (ledgers.md §1 "A vehicle"): its policies are dealt together. */
  vehicle: string;
  /** renewedHere: the policy this desk issued for it. */
  renewedBy?: IssuedPolicy;
  /** What the follow-up log says about the row. */
  log?: LogSummary;
  /** 今日待回电: why the row is to be called back today. */
  callback?: string;
  /** 不准确: three failed calls on three days; the row goes back to its branch. */
  inaccurate?: boolean;
}

export interface CrmOptions {
  /** The as-of date D, ISO. */
  asOf: string;
  specialists: readonly string[];
  /** PRNG seed, an integer 0 … 2^32−1. Default: the as-of date's digits (20261125). */
  seed?: number;
  /** Leads are rows expiring 0 … window days after D. Default 30. */
  window?: number;
  /** 发放日期 = expiry − lead, not before D. Default 25. */
  lead?: number;
  /** Give specialists with unfinished work new leads anyway. */
  overrideUnfinished?: boolean;
  /** The run's clock on the as-of date, `HH:MM` (step 7's 17:00 deadline). Default: now when D is today, else 17:00. */
  at?: string;
  /** Today, ISO (default the machine's date): decides whether D is today. */
  today?: string;
  profile?: CrmProfile;
}

export type SheetRole =
  | 'crm'
  | 'lapsed'
  | 'needsPhone'
  | 'renewedHere'
  | 'callbacks'
  | 'inaccurate'
  | 'unfinished'
  | 'blocked'
  | 'duplicate'
  | 'invalid'
  | 'other'
  | 'summary';

/** How a column is shown: text cells stay text when edited ('@'), money as #,##0.00. */
export type ColumnFormat = 'text' | 'money' | 'int';

/** The number format of each ColumnFormat, as Excel spells it. */
export const FORMAT_CODES: Record<ColumnFormat, string> = { text: '@', money: '#,##0.00', int: '0' };

export interface CrmSheet {
  /** Sheet name (also the CSV file's suffix). */
  name: string;
  role: SheetRole;
  /** Row 0 is the header. */
  rows: Cell[][];
  formats: Record<number, ColumnFormat>;
}

export interface DayDeal {
  date: string;
  /** New leads (policies, 件) per specialist that day. */
  counts: Record<string, number>;
  /** New vehicles (辆) per specialist that day: the unit of the fair deal. */
  vehicles: Record<string, number>;
}

/** Something a person should look at; the run went on. */
export interface CrmWarning {
  where: string;
  message: string;
}

export interface CrmResult {
  asOf: string;
  seed: number;
  window: number;
  lead: number;
  profile: string;
  counts: Counts;
  /** Distinct vehicles (辆) among each bucket's rows; a car may have policies in two buckets. */
  vehicleCounts: Counts;
  /** New leads (件) per specialist over the run (every specialist listed, blocked ones with 0). */
  assignments: Record<string, number>;
  /** New vehicles (辆) per specialist over the run: these differ by at most 1. */
  vehicleAssignments: Record<string, number>;
  leadVehicles: number;
  renewedHerePolicies: { policyNo: string; coverage: string; newPolicyNo: string }[];
  /** 经办人 with an empty 业务归属 that the channel map does not name (with a map only). */
  unmappedHandlers: string[];
  /** Rows whose 业务归属 the channel map filled. */
  channelsFilled: number;
  /** 今日待回电 rows per specialist (with a follow-up log). */
  callbacksToday: Record<string, number>;
  /** 不准确 rows per 业务归属 (with a follow-up log). */
  inaccurate: Record<string, number>;
  /** Entries read from the follow-up log; policies read from the issuance ledger. */
  followupEntries: number;
  issuedPolicies: number;
  /** The run's clock: `2026-11-25 17:00`. */
  clock: string;
  warnings: CrmWarning[];
  phoneFixed: number;
  /** Look-up rows that gave a phone (all --lookup files). */
  lookupPhones: number;
  /** Policies read from the --previous CRM file. */
  previousPolicies: number;
  /** Rows still unworked from earlier days, per 所属人员 (including people not in --specialists). */
  unfinished: Record<string, number>;
  /** Specialists who got no new leads because of unfinished work. */
  blockedSpecialists: string[];
  byDay: DayDeal[];
  /** Renewal sheets read: name, header row, data rows. */
  sources: { sheet: string; headerRow: number; rows: number }[];
  /** The CRM sheet first, then the lists, then 汇总. */
  sheets: CrmSheet[];
}

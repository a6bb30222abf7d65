/**
 * Step 10, the follow-up log (workflows.md §1, 回访记录) as the renewal desk reads it: which
 * rows were worked (step 7 does not block on them), the last result of each (an empty 联系结果
 * takes it), who is to be called back today, and which rows are 不准确 — three failed calls on
 * three days and never a reply ("拨打三次后…视为不准确"): those go back to their branch.
 */
import { followups, FAILED_RESULTS, INACCURATE_ATTEMPTS, moment } from '../../ledgers/followups';
import type { RowOf } from '../../ledgers/schema';
import type { ParsedTable } from '../../read/table';
import type { DateTime } from '../../rules/date';

export type FollowupData = RowOf<typeof followups>;

export interface Entry {
  data: FollowupData & { contactedAt: DateTime; result: string };
  /** `回访记录.xlsx「回访记录」第 5 行`, for warnings. */
  where: string;
  /** Input order: the tie-breaker of entries logged at the same minute. */
  index: number;
}

/** What the log says about one renewal row. */
export interface LogSummary {
  attempts: number;
  failed: number;
  /** Days with a failed attempt. */
  failedDays: number;
  reached: boolean;
  last: Entry;
  /** The latest appointment made (下次联系时间 of the latest entry that has one). */
  next?: DateTime;
  inaccurate: boolean;
}

export interface FollowupLog {
  entries: readonly Entry[];
  /** Entries about this policy, or about its car's plate, oldest first (承保回访 left out). */
  summaryOf(policyNo: string | undefined, plateNo: string | undefined): LogSummary | undefined;
}

const byTime = (a: Entry, b: Entry) => {
  const x = moment(a.data.contactedAt),
    y = moment(b.data.contactedAt);
  return x < y ? -1 : x > y ? 1 : a.index - b.index;
};

function push(map: Map<string, Entry[]>, key: string, e: Entry) {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

/** A logged call and where it is (`回访记录.xlsx「回访记录」第 5 行`), as read from any table. */
export interface LoggedRow {
  data: FollowupData;
  where: string;
}

/** The rows of 回访记录 tables, with where each is: what `buildLog` reads. */
export const loggedRows = (file: string, table: ParsedTable): LoggedRow[] =>
  table.rows.map((r) => ({ data: r.data as FollowupData, where: `${file}「${table.sheet}」第 ${r.row} 行` }));

export function buildLog(rows: readonly LoggedRow[]): FollowupLog {
  const entries: Entry[] = [];
  const byPolicy = new Map<string, Entry[]>();
  const byPlate = new Map<string, Entry[]>();
  for (const { data: d, where } of rows) {
    // A row without a time or a result says nothing about the call (validate lists it).
    if (!d.contactedAt || !d.result || (!d.policyNo && !d.plateNo)) continue;
    const e: Entry = { data: d as Entry['data'], where, index: entries.length };
    entries.push(e);
    if (d.kind === '承保回访') continue;
    if (d.policyNo) push(byPolicy, d.policyNo, e);
    if (d.plateNo) push(byPlate, d.plateNo, e);
  }
  return {
    entries,
    summaryOf(policyNo, plateNo) {
      const mine = new Set([
        ...(policyNo ? (byPolicy.get(policyNo) ?? []) : []),
        ...(plateNo ? (byPlate.get(plateNo) ?? []) : []),
      ]);
      if (!mine.size) return undefined;
      const list = [...mine].sort(byTime);
      let failed = 0;
      let reached = false;
      let next: DateTime | undefined;
      const days = new Set<string>();
      for (const e of list) {
        if (FAILED_RESULTS.has(e.data.result)) {
          failed++;
          days.add(e.data.contactedAt.date);
        } else reached = true;
        if (e.data.nextContactAt) next = e.data.nextContactAt;
      }
      return {
        attempts: list.length,
        failed,
        failedDays: days.size,
        reached,
        last: list[list.length - 1],
        ...(next ? { next } : {}),
        inaccurate: !reached && failed >= INACCURATE_ATTEMPTS && days.size >= INACCURATE_ATTEMPTS,
      };
    },
  };
}

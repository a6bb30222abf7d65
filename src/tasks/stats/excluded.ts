/**
 * Rows left out of a figure (ledgers.md "Figures"): each is counted and listed with the
 * figure it is missing from and why, never dropped silently. Rows outside the period are
 * not "left out": they simply belong to another period.
 */
import type { StatsLedger } from './figures';

/** A ledger with figures, or the 目标 table (its rows can be left out too). */
export type ExcludedFrom = StatsLedger | 'targets';

export interface Excluded {
  ledger: ExcludedFrom;
  /** The figure the row is missing from (`*` = every figure of the ledger). */
  figure: string;
  sheet: string;
  /** 1-based Excel row. */
  row: number;
  /** What is wrong and what would make the row count, in Chinese. */
  reason: string;
}

/** Collects exclusions of one ledger, once per (sheet, row, figure). */
export class ExclusionList {
  readonly items: Excluded[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly ledger: ExcludedFrom) {}

  add(figure: string, at: { sheet: string; row: number }, reason: string): void {
    const id = `${at.sheet}\u0000${at.row}\u0000${figure}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.items.push({ ledger: this.ledger, figure, sheet: at.sheet, row: at.row, reason });
  }
}

/** A row of a parsed table together with where it came from. */
export interface SourcedRow<T> {
  sheet: string;
  row: number;
  data: Partial<T>;
  invalid?: Record<string, string>;
}

/** `续保清单 第 3 行`: where a row is, for a reason line. */
export const where = (r: { sheet: string; row: number }): string => `${r.sheet} 第 ${r.row} 行`;

/** `（未填写）` / `（无法识别）` for a grouping field without a usable value. */
export function groupKey(r: { data: object; invalid?: Record<string, string> }, key: string): string {
  const v = (r.data as Record<string, unknown>)[key];
  if (typeof v === 'string' && v) return v;
  return r.invalid?.[key] !== undefined ? '（无法识别）' : '（未填写）';
}

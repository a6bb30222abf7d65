/**
 * A finding is what a clerk sees: which cell, how bad, and a Chinese sentence saying what
 * is wrong and what is expected. `code` is dotted and stable (`plate.invalid`,
 * `issuance.deliveredUnpaid`) so tests and users can rely on it; messages may change.
 */
export type Level = 'error' | 'warning' | 'info';

export interface Finding {
  sheet: string;
  /** 1-based Excel row of the source sheet. */
  row: number;
  /** Excel column letters of the source sheet ('' when the finding is about the whole row or sheet). */
  column: string;
  /** The ledger key of the column, when the finding is about a field. */
  key?: string;
  level: Level;
  code: string;
  message: string;
}

export const LEVEL_ORDER: Record<Level, number> = { error: 0, warning: 1, info: 2 };

/** The sheet of a validation report that lists the findings (CLI report and the add-in's 校验). */
export const ISSUES_SHEET = '问题清单';
/** A validation report's marked-up copy of a checked sheet is named with this prefix. */
export const MARK_PREFIX = '标注-';

/**
 * What a ledger declares about the workbook it becomes (template / upgrade / 升级为工具):
 * formula columns, the engine's values for their cached results, and the conditional formats
 * that colour its rows. Plain data and pure functions: the file writer maps them to exceljs
 * and the add-in to Office.js (src/tasks/upgrade carries them out).
 *
 * A formula is a template for one row. `{key}` is this row's cell of the ledger column `key`,
 * `{$key}` this row's cell of another formula column, `{table.key}` the whole data column `key`
 * of another table (e.g. the collections). Everything else is Excel text, written with functions
 * that Excel 2016, WPS and LibreOffice all compute; the settings are the defined names of the
 * 设置 sheet. Each formula mirrors one engine function and guards its inputs with ISNUMBER/N so
 * that an empty or unreadable cell gives what the engine gives, never an error. `{row}` is the
 * row's ledger cells: a 是/否 column says nothing on a blank row, so the empty rows of a new
 * ledger stay empty (the other columns are "" there by their own guards).
 */
import type { Column } from './schema';
import type { Settings } from './settings';
import { fenToYuan } from '../rules/money';

export type FormulaKind = 'days' | 'money' | 'flag' | 'status';

export interface FormulaColumn {
  key: string;
  /** Canonical header of the column. */
  header: string;
  kind: FormulaKind;
  formula: string;
  /** What the column computes, for the input message and docs/formulas.md. */
  hint: string;
}

/** The as-of date: 设置!基准日, or today when it is empty. */
export const AS_OF = 'IF(AsOfDate="",TODAY(),INT(AsOfDate))';

export type CachedValue = number | string;
export type Row = Record<string, unknown>;

export interface ValueContext {
  asOf: string;
  settings: Settings;
  /** Typed rows of every table in the workbook, for formulas that read another table. */
  rowsOf: (table: string) => readonly Row[];
}

/** The cached value of each formula column of one typed row. */
export type RowValues = (row: Row) => Record<string, CachedValue>;

export type Look = 'problem' | 'soon' | 'expired' | 'lapsed' | 'warning';

export interface FormatRule {
  /** The cell it colours: a column key (ledger column, or `$` + formula column, e.g. the status). */
  target: string;
  /** Formula template for the first cell of the target; true = the format applies. */
  formula: string;
  look: Look;
  /** For docs/formulas.md and the add-in's legend. */
  meaning: string;
}

/** A table's part of the formula-driven workbook. */
export interface TableTools {
  formulas: readonly FormulaColumn[];
  /** The engine's value of every formula column, computed once per workbook. */
  values: (ctx: ValueContext) => RowValues;
  /** Formats beyond the cell checks every column gets from its kind. */
  formats?: readonly FormatRule[];
}

/** Money in yuan (2 decimals) for a cached value; '' where the formula gives "". */
export const yuanValue = (fen: number | undefined): CachedValue => (fen === undefined ? '' : fenToYuan(fen));
export const flagValue = (b: boolean): CachedValue => (b ? '是' : '否');

/** Spellings the engine reads as `value` in an enum column. */
export function spellings(c: Column, value: string): string[] {
  return [
    value,
    ...Object.entries(c.synonyms ?? {})
      .filter(([, v]) => v === value)
      .map(([k]) => k),
  ];
}

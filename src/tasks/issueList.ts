/**
 * The 问题清单 the CLI's report workbook (src/io/reportOut.ts) and the add-in's 校验 command
 * (commands/validate.ts) both write: its columns, how a finding is placed and labelled, and
 * the colour of each level.
 */
import type { Cell, Grid } from '../grid';
import { columnIndex } from '../grid';
import { ISSUES_SHEET, type Level } from '../findings';
import { cellText } from '../rules/text';
import type { SheetFinding } from './validate';

export { ISSUES_SHEET };
/** One row per finding; the CLI's report, which covers several files, adds a 文件 column. */
export const ISSUES_HEADER = ['工作表', '单元格', '列名', '级别', '代码', '说明'] as const;
export const LEVEL_LABEL: Record<Level, string> = { error: '错误', warning: '警告', info: '提示' };
/** ARGB, as exceljs writes colours. */
export const LEVEL_FILL: Record<Level, string> = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' };

/** The header text above `column` on the header row, as the clerk wrote it. */
export function headerAt(grid: Grid | undefined, headerRow: number, column: string): string {
  if (!grid || !column || headerRow < 1) return '';
  const row = grid.rows[headerRow - 1 - (grid.origin?.row ?? 0)];
  return row
    ? cellText(row[columnIndex(column) - (grid.origin?.col ?? 0)])
        .replace(/\s+/g, ' ')
        .trim()
    : '';
}

/** The 单元格 of a finding: `F17`, `第 17 行` for a whole row, '' for the whole sheet. */
export const whereOf = (f: SheetFinding): string =>
  f.row === 0 ? '' : f.column ? `${f.column}${f.row}` : `第 ${f.row} 行`;

/** A row under ISSUES_HEADER. Empty stays empty: a '' cell is not blank to Excel's filters and COUNTA. */
export const issueRow = (sheet: string, f: SheetFinding, header: string): Cell[] => [
  sheet || null,
  whereOf(f) || null,
  header || null,
  LEVEL_LABEL[f.level],
  f.code,
  f.message,
];

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
/**
 * One row per finding, under a summary line: what the clerk reads first, a 处理情况 column to
 * note what was done, the English 代码 last. The CLI's report, which covers several files,
 * adds a 文件 column after 说明.
 */
export const ISSUES_HEADER = ['工作表', '单元格', '列名', '级别', '说明', '处理情况', '代码'] as const;
/** The header with the CLI's 文件 column. */
export const ISSUES_HEADER_WITH_FILE = [
  '工作表',
  '单元格',
  '列名',
  '级别',
  '说明',
  '文件',
  '处理情况',
  '代码',
] as const;
/** 1-based row of the header: row 1 is the summary line. */
export const ISSUES_HEADER_ROW = 2;
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

/**
 * A row under ISSUES_HEADER (with `file`: under ISSUES_HEADER_WITH_FILE). Empty stays empty: a
 * '' cell is not blank to Excel's filters and COUNTA. 处理情况 is the clerk's to fill.
 */
export const issueRow = (sheet: string, f: SheetFinding, header: string, file?: string): Cell[] => [
  sheet || null,
  whereOf(f) || null,
  header || null,
  LEVEL_LABEL[f.level],
  f.message,
  ...(file === undefined ? [] : [file]),
  null,
  f.code,
];

/**
 * The summary line above the list: the totals, then per sheet (`where`) its errors and
 * warnings — what a clerk checks first.
 */
export function issuesSummary(items: readonly { where: string; level: Level }[]): string {
  if (!items.length) return '校验完成：未发现问题';
  const total: Record<Level, number> = { error: 0, warning: 0, info: 0 };
  const bySheet = new Map<string, Record<Level, number>>();
  for (const { where, level } of items) {
    total[level]++;
    const counts = bySheet.get(where) ?? { error: 0, warning: 0, info: 0 };
    counts[level]++;
    bySheet.set(where, counts);
  }
  const said = (c: Record<Level, number>) =>
    (['error', 'warning', 'info'] as const)
      .filter((l) => c[l])
      .map((l) => `${LEVEL_LABEL[l]} ${c[l]}`)
      .join('、');
  const sheets = [...bySheet].map(([where, c]) => `${where || '工作簿'}：${said(c)}`).join('；');
  return `共 ${total.error} 个错误、${total.warning} 个警告、${total.info} 个提示。${sheets}`;
}

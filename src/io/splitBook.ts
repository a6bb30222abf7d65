/**
 * The split lists as a workbook (src/tasks/split.ts): one sheet per group — each a list to print
 * for the morning meeting: a title with the count, the list's columns plus 签收 and 主管确认, a
 * line for the supervisor's signature, A4 with the header row on every page. Browser-safe: the
 * command line writes it to disk (splitOut.ts), the add-in opens it as a workbook of its own.
 */
import type ExcelJS from 'exceljs';
import { listPrintSetup, REPORT_FONT } from '../page';
import { textWidth } from '../sheetOut';
import { SIGN_COLUMNS, type SplitGroup, type SplitResult } from '../tasks/split';
import type { Cell } from '../grid';
import type { ExcelModule } from './reportBook';

const FONT: Partial<ExcelJS.Font> = { name: REPORT_FONT, family: 2, charset: 134, size: 11 };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF7F7F7F' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, bottom: THIN, left: THIN, right: THIN };

/** A sheet or file name from a group's value: what Excel and file systems refuse, replaced. */
export const safeName = (s: string): string => s.replace(/[\\/:*?"<>|[\]]/g, '_').trim() || '_';

export function addList(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  result: SplitResult,
  group: SplitGroup,
): void {
  const header = [...result.header, ...SIGN_COLUMNS];
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 2 }],
    ...listPrintSetup(title, group.value, 2),
  } as Partial<ExcelJS.AddWorksheetOptions>);
  const n = group.rows.length;
  const top = ws.addRow([`${group.value}（共 ${n} 条）`]);
  top.font = { ...FONT, bold: true, size: 14 };
  const head = ws.addRow(header);
  head.eachCell((cell) => {
    cell.font = { ...FONT, bold: true };
    cell.border = BOX;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  head.height = 24;
  for (const cells of group.rows) {
    const row = ws.addRow(header.map((_, c) => (c < result.header.length ? (cells[c] ?? null) : null)) as Cell[]);
    row.height = 24; // room to sign
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = FONT;
      cell.border = BOX;
    });
  }
  ws.addRow([]);
  const foot = ws.addRow([`合计 ${n} 条`, null, '主管签字：', null, '日期：']);
  foot.font = { ...FONT, bold: true };
  header.forEach((h, c) => {
    const longest = Math.max(textWidth(h), ...group.rows.slice(0, 200).map((r) => textWidth(String(r[c] ?? ''))));
    ws.getColumn(c + 1).width = c >= result.header.length ? 12 : Math.min(40, Math.max(8, longest + 2));
  });
}

/** Sheet names from the groups' values: what Excel refuses replaced, unique, at most 31 characters. */
export function groupSheetNames(groups: readonly SplitGroup[]): string[] {
  const taken = new Set<string>();
  return groups.map((g) => {
    let name = safeName(g.value).slice(0, 31);
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${safeName(g.value).slice(0, 27)} (${k})`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** One workbook, one sheet per group. */
export function splitWorkbook(excel: ExcelModule, result: SplitResult, title: string): ExcelJS.Workbook {
  const wb = new excel.Workbook();
  wb.creator = 'insdesk';
  const names = groupSheetNames(result.groups);
  result.groups.forEach((g, i) => addList(wb, names[i], title, result, g));
  return wb;
}

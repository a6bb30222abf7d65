/**
 * A sheet as the .xlsx of a new workbook (base64, for Excel.createWorkbook): how the CRM import
 * reaches a clerk whose Excel ignores download links (Excel for Mac). Built with SheetJS, the
 * chunk the pane already loads to read picked files.
 */
import type { Cell } from '../src/grid';

export async function xlsxBase64(sheet: string, rows: readonly Cell[][]): Promise<string> {
  const XLSX = await import(/* webpackChunkName: "sheetjs" */ 'xlsx');
  // Codes and phones are text already: they stay text (no 1.38E+10).
  const ws = XLSX.utils.aoa_to_sheet(rows.map((r) => r.map((c) => (c === undefined ? null : c))));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheet);
  return XLSX.write(wb, { type: 'base64', bookType: 'xlsx' }) as string;
}

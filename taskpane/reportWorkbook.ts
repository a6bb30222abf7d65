/**
 * A report (月度统计, 结算对账) as the .xlsx of a workbook of its own, built in the pane by the
 * command line's own report writer (src/io/reportBook.ts) with exceljs's browser build, loaded
 * the first time it is needed — what Excel.createWorkbook opens.
 */
import type { Report } from '../src/tasks/stats';
import type { ExcelModule } from '../src/io/reportBook';

/** Bytes → base64, in the browser (btoa, a chunk at a time) and in Node alike. */
export function base64Of(bytes: Uint8Array): string {
  if (typeof Buffer !== 'undefined') return Buffer.from(bytes).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function reportBase64(report: Report): Promise<string> {
  // The writer, its zip library and exceljs come as one chunk, the first time a report is made.
  const [{ reportXlsxBytes }, mod] = await Promise.all([
    import(/* webpackChunkName: "exceljs" */ '../src/io/reportBook'),
    import(/* webpackChunkName: "exceljs" */ 'exceljs') as unknown as Promise<ExcelModule & { default?: ExcelModule }>,
  ]);
  return base64Of(await reportXlsxBytes(mod.default?.Workbook ? mod.default : mod, report));
}

/**
 * Results meant as files of their own (月度统计, 结算对账, 按部门拆分, CRM导入) as the .xlsx of a
 * new workbook, built in the pane by the command line's own writers (src/io/reportBook.ts,
 * splitBook.ts, crmBook.ts) with exceljs's browser build, loaded the first time it is needed — what
 * Excel.createWorkbook opens.
 */
import type { Report } from '../src/tasks/stats';
import type { SplitResult } from '../src/tasks/split';
import type { CrmSheet } from '../src/tasks/crm/types';
import type { ExcelModule } from '../src/io/reportBook';

/** Bytes → base64, in the browser (btoa, a chunk at a time) and in Node alike. */
export function base64Of(bytes: Uint8Array): string {
  if (typeof Buffer !== 'undefined') return Buffer.from(bytes).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

// The writers, their zip library and exceljs come as one chunk, the first time one is needed.
async function loadExcel(): Promise<ExcelModule> {
  const mod = (await import(/* webpackChunkName: "exceljs" */ 'exceljs')) as unknown as ExcelModule & {
    default?: ExcelModule;
  };
  return mod.default?.Workbook ? mod.default : mod;
}

export async function reportBase64(report: Report): Promise<string> {
  const [{ reportXlsxBytes }, excel] = await Promise.all([
    import(/* webpackChunkName: "exceljs" */ '../src/io/reportBook'),
    loadExcel(),
  ]);
  return base64Of(await reportXlsxBytes(excel, report));
}

export async function splitBase64(result: SplitResult, title: string): Promise<string> {
  const [{ splitWorkbook }, excel] = await Promise.all([
    import(/* webpackChunkName: "exceljs" */ '../src/io/splitBook'),
    loadExcel(),
  ]);
  return base64Of(new Uint8Array(await splitWorkbook(excel, result, title).xlsx.writeBuffer()));
}

export async function crmBase64(sheets: readonly CrmSheet[]): Promise<string> {
  const [{ crmWorkbook }, excel] = await Promise.all([
    import(/* webpackChunkName: "exceljs" */ '../src/io/crmBook'),
    loadExcel(),
  ]);
  return base64Of(new Uint8Array(await crmWorkbook(excel, sheets).xlsx.writeBuffer()));
}

/**
 * The baselines the bench measures the real readers against: SheetJS and the CSV parser
 * with nothing around them (no guard, no grid conversion, no error mapping).
 */
import * as XLSX from 'xlsx';
import { decodeText, parseCsv } from './csv';
import { SHEETJS_READ_OPTIONS } from './workbook';

export function bareReadXlsx(buf: Uint8Array): XLSX.WorkBook {
  return XLSX.read(buf, { ...SHEETJS_READ_OPTIONS });
}

export function bareReadCsv(buf: Uint8Array): string[][] {
  return parseCsv(decodeText(buf).text);
}

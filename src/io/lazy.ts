/**
 * exceljs and SheetJS together take about 0.3 s to load, longer than reading a 10k-row .xlsx.
 * A command loads each only when it writes a workbook or reads an .xls, so `validate --json`
 * on an .xlsx or a CSV starts at once. Types are imported as usual; values come from here.
 */
import type ExcelJSModule from 'exceljs';
import type * as SheetJSModule from 'xlsx';

export const excel = (): typeof ExcelJSModule => require('exceljs') as typeof ExcelJSModule;
export const sheetjs = (): typeof SheetJSModule => require('xlsx') as typeof SheetJSModule;

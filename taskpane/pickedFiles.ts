/**
 * Files the clerk picks in the pane (查电话表, 承保台账, 经办人对照表, 上次的 CRM 文件, 回访记录)
 * → workbooks of grids, read inside the pane: nothing leaves the PC. .xlsx and .xls are read by
 * SheetJS (loaded the first time a workbook is picked), .csv/.txt/.tsv by the CLI's own CSV
 * reader (UTF-8, UTF-16, GBK), so a picked file reads as it does on the command line.
 */
import type { CrmBook } from '../src/tasks/crm';
import { csvTextToGrid, decodeText } from '../src/io/csv';
import { InputError, reasons } from '../src/io/errors';
import { quietly, sheetjsGrids, SHEETJS_READ_OPTIONS } from '../src/io/sheetjsGrids';

/** What the pane needs of a picked File (and tests can hand in). */
export interface PickedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (b: Uint8Array, magic: readonly number[]) => magic.every((x, i) => b[i] === x);

export async function readPickedFile(file: PickedFile): Promise<CrmBook> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!bytes.length) throw new InputError(file.name, reasons.empty);
  if (startsWith(bytes, ZIP) || startsWith(bytes, OLE)) {
    const XLSX = await import(/* webpackChunkName: "sheetjs" */ 'xlsx');
    let wb;
    try {
      wb = quietly(() => XLSX.read(bytes, { ...SHEETJS_READ_OPTIONS, type: 'array' }));
    } catch (err) {
      const encrypted = /password|encrypt/i.test(err instanceof Error ? err.message : String(err));
      throw new InputError(file.name, encrypted ? reasons.encrypted : reasons.corrupt, { cause: err });
    }
    return { name: file.name, grids: sheetjsGrids(wb, file.name) };
  }
  if (/\.(csv|txt|tsv)$/i.test(file.name)) {
    return { name: file.name, grids: [csvTextToGrid(decodeText(bytes).text, file.name)] };
  }
  throw new InputError(file.name, reasons.notSpreadsheet);
}

export async function readPickedFiles(files: Iterable<PickedFile>): Promise<CrmBook[]> {
  const books: CrmBook[] = [];
  for (const f of files) books.push(await readPickedFile(f));
  return books;
}

/**
 * Files → grids. Every failure becomes an InputError (`file: 原因`), never a stack trace.
 *
 * Caps on what a file may cost (quoted in the README):
 * - File size: 200 MiB by default. Override with the environment variable
 *   INSDESK_MAX_FILE_MB (a positive number of MiB) or ReadOptions.maxFileBytes. Checked
 *   before the file is read into memory.
 * - Format is decided by the first bytes, not the extension: zip → .xlsx, OLE compound
 *   file → .xls (or an encrypted workbook), text → CSV; anything else is refused.
 * - .xlsx (a zip) is inspected by zipGuard before SheetJS sees it (DEFAULT_ZIP_LIMITS):
 *   at most 10,000 entries; each entry at most 256 MiB uncompressed; all entries together
 *   at most 1 GiB; compressed ÷ uncompressed at least 0.01 once an entry passes 100 KiB.
 *   Declared sizes are checked first, then every entry is really inflated (output counted,
 *   not kept) and held to the same limits and to its own declared size. Hyperlinks may
 *   cover at most 1,000,000 cells in all. Binary .xlsb parts are refused.
 * - Cells: only cells present in the file are read, never the sheet's declared dimension;
 *   a cell beyond Excel's grid (1,048,576 rows × 16,384 columns) means a damaged file.
 * - Merged cells are filled only within the rows and columns that hold data, with at most
 *   max(2,000,000, 2 × cells read) cell visits per sheet.
 */
import { promises as fs } from 'node:fs';
import * as XLSX from 'xlsx';
import type { Cell, Grid } from '../grid';
import { csvTextToGrid, decodeText, looksLikeMarkup, looksLikeText } from './csv';
import { InputError, reasons } from './errors';
import { guardZip, type ZipLimits } from './zipGuard';

const MiB = 1024 * 1024;
export const DEFAULT_MAX_FILE_BYTES = 200 * MiB;
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
const MERGE_VISITS_MIN = 2_000_000;

export interface ReadOptions {
  maxFileBytes?: number;
  zip?: Partial<ZipLimits>;
}

/** A grid read from a file; `hidden` marks sheets hidden in Excel (they are still read). */
export interface FileGrid extends Grid {
  hidden?: true;
}

export interface Workbook {
  file: string;
  format: 'xlsx' | 'xls' | 'csv';
  grids: FileGrid[];
}

/**
 * Cell values only: no styles, formats, formulas, macros or empty stub cells. SheetJS writes
 * into the options object it is given, so each read gets a copy.
 */
export const SHEETJS_READ_OPTIONS: Readonly<XLSX.ParsingOptions> = Object.freeze({
  type: 'buffer',
  dense: true,
  cellDates: false,
  cellNF: false,
  cellText: false,
  cellStyles: false,
  cellHTML: false,
  cellFormula: false,
  bookVBA: false,
  sheetStubs: false,
});

export async function readWorkbookFile(path: string, opts: ReadOptions = {}): Promise<Workbook> {
  const cap = maxFileBytes(opts);
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (err) {
    throw fsError(path, err);
  }
  if (!stat.isFile()) throw new InputError(path, reasons.notAFile);
  if (stat.size > cap) throw new InputError(path, reasons.tooLarge(stat.size, cap));
  if (stat.size === 0) throw new InputError(path, reasons.empty);
  let buf: Buffer;
  try {
    buf = await fs.readFile(path);
  } catch (err) {
    throw fsError(path, err);
  }
  return readWorkbookBuffer(buf, path, opts);
}

export async function readWorkbookBuffer(
  buf: Uint8Array,
  file: string,
  opts: ReadOptions = {},
): Promise<Workbook> {
  const cap = maxFileBytes(opts);
  if (buf.length === 0) throw new InputError(file, reasons.empty);
  if (buf.length > cap) throw new InputError(file, reasons.tooLarge(buf.length, cap));
  // SheetJS's 'buffer' input expects a Buffer; a view over the same memory avoids a copy.
  const data = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  try {
    return await readBytes(data, file, opts);
  } catch (err) {
    // Whatever a hostile file provokes, the clerk gets one line; the cause stays for debugging.
    if (err instanceof InputError) throw err;
    throw new InputError(file, reasons.corrupt, { cause: err });
  }
}

async function readBytes(data: Buffer, file: string, opts: ReadOptions): Promise<Workbook> {
  if (startsWith(data, ZIP_MAGIC)) return readXlsx(data, file, opts);
  if (startsWith(data, OLE_MAGIC)) return readOle(data, file);
  if (looksLikeText(data)) {
    const { text } = decodeText(data);
    if (looksLikeMarkup(text)) throw new InputError(file, reasons.htmlOrXml);
    return { file, format: 'csv', grids: [csvTextToGrid(text, file)] };
  }
  throw new InputError(file, reasons.notSpreadsheet);
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

function maxFileBytes(opts: ReadOptions): number {
  if (opts.maxFileBytes !== undefined) return opts.maxFileBytes;
  const env = process.env.INSDESK_MAX_FILE_MB;
  if (env === undefined || env.trim() === '') return DEFAULT_MAX_FILE_BYTES;
  const mb = Number(env);
  if (!Number.isFinite(mb) || mb <= 0) throw new InputError('INSDESK_MAX_FILE_MB', reasons.badMaxFileMb(env));
  return Math.floor(mb * MiB);
}

function fsError(file: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new InputError(file, reasons.missing);
    case 'EISDIR':
      return new InputError(file, reasons.notAFile);
    case 'EACCES':
    case 'EPERM':
      return new InputError(file, reasons.unreadable('没有读取权限'));
    case 'EBUSY':
      return new InputError(file, reasons.unreadable('文件正被其他程序占用'));
    default:
      return new InputError(file, reasons.unreadable(code ?? '系统错误'));
  }
}

async function readXlsx(buf: Buffer, file: string, opts: ReadOptions): Promise<Workbook> {
  const zip = await guardZip(buf, file, opts.zip);
  if (zip.binarySheets) throw new InputError(file, reasons.xlsb);
  const names = zip.names.map((n) => n.toLowerCase().replace(/\\/g, '/'));
  // SheetJS tries OpenDocument and Numbers before OOXML when it sees their marker files;
  // those parsers are not guarded here, so such archives are refused outright.
  const foreign = ['meta-inf/manifest.xml', 'objectdata.xml', 'index/document.iwa'];
  if (
    !names.includes('[content_types].xml') ||
    !names.some((n) => n.startsWith('xl/')) ||
    names.some((n) => foreign.includes(n))
  ) {
    throw new InputError(file, reasons.notSpreadsheet);
  }
  return { file, format: 'xlsx', grids: toGrids(sheetjsRead(buf, file), file) };
}

interface CfbContainer {
  FileIndex: unknown[];
}
interface CfbApi {
  read(data: Uint8Array, opts: { type: 'buffer' }): CfbContainer;
  find(cfb: CfbContainer, path: string): unknown;
}
const CFB = XLSX.CFB as CfbApi;

function readOle(buf: Buffer, file: string): Workbook {
  let cfb: CfbContainer;
  try {
    cfb = quietly(() => CFB.read(buf, { type: 'buffer' }));
  } catch (err) {
    throw new InputError(file, reasons.truncated, { cause: err });
  }
  // Office stores a password-protected workbook (of any kind) as these two streams.
  if (CFB.find(cfb, '/EncryptionInfo') || CFB.find(cfb, '/EncryptedPackage')) {
    throw new InputError(file, reasons.encrypted);
  }
  if (!CFB.find(cfb, '/Workbook') && !CFB.find(cfb, '/Book')) {
    throw new InputError(file, reasons.notSpreadsheet);
  }
  return { file, format: 'xls', grids: toGrids(sheetjsRead(buf, file), file) };
}

function sheetjsRead(buf: Buffer, file: string): XLSX.WorkBook {
  try {
    return quietly(() => XLSX.read(buf, { ...SHEETJS_READ_OPTIONS }));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/password|encrypt/i.test(message)) throw new InputError(file, reasons.encrypted, { cause: err });
    throw new InputError(file, reasons.corrupt, { cause: err });
  }
}

/**
 * SheetJS reports what it recovers from on console.error ("Missing Info for XLS Record …");
 * the clerk should see our one line, not its internals. The read is synchronous, so nothing
 * else can log while console.error is swapped out.
 */
function quietly<T>(read: () => T): T {
  const original = console.error;
  console.error = () => undefined;
  try {
    return read();
  } finally {
    console.error = original;
  }
}

function toGrids(wb: XLSX.WorkBook, file: string): FileGrid[] {
  const flag = wb.Workbook?.WBProps?.date1904 as unknown;
  const date1904 = flag === true || flag === 1 || flag === '1' || flag === 'true';
  return wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name];
    // SheetJS skips a sheet it cannot parse instead of failing; a missing sheet must not pass silently.
    if (!ws) throw new InputError(file, reasons.sheetUnreadable(name));
    const grid: FileGrid = { sheet: name, rows: sheetRows(ws, name, file), date1904, origin: { row: 0, col: 0 } };
    const hidden = wb.Workbook?.Sheets?.[i]?.Hidden;
    if (hidden === 1 || hidden === 2) grid.hidden = true;
    delete wb.Sheets[name];
    return grid;
  });
}

/** Rows this long may be sparse in SheetJS's arrays: enumerate their cells instead of indexing. */
const DENSE_ROW_MAX = 1024;

/**
 * Walks only the rows and cells SheetJS actually created (the declared dimension is
 * ignored), releasing each SheetJS row once it is converted to keep peak memory down.
 */
function sheetRows(ws: XLSX.WorkSheet, name: string, file: string): Cell[][] {
  const rows: Cell[][] = [];
  const data = ws['!data'] as (XLSX.CellObject[] | undefined)[] | undefined;
  if (!data) return rows;
  let maxRow = -1;
  let maxCol = -1;
  let cells = 0;
  for (const key of Object.keys(data)) {
    const r = Number(key);
    const src = data[r];
    if (!src) continue;
    if (r >= MAX_ROWS || src.length > MAX_COLS) throw new InputError(file, reasons.beyondGrid(name));
    data[r] = undefined;
    const out: Cell[] = [];
    let rowMax = -1;
    if (src.length <= DENSE_ROW_MAX) {
      for (let c = 0; c < src.length; c++) {
        const v = cellValue(src[c]);
        out.push(v);
        if (v !== null) rowMax = c;
      }
    } else {
      for (const k of Object.keys(src)) {
        const c = Number(k);
        const v = cellValue(src[c]);
        out[c] = v;
        if (v !== null) rowMax = c;
      }
    }
    if (rowMax < 0) continue;
    rows[r] = out;
    maxRow = r;
    if (rowMax > maxCol) maxCol = rowMax;
    cells += out.length;
  }
  const merges = ws['!merges'];
  if (merges && merges.length > 0 && maxRow >= 0) {
    fillMerges(rows, merges, maxRow, maxCol, Math.max(MERGE_VISITS_MIN, 2 * cells), name, file);
  }
  return rows;
}

/**
 * Excel shows a merged cell's (top-left) value across the whole merge, and clerks read it
 * that way (a 业务员 merged down a block of rows applies to each row), so the value is
 * copied — but only over rows that hold data and up to the last column with data, so a
 * merge declared over the whole sheet costs no more than the data itself.
 */
function fillMerges(
  rows: Cell[][],
  merges: XLSX.Range[],
  maxRow: number,
  maxCol: number,
  budget: number,
  name: string,
  file: string,
): void {
  let visits = 0;
  for (const m of merges) {
    const value = rows[m.s.r]?.[m.s.c];
    if (value === null || value === undefined) continue;
    const lastRow = Math.min(m.e.r, maxRow);
    const lastCol = Math.min(m.e.c, maxCol);
    if (lastCol < m.s.c) continue;
    for (let r = m.s.r; r <= lastRow; r++) {
      const row = rows[r];
      visits += row ? lastCol - m.s.c + 2 : 1;
      if (visits > budget) throw new InputError(file, reasons.hugeMerges(name));
      if (!row) continue;
      for (let c = m.s.c; c <= lastCol; c++) row[c] = value;
    }
  }
}

const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

function cellValue(cell: XLSX.CellObject | undefined): Cell {
  if (!cell) return null;
  switch (cell.t as string) {
    case 'n':
      return typeof cell.v === 'number' ? cell.v : null;
    case 's':
    case 'str':
      return cell.v === undefined || cell.v === null || cell.v === '' ? null : String(cell.v);
    case 'b':
      return Boolean(cell.v);
    case 'e':
      return cell.w ?? ERROR_TEXT[cell.v as number] ?? '#VALUE!';
    case 'd':
      return cell.v instanceof Date ? cell.v : new Date(String(cell.v));
    default:
      return null;
  }
}

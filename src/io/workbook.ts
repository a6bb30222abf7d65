/**
 * Files → grids. Every failure becomes an InputError (`file: 原因`), never a stack trace.
 *
 * Caps on what a file may cost (quoted in the README):
 * - File size: 200 MiB by default. Override with the environment variable
 *   INSDESK_MAX_FILE_MB (a positive number of MiB) or ReadOptions.maxFileBytes. Checked
 *   before the file is read into memory.
 * - Format is decided by the first bytes (magic numbers) before any parser runs: zip → .xlsx
 *   (OpenDocument and .xlsb named as such), OLE compound file → .xls (or an encrypted
 *   workbook), a raw BIFF2–4 record → an Excel 2.x–4.0 sheet; text is read as CSV only when
 *   the name says .csv/.txt/.tsv. Anything else is refused.
 * - .xlsx is read by our own streaming reader (xlsx/read.ts): every entry it reads is
 *   inflated as a stream, held to its declared size and a 1% minimum inflate ratio past
 *   100 KiB, and checked against its CRC-32; every part is parsed by a strict XML parser.
 *   Limits: 10,000 entries, 4 GiB per entry, 8 GiB in all, 1,000 sheets, 60 M cells,
 *   256 M characters of text.
 * - Cells: only cells present in the file are read, never the sheet's declared dimension;
 *   a cell beyond Excel's grid (1,048,576 rows × 16,384 columns) means a damaged file.
 * - Merged cells are filled only within the rows and columns that hold data, with at most
 *   max(2,000,000, 2 × cells read) cell visits per sheet.
 */
import { closeSync, openSync, promises as fs, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type * as XLSX from 'xlsx';
import { sheetjs } from './lazy';
import type { Cell } from '../grid';
import {
  csvTextToGrid,
  decodeText,
  looksLikeMarkup,
  looksLikeText,
  type DecodedText,
  type TextEncodingName,
} from './csv';
import { InputError, reasons } from './errors';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './xlsx/zip';
import {
  DEFAULT_SHEET_LIMITS,
  readXlsxBook,
  type Merge,
  type OnBytes,
  type SheetLimits,
  type SheetStream,
} from './xlsx/read';
import { SheetThread } from './xlsx/sheetThread';
import {
  fillMerges,
  MERGE_VISITS_MIN,
  quietly,
  sheetjsGrids,
  SHEETJS_READ_OPTIONS,
  type FileGrid,
} from './sheetjsGrids';

export { SHEETJS_READ_OPTIONS, type FileGrid } from './sheetjsGrids';

const MiB = 1024 * 1024;
export const DEFAULT_MAX_FILE_BYTES = 200 * MiB;

export interface ReadOptions {
  maxFileBytes?: number;
  zip?: Partial<ZipLimits>;
  sheets?: Partial<SheetLimits>;
  /** .xlsx only: sheets whose rows go to a sink as they are read, never held as a grid. */
  stream?: SheetStream;
  /** .xlsx only: told how much of the file has been read, now and then (a progress bar). */
  onBytes?: OnBytes;
}

export interface Workbook {
  file: string;
  format: 'xlsx' | 'xls' | 'csv';
  grids: FileGrid[];
  /** What the reader saw and worked around: a skipped macro sheet, bad bytes in a CSV line. */
  notes?: ReadNote[];
}

/** A reader's finding about the file (row 0: the whole sheet or file). */
export interface ReadNote {
  sheet: string;
  row: number;
  level: 'warning' | 'error' | 'info';
  code: string;
  message: string;
}

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
  let buf = takeReadAhead(path, stat.size);
  try {
    buf ??= /\.xlsx$/i.test(path) ? readShared(path, stat.size) : await fs.readFile(path);
  } catch (err) {
    throw fsError(path, err);
  }
  return readWorkbookBuffer(buf, path, opts);
}

/** A file read ahead of time (readAhead), until readWorkbookFile asks for it. */
let readingAhead: { path: string; buf: Buffer } | undefined;

/** Files below this are read faster than a second thread starts. */
const READ_AHEAD_MIN_BYTES = 1024 * 1024;

/**
 * Starts reading a big .xlsx before the program is ready for it: called first thing by the
 * command line (cli/readAhead.ts), while the rest of its modules load — about a tenth of a
 * second. The file goes into shared memory at once and the reader's second thread reads its
 * shared strings and starts on its big sheet; readWorkbookFile takes all that over when asked
 * for the same file. Anything unusual (a small file, no zip, an error) leaves the work to the
 * reader, which says what is wrong.
 */
export function readAhead(path: string): boolean {
  try {
    const { size } = statSync(path);
    if (size < READ_AHEAD_MIN_BYTES || size > maxFileBytes({})) return false;
    const buf = readShared(path, size);
    if (buf.length !== size || !startsWith(buf, ZIP_MAGIC)) return false;
    if (!SheetThread.readAhead(buf, path, DEFAULT_ZIP_LIMITS, DEFAULT_SHEET_LIMITS)) return false;
    readingAhead = { path, buf };
    return true;
  } catch {
    // The reader meets the same trouble and names it.
    return false;
  }
}

function takeReadAhead(path: string, size: number): Buffer | undefined {
  const ahead = readingAhead;
  if (ahead?.path !== path || ahead.buf.length !== size) return undefined;
  readingAhead = undefined;
  return ahead.buf;
}

/**
 * An .xlsx read into shared memory: a big sheet's bytes go to the reader's second thread
 * (xlsx/sheetThread.ts) without a copy — at a million rows that is a hundred MB less.
 */
function readShared(path: string, size: number): Buffer {
  const buf = Buffer.from(new SharedArrayBuffer(size));
  const fd = openSync(path, 'r');
  try {
    let done = 0;
    for (let n = -1; done < size && n !== 0; done += n) n = readSync(fd, buf, done, size - done, done);
    return done === size ? buf : buf.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

export async function readWorkbookBuffer(buf: Uint8Array, file: string, opts: ReadOptions = {}): Promise<Workbook> {
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
  if (isBiff2to4(data)) return { file, format: 'xls', grids: sheetjsGrids(sheetjsRead(data, file), file) };
  if (looksLikeText(data)) {
    const ext = extname(file).toLowerCase();
    const decoded = decodeText(data);
    if (looksLikeMarkup(decoded.text)) throw new InputError(file, reasons.htmlOrXml);
    if (!TEXT_EXTENSIONS.includes(ext))
      throw new InputError(file, ext ? reasons.textNotCsv(ext) : reasons.notSpreadsheet);
    const grid = csvTextToGrid(decoded.text, file);
    const notes = encodingNotes(decoded, grid.sheet);
    return { file, format: 'csv', grids: [grid], ...(notes.length ? { notes } : {}) };
  }
  throw new InputError(file, reasons.notSpreadsheet);
}

const ENCODING_LABEL: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  gb18030: 'GBK/GB18030',
};

/** Bad bytes and a lying BOM, as findings a clerk can go and look at. */
function encodingNotes(d: DecodedText, sheet: string): ReadNote[] {
  const notes: ReadNote[] = [];
  if (d.bomMismatch) {
    notes.push({
      sheet,
      row: 0,
      level: 'warning',
      code: 'csv.bomMismatch',
      message: '文件开头标记为 UTF-8，内容却是 GBK 编码；已按 GBK 读取，请核对中文是否正确',
    });
  }
  for (const line of d.badLines ?? []) {
    notes.push({
      sheet,
      row: line,
      level: 'warning',
      code: 'csv.badBytes',
      message: `第 ${line} 行有不符合 ${ENCODING_LABEL[d.encoding]} 编码的字节（已显示为 �），该行内容可能有误，请与原始导出核对`,
    });
  }
  return notes;
}

/** Only these names are read as text: a text file called .xlsx is a mistake, not a CSV. */
const TEXT_EXTENSIONS = ['.csv', '.txt', '.tsv'];

/** Excel 2.x, 3.0 and 4.0 sheets start with a bare BOF record (0x0009 / 0x0209 / 0x0409). */
function isBiff2to4(b: Uint8Array): boolean {
  return (
    b.length >= 8 &&
    b[0] === 0x09 &&
    (b[1] === 0x00 || b[1] === 0x02 || b[1] === 0x04) &&
    b[3] === 0x00 &&
    (b[2] === 0x04 || b[2] === 0x06)
  );
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
  const book = await readXlsxBook(buf, file, opts.zip, opts.sheets, opts.stream, opts.onBytes);
  const grids = book.sheets.map((s): FileGrid => {
    const grid: FileGrid = { sheet: s.sheet, rows: s.rows, date1904: book.date1904, origin: { row: 0, col: 0 } };
    if (s.merges.length) fillSheetMerges(s.rows, s.merges, s.sheet, file);
    if (s.hidden) grid.hidden = true;
    return grid;
  });
  const notes = book.skipped.map((k): ReadNote => ({
    sheet: k.sheet,
    row: 0,
    level: 'warning',
    code: 'sheet.skipped',
    message: `工作表“${k.sheet}”无法读取，已跳过（台账用不到这类工作表）：${k.reason}`,
  }));
  return { file, format: 'xlsx', grids, ...(notes.length ? { notes } : {}) };
}

/** The merges of a sheet read by the .xlsx reader, filled in as Excel shows them (see fillMerges). */
export function fillSheetMerges(rows: Cell[][], merges: readonly Merge[], name: string, file: string): void {
  let maxRow = -1;
  let maxCol = -1;
  let cells = 0;
  for (const k of Object.keys(rows)) {
    const row = rows[Number(k)];
    maxRow = Number(k);
    if (row.length - 1 > maxCol) maxCol = row.length - 1;
    cells += row.length;
  }
  if (maxRow < 0) return;
  const ranges = merges.map((m) => ({ s: { r: m.r0, c: m.c0 }, e: { r: m.r1, c: m.c1 } }));
  fillMerges(rows, ranges, maxRow, maxCol, Math.max(MERGE_VISITS_MIN, 2 * cells), name, file);
}

interface CfbContainer {
  FileIndex: unknown[];
}
interface CfbApi {
  read(data: Uint8Array, opts: { type: 'buffer' }): CfbContainer;
  find(cfb: CfbContainer, path: string): unknown;
}
const CFB = (): CfbApi => sheetjs().CFB as CfbApi;

function readOle(buf: Buffer, file: string): Workbook {
  let cfb: CfbContainer;
  try {
    cfb = quietly(() => CFB().read(buf, { type: 'buffer' }));
  } catch (err) {
    throw new InputError(file, reasons.truncated, { cause: err });
  }
  // Office stores a password-protected workbook (of any kind) as these two streams.
  if (CFB().find(cfb, '/EncryptionInfo') || CFB().find(cfb, '/EncryptedPackage')) {
    throw new InputError(file, reasons.encrypted);
  }
  const stream = (CFB().find(cfb, '/Workbook') ?? CFB().find(cfb, '/Book')) as {
    size?: number;
    content?: Uint8Array;
  } | null;
  if (!stream) throw new InputError(file, reasons.notSpreadsheet);
  // A workbook stream of size 0 is a damaged directory, not an empty workbook.
  if (!stream.size || !stream.content?.length) throw new InputError(file, reasons.damagedPart('Workbook'));
  return { file, format: 'xls', grids: sheetjsGrids(sheetjsRead(buf, file), file) };
}

function sheetjsRead(buf: Buffer, file: string): XLSX.WorkBook {
  try {
    return quietly(() => sheetjs().read(buf, { ...SHEETJS_READ_OPTIONS }));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/password|encrypt/i.test(message)) throw new InputError(file, reasons.encrypted, { cause: err });
    throw new InputError(file, reasons.corrupt, { cause: err });
  }
}

/**
 * .xlsx → grids in one pass: the zip entries are inflated as streams (zip.ts) into the strict
 * XML tokenizer (xml.ts), and cells go straight into the grid rows. There is no
 * whole-workbook object and no sheet XML held as a string, so a 1,048,576-row sheet costs its
 * cells, not its XML. Everything that would make a careless reader return wrong cells — a
 * shared-string or style index outside its table, a value that is not what its type says, a
 * cell outside Excel's grid — stops the read with the part named.
 */
import type { Cell } from '../../grid';
import { InputError, reasons } from '../errors';
import { DEFAULT_ZIP_LIMITS, inflateEntry, readZipDirectory, type ZipEntry, type ZipLimits } from './zip';
import { attr, localName, startsWith, XmlError, XmlTokenizer, type XmlHandler } from './xml';
import { SheetThread } from './sheetThread';

export { EXCEL_ROWS as MAX_ROWS, EXCEL_COLS as MAX_COLS } from '../../grid';
import { EXCEL_ROWS as MAX_ROWS, EXCEL_COLS as MAX_COLS } from '../../grid';

/** What one workbook may cost beyond its zip: each limit has its own message. */
export interface SheetLimits {
  maxSheets: number;
  /** Cells with a value, all sheets together. */
  maxCells: number;
  /** Characters of all shared and inline strings together. */
  maxTextChars: number;
}

export const DEFAULT_SHEET_LIMITS: SheetLimits = Object.freeze({
  maxSheets: 1_000,
  maxCells: 60_000_000,
  maxTextChars: 256 * 1024 * 1024,
});

export interface XlsxSheet {
  sheet: string;
  rows: Cell[][];
  hidden: boolean;
  merges: Merge[];
}

export interface Merge {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** Rows of one sheet handed over as they are read, instead of a grid. */
export interface RowSink {
  /** The row at 0-based index `r`; rows come in increasing order. */
  row(r: number, cells: Cell[]): void;
  /**
   * After the last row: the sheet's merges (they follow its cells in the file), or null when the
   * rows came out of order. False asks for the sheet as a grid after all: the reader then reads
   * it again and returns it with the others.
   */
  end(merges: readonly Merge[] | null): boolean;
}

export interface SheetStream {
  /** Sheets to read first, as grids (a 设置 sheet the others are read by). */
  first?: (name: string) => boolean;
  /**
   * A sink for this sheet's rows, or undefined to read it as a grid. `names` are all the
   * workbook's sheets, `read` the grids read so far (the `first` ones among them).
   */
  sink(
    name: string,
    book: { names: readonly string[]; read: readonly XlsxSheet[]; date1904: boolean },
  ): RowSink | undefined;
}

export interface XlsxBook {
  sheets: XlsxSheet[];
  date1904: boolean;
  /** Sheets the workbook can do without (macro, dialog sheets) that could not be read, with why. */
  skipped: { sheet: string; reason: string }[];
}

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;

export interface Part {
  entries: Map<string, ZipEntry>;
  buf: Buffer;
  file: string;
  zip: ZipLimits;
  /** Bytes of XML inflated so far, of all the package's entries: what a progress bar shows. */
  inflated?: { done: number; total: number; report: OnBytes };
}

/** Told how much of the file's XML has been read, now and then. */
export type OnBytes = (done: number, total: number) => void;

export async function readXlsxBook(
  buf: Buffer,
  file: string,
  zipLimits: Partial<ZipLimits> = {},
  sheetLimits: Partial<SheetLimits> = {},
  stream?: SheetStream,
  onBytes?: OnBytes,
): Promise<XlsxBook> {
  const zip = { ...DEFAULT_ZIP_LIMITS, ...zipLimits };
  const lim = { ...DEFAULT_SHEET_LIMITS, ...sheetLimits };
  const book = await openXlsx(buf, file, zip, lim, onBytes);
  const { pkg, parts, styleCount } = book;
  const budget = { cells: lim.maxCells, text: lim.maxTextChars, limits: lim };
  const order = stream?.first
    ? [...parts.filter((p) => stream.first!(p.name)), ...parts.filter((p) => !stream.first!(p.name))]
    : parts;
  // The first big sheet of a streamed read goes to the second thread at once, before the
  // shared strings and the sheets read first are read here: it is most of the work. A thread
  // that has been reading this file since the program started (readAhead) is taken over.
  const big = stream ? firstBigSheet(order, pkg.entries) : undefined;
  const bigEntry = big && pkg.entries.get(big.rel.target)!;
  let thread = SheetThread.adopt(buf, zip, lim);
  const ahead = await thread?.ahead();
  if (thread && !(bigEntry && thread.started(bigEntry))) {
    thread.close();
    thread = undefined;
  }
  thread ??= bigEntry && SheetThread.start(buf, file, zip, lim, { entry: bigEntry, sheet: big.name, styleCount });
  try {
    let strings = SharedStrings.empty;
    if (book.sst && ahead?.strings?.entry === book.sst.name) {
      const given = ahead.strings;
      spendText(file, budget, given.chars);
      if (pkg.inflated) pkg.inflated.report((pkg.inflated.done += book.sst.uncompressedSize), pkg.inflated.total);
      strings = new SharedStrings(
        Buffer.from(given.bytes.buffer, given.bytes.byteOffset, given.bytes.byteLength),
        given.spans,
        given.texts,
        given.length,
      );
    } else if (book.sst) strings = await sharedStrings(pkg, book.sst, budget);
    return await readSheets(pkg, order, parts, {
      strings,
      styleCount,
      budget,
      date1904: book.date1904,
      stream,
      thread,
    });
  } finally {
    thread?.close();
  }
}

export interface SheetPart {
  name: string;
  hidden: boolean;
  rel: Relationship;
}

/** What a workbook is made of, before any cell is read. */
export interface XlsxPackage {
  pkg: Part;
  /** The sheets in workbook order. */
  parts: SheetPart[];
  date1904: boolean;
  styleCount: number;
  /** The shared-string part, when the workbook has one. */
  sst?: ZipEntry;
}

/** The zip directory, relationships, workbook and styles: everything but the cells and strings. */
export async function openXlsx(
  buf: Buffer,
  file: string,
  zip: ZipLimits,
  lim: SheetLimits,
  onBytes?: OnBytes,
): Promise<XlsxPackage> {
  const entries = new Map<string, ZipEntry>();
  // OPC part names compare case-insensitively.
  for (const e of readZipDirectory(buf, file, zip)) entries.set(e.name.replace(/\\/g, '/').toLowerCase(), e);
  const pkg: Part = { entries, buf, file, zip };
  if (onBytes) {
    let total = 0;
    for (const e of entries.values()) total += e.uncompressedSize;
    pkg.inflated = { done: 0, total, report: onBytes };
  }
  if (entries.has('xl/workbook.bin')) throw new InputError(file, reasons.xlsb);
  if (!entries.has('[content_types].xml')) {
    throw new InputError(
      file,
      entries.has('mimetype') && entries.has('content.xml') ? reasons.ods : reasons.notSpreadsheet,
    );
  }

  const rootRels = entries.has('_rels/.rels') ? await relationships(pkg, '_rels/.rels', '') : [];
  const workbookPath = rootRels.find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.target ?? 'xl/workbook.xml';
  if (workbookPath.endsWith('.bin')) throw new InputError(file, reasons.xlsb);
  if (!entries.has(workbookPath)) throw new InputError(file, reasons.notSpreadsheet);
  const base = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const relsPath = `${base}_rels/${workbookPath.slice(base.length)}.rels`;
  const rels = entries.has(relsPath) ? await relationships(pkg, relsPath, base) : [];
  const wb = await workbookPart(pkg, workbookPath);
  if (wb.sheets.length > lim.maxSheets)
    throw new InputError(file, reasons.tooManySheets(wb.sheets.length, lim.maxSheets));

  const seen = new Set<string>();
  const parts = wb.sheets.map((s) => {
    const rel = rels.find((r) => r.id === s.rid);
    if (!rel) throw new InputError(file, reasons.sheetUnreadable(s.name));
    // Excel never points two sheets at one part; a file that does is damaged or crafted.
    if (seen.has(rel.target)) throw new InputError(file, reasons.damagedPart(rel.target));
    seen.add(rel.target);
    if (rel.target.endsWith('.bin')) throw new InputError(file, reasons.xlsb);
    return { name: s.name, hidden: s.hidden, rel };
  });

  const stylesPath = rels.find((r) => REL_STYLES.test(r.type))?.target;
  // A workbook without a styles part is valid: its cells may then name no style but 0.
  const styleCount = stylesPath && entries.has(stylesPath) ? await cellStyleCount(pkg, stylesPath) : 1;
  const sstPath = rels.find((r) => REL_SHARED_STRINGS.test(r.type))?.target;
  const sst = sstPath === undefined ? undefined : entries.get(sstPath);
  return { pkg, parts, date1904: wb.date1904, styleCount, ...(sst ? { sst } : {}) };
}

/** The first worksheet of `order` big enough for the second thread. */
export const firstBigSheet = (order: readonly SheetPart[], entries: Map<string, ZipEntry>): SheetPart | undefined =>
  order.find(
    (p) => REL_WORKSHEET.test(p.rel.type) && (entries.get(p.rel.target)?.uncompressedSize ?? 0) >= SheetThread.minBytes,
  );

/** A shared string's cell by index, or undefined when the table has no such string. */
export type SharedCell = (idx: number) => Cell | undefined;

async function readSheets(
  pkg: Part,
  order: SheetPart[],
  parts: SheetPart[],
  ctx: {
    strings: SharedStrings;
    styleCount: number;
    budget: Budget;
    date1904: boolean;
    stream: SheetStream | undefined;
    thread: SheetThread | undefined;
  },
): Promise<XlsxBook> {
  const { entries, file } = pkg;
  const { strings, styleCount, budget, stream } = ctx;
  let thread = ctx.thread;
  const shared: SharedCell = (idx) => strings.get(idx);
  const book: XlsxBook = { sheets: [], date1904: ctx.date1904, skipped: [] };
  const read = new Map<string, XlsxSheet>();
  for (const s of order) {
    const worksheet = REL_WORKSHEET.test(s.rel.type);
    const entry = entries.get(s.rel.target);
    try {
      if (!entry) throw new InputError(file, reasons.sheetUnreadable(s.name));
      const names = parts.map((p) => p.name);
      const sink = worksheet
        ? stream?.sink(s.name, { names, read: [...read.values()], date1904: ctx.date1904 })
        : undefined;
      const threaded = sink && thread && entry.uncompressedSize >= SheetThread.minBytes;
      // The sheet started on the thread is read here after all (as a grid): its start was in vain.
      if (!threaded && thread?.started(entry)) {
        thread.close();
        thread = undefined;
      }
      const streamed =
        sink &&
        (threaded
          ? await thread!.read(entry, s.name, strings, styleCount, budget, sink, pkg.inflated)
          : await worksheetPart(pkg, entry, s.name, shared, styleCount, budget, sink));
      // Streamed: the sink holds the reading, the sheet is listed without rows.
      const sheet = streamed ?? (await worksheetPart(pkg, entry, s.name, shared, styleCount, budget))!;
      read.set(s.name, { ...sheet, hidden: s.hidden });
    } catch (err) {
      // A legacy macro or dialog sheet holds no ledger: losing it must not cost the workbook.
      if (worksheet || !(err instanceof InputError)) throw err;
      book.skipped.push({ sheet: s.name, reason: err.reason });
    }
  }
  for (const s of parts) if (read.has(s.name)) book.sheets.push(read.get(s.name)!);
  return book;
}

/**
 * Feeds one part's bytes through a tokenizer (made for the handler if none is given); XML
 * errors become "part damaged". `keep` sees every chunk, for a reader that holds on to bytes.
 */
async function parsePart(
  pkg: Part,
  entry: ZipEntry,
  parser: XmlHandler | XmlTokenizer,
  keep?: (chunk: Buffer) => void,
): Promise<void> {
  const tokenizer = parser instanceof XmlTokenizer ? parser : new XmlTokenizer(parser);
  try {
    await inflateEntry(pkg.buf, entry, pkg.file, pkg.zip, (chunk) => {
      if (pkg.inflated) pkg.inflated.report((pkg.inflated.done += chunk.length), pkg.inflated.total);
      keep?.(chunk);
      tokenizer.write(chunk);
    });
    tokenizer.end();
  } catch (err) {
    throw err instanceof XmlError
      ? new InputError(pkg.file, reasons.malformedPart(entry.name, err.message), { cause: err })
      : err;
  }
}

/** A part of the package by its name (relationships, workbook, styles), through the same parser. */
const partNamed = (pkg: Part, path: string, handler: XmlHandler): Promise<void> =>
  parsePart(pkg, pkg.entries.get(path)!, handler);

interface Relationship {
  id: string;
  type: string;
  target: string;
}

async function relationships(pkg: Part, path: string, base: string): Promise<Relationship[]> {
  const out: Relationship[] = [];
  await partNamed(pkg, path, {
    wantText: false,
    open(name, attrs, count) {
      if (localName(name) !== 'Relationship' || attr(attrs, count, 'TargetMode') === 'External') return;
      const id = attr(attrs, count, 'Id');
      const type = attr(attrs, count, 'Type');
      const target = attr(attrs, count, 'Target');
      if (id && type && target) out.push({ id, type, target: resolvePart(base, target) });
    },
    close() {},
    text() {},
  });
  return out;
}

/** A relationship target as a lower-case part name from the package root. */
function resolvePart(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/').toLowerCase();
}

async function workbookPart(pkg: Part, path: string) {
  const sheets: { name: string; rid: string; hidden: boolean }[] = [];
  let date1904 = false;
  let root: string | undefined;
  await partNamed(pkg, path, {
    wantText: false,
    open(name, attrs, count) {
      const local = localName(name);
      root ??= local;
      if (local === 'workbookPr') {
        const v = attr(attrs, count, 'date1904');
        date1904 = v === '1' || v === 'true';
      } else if (local === 'sheet') {
        const sheetName = attr(attrs, count, 'name');
        // The relationship id is r:id, whatever prefix the file binds to its namespace.
        let rid: string | undefined;
        for (let k = 0; k < count; k += 2) if (attrs[k].endsWith(':id')) rid = attrs[k + 1];
        if (!sheetName || !rid) throw new XmlError('工作表缺少名称或关系');
        const state = attr(attrs, count, 'state');
        sheets.push({ name: sheetName, rid, hidden: state === 'hidden' || state === 'veryHidden' });
      }
    },
    close() {},
    text() {},
  });
  // A Word or PowerPoint file is a zip with the same skeleton: its main part is no workbook.
  if (root !== 'workbook') throw new InputError(pkg.file, reasons.notSpreadsheet);
  return { sheets, date1904 };
}

async function cellStyleCount(pkg: Part, path: string): Promise<number> {
  let inXfs = false;
  let xfs = 0;
  let declared = -1;
  await partNamed(pkg, path, {
    wantText: false,
    open(name, attrs, count, selfClosing) {
      const local = localName(name);
      if (local === 'cellXfs') {
        inXfs = !selfClosing;
        declared = Number(attr(attrs, count, 'count') ?? -1);
      } else if (inXfs && local === 'xf') xfs++;
    },
    close(name) {
      if (localName(name) === 'cellXfs') inXfs = false;
    },
    text() {},
  });
  // Excel reads a cell's style by index into cellXfs; a part without any still has the default.
  return Math.max(xfs, declared, 1);
}

export interface Budget {
  cells: number;
  text: number;
  limits: SheetLimits;
}

function spendText(file: string, budget: Budget, chars: number): void {
  budget.text -= chars;
  if (budget.text < 0) throw new InputError(file, reasons.tooMuchText(budget.limits.maxTextChars));
}

/** Excel escapes control characters in strings as _xHHHH_. */
const unescapeOoxml = (s: string): string =>
  s.indexOf('_x') < 0
    ? s
    : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * The shared-string table. A workbook's strings are kept as the UTF-8 bytes of the part and
 * each one is decoded when a cell first needs it: reading the part is then one pass over
 * bytes, and a string no cell uses costs nothing (most are used once, by one cell).
 */
export class SharedStrings {
  /** Decoded strings by index; made at its full length so V8 keeps it a plain array. */
  private readonly decoded: (string | undefined)[];

  /**
   * `spans` holds from, to per string: byte offsets into `bytes` of text that needs no
   * decoding beyond UTF-8, or from = -1 − k for `texts[k]`, a string the parser decoded.
   */
  constructor(
    readonly bytes: Buffer,
    readonly spans: Int32Array,
    readonly texts: readonly string[],
    readonly length: number,
  ) {
    this.decoded = new Array<string | undefined>(length);
  }

  static readonly empty = new SharedStrings(Buffer.alloc(0), new Int32Array(0), [], 0);

  /** String `i` (i ≥ 0), or undefined past the end of the table. */
  get(i: number): string | undefined {
    if (i >= this.length) return undefined;
    let s = this.decoded[i];
    if (s === undefined) {
      const from = this.spans[2 * i];
      s = from < 0 ? this.texts[-1 - from] : this.bytes.toString('utf8', from, this.spans[2 * i + 1]);
      this.decoded[i] = s;
    }
    return s;
  }
}

/** Bytes of a shared-string part reserved at once (beyond: as they come). */
const SST_PREALLOCATE = 256 * 1024 * 1024;

/** `memory` makes the buffer the part's bytes are kept in (shared memory, for another thread). */
export async function sharedStrings(
  pkg: Part,
  entry: ZipEntry,
  budget: Budget,
  memory: (bytes: number) => Buffer = (n) => Buffer.allocUnsafe(n),
): Promise<SharedStrings> {
  let spans = new Int32Array(1024);
  const texts: string[] = [];
  let count = 0;
  const add = (from: number, to: number) => {
    if (2 * count + 2 > spans.length) {
      const wider = new Int32Array(spans.length * 2);
      wider.set(spans);
      spans = wider;
    }
    spans[2 * count] = from;
    spans[2 * count + 1] = to;
    count++;
  };
  const addText = (text: string) => {
    spendText(pkg.file, budget, text.length);
    texts.push(unescapeOoxml(text));
    add(-texts.length, 0);
  };
  let inSi = false;
  let phonetic = 0;
  let current = '';
  const h: XmlHandler = {
    wantText: false,
    // `<si><t>text</t></si>`, the shape of nearly every string: without markup, references or
    // escapes (_xHHHH_) its bytes are kept as they are.
    shortcut(x, lt) {
      let p = lt;
      const n = x.length;
      const limit = n - 16;
      const base = tokenizer.offset;
      let chars = 0;
      while (p < limit && startsWith(x, p, '<si><t')) {
        let i = p + 6;
        if (x[i] === 32) {
          if (!startsWith(x, i, ' xml:space="preserve"')) break;
          i += 21;
        }
        if (x[i] !== 62) break;
        const from = i + 1;
        let to = from;
        // One pass over the string's bytes, counting the UTF-16 units it will cost on the way.
        let units = 0;
        for (let b = x[to]; b !== 60 && b !== 38 && b !== 95 && to < n; b = x[++to])
          if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
        // A reference, an escape, or text the chunk cut: the general parser reads it.
        if (x[to] !== 60 || !startsWith(x, to, '</t></si>')) break;
        chars += units;
        add(base + from, base + to);
        p = to + 9;
      }
      spendText(pkg.file, budget, chars);
      return p === lt ? -1 : p;
    },
    open(name, _attrs, _count, selfClosing) {
      const local = localName(name);
      if (local === 'si') {
        current = '';
        if (selfClosing) addText('');
        else inSi = true;
      } else if (local === 'rPh') {
        if (!selfClosing) phonetic++;
      } else if (local === 't' && inSi && !phonetic && !selfClosing) {
        h.wantText = true;
      }
    },
    close(name) {
      const local = localName(name);
      if (local === 't') h.wantText = false;
      else if (local === 'rPh') phonetic--;
      else if (local === 'si') {
        inSi = false;
        addText(current);
      }
    },
    text(value) {
      current += value;
    },
  };
  const tokenizer = new XmlTokenizer(h);
  // The part's bytes go where they are kept as they come, so at a million rows its 70 MB are
  // never held twice. The inflater holds the part to its declared size; a size beyond what
  // any workbook needs is not taken on trust, the buffer grows instead.
  let bytes = memory(Math.min(entry.uncompressedSize, SST_PREALLOCATE));
  let total = 0;
  await parsePart(pkg, entry, tokenizer, (chunk) => {
    if (total + chunk.length > bytes.length) {
      const wider = memory(Math.min(Math.max(2 * bytes.length, total + chunk.length), entry.uncompressedSize));
      wider.set(bytes.subarray(0, total));
      bytes = wider;
    }
    bytes.set(chunk, total);
    total += chunk.length;
  });
  return new SharedStrings(bytes.subarray(0, total), spans, texts, count);
}

const enum Collect {
  None,
  Value,
  Inline,
}

/** Column letters at the start of a cell reference, 0-based (-1 when there are none; capped past XFD). */
function refColumn(ref: string): { col: number; rowAt: number } {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    if (col > MAX_COLS) col = MAX_COLS + 1;
  }
  return { col: col - 1, rowAt: i };
}

function parseRef(ref: string): { row: number; col: number } | undefined {
  const { col, rowAt } = refColumn(ref);
  const row = rowNumber(ref, rowAt);
  return col < 0 || row < 0 ? undefined : { row, col };
}

/** The 0-based row of the digits from `at` to the end (1 … 99,999,999), or -1. */
function rowNumber(s: string, at: number): number {
  const n = s.length;
  if (at >= n || n - at > 8 || s.charCodeAt(at) === 48) return -1;
  let v = 0;
  for (let i = at; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v - 1;
}

/** A non-negative whole number written in plain digits (at most 9), or -1. */
function index(s: string): number {
  const n = s.length;
  if (n === 0 || n > 9) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

export async function worksheetPart(
  pkg: Part,
  entry: ZipEntry,
  sheet: string,
  shared: SharedCell,
  styleCount: number,
  budget: Budget,
  sink?: RowSink,
): Promise<Omit<XlsxSheet, 'hidden'> | undefined> {
  const file = pkg.file;
  const rows: Cell[][] = [];
  const cellsBefore = budget.cells;
  // With a sink, cells gather in the current row only, which goes to the sink when it ends.
  let current: Cell[] | undefined;
  let currentRow = -1;
  let emitted = -1;
  let ordered = true;
  const emit = () => {
    if (!current) return;
    if (currentRow <= emitted) ordered = false;
    else if (ordered) sink!.row(currentRow, current);
    emitted = Math.max(emitted, currentRow);
    current = undefined;
  };
  const merges: Merge[] = [];
  let row = -1;
  let col = -1;
  let type = '';
  let text = '';
  let hasValue = false;
  let inIs = false;
  let phonetic = 0;
  let collect = Collect.None;
  const beyond = () => new InputError(file, reasons.beyondGrid(sheet));
  const bad = (what: string) => new InputError(file, reasons.badCell(sheet, row, col, what));

  const finishCell = () => {
    if (!hasValue) return;
    let value: Cell;
    switch (type) {
      case '':
      case 'n': {
        if (text === '') return;
        value = Number(text);
        if (!Number.isFinite(value) || isSpaceOnly(text)) throw bad('数字无法识别');
        break;
      }
      case 's': {
        const idx = index(text);
        const v = idx < 0 ? undefined : shared(idx);
        if (v === undefined) throw bad('共享字符串编号超出范围');
        value = v;
        break;
      }
      case 'str':
      case 'inlineStr':
      case 'e':
        value = type === 'inlineStr' ? unescapeOoxml(text) : text;
        spendText(file, budget, text.length);
        break;
      case 'b':
        if (text !== '0' && text !== '1') throw bad('布尔值无法识别');
        value = text === '1';
        break;
      case 'd': {
        const d = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
        if (Number.isNaN(d.getTime())) throw bad('日期无法识别');
        value = d;
        break;
      }
      default:
        throw bad(`未知的单元格类型 ${type}`);
    }
    if (value !== '') store(value);
  };

  const store = (value: Cell) => {
    if (--budget.cells < 0) throw new InputError(file, reasons.tooManyCells(budget.limits.maxCells));
    let cells: Cell[];
    if (sink) {
      if (row !== currentRow) {
        emit();
        currentRow = row;
      }
      cells = current ??= [];
    } else cells = rows[row] ??= [];
    // Dense rows (null in the gaps) keep V8's arrays packed, and the engine reads null as empty.
    for (let c = cells.length; c < col; c++) cells.push(null);
    cells[col] = value;
  };

  /**
   * The cell at `p` when it has the shape Excel, exceljs and SheetJS write —
   * `<c r="B2" s="1" t="s"><v>20</v></c>` or `<c r="B2" s="1"/>`, attributes in that order,
   * a value without markup or references — read without allocating; returns the index after
   * it, or -1 for anything else (formulas, inline strings, a cell cut by the chunk end), which
   * the general parser then reads. Only well-formed text can pass these checks.
   */
  const fastCell = (x: Buffer, p: number): number => {
    // Never read past the end (V8 deoptimises on it): a cell this close to the end of the
    // chunk goes to the general parser, which waits for the rest.
    const limit = x.length - 64;
    if (p + 192 > limit) return -1;
    if (x[p + 1] !== 99 || x[p + 2] !== 32 || x[p + 3] !== 114 || x[p + 4] !== 61 || x[p + 5] !== 34) return -1;
    let i = p + 6;
    let c = 0;
    let ch = x[i];
    for (; ch >= 65 && ch <= 90; ch = x[++i]) c = c * 26 + ch - 64;
    if (i === p + 6 || i > p + 9) return -1;
    const digitsAt = i;
    let r = 0;
    for (; ch >= 48 && ch <= 57; ch = x[++i]) r = r * 10 + ch - 48;
    if (i === digitsAt || i - digitsAt > 7 || x[digitsAt] === 48 || ch !== 34) return -1;
    ch = x[++i];
    let style = -1;
    if (ch === 32 && x[i + 1] === 115 && x[i + 2] === 61 && x[i + 3] === 34) {
      i += 4;
      const at = i;
      style = 0;
      for (ch = x[i]; ch >= 48 && ch <= 57; ch = x[++i]) style = style * 10 + ch - 48;
      if (i === at || i - at > 9 || ch !== 34) return -1;
      ch = x[++i];
    }
    let tAt = 0;
    let tEnd = 0;
    if (ch === 32 && x[i + 1] === 116 && x[i + 2] === 61 && x[i + 3] === 34) {
      i += 4;
      tAt = i;
      for (ch = x[i]; (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90); ch = x[++i]);
      if (i === tAt || i - tAt > 9 || ch !== 34) return -1;
      tEnd = i;
      ch = x[++i];
    }
    let vs = -1;
    let ve = -1;
    if (ch === 47) {
      if (x[i + 1] !== 62) return -1;
      i += 2;
    } else {
      if (ch !== 62) return -1;
      i++;
      if (x[i] === 60 && x[i + 1] === 118 && x[i + 2] === 62) {
        vs = i + 3;
        for (ve = vs, ch = x[ve]; ch !== 60 && ve < limit; ch = x[++ve]) if (ch === 38) return -1;
        if (ch !== 60 || x[ve + 1] !== 47 || x[ve + 2] !== 118 || x[ve + 3] !== 62) return -1;
        i = ve + 4;
      }
      if (x[i] !== 60 || x[i + 1] !== 47 || x[i + 2] !== 99 || x[i + 3] !== 62) return -1;
      i += 4;
    }
    // The whole cell is well-formed: now its content is checked like any other cell's.
    row = r - 1;
    col = c - 1;
    if (col >= MAX_COLS || row >= MAX_ROWS) throw beyond();
    if (style >= styleCount) throw bad('样式编号超出范围');
    if (vs < 0 || ve === vs) return i;
    const oneLetter = tEnd - tAt === 1 ? x[tAt] : 0;
    if (oneLetter === 115) {
      let idx = 0;
      for (let k = vs; k < ve; k++) {
        const d = x[k] - 48;
        if (d < 0 || d > 9 || ve - vs > 9) throw bad('共享字符串编号超出范围');
        idx = idx * 10 + d;
      }
      const v = shared(idx);
      if (v === undefined) throw bad('共享字符串编号超出范围');
      if (v !== '') store(v);
      return i;
    }
    if (tEnd === tAt || oneLetter === 110) {
      const v = plainNumber(x, vs, ve);
      if (v === v) {
        store(v);
        return i;
      }
    }
    type = tEnd === tAt ? '' : x.toString('latin1', tAt, tEnd);
    text = x.toString('utf8', vs, ve);
    hasValue = true;
    finishCell();
    return i;
  };

  let inRow = false;
  const at = (ref: string | undefined, style: string | undefined) => {
    if (ref === undefined) col++;
    else {
      const { col: c, rowAt } = refColumn(ref);
      const r = rowNumber(ref, rowAt);
      if (c < 0 || r < 0) throw bad(`单元格地址 ${ref} 无法识别`);
      row = r;
      col = c;
    }
    if (col >= MAX_COLS || row >= MAX_ROWS || row < 0) throw beyond();
    if (style !== undefined) {
      const si = index(style);
      if (si < 0 || si >= styleCount) throw bad('样式编号超出范围');
    }
  };

  const h: XmlHandler = {
    wantText: false,
    // The cells of a row as Excel, exceljs and SheetJS write them; anything else (formulas,
    // inline strings, other attribute orders) goes through the general parser.
    shortcut(xml, lt) {
      if (!inRow) return -1;
      // A row's cells follow one another: read them in one go while they keep the shape.
      let p = lt;
      for (let end = fastCell(xml, p); end > 0; end = fastCell(xml, p)) {
        p = end;
        if (xml[p] !== 60) break;
      }
      return p === lt ? -1 : p;
    },
    open(name, attrs, count, selfClosing) {
      const local = localName(name);
      switch (local) {
        case 'row': {
          inRow = !selfClosing;
          const r = attr(attrs, count, 'r');
          if (r === undefined) row++;
          else {
            row = rowNumber(r, 0);
            if (row < 0) throw bad('行号无法识别');
          }
          if (row >= MAX_ROWS) throw beyond();
          col = -1;
          return;
        }
        case 'c': {
          let ref: string | undefined;
          let s: string | undefined;
          type = '';
          for (let k = 0; k < count; k += 2) {
            const a = attrs[k];
            if (a === 'r') ref = attrs[k + 1];
            else if (a === 's') s = attrs[k + 1];
            else if (a === 't') type = attrs[k + 1];
          }
          at(ref, s);
          text = '';
          hasValue = false;
          return;
        }
        case 'v':
          if (selfClosing) hasValue = true;
          else {
            collect = Collect.Value;
            h.wantText = true;
            hasValue = true;
            text = '';
          }
          return;
        case 'is':
          inIs = !selfClosing;
          hasValue = true;
          text = '';
          return;
        case 'rPh':
          if (!selfClosing) phonetic++;
          return;
        case 't':
          if (inIs && !phonetic && !selfClosing) {
            collect = Collect.Inline;
            h.wantText = true;
          }
          return;
        case 'mergeCell': {
          const ref = attr(attrs, count, 'ref');
          const [a, b] = (ref ?? '').split(':');
          const s = a ? parseRef(a) : undefined;
          const e = b ? parseRef(b) : s;
          if (!s || !e) throw new InputError(file, reasons.malformedPart(entry.name, `合并区域 ${ref ?? ''} 无法识别`));
          merges.push({ r0: s.row, c0: s.col, r1: e.row, c1: e.col });
          return;
        }
      }
    },
    close(name) {
      const local = name.length === 1 ? name : localName(name);
      if (local === 'v' || local === 't') {
        if (collect !== Collect.None) {
          collect = Collect.None;
          h.wantText = false;
        }
      } else if (local === 'c') finishCell();
      else if (local === 'row') {
        inRow = false;
        if (sink) emit();
      } else if (local === 'is') inIs = false;
      else if (local === 'rPh') phonetic--;
    },
    text(value) {
      text += value;
    },
  };
  await parsePart(pkg, entry, h);
  if (sink) {
    emit();
    if (!sink.end(ordered ? merges : null)) {
      budget.cells = cellsBefore; // read again as a grid, the same cells count once
      return undefined;
    }
  }
  return { sheet, rows, merges };
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A number written as plain decimal digits (`-12.5`, `0.04`; at most 15 of them), read from
 * the bytes as Number() would read its text — a whole number below 2^53 divided by an exact
 * power of ten is rounded once, to the same double — or NaN for anything else.
 */
function plainNumber(x: Buffer, from: number, to: number): number {
  let k = from;
  const negative = x[k] === 45;
  if (negative) k++;
  let m = 0;
  let digits = 0;
  let point = -1;
  for (; k < to; k++) {
    const d = x[k] - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
    } else if (d === -2 && point < 0) point = digits;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const v = point < 0 ? m : m / POW10[digits - point];
  return negative ? -v : v;
}

function isSpaceOnly(s: string): boolean {
  return s.trim() === '';
}

/**
 * CSV as the insurer's core system and Excel export it: UTF-8 with or without BOM, UTF-16
 * with BOM (Excel's "Unicode text"), or GBK (decoded as GB18030, its superset); comma, tab,
 * semicolon or pipe separated; RFC 4180 quoting. Browser-safe: the pane reads picked CSV files with it.
 */
import type { Cell, Grid } from '../grid';
import { InputError, reasons } from './errors';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** 1-based lines holding bytes that are not valid in `encoding` (shown as U+FFFD). */
  badLines?: number[];
  /** The file starts with a UTF-8 BOM but is GBK: the BOM lied, and was ignored. */
  bomMismatch?: true;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * The encoding is decided from the whole file, not from the first bad byte: a UTF-8 file with
 * a few damaged bytes stays UTF-8 (the damage is reported per line), while a GBK export —
 * whose byte pairs almost never form valid UTF-8 — is read as GB18030, its superset.
 */
export function decodeText(buf: Uint8Array): DecodedText {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return decodeAs(buf.subarray(2), 'utf-16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return decodeAs(buf.subarray(2), 'utf-16be');
  const bom = UTF8_BOM.every((b, i) => buf[i] === b);
  const body = bom ? buf.subarray(3) : buf;
  const { valid, invalid } = utf8Sequences(body);
  if (invalid === 0) return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8' };
  // Mostly valid multi-byte UTF-8: damaged UTF-8. Mostly invalid: GBK, whatever a BOM claims.
  if (valid >= 4 * invalid) return decodeAs(body, 'utf-8');
  const gbk = decodeAs(body, 'gb18030');
  return bom ? { ...gbk, bomMismatch: true } : gbk;
}

function decodeAs(bytes: Uint8Array, encoding: TextEncodingName): DecodedText {
  const text = new TextDecoder(encoding).decode(bytes);
  const badLines = replacementLines(text);
  return badLines.length ? { text, encoding, badLines } : { text, encoding };
}

/** Lines (1-based) holding U+FFFD, each once. */
function replacementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (let at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) {
    for (let k = text.indexOf('\n', from); k >= 0 && k < at; k = text.indexOf('\n', k + 1)) {
      line++;
      from = k + 1;
    }
    if (lines[lines.length - 1] !== line) lines.push(line);
  }
  return lines;
}

/** Counts well-formed multi-byte UTF-8 sequences and invalid bytes. */
function utf8Sequences(b: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  const n = b.length;
  for (let i = 0; i < n;) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= n;
    for (let k = 1; ok && k < len; k++) ok = (b[i + k] & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

const SNIFF_BYTES = 8 * 1024;

/**
 * True when the start of the file looks like text in an ASCII-compatible encoding (no NUL,
 * hardly any control bytes) or carries a UTF-16 BOM. GBK and UTF-8 never use bytes below
 * 0x20 inside multi-byte characters, so counting raw bytes is sound for them.
 */
export function looksLikeText(buf: Uint8Array): boolean {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    return true;
  }
  const n = Math.min(buf.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return false;
    // TAB, LF, FF, CR and the DOS end-of-file mark are normal in text files.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1a) controls++;
  }
  return controls <= n / 100;
}

/**
 * Web pages and SpreadsheetML 2003 files that some systems save with an .xls name. They are
 * text, but not CSV: parsing them as CSV would hand the clerk rows of markup.
 */
export function looksLikeMarkup(text: string): boolean {
  return /^\s*<(\?xml|!doctype\s+html|html|table|head|body|meta|!--)/i.test(text.slice(0, 1024));
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const DELIMITERS = [',', '\t', ';', '|'];
const SAMPLE_LINES = 20;
const SAMPLE_CHARS = 64 * 1024;

/**
 * The delimiter most of the first non-empty lines agree on (same non-zero count per line);
 * ties go to the larger count, then to the order above. A title line above the header has
 * no delimiters and simply does not vote.
 */
export function detectDelimiter(text: string): string {
  const codes = DELIMITERS.map((d) => d.charCodeAt(0));
  const perLine: number[][] = codes.map(() => []);
  let counts = codes.map(() => 0);
  let inQuotes = false;
  let nonEmpty = false;
  let lines = 0;
  const endLine = () => {
    if (nonEmpty) {
      counts.forEach((c, k) => perLine[k].push(c));
      lines++;
    }
    counts = codes.map(() => 0);
    nonEmpty = false;
  };
  const limit = Math.min(text.length, SAMPLE_CHARS);
  for (let i = 0; i < limit && lines < SAMPLE_LINES; i++) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE) {
      inQuotes = !inQuotes;
      nonEmpty = true;
    } else if (inQuotes) {
      continue;
    } else if (ch === LF || ch === CR) {
      endLine();
    } else {
      const k = codes.indexOf(ch);
      if (k >= 0) counts[k]++;
      if (ch > 0x20 && ch !== 0xfeff) nonEmpty = true;
    }
  }
  if (lines < SAMPLE_LINES) endLine();

  let best = { delimiter: ',', agree: 0, count: 0 };
  perLine.forEach((cs, k) => {
    const freq = new Map<number, number>();
    for (const c of cs) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    for (const [count, agree] of freq) {
      if (agree > best.agree || (agree === best.agree && count > best.count)) {
        best = { delimiter: DELIMITERS[k], agree, count };
      }
    }
  });
  return best.delimiter;
}

/** An opening quote that is never closed; `line` is 1-based in the text as a text editor counts. */
export class CsvQuoteError extends Error {
  constructor(readonly line: number) {
    super(`unterminated quote starting on line ${line}`);
    this.name = 'CsvQuoteError';
  }
}

function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos; i++) {
    const ch = text.charCodeAt(i);
    if (ch === LF) line++;
    else if (ch === CR && text.charCodeAt(i + 1) !== LF) line++;
  }
  return line;
}

/**
 * RFC 4180 with the leniency of Excel: quoted fields may hold delimiters, doubled quotes and
 * line breaks; text after a closing quote is kept; a quote inside an unquoted field is
 * literal. Records end at CRLF, LF or CR; a final line break does not start a new record.
 * An unterminated quote throws CsvQuoteError rather than swallowing the rest of the file.
 */
export function parseCsv(text: string, delimiter: string = detectDelimiter(text)): string[][] {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  const rows: string[][] = [];
  let i = n > 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (i >= n) return rows;
  let row: string[] = [];
  for (;;) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      const open = i;
      i++;
      value = '';
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new CsvQuoteError(lineOf(text, open));
        value += text.slice(i, q);
        i = q + 1;
        if (text.charCodeAt(i) !== QUOTE) break;
        value += '"';
        i++;
      }
      const rest = i;
      while (i < n) {
        const ch = text.charCodeAt(i);
        if (ch === d || ch === LF || ch === CR) break;
        i++;
      }
      if (i > rest) value += text.slice(rest, i);
    } else {
      const start = i;
      while (i < n) {
        const ch = text.charCodeAt(i);
        if (ch === d || ch === LF || ch === CR) break;
        i++;
      }
      value = text.slice(start, i);
    }
    row.push(value);
    if (i >= n) {
      rows.push(row);
      return rows;
    }
    const ch = text.charCodeAt(i);
    i++;
    if (ch === d) continue;
    if (ch === CR && text.charCodeAt(i) === LF) i++;
    rows.push(row);
    row = [];
    if (i >= n) return rows;
  }
}

/** Excel's own grid: a CSV beyond it is not a ledger export, and would only cost time. */
const MAX_CSV_ROWS = 1_048_576;
const MAX_CSV_COLS = 16_384;

/** `d:\\导出\\续保.csv` → `续保`: the sheet of a CSV is named after its file (browser-safe, no node:path). */
function baseNameOf(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** One CSV file as one grid of strings (empty fields → null), named after the file. */
export function csvToGrid(buf: Uint8Array, file: string): Grid {
  return csvTextToGrid(decodeText(buf).text, file);
}

/** csvToGrid for text already decoded (the reader decodes once to sniff it). */
export function csvTextToGrid(text: string, file: string): Grid {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvQuoteError) throw new InputError(file, reasons.csvQuote(err.line));
    throw err;
  }
  if (rows.length > MAX_CSV_ROWS) throw new InputError(file, reasons.csvTooLong(MAX_CSV_ROWS));
  const cells = rows as Cell[][];
  for (let r = 0; r < cells.length; r++) {
    const row = cells[r];
    if (row.length > MAX_CSV_COLS) throw new InputError(file, reasons.csvTooWide(r + 1, row.length));
    for (let c = 0; c < row.length; c++) {
      const v = row[c] as string;
      if (v === '') row[c] = null;
      // Core systems export codes as ="13812345678" so Excel keeps them as text: keep the text.
      else if (v.charCodeAt(0) === 61 && v.length > 2 && v[1] === '"' && v.endsWith('"'))
        row[c] = v.slice(2, -1).replace(/""/g, '"');
    }
  }
  return { sheet: baseNameOf(file), rows: cells, origin: { row: 0, col: 0 } };
}

/**
 * CSV as the insurer's core system and Excel export it: UTF-8 with or without BOM, UTF-16
 * with BOM (Excel's "Unicode text"), or GBK (decoded as GB18030, its superset); comma, tab,
 * semicolon or pipe separated; RFC 4180 quoting.
 */
import * as path from 'node:path';
import type { Cell, Grid } from '../grid';
import { InputError, reasons } from './errors';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export function decodeText(buf: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8' };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: the core system's GBK exports; GB18030 decodes every GBK byte sequence.
    return { text: new TextDecoder('gb18030').decode(buf), encoding: 'gb18030' };
  }
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
  const cells = rows as Cell[][];
  for (const row of cells) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c] as string;
      if (v === '') row[c] = null;
      // Core systems export codes as ="13812345678" so Excel keeps them as text: keep the text.
      else if (v.charCodeAt(0) === 61 && v.length > 2 && v[1] === '"' && v.endsWith('"')) row[c] = v.slice(2, -1).replace(/""/g, '"');
    }
  }
  return { sheet: path.basename(file, path.extname(file)), rows: cells, origin: { row: 0, col: 0 } };
}

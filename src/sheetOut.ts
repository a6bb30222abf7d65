/**
 * A grid as a sheet to write: what the sample generators (src/demo) produce and the .xlsx
 * writer (src/io/xlsxOut.ts) lays out. A plain description, so it crosses into the browser.
 */
import type { Cell } from './grid';

export interface SheetOut {
  name: string;
  rows: Cell[][];
  /** Row 1 is a header: bold, filled, frozen, with a filter. Default true. */
  header?: boolean;
  /** Number format per 0-based column (e.g. 'yyyy-mm-dd', '#,##0.00', '0.00%', '@'). */
  numFmt?: Record<number, string>;
  /** Width per 0-based column in characters; default: fitted to the content. */
  widths?: number[];
}

/** Display width of text in Excel's character units: CJK characters count double. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

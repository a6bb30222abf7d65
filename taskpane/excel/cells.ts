/**
 * Grid cells → what Office.js writes. Excel reads a written string like typed input: a
 * string that looks like a number, date or boolean would become one (a phone number or a
 * policy number with leading zeros loses its text), and one starting with `=`, `+` or `-`
 * would become a formula. Such strings get Excel's quote prefix (`'`), which keeps the cell
 * text and is not part of its value.
 */
import type { Cell } from '../../src/grid';

const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** A Date (UTC, as everywhere in insdesk) → Excel serial in the workbook's date system. */
export function dateToSerial(d: Date, date1904 = false): number {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid Date cannot be written to Excel');
  if (date1904) return (t - EPOCH_1904) / MS_PER_DAY;
  const serial = (t - EPOCH_1900) / MS_PER_DAY;
  // Excel's serial 60 is the non-existent 1900-02-29, so earlier dates sit one lower.
  return serial < 61 ? serial - 1 : serial;
}

// Starts like a number, date, time, currency amount, formula or error value.
const RISKY_START = /^\s*[0-9０-９+\-=@'.,$¥￥€£(（#%]/;
const BOOLEAN = /^\s*(true|false)\s*$/i;
// Month names start English dates Excel recognises ("Jan 5", "March 2026").
const MONTH_DATE = /^\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s\-/.,]*\d/i;

export const needsQuotePrefix = (s: string): boolean => RISKY_START.test(s) || BOOLEAN.test(s) || MONTH_DATE.test(s);

/** One grid cell as Office.js input: '' clears a cell (null would leave it unchanged). */
export function toExcelInput(cell: Cell, date1904 = false): string | number | boolean {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new RangeError(`${cell} cannot be written to Excel`);
    return cell;
  }
  if (typeof cell === 'boolean') return cell;
  if (cell instanceof Date) return dateToSerial(cell, date1904);
  return needsQuotePrefix(cell) ? `'${cell}` : cell;
}

/**
 * Typed form values ↔ sheet cells and input texts. A form writes what a clerk would have
 * typed into Excel: dates as dates, money as yuan numbers, rates as fractions, codes as text,
 * each with the number format a new ledger column has.
 */
import type { Cell } from '../../src/grid';
import type { Column } from '../../src/ledgers/schema';
import { coercerFor } from '../../src/read/coerce';
import { cellText } from '../../src/rules/text';
import { formatYuan, fenToYuan } from '../../src/rules/money';
import { templateFormatOf } from '../../src/tasks/upgrade/rules';

const pad2 = (n: number): string => String(n).padStart(2, '0');
const hhmm = (minutes: number): string => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;

const utcDate = (iso: string, minutes = 0): Date => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, 0, minutes));
};

/** A typed value as the cell to write (Date cells become serials when written). */
export function cellOf(column: Column, value: unknown): Cell {
  if (value === undefined || value === null || value === '') return null;
  switch (column.kind) {
    case 'date':
      return utcDate(value as string);
    case 'datetime': {
      const v = value as { date: string; minutes: number | null };
      return utcDate(v.date, v.minutes ?? 0);
    }
    case 'money':
      return fenToYuan(value as number);
    case 'time':
      return (value as number) / 1440;
    case 'rate':
    case 'int':
      return value as number;
    default:
      return String(value);
  }
}

/** The number format a written cell gets when it has none of its own (General). */
export const formatOf = (column: Column): string | undefined => {
  if (column.kind === 'datetime') return 'yyyy-mm-dd hh:mm';
  return templateFormatOf(column);
};

/** A typed value as the text its input shows. */
export function inputTextOf(column: Column, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (column.kind) {
    case 'money':
      return formatYuan(value as number);
    case 'rate':
      return `${Number(((value as number) * 100).toFixed(4))}%`;
    case 'time':
      return hhmm(value as number);
    case 'datetime': {
      const v = value as { date: string; minutes: number | null };
      return v.minutes === null ? v.date : `${v.date} ${hhmm(v.minutes)}`;
    }
    default:
      return String(value);
  }
}

/**
 * What a sheet cell shows in the form: its typed value where the engine can read it, else
 * its text as it stands, for the clerk to correct.
 */
export function inputTextOfCell(column: Column, cell: Cell, date1904: boolean): string {
  if (cell === null || cell === undefined || cell === '') return '';
  const read = coercerFor(column)(cell, date1904);
  return read.value !== undefined && read.value !== '' ? inputTextOf(column, read.value) : cellText(cell).trim();
}

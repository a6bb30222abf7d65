/** A figure as a clerk reads it (1,234.50 / 83.33% / +12): the HTML report, the CLI summary, the task pane. */
import type { Cell } from '../../grid';
import type { CellFormat } from './report';

const fixed = (x: number, d: number) =>
  x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const signed = (s: string, x: number) => (x > 0 ? `+${s}` : s);

export function formatValue(v: Cell, f: CellFormat | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'number') return String(v);
  switch (f) {
    case 'int':
      return fixed(v, 0);
    case 'yuan':
      return fixed(v, 2);
    case 'rate':
      return `${fixed(v * 100, 2)}%`;
    case 'days':
      return fixed(v, 1);
    case 'intDelta':
      return signed(fixed(v, 0), v);
    case 'yuanDelta':
      return signed(fixed(v, 2), v);
    case 'rateDelta':
      return signed(`${fixed(v * 100, 2)}%`, v);
    case 'daysDelta':
      return signed(fixed(v, 1), v);
    default:
      return String(v);
  }
}

/** Excel number formats of the report's cell formats (the CLI workbook and the add-in alike). */
export const NUM_FMT: Record<CellFormat, string> = {
  text: 'General',
  int: '#,##0',
  yuan: '#,##0.00',
  rate: '0.00%',
  days: '0.0',
  date: 'yyyy-mm-dd',
  intDelta: '+#,##0;[Red]-#,##0;0',
  yuanDelta: '+#,##0.00;[Red]-#,##0.00;0.00',
  rateDelta: '+0.00%;[Red]-0.00%;0.00%',
  daysDelta: '+0.0;[Red]-0.0;0.0',
};

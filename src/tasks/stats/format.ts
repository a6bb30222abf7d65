/**
 * A figure as a clerk reads it (1,234.50 / 83.33% / +12 / +6.34 个百分点): the HTML report, the
 * CLI summary, the task pane — and the Excel number formats of the same cell formats.
 *
 * A change carries its reading: `…Up` where a rise is good news (premium, renewal rate), `…Down`
 * where a fall is (unpaid, overdue, absences). Good changes are green and bad ones red — by the
 * figure's direction, never by the sign alone. A change of a rate is in 百分点 (percentage
 * points), never a percent of a percent.
 */
import type { Cell } from '../../grid';
import type { CellFormat, DeltaFormat } from './report';

const fixed = (x: number, d: number) =>
  x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const signed = (s: string, x: number) => (x > 0 ? `+${s}` : s);

/** How each kind of change is written, before its sign: the value in its own unit. */
const DELTA_TEXT: Record<string, (v: number) => string> = {
  int: (v) => fixed(v, 0),
  yuan: (v) => fixed(v, 2),
  /** Percentage points: the value is already ×100. */
  points: (v) => `${fixed(v, 2)} 个百分点`,
  /** A relative change (环比 / 同比), a fraction. */
  percent: (v) => `${fixed(v * 100, 2)}%`,
  days: (v) => fixed(v, 1),
};

const deltaParts = (f: DeltaFormat): { base: string; better?: 'Up' | 'Down' } => {
  const m = /^(\w+?)Delta(Up|Down)?$/.exec(f)!;
  return m[2] ? { base: m[1], better: m[2] as 'Up' | 'Down' } : { base: m[1] };
};

const isDelta = (f: CellFormat | undefined): f is DeltaFormat => !!f && f.includes('Delta');

export function formatValue(v: Cell, f: CellFormat | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'number') return String(v);
  if (isDelta(f)) return signed(DELTA_TEXT[deltaParts(f).base](v), v);
  switch (f) {
    case 'int':
      return fixed(v, 0);
    case 'yuan':
      return fixed(v, 2);
    case 'rate':
      return `${fixed(v * 100, 2)}%`;
    case 'days':
      return fixed(v, 1);
    default:
      return String(v);
  }
}

/** 'good' / 'bad' for a change shown in a directional format; undefined when neutral or zero. */
export function toneOf(v: Cell, f: CellFormat | undefined): 'good' | 'bad' | undefined {
  if (typeof v !== 'number' || v === 0 || !isDelta(f)) return undefined;
  const { better } = deltaParts(f);
  if (!better) return undefined;
  return v > 0 === (better === 'Up') ? 'good' : 'bad';
}

const DELTA_NUM: Record<string, string> = {
  int: '#,##0',
  yuan: '#,##0.00',
  points: '0.00"个百分点"',
  percent: '0.00%',
  days: '0.0',
};

/** `+X;-X;X`, coloured by whether the change is good: [Green] good, [Red] bad. */
function deltaNumFmt(f: DeltaFormat): string {
  const { base, better } = deltaParts(f);
  const n = DELTA_NUM[base];
  const up = better === 'Up' ? '[Green]' : better === 'Down' ? '[Red]' : '';
  const down = better === 'Up' ? '[Red]' : better === 'Down' ? '[Green]' : '';
  return `${up}+${n};${down}-${n};${n}`;
}

const BASE_NUM_FMT: Record<string, string> = {
  text: 'General',
  int: '#,##0',
  yuan: '#,##0.00',
  rate: '0.00%',
  days: '0.0',
  date: 'yyyy-mm-dd',
};

/** The Excel number format of a cell format (the CLI workbook and the add-in alike). */
export const numFmtOf = (f: CellFormat): string => (isDelta(f) ? deltaNumFmt(f) : BASE_NUM_FMT[f]);

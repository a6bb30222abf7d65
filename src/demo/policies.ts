/**
 * Insurers, policy and claim numbers, premiums and the calendar helpers the sample ledgers
 * share. Numbers follow each insurer's visible pattern (product prefix + year + branch +
 * sequence) closely enough to look familiar to a clerk; they carry no check digit.
 */
import type { Rng } from './random';
import { addDays, dayNumber, fromDayNumber, isValidIso } from '../rules/date';

export const INSURERS = ['人保财险', '平安产险', '太平洋产险', '国寿财险', '太平财险'] as const;
export type Insurer = (typeof INSURERS)[number];
export const INSURER_CHOICES = [
  ['人保财险', 30],
  ['平安产险', 25],
  ['太平洋产险', 20],
  ['国寿财险', 12],
  ['太平财险', 13],
] as const;

export type Coverage = '交强险' | '商业险' | '非车险';

const PRODUCT: Record<Insurer, Record<Coverage, string>> = {
  人保财险: { 交强险: 'PDZA', 商业险: 'PDAA', 非车险: 'PEAC' },
  平安产险: { 交强险: '1060', 商业险: '1051', 非车险: '1163' },
  太平洋产险: { 交强险: 'ATAN', 商业险: 'ATAJ', 非车险: 'AGEA' },
  国寿财险: { 交强险: '8050', 商业险: '8051', 非车险: '8061' },
  太平财险: { 交强险: '6120', 商业险: '6110', 非车险: '6230' },
};
const CLAIM_PREFIX: Record<Insurer, string> = {
  人保财险: 'RDAA',
  平安产险: '9051',
  太平洋产险: 'ATAJ',
  国寿财险: '8051',
  太平财险: '6110',
};
// 唐山 branch code in the numbers.
const BRANCH = '1302';

/**
 * Sequence numbers that only grow, with the gaps other branches leave: numbers stay unique
 * across a whole ledger without a lookup.
 */
export class Sequence {
  private n: number;

  constructor(
    private readonly rng: Rng,
    start: number,
  ) {
    this.n = start;
  }

  next(width: number): string {
    this.n += this.rng.int(1, 37);
    return String(this.n).padStart(width, '0');
  }
}

export const policyNumber = (seq: Sequence, insurer: Insurer, coverage: Coverage, year: string): string =>
  `${PRODUCT[insurer][coverage]}${year}${BRANCH}${seq.next(10)}`;

export const claimNumber = (seq: Sequence, insurer: Insurer, year: string): string =>
  `${CLAIM_PREFIX[insurer]}${year}${BRANCH}${seq.next(8)}`;

/** 交强险 premium after the no-claims float (NCD): base × 0.7 … 1.3, exact in fen. */
export function compulsoryPremiumFen(rng: Rng, base: number): number {
  const factor = rng.weighted([
    [70, 4],
    [80, 3],
    [90, 3],
    [100, 4],
    [110, 1],
    [130, 1],
  ] as const);
  return base * factor;
}

export const commercialPremiumFen = (rng: Rng, [lo, hi]: readonly [number, number]): number =>
  rng.int(lo * 100, hi * 100);

export const COMMERCIAL_RATES = [0.15, 0.18, 0.2, 0.22, 0.25, 0.28, 0.3] as const;
/** The regulator caps 交强险 commission at 4%. */
export const COMPULSORY_RATE = 0.04;
export const NON_MOTOR_RATES = [0.25, 0.3] as const;

/** Last day of a one-year term starting on `start`: the day before the same date next year. */
export function oneYearEnd(start: string): string {
  const next = Number(start.slice(0, 4)) + 1;
  const same = `${next}${start.slice(4)}`;
  // A term from 29 February ends on the last day of February.
  return addDays(isValidIso(same) ? same : `${next}-03-01`, -1);
}

/** First day of the one-year term that ends on `end`. */
export function oneYearStart(end: string): string {
  const prev = Number(end.slice(0, 4)) - 1;
  const same = `${prev}${end.slice(4)}`;
  return addDays(isValidIso(same) ? same : `${prev}-02-28`, 1);
}

/** First day of the month before the month of `iso`. */
export function previousMonthStart(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
}

/** A random day in [from, to]. */
export const dayBetween = (rng: Rng, from: string, to: string): string =>
  fromDayNumber(rng.int(dayNumber(from), dayNumber(to)));

export const minIso = (a: string, b: string): string => (a < b ? a : b);
export const maxIso = (a: string, b: string): string => (a > b ? a : b);

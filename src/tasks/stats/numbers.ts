/**
 * Rounding of the figures, exactly: money is summed in integer fen and shown in yuan;
 * rates and averages are rounded half up from the exact integer ratio, not from a float.
 */
import { fenToYuan } from '../../rules/money';

/** num / den rounded half up to `places` decimals; 0 when there is nothing to divide by. */
export function ratio(num: number, den: number, places: number): number {
  if (den === 0) return 0;
  const scale = 10 ** places;
  const negative = num < 0 !== den < 0 && num !== 0;
  const n = Math.abs(num);
  const d = Math.abs(den);
  let q: number;
  if (Number.isSafeInteger(n * scale * 2 + d)) {
    q = Math.floor((n * scale * 2 + d) / (2 * d));
  } else {
    q = Number((BigInt(n) * BigInt(scale) * 2n + BigInt(d)) / (2n * BigInt(d)));
  }
  return (negative ? -q : q) / scale;
}

/** A rate as a fraction to 4 decimals (0.8333 = 83.33%). */
export const rate = (num: number, den: number): number => ratio(num, den, 4);

/** fen → yuan, 2 decimals. */
export const yuan = fenToYuan;

/** Sums of money kept in fen while figures are computed. */
export const add = (a: number, b: number | undefined): number => a + (b ?? 0);

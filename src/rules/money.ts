import type { Cell } from '../grid';
import { type Check, fail, pass } from './check';
import { cellText, toHalfWidth } from './text';

const EXAMPLE_MONEY = '应为数字，如 1,234.50';
const moneyUnreadable = (shown: string): Check<never> =>
  fail('money.invalid', `金额无法识别: ${shown}（${EXAMPLE_MONEY}）`);
const tooManyDecimals = (shown: string): Check<never> =>
  fail('money.decimals', `金额最多两位小数: ${shown}（应精确到分，如 1,234.50）`);

// Binary floats carry noise: 0.29 * 100 is 28.999999999999996, not 29.
const NOISE = 1e-6;

const SPACES = /[\s\u200B-\u200D\u2060]+/g;
const CURRENCY = /^(?:¥|￥|RMB|CNY|人民币)/i;
// Thousands separators must group by three: 12,34 is more likely a decimal comma than 1,234.
const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/;
const MAX_INTEGER_DIGITS = 13; // 10^13 yuan in fen stays below 2^53
const COMMAS = /,/g;
const TRAILING_ZEROS = /0+$/;
const LEADING_ZEROS = /^0+/;
const THOUSANDS = /\B(?=(\d{3})+$)/g;

function moneyFromNumber(x: number): Check<number> {
  // The number is written out only for a message: String() per cell is a cost of its own.
  if (!Number.isFinite(x)) return moneyUnreadable(cellText(x));
  const scaled = Math.abs(x) * 100;
  const fen = Math.round(scaled);
  if (Math.abs(scaled - fen) >= NOISE) return tooManyDecimals(cellText(x));
  if (!Number.isSafeInteger(fen)) return moneyUnreadable(cellText(x));
  return pass(x < 0 && fen !== 0 ? -fen : fen);
}

function moneyFromText(raw: string): Check<number> {
  const shown = raw.trim();
  let s = toHalfWidth(raw).replace(SPACES, '');
  if (s === '') return fail('money.empty', `金额未填写（${EXAMPLE_MONEY}）`);
  let negative = false;
  // Accounting style: (1,234.00) is a negative amount.
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
  }
  let signs = negative ? 1 : 0;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = negative !== (s[0] === '-');
    signs++;
    s = s.slice(1);
  }
  s = s.replace(CURRENCY, '');
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = negative !== (s[0] === '-');
    signs++;
    s = s.slice(1);
  }
  if (s.endsWith('元')) s = s.slice(0, -1);
  const m = signs <= 1 ? AMOUNT.exec(s) : null;
  if (!m || (m[1] === undefined && !m[2])) return moneyUnreadable(shown);
  const whole = m[1] === undefined ? '0' : m[1].replace(COMMAS, '');
  const decimals = (m[2] ?? '').replace(TRAILING_ZEROS, '');
  if (decimals.length > 2) return tooManyDecimals(shown);
  if (whole.replace(LEADING_ZEROS, '').length > MAX_INTEGER_DIGITS) return moneyUnreadable(shown);
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  return pass(negative && fen !== 0 ? -fen : fen);
}

/**
 * A money cell → signed integer fen. Numbers must have at most 2 decimals; texts may carry
 * ¥/￥/RMB, thousands separators, 元, full-width digits, a leading minus or accounting brackets.
 */
export function parseMoney(cell: Cell): Check<number> {
  if (cell === null || cell === undefined) return fail('money.empty', `金额未填写（${EXAMPLE_MONEY}）`);
  if (typeof cell === 'number') return moneyFromNumber(cell);
  if (typeof cell === 'string') return moneyFromText(cell);
  return moneyUnreadable(cellText(cell));
}

// ---- rates -------------------------------------------------------------------------------

const EXAMPLE_RATE = '应为小数或百分数，如 0.15 或 15%';
const RATE = /^([-+]?)(\d+(?:\.\d*)?|\.\d+)(%?)$/;
const MILLION = 1_000_000;

const rateRange = (shown: string): Check<never> =>
  fail('rate.range', `费率超出范围: ${shown}（费率应在 0 到 1 之间，或写成 15%）`);

/** Millionths of a decimal text scaled by 10^shift, rounded half up; exact (no float parsing). */
function millionthsOf(digits: string, shift: number): number {
  const [intPart, fracPart = ''] = digits.split('.');
  const places = 6 - shift;
  const kept = fracPart.padEnd(places, '0');
  const units = Number((intPart || '0') + kept.slice(0, places));
  return kept.charCodeAt(places) >= 53 /* '5' */ ? units + 1 : units;
}

/** A rate cell → a fraction 0..1 with at most 6 decimals: 0.15, '0.15', '15%', '１５％'. */
export function parseRate(cell: Cell): Check<number> {
  if (cell === null || cell === undefined) return fail('rate.empty', `费率未填写（${EXAMPLE_RATE}）`);
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return fail('rate.invalid', `费率无法识别: ${cellText(cell)}（${EXAMPLE_RATE}）`);
    if (cell < 0 || cell > 1) return rateRange(cellText(cell));
    return pass(Math.round(cell * MILLION) / MILLION + 0); // + 0 turns -0 into 0
  }
  if (typeof cell !== 'string') return fail('rate.invalid', `费率无法识别: ${cellText(cell)}（${EXAMPLE_RATE}）`);
  const shown = cell.trim();
  const s = toHalfWidth(cell).replace(SPACES, '');
  if (s === '') return fail('rate.empty', `费率未填写（${EXAMPLE_RATE}）`);
  const m = RATE.exec(s);
  if (!m || m[2].length > 20) return fail('rate.invalid', `费率无法识别: ${shown}（${EXAMPLE_RATE}）`);
  const millionths = millionthsOf(m[2], m[3] === '%' ? 2 : 0);
  if ((m[1] === '-' && millionths !== 0) || millionths > MILLION) return rateRange(shown);
  return pass(millionths / MILLION);
}

// ---- arithmetic --------------------------------------------------------------------------

/**
 * fen × rate rounded half away from zero to the fen (Excel's ROUND), exactly: the rate is
 * taken in millionths and the product computed in integers (BigInt beyond 2^53).
 */
export function mulRateFen(fen: number, rate: number): number {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a whole number of fen: ${fen}`);
  const millionths = Math.round(rate * MILLION);
  if (!Number.isSafeInteger(millionths)) throw new RangeError(`not a rate: ${rate}`);
  const negative = fen < 0 !== millionths < 0;
  const product = Math.abs(fen) * Math.abs(millionths);
  let rounded: number;
  if (Number.isSafeInteger(product)) {
    const q = Math.floor(product / MILLION);
    rounded = (product - q * MILLION) * 2 >= MILLION ? q + 1 : q;
  } else {
    const big = BigInt(Math.abs(fen)) * BigInt(Math.abs(millionths));
    const M = BigInt(MILLION);
    const q = big / M;
    rounded = Number((big % M) * BigInt(2) >= M ? q + BigInt(1) : q);
  }
  return negative && rounded !== 0 ? -rounded : rounded;
}

/** fen → yuan as a JS number (≤ 2 decimals, the nearest double). */
export const fenToYuan = (fen: number): number => fen / 100;

/** yuan → fen, half away from zero, tolerating binary noise (1.005 → 101, not 100). */
export function yuanToFen(yuan: number): number {
  const fen = Math.floor(Math.abs(yuan) * 100 + 0.5 + NOISE);
  return yuan < 0 && fen !== 0 ? -fen : fen;
}

/** fen → '1,234.50' / '-12.00'. */
export function formatYuan(fen: number): string {
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100);
  const cents = abs - whole * 100;
  const grouped = String(whole).replace(THOUSANDS, ',');
  return `${fen < 0 ? '-' : ''}${grouped}.${cents < 10 ? '0' : ''}${cents}`;
}

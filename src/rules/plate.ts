import { type Check, fail, pass } from './check';
import { normalizeCode } from './text';

export type PlateKind = 'ordinary' | 'newEnergySmall' | 'newEnergyLarge' | 'trailer' | 'other';

// GA 36-2018. I and O are never used (they read as 1 and 0).
const PROVINCE = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新';
const AUTHORITY = 'A-HJ-NP-Z';
const ALNUM = 'A-HJ-NP-Z0-9';
const NEW_ENERGY = 'DFABCEGHJK';
const HEAD = `[${PROVINCE}][${AUTHORITY}]`;

const ORDINARY = new RegExp(`^${HEAD}[${ALNUM}]{5}$`);
// 挂 trailer, 学 driving school, 警 police, 港/澳 cross-border, 领 consulate.
const SUFFIXED = new RegExp(`^${HEAD}[${ALNUM}]{4}([挂学警港澳领])$`);
const NEW_ENERGY_SMALL = new RegExp(`^${HEAD}[${NEW_ENERGY}][${ALNUM}]{5}$`);
const NEW_ENERGY_LARGE = new RegExp(`^${HEAD}\\d{5}[${NEW_ENERGY}]$`);
const EMBASSY = /^使\d{6}$/;

const DOTS = /[·•・]/g;
const NO_PLATE = new Set(['', '新车', '未上牌', '新车未上牌', '暂未上牌']);
const ASTERISKS = /^\*+$/;

/** Upper-cased, half-width, without spaces and the separator after the issuing-authority letter. */
function normalizePlate(raw: string): string {
  const s = normalizeCode(raw).replace(DOTS, '');
  const sep = s.charCodeAt(2);
  return sep === 45 /* - */ || sep === 46 /* . */ ? s.slice(0, 2) + s.slice(3) : s;
}

function kindOf(p: string): PlateKind | null {
  if (p.length === 7) {
    if (ORDINARY.test(p)) return 'ordinary';
    const m = SUFFIXED.exec(p);
    if (m) return m[1] === '挂' ? 'trailer' : 'other';
    return EMBASSY.test(p) ? 'other' : null;
  }
  if (p.length === 8) {
    if (NEW_ENERGY_SMALL.test(p)) return 'newEnergySmall';
    if (NEW_ENERGY_LARGE.test(p)) return 'newEnergyLarge';
  }
  return null;
}

/** '新车', '未上牌', '*' and empty: the car has no plate yet (allowed only with a VIN). */
export function isNoPlate(raw: string): boolean {
  const s = normalizeCode(raw);
  return NO_PLATE.has(s) || ASTERISKS.test(s);
}

/**
 * A plate → its normalised form ('京A12345'). A car without a plate yet fails with
 * 'plate.none' (the ledger decides whether a VIN makes that acceptable).
 */
export function checkPlate(raw: string): Check<string> {
  if (isNoPlate(raw)) return fail('plate.none', `尚未上牌: ${raw.trim() || '（空）'}（没有车牌号时须填写车架号）`);
  const p = normalizePlate(raw);
  return kindOf(p) !== null
    ? pass(p)
    : fail('plate.invalid', `车牌号格式不正确: ${raw.trim()}（应为省份简称+字母+5位字母或数字，新能源车牌为8位）`);
}

/** What sort of plate it is, or null when it is not a valid plate. */
export function plateKind(raw: string): PlateKind | null {
  return kindOf(normalizePlate(raw));
}

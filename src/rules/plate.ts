import { type Check, fail, pass } from './check';
import { normalizeCode } from './text';

export type PlateKind = 'ordinary' | 'newEnergySmall' | 'newEnergyLarge' | 'trailer' | 'other';

// GA 36-2018. I and O are never used (they read as 1 and 0).
const PROVINCE = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新';
const AUTHORITY = 'A-HJ-NP-Z';
const ALNUM = 'A-HJ-NP-Z0-9';
const NEW_ENERGY = 'DFABCEGHJK';
const HEAD = `[${PROVINCE}][${AUTHORITY}]`;

// 挂 trailer, 学 driving school, 警 police, 港/澳 cross-border, 领 consulate.
const SUFFIXED = new RegExp(`^${HEAD}[${ALNUM}]{4}([挂学警港澳领])$`);
const NEW_ENERGY_SMALL = new RegExp(`^${HEAD}[${NEW_ENERGY}][${ALNUM}]{5}$`);
const NEW_ENERGY_LARGE = new RegExp(`^${HEAD}\\d{5}[${NEW_ENERGY}]$`);
const EMBASSY = /^使\d{6}$/;

const DOTS = /[·•・]/g;
const HAS_DOT = /[·•・]/;
const NO_PLATE = new Set(['', '新车', '未上牌', '新车未上牌', '暂未上牌']);
const ASTERISKS = /^\*+$/;

/** A normalised code without the dots and the separator after the issuing-authority letter. */
function withoutSeparators(code: string): string {
  const s = HAS_DOT.test(code) ? code.replace(DOTS, '') : code;
  const sep = s.charCodeAt(2);
  return sep === 45 /* - */ || sep === 46 /* . */ ? s.slice(0, 2) + s.slice(3) : s;
}

const PROVINCE_CODES = new Set([...PROVINCE].map((ch) => ch.charCodeAt(0)));
/** A letter of the issuing authority: A–Z but I and O. */
const isAuthority = (c: number): boolean => c >= 65 && c <= 90 && c !== 73 && c !== 79;

/** 京A12345, the plate of nearly every car: checked by character, as ORDINARY would. */
function isOrdinary(p: string): boolean {
  if (!PROVINCE_CODES.has(p.charCodeAt(0)) || !isAuthority(p.charCodeAt(1))) return false;
  for (let i = 2; i < 7; i++) {
    const c = p.charCodeAt(i);
    if (!isAuthority(c) && (c < 48 || c > 57)) return false;
  }
  return true;
}

function kindOf(p: string): PlateKind | null {
  if (p.length === 7) {
    if (isOrdinary(p)) return 'ordinary';
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

const noPlate = (code: string): boolean => NO_PLATE.has(code) || (code.charCodeAt(0) === 42 && ASTERISKS.test(code));

/** '新车', '未上牌', '*' and empty: the car has no plate yet (allowed only with a VIN). */
export const isNoPlate = (raw: string): boolean => noPlate(normalizeCode(raw));

/**
 * A plate → its normalised form ('京A12345'). A car without a plate yet fails with
 * 'plate.none' (the ledger decides whether a VIN makes that acceptable).
 */
export function checkPlate(raw: string): Check<string> {
  const code = normalizeCode(raw);
  if (noPlate(code)) return fail('plate.none', `尚未上牌: ${raw.trim() || '（空）'}（没有车牌号时须填写车架号）`);
  const p = withoutSeparators(code);
  return kindOf(p) !== null
    ? pass(p)
    : fail('plate.invalid', `车牌号格式不正确: ${raw.trim()}（应为省份简称+字母+5位字母或数字，新能源车牌为8位）`);
}

/** What sort of plate it is, or null when it is not a valid plate. */
export function plateKind(raw: string): PlateKind | null {
  return kindOf(withoutSeparators(normalizeCode(raw)));
}

import { type Check, fail, pass, warn } from './check';
import { normalizeCode } from './text';

// ISO 3779 / GB 16735. I, O and Q are left out because they read as 1, 0 and 0.
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;
const BAD_CHAR = /[^A-HJ-NPR-Z0-9]/;
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

// Transliteration by char code: digits are themselves, letters per the standard.
const VALUE = new Int8Array(91).fill(-1);
for (let d = 0; d <= 9; d++) VALUE[48 + d] = d;
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const LETTER_VALUES = [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9];
for (let i = 0; i < LETTERS.length; i++) VALUE[LETTERS.charCodeAt(i)] = LETTER_VALUES[i];

function checkChar(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += VALUE[vin.charCodeAt(i)] * WEIGHTS[i];
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** The check character (position 9) a 17-character VIN should have; '' when it is not one. */
export function vinCheckDigit(vin: string): string {
  const v = normalizeCode(vin);
  return VIN.test(v) ? checkChar(v) : '';
}

const EXPECTED = '应为17位字母或数字，不含 I、O、Q';

/**
 * A VIN → upper case. Wrong length or characters is an error; a wrong check digit only a
 * warning, because imported cars need not carry one.
 */
export function checkVin(raw: string): Check<string> {
  const v = normalizeCode(raw);
  if (v.length !== 17)
    return fail('vin.invalid', `车架号格式不正确: ${raw.trim() || '（空）'}（${EXPECTED}，现为${v.length}位）`);
  const bad = BAD_CHAR.exec(v);
  if (bad) return fail('vin.invalid', `车架号格式不正确: ${raw.trim()}（${EXPECTED}，含“${bad[0]}”）`);
  const expected = checkChar(v);
  return v[8] === expected
    ? pass(v)
    : warn(
        v,
        'vin.checkDigit',
        `车架号校验位不符: ${v}（第9位按 ISO 3779 应为 ${expected}，实为 ${v[8]}；进口车可忽略，否则请核对是否抄错）`,
      );
}

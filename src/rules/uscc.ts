import { type Check, fail, pass } from './check';
import { normalizeCode } from './text';

// GB 32100-2015: the 31 characters in use (no I, O, S, V, Z), each worth its index.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const VALUE = new Int8Array(91);
for (let i = 0; i < CHARSET.length; i++) VALUE[CHARSET.charCodeAt(i)] = i;

const BAD_CHAR = /[^0-9A-HJ-NP-RTUW-Y]/;
const REGION = /^\d{6}$/;

/** A 统一社会信用代码 → upper case, with its GB 32100 check character verified. */
export function checkUscc(raw: string): Check<string> {
  const code = normalizeCode(raw);
  const shown = raw.trim();
  if (code.length !== 18) {
    return fail('uscc.length', `统一社会信用代码格式不正确: ${shown || '（空）'}（应为18位，现为${code.length}位）`);
  }
  const bad = BAD_CHAR.exec(code);
  if (bad) {
    return fail(
      'uscc.charset',
      `统一社会信用代码含不允许的字符“${bad[0]}”: ${shown}（应为数字和大写字母，不含 I、O、S、V、Z）`,
    );
  }
  if (!REGION.test(code.slice(2, 8))) {
    return fail('uscc.charset', `统一社会信用代码第3–8位应为数字（行政区划码）: ${shown}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += VALUE[code.charCodeAt(i)] * WEIGHTS[i];
  const expected = CHARSET[(31 - (sum % 31)) % 31];
  if (code[17] !== expected) {
    return fail(
      'uscc.checksum',
      `统一社会信用代码校验位不符: ${code}（按 GB 32100 末位应为 ${expected}，请核对是否抄错）`,
    );
  }
  return pass(code);
}

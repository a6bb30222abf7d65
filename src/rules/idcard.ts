import { type Check, fail, pass } from './check';
import { todayIso, validYmd } from './date';
import { normalizeCode } from './text';

// GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence (odd = male), check char.
const OLD_15 = /^\d{15}$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432'; // ISO 7064 MOD 11-2, indexed by sum mod 11

// 81/82 are also the codes of the 港澳居民居住证, 83 of the 台湾居民居住证.
const PROVINCES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
  '83': '台湾省',
};

/** The province codes as a lookup by number (11 … 83): read for every ID of a ledger. */
const PROVINCE_CODES = new Uint8Array(100);
for (const code of Object.keys(PROVINCES)) PROVINCE_CODES[Number(code)] = 1;

/** 17 digits and a digit or X — a resident ID's shape — by character: it runs for every ID of a ledger. */
export function hasShape(id: string): boolean {
  if (id.length !== 18) return false;
  for (let i = 0; i < 17; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const last = id.charCodeAt(17);
  return (last >= 48 && last <= 57) || last === 88;
}

function checkChar(id: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** 2026-12-06 → 20261206, remembered for the one `today` a run passes for every ID. */
let lastIso = '';
let lastNumber = 0;
function ymdNumber(iso: string): number {
  if (iso !== lastIso) {
    lastIso = iso;
    lastNumber = Number(iso.replace(/-/g, ''));
  }
  return lastNumber;
}

const birthIso = (id: string): string => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;

/**
 * An 18-character resident ID → upper case (x → X). `today` (ISO, default the machine's
 * date) bounds the birth date.
 */
export function checkIdCard(raw: string, today: string = todayIso()): Check<string> {
  const id = normalizeCode(raw);
  if (!hasShape(id)) {
    const hint = OLD_15.test(id) ? '；15位旧号码请换用18位新号码' : '';
    return fail(
      'idcard.length',
      `身份证号格式不正确: ${raw.trim() || '（空）'}（应为18位：17位数字加1位数字或X${hint}）`,
    );
  }
  // yyyymmdd compared as numbers: a 100k-row ledger checks as many birth dates.
  let birth = 0;
  for (let i = 6; i < 14; i++) birth = birth * 10 + id.charCodeAt(i) - 48;
  const y = Math.floor(birth / 10000);
  const m = Math.floor(birth / 100) % 100;
  if (!validYmd(y, m, birth % 100) || birth < 19000101 || birth > ymdNumber(today)) {
    return fail(
      'idcard.birthDate',
      `身份证号中的出生日期不正确: ${id.slice(6, 14)}（第7–14位应为真实的出生日期 yyyymmdd）`,
    );
  }
  if (!PROVINCE_CODES[(id.charCodeAt(0) - 48) * 10 + id.charCodeAt(1) - 48]) {
    return fail(
      'idcard.region',
      `身份证号的地区码不正确: ${id.slice(0, 6)}（前两位应为省级行政区代码，如 11 北京、44 广东）`,
    );
  }
  const expected = checkChar(id);
  if (id[17] !== expected) {
    return fail('idcard.checksum', `身份证号校验位不符: ${id}（按 GB 11643 末位应为 ${expected}，请核对是否抄错）`);
  }
  return pass(id);
}

export interface IdCardInfo {
  birthDate: string;
  sex: '男' | '女';
  regionCode: string;
  province: string;
}

/** Birth date, sex and region of a valid resident ID; null when it is not valid. */
export function idCardInfo(raw: string, today?: string): IdCardInfo | null {
  const r = checkIdCard(raw, today);
  if (!r.ok) return null;
  const id = r.value;
  return {
    birthDate: birthIso(id),
    sex: (id.charCodeAt(16) - 48) % 2 === 1 ? '男' : '女',
    regionCode: id.slice(0, 6),
    province: PROVINCES[id.slice(0, 2)],
  };
}

/**
 * Custom functions, namespace INS (manifest.xml). Thin wrappers over the engine in src/:
 * they turn Excel arguments into engine input and engine answers into cell values. Bad
 * input is #VALUE! with a Chinese reason (shown when the cell's error is inspected), never a
 * guess. custom-functions-metadata-plugin builds functions.json from the JSDoc below and
 * appends the CustomFunctions.associate calls to the bundle; top-level `function`
 * declarations are required for that.
 *
 * Dates: Excel passes date cells as serial numbers of the 1900 date system (text dates such
 * as 2026-10-05 work too). "Today" is this computer's date.
 *
 * Blanks: a formula filled down a ledger meets empty rows, and desktop Excel passes an empty
 * cell as 0 (office-js #4702, #5262). Where a date, a code or a text is expected, 0 is read as
 * empty, and a function whose main argument is empty returns an empty result, not #VALUE!.
 */
import type { Cell } from '../src/grid';
import { isBlank } from '../src/grid';
import {
  cellText,
  checkIdCard,
  checkPhone,
  checkPlate,
  checkUscc,
  checkVin,
  daysBetween,
  fenToYuan,
  idCardInfo,
  mulRateFen,
  parseDate,
  parseMoney,
  parseRate,
  todayIso,
} from '../src/rules';
import type { Check } from '../src/rules';
import { CONTACT_RESULTS, renewalStatus } from '../src/ledgers/renewal';
import { CLAIM_STATUSES, isClaimOverdue } from '../src/ledgers/claims';
import { mask as maskText } from './mask';
import type { MaskKind } from './mask';
import { weightedScore } from './score';

// Without Office.js (its CDN blocked) the runtime's CustomFunctions is missing: the bundle's
// registrations (appended by the metadata plugin) must not throw — the page says what failed.
if (typeof (globalThis as { CustomFunctions?: unknown }).CustomFunctions === 'undefined') {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { associate: () => undefined };
}

function invalid(message: string): never {
  throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message);
}

/** An argument as a grid cell: what Excel passes for a cell or a literal. */
function cellOf(v: unknown): Cell {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    return v;
  if (Array.isArray(v)) return invalid('参数应为单个单元格或值（不能是区域）');
  // A linked data type (股票、地理 …) arrives as an object.
  return invalid('单元格中是数据类型（如股票、地理），请改为普通的文字、数字或日期');
}

/** Empty — and 0 where a date, a code or a text is expected: desktop Excel's empty cell. */
const given = (v: unknown): boolean => v !== 0 && !isBlank(cellOf(v));

/** An empty result: what a function filled down over an empty row shows. */
const EMPTY = '';

function dateArg(v: unknown, what: string): string {
  if (!given(v)) invalid(`${what}未填写（应为日期，如 2026-10-05）`);
  const d = parseDate(cellOf(v));
  return d.ok ? d.value : invalid(`${what}: ${d.message}`);
}

const asOfArg = (v: unknown): string => (given(v) ? dateArg(v, '基准日') : todayIso());

function flagArg(v: unknown, what: string): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (v === 0 || v === 1) return v === 1;
  return invalid(`${what}应为 TRUE 或 FALSE`);
}

function scoreArg(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100) {
    invalid(`${what}应为 0～100 的分数，现为: ${cellText(cellOf(v)) || '（空）'}`);
  }
  return v;
}

/** TRUE/FALSE, or with `reason` the message ('' when valid without remark). */
function verdict(check: Check<string>, reason: boolean): boolean | string {
  if (!reason) return check.ok;
  return check.message ?? '';
}

/** A code or text argument; '' when empty (or 0). */
const codeText = (v: unknown): string => (given(v) ? cellText(cellOf(v)) : '');

/**
 * 校验电话号码（11位手机号或带区号的固话）。Checks a phone number (mainland mobile or landline with area code).
 * @customfunction PHONE
 * @param value 电话号码 Phone number
 * @param [reason] TRUE 时返回原因（有效为空）TRUE to return the reason instead ('' when valid)
 * @returns TRUE/FALSE，或原因 TRUE/FALSE, or the reason
 */
export function phone(value: unknown, reason?: boolean): boolean | string {
  return verdict(checkPhone(codeText(value)), flagArg(reason, '第二个参数'));
}

/**
 * 校验车牌号（GA 36，含新能源车牌）。Checks a Chinese licence plate (GA 36, new-energy plates included).
 * @customfunction PLATE
 * @param value 车牌号 Plate number
 * @param [reason] TRUE 时返回原因（有效为空）TRUE to return the reason instead ('' when valid)
 * @returns TRUE/FALSE，或原因 TRUE/FALSE, or the reason
 */
export function plate(value: unknown, reason?: boolean): boolean | string {
  return verdict(checkPlate(codeText(value)), flagArg(reason, '第二个参数'));
}

/**
 * 校验车架号 VIN（17位，第9位校验位不符时为提示，仍为 TRUE）。Checks a VIN (17 characters; a wrong check digit is only a warning and still TRUE).
 * @customfunction VIN
 * @param value 车架号 VIN
 * @param [reason] TRUE 时返回原因或提示（有效为空）TRUE to return the reason or warning instead ('' when valid)
 * @returns TRUE/FALSE，或原因 TRUE/FALSE, or the reason
 */
export function vin(value: unknown, reason?: boolean): boolean | string {
  return verdict(checkVin(codeText(value)), flagArg(reason, '第二个参数'));
}

/**
 * 校验18位居民身份证号（GB 11643 校验位、出生日期、地区码）。Checks an 18-character resident ID (GB 11643 check character, birth date, region).
 * @customfunction IDCARD
 * @param value 身份证号 Resident ID number
 * @param [reason] TRUE 时返回原因（有效为空）TRUE to return the reason instead ('' when valid)
 * @returns TRUE/FALSE，或原因 TRUE/FALSE, or the reason
 */
export function idcard(value: unknown, reason?: boolean): boolean | string {
  return verdict(checkIdCard(codeText(value)), flagArg(reason, '第二个参数'));
}

/**
 * 校验统一社会信用代码（GB 32100 校验位）。Checks a unified social credit code (GB 32100 check character).
 * @customfunction USCC
 * @param value 统一社会信用代码 Unified social credit code
 * @param [reason] TRUE 时返回原因（有效为空）TRUE to return the reason instead ('' when valid)
 * @returns TRUE/FALSE，或原因 TRUE/FALSE, or the reason
 */
export function uscc(value: unknown, reason?: boolean): boolean | string {
  return verdict(checkUscc(codeText(value)), flagArg(reason, '第二个参数'));
}

const ID_FIELDS: Record<string, 'birthDate' | 'sex' | 'province' | 'regionCode'> = {
  出生日期: 'birthDate',
  生日: 'birthDate',
  birth: 'birthDate',
  birthdate: 'birthDate',
  性别: 'sex',
  sex: 'sex',
  地区: 'province',
  省份: 'province',
  region: 'province',
  province: 'province',
  地区码: 'regionCode',
  code: 'regionCode',
  regioncode: 'regionCode',
};

/**
 * 从身份证号读出出生日期、性别、地区（省份）；给出第二个参数只返回那一项。Birth date, sex and region (province) of a resident ID; with `field`, only that item.
 * @customfunction IDINFO
 * @param value 身份证号 Resident ID number
 * @param [field] 出生日期 / 性别 / 地区 / 地区码（birth / sex / region / code）
 * @returns 一行：出生日期、性别、地区 One row: birth date, sex, region
 */
export function idinfo(value: unknown, field?: string): string[][] {
  const raw = codeText(value);
  const info = idCardInfo(raw);
  if (!info) {
    const r = checkIdCard(raw);
    return invalid(r.ok ? `身份证号无法解析: ${raw}` : r.message);
  }
  if (field === null || field === undefined || field === '') return [[info.birthDate, info.sex, info.province]];
  const key = ID_FIELDS[String(field).trim().toLowerCase()];
  if (!key) return invalid(`第二个参数应为 出生日期、性别、地区 或 地区码，现为: ${String(field)}`);
  return [[info[key]]];
}

const MASK_KINDS: Record<string, MaskKind> = {
  电话: 'phone',
  手机: 'phone',
  手机号: 'phone',
  phone: 'phone',
  mobile: 'phone',
  身份证: 'id',
  身份证号: 'id',
  id: 'id',
  idcard: 'id',
  姓名: 'name',
  名字: 'name',
  name: 'name',
};

/**
 * 脱敏（个人信息保护法）：手机号 138****5678、身份证 110105********002X、姓名 张*明。Masks personal data for sharing: phone, resident ID or name.
 * @customfunction MASK
 * @param value 要脱敏的内容 Text to mask
 * @param [kind] 电话 / 身份证 / 姓名（省略时自动判断）phone / id / name (detected when omitted)
 * @returns 脱敏后的文本 The masked text
 */
export function mask(value: unknown, kind?: string): string {
  const raw = codeText(value).trim();
  if (raw === '') return '';
  let k: MaskKind | undefined;
  if (kind !== null && kind !== undefined && kind !== '') {
    k = MASK_KINDS[String(kind).trim().toLowerCase()];
    if (!k) return invalid(`第二个参数应为 电话、身份证 或 姓名，现为: ${String(kind)}`);
  }
  const masked = maskText(raw, k);
  if (masked !== null) return masked;
  const expected = { phone: '有效的电话号码', id: '15或18位身份证号', name: '姓名（汉字或字母）' };
  return invalid(
    k
      ? `无法按${kind}脱敏: ${raw}（应为${expected[k]}）`
      : `无法判断类型: ${raw}（请在第二个参数写明 电话、身份证 或 姓名）`,
  );
}

/**
 * 距某日期的天数（日期 − 基准日；已过为负数）。Days from the as-of date to a date (negative once passed).
 * @customfunction DAYSTO
 * @param date 日期，如终保日期 The date, e.g. the expiry date
 * @param [asOf] 基准日，省略为今天（要每天更新请写 TODAY()）As-of date, today when omitted (pass TODAY() to update daily)
 * @returns 天数；日期为空时为空 Days; empty when the date is empty
 */
export function daysTo(date: unknown, asOf?: unknown): number | string {
  if (!given(date)) return EMPTY;
  return daysBetween(asOfArg(asOf), dateArg(date, '日期'));
}

/**
 * 续保状态：已续保 / 战败 / 脱保 / 已过期 / 待续保（脱保 = 过期满3天）。Renewal status of a policy on the as-of date.
 * @customfunction RENEWALSTATUS
 * @param expiryDate 终保日期 Expiry date
 * @param [contactResult] 联系结果 Contact result (成功续保, 明确拒绝, …)
 * @param [renewedPolicyNo] 续保保单号 Renewed policy number
 * @param [renewedDate] 续保日期 Renewal date
 * @param [asOf] 基准日，省略为今天（要每天更新请写 TODAY()）As-of date, today when omitted
 * @returns 续保状态；终保日期为空时为空 Renewal status; empty when the expiry date is empty
 */
export function renewalStatusOf(
  expiryDate: unknown,
  contactResult?: unknown,
  renewedPolicyNo?: unknown,
  renewedDate?: unknown,
  asOf?: unknown,
): string {
  if (!given(expiryDate)) return EMPTY;
  const expiry = dateArg(expiryDate, '终保日期');
  let result: string | undefined;
  if (given(contactResult)) {
    result = cellText(cellOf(contactResult)).trim();
    if (!(CONTACT_RESULTS as readonly string[]).includes(result)) {
      invalid(`联系结果不是标准选项: ${result}（应为 ${CONTACT_RESULTS.join('、')} 之一）`);
    }
  }
  return renewalStatus(
    {
      expiryDate: expiry,
      contactResult: result,
      renewedPolicyNo: given(renewedPolicyNo) ? cellText(cellOf(renewedPolicyNo)).trim() : undefined,
      renewedDate: given(renewedDate) ? dateArg(renewedDate, '续保日期') : undefined,
    },
    asOfArg(asOf),
  );
}

/**
 * 理赔是否逾期：已递交、未退案/结案、基准日前未回款，且递交已超过逾期天数。Whether a claim is overdue for payment.
 * @customfunction CLAIMOVERDUE
 * @param status 状态（已接车、已定损、维修中、已递交、已回款、退案、结案）Claim status
 * @param [submittedDate] 递交日期 Submission date
 * @param [paidDate] 回款日期 Payment date
 * @param [asOf] 基准日，省略为今天 As-of date, today when omitted
 * @param [overdueDays] 逾期天数，默认30 Days after which a claim is overdue (30)
 * @returns TRUE/FALSE
 */
export function claimOverdue(
  status: unknown,
  submittedDate?: unknown,
  paidDate?: unknown,
  asOf?: unknown,
  overdueDays?: unknown,
): boolean | string {
  if (!given(status)) return EMPTY;
  const s = cellText(cellOf(status)).trim();
  if (!(CLAIM_STATUSES as readonly string[]).includes(s))
    invalid(`状态不是标准选项: ${s || '（空）'}（应为 ${CLAIM_STATUSES.join('、')} 之一）`);
  let days = 30;
  if (given(overdueDays)) {
    if (typeof overdueDays !== 'number' || !Number.isInteger(overdueDays) || overdueDays < 0)
      invalid(`逾期天数应为不小于0的整数，现为: ${codeText(overdueDays)}`);
    days = overdueDays as number;
  }
  return isClaimOverdue(
    {
      status: s,
      submittedDate: given(submittedDate) ? dateArg(submittedDate, '递交日期') : undefined,
      paidDate: given(paidDate) ? dateArg(paidDate, '回款日期') : undefined,
    },
    asOfArg(asOf),
    days,
  );
}

/**
 * 代理费 = 保费 × 代理费率，四舍五入到分。Commission = premium × rate, rounded half up to the fen.
 * @customfunction COMMISSION
 * @param premium 保费（元）Premium in yuan
 * @param rate 代理费率（0.15 或 15%）Commission rate (0.15 or 15%)
 * @returns 代理费（元）Commission in yuan
 */
export function commission(premium: unknown, rate: unknown): number | string {
  if (isBlank(cellOf(premium))) return EMPTY;
  const p = parseMoney(cellOf(premium));
  if (!p.ok) invalid(`保费: ${p.message}`);
  const r = parseRate(cellOf(rate));
  if (!r.ok) invalid(`代理费率: ${r.message}`);
  return fenToYuan(mulRateFen(p.value, r.value));
}

/**
 * 绩效得分 = 业绩×50% + 工作能力×30% + 工作态度×20%（各项0～100分）。Performance score: results 50%, ability 30%, attitude 20% (each 0–100).
 * @customfunction SCORE
 * @param performance 业绩得分 Results score
 * @param ability 工作能力得分 Ability score
 * @param attitude 工作态度得分 Attitude score
 * @returns 综合得分（两位小数）；有一项为空或 0（未评分）时为空 Weighted score (2 decimals); empty until all three parts are graded
 */
export function score(performance: unknown, ability: unknown, attitude: unknown): number | string {
  // A part not graded yet is no 0 (desktop Excel passes an empty cell as 0): no score until all three are in.
  if ([performance, ability, attitude].some((v) => !given(v))) return EMPTY;
  return weightedScore(
    scoreArg(performance, '业绩得分'),
    scoreArg(ability, '工作能力得分'),
    scoreArg(attitude, '工作态度得分'),
  );
}

const CHECKERS: Record<string, (raw: string) => Check<string>> = {
  电话: checkPhone,
  手机: checkPhone,
  phone: checkPhone,
  车牌: checkPlate,
  车牌号: checkPlate,
  plate: checkPlate,
  车架号: checkVin,
  vin: checkVin,
  身份证: checkIdCard,
  身份证号: checkIdCard,
  id: checkIdCard,
  idcard: checkIdCard,
  信用代码: checkUscc,
  统一社会信用代码: checkUscc,
  uscc: checkUscc,
};

/**
 * 成片校验：对区域中每个非空单元格给出原因，有效为空。Checks a whole range: the reason for each non-empty cell, '' when valid.
 * @customfunction CHECK
 * @param values 要校验的区域 The range to check
 * @param kind 电话 / 车牌 / 车架号 / 身份证 / 信用代码（phone / plate / vin / id / uscc）
 * @returns 与区域同形的原因 Reasons, same shape as the range
 */
export function check(values: unknown[][], kind: string): string[][] {
  const checker =
    CHECKERS[
      String(kind ?? '')
        .trim()
        .toLowerCase()
    ];
  if (!checker) return invalid(`第二个参数应为 电话、车牌、车架号、身份证 或 信用代码，现为: ${String(kind ?? '')}`);
  return values.map((row) =>
    row.map((v) => {
      const c = cellOf(v);
      return !given(c) ? '' : (checker(cellText(c)).message ?? '');
    }),
  );
}

/**
 * People and companies as they appear in a 冀东 (Tangshan) agency's ledgers: Chinese names,
 * mobile and landline numbers, resident IDs and credit codes whose check characters are right
 * (GB 11643 and GB 32100), so only the mistakes the demo plants on purpose are found.
 */
import type { Rng } from './random';

// Weighted roughly by how common the surnames are in northern China.
const SURNAMES = [
  ...'王王王李李李张张张刘刘刘陈陈杨杨赵赵黄周吴徐孙孙马马朱胡郭何高高林罗郑梁谢宋唐韩曹许邓冯于于董董',
  ...'萧程袁蔡潘田田杜魏魏蒋范范苏吕丁任沈姚卢姜崔钟谭陆汪石付贾邹孟孟秦白白郝郝邵史侯顾段雷孔康',
];
const GIVEN_ONE = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚鹏辉华飞鑫波宁颖琳斌浩凯峰健亮红梅雪倩'];
const GIVEN_TWO = [
  '秀英',
  '桂英',
  '建华',
  '志强',
  '海燕',
  '晓东',
  '春梅',
  '国庆',
  '立新',
  '红梅',
  '玉兰',
  '文博',
  '子涵',
  '浩然',
  '宇轩',
  '欣怡',
  '思远',
  '雨桐',
  '建国',
  '淑华',
  '凤英',
  '德明',
  '永刚',
  '晓燕',
  '丽娟',
  '海涛',
  '振华',
  '金凤',
  '志刚',
  '建军',
  '玉梅',
  '利民',
  '晓明',
  '佳琪',
  '俊杰',
  '秀兰',
  '明辉',
  '雅静',
  '卫东',
  '丽华',
  '春生',
  '宏伟',
];

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + (rng.chance(0.35) ? rng.pick(GIVEN_ONE) : rng.pick(GIVEN_TWO));
}

/** `n` distinct names (a roster or a desk must not have two people called the same). */
export function distinctNames(rng: Rng, n: number, taken: Iterable<string> = []): string[] {
  const seen = new Set(taken);
  const out: string[] = [];
  while (out.length < n) {
    const name = personName(rng);
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(name);
  }
  return out;
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '199',
];

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

/** An office line: 唐山 and 秦皇岛 numbers have 7 digits, Beijing and Tianjin 8. */
export function landline(rng: Rng): string {
  const [area, len] = rng.pick([
    ['0315', 7],
    ['0315', 7],
    ['0335', 7],
    ['010', 8],
    ['022', 8],
  ] as const);
  return `${area}-${rng.int(2, 8)}${rng.digits(len - 1)}`;
}

// Districts of 唐山, 秦皇岛, Beijing and Tianjin, where the agency's customers live.
const REGION_CODES = [
  '130202',
  '130203',
  '130204',
  '130205',
  '130207',
  '130208',
  '130209',
  '130281',
  '130283',
  '130224',
  '130229',
  '130302',
  '130303',
  '110105',
  '110108',
  '110106',
  '120101',
  '120104',
  '120110',
];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** A resident ID of someone born between 1958 and 2002. */
export function residentId(rng: Rng): string {
  const year = rng.int(1958, 2002);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const first17 = `${rng.pick(REGION_CODES)}${year}${pad2(month)}${pad2(day)}${rng.digits(3)}`;
  return first17 + idCheckChar(first17);
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100 check character of the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** A company's 统一社会信用代码: 9 (工商) 1 (企业), district, organisation code, check. */
export function creditCode(rng: Rng): string {
  const first17 = `91${rng.pick(REGION_CODES)}${rng.chars('0123456789ABCDEFGHJKLMNPQRTUWXY', 8)}${rng.digits(1)}`;
  return first17 + usccCheckChar(first17);
}

const CITIES = ['唐山', '唐山', '唐山', '迁安', '遵化', '丰润', '丰南', '滦州', '秦皇岛', '北京', '天津'];
const TRADE_NAMES = [
  '宏达',
  '鑫源',
  '恒通',
  '金盛',
  '华信',
  '瑞丰',
  '利民',
  '冀东',
  '开元',
  '远航',
  '德顺',
  '联创',
  '众诚',
  '盛世',
];
const INDUSTRIES = ['物流', '运输', '建材', '机械', '商贸', '钢铁贸易', '汽车服务', '工程', '矿业', '食品'];

export function companyName(rng: Rng, cities: readonly string[] = CITIES): string {
  return `${rng.pick(cities)}${rng.pick(TRADE_NAMES)}${rng.pick(INDUSTRIES)}有限公司`;
}

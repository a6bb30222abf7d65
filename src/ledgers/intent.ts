/**
 * 投保意向表 — the insurance intent form a renewal specialist fills for a customer who agreed
 * to renew, and the issuing desk (出单岗, seed 004 node 四) checks field by field before it
 * prints the policy: insured, plate, make/model, use, last year's policy number, applicant and
 * phones, the full mailing address and the start date. One row per intent.
 *
 * The mailing address is four columns (省份 / 城市 / 区县 / 详细地址), not one text: "地址一定写全"
 * then is a plain check of which part is missing, with no guessing where a free text splits,
 * and the province is a drop-down.
 */
import { z } from 'zod';
import { col, defineTable, type RowIssue } from './schema';
import type { LedgerDef } from './registry';

export const PROVINCES = [
  '北京市',
  '天津市',
  '河北省',
  '山西省',
  '内蒙古自治区',
  '辽宁省',
  '吉林省',
  '黑龙江省',
  '上海市',
  '江苏省',
  '浙江省',
  '安徽省',
  '福建省',
  '江西省',
  '山东省',
  '河南省',
  '湖北省',
  '湖南省',
  '广东省',
  '广西壮族自治区',
  '海南省',
  '重庆市',
  '四川省',
  '贵州省',
  '云南省',
  '西藏自治区',
  '陕西省',
  '甘肃省',
  '青海省',
  '宁夏回族自治区',
  '新疆维吾尔自治区',
] as const;

/** Provinces whose next level is the district: the city may be left out or repeat the province. */
const MUNICIPALITIES: ReadonlySet<string> = new Set(['北京市', '天津市', '上海市', '重庆市']);

/** `河北` for 河北省, `内蒙古` for 内蒙古自治区, `广西自治区` …: what people write. */
const PROVINCE_SHORT: Record<string, string> = Object.fromEntries(
  PROVINCES.flatMap((p) => {
    const short = p.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '');
    const out: [string, string][] = [[short, p]];
    if (p.endsWith('自治区') && p !== `${short}自治区`) out.push([`${short}自治区`, p]);
    return out;
  }),
);

export const USE_NATURES = [
  '家庭自用',
  '非营业企业客车',
  '非营业机关客车',
  '营业出租租赁',
  '营业城市公交',
  '营业公路客运',
  '非营业货车',
  '营业货车',
  '特种车',
  '摩托车',
  '拖拉机',
] as const;

export const INTENT_COVERAGES = ['交强险+商业险', '交强险', '商业险'] as const;

export const NON_AUTO_CARDS = ['赠送', '销售', '无'] as const;

export const intent = defineTable({
  ledger: 'intent',
  key: 'intent',
  title: '投保意向表',
  schema: z.object({
    insuredName: col.text('被保险人', { aliases: ['被保人'] }),
    plateNo: col
      .plate('车牌号', { aliases: ['牌照号', '号牌号码', '车牌'], hint: '未上牌填“新车”并填写车架号' })
      .optional(),
    vin: col.vin('车架号', { aliases: ['VIN', '车辆识别代号'] }).optional(),
    makeModel: col.text('厂牌型号', { aliases: ['品牌型号', '车型'], hint: '按行驶证填写，如 大众FV7146FCDBG' }),
    useNature: col.oneOf('使用性质', USE_NATURES, {
      synonyms: {
        家庭自用汽车: '家庭自用',
        家用: '家庭自用',
        出租租赁: '营业出租租赁',
        非营业货运: '非营业货车',
        营业货运: '营业货车',
      },
    }),
    lastPolicyNo: col
      .code('上年保单号', { aliases: ['上年保险单号', '原保单号'], hint: '续保必填；新车、转保可空' })
      .optional(),
    applicantName: col.text('投保人'),
    applicantPhone: col.phone('投保人联系电话', { aliases: ['投保人电话'], hint: '11位手机号或带区号的固话' }),
    insuredPhone: col
      .phone('被保险人联系电话', { aliases: ['被保险人电话'], hint: '投保人与被保险人不同时必填' })
      .optional(),
    province: col
      .oneOf('省份', PROVINCES, { aliases: ['省'], synonyms: PROVINCE_SHORT, hint: '通信地址：省、自治区或直辖市' })
      .optional(),
    city: col.text('城市', { aliases: ['市', '地市'], hint: '如 唐山市；直辖市可空' }).optional(),
    district: col.text('区县', { aliases: ['区/县', '县区'], hint: '如 路北区、迁安市、滦南县' }).optional(),
    street: col
      .text('详细地址', { aliases: ['街道地址', '通信地址'], hint: '街道、门牌号，如 建设路12号3单元501室' })
      .optional(),
    startDate: col.date('起保日期', { aliases: ['保险起期'], hint: '与投保单一致，不能早于今天' }),
    coverage: col.oneOf('投保险种', INTENT_COVERAGES, {
      aliases: ['险种'],
      synonyms: { '交强+商业': '交强险+商业险', 交商同保: '交强险+商业险', 交强: '交强险', 商业: '商业险' },
    }),
    commercialItems: col.text('商业险险别', { hint: '如 车损险、第三者责任险100万、车上人员责任险' }).optional(),
    specialist: col.text('续保专员', { aliases: ['专员', '填表人'] }).optional(),
    memberCard: col.code('会员卡号', { hint: '出单岗填写' }).optional(),
    vehicleInspection: col
      .date('行驶本年审日期', { aliases: ['行驶证年审日期', '行驶证检验有效期'], hint: '行驶证上的检验有效期至' })
      .optional(),
    licenceInspection: col
      .date('驾驶本年审日期', { aliases: ['驾驶证年审日期', '驾驶证有效期至'], hint: '驾驶证上的审验日期或有效期至' })
      .optional(),
    nonAutoCard: col
      .oneOf('非车险卡单', NON_AUTO_CARDS, {
        aliases: ['卡单', '人身险卡单'],
        hint: '非车险（人身险）卡单：赠送、销售或无',
      })
      .optional(),
    gift: col.text('赠品名称', { aliases: ['赠品'], hint: '随单赠送的礼品，出单岗凭此从物品台账发放' }).optional(),
  }),
  rowRules: [
    (r) =>
      !r.plateNo && !r.vin
        ? {
            key: 'plateNo',
            level: 'error',
            code: 'intent.noVehicle',
            message: '车牌号和车架号都为空：出单须能认定车辆（未上牌车辆请填写车架号）',
          }
        : undefined,
    (r, ctx) => addressIssues(r, ctx.unreadable),
    (r, ctx) =>
      r.startDate && r.startDate < ctx.asOf
        ? {
            key: 'startDate',
            level: 'error',
            code: 'intent.startInPast',
            message: `起保日期 ${r.startDate} 早于今天 ${ctx.asOf}：起保日期不能是过去的日期（应为今天或以后，并与投保单一致）`,
          }
        : undefined,
    (r, ctx) =>
      r.insuredName &&
      r.applicantName &&
      r.insuredName !== r.applicantName &&
      !r.insuredPhone &&
      !ctx.unreadable?.has('insuredPhone')
        ? {
            key: 'insuredPhone',
            level: 'error',
            code: 'intent.insuredPhoneMissing',
            message: `投保人“${r.applicantName}”与被保险人“${r.insuredName}”不是同一人：请填写被保险人联系电话`,
          }
        : undefined,
    (r) =>
      r.insuredName &&
      r.applicantName &&
      r.insuredName !== r.applicantName &&
      r.insuredPhone &&
      r.insuredPhone === r.applicantPhone
        ? {
            key: 'insuredPhone',
            level: 'warning',
            code: 'intent.samePhone',
            message: '被保险人联系电话与投保人的相同：请核实被保险人本人的电话（承保回访要逐一核对）',
          }
        : undefined,
    (r) => inspectionDue(r.vehicleInspection, r.startDate, 'vehicleInspection', '行驶本'),
    (r) => inspectionDue(r.licenceInspection, r.startDate, 'licenceInspection', '驾驶本'),
    (r) =>
      r.applicantPhone && !isMobile(r.applicantPhone) && !(r.insuredPhone && isMobile(r.insuredPhone))
        ? {
            key: 'applicantPhone',
            level: 'warning',
            code: 'intent.noMobile',
            message: `没有手机号（${r.applicantPhone} 是固定电话）：送单前无法短信联系，请补充投保人或被保险人的手机号`,
          }
        : undefined,
  ],
});

/**
 * 年审 that lapses before the policy starts: the customer must be told (seed 004 node 五 asks
 * the issuing desk to note both dates) — a car or driver out of inspection may see a claim refused.
 */
function inspectionDue(
  date: string | undefined,
  start: string | undefined,
  key: 'vehicleInspection' | 'licenceInspection',
  what: string,
): RowIssue | undefined {
  if (!date || !start || date >= start) return undefined;
  return {
    key,
    level: 'warning',
    code: 'intent.inspectionDue',
    message: `${what}年审日期 ${date} 早于起保日期 ${start}：请提醒客户按期年审（逾期未审，出险可能被拒赔）`,
  };
}

/** The 投保意向表 as a ledger of its own: found by validate, checked by the ribbon, a template and a form. */
export const intentLedger: LedgerDef = {
  key: 'intent',
  title: '投保意向表',
  tables: [intent],
  // The issuing desk checks the renewal specialist's 投保意向表 before it prints the policy.
  forms: [{ id: 'intent', label: '投保意向表', table: intent }],
};

/** Phones are normalised by the time rules see them: a mobile is 11 digits starting with 1. */
const isMobile = (phone: string): boolean => /^1\d{10}$/.test(phone);

const ADDRESS_EXPECTED = '通信地址须写全：省、市、区县、街道门牌号';

type AddressRow = { province?: string; city?: string; district?: string; street?: string };

function addressIssues(r: AddressRow, unreadable: ReadonlySet<string> | undefined): RowIssue[] {
  const issues: RowIssue[] = [];
  const missing = (key: keyof AddressRow, part: string) => {
    if (!r[key] && !unreadable?.has(key)) {
      issues.push({
        key,
        level: 'error',
        code: 'intent.addressIncomplete',
        message: `通信地址缺少${part}（${ADDRESS_EXPECTED}）`,
      });
    }
  };
  missing('province', '省份');
  if (!(r.province && MUNICIPALITIES.has(r.province))) missing('city', '城市');
  missing('district', '区县');
  missing('street', '街道门牌号');
  const level = 'warning' as const;
  if (r.city && !/(市|州|地区|盟)$/.test(r.city)) {
    issues.push({
      key: 'city',
      level,
      code: 'intent.addressCity',
      message: `城市应写到“市”一级: ${r.city}（如 唐山市、延边朝鲜族自治州）`,
    });
  }
  if (r.district && !/(区|县|市|旗)$/.test(r.district)) {
    issues.push({
      key: 'district',
      level,
      code: 'intent.addressDistrict',
      message: `区县应写到“区”或“县”一级: ${r.district}（如 路北区、滦南县、迁安市）`,
    });
  }
  if (r.street && !/[0-9０-９]|号|栋|幢|室|村|组|弄|巷/.test(r.street)) {
    issues.push({
      key: 'street',
      level,
      code: 'intent.addressNoNumber',
      message: `详细地址没有门牌号: ${r.street}（应写到门牌号，如 建设路12号3单元501室；邮寄保单和会员卡要用）`,
    });
  }
  return issues;
}

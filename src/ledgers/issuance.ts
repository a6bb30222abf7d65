/** 承保台账 — the issuance ledger (ledgers.md §2): one row per policy, in issuing order. */
import { z } from 'zod';
import { col, defineTable, hasColumn, YES_NO_SYNONYMS } from './schema';
import { daysBetween } from '../rules/date';
import { mulRateFen, formatYuan } from '../rules/money';
import type { LedgerDef } from './registry';
import { spellings, yuanValue } from './tools';

export const issuance = defineTable({
  ledger: 'issuance',
  key: 'issuance',
  title: '承保台账',
  schema: z.object({
    issueDate: col.date('出单日期', { aliases: ['签单日期', '录单日期'] }),
    policyNo: col.code('保单号', { aliases: ['保险单号'] }),
    coverage: col.oneOf('险种', ['交强险', '商业险', '非车险'], {
      aliases: ['险别', '险类'],
      synonyms: { 交强: '交强险', 商业: '商业险', 商业保险: '商业险', 非车: '非车险' },
    }),
    applicantName: col.text('投保人').optional(),
    insuredName: col.text('被保险人', { aliases: ['被保人'] }),
    plateNo: col.plate('车牌号', { aliases: ['号牌号码', '车牌', '牌照号'] }).optional(),
    vin: col.vin('车架号', { aliases: ['VIN', '车辆识别代号'] }).optional(),
    makeModel: col.text('厂牌型号', { aliases: ['品牌型号', '车型'] }).optional(),
    startDate: col.date('起保日期', { aliases: ['保险起期'] }),
    endDate: col.date('终保日期', { aliases: ['保险止期'] }).optional(),
    premium: col.money('保费', { aliases: ['应收保费', '保险费'], positive: true }),
    paidPremium: col.money('实收保费', { aliases: ['已收保费'] }).optional(),
    businessType: col.oneOf('业务类型', ['新保', '续保', '转保']).optional(),
    salesperson: col.text('业务员', { aliases: ['销售顾问'] }).optional(),
    insurer: col.text('保险公司', { aliases: ['承保公司'] }).optional(),
    commissionRate: col.rate('代理费率', { aliases: ['手续费率'], hint: '0 到 1 之间的小数，或如 15%' }).optional(),
    commissionReceived: col.money('代理费已收').optional(),
    delivered: col
      .oneOf('交付状态', ['是', '否'], {
        aliases: ['已交付'],
        synonyms: { 已交付: '是', 未交付: '否', ...YES_NO_SYNONYMS },
      })
      .optional(),
    memberCard: col.code('会员卡号').optional(),
    idNo: col
      .idNo('证件号码', {
        aliases: ['身份证号', '证件号', '统一社会信用代码'],
        hint: '个人填18位身份证号，单位填18位统一社会信用代码',
      })
      .optional(),
  }),
  unique: [{ keys: ['policyNo'], level: 'error', code: 'issuance.duplicatePolicy' }],
  rowRules: [
    // "No plate yet" (新车, 未上牌, empty) is allowed only with a VIN: a motor policy must name its vehicle.
    (r, ctx) =>
      r.coverage &&
      r.coverage !== '非车险' &&
      !r.plateNo &&
      !r.vin &&
      (hasColumn(ctx, 'plateNo') || hasColumn(ctx, 'vin')) &&
      !ctx.unreadable?.has('plateNo') &&
      !ctx.unreadable?.has('vin')
        ? {
            key: 'plateNo',
            level: 'warning',
            code: 'issuance.noVehicle',
            message: '车险保单的车牌号和车架号都为空（未上牌车辆请填写车架号）',
          }
        : undefined,
    (r) =>
      r.startDate && r.endDate && r.endDate <= r.startDate
        ? {
            key: 'endDate',
            level: 'error',
            code: 'issuance.endBeforeStart',
            message: `终保日期 ${r.endDate} 应晚于起保日期 ${r.startDate}`,
          }
        : undefined,
    (r) =>
      r.coverage === '交强险' && r.startDate && r.endDate && !isOneYearTerm(r.startDate, r.endDate)
        ? {
            key: 'endDate',
            level: 'warning',
            code: 'issuance.compulsoryTerm',
            message: `交强险保险期间通常为一年，这里是 ${r.startDate} 至 ${r.endDate}`,
          }
        : undefined,
    (r) =>
      r.startDate && r.issueDate && r.startDate < r.issueDate
        ? {
            key: 'startDate',
            level: 'warning',
            code: 'issuance.backdated',
            message: `起保日期 ${r.startDate} 早于出单日期 ${r.issueDate}（倒签），请核实`,
          }
        : undefined,
    (r) =>
      r.paidPremium !== undefined && r.premium !== undefined && r.paidPremium > r.premium
        ? {
            key: 'paidPremium',
            level: 'error',
            code: 'issuance.overpaid',
            message: `实收保费 ${formatYuan(r.paidPremium)} 大于保费 ${formatYuan(r.premium)}`,
          }
        : undefined,
    (r, ctx) =>
      r.delivered === '是' &&
      r.premium !== undefined &&
      !ctx.unreadable?.has('paidPremium') &&
      (r.paidPremium ?? 0) < r.premium
        ? {
            key: 'delivered',
            level: 'error',
            code: 'issuance.deliveredUnpaid',
            message: `保费未缴清（未缴 ${formatYuan(r.premium - (r.paidPremium ?? 0))} 元）却已交付保单：保费缴清前不得交付`,
          }
        : undefined,
  ],
});

/** A one-year term: 00:00 of the start date to 24:00 of the day before (or of) the same date next year. */
function isOneYearTerm(start: string, end: string): boolean {
  const days = daysBetween(start, end);
  return days >= 364 && days <= 366;
}

/** 未缴保费 in fen. */
export const unpaidFen = (r: { premium: number; paidPremium?: number }): number => r.premium - (r.paidPremium ?? 0);
/** 代理费 in fen: premium × rate, rounded half up per row. */
export const commissionFen = (r: { premium: number; commissionRate?: number }): number =>
  r.commissionRate === undefined ? 0 : mulRateFen(r.premium, r.commissionRate);

const deliveredYes = spellings(issuance.column('delivered'), '是')
  .map((v) => `TRIM({delivered})="${v}"`)
  .join(',');

export const issuanceLedger: LedgerDef = {
  key: 'issuance',
  title: '承保台账',
  tables: [issuance],
  tools: {
    issuance: {
      formulas: [
        {
          key: 'unpaid',
          header: '未缴保费',
          kind: 'money',
          formula: 'IF(ISNUMBER({premium}),ROUND({premium}-N({paidPremium}),2),"")',
          hint: '保费 − 实收保费（元）',
        },
        {
          key: 'commission',
          header: '代理费',
          kind: 'money',
          formula: 'IF(ISNUMBER({premium}),ROUND({premium}*N({commissionRate}),2),"")',
          hint: '保费 × 代理费率，四舍五入到分',
        },
      ],
      values: () => (r) => {
        const p = r as { premium?: number; paidPremium?: number; commissionRate?: number };
        return p.premium === undefined
          ? { unpaid: '', commission: '' }
          : {
              unpaid: yuanValue(unpaidFen({ ...p, premium: p.premium })),
              commission: yuanValue(commissionFen({ ...p, premium: p.premium })),
            };
      },
      formats: [
        {
          target: '$unpaid',
          formula: `AND(OR(${deliveredYes}),N({$unpaid})>0)`,
          look: 'problem',
          meaning: '保费未缴清却已交付',
        },
        { target: '$unpaid', formula: 'N({$unpaid})>0', look: 'soon', meaning: '有未缴保费' },
      ],
    },
  },
  forms: [
    {
      id: 'issuance',
      label: '承保登记',
      table: issuance,
      today: ['issueDate'],
      // One insurer, one name: "平安" and "平安产险" would split the statistics.
      suggest: ['salesperson', 'insurer', 'channel'],
    },
  ],
  statsFields: {
    issuance: [
      'issueDate',
      'policyNo',
      // 承保回访 may name the plate instead of the policy.
      'plateNo',
      'coverage',
      'premium',
      'paidPremium',
      'businessType',
      'salesperson',
      'insurer',
      'commissionRate',
      'commissionReceived',
      // A delivery is insured here by a policy of its VIN starting near the delivery (新车交车).
      'vin',
      'startDate',
    ],
  },
};

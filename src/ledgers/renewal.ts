/** 续保清单 — the renewal list (ledgers.md §1), from the core system's 续保查询 export. */
import { z } from 'zod';
import { col, defineTable, hasColumn } from './schema';
import { daysBetween } from '../rules/date';
import type { LedgerDef } from './registry';
import { AS_OF, type FormulaColumn } from './tools';
import { CONTACT_RESULTS, LOST_RESULTS } from './contactResults';
import { followups } from './followups';

export { CONTACT_RESULTS, LOST_RESULTS } from './contactResults';

export const RENEWAL_STATUSES = ['已续保', '战败', '脱保', '已过期', '待续保'] as const;
export type RenewalStatus = (typeof RENEWAL_STATUSES)[number];

export const renewal = defineTable({
  ledger: 'renewal',
  key: 'renewal',
  title: '续保清单',
  schema: z.object({
    policyNo: col.code('保单号', { aliases: ['保险单号', '原保单号', '上年保单号'] }),
    coverage: col.oneOf('险种', ['交强险', '商业险'], {
      aliases: ['险别', '险类'],
      synonyms: { 交强: '交强险', 商业: '商业险', 商业保险: '商业险' },
    }),
    insuredName: col.text('被保险人', { aliases: ['被保人'] }),
    applicantName: col.text('投保人').optional(),
    phone: col.phone('联系电话', { aliases: ['电话', '手机', '手机号', '联系方式', '被保险人电话'] }).optional(),
    plateNo: col.plate('车牌号', { aliases: ['号牌号码', '车牌', '牌照号'] }).optional(),
    vin: col.vin('车架号', { aliases: ['VIN', '车辆识别代号'] }).optional(),
    makeModel: col.text('厂牌型号', { aliases: ['品牌型号', '车型'] }).optional(),
    useNature: col.text('使用性质').optional(),
    startDate: col.date('起保日期', { aliases: ['保险起期'] }).optional(),
    expiryDate: col.date('终保日期', { aliases: ['保险止期', '到期日期', '保险到期日', '止期'] }),
    lastPremium: col.money('上年保费', { aliases: ['保费'] }).optional(),
    handler: col.text('经办人', { aliases: ['业务员'] }).optional(),
    channel: col
      .text('业务归属', { aliases: ['归属机构', '渠道'], hint: '如 冀东业务、代理公司业务、脱落销售部' })
      .optional(),
    assignee: col.text('所属人员', { aliases: ['续保专员', '专员'] }).optional(),
    assignedDate: col.date('发放日期').optional(),
    contactResult: col.oneOf('联系结果', CONTACT_RESULTS).optional(),
    renewedPolicyNo: col.code('续保保单号').optional(),
    renewedDate: col.date('续保日期').optional(),
    renewedPremium: col.money('续保保费').optional(),
    lostReason: col.text('战败原因').optional(),
  }),
  unique: [{ keys: ['policyNo', 'coverage'], level: 'warning', code: 'renewal.duplicate' }],
  rowRules: [
    (r) =>
      r.contactResult && LOST_RESULTS.has(r.contactResult) && !r.lostReason
        ? {
            key: 'lostReason',
            level: 'info',
            code: 'renewal.lostReasonMissing',
            message: `联系结果为“${r.contactResult}”，建议填写战败原因`,
          }
        : undefined,
    (r) =>
      r.contactResult === '成功续保' && !r.renewedPolicyNo
        ? {
            key: 'renewedPolicyNo',
            level: 'warning',
            code: 'renewal.renewedPolicyMissing',
            message: '联系结果为“成功续保”，但没有续保保单号',
          }
        : undefined,
    (r, ctx) =>
      !r.plateNo && !r.vin && (hasColumn(ctx, 'plateNo') || hasColumn(ctx, 'vin'))
        ? {
            key: 'plateNo',
            level: 'warning',
            code: 'renewal.noVehicle',
            message: '车牌号和车架号都为空：无法按车辆查找电话或核对车辆（未上牌车辆请填写车架号）',
          }
        : undefined,
  ],
});

/** The status of a renewal row on the as-of date (ledgers.md §1, first match wins). */
export function renewalStatus(
  row: { expiryDate: string; contactResult?: string; renewedPolicyNo?: string; renewedDate?: string },
  asOf: string,
): RenewalStatus {
  if (row.contactResult === '成功续保' || row.renewedPolicyNo || row.renewedDate) return '已续保';
  if (row.contactResult && LOST_RESULTS.has(row.contactResult)) return '战败';
  const overdue = daysBetween(row.expiryDate, asOf);
  if (overdue >= 3) return '脱保';
  if (overdue >= 1) return '已过期';
  return '待续保';
}

/** 距到期天数: expiry date − as-of date. */
export const daysToExpiry = (expiryDate: string, asOf: string): number => daysBetween(asOf, expiryDate);

const lostTest = [...LOST_RESULTS].map((r) => `TRIM({contactResult})="${r}"`).join(',');

const formulas: FormulaColumn[] = [
  {
    key: 'daysToExpiry',
    header: '距到期天数',
    kind: 'days',
    formula: `IF(ISNUMBER({expiryDate}),INT({expiryDate})-${AS_OF},"")`,
    hint: '终保日期 − 基准日（天）；负数表示已过期',
  },
  {
    key: 'renewalStatus',
    header: '续保状态',
    kind: 'status',
    // First match wins, as renewalStatus: renewed, lost, then by days past expiry.
    formula:
      `IF(OR(TRIM({contactResult})="成功续保",LEN(TRIM({renewedPolicyNo}))>0,ISNUMBER({renewedDate})),"已续保",` +
      `IF(OR(${lostTest}),"战败",` +
      `IF(NOT(ISNUMBER({expiryDate})),"",` +
      `IF(${AS_OF}-INT({expiryDate})>=3,"脱保",IF(${AS_OF}-INT({expiryDate})>=1,"已过期","待续保")))))`,
    hint: '已续保 / 战败 / 脱保（过期满 3 天）/ 已过期 / 待续保',
  },
];

export const renewalLedger: LedgerDef = {
  key: 'renewal',
  title: '续保清单',
  tables: [renewal],
  tools: {
    renewal: {
      formulas,
      values:
        ({ asOf }) =>
        (r) => {
          const expiry = r.expiryDate as string | undefined;
          // Without an expiry date only the first two rules can decide, exactly as the formula.
          const early = renewalStatus({ ...(r as object), expiryDate: asOf }, asOf);
          return {
            daysToExpiry: expiry ? daysToExpiry(expiry, asOf) : '',
            renewalStatus: expiry ? renewalStatus(r as { expiryDate: string }, asOf) : early === '待续保' ? '' : early,
          };
        },
      formats: [
        {
          target: '$renewalStatus',
          formula: '{$renewalStatus}="脱保"',
          look: 'lapsed',
          meaning: '脱保：过期已满 3 天（超过 48 小时无保障）',
        },
        {
          target: '$renewalStatus',
          formula: '{$renewalStatus}="已过期"',
          look: 'expired',
          meaning: '已过期 1–2 天：48 小时内尽快续保',
        },
        {
          target: '$renewalStatus',
          formula: 'AND({$renewalStatus}="待续保",N({$daysToExpiry})<=7)',
          look: 'soon',
          meaning: '7 天内到期，尚未续保',
        },
      ],
    },
  },
  forms: [
    {
      id: 'renewal',
      label: '续保回访结果',
      table: renewal,
      lookup: 'policyNo',
      search: ['plateNo', 'insuredName', 'phone', 'policyNo'],
      groupOf: (r) => vehicleOf(r),
      together: ['contactResult', 'lostReason'],
      log: {
        table: followups,
        fields: ['nextContactAt', 'note'],
        // One line per call; a plate covers all the car's policies (workflows.md §1).
        entry: (r, now) =>
          r.contactResult
            ? {
                ...(r.plateNo ? { plateNo: r.plateNo } : { policyNo: r.policyNo }),
                kind: '续保',
                contactedAt: now,
                method: '电话',
                result: r.contactResult,
                ...(r.assignee ? { caller: r.assignee } : {}),
              }
            : undefined,
      },
      lead: ['contactResult', 'lostReason', 'renewedPolicyNo', 'renewedDate', 'renewedPremium'],
      leadTitle: '回访结果',
      restTitle: '保单信息',
    },
  ],
  statsFields: {
    renewal: [
      'policyNo',
      'coverage',
      'expiryDate',
      // The vehicle (vehicleOf) and its branch: renewal in 辆 per 业务归属.
      'plateNo',
      'vin',
      'insuredName',
      'phone',
      'channel',
      'assignee',
      'assignedDate',
      'contactResult',
      'renewedPolicyNo',
      'renewedDate',
      'renewedPremium',
      'lostReason',
    ],
  },
};

/**
 * The vehicle a policy row belongs to (ledgers.md §1 "A vehicle"): its plate when it has a real
 * one, else its VIN, else 被保险人 + 联系电话. One customer call covers all its policies.
 * `undefined` when none of these can be read: the row then stands for itself.
 */
export function vehicleOf(r: {
  plateNo?: string;
  vin?: string;
  insuredName?: string;
  phone?: string;
}): string | undefined {
  if (r.plateNo) return `plate:${r.plateNo}`;
  if (r.vin) return `vin:${r.vin}`;
  if (r.insuredName && r.phone) return `person:${r.insuredName}\u0000${r.phone}`;
  return undefined;
}

/** 理赔台账 — the claims desk's 理赔电子动态表 (ledgers.md §3). */
import { z } from 'zod';
import type { LedgerDef } from './registry';
import { AS_OF, flagValue, yuanValue } from './tools';
import { col, defineTable, hasColumn, YES_NO_SYNONYMS } from './schema';
import { daysBetween } from '../rules/date';
import { formatYuan } from '../rules/money';

export const CLAIM_STATUSES = ['已接车', '已定损', '维修中', '已递交', '已回款', '退案', '结案'] as const;
/** Claims that are finished one way or another: never overdue. */
const CLOSED: ReadonlySet<string> = new Set(['退案', '结案']);

export const claims = defineTable({
  ledger: 'claims',
  key: 'claims',
  title: '理赔台账',
  schema: z.object({
    claimNo: col.code('报案号'),
    policyNo: col.code('保单号', { aliases: ['保险单号'] }).optional(),
    plateNo: col.plate('车牌号', { aliases: ['号牌号码', '车牌', '牌照号'] }),
    insuredName: col.text('被保险人', { aliases: ['被保人'] }).optional(),
    phone: col.phone('联系电话', { aliases: ['报案电话', '电话', '手机', '手机号'] }).optional(),
    lossDate: col.date('出险日期', { aliases: ['事故日期'] }),
    reportDate: col.date('报案日期'),
    intakeDate: col.date('接车日期', { aliases: ['进店日期'] }).optional(),
    insurer: col.text('保险公司', { aliases: ['承保公司'] }).optional(),
    assessedAmount: col.money('定损金额').optional(),
    repairAmount: col.money('维修金额').optional(),
    customerPaid: col.money('客户自付').optional(),
    submittedDate: col.date('递交日期', { aliases: ['交单日期'] }).optional(),
    paidDate: col.date('回款日期').optional(),
    paidAmount: col.money('回款金额').optional(),
    status: col.oneOf('状态', CLAIM_STATUSES, { aliases: ['案件状态'] }),
    returnReason: col.text('退案原因').optional(),
    intakeClerk: col.text('接车员').optional(),
    claimsClerk: col.text('索赔员').optional(),
    returnedForRepair: col.oneOf('回店维修', ['是', '否'], { synonyms: YES_NO_SYNONYMS }).optional(),
    overdueReason: col
      .text('逾期原因', {
        hint: '逾期未回款的原因：可从下拉列表选（“设置”表中的逾期原因选项），也可直接填写',
        suggestions: 'overdueReasons',
      })
      .optional(),
    noReturnReason: col
      .text('未回店原因', {
        hint: '未回店维修的原因：可从下拉列表选（“设置”表中的未回店原因选项），也可直接填写',
        suggestions: 'noReturnReasons',
      })
      .optional(),
  }),
  unique: [{ keys: ['claimNo'], level: 'error', code: 'claims.duplicateClaim' }],
  rowRules: [
    (r) =>
      r.lossDate && r.reportDate && r.lossDate > r.reportDate
        ? {
            key: 'reportDate',
            level: 'error',
            code: 'claims.reportBeforeLoss',
            message: `报案日期 ${r.reportDate} 早于出险日期 ${r.lossDate}`,
          }
        : undefined,
    (r) =>
      r.lossDate && r.reportDate && daysBetween(r.lossDate, r.reportDate) > 2
        ? {
            key: 'reportDate',
            level: 'warning',
            code: 'claims.lateReport',
            message: `出险后 ${daysBetween(r.lossDate, r.reportDate)} 天才报案，超过 48 小时报案时限`,
          }
        : undefined,
    (r) => {
      if (r.status !== '已回款') return undefined;
      const issues = [];
      if (!r.paidDate)
        issues.push({
          key: 'paidDate',
          level: 'error' as const,
          code: 'claims.paidWithoutDate',
          message: '状态为“已回款”，但回款日期为空',
        });
      if (r.paidAmount === undefined)
        issues.push({
          key: 'paidAmount',
          level: 'error' as const,
          code: 'claims.paidWithoutAmount',
          message: '状态为“已回款”，但回款金额为空',
        });
      return issues;
    },
    // The 理赔组长 reviews the clerks' reasons every month (seed 001): an overdue claim needs one.
    (r, ctx) =>
      hasColumn(ctx, 'overdueReason') &&
      !r.overdueReason &&
      !ctx.unreadable?.has('overdueReason') &&
      isClaimOverdue(r, ctx.asOf, ctx.claimOverdueDays)
        ? {
            key: 'overdueReason',
            level: 'warning',
            code: 'claims.overdueNoReason',
            message: `递交 ${r.submittedDate} 后逾期未回款，请写明逾期原因`,
          }
        : undefined,
    (r) =>
      r.status === '退案' && !r.returnReason
        ? {
            key: 'returnReason',
            level: 'error',
            code: 'claims.returnWithoutReason',
            message: '状态为“退案”，请填写退案原因',
          }
        : undefined,
    (r) => {
      const due = insurerDueFen(r);
      return due !== undefined && r.paidAmount !== undefined && r.paidAmount > due
        ? {
            key: 'paidAmount',
            level: 'warning',
            code: 'claims.overPaid',
            message: `回款金额 ${formatYuan(r.paidAmount)} 大于保险公司应付 ${formatYuan(due)}（维修金额 − 客户自付）`,
          }
        : undefined;
    },
  ],
});

/** 保险公司应付 = repair amount − customer paid, in fen; undefined without a repair amount. */
export const insurerDueFen = (r: { repairAmount?: number; customerPaid?: number }): number | undefined =>
  r.repairAmount === undefined ? undefined : r.repairAmount - (r.customerPaid ?? 0);

/** 未回款 = insurer due − paid amount (empty = 0), in fen. */
export const outstandingFen = (r: {
  repairAmount?: number;
  customerPaid?: number;
  paidAmount?: number;
}): number | undefined => {
  const due = insurerDueFen(r);
  return due === undefined ? undefined : due - (r.paidAmount ?? 0);
};

/**
 * Overdue on `asOf`: not returned or closed, submitted, not paid on or before `asOf`, and
 * submitted more than `overdueDays` days ago.
 */
export function isClaimOverdue(
  r: { status?: string; submittedDate?: string; paidDate?: string },
  asOf: string,
  overdueDays = 30,
): boolean {
  if (!r.submittedDate || (r.status && CLOSED.has(r.status))) return false;
  if (r.paidDate && r.paidDate <= asOf) return false;
  return daysBetween(r.submittedDate, asOf) > overdueDays;
}

export const claimsLedger: LedgerDef = {
  key: 'claims',
  title: '理赔台账',
  tables: [claims],
  tools: {
    claims: {
      formulas: [
        {
          key: 'insurerDue',
          header: '保险公司应付',
          kind: 'money',
          formula: 'IF(ISNUMBER({repairAmount}),ROUND({repairAmount}-N({customerPaid}),2),"")',
          hint: '维修金额 − 客户自付（元）',
        },
        {
          key: 'outstanding',
          header: '未回款',
          kind: 'money',
          formula: 'IF(ISNUMBER({repairAmount}),ROUND({repairAmount}-N({customerPaid})-N({paidAmount}),2),"")',
          hint: '保险公司应付 − 回款金额（元）',
        },
        {
          key: 'overdue',
          header: '是否逾期',
          kind: 'flag',
          // Nested IFs, not AND: AND evaluates every argument and INT of a text date is an error.
          formula:
            `IF(COUNTA({row})=0,"",IF(NOT(ISNUMBER({submittedDate})),"否",IF(OR(TRIM({status})="退案",TRIM({status})="结案"),"否",` +
            `IF(ISNUMBER({paidDate}),IF(INT({paidDate})<=${AS_OF},"否",IF(${AS_OF}-INT({submittedDate})>ClaimOverdueDays,"是","否")),` +
            `IF(${AS_OF}-INT({submittedDate})>ClaimOverdueDays,"是","否")))))`,
          hint: '已递交、未退案/结案、基准日前未回款，且递交已超过“理赔逾期天数”',
        },
      ],
      values:
        ({ asOf, settings }) =>
        (r) => ({
          insurerDue: yuanValue(insurerDueFen(r)),
          outstanding: yuanValue(outstandingFen(r)),
          overdue: flagValue(isClaimOverdue(r, asOf, settings.claimOverdueDays)),
        }),
      formats: [{ target: '$overdue', formula: '{$overdue}="是"', look: 'problem', meaning: '理赔逾期未回款' }],
    },
  },
  forms: [
    {
      id: 'claims',
      label: '理赔接车',
      table: claims,
      today: ['reportDate'],
      suggest: ['insurer', 'intakeClerk', 'claimsClerk', 'overdueReason', 'noReturnReason'],
    },
  ],
  statsFields: {
    claims: [
      'claimNo',
      'plateNo',
      'insurer',
      'reportDate',
      'repairAmount',
      'customerPaid',
      'submittedDate',
      'paidDate',
      'paidAmount',
      'status',
      'claimsClerk',
      'returnedForRepair',
      'phone',
      'returnReason',
      'overdueReason',
      'noReturnReason',
    ],
  },
};

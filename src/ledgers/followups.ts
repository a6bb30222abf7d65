/**
 * 回访记录 — the follow-up log (workflows.md §1): one row per contact attempt, many per policy.
 * The renewal desk logs its calls here (seed 004 node 三), the issuing desk its 承保回访 (node
 * 八: "拨打三次后，还不能与客户取得联系，视为不准确"). A row names a policy, or a plate, which
 * covers every policy of that car.
 */
import { z } from 'zod';
import { col, defineTable } from './schema';
import { CONTACT_RESULTS } from './contactResults';
import { hhmm, type DateTime } from '../rules/date';
import type { LedgerDef } from './registry';
import { AS_OF, type FormulaColumn } from './tools';

export const FOLLOWUP_KINDS = ['续保', '承保回访'] as const;
export const ISSUANCE_CHECK_RESULTS = ['已确认收到保单', '地址有误', '电话有误', '同意入会'] as const;
export const FOLLOWUP_RESULTS = [...CONTACT_RESULTS, ...ISSUANCE_CHECK_RESULTS] as const;

/** The results that mean nobody was reached: three of these on three days make a row 不准确. */
export const FAILED_RESULTS: ReadonlySet<string> = new Set(['无人接听', '关机停机', '空号错号']);
/** 不准确: this many failed attempts, on as many different days, and nothing else. */
export const INACCURATE_ATTEMPTS = 3;

export const followups = defineTable({
  ledger: 'followups',
  key: 'followups',
  title: '回访记录',
  schema: z.object({
    policyNo: col
      .code('保单号', { aliases: ['保险单号'], hint: '保单号和车牌号至少填一个；车牌号代表该车所有保单' })
      .optional(),
    plateNo: col.plate('车牌号', { aliases: ['号牌号码', '车牌'] }).optional(),
    kind: col.oneOf('回访类型', FOLLOWUP_KINDS, { hint: '空着即为续保' }).optional(),
    contactedAt: col.datetime('联系时间', { aliases: ['回访时间', '通话时间'], hint: '如 2026-11-25 09:40' }),
    method: col.oneOf('联系方式', ['电话', '短信', '微信', '上门']).optional(),
    result: col.oneOf('联系结果', FOLLOWUP_RESULTS, { aliases: ['回访结果'] }),
    nextContactAt: col
      .datetime('下次联系时间', { aliases: ['预约时间'], hint: '约好的回电时间，宜在 9:30–11:00 或 15:30–17:00' })
      .optional(),
    caller: col.text('联系人', { aliases: ['专员', '回访员'] }).optional(),
    note: col.text('备注').optional(),
  }),
  rowRules: [
    (r, ctx) =>
      !r.policyNo && !r.plateNo && !ctx.unreadable?.has('policyNo') && !ctx.unreadable?.has('plateNo')
        ? {
            key: 'policyNo',
            level: 'error',
            code: 'followups.noTarget',
            message: '保单号和车牌号都为空：无法知道回访的是哪张保单（至少填一个）',
          }
        : undefined,
    (r, ctx) =>
      r.result === '预约回电' && !r.nextContactAt && !ctx.unreadable?.has('nextContactAt')
        ? {
            key: 'nextContactAt',
            level: 'warning',
            code: 'followups.noAppointment',
            message: '联系结果为“预约回电”，但没有填写下次联系时间',
          }
        : undefined,
    (r) =>
      r.contactedAt && r.nextContactAt && moment(r.nextContactAt) < moment(r.contactedAt)
        ? {
            key: 'nextContactAt',
            level: 'error',
            code: 'followups.nextBeforeContact',
            message: `下次联系时间 ${showMoment(r.nextContactAt)} 早于联系时间 ${showMoment(r.contactedAt)}`,
          }
        : undefined,
  ],
});

/** A comparable instant: the date, then the time of day (a date alone counts as its start). */
export const moment = (t: DateTime): string => `${t.date}T${t.minutes === null ? '00:00' : hhmm(t.minutes)}`;

export const showMoment = (t: DateTime): string => (t.minutes === null ? t.date : moment(t).replace('T', ' '));

const failedTest = [...FAILED_RESULTS].map((r) => `TRIM({result})="${r}"`).join(',');

const formulas: FormulaColumn[] = [
  {
    key: 'reached',
    header: '是否接通',
    kind: 'flag',
    formula: `IF(LEN(TRIM({result}))=0,"",IF(OR(${failedTest}),"否","是"))`,
    hint: '无人接听、关机停机、空号错号为未接通（否）',
  },
];

export const followupsLedger: LedgerDef = {
  key: 'followups',
  title: '回访记录',
  tables: [followups],
  tools: {
    followups: {
      formulas,
      values: () => (r) => ({ reached: r.result ? (FAILED_RESULTS.has(r.result as string) ? '否' : '是') : '' }),
      formats: [
        {
          target: 'nextContactAt',
          formula: `AND(ISNUMBER({nextContactAt}),INT({nextContactAt})=${AS_OF})`,
          look: 'soon',
          meaning: '下次联系时间是基准日（今天要回电）',
        },
      ],
    },
  },
  forms: [
    {
      id: 'followups',
      label: '回访记录',
      table: followups,
      lead: ['policyNo', 'plateNo', 'contactedAt', 'result', 'nextContactAt', 'caller'],
      leadTitle: '本次联系',
      restTitle: '其他',
    },
  ],
};

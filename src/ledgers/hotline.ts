/**
 * 出险咨询登记 — the 24-hour hotline log (workflows.md §5; seed 001 24小时出险咨询人员 "登记出险咨询
 * 电话的接听和跟进情况（包括是否回店维修、未回店原因）"): one row per call, quick enough to fill while
 * on the phone. 返厂率 comes from the calls; a call that became a claim names its 报案号.
 */
import { z } from 'zod';
import { col, defineTable, hasColumn } from './schema';
import type { LedgerDef } from './registry';

export const RETURN_STATES = ['是', '否', '跟进中'] as const;

export const hotline = defineTable({
  ledger: 'hotline',
  key: 'hotline',
  title: '出险咨询登记',
  schema: z.object({
    calledAt: col.datetime('来电时间', { aliases: ['来电日期', '接听时间'] }),
    plateNo: col.plate('车牌号', { aliases: ['车牌'] }).optional(),
    phone: col.phone('联系电话', { aliases: ['来电号码', '电话'] }).optional(),
    insurer: col.text('保险公司').optional(),
    place: col.text('出险地点', { aliases: ['事故地点'] }).optional(),
    returned: col
      .oneOf('是否回店', RETURN_STATES, {
        aliases: ['回店维修'],
        synonyms: { 回店: '是', 已回店: '是', 未回店: '否', 跟进: '跟进中', Y: '是', N: '否' },
      })
      .optional(),
    noReturnReason: col
      .text('未回店原因', {
        hint: '可从下拉列表选（“设置”表中的未回店原因选项），也可直接填写',
        suggestions: 'noReturnReasons',
      })
      .optional(),
    claimNo: col.code('报案号', { hint: '客户报案后填写，用来关联理赔台账' }).optional(),
    receiver: col.text('接听人', { aliases: ['接听人员'] }).optional(),
  }),
  rowRules: [
    (r, ctx) =>
      !r.plateNo && !r.phone && !ctx.unreadable?.has('plateNo') && !ctx.unreadable?.has('phone')
        ? {
            key: hasColumn(ctx, 'plateNo') ? 'plateNo' : 'phone',
            level: 'error',
            code: 'hotline.noContact',
            message: '车牌号和联系电话都为空：至少填一项，才能跟进这通电话',
          }
        : undefined,
    (r) =>
      r.returned === '否' && !r.noReturnReason
        ? {
            key: 'noReturnReason',
            level: 'warning',
            code: 'hotline.noReason',
            message: '未回店维修，请写明未回店原因（每月返厂分析要用）',
          }
        : undefined,
  ],
});

export const hotlineLedger: LedgerDef = {
  key: 'hotline',
  title: '出险咨询登记',
  tables: [hotline],
  forms: [
    {
      id: 'hotline',
      label: '出险咨询',
      table: hotline,
      today: ['calledAt'],
      lead: ['calledAt', 'plateNo', 'phone', 'returned', 'noReturnReason'],
      leadTitle: '通话中填写',
      restTitle: '其他',
      suggest: ['insurer', 'receiver', 'noReturnReason'],
    },
  ],
};

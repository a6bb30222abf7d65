/**
 * 保险公司手续费结算单 — the insurer's commission statement (workflows.md §3; seed 001 出单员
 * "跟进合作保险公司的保险代理费支付"): one line per policy the insurer pays (or charges back)
 * commission on. Insurers send it as they like — title rows above the header, amounts as text
 * with ¥ and separators, policy numbers with stray or full-width characters — so it is read
 * like every ledger, by its headers; `template statements` is the layout an agency can send to
 * an insurer that has none. `insdesk settle` matches it to the 承保台账 policy by policy.
 */
import { z } from 'zod';
import { col, defineTable } from './schema';
import type { LedgerDef } from './registry';

export const statement = defineTable({
  ledger: 'statements',
  key: 'statement',
  title: '手续费结算单',
  schema: z.object({
    policyNo: col.code('保单号', { aliases: ['保险单号', '保单号码'] }),
    // A charge-back (退保、批减) is a negative line: kept and reconciled as negative.
    amount: col.money('手续费', {
      aliases: ['代理费', '结算金额', '手续费金额', '代理费金额', '应付手续费', '实付手续费', '佣金'],
      signed: true,
      hint: '本结算单支付的手续费（元）；退保、批减扣回为负数',
    }),
    premium: col.money('保费', { aliases: ['保险费', '签单保费', '结算保费'], signed: true }).optional(),
    rate: col.rate('费率', { aliases: ['手续费率', '代理费率', '手续费比例'] }).optional(),
    insurer: col.text('保险公司', { aliases: ['承保公司'] }).optional(),
    insuredName: col.text('被保险人', { aliases: ['被保人'] }).optional(),
    plateNo: col.plate('车牌号', { aliases: ['号牌号码', '车牌'] }).optional(),
    settleDate: col.date('结算日期', { aliases: ['支付日期', '付款日期'] }).optional(),
    note: col.text('备注').optional(),
  }),
  // Twice on a statement is a class of its own in the reconciliation, not a broken row.
  unique: [{ keys: ['policyNo'], level: 'warning', code: 'statement.duplicatePolicy' }],
});

export const statementsLedger: LedgerDef = {
  key: 'statements',
  title: '手续费结算单',
  tables: [statement],
  aliases: ['statement', '结算单', '保险公司手续费结算单'],
};

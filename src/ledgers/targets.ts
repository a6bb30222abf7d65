/**
 * 目标 — targets and warnings (workflows.md §2): what the manager plans for a period, figure by
 * figure, for the whole desk or one region, person or insurer. The statistics put 目标, 实际,
 * 达成率 and 差额 beside each targeted figure, and a figure below its 预警线 is a 预警.
 *
 * The figures a target may name are listed here, as the statistics show them: the drop-down of
 * the template and the form, and what an unknown name is checked against.
 */
import { z } from 'zod';
import { col, defineTable } from './schema';
import type { LedgerDef } from './registry';

/** Figures for the whole desk (维度 全部), by the names the 总览 shows (units dropped). */
export const TARGET_FIGURES = [
  '续保件数',
  '续保率',
  '续保辆数',
  '续保率（按辆）',
  '续保保费',
  '战败件数',
  '脱保件数',
  '出单件数',
  '保费',
  '实收保费',
  '未缴保费',
  '代理费',
  '代理费已收',
  '递交件数',
  '递交金额',
  '回款件数',
  '回款金额',
  '逾期未回款件数',
  '逾期未回款金额',
  '平均回款周期',
  '回店维修率',
  '签订合同数',
  '签订金额',
  '本期回款',
  '期末应收余额',
  '累计回款率',
  '出勤率',
  '迟到天数',
  '缺勤天数',
  '扣款合计',
  '接通率',
  '承保回访完成率',
] as const;

export const TARGET_DIMENSIONS = ['全部', '片区', '销售工程师', '业务员', '续保专员', '保险公司', '业务归属'] as const;
export const TARGET_DIRECTIONS = ['越高越好', '越低越好'] as const;

/** `2026-11`, `2026Q4`, `2026`: a target is for a month, a quarter or a year. */
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2])|Q[1-4])?$/;

export const targets = defineTable({
  ledger: 'targets',
  key: 'targets',
  title: '目标',
  schema: z.object({
    period: col.code('期间', { hint: '如 2026-11（月）、2026Q4（季度）、2026（年）' }),
    figure: col.oneOf('指标', TARGET_FIGURES),
    dimension: col.oneOf('维度', TARGET_DIMENSIONS, { hint: '空着即为全部' }).optional(),
    member: col.text('对象', { hint: '片区、人员或保险公司的名称；维度为全部时空着' }).optional(),
    target: col.text('目标值', { hint: '金额（元）、件数，或比率（如 90%）' }),
    warnAt: col.rate('预警线', { hint: '达成率低于此值时预警，如 80%' }).optional(),
    direction: col.oneOf('方向', TARGET_DIRECTIONS, { hint: '空着则按指标本身（如逾期越低越好）' }).optional(),
  }),
  unique: [
    {
      keys: ['period', 'figure', 'dimension', 'member'],
      emptyMatches: true,
      level: 'error',
      code: 'targets.duplicate',
    },
  ],
  rowRules: [
    (r) =>
      r.period && !PERIOD.test(r.period)
        ? {
            key: 'period',
            level: 'error',
            code: 'targets.period',
            message: `期间无法识别: ${r.period}（应为 2026-11、2026Q4 或 2026）`,
          }
        : undefined,
    (r) =>
      r.target !== undefined && targetValue(r.target) === undefined
        ? {
            key: 'target',
            level: 'error',
            code: 'targets.value',
            message: `目标值无法识别: ${r.target}（应为数字、金额或 90% 这样的比率）`,
          }
        : undefined,
    (r) =>
      r.dimension && r.dimension !== '全部' && !r.member
        ? {
            key: 'member',
            level: 'error',
            code: 'targets.member',
            message: `维度为“${r.dimension}”时须填写对象（哪个${r.dimension}）`,
          }
        : undefined,
  ],
});

/** A target as a number: `1,200,000` or `¥120万` (yuan, or a count), `90%` or `0.9` (a rate). */
export function targetValue(text: string): number | undefined {
  const t = text.replace(/[,，\s¥￥元]/g, '');
  const pct = /^(-?\d+(?:\.\d+)?)%$/.exec(t);
  if (pct) return Number(pct[1]) / 100;
  const wan = /^(-?\d+(?:\.\d+)?)万$/.exec(t);
  if (wan) return Number(wan[1]) * 10000;
  return /^-?\d+(?:\.\d+)?$/.test(t) ? Number(t) : undefined;
}

export const targetsLedger: LedgerDef = {
  key: 'targets',
  title: '目标',
  tables: [targets],
  forms: [{ id: 'targets', label: '目标', table: targets }],
};

/**
 * 目标达成 (workflows.md §2): each target row of the run's period beside the figure it names —
 * 目标, 实际, 达成率 (actual ÷ target; target ÷ actual where lower is better) and 差额 — and a
 * 预警 where the 达成率 is below the row's 预警线. Targets of other periods are not this run's
 * (a quarter's target applies to the quarter, never pro-rated).
 */
import type { z } from 'zod';
import { targetValue, type targets } from '../../ledgers/targets';
import type { StatsFigures } from './figures';
import { STATS_LEDGERS } from './figures';
import { headlines, shown, type Better, type Format } from './headline';
import { ExclusionList, type SourcedRow } from './excluded';
import { rate, ratio, yuan } from './numbers';

export type TargetRow = z.infer<typeof targets.schema>;

export interface TargetLine {
  figure: string;
  dimension: string;
  member: string;
  /** In the figure's unit: yuan, a count, a fraction. */
  target: number;
  actual: number;
  /** 达成率, a fraction (4 decimals); 0 when it cannot be computed. */
  achievement: number;
  /** 差额 = actual − target. */
  gap: number;
  warning: boolean;
  format: Format;
  better?: Better;
}

/** `保费（元）` → `保费`: targets name figures without their unit (`续保率（按辆）` keeps its qualifier). */
const bare = (label: string): string => label.replace(/（(元|天)）$/, '');

interface Figure {
  value: number;
  format: Format;
  better?: Better;
}

type Group = object;

/** The figures a dimension's groups carry: name, key in the group (`a|b`: the first present), format, direction. */
const GROUP_FIGURES: Record<string, [name: string, key: string, format: Format, better?: Better][]> = {
  renewal: [
    ['续保件数', 'renewedCount|renewed', 'int', 'up'],
    ['续保率', 'renewalRate', 'rate', 'up'],
    ['续保辆数', 'renewedVehicles', 'int', 'up'],
    ['续保率（按辆）', 'vehicleRenewalRate', 'rate', 'up'],
    ['续保保费', 'renewedPremium', 'yuan', 'up'],
  ],
  issuance: [
    ['出单件数', 'count', 'int', 'up'],
    ['保费', 'premium', 'yuan', 'up'],
    ['实收保费', 'paidPremium', 'yuan', 'up'],
    ['未缴保费', 'unpaidAmount', 'yuan', 'down'],
    ['代理费', 'commission', 'yuan', 'up'],
  ],
  contracts: [
    ['签订合同数', 'signedCount', 'int', 'up'],
    ['签订金额', 'signedAmount', 'yuan', 'up'],
    ['本期回款', 'collectedAmount', 'yuan', 'up'],
    ['期末应收余额', 'receivableAtEnd', 'yuan', 'down'],
    ['累计回款率', 'collectionRate', 'rate', 'up'],
  ],
};

/** Where each 维度 finds its members: the kind of figures, and the groups by member. */
function groupsOf(f: StatsFigures, dimension: string): { kind: string; groups: Record<string, Group> } | undefined {
  const byName = (list: readonly object[] | undefined, key: string): Record<string, Group> =>
    Object.fromEntries((list ?? []).map((x) => [String((x as Record<string, unknown>)[key]), x]));
  switch (dimension) {
    case '续保专员':
      return { kind: 'renewal', groups: byName(f.renewal?.bySpecialist, 'specialist') };
    case '业务归属':
      return { kind: 'renewal', groups: byName(f.renewal?.byChannel, 'channel') };
    case '业务员':
      return { kind: 'issuance', groups: f.issuance?.bySalesperson ?? {} };
    case '保险公司':
      return { kind: 'issuance', groups: f.issuance?.byInsurer ?? {} };
    case '片区':
      return { kind: 'contracts', groups: f.contracts?.byRegion ?? {} };
    case '销售工程师':
      return { kind: 'contracts', groups: f.contracts?.bySalesEngineer ?? {} };
    default:
      return undefined;
  }
}

/** The actual figure a target row names, or why there is none. */
function actualOf(f: StatsFigures, figure: string, dimension: string, member: string): Figure | string {
  if (dimension === '全部') {
    for (const ledger of STATS_LEDGERS) {
      const h = headlines(f, ledger).find((x) => bare(x.label) === figure);
      if (h) return { value: shown(h), format: h.format, ...(h.better ? { better: h.better } : {}) };
    }
    return `本次统计的台账中没有“${figure}”这一项`;
  }
  const g = groupsOf(f, dimension);
  if (!g) return `维度无法识别: ${dimension}`;
  const figures = GROUP_FIGURES[g.kind];
  const found = figures.find(([name]) => name === figure);
  if (!found) return `按${dimension}没有“${figure}”这一项（可用: ${figures.map(([name]) => name).join('、')}）`;
  const [, keys, format, better] = found;
  const group = g.groups[member];
  // A member without data in the period has done nothing yet: 0.
  const fields = group as Record<string, unknown> | undefined;
  const raw = fields
    ? Number(
        keys
          .split('|')
          .map((k) => fields[k])
          .find((v) => v !== undefined) ?? 0,
      )
    : 0;
  return { value: format === 'yuan' ? yuan(raw) : raw, format, ...(better ? { better } : {}) };
}

export function targetLines(rows: readonly SourcedRow<TargetRow>[], f: StatsFigures, ex: ExclusionList): TargetLine[] {
  const out: TargetLine[] = [];
  for (const r of rows) {
    const d = r.data;
    if (d.period !== f.period.key) continue;
    const target = d.target === undefined ? undefined : targetValue(d.target);
    if (!d.figure || target === undefined) {
      ex.add('*', r, '指标或目标值为空或无法识别，本行目标不计入');
      continue;
    }
    const dimension = d.dimension ?? '全部';
    const member = d.member ?? '';
    const actual = actualOf(f, d.figure, dimension, member);
    if (typeof actual === 'string') {
      ex.add('*', r, actual);
      continue;
    }
    const better: Better | undefined =
      d.direction === '越低越好' ? 'down' : d.direction === '越高越好' ? 'up' : actual.better;
    const scale = actual.format === 'rate' ? 10000 : 100;
    const [a, t] = [Math.round(actual.value * scale), Math.round(target * scale)];
    const achievement = better === 'down' ? (a === 0 ? 0 : rate(t, a)) : t === 0 ? 0 : rate(a, t);
    out.push({
      figure: d.figure,
      dimension,
      member,
      target,
      actual: actual.value,
      achievement,
      gap: ratio(a - t, scale, actual.format === 'rate' ? 4 : 2),
      warning: d.warnAt !== undefined && achievement < d.warnAt,
      format: actual.format,
      ...(better ? { better } : {}),
    });
  }
  return out;
}

/**
 * The statistics report as renderer-neutral sheets: titled tables of cells with a format per
 * column (or per row), plus chart specifications. The xlsx/HTML writer (src/io/statsOut.ts)
 * and the Excel add-in's 月度统计 button both render these; `layoutSheet` flattens a sheet
 * into one 2-D grid with a style per cell, the shape Office.js writes in one assignment.
 */
import type { Cell } from '../../grid';
import { agingTables } from '../settle/report';
import { claimsAnalysisSheet, DEALER_SHEETS, deliverySheet } from './dealerReport';
import type { StatsFigures, StatsLedger } from './figures';
import { STATS_LEDGERS } from './figures';
import { change, hasActivity, headlines, LEDGER_LABELS, shown, type Format, type Headline } from './headline';
import { rate, yuan } from './numbers';
import { formatValue } from './format';
import { minutesText } from './json';
import { AGING_BUCKETS, type ContractGroup } from './contracts';
import { CLAIM_AGING_BUCKETS } from './claims';
import type { IssuanceGroup } from './issuance';
import type { AttendanceGroup } from './attendance';
import type { ChannelFigures } from './renewal';
import type { SpecialistDay } from './daily';
import type { PeriodKind } from './period';
import { weekday } from '../../rules/date';
import { textWidth } from '../../sheetOut';

/**
 * A signed change (环比, 同比): in its unit (`points` = percentage points, `percent` = a relative
 * change), and `Up`/`Down` when a rise/fall is the good news (format.ts colours it so).
 */
export type DeltaFormat = `${'int' | 'yuan' | 'points' | 'percent' | 'days'}Delta${'' | 'Up' | 'Down'}`;

/** Cell formats: the value formats plus signed changes. */
export type CellFormat = Format | DeltaFormat;

export interface ReportColumn {
  header: string;
  /** 'row' = the format of the row (`ReportTable.rowFormats`); 'rowDelta' = a signed change in that format. */
  format: CellFormat | 'row' | 'rowDelta';
  /** Width in characters; default fitted to the content. */
  width?: number;
}

export interface ReportTable {
  title: string;
  columns: ReportColumn[];
  rows: Cell[][];
  /** Formats of the rows, for the columns whose format is 'row' or 'rowDelta'. */
  rowFormats?: CellFormat[];
  /** A format per row and column, over any other: changes coloured by each figure's direction. */
  cellFormats?: (CellFormat | undefined)[][];
  /** A 合计 row under the data. */
  total?: Cell[];
  note?: string;
}

export interface ReportSheet {
  name: string;
  title: string;
  subtitle?: string;
  tables: ReportTable[];
  notes?: string[];
}

export interface ChartSpec {
  id: string;
  title: string;
  /** The sheet the chart belongs beside. */
  sheet: string;
  /** 'bar' = horizontal bars (long category names), 'column' = vertical (time, buckets). */
  kind: 'bar' | 'column';
  format: Format;
  categories: string[];
  /** One bar per category and series (two series = grouped bars), values in shown units (yuan, fractions). */
  series: ChartSeries[];
}

export interface ChartSeries {
  name: string;
  values: number[];
}

export interface Report {
  title: string;
  sheets: ReportSheet[];
  charts: ChartSpec[];
}

/** Shown when a value does not apply (no previous period in the data, nothing to divide by). */
export const NOT_APPLICABLE = '—';

export const FIGURE_LABELS: Record<string, string> = {
  '*': '全部统计项',
  bySpecialist: '按专员统计',
  renewedPremium: '续保保费',
  paidPremium: '实收保费、未缴保费',
  commission: '代理费',
  commissionReceived: '代理费已收',
  reportedCount: '报案件数、退案件数、回店维修率',
  returnedCount: '退案件数',
  returnRate: '回店维修率',
  submittedCount: '递交、逾期、回款周期',
  submittedAmount: '递交金额',
  paidCount: '回款、逾期',
  paidAmount: '回款金额',
  avgCycleDays: '平均回款周期',
  overdueCount: '逾期件数',
  overdueAmount: '逾期金额',
  aging: '未回款账龄金额',
  collectedAmount: '回款',
  lateDays: '迟到天数',
};

export const SHEET_NAMES = {
  overview: '总览',
  renewal: '续保',
  issuance: '承保',
  claims: '理赔',
  contracts: '合同回款',
  contractList: '合同履行一览表',
  attendance: '差勤汇总',
  attendancePeople: '月度差勤',
  attendanceDays: '考勤明细',
  followups: '回访',
  desk: '专员日报',
  licences: '证件到期清单',
  items: '物品',
  documents: '手续不全清单',
  excluded: '剔除明细',
} as const;

const UNKNOWN_GROUP = /^（/;

/** Entries by a number, largest first; `（未填写）`-style groups last. */
function ranked<T>(o: Record<string, T>, by: (v: T) => number): [string, T][] {
  return Object.entries(o).sort(
    ([ka, a], [kb, b]) =>
      Number(UNKNOWN_GROUP.test(ka)) - Number(UNKNOWN_GROUP.test(kb)) ||
      by(b) - by(a) ||
      (ka < kb ? -1 : ka > kb ? 1 : 0),
  );
}

/** The period as every title shows it: a period still running says so (截至 the as-of date). */
export const periodLabel = (f: StatsFigures): string =>
  f.asOf < f.period.end ? `${f.period.label}（截至 ${f.asOf}，未结束）` : f.period.label;

const share = (n: number, total: number): Cell => (total === 0 ? NOT_APPLICABLE : rate(n, total));
const orNA = (den: number, value: number): Cell => (den === 0 ? NOT_APPLICABLE : value);

// ---- 总览 ------------------------------------------------------------------------------

const KIND_TITLES: Record<PeriodKind, string> = {
  month: '月度统计',
  quarter: '季度统计',
  year: '年度统计',
  day: '日报',
  week: '周报',
  range: '期间统计',
};

/** A change's format: its unit (a rate changes in 百分点), coloured by the figure's good direction. */
function deltaFormat(h: Headline, relative: boolean): DeltaFormat {
  const base = relative
    ? 'percent'
    : h.format === 'rate'
      ? 'points'
      : h.format === 'yuan'
        ? 'yuan'
        : h.format === 'days'
          ? 'days'
          : 'int';
  return `${base}Delta${h.better === 'up' ? 'Up' : h.better === 'down' ? 'Down' : ''}`;
}

/** 目标达成 on the first page: each target of the period beside its actual figure. */
function targetsTable(f: StatsFigures): ReportTable[] {
  if (!f.targets?.length) return [];
  return [
    {
      title: '目标达成',
      columns: [
        { header: '指标', format: 'text', width: 16 },
        { header: '维度', format: 'text' },
        { header: '对象', format: 'text' },
        { header: '目标', format: 'row' },
        { header: '实际', format: 'row' },
        { header: '达成率', format: 'rate' },
        { header: '差额', format: 'rowDelta' },
        { header: '预警', format: 'text' },
      ],
      rows: f.targets.map((t) => [
        t.figure,
        t.dimension,
        t.member || NOT_APPLICABLE,
        t.target,
        t.actual,
        t.achievement,
        t.format === 'rate' ? Math.round(t.gap * 10000) / 100 : t.gap,
        t.warning ? '预警' : '',
      ]),
      rowFormats: f.targets.map((t) => t.format),
    },
  ];
}

/** The change of a headline against a comparison period: [value then, change, relative change], or — where the data has none. */
function compared(h: Headline, then: Headline | undefined): Cell[] {
  if (!then) return [NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE];
  const c = change(h, then);
  // A rate's change is in percentage points (×100), never a percent of a percent.
  const diff = h.format === 'rate' ? Math.round(c.diff * 10000) / 100 : c.diff;
  return [shown(then), diff, c.relative !== undefined ? c.relative : NOT_APPLICABLE];
}

function overview(f: StatsFigures, prev: StatsFigures | undefined, lastYear: StatsFigures | undefined): ReportSheet {
  const rows: Cell[][] = [];
  const rowFormats: CellFormat[] = [];
  const cellFormats: (CellFormat | undefined)[][] = [];
  const before = (other: StatsFigures | undefined, ledger: StatsLedger) =>
    other && hasActivity(other, ledger) ? headlines(other, ledger) : undefined;
  for (const ledger of STATS_LEDGERS) {
    const cur = headlines(f, ledger);
    const p = before(prev, ledger);
    const y = before(lastYear, ledger);
    cur.forEach((h, i) => {
      rows.push([LEDGER_LABELS[ledger], h.label, shown(h), ...compared(h, p?.[i]), ...compared(h, y?.[i])]);
      rowFormats.push(h.format);
      const d = deltaFormat(h, false);
      const r = deltaFormat(h, true);
      cellFormats.push([undefined, undefined, undefined, undefined, d, r, undefined, d, r]);
    });
  }
  const table: ReportTable = {
    title: '主要指标',
    columns: [
      { header: '台账', format: 'text', width: 10 },
      { header: '指标', format: 'text', width: 22 },
      { header: '本期', format: 'row', width: 16 },
      { header: '上期', format: 'row', width: 16 },
      { header: '环比增减', format: 'row', width: 18 },
      { header: '环比', format: 'row', width: 10 },
      { header: '去年同期', format: 'row', width: 16 },
      { header: '同比增减', format: 'row', width: 18 },
      { header: '同比', format: 'row', width: 10 },
    ],
    rows,
    rowFormats,
    cellFormats,
  };
  const tables = [table, ...targetsTable(f)];
  const warnings = (f.targets ?? []).filter((t) => t.warning);
  const prevText = prev ? `${prev.period.label}（截至 ${prev.asOf}）` : '';
  const excludedCount = f.excluded.length;
  return {
    name: SHEET_NAMES.overview,
    title: `${KIND_TITLES[f.period.kind]} ${periodLabel(f)}`,
    subtitle:
      `统计期间 ${f.period.start} 至 ${f.period.end} · 基准日 ${f.asOf}${prev ? ` · 环比对比 ${prevText}` : ''}` +
      (lastYear ? ` · 同比对比 ${lastYear.period.label}（截至 ${lastYear.asOf}）` : ''),
    tables,
    notes: [
      // 预警 first: what the manager must act on.
      ...warnings.map(
        (t) =>
          `预警：${t.dimension === '全部' ? '' : `${t.member}（${t.dimension}）`}${t.figure} 达成率 ${formatValue(t.achievement, 'rate')}，低于预警线`,
      ),
      '环比 = （本期 − 上期）÷ 上期，同比 = （本期 − 去年同期）÷ 去年同期；比率的增减以百分点计，比率和天数不列相对变化。对比期间台账中没有数据时显示 —。',
      '绿色表示向好（如保费增加、逾期减少），红色表示变差（如续保率下降、缺勤增加），按指标本身的好坏方向着色，而不是按正负号。',
      '金额单位：元，精确到分；比率保留 4 位小数（显示为百分比）。',
      excludedCount
        ? `有 ${excludedCount} 行数据因缺少或无法识别某些字段而未计入部分统计项，逐行列在“${SHEET_NAMES.excluded}”表中。`
        : '所有数据行均已计入统计，没有被剔除的行。',
      ...(f.attendance?.noData.length
        ? [
            `差勤：${f.attendance.noData.join('、')} 无考勤数据，这些月份没有差勤数字和扣款（见“${SHEET_NAMES.attendance}”）。`,
          ]
        : []),
    ],
  };
}

// ---- ledgers ---------------------------------------------------------------------------

/** A 业务归属 line (or the 合计 line) of the renewal sheet: 辆 first, then 件. */
const channelCells = (c: ChannelFigures): Cell[] => [
  c.channel,
  c.dueVehicles,
  c.renewedVehicles,
  orNA(c.dueVehicles, c.vehicleRenewalRate),
  c.dueCount,
  c.renewedCount,
  orNA(c.dueCount, c.renewalRate),
];

function renewalSheet(f: StatsFigures): ReportSheet | undefined {
  const r = f.renewal;
  if (!r) return undefined;
  const spec = r.bySpecialist;
  const sum = (
    k: 'vehicles' | 'renewedVehicles' | 'assigned' | 'contacted' | 'renewed' | 'renewedPremium' | 'lost' | 'lapsed',
  ) => spec.reduce((a, s) => a + s[k], 0);
  const statusRows: [string, number][] = [
    ['已续保', r.renewedCount],
    ['战败', r.lostCount],
    ['脱保', r.lapsedCount],
    ['已过期（未满 48 小时）', r.expiredCount],
    ['待续保', r.pendingCount],
  ];
  return {
    name: SHEET_NAMES.renewal,
    title: `续保统计 ${periodLabel(f)}`,
    subtitle: `本期到期（终保日期在 ${f.period.start} 至 ${f.period.end}）${r.dueVehicles} 辆 ${r.dueCount} 件，状态按基准日 ${f.asOf} 判断；一辆车有保单续保即计为续保一辆`,
    tables: [
      {
        title: '按续保专员',
        columns: [
          { header: '续保专员', format: 'text' },
          { header: '分配辆数', format: 'int' },
          { header: '续保辆数', format: 'int' },
          { header: '续保率（按辆）', format: 'rate' },
          { header: '分配件数', format: 'int' },
          { header: '已联系', format: 'int' },
          { header: '联系率', format: 'rate' },
          { header: '续保件数', format: 'int' },
          // Of the policies assigned, not of all due: a meaning of its own, so a name of its own.
          { header: '分配续保率', format: 'rate' },
          { header: '续保保费（元）', format: 'yuan' },
          { header: '战败件数', format: 'int' },
          { header: '脱保件数', format: 'int' },
        ],
        rows: spec.map((s) => [
          s.specialist,
          s.vehicles,
          s.renewedVehicles,
          orNA(s.vehicles, s.vehicleRenewalRate),
          s.assigned,
          s.contacted,
          share(s.contacted, s.assigned),
          s.renewed,
          orNA(s.assigned, s.renewalRate),
          yuan(s.renewedPremium),
          s.lost,
          s.lapsed,
        ]),
        total: [
          '合计',
          sum('vehicles'),
          sum('renewedVehicles'),
          share(sum('renewedVehicles'), sum('vehicles')),
          sum('assigned'),
          sum('contacted'),
          share(sum('contacted'), sum('assigned')),
          sum('renewed'),
          share(sum('renewed'), sum('assigned')),
          yuan(sum('renewedPremium')),
          sum('lost'),
          sum('lapsed'),
        ],
        note: r.unassignedCount
          ? `另有 ${r.unassignedCount} 件到期保单未填所属人员，计入总数但不在上表中。`
          : undefined,
      },
      {
        title: '按业务归属',
        columns: [
          { header: '业务归属', format: 'text' },
          { header: '到期辆数', format: 'int' },
          { header: '续保辆数', format: 'int' },
          { header: '续保率（按辆）', format: 'rate' },
          { header: '到期件数', format: 'int' },
          { header: '续保件数', format: 'int' },
          { header: '续保率（按件）', format: 'rate' },
        ],
        rows: ranked(Object.fromEntries(r.byChannel.map((c) => [c.channel, c])), (c) => c.dueCount).map(([, c]) =>
          channelCells(c),
        ),
        total: channelCells({ ...r, channel: '合计' }),
      },
      {
        title: '续保状态',
        columns: [
          { header: '状态', format: 'text' },
          { header: '件数', format: 'int' },
          { header: '占比', format: 'rate' },
        ],
        rows: statusRows.map(([k, n]) => [k, n, share(n, r.dueCount)]),
        total: ['合计', r.dueCount, share(r.dueCount, r.dueCount)],
      },
      {
        title: '战败原因',
        columns: [
          { header: '战败原因', format: 'text', width: 30 },
          { header: '件数', format: 'int' },
          { header: '占比', format: 'rate' },
        ],
        rows: ranked(r.lostReasons, (n) => n).map(([k, n]) => [k, n, share(n, r.lostCount)]),
        total: ['合计', r.lostCount, share(r.lostCount, r.lostCount)],
      },
      {
        title: '战败联系结果',
        columns: [
          { header: '联系结果', format: 'text' },
          { header: '件数', format: 'int' },
          { header: '占比', format: 'rate' },
        ],
        rows: ranked(r.lostByResult, (n) => n).map(([k, n]) => [k, n, share(n, r.lostCount)]),
        total: ['合计', r.lostCount, share(r.lostCount, r.lostCount)],
      },
    ],
  };
}

function deskSheet(f: StatsFigures): ReportSheet | undefined {
  const d = f.desk;
  if (!d) return undefined;
  const columns: ReportColumn[] = [
    { header: '排名', format: 'int' },
    { header: '续保专员', format: 'text' },
    { header: '发放', format: 'int' },
    { header: '回访', format: 'int' },
    { header: '接通', format: 'int' },
    { header: '续保辆数', format: 'int' },
    { header: '续保件数', format: 'int' },
    { header: '续保保费（元）', format: 'yuan' },
    { header: '积分', format: 'days' },
    { header: '红星', format: 'text' },
  ];
  const rows = (list: SpecialistDay[]) =>
    list.map((s) => [
      s.rank,
      s.specialist,
      s.given,
      s.attempts,
      s.reached,
      s.renewedVehicles,
      s.renewed,
      yuan(s.renewedPremium),
      s.points,
      s.star ? '★' : '',
    ]);
  return {
    name: SHEET_NAMES.desk,
    title: `专员日报 ${f.period.label}`,
    subtitle: `积分 = 续保辆数 × 每续保一辆积分 + 续保保费 ÷ 1,000 元 × 每千元续保保费积分（设置表）；当日积分最高者得红星`,
    tables: [
      { title: '当日', columns, rows: rows(d.day) },
      {
        title: `本月累计（${f.period.start.slice(0, 8)}01 至 ${f.period.end}）`,
        columns: columns.slice(0, 9),
        rows: rows(d.monthToDate).map((r) => r.slice(0, 9)),
      },
    ],
  };
}

function followupSheet(f: StatsFigures): ReportSheet | undefined {
  const u = f.followups;
  if (!u) return undefined;
  const inaccurate = Object.values(u.inaccurateByChannel).reduce((a, b) => a + b, 0);
  return {
    name: SHEET_NAMES.followups,
    title: `回访统计 ${periodLabel(f)}`,
    subtitle: `续保回访按联系时间在 ${f.window.start} 至 ${f.window.end} 统计；不准确按基准日 ${f.asOf} 的回访记录判断`,
    tables: [
      {
        title: '续保回访',
        columns: [
          { header: '项目', format: 'text', width: 24 },
          { header: '数值', format: 'row' },
        ],
        rows: [
          ['回访次数', u.attempts],
          ['接通次数', u.reached],
          ['接通率', orNA(u.attempts, u.reachRate)],
          ['每续保一辆的回访次数', f.renewal?.renewedVehicles ? u.attemptsPerRenewedVehicle : NOT_APPLICABLE],
          ['承保回访：本期出单件数', u.issuedPolicies],
          ['承保回访：已回访件数', u.issuanceChecked],
          ['承保回访完成率', orNA(u.issuedPolicies, u.issuanceCheckRate)],
        ],
        rowFormats: ['int', 'int', 'rate', 'days', 'int', 'int', 'rate'],
      },
      {
        title: '按回访人',
        columns: [
          { header: '联系人', format: 'text' },
          { header: '回访次数', format: 'int' },
          { header: '接通次数', format: 'int' },
          { header: '接通率', format: 'rate' },
        ],
        rows: ranked(Object.fromEntries(u.byCaller.map((c) => [c.caller, c])), (c) => c.attempts).map(([, c]) => [
          c.caller,
          c.attempts,
          c.reached,
          orNA(c.attempts, c.reachRate),
        ]),
        total: ['合计', u.attempts, u.reached, orNA(u.attempts, u.reachRate)],
      },
      {
        title: '不准确信息（拨打三次未接通，退回业务归属核实）',
        columns: [
          { header: '业务归属', format: 'text' },
          { header: '件数', format: 'int' },
        ],
        rows: ranked(u.inaccurateByChannel, (n) => n),
        total: ['合计', inaccurate],
      },
    ],
  };
}

const ISSUANCE_COLUMNS = (first: string): ReportColumn[] => [
  { header: first, format: 'text' },
  { header: '件数', format: 'int' },
  { header: '保费（元）', format: 'yuan' },
  { header: '实收保费（元）', format: 'yuan' },
  { header: '未缴清件数', format: 'int' },
  { header: '未缴保费（元）', format: 'yuan' },
  { header: '代理费（元）', format: 'yuan' },
  { header: '代理费已收（元）', format: 'yuan' },
  { header: '保费占比', format: 'rate' },
];

function issuanceTable(
  title: string,
  first: string,
  groups: Record<string, IssuanceGroup>,
  all: IssuanceGroup,
): ReportTable {
  const line = (k: string, g: IssuanceGroup): Cell[] => [
    k,
    g.count,
    yuan(g.premium),
    yuan(g.paidPremium),
    g.unpaidCount,
    yuan(g.unpaidAmount),
    yuan(g.commission),
    yuan(g.commissionReceived),
    share(g.premium, all.premium),
  ];
  return {
    title,
    columns: ISSUANCE_COLUMNS(first),
    rows: ranked(groups, (g) => g.premium).map(([k, g]) => line(k, g)),
    total: line('合计', all),
  };
}

function issuanceSheet(f: StatsFigures): ReportSheet | undefined {
  const i = f.issuance;
  if (!i) return undefined;
  const months = Object.entries(i.byMonth);
  return {
    name: SHEET_NAMES.issuance,
    title: `承保统计 ${periodLabel(f)}`,
    subtitle: `出单日期在 ${f.window.start} 至 ${f.window.end} 的保单 ${i.policyCount} 件`,
    tables: [
      issuanceTable('按业务员', '业务员', i.bySalesperson, i),
      issuanceTable('按保险公司', '保险公司', i.byInsurer, i),
      issuanceTable('按险种', '险种', i.byCoverage, i),
      issuanceTable('按业务类型', '业务类型', i.byBusinessType, i),
      {
        title: '按月保费（近 12 个月）',
        columns: [
          { header: '月份', format: 'text' },
          { header: '件数', format: 'int' },
          { header: '保费（元）', format: 'yuan' },
        ],
        rows: months.map(([m, x]) => [m, x.count, yuan(x.premium)]),
        total: [
          '合计',
          months.reduce((a, [, x]) => a + x.count, 0),
          yuan(months.reduce((a, [, x]) => a + x.premium, 0)),
        ],
      },
      ...agingTables(i.aging).map((t) => ({ ...t, title: `${t.title}（截至 ${f.window.end}）` })),
    ],
  };
}

function claimsSheet(f: StatsFigures, overdueDays: number): ReportSheet | undefined {
  const c = f.claims;
  if (!c) return undefined;
  const insurers = ranked(c.byInsurer, (g) => g.reportedCount + g.outstandingCount);
  const sum = (k: keyof (typeof c.byInsurer)[string]) => insurers.reduce((a, [, g]) => a + g[k], 0);
  const agingTotal = CLAIM_AGING_BUCKETS.reduce((a, b) => a + c.aging[b].amount, 0);
  const agingCount = CLAIM_AGING_BUCKETS.reduce((a, b) => a + c.aging[b].count, 0);
  return {
    name: SHEET_NAMES.claims,
    title: `理赔统计 ${periodLabel(f)}`,
    subtitle: `报案、递交、回款按 ${f.window.start} 至 ${f.window.end} 统计；未回款和逾期（递交超过 ${overdueDays} 天未回款）按基准日 ${f.asOf}`,
    tables: [
      {
        title: '按保险公司',
        columns: [
          { header: '保险公司', format: 'text' },
          { header: '报案件数', format: 'int' },
          { header: '递交件数', format: 'int' },
          { header: '递交金额（元）', format: 'yuan' },
          { header: '回款件数', format: 'int' },
          { header: '回款金额（元）', format: 'yuan' },
          { header: '未回款件数', format: 'int' },
          { header: '未回款金额（元）', format: 'yuan' },
          { header: '逾期件数', format: 'int' },
          { header: '逾期金额（元）', format: 'yuan' },
        ],
        rows: insurers.map(([k, g]) => [
          k,
          g.reportedCount,
          g.submittedCount,
          yuan(g.submittedAmount),
          g.paidCount,
          yuan(g.paidAmount),
          g.outstandingCount,
          yuan(g.outstandingAmount),
          g.overdueCount,
          yuan(g.overdueAmount),
        ]),
        total: [
          '合计',
          sum('reportedCount'),
          sum('submittedCount'),
          yuan(sum('submittedAmount')),
          sum('paidCount'),
          yuan(sum('paidAmount')),
          sum('outstandingCount'),
          yuan(sum('outstandingAmount')),
          sum('overdueCount'),
          yuan(sum('overdueAmount')),
        ],
      },
      {
        title: '未回款账龄（按递交后天数）',
        columns: [
          { header: '账龄（天）', format: 'text' },
          { header: '件数', format: 'int' },
          { header: '未回款金额（元）', format: 'yuan' },
          { header: '金额占比', format: 'rate' },
        ],
        rows: CLAIM_AGING_BUCKETS.map((b) => [
          b,
          c.aging[b].count,
          yuan(c.aging[b].amount),
          share(c.aging[b].amount, agingTotal),
        ]),
        total: ['合计', agingCount, yuan(agingTotal), share(agingTotal, agingTotal)],
      },
      {
        title: '逾期未回款明细',
        columns: [
          { header: '报案号', format: 'text' },
          { header: '车牌号', format: 'text' },
          { header: '保险公司', format: 'text' },
          { header: '递交日期', format: 'date' },
          { header: '已递交天数', format: 'int' },
          { header: '未回款金额（元）', format: 'yuan' },
          { header: '索赔员', format: 'text' },
        ],
        rows: c.overdue.map((o) => [
          o.claimNo,
          o.plateNo,
          o.insurer,
          o.submittedDate,
          o.days,
          o.outstanding === undefined ? NOT_APPLICABLE : yuan(o.outstanding),
          o.claimsClerk,
        ]),
        total: ['合计', c.overdueCount, null, null, null, yuan(c.overdueAmount), null],
      },
    ],
  };
}

const CONTRACT_GROUP_COLUMNS = (first: string): ReportColumn[] => [
  { header: first, format: 'text' },
  { header: '本期签订', format: 'int' },
  { header: '本期签订金额（元）', format: 'yuan' },
  { header: '本期回款（元）', format: 'yuan' },
  { header: '累计合同数', format: 'int' },
  { header: '累计合同金额（元）', format: 'yuan' },
  { header: '累计回款（元）', format: 'yuan' },
  { header: '应收余额（元）', format: 'yuan' },
  { header: '回款率', format: 'rate' },
];

function contractGroupTable(
  title: string,
  first: string,
  groups: Record<string, ContractGroup>,
  all: ContractGroup,
): ReportTable {
  const line = (k: string, g: ContractGroup): Cell[] => [
    k,
    g.signedCount,
    yuan(g.signedAmount),
    yuan(g.collectedAmount),
    g.contractCount,
    yuan(g.amountAtEnd),
    yuan(g.collectedAtEnd),
    yuan(g.receivableAtEnd),
    orNA(g.amountAtEnd, g.collectionRate),
  ];
  return {
    title,
    columns: CONTRACT_GROUP_COLUMNS(first),
    rows: ranked(groups, (g) => g.receivableAtEnd).map(([k, g]) => line(k, g)),
    total: line('合计', all),
  };
}

function contractSheets(f: StatsFigures): ReportSheet[] {
  const c = f.contracts;
  if (!c) return [];
  const agingTotal = AGING_BUCKETS.reduce((a, b) => a + c.aging[b], 0);
  const summary: ReportSheet = {
    name: SHEET_NAMES.contracts,
    title: `合同履行与回款 ${periodLabel(f)}`,
    subtitle: `签订和回款按 ${f.window.start} 至 ${f.window.end} 统计；应收余额、回款率和账龄按基准日 ${f.asOf}，覆盖截至该日签订的全部合同`,
    tables: [
      contractGroupTable('按片区', '片区', c.byRegion, c),
      {
        title: '应收账龄（按签订后天数）',
        columns: [
          { header: '账龄（天）', format: 'text' },
          { header: '合同数', format: 'int' },
          { header: '应收余额（元）', format: 'yuan' },
          { header: '金额占比', format: 'rate' },
        ],
        rows: AGING_BUCKETS.map((b) => [b, c.agingCount[b], yuan(c.aging[b]), share(c.aging[b], agingTotal)]),
        total: [
          '合计',
          AGING_BUCKETS.reduce((a, b) => a + c.agingCount[b], 0),
          yuan(agingTotal),
          share(agingTotal, agingTotal),
        ],
        note:
          [
            c.overCollectedCount ? `其中 ${c.overCollectedCount} 份合同回款超过合同金额，应收余额为负数，请核对。` : '',
            c.terminatedOpen
              ? `另有已终止合同的未收款 ${formatValue(yuan(c.terminatedOpen), 'yuan')} 元（终止未收），不计入应收余额和账龄。`
              : '',
          ]
            .filter(Boolean)
            .join('') || undefined,
      },
      contractGroupTable('按销售工程师', '销售工程师', c.bySalesEngineer, c),
    ],
  };
  const sumLines = (k: 'amount' | 'collectedInPeriod' | 'collectedToDate' | 'receivable') =>
    c.lines.reduce((a, l) => a + l[k], 0);
  const list: ReportSheet = {
    name: SHEET_NAMES.contractList,
    title: `合同履行一览表（截至 ${f.asOf}）`,
    tables: [
      {
        title: '合同履行一览表',
        columns: [
          { header: '合同编号', format: 'text' },
          { header: '客户名称', format: 'text', width: 24 },
          { header: '片区', format: 'text' },
          { header: '销售工程师', format: 'text' },
          { header: '签订日期', format: 'date' },
          { header: '合同金额（元）', format: 'yuan' },
          { header: '本期回款（元）', format: 'yuan' },
          { header: '累计回款（元）', format: 'yuan' },
          { header: '应收余额（元）', format: 'yuan' },
          { header: '回款率', format: 'rate' },
          { header: '签订天数', format: 'int' },
          { header: '账龄', format: 'text' },
          { header: '约定交付日期', format: 'date' },
          { header: '实际交付日期', format: 'date' },
          { header: '交付逾期', format: 'text' },
          { header: '状态', format: 'text' },
        ],
        rows: c.lines.map((l) => [
          l.contractNo,
          l.customer,
          l.region,
          l.salesEngineer,
          l.signDate,
          yuan(l.amount),
          yuan(l.collectedInPeriod),
          yuan(l.collectedToDate),
          yuan(l.receivable),
          l.collectionRate,
          l.ageDays,
          l.bucket,
          l.dueDate ?? null,
          l.deliveredDate ?? null,
          l.deliveryOverdue ? '是' : '否',
          l.status ?? null,
        ]),
        total: [
          '合计',
          `${c.lines.length} 份`,
          null,
          null,
          null,
          yuan(sumLines('amount')),
          yuan(sumLines('collectedInPeriod')),
          yuan(sumLines('collectedToDate')),
          yuan(sumLines('receivable')),
          share(sumLines('collectedToDate'), sumLines('amount')),
          null,
          null,
          null,
          null,
          `${c.deliveryOverdueCount} 份`,
          null,
        ],
      },
    ],
  };
  return [summary, list];
}

const ATT_COLUMNS: ReportColumn[] = [
  { header: '应出勤天数', format: 'int' },
  { header: '出勤天数', format: 'int' },
  { header: '出勤率', format: 'rate' },
  { header: '迟到天数', format: 'int' },
  { header: '请假天数', format: 'int' },
  { header: '无记录天数', format: 'int' },
  { header: '缺勤天数', format: 'int' },
  { header: '扣款（元）', format: 'yuan' },
];
const attCells = (g: Omit<AttendanceGroup, 'people'>): Cell[] => [
  g.scheduledDays,
  g.presentDays,
  orNA(g.scheduledDays - g.unrecordedDays, g.attendanceRate),
  g.lateDays,
  g.leaveDays,
  g.unrecordedDays,
  g.absentDays,
  yuan(g.deduction),
];
const WEEKDAY_NAMES = ['日', '一', '二', '三', '四', '五', '六'];

function attendanceSheets(f: StatsFigures): ReportSheet[] {
  const a = f.attendance;
  if (!a) return [];
  const rules = a.rules;
  const ruleText =
    `上班时间 ${minutesText(rules.workStart)}（之后打卡为迟到）· 迟到扣款 ${yuan(rules.lateFee)} 元/天 · 缺勤扣款 ${yuan(rules.absentFee)} 元/天 · 工作日 周${rules.workdays.map((d) => WEEKDAY_NAMES[d]).join('、')}` +
    (rules.holidays.length ? ` · 节假日 ${rules.holidays.join('、')}` : '') +
    (rules.makeupDays.length ? ` · 调休上班 ${rules.makeupDays.join('、')}` : '');
  const depts = Object.entries(a.byDept);
  const tables: ReportTable[] = [
    {
      title: '按部门',
      columns: [{ header: '部门', format: 'text' }, { header: '人数', format: 'int' }, ...ATT_COLUMNS],
      rows: depts.map(([k, g]) => [k, g.people, ...attCells(g)]),
      total: ['合计', a.totals.people, ...attCells(a.totals)],
    },
  ];
  if (a.months.length > 1) {
    tables.push({
      title: '按月份',
      columns: [{ header: '月份', format: 'text' }, { header: '人数', format: 'int' }, ...ATT_COLUMNS],
      rows: Object.entries(a.byMonth).map(([m, g]) => [m, g.people, ...attCells(g)]),
      total: ['合计', a.totals.people, ...attCells(a.totals)],
    });
  }
  // People grouped by department, departments in roster order.
  const deptOrder = new Map(depts.map(([k], i) => [k, i]));
  const people = [...a.byPerson].sort((x, y) => deptOrder.get(x.dept)! - deptOrder.get(y.dept)!);
  // Never an invented absence: a month without any record says so where its figures would be.
  const noData = a.noData.length
    ? [`${a.noData.join('、')} 无考勤数据（没有任何打卡或点到记录）：这些月份不计出勤、缺勤和扣款，请先补录考勤。`]
    : [];
  const unrecorded = a.totals.unrecordedDays
    ? [`无记录天数：该部门当天没有任何人打卡或点到，既不算出勤也不算缺勤，不扣款。`]
    : [];
  const sheets: ReportSheet[] = [
    {
      name: SHEET_NAMES.attendance,
      title: `差勤汇总 ${periodLabel(f)}`,
      subtitle: ruleText,
      tables,
      ...(noData.length + unrecorded.length ? { notes: [...noData, ...unrecorded] } : {}),
    },
    {
      name: SHEET_NAMES.attendancePeople,
      title: `月度差勤 ${periodLabel(f)}`,
      subtitle: ruleText,
      tables: [
        {
          title: '按人员',
          columns: [
            { header: '工号', format: 'text' },
            { header: '姓名', format: 'text' },
            { header: '部门', format: 'text' },
            ...ATT_COLUMNS,
          ],
          rows: people.map((p) => [p.employeeId, p.name, p.dept, ...attCells(p)]),
          total: ['合计', `${a.totals.people} 人`, null, ...attCells(a.totals)],
        },
      ],
    },
  ];
  if (a.calendar) {
    const [y, m] = a.calendar.month.split('-').map(Number);
    const days = a.calendar.people[0]?.days.length ?? new Date(Date.UTC(y, m, 0)).getUTCDate();
    const dayHeader = (i: number): string => {
      const iso = `${a.calendar!.month}-${String(i + 1).padStart(2, '0')}`;
      const tag = rules.holidays.includes(iso)
        ? '休'
        : rules.makeupDays.includes(iso)
          ? '班'
          : WEEKDAY_NAMES[weekday(iso)];
      return `${i + 1}(${tag})`;
    };
    sheets.push({
      name: SHEET_NAMES.attendanceDays,
      title: `考勤明细 ${periodLabel(f)}`,
      subtitle: '√ 出勤 · 迟 迟到 · 假 请假 · 缺 缺勤 · 空白 非工作日或不在职；表头 (休) 为节假日，(班) 为调休上班',
      tables: [
        {
          title: '每日考勤',
          columns: [
            { header: '工号', format: 'text' },
            { header: '姓名', format: 'text' },
            { header: '部门', format: 'text' },
            ...Array.from({ length: days }, (_, i): ReportColumn => ({
              header: dayHeader(i),
              format: 'text',
              width: 6,
            })),
          ],
          rows: a.calendar.people.map((p) => [
            p.employeeId,
            p.name,
            p.dept,
            ...p.days.map((d) => (d === '到' ? '√' : d)),
          ]),
        },
      ],
    });
  }
  return sheets;
}

function excludedSheet(f: StatsFigures): ReportSheet {
  return {
    name: SHEET_NAMES.excluded,
    title: '剔除明细',
    subtitle: '以下数据行缺少或无法识别某些字段，未计入所列统计项；补全后重新统计即可计入',
    tables: [
      {
        title: '未计入统计的数据行',
        columns: [
          { header: '台账', format: 'text' },
          { header: '工作表', format: 'text' },
          { header: '行号', format: 'int' },
          { header: '未计入的统计项', format: 'text', width: 24 },
          { header: '原因', format: 'text', width: 70 },
        ],
        rows: f.excluded.map((e) => [
          e.ledger === 'targets' ? '目标' : LEDGER_LABELS[e.ledger],
          e.sheet,
          e.row,
          FIGURE_LABELS[e.figure] ?? e.figure,
          e.reason,
        ]),
      },
    ],
  };
}

/** 手续不全清单: per specialist, the policies still lacking a paper and which. */
function documentsSheet(f: StatsFigures): ReportSheet | undefined {
  const d = f.documents;
  if (!d) return undefined;
  return {
    name: SHEET_NAMES.documents,
    title: `手续不全清单（截至 ${f.asOf}）`,
    subtitle: `单证登记 ${d.registered} 件，手续不全 ${d.incomplete.length} 件：按业务员列出，请逐件催收`,
    tables: [
      {
        title: '按业务员',
        columns: [
          { header: '业务员', format: 'text' },
          { header: '手续不全件数', format: 'int' },
        ],
        rows: Object.entries(d.bySpecialist).map(([k, n]) => [k, n]),
        total: ['合计', d.incomplete.length],
      },
      {
        title: '手续不全的保单',
        columns: [
          { header: '业务员', format: 'text' },
          { header: '保单号', format: 'text' },
          { header: '被保险人', format: 'text' },
          { header: '缺少的单证', format: 'text' },
        ],
        rows: d.incomplete.map((p) => [p.specialist, p.policyNo, p.insuredName, p.missing.join('、')]),
      },
    ],
  };
}

/** 物品: each item's moves in the period and what is left, then who holds what. */
function itemsSheet(f: StatsFigures): ReportSheet | undefined {
  const it = f.items;
  // Nothing moved or held by the as-of date: nothing to show.
  if (!it || !Object.keys(it.byItem).length) return undefined;
  const entries = Object.entries(it.byItem);
  return {
    name: SHEET_NAMES.items,
    title: `物品统计 ${periodLabel(f)}`,
    subtitle: `入库、领用、发放、退回按 ${f.window.start} 至 ${f.window.end} 统计；库存和人员手中的数量截至 ${f.asOf}`,
    tables: [
      {
        title: '按物品',
        columns: [
          { header: '物品', format: 'text' },
          { header: '入库', format: 'int' },
          { header: '领用', format: 'int' },
          { header: '发放', format: 'int' },
          { header: '退回', format: 'int' },
          { header: '库存', format: 'int' },
          { header: '人员手中', format: 'int' },
        ],
        rows: entries.map(([item, x]) => [item, x.received, x.taken, x.given, x.returned, x.stock, x.held]),
      },
      {
        title: '人员手中',
        columns: [
          { header: '持有人', format: 'text' },
          { header: '物品', format: 'text' },
          { header: '数量', format: 'int' },
        ],
        rows: it.holders.map((h) => [h.holder, h.item, h.quantity]),
      },
    ],
  };
}

/** 证件到期清单: who must renew a licence, lapsed first. */
function licenceSheet(f: StatsFigures): ReportSheet | undefined {
  const lines = f.attendance?.licences ?? [];
  if (!lines.length) return undefined;
  return {
    name: SHEET_NAMES.licences,
    title: `证件到期清单（基准日 ${f.asOf}）`,
    subtitle: '在职人员中执业证（展业证）已过期或 30 天内到期的，按到期先后排列：过期不能展业，请尽快办理换证',
    tables: [
      {
        title: '证件到期',
        columns: [
          { header: '工号', format: 'text' },
          { header: '姓名', format: 'text' },
          { header: '部门', format: 'text' },
          { header: '执业证号', format: 'text' },
          { header: '证书有效期至', format: 'date' },
          { header: '剩余天数', format: 'int' },
          { header: '状态', format: 'text' },
        ],
        rows: lines.map((l) => [
          l.employeeId,
          l.name,
          l.dept,
          l.practiceNo,
          l.licenceExpiry,
          l.daysLeft,
          l.daysLeft < 0 ? '已过期' : '即将到期',
        ]),
      },
    ],
  };
}

// ---- charts ----------------------------------------------------------------------------

function charts(f: StatsFigures): ChartSpec[] {
  const out: ChartSpec[] = [];
  const chart = (
    id: string,
    title: string,
    sheet: string,
    kind: ChartSpec['kind'],
    format: Format,
    rows: readonly (readonly [string, ...number[]])[],
    names: readonly string[],
  ) => {
    if (!rows.length) return;
    const categories = rows.map((r) => r[0]);
    out.push({
      id,
      title,
      sheet,
      kind,
      format,
      categories,
      series: names.map((name, i) => ({ name, values: rows.map((r) => r[i + 1] as number) })),
    });
  };
  if (f.renewal) {
    const rows = f.renewal.bySpecialist.map((s) => [s.specialist, s.renewalRate] as const);
    chart('renewalRateBySpecialist', '续保率（按专员）', SHEET_NAMES.renewal, 'bar', 'rate', rows, ['续保率']);
  }
  if (f.issuance) {
    const months = Object.entries(f.issuance.byMonth).map(([m, x]) => [m, yuan(x.premium)] as const);
    chart('premiumByMonth', '保费（按月，元）', SHEET_NAMES.issuance, 'column', 'yuan', months, ['保费']);
    const insurers = Object.entries(f.issuance.byInsurer).map(([k, x]) => [k, yuan(x.premium)] as const);
    chart('premiumByInsurer', '保费（按保险公司，元）', SHEET_NAMES.issuance, 'bar', 'yuan', insurers, ['保费']);
  }
  if (f.claims) {
    const c = f.claims;
    const insurers = Object.entries(c.byInsurer).map(
      ([k, x]) => [k, yuan(x.submittedAmount), yuan(x.paidAmount)] as const,
    );
    chart('claimsSubmittedPaid', '理赔递交与回款（按保险公司，元）', SHEET_NAMES.claims, 'bar', 'yuan', insurers, [
      '递交金额',
      '回款金额',
    ]);
    const aging = CLAIM_AGING_BUCKETS.map((b) => [`${b} 天`, yuan(c.aging[b].amount)] as const);
    chart('claimsAging', '理赔未回款账龄（元）', SHEET_NAMES.claims, 'column', 'yuan', aging, ['未回款金额']);
  }
  if (f.contracts) {
    const aging = AGING_BUCKETS.map((b) => [`${b} 天`, yuan(f.contracts!.aging[b])] as const);
    chart('receivableAging', '合同应收账龄（元）', SHEET_NAMES.contracts, 'column', 'yuan', aging, ['应收余额']);
  }
  if (f.attendance) {
    const depts = Object.entries(f.attendance.byDept).map(([k, g]) => [k, g.attendanceRate] as const);
    chart('attendanceRateByDept', '出勤率（按部门）', SHEET_NAMES.attendance, 'bar', 'rate', depts, ['出勤率']);
  }
  if (f.deliveries) {
    const lines = f.deliveries.byConsultant.map((l) => [l.consultant, l.rate] as const);
    chart('deliveryRate', '新车投保率（按销售顾问）', DEALER_SHEETS.deliveries, 'bar', 'rate', lines, ['新车投保率']);
  }
  if (f.targets?.length) {
    const lines = f.targets.map((t) => [t.member ? `${t.figure}·${t.member}` : t.figure, t.achievement] as const);
    chart('achievement', '目标达成率', SHEET_NAMES.overview, 'bar', 'rate', lines, ['达成率']);
  }
  return out;
}

export function buildReport(
  f: StatsFigures,
  prev: StatsFigures | undefined,
  overdueDays: number,
  lastYear?: StatsFigures,
): Report {
  const sheets: ReportSheet[] = [overview(f, prev, lastYear)];
  const add = (s: ReportSheet | ReportSheet[] | undefined) => {
    if (Array.isArray(s)) sheets.push(...s);
    else if (s) sheets.push(s);
  };
  add(deskSheet(f));
  add(renewalSheet(f));
  add(issuanceSheet(f));
  add(claimsSheet(f, overdueDays));
  add(contractSheets(f));
  add(attendanceSheets(f));
  add(licenceSheet(f));
  add(itemsSheet(f));
  add(documentsSheet(f));
  if (f.deliveries) add(deliverySheet(f.deliveries, periodLabel(f), f.window));
  if (f.claimsAnalysis) add(claimsAnalysisSheet(f.claimsAnalysis, periodLabel(f), f.asOf));
  add(followupSheet(f));
  sheets.push(excludedSheet(f));
  const overviewSheet = sheets[0];
  return { title: overviewSheet.title, sheets, charts: charts(f) };
}

// ---- layout: a sheet as one grid with a style per cell ---------------------------------

const DELTA_OF: Partial<Record<Format, CellFormat>> = {
  int: 'intDelta',
  yuan: 'yuanDelta',
  rate: 'pointsDelta',
  days: 'daysDelta',
};

export type CellRole = 'title' | 'subtitle' | 'tableTitle' | 'header' | 'body' | 'total' | 'note';

export interface CellStyle {
  role: CellRole;
  format?: CellFormat;
}

export interface SheetLayout {
  name: string;
  rows: Cell[][];
  /** Parallel to rows: the style of each cell (undefined = plain). */
  styles: (CellStyle | undefined)[][];
  /** Rows to freeze at the top: through the first table's header. */
  freezeRows: number;
  /** Column widths in characters (CJK = 2). */
  widths: number[];
  /** Where each table landed: 0-based header row, its column count, and the rows below it (data + total). */
  tables: { header: number; columns: number; rows: number }[];
}

/** Characters of a number shown with thousands separators and `decimals` places (toLocaleString is slow on 100k cells). */
function numberWidth(v: number, decimals: number): number {
  const digits = Math.max(1, Math.floor(Math.log10(Math.max(1, Math.abs(Math.trunc(v))))) + 1);
  return (v < 0 ? 1 : 0) + digits + Math.floor((digits - 1) / 3) + (decimals ? decimals + 1 : 0);
}

const SHOWN_WIDTH: Partial<Record<CellFormat, (v: number) => number>> = {
  yuan: (v) => numberWidth(v, 2),
  int: (v) => numberWidth(v, 0),
  rate: () => 8,
  date: () => 10,
};

// One object per (role, format): a 100k-row table shares a handful of styles instead of holding a million.
const STYLES = new Map<string, CellStyle>();
function styleOf(role: CellRole, format?: CellFormat): CellStyle {
  const key = `${role}|${format ?? ''}`;
  let s = STYLES.get(key);
  if (!s) {
    s = format ? { role, format } : { role };
    STYLES.set(key, s);
  }
  return s;
}

/** Flattens a sheet: title, subtitle, then each table (title, header, rows, total, note) with a blank row between. */
export function layoutSheet(s: ReportSheet): SheetLayout {
  const rows: Cell[][] = [];
  const styles: (CellStyle | undefined)[][] = [];
  const placed: SheetLayout['tables'] = [];
  const widths: number[] = [];
  const fit = (c: number, w: number) => {
    widths[c] = Math.min(60, Math.max(widths[c] ?? 8, w + 2));
  };
  const push = (cells: Cell[], style: (c: number) => CellStyle | undefined) => {
    rows.push(cells);
    styles.push(cells.map((_, c) => style(c)));
  };
  push([s.title], () => styleOf('title'));
  if (s.subtitle) push([s.subtitle], () => styleOf('subtitle'));
  let freezeRows = 0;
  s.tables.forEach((t, ti) => {
    push([], () => undefined);
    push([t.title], () => styleOf('tableTitle'));
    placed.push({ header: rows.length, columns: t.columns.length, rows: t.rows.length + (t.total ? 1 : 0) });
    push(
      t.columns.map((c) => c.header),
      () => styleOf('header'),
    );
    if (ti === 0) freezeRows = rows.length;
    t.columns.forEach((c, i) => {
      if (c.width) widths[i] = Math.max(widths[i] ?? 0, c.width);
      else fit(i, textWidth(c.header));
    });
    const formatAt = (r: number, c: number): CellFormat => {
      const given = t.cellFormats?.[r]?.[c];
      if (given) return given;
      const f = t.columns[c]?.format ?? 'text';
      if (f !== 'row' && f !== 'rowDelta') return f;
      const own = t.rowFormats?.[r] ?? 'text';
      return f === 'row' ? own : (DELTA_OF[own as Format] ?? own);
    };
    const body = (cells: Cell[], r: number, role: CellRole) => {
      // A '—' in a number column keeps the column's format so it aligns with the numbers.
      push(cells, (c) =>
        styleOf(
          role,
          typeof cells[c] === 'string' && cells[c] !== NOT_APPLICABLE && formatAt(r, c) !== 'date'
            ? 'text'
            : formatAt(r, c),
        ),
      );
      if (r < 200 || role === 'total') {
        cells.forEach((v, c) => {
          if (t.columns[c]?.width) return;
          const f = formatAt(r, c);
          fit(
            c,
            typeof v === 'number'
              ? (SHOWN_WIDTH[f]?.(v) ?? textWidth(String(v)))
              : textWidth(v === null || v === undefined ? '' : String(v)),
          );
        });
      }
    };
    t.rows.forEach((cells, r) => body(cells, r, 'body'));
    if (t.total) body(t.total, -1, 'total');
    if (t.note) push([t.note], () => styleOf('note'));
  });
  for (const n of s.notes ?? []) push([n], () => styleOf('note'));
  return { name: s.name, rows, styles, freezeRows, widths: Array.from(widths, (w) => w ?? 10), tables: placed };
}

/**
 * The dealer desk's report sheets: 新车投保率 (the leaderboard with its chart, the months, the
 * 战败 with reasons, 未遵守战败管理) and 理赔月度分析 (a sheet a 理赔组长 pastes into the written
 * monthly report).
 */
import type { ReportSheet, ReportTable } from './report';
import type { ClaimsAnalysis, DeliveryFigures } from './dealer';

export const DEALER_SHEETS = { deliveries: '新车投保率', claimsAnalysis: '理赔月度分析' } as const;

const counted = (title: string, what: string, o: Record<string, number>): ReportTable => ({
  title,
  columns: [
    { header: what, format: 'text' },
    { header: '件数', format: 'int' },
  ],
  rows: Object.entries(o)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh'))
    .map(([k, n]) => [k, n]),
  total: ['合计', Object.values(o).reduce((a, n) => a + n, 0)],
});

const lostTable = (title: string, list: DeliveryFigures['lostList']): ReportTable => ({
  title,
  columns: [
    { header: '销售顾问', format: 'text' },
    { header: '交车日期', format: 'date' },
    { header: '客户名称', format: 'text' },
    { header: '车架号', format: 'text' },
    { header: '战败原因', format: 'text' },
  ],
  rows: list.map((l) => [l.consultant, l.deliveryDate, l.customer, l.vin, l.reason ?? '（未写原因）']),
});

export function deliverySheet(d: DeliveryFigures, label: string, window: { start: string; end: string }): ReportSheet {
  return {
    name: DEALER_SHEETS.deliveries,
    title: `新车投保率排行榜 ${label}`,
    subtitle: `交车日期在 ${window.start} 至 ${window.end} 的新车 ${d.deliveries} 辆，本店投保 ${d.insuredHere} 辆，战败 ${d.lost} 辆；承保台账中有该车架号交车前后 30 天内起保的保单即本店投保`,
    tables: [
      {
        title: '排行榜（按销售顾问）',
        columns: [
          { header: '名次', format: 'int' },
          { header: '销售顾问', format: 'text' },
          { header: '交车', format: 'int' },
          { header: '本店投保', format: 'int' },
          { header: '战败', format: 'int' },
          { header: '新车投保率', format: 'rate' },
        ],
        rows: d.byConsultant.map((l) => [l.rank, l.consultant, l.deliveries, l.insuredHere, l.lost, l.rate]),
        total: [null, '合计', d.deliveries, d.insuredHere, d.lost, d.rate],
      },
      {
        title: '按月',
        columns: [
          { header: '月份', format: 'text' },
          { header: '交车', format: 'int' },
          { header: '本店投保', format: 'int' },
          { header: '新车投保率', format: 'rate' },
        ],
        rows: Object.entries(d.byMonth).map(([m, x]) => [m, x.deliveries, x.insuredHere, x.rate]),
      },
      counted('战败原因', '原因', d.lostReasons),
      lostTable('未遵守战败管理（战败未写原因）', d.noReason),
      lostTable('战败清单', d.lostList),
    ],
  };
}

export function claimsAnalysisSheet(a: ClaimsAnalysis, label: string, asOf: string): ReportSheet {
  return {
    name: DEALER_SHEETS.claimsAnalysis,
    title: `理赔月度分析 ${label}`,
    subtitle: `退案、未返厂按报案日期统计；逾期为基准日 ${asOf} 仍逾期未回款的案件；返厂率 = 回店 ÷ (回店 + 未回店) 的出险咨询来电`,
    tables: [
      counted('退案原因', '退案原因', a.returnedByReason),
      counted('逾期原因', '逾期原因', a.overdueByReason),
      counted('逾期（按保险公司）', '保险公司', a.overdueByInsurer),
      counted('逾期（按索赔员）', '索赔员', a.overdueByClerk),
      {
        title: '出险咨询与返厂',
        columns: [
          { header: '来电', format: 'int' },
          { header: '回店', format: 'int' },
          { header: '未回店', format: 'int' },
          { header: '跟进中', format: 'int' },
          { header: '返厂率', format: 'rate' },
          { header: '转为理赔', format: 'int' },
        ],
        rows: [
          [
            a.calls.count,
            a.calls.returned,
            a.calls.notReturned,
            a.calls.following,
            a.calls.returnRate,
            a.calls.becameClaims,
          ],
        ],
      },
      {
        title: '未返厂客户',
        columns: [
          { header: '来源', format: 'text' },
          { header: '日期', format: 'date' },
          { header: '车牌号', format: 'text' },
          { header: '联系电话', format: 'text' },
          { header: '保险公司', format: 'text' },
          { header: '未回店原因', format: 'text' },
          { header: '报案号', format: 'text' },
        ],
        rows: a.notReturned.map((n) => [
          n.source,
          n.date,
          n.plateNo,
          n.phone,
          n.insurer,
          n.reason ?? '（未写原因）',
          n.claimNo ?? null,
        ]),
      },
      {
        title: '逐月对比（近 6 个月）',
        columns: [
          { header: '月份', format: 'text' },
          { header: '报案', format: 'int' },
          { header: '退案', format: 'int' },
          { header: '月末逾期', format: 'int' },
          { header: '未返厂', format: 'int' },
          { header: '出险来电', format: 'int' },
          { header: '返厂率', format: 'rate' },
        ],
        rows: a.monthly.map((m) => [
          m.month,
          m.reported,
          m.returnedCases,
          m.overdue,
          m.notReturned,
          m.calls,
          m.callReturnRate,
        ]),
      },
    ],
  };
}

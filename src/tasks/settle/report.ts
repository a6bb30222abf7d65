/**
 * The settlement as report sheets (the statistics' Report model, so the command line's writer
 * and the add-in's write them alike): 对账汇总, one printable 结算清单 per insurer with the
 * signature lines, a sheet per reconciliation class the clerk works through (with a 处理情况
 * column to fill), the lines that could not be read, and the 账龄.
 */
import type { Cell } from '../../grid';
import { fenToYuan as yuan } from '../../rules/money';
import type { Report, ReportSheet, ReportTable, ReportColumn } from '../stats/report';
import { AGING_BUCKETS, type Aging, type AgingPair, type Buckets } from './aging';
import { CLASSES, CLASS_LABELS, type Policy, type ReconClass, type ReconRow, type SettleResult } from './index';

export const SIGNATURE_LINE = '出单员：____________　　财务出纳：____________　　日期：____________';

const text = (header: string, width?: number): ReportColumn => ({
  header,
  format: 'text',
  ...(width ? { width } : {}),
});
const money = (header: string): ReportColumn => ({ header, format: 'yuan' });
const int = (header: string): ReportColumn => ({ header, format: 'int' });

/** A sheet name Excel accepts, unique among `taken`. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[\\/?*[\]:]/g, '_').slice(0, 31);
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base.slice(0, 27)} (${k})`;
  taken.add(name);
  return name;
}

const optionalYuan = (fen: number | undefined): Cell => (fen === undefined ? null : yuan(fen));

function listSheet(name: string, r: SettleResult, list: SettleResult['lists'][number]): ReportSheet {
  const t = list.totals;
  return {
    name,
    title: `结算清单 ${list.insurer} ${r.period.label}`,
    subtitle: `${r.period.start} 至 ${r.period.end} 出单的保单，共 ${t.policies} 件；金额单位：元`,
    tables: [
      {
        title: '保单明细',
        columns: [
          text('保单号'),
          text('险种'),
          text('被保险人'),
          text('车牌号'),
          { header: '出单日期', format: 'date' },
          money('保费'),
          money('实收保费'),
          money('未缴'),
          { header: '代理费率', format: 'rate' },
          money('代理费'),
          money('代理费已收'),
          money('差额'),
        ],
        rows: list.policies.map((p) => {
          const unpaid = p.premium === undefined ? undefined : p.premium - (p.paidPremium ?? 0);
          return [
            p.policyNo,
            p.coverage ?? null,
            p.insuredName ?? null,
            p.plateNo ?? null,
            p.issueDate ?? null,
            optionalYuan(p.premium),
            optionalYuan(unpaid === undefined ? undefined : p.premium! - unpaid),
            optionalYuan(unpaid),
            p.commissionRate ?? null,
            optionalYuan(p.commission),
            yuan(p.commissionReceived ?? 0),
            yuan((p.commission ?? 0) - (p.commissionReceived ?? 0)),
          ];
        }),
        total: [
          `合计 ${t.policies} 件`,
          null,
          null,
          null,
          null,
          yuan(t.premium),
          yuan(t.paidPremium),
          yuan(t.unpaid),
          null,
          yuan(t.commission),
          yuan(t.commissionReceived),
          yuan(t.commissionDue),
        ],
      },
    ],
    notes: [...r.notes, '差额 = 代理费 − 代理费已收（尚未收到的代理费）', SIGNATURE_LINE],
  };
}

const whereOf = (row: ReconRow): string => row.lines.map((l) => `${l.sheet} 第 ${l.row} 行`).join('；');

function classTable(cls: ReconClass, rows: readonly ReconRow[]): ReportTable {
  const policy = (p: Policy | undefined) => [p?.insurer ?? null, p?.insuredName ?? null, p?.issueDate ?? null];
  return {
    title: CLASS_LABELS[cls],
    columns: [
      text('保单号'),
      text('保险公司'),
      text('被保险人'),
      { header: '出单日期', format: 'date' },
      money('我方代理费'),
      money('结算单金额'),
      money('差额'),
      text('结算单位置', 24),
      text('说明', 24),
      text('处理情况', 16),
    ],
    rows: rows.map((row) => [
      row.policyNo,
      ...policy(row.policy),
      row.policy ? yuan(row.ours) : null,
      row.lines.length ? yuan(row.theirs) : null,
      yuan(row.difference),
      whereOf(row),
      row.note ?? null,
      null,
    ]),
    total: [
      `合计 ${rows.length} 件`,
      null,
      null,
      null,
      yuan(rows.reduce((a, x) => a + x.ours, 0)),
      yuan(rows.reduce((a, x) => a + x.theirs, 0)),
      yuan(rows.reduce((a, x) => a + x.difference, 0)),
      null,
      null,
      null,
    ],
  };
}

const CLASS_HINTS: Record<ReconClass, string> = {
  matched: '台账代理费与结算单金额相等（到分）',
  amountDiffers: '两边都有、金额不同：差额 = 结算单金额 − 我方代理费，负数为少付',
  oursOnly: '本期本店出单、结算单上没有：向保险公司催付代理费',
  theirsOnly: '结算单上有、承保台账中没有：核对保单号，或补登台账',
  duplicate: '同一保单号在结算单上出现不止一次（含退保扣回）：逐行核对',
};

function agingTable(title: string, aging: Aging, pick: (p: AgingPair) => Buckets): ReportTable {
  const names = Object.keys(aging.byInsurer).sort((a, b) => a.localeCompare(b, 'zh'));
  const line = (b: Buckets) => [
    ...AGING_BUCKETS.map((k) => yuan(b[k])),
    yuan(AGING_BUCKETS.reduce((a, k) => a + b[k], 0)),
  ];
  return {
    title,
    columns: [text('保险公司'), ...AGING_BUCKETS.map((k) => money(`${k} 天`)), money('合计')],
    rows: names.map((n) => [n, ...line(pick(aging.byInsurer[n]))]),
    total: ['合计', ...line(pick(aging))],
  };
}

/** 未收代理费 and 未缴保费 by insurer and age: in the settlement and in the statistics' 承保 sheet. */
export const agingTables = (aging: Aging): ReportTable[] => [
  agingTable('未收代理费账龄', aging, (p) => p.commissionDue),
  agingTable('未缴保费账龄', aging, (p) => p.unpaidPremium),
];

export function settleReport(r: SettleResult, inputs: readonly string[]): Report {
  const taken = new Set<string>();
  const title = `结算对账 ${r.period.label}${r.insurer ? ` ${r.insurer}` : ''}`;
  const sheets: ReportSheet[] = [];
  const rec = r.reconciliation;
  const byClass = (cls: ReconClass) => rec?.rows.filter((x) => x.class === cls) ?? [];
  const summary: ReportSheet = {
    name: sheetName('对账汇总', taken),
    title,
    subtitle: `基准日 ${r.asOf}；文件：${inputs.join('、')}`,
    tables: [
      {
        title: '按保险公司（本期出单）',
        columns: [
          text('保险公司'),
          int('件数'),
          money('保费'),
          money('实收保费'),
          money('未缴'),
          money('代理费'),
          money('代理费已收'),
          money('未收代理费'),
        ],
        rows: r.lists.map((l) => [
          l.insurer,
          l.totals.policies,
          yuan(l.totals.premium),
          yuan(l.totals.paidPremium),
          yuan(l.totals.unpaid),
          yuan(l.totals.commission),
          yuan(l.totals.commissionReceived),
          yuan(l.totals.commissionDue),
        ]),
      },
    ],
    notes: r.notes,
  };
  if (rec) {
    summary.tables.unshift({
      title: '对账结果',
      columns: [text('类别'), int('件数'), money('我方代理费'), money('结算单金额'), money('差额'), text('说明', 40)],
      rows: [
        ...CLASSES.map((cls) => {
          const rows = byClass(cls);
          const sum = (f: (x: ReconRow) => number) => yuan(rows.reduce((a, x) => a + f(x), 0));
          return [
            CLASS_LABELS[cls],
            rows.length,
            sum((x) => x.ours),
            sum((x) => x.theirs),
            sum((x) => x.difference),
            CLASS_HINTS[cls],
          ];
        }),
        ['无法识别', rec.unreadable.length, null, null, null, '结算单中读不出保单号或金额的行：见“无法识别”表'],
      ],
    });
  }
  sheets.push(summary);
  for (const l of r.lists) sheets.push(listSheet(sheetName(`结算清单-${l.insurer}`, taken), r, l));
  if (rec) {
    // Problems first: the clerk works down the tabs; the matched lines come last, for the record.
    for (const cls of ['amountDiffers', 'oursOnly', 'theirsOnly', 'duplicate', 'matched'] as const) {
      const rows = byClass(cls);
      if (!rows.length) continue;
      sheets.push({
        name: sheetName(CLASS_LABELS[cls], taken),
        title: `${CLASS_LABELS[cls]}（${rows.length} 件）`,
        subtitle: CLASS_HINTS[cls],
        tables: [classTable(cls, rows)],
      });
    }
    if (rec.unreadable.length)
      sheets.push({
        name: sheetName('无法识别', taken),
        title: `结算单中无法识别的行（${rec.unreadable.length} 行）`,
        subtitle: '这些行没有参与对账：请对照原结算单改正后重新对账',
        tables: [
          {
            title: '无法识别',
            columns: [text('文件'), text('工作表'), text('单元格'), text('内容'), text('原因', 40)],
            // The file's name, not the path it was given by: what the clerk recognises.
            rows: rec.unreadable.map((u) => [u.file.split(/[\\/]/).pop() ?? u.file, u.sheet, u.cell, u.text, u.reason]),
          },
        ],
      });
  }
  sheets.push({
    name: sheetName('账龄', taken),
    title: `账龄（截至 ${r.asOf}，按出单日期起算）`,
    subtitle: '未收代理费 = 代理费 − 代理费已收；未缴保费 = 保费 − 实收保费',
    tables: agingTables(r.aging),
  });
  const charts: Report['charts'] = [];
  return { title, sheets, charts };
}

/**
 * 结算对账: the open workbook's 承保台账 settled for a period — the 结算清单 per insurer, ready
 * to print and sign, and the insurer's statements (files picked in the pane, read there) ticked
 * against it policy by policy — as a workbook of its own, the one `insdesk settle --out` writes
 * (or, where Excel cannot open one, as sheets beside the ledger: 结算-对账汇总, 结算清单-平安产险
 * …). The ledger is never written.
 */
import { layoutSheet } from '../src/tasks/stats';
import { asOfOf } from '../src/tasks/validate';
import { settle, settleTables, type SettleResult, type SourcedTable } from '../src/tasks/settle';
import { settleReport } from '../src/tasks/settle/report';
import { missingStatementColumn } from '../src/tasks/settle/missing';
import type { Grid } from '../src/grid';
import { activateSheet } from '../taskpane/excel/decorate';
import { checkWritable } from '../taskpane/excel/guards';
import { queueOutputs } from '../taskpane/excel/outputSheet';
import { writeReportSheet } from '../taskpane/excel/reportSheet';
import type { ProgressSink } from './progress';
import { Session, WORKBOOK_NAME, type CommandStats } from './session';
import { statsWindow } from './stats';
import type { OpenWorkbook } from '../taskpane/excel/run';
import { reportBase64 } from '../taskpane/reportWorkbook';

export const SETTLE_GROUP = 'settle';

export interface SettleOptions {
  /** '' or absent: the last complete month of the 基准日. */
  period?: string;
  insurer?: string;
  /** The insurer's statements, read in the pane. */
  statements?: readonly { name: string; grids: readonly Grid[] }[];
}

export interface SettleSummary {
  result: SettleResult;
  sheets: string[];
  stats: CommandStats;
  /** The report went to a workbook of its own (sheets: its sheet names). */
  newWorkbook: boolean;
}

/** The report's sheet names as sheets beside the ledger: each says it belongs to the settlement. */
const sheetNameOf = (name: string): string => (name.startsWith('结算') ? name : `结算-${name}`).slice(0, 31);

/** With `open`, the report is a workbook of its own (as `insdesk settle --out` writes it); else sheets beside the ledger. */
export async function runSettle(
  context: Excel.RequestContext,
  options: SettleOptions,
  progress: ProgressSink,
  open?: OpenWorkbook,
): Promise<SettleSummary> {
  const session = new Session(context, progress);
  const book = await session.read({ guards: { merges: false } });
  const { result, report, layouts } = session.engine('结算对账', () => {
    const { period, asOf } = statsWindow(options.period ?? '', asOfOf(book.grids));
    const tables: SourcedTable[] = settleTables(book.grids, asOf).map((table) => ({ file: WORKBOOK_NAME, table }));
    if (!tables.some((t) => t.table.table.key === 'issuance'))
      throw new Error(
        '工作簿中没有找到承保台账（表头须含 出单日期、保单号、险种、被保险人、起保日期、保费），无法结算',
      );
    for (const s of options.statements ?? []) {
      const found = settleTables(s.grids, asOf).filter((t) => t.table.key === 'statement');
      if (!found.length) throw new Error(`${s.name} 不是保险公司结算单：${missingStatementColumn(s.grids)}`);
      for (const table of found) tables.push({ file: s.name, table });
    }
    const result = settle(tables, { period, asOf: period.end < asOf ? period.end : asOf, insurer: options.insurer });
    const report = settleReport(result, [WORKBOOK_NAME, ...(options.statements ?? []).map((s) => s.name)]);
    return { result, report, layouts: report.sheets.map(layoutSheet) };
  });

  const rec = result.reconciliation;
  const checked = rec
    ? `；对账 ${rec.rows.length} 件，其中有问题 ${rec.rows.filter((r) => r.class !== 'matched').length} 件，无法识别 ${rec.unreadable.length} 行`
    : '';
  const what = `结算完成：${result.period.label} ${result.lists.length} 家保险公司${checked}`;
  if (open) {
    await session.openNew('生成结算工作簿', () => reportBase64(report), open);
    const stats = await session.finish(`${what}，已在新工作簿中打开 ${report.sheets.length} 张表`);
    return { result, sheets: report.sheets.map((s) => s.name), stats, newWorkbook: true };
  }
  checkWritable({ addsSheets: true, structureProtected: !!book.structureProtected, sheets: [] });
  return session.writing(async () => {
    const { batch } = session;
    await session.startWriting('写入结算清单', report.sheets.length);
    const outputs = queueOutputs(
      context,
      book.sheets,
      SETTLE_GROUP,
      report.sheets.map((s) => sheetNameOf(s.name)),
    );
    for (const [i, sheet] of report.sheets.entries()) {
      await writeReportSheet(batch, outputs[i].sheet, sheet, layouts[i], [], book.date1904);
      progress.update(i + 1, report.sheets.length);
    }
    if (outputs.length) await activateSheet(batch, outputs[0].sheet);
    const stats = await session.finish(`${what}，写入 ${outputs.length} 张表`);
    return { result, sheets: outputs.map((o) => o.name), stats, newWorkbook: false };
  });
}

/**
 * 月度统计: the statistics report of the open workbook's ledgers, as sheets beside them
 * (统计-总览, 统计-续保 …), each written by taskpane/excel/reportSheet.ts.
 */
import { ledgerKeys, ledgerTitle } from '../src/ledgers';
import { asOfOf } from '../src/tasks/validate';
import { addDays } from '../src/rules/date';
import {
  layoutSheet,
  numFmtOf,
  ledgersOfBooks,
  defaultPeriod,
  parsePeriod,
  PERIOD_HINT,
  runStats,
  type Period,
  type StatsResult,
} from '../src/tasks/stats';
import { activateSheet } from '../taskpane/excel/decorate';
import { queueOutputs } from '../taskpane/excel/outputSheet';
import { writeReportSheet } from '../taskpane/excel/reportSheet';
import type { ProgressSink } from './progress';
import { checkWritable } from '../taskpane/excel/guards';
import { Session, WORKBOOK_NAME, type CommandStats } from './session';
import type { OpenWorkbook } from '../taskpane/excel/run';
import { reportBase64 } from '../taskpane/reportWorkbook';

export const STATS_GROUP = 'stats';
/** Output sheets are the report's sheets under this prefix, apart from the clerk's own sheets. */
export const STATS_PREFIX = '统计-';

export { numFmtOf };

export interface StatsSummary {
  period: Period;
  asOf: string;
  result: StatsResult;
  /** Output sheet names, in report order. */
  sheets: string[];
  charts: number;
  stats: CommandStats;
  /** The report went to a workbook of its own (sheets: its sheet names). */
  newWorkbook: boolean;
}

/**
 * The period and as-of date of a run. A blank period is the last complete month on the 基准日
 * (设置, else today): on 2026-12-05, November. The as-of date is the period's last day, or the
 * 基准日 while the period is running.
 */
export function statsWindow(periodText: string, baseDate: string): { period: Period; asOf: string } {
  const period = periodText.trim() ? parsePeriod(periodText) : defaultPeriod(baseDate);
  if (!period) throw new Error(`统计期间无法识别: ${periodText}（${PERIOD_HINT}）`);
  if (period.start > baseDate)
    throw new Error(`统计期间 ${period.label} 还没有开始（基准日为 ${baseDate}），请选择已开始的期间`);
  return { period, asOf: period.end < baseDate ? period.end : baseDate };
}

/** 昨日日报: the day before the 基准日 (设置, else today) — the report a specialist's day ends with. */
export const yesterdayWindow = (baseDate: string): { period: Period; asOf: string } =>
  statsWindow(addDays(baseDate, -1), baseDate);

/**
 * With `open` (Excel.createWorkbook, ExcelApi 1.8) the report is a workbook of its own — the
 * file `insdesk stats --out` writes — and the ledger workbook gets nothing; without it (an
 * older Excel) its sheets go beside the ledgers.
 */
export function runMonthlyStats(
  context: Excel.RequestContext,
  period: string,
  progress: ProgressSink,
  open?: OpenWorkbook,
): Promise<StatsSummary> {
  return runStatsSheets(context, (base) => statsWindow(period, base), progress, open);
}

export function runDailyReport(
  context: Excel.RequestContext,
  progress: ProgressSink,
  open?: OpenWorkbook,
): Promise<StatsSummary> {
  return runStatsSheets(context, yesterdayWindow, progress, open);
}

async function runStatsSheets(
  context: Excel.RequestContext,
  windowOf: (baseDate: string) => { period: Period; asOf: string },
  progress: ProgressSink,
  open: OpenWorkbook | undefined,
): Promise<StatsSummary> {
  const session = new Session(context, progress);
  const book = await session.read({ guards: { merges: false } });
  const { window, result, layouts } = session.engine('统计', () => {
    const window = windowOf(asOfOf(book.grids));
    const loaded = ledgersOfBooks([{ file: WORKBOOK_NAME, grids: book.grids }], window.asOf);
    if (!loaded.tables.length) {
      throw new Error(`工作簿中没有找到任何台账（${ledgerKeys().map(ledgerTitle).join('、')}），无法统计`);
    }
    const result = runStats(loaded, window);
    return { window, result, layouts: result.report.sheets.map(layoutSheet) };
  });

  const what = `${window.period.label}（基准日 ${window.asOf}）`;
  if (open) {
    await session.openNew('生成统计工作簿', () => reportBase64(result.report), open);
    const names = result.report.sheets.map((s) => s.name);
    const stats = await session.finish(
      `统计完成：${what}，已在新工作簿中打开 ${names.length} 张统计表：${names.join('、')}`,
    );
    return { ...window, result, sheets: names, charts: result.report.charts.length, stats, newWorkbook: true };
  }
  checkWritable({ addsSheets: true, structureProtected: !!book.structureProtected, sheets: [] });
  return session.writing(async () => {
    const { batch } = session;
    const { report } = result;
    await session.startWriting('写入统计表', report.sheets.length);
    const names = report.sheets.map((s) => STATS_PREFIX + s.name);
    const outputs = queueOutputs(context, book.sheets, STATS_GROUP, names);
    for (const [i, sheet] of report.sheets.entries()) {
      const charts = report.charts.filter((c) => c.sheet === sheet.name);
      await writeReportSheet(batch, outputs[i].sheet, sheet, layouts[i], charts, book.date1904);
      progress.update(i + 1, report.sheets.length);
    }
    if (outputs.length) {
      await activateSheet(batch, outputs[0].sheet);
    }
    const stats = await session.finish(
      `统计完成：${what}，写入 ${outputs.length} 张统计表：${outputs.map((o) => o.name).join('、')}`,
    );
    return {
      ...window,
      result,
      sheets: outputs.map((o) => o.name),
      charts: report.charts.length,
      stats,
      newWorkbook: false,
    };
  });
}

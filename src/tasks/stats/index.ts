/**
 * 月度统计 (ledgers.md "Monthly statistics"): parsed ledger tables + settings → the JSON
 * figures and the report sheets. Pure and browser-safe: the command line and the Excel
 * ribbon button run the same code on grids read from files or from the open workbook.
 */
import { computeFigures, statsRows, type StatsFigures, type StatsInput } from './figures';
import { previousAsOf, previousPeriod, type Period } from './period';
import { statsJson } from './json';
import { buildReport, type Report } from './report';

export interface StatsOptions {
  period: Period;
  /** Default: the period's last day. */
  asOf?: string;
}

export interface StatsResult {
  figures: StatsFigures;
  /** The previous period of the same length (环比), as of the matching day. */
  previous: StatsFigures;
  json: Record<string, unknown>;
  report: Report;
}

export function runStats(input: StatsInput, opts: StatsOptions): StatsResult {
  const asOf = opts.asOf ?? opts.period.end;
  const rows = statsRows(input.tables);
  const figures = computeFigures(rows, input.settings, opts.period, asOf);
  const previous = computeFigures(rows, input.settings, previousPeriod(opts.period), previousAsOf(opts.period, asOf));
  return {
    figures,
    previous,
    json: statsJson(figures, previous),
    report: buildReport(figures, previous, input.settings.claimOverdueDays),
  };
}

export { defaultPeriod, parsePeriod, previousPeriod, previousAsOf, PERIOD_HINT } from './period';
export type { Period } from './period';
export type { StatsFigures, StatsInput } from './figures';
export { computeFigures, statsRows, STATS_LEDGERS } from './figures';
export { layoutSheet, SHEET_NAMES, FIGURE_LABELS, NOT_APPLICABLE } from './report';
export type { Report, ReportSheet, ReportTable, ChartSpec, CellFormat, SheetLayout, CellStyle } from './report';
export type { Excluded } from './excluded';
export { formatValue, NUM_FMT } from './format';
export { LedgerLoader, ledgersOfBooks } from './load';
export type { LoadedLedgers } from './load';
export { headlines, hasActivity, change, LEDGER_LABELS } from './headline';
export type { Headline, Format } from './headline';

/**
 * 月度统计 (ledgers.md "Monthly statistics"): parsed ledger tables + settings → the JSON
 * figures and the report sheets. Pure and browser-safe: the command line and the Excel
 * ribbon button run the same code on grids read from files or from the open workbook.
 */
import { computeFigures, statsRows, type StatsFigures, type StatsInput } from './figures';
import { lastYearAsOf, lastYearPeriod, previousAsOf, previousPeriod, type Period } from './period';
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
  /** The same period a year earlier (同比), as of the same day a year earlier. */
  lastYear: StatsFigures;
  json: Record<string, unknown>;
  report: Report;
}

export function runStats(input: StatsInput, opts: StatsOptions): StatsResult {
  const asOf = opts.asOf ?? opts.period.end;
  const rows = statsRows(input.tables);
  const figures = computeFigures(rows, input.settings, opts.period, asOf);
  const previous = computeFigures(rows, input.settings, previousPeriod(opts.period), previousAsOf(opts.period, asOf));
  const lastYear = computeFigures(rows, input.settings, lastYearPeriod(opts.period), lastYearAsOf(asOf));
  return {
    figures,
    previous,
    lastYear,
    json: statsJson(figures, previous, lastYear),
    report: buildReport(figures, previous, input.settings.claimOverdueDays, lastYear),
  };
}

export { defaultPeriod, parsePeriod, previousPeriod, previousAsOf, PERIOD_HINT } from './period';
export type { Period } from './period';
export type { StatsFigures, StatsInput } from './figures';
export { computeFigures, statsRows, STATS_LEDGERS } from './figures';
export { layoutSheet, SHEET_NAMES, FIGURE_LABELS, NOT_APPLICABLE } from './report';
export type { Report, ReportSheet, ReportTable, ChartSpec, CellFormat, SheetLayout, CellStyle } from './report';
export type { Excluded } from './excluded';
export { formatValue, numFmtOf, toneOf } from './format';
export { LedgerLoader, ledgersOfBooks } from './load';
export type { LoadedLedgers } from './load';
export { headlines, hasActivity, change, LEDGER_LABELS } from './headline';
export type { Headline, Format } from './headline';

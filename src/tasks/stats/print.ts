/**
 * How a report sheet sits on paper and where its charts go — one answer for the workbook the
 * command line writes and for the sheets the add-in writes into Excel. Pure and browser-safe.
 *
 * Charts go below the tables (a page fitted to its width stays readable), each beside a small
 * block holding its numbers: an Excel chart draws from cells, and a clerk can check them there.
 * Page breaks keep every table and every chart on one page when it fits on one.
 */
import type { Cell } from '../../grid';
import { textWidth } from '../../sheetOut';
import { PAGE } from '../../page';
import type { ChartSpec, SheetLayout } from './report';

/** Rows and columns a chart covers. */
const CHART_ROWS = 18;
const CHART_COLS = 8;

export interface ChartBlock {
  chart: ChartSpec;
  /** 0-based top row of the data block (header row, then a row per category) in column A. */
  row: number;
  /** Header row ('' then the series names), then category and values. */
  data: Cell[][];
  /** The cells the chart covers, 0-based and inclusive. */
  from: { row: number; col: number };
  to: { row: number; col: number };
}

/** Below the sheet's last row, one chart after another, each to the right of its numbers. */
export function placeCharts(lay: SheetLayout, charts: readonly ChartSpec[]): ChartBlock[] {
  let row = lay.rows.length + 1;
  return charts.map((chart) => {
    const data: Cell[][] = [
      ['', ...chart.series.map((s) => s.name)],
      ...chart.categories.map((c, i) => [c, ...chart.series.map((s) => s.values[i])]),
    ];
    const col = chart.series.length + 2;
    const block = {
      chart,
      row,
      data,
      from: { row, col },
      to: { row: row + CHART_ROWS - 1, col: col + CHART_COLS - 1 },
    };
    row += Math.max(data.length, CHART_ROWS) + 1;
    return block;
  });
}

/**
 * A column's width is counted in characters of the workbook's default font, which each program
 * replaces with what it has: 5.25 pt in Excel's Calibri, about 6.5 pt where LibreOffice falls
 * back to DejaVu Sans. The scale is planned on the widest, so the sheet fits the page's width
 * everywhere (with some room to spare in Excel).
 */
const WIDEST_POINTS_PER_CHAR = 7;
/** Excel's default column width in characters. */
const DEFAULT_WIDTH = 8.43;
const ROW_POINTS = 18;

/**
 * Every row's height (rows below the layout: the charts' blocks), set rather than left to each
 * program: a CJK face is taller than Excel's default row, and pages can only be planned on
 * heights that every program keeps.
 */
export function rowPoints(lay: SheetLayout, r: number): number {
  const role = lay.styles[r]?.[0]?.role;
  return role === 'header' ? 30 : role === 'title' ? 24 : ROW_POINTS;
}

/** Column widths in characters: the layout's, widened where a chart's numbers need more. */
export function sheetWidths(lay: SheetLayout, blocks: readonly ChartBlock[]): number[] {
  const widths = [...lay.widths];
  for (const b of blocks) {
    b.data.forEach((cells) =>
      cells.forEach((v, c) => {
        const need = typeof v === 'number' ? String(Math.round(v)).length * 1.4 + 4 : textWidth(String(v ?? '')) + 2;
        widths[c] = Math.max(widths[c] ?? DEFAULT_WIDTH, Math.min(40, need));
      }),
    );
  }
  return widths;
}

/**
 * The print scale in percent at which the sheet, charts included, fits the page's width. It is
 * set, not left to "fit to width": each program computes that differently, and the page
 * breaks below are only right at a scale every program keeps.
 */
export function printScale(lay: SheetLayout, blocks: readonly ChartBlock[]): number {
  const widths = sheetWidths(lay, blocks);
  const cols = Math.max(widths.length, ...blocks.map((b) => b.to.col + 1));
  let width = 0;
  for (let c = 0; c < cols; c++) width += WIDEST_POINTS_PER_CHAR * (widths[c] ?? DEFAULT_WIDTH) + 5;
  return Math.max(10, Math.min(100, Math.floor((PAGE.widthPt / width) * 100)));
}

/** Whether the sheet prints its header row on every page: a sheet of one long table does. */
export const repeatsHeader = (lay: SheetLayout): boolean => lay.tables.length === 1 && lay.freezeRows > 0;

/**
 * 0-based rows a page break goes above: before a table or chart that would otherwise start on
 * one page and end on the next, when it fits on a page of its own. Longer ones simply flow.
 */
export function pageBreaks(lay: SheetLayout, blocks: readonly ChartBlock[]): number[] {
  const page = (PAGE.heightPt * 100) / printScale(lay, blocks);
  const lastRow = Math.max(lay.rows.length, ...blocks.map((b) => Math.max(b.to.row, b.row + b.data.length - 1) + 1));
  const height = (r: number) => rowPoints(lay, r);
  // The header row printed again at the top of every later page.
  const repeated = repeatsHeader(lay) ? height(lay.freezeRows - 1) : 0;
  // Each table from its title to its total row; each chart with its numbers.
  const keep = new Map<number, number>();
  for (const t of lay.tables) keep.set(t.header - 1, t.header + t.rows);
  for (const b of blocks) keep.set(b.row, Math.max(b.to.row, b.row + b.data.length - 1));
  const span = (from: number, to: number) => {
    let h = 0;
    for (let r = from; r <= to; r++) h += height(r);
    return h;
  };
  const breaks: number[] = [];
  let y = 0;
  for (let r = 0; r < lastRow; r++) {
    const end = keep.get(r);
    if (end !== undefined && y > repeated) {
      const h = span(r, end);
      if (y + h > page && repeated + h <= page) {
        breaks.push(r);
        y = repeated;
      }
    }
    const h = height(r);
    if (y + h > page) y = repeated;
    y += h;
  }
  return breaks;
}

/**
 * One sheet of the statistics report written into the open workbook: the engine's Report laid
 * out cell by cell (layoutSheet), with its number formats, styled titles, headers and totals,
 * column widths, frozen headers, and a native Excel chart for each chart of the sheet, drawn
 * from a small data block written beside the tables (Excel charts need their numbers in cells).
 */
import type { Cell } from '../../src/grid';
import { columnLetter } from '../../src/grid';
import { dayNumber } from '../../src/rules/date';
import { numFmtOf, type CellStyle, type ChartSpec, type ReportSheet, type SheetLayout } from '../../src/tasks/stats';
import type { RequestBatch } from './batch';
import { addChart, formatColumns } from './decorate';
import { writeGrid } from './grid';
import { jsonBytes, OP_OVERHEAD_BYTES } from './limits';

/** Tables up to this many rows get a format per cell; longer ones a format per column, copied down. */
const CELLWISE_ROWS = 500;
/** Rows a chart spans beside its data. */
const CHART_ROWS = 18;
const CHART_COLS = 8;

const LOOK: Partial<
  Record<CellStyle['role'], { bold?: boolean; size?: number; italic?: boolean; color?: string; fill?: string }>
> = {
  title: { bold: true, size: 14 },
  subtitle: { color: '#595959' },
  tableTitle: { bold: true, size: 12, color: '#1F4E78' },
  header: { bold: true, fill: '#DDEBF7' },
  total: { bold: true, fill: '#F2F2F2' },
  note: { italic: true, color: '#7F7F7F' },
};

/** ISO dates in date-formatted cells become dates, so Excel sorts and filters them as dates. */
function cellValue(v: Cell, style: CellStyle | undefined): Cell {
  if (style?.format === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
    return new Date(dayNumber(v) * 86_400_000);
  return v === undefined ? null : v;
}

/** Column width in points for a width in characters (Excel's default font). */
const points = (chars: number): number => Math.round((chars * 5.25 + 3.75) * 4) / 4;

async function styleRuns(batch: RequestBatch, ws: Excel.Worksheet, lay: SheetLayout): Promise<void> {
  for (let r = 0; r < lay.rows.length; r++) {
    const role = lay.styles[r][0]?.role;
    const look = role && LOOK[role];
    if (!look) continue;
    const width = role === 'header' || role === 'total' ? lay.rows[r].length : 1;
    const range = ws.getRangeByIndexes(r, 0, 1, width);
    await batch.reserve(5 * OP_OVERHEAD_BYTES);
    if (look.bold) range.format.font.bold = true;
    if (look.size) range.format.font.size = look.size;
    if (look.italic) range.format.font.italic = true;
    if (look.color) range.format.font.color = look.color;
    if (look.fill) range.format.fill.color = look.fill;
  }
}

async function numberFormats(
  batch: RequestBatch,
  ws: Excel.Worksheet,
  sheet: ReportSheet,
  lay: SheetLayout,
): Promise<void> {
  for (const [ti, at] of lay.tables.entries()) {
    if (!at.rows) continue;
    const table = sheet.tables[ti];
    const first = at.header + 1;
    const cellwise = table.rowFormats !== undefined || at.rows <= CELLWISE_ROWS;
    // Long tables: one format per column, from the column's declared format; the total row as laid out.
    const bodyRows = cellwise ? 0 : table.rows.length;
    if (bodyRows) {
      const formats = table.columns.map((c) =>
        c.format === 'row' || c.format === 'rowDelta' ? undefined : numFmtOf(c.format),
      );
      await formatColumns(batch, ws, { row: first, col: 0, rows: bodyRows, cols: at.columns }, formats);
    }
    const from = first + bodyRows;
    const rows = lay.styles
      .slice(from, first + at.rows)
      .map((styles) => Array.from({ length: at.columns }, (_, c) => numFmtOf(styles[c]?.format ?? 'text')));
    if (!rows.length) continue;
    await batch.reserve(2 * OP_OVERHEAD_BYTES + jsonBytes(rows));
    ws.getRangeByIndexes(from, 0, rows.length, at.columns).numberFormat = rows;
  }
}

/** The chart's numbers in cells beside the tables, and the chart over them. */
async function drawCharts(
  batch: RequestBatch,
  ws: Excel.Worksheet,
  lay: SheetLayout,
  charts: readonly ChartSpec[],
): Promise<void> {
  const col = Math.max(...lay.rows.map((r) => r.length)) + 1;
  let row = lay.tables[0] ? lay.tables[0].header - 1 : 0;
  for (const chart of charts) {
    const rows: Cell[][] = [['', chart.seriesName], ...chart.categories.map((c, i) => [c, chart.values[i]])];
    await writeGrid(batch, ws, { row, col }, rows);
    const format = numFmtOf(chart.format === 'yuan' ? 'yuan' : chart.format === 'rate' ? 'rate' : 'int');
    await formatColumns(batch, ws, { row: row + 1, col: col + 1, rows: chart.categories.length, cols: 1 }, [format]);
    await addChart(batch, ws, ws.getRangeByIndexes(row, col, rows.length, 2), {
      type: chart.kind === 'bar' ? 'BarClustered' : 'ColumnClustered',
      title: chart.title,
      topLeft: `${columnLetter(col + 3)}${row + 1}`,
      bottomRight: `${columnLetter(col + 3 + CHART_COLS)}${row + CHART_ROWS}`,
      seriesBy: 'Columns',
    });
    row += Math.max(rows.length, CHART_ROWS) + 2;
  }
}

export async function writeReportSheet(
  batch: RequestBatch,
  ws: Excel.Worksheet,
  sheet: ReportSheet,
  lay: SheetLayout,
  charts: readonly ChartSpec[],
  date1904: boolean,
): Promise<void> {
  const rows = lay.rows.map((cells, r) => cells.map((v, c) => cellValue(v, lay.styles[r][c])));
  await writeGrid(batch, ws, { row: 0, col: 0 }, rows, { date1904 });
  await numberFormats(batch, ws, sheet, lay);
  await styleRuns(batch, ws, lay);
  await batch.reserve((lay.widths.length + 1) * OP_OVERHEAD_BYTES);
  lay.widths.forEach((w, c) => {
    ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = points(w);
  });
  if (lay.freezeRows) ws.freezePanes.freezeRows(lay.freezeRows);
  await drawCharts(batch, ws, lay, charts);
}

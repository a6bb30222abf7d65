/**
 * One sheet of the statistics report written into the open workbook: the engine's Report laid
 * out cell by cell (layoutSheet), with its number formats, styled titles, headers and totals,
 * column widths, frozen headers, and a native Excel chart for each chart of the sheet below the
 * tables, drawn from a small data block (Excel charts need their numbers in cells).
 */
import type { Cell } from '../../src/grid';
import { columnLetter } from '../../src/grid';
import { dayNumber } from '../../src/rules/date';
import { numFmtOf, type CellStyle, type ChartSpec, type ReportSheet, type SheetLayout } from '../../src/tasks/stats';
import { placeCharts, sheetWidths, type ChartBlock } from '../../src/tasks/stats/print';
import { columnPoints } from '../../src/page';
import type { RequestBatch } from './batch';
import { addChart, formatColumns } from './decorate';
import { writeGrid } from './grid';
import { jsonBytes, OP_OVERHEAD_BYTES } from './limits';

/** Tables up to this many rows get a format per cell; longer ones a format per column, copied down. */
const CELLWISE_ROWS = 500;

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

/** Each chart below the tables, over the cells placeCharts gives it, drawn from its data block. */
async function drawCharts(batch: RequestBatch, ws: Excel.Worksheet, blocks: readonly ChartBlock[]): Promise<void> {
  for (const block of blocks) {
    const { chart, row, data } = block;
    await writeGrid(batch, ws, { row, col: 0 }, data);
    const format = numFmtOf(chart.format === 'yuan' ? 'yuan' : chart.format === 'rate' ? 'rate' : 'int');
    await formatColumns(
      batch,
      ws,
      { row: row + 1, col: 1, rows: chart.categories.length, cols: chart.series.length },
      chart.series.map(() => format),
    );
    await addChart(batch, ws, ws.getRangeByIndexes(row, 0, data.length, chart.series.length + 1), {
      type: chart.kind === 'bar' ? 'BarClustered' : 'ColumnClustered',
      title: chart.title,
      topLeft: `${columnLetter(block.from.col)}${block.from.row + 1}`,
      bottomRight: `${columnLetter(block.to.col)}${block.to.row + 1}`,
      seriesBy: 'Columns',
    });
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
  const blocks = placeCharts(lay, charts);
  const widths = sheetWidths(lay, blocks);
  await batch.reserve((widths.length + 1) * OP_OVERHEAD_BYTES);
  widths.forEach((w, c) => {
    ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round(columnPoints(w) * 4) / 4;
  });
  if (lay.freezeRows) ws.freezePanes.freezeRows(lay.freezeRows);
  await drawCharts(batch, ws, blocks);
}

/**
 * A Report (the statistics, the settlement) as the sheets of an .xlsx: one writer for the
 * command line (exceljs streamed, src/io/statsOut.ts) and the add-in (a workbook of its own,
 * built in the pane with exceljs's browser build) — set up for A4 printing, with the native
 * charts chartParts.ts adds. Browser-safe: nothing here touches the file system.
 */
import type ExcelJS from 'exceljs';
import type { Cell } from '../grid';
import { layoutSheet, numFmtOf, type CellStyle, type ChartSpec, type Report, type ReportSheet } from '../tasks/stats';
import {
  pageBreaks,
  placeCharts,
  printScale,
  repeatsHeader,
  rowPoints,
  sheetWidths,
  type ChartBlock,
} from '../tasks/stats/print';
import { headerFooter, PAGE, REPORT_FONT } from '../page';
import { addCharts, type SheetCharts } from './chartParts';

/** What the writer needs of a workbook: the streamed writer and the in-memory workbook both have it. */
export interface SheetMaker {
  addWorksheet(name: string, options?: Partial<ExcelJS.AddWorksheetOptions>): ExcelJS.Worksheet;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFBFBFBF' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, bottom: THIN, left: THIN, right: THIN };
const RIGHT: Partial<ExcelJS.Alignment> = { horizontal: 'right' };
/** Named, with the sans family and the GB2312 charset, so every program picks a sans CJK face. */
const FONT: Partial<ExcelJS.Font> = { name: REPORT_FONT, family: 2, charset: 134, size: 11 };

/** One exceljs style per (role, format), shared by every cell that has it. */
const styleCache = new Map<string, Partial<ExcelJS.Style>>();
function excelStyle(s: CellStyle): Partial<ExcelJS.Style> {
  const key = `${s.role}|${s.format ?? ''}`;
  let st = styleCache.get(key);
  if (st) return st;
  const numFmt = s.format && s.format !== 'text' ? numFmtOf(s.format) : undefined;
  const font = (f: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ ...FONT, ...f });
  switch (s.role) {
    case 'title':
      st = { font: font({ bold: true, size: 14 }) };
      break;
    case 'subtitle':
      st = { font: font({ color: { argb: 'FF595959' } }) };
      break;
    case 'tableTitle':
      st = { font: font({ bold: true, size: 12, color: { argb: 'FF1F4E78' } }) };
      break;
    case 'header':
      st = {
        font: font({ bold: true }),
        fill: HEADER_FILL,
        border: BOX,
        alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      };
      break;
    case 'total':
      st = {
        font: font({ bold: true }),
        fill: TOTAL_FILL,
        border: BOX,
        ...(numFmt ? { numFmt, alignment: RIGHT } : {}),
      };
      break;
    case 'note':
      st = { font: font({ italic: true, color: { argb: 'FF7F7F7F' } }) };
      break;
    default:
      st = { font: font(), border: BOX, ...(numFmt ? { numFmt, alignment: RIGHT } : {}) };
  }
  styleCache.set(key, st);
  return st;
}

/** ISO date text in a date-formatted cell becomes a real date (exceljs: UTC midnight). */
function excelValue(v: Cell, s: CellStyle | undefined): ExcelJS.CellValue {
  if (v === undefined) return null;
  if (s?.format === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }
  return v as ExcelJS.CellValue;
}

/** The cells of a chart's data block: bold headers, the chart's number format. */
function chartDataStyles(block: ChartBlock): (CellStyle | undefined)[][] {
  const format = block.chart.format;
  return block.data.map((cells, r) =>
    cells.map((_, c) => (r === 0 ? { role: 'header' } : { role: 'body', format: c === 0 ? 'text' : format })),
  );
}

function writeSheet(wb: SheetMaker, title: string, sheet: ReportSheet, charts: readonly ChartSpec[]): ChartBlock[] {
  const lay = layoutSheet(sheet);
  const blocks = placeCharts(lay, charts);
  const single = sheet.tables.length === 1 ? lay.tables[0] : undefined;
  const ws = wb.addWorksheet(lay.name, {
    views: [{ state: 'frozen', ySplit: lay.freezeRows, xSplit: 0, showGridLines: false }],
    pageSetup: {
      paperSize: PAGE.paperSize,
      orientation: 'landscape',
      scale: printScale(lay, blocks),
      horizontalCentered: true,
      ...(repeatsHeader(lay) ? { printTitlesRow: `${lay.freezeRows}:${lay.freezeRows}` } : {}),
    },
    headerFooter: headerFooter(title, lay.name),
    ...(single && sheet.tables[0].rows.length
      ? {
          autoFilter: {
            from: { row: single.header + 1, column: 1 },
            to: { row: single.header + 1 + sheet.tables[0].rows.length, column: single.columns },
          },
        }
      : {}),
  } as Partial<ExcelJS.AddWorksheetOptions>);
  ws.columns = sheetWidths(lay, blocks).map((width) => ({ width }));
  // The chart blocks' rows follow the tables' (one blank row between).
  const rows = [...lay.rows];
  const styles = [...lay.styles];
  for (const b of blocks) {
    const s = chartDataStyles(b);
    b.data.forEach((cells, i) => {
      rows[b.row + i] = cells;
      styles[b.row + i] = s[i];
    });
  }
  const breaks = new Set(pageBreaks(lay, blocks));
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    const st = styles[r] ?? [];
    const row = ws.addRow(cells.map((v, c) => excelValue(v, st[c])));
    cells.forEach((_, c) => {
      const s = st[c];
      if (s) row.getCell(c + 1).style = excelStyle(s);
    });
    row.height = rowPoints(lay, r);
    // A break "after this row" is one above the next.
    if (breaks.has(r + 1)) row.addPageBreak();
    row.commit();
  }
  // Only a streamed sheet is committed; an in-memory one is written with its workbook.
  (ws as unknown as { commit?: () => void }).commit?.();
  return blocks;
}

/** Every sheet of the report into `wb`; returns each sheet's chart blocks for addCharts. */
export function writeReportSheets(wb: SheetMaker, report: Report): SheetCharts[] {
  return report.sheets.map((s) => ({
    sheet: s.name,
    blocks: writeSheet(
      wb,
      report.title,
      s,
      report.charts.filter((c) => c.sheet === s.name),
    ),
  }));
}

/** The exceljs module, as the caller has it (Node's, or the browser build loaded in the pane). */
export interface ExcelModule {
  Workbook: new () => ExcelJS.Workbook;
}

/** The report as .xlsx bytes built in memory: how the add-in makes a workbook of its own. */
export async function reportXlsxBytes(excel: ExcelModule, report: Report): Promise<Uint8Array> {
  const wb = new excel.Workbook();
  wb.creator = 'insdesk';
  const sheets = writeReportSheets(wb as unknown as SheetMaker, report);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return addCharts(bytes, sheets);
}

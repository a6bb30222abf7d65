/**
 * The validation report workbook: a `问题清单` sheet (one row per finding, each 单元格 a
 * link) and a marked-up copy of every checked sheet (flagged cells filled by level, the
 * messages as cell notes). The source workbooks are only read, never written.
 *
 * Written with exceljs' streaming writer: a marked copy of a 100k-row ledger would cost
 * gigabytes as an in-memory workbook. The links are HYPERLINK() formulas because exceljs'
 * own in-document links do not open in WPS (and its streaming writer cannot write them).
 */
import { open, unlink } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import { excel } from './lazy';
import type { Cell, Grid } from '../grid';
import { columnIndex, columnLetter } from '../grid';
import type { Level } from '../findings';
import { LEVEL_ORDER } from '../findings';
import { tableByKey } from '../ledgers';
import { cellText } from '../rules/text';
import { serialToIso } from '../rules/date';
import { byCell } from '../read/table';
import { MARK_PREFIX } from '../findings';
import {
  headerAt,
  issueRow,
  issuesSummary,
  ISSUES_HEADER_ROW,
  ISSUES_HEADER_WITH_FILE,
  ISSUES_SHEET,
  LEVEL_FILL,
  LEVEL_LABEL,
  whereOf,
} from '../tasks/issueList';
import type { Book, SheetFinding, SheetResult, ValidateResult } from '../tasks/validate';
import { textWidth } from '../sheetOut';
import { listPrintSetup } from '../page';

const MAX_SHEET_NAME = 31;
/** Rows looked at to fit column widths: enough to size a column, cheap on 100k rows. */
const WIDTH_SAMPLE = 200;

/** A sheet name Excel accepts (no []:*?/\, no leading or trailing apostrophe, ≤ 31), unique in `taken`. */
export function markedSheetName(source: string, taken: Set<string>): string {
  const base = (MARK_PREFIX + source.replace(/[[\]:*?/\\]/g, '_')).replace(/'+$/, '');
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `(${n})`;
    const name = [...base].slice(0, MAX_SHEET_NAME - suffix.length).join('') + suffix;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

/** `=HYPERLINK("#'sheet'!F17","F17")`, quotes escaped for both the reference and the string. */
export function linkFormula(sheet: string, address: string, text: string): string {
  const target = `#'${sheet.replace(/'/g, "''")}'!${address}`;
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return `HYPERLINK(${q(target)},${q(text)})`;
}

/** Ledger columns whose numbers the copy shows formatted: dates and times as such, money to the fen. */
type ShownKind = 'date' | 'datetime' | 'time' | 'money';

interface Mark {
  level: Level;
  lines: string[];
}

interface Copy {
  name: string;
  grid: Grid;
  headerRow: number;
  order: number;
  /** Kinds of the columns whose numbers are shown formatted (date serials, money), by 0-based grid column. */
  kinds: Map<number, ShownKind>;
  /** Marks by 1-based row, then 1-based column. */
  marks: Map<number, Map<number, Mark>>;
}

interface Issue {
  file: string;
  fileOrder: number;
  sheet: string;
  sheetOrder: number;
  finding: SheetFinding;
  header: string;
  target?: { sheet: string; address: string };
}

function shownKinds(grid: Grid, sheet: SheetResult | undefined): Map<number, ShownKind> {
  const kinds = new Map<number, ShownKind>();
  if (!sheet) return kinds;
  const table = tableByKey(sheet.table);
  for (const m of sheet.mapping) {
    const kind = table.column(m.key).kind;
    if (kind === 'date' || kind === 'datetime' || kind === 'time' || kind === 'money')
      kinds.set(columnIndex(m.letter) - (grid.origin?.col ?? 0), kind);
  }
  return kinds;
}

/** Where every finding is listed and marked; `books` are the grids the result came from. */
function plan(result: ValidateResult, books: readonly Book[]): { issues: Issue[]; copies: Copy[] } {
  const taken = new Set([ISSUES_SHEET.toLowerCase()]);
  const issues: Issue[] = [];
  const copies: Copy[] = [];
  result.files.forEach((file, fileOrder) => {
    const book = books[fileOrder]?.file === file.file ? books[fileOrder] : books.find((b) => b.file === file.file);
    const gridOf = (sheet: string) => book?.grids.find((g) => g.sheet === sheet);
    const own: Copy[] = [];
    const copyFor = (sheet: string, headerRow: number): Copy | undefined => {
      const grid = gridOf(sheet);
      if (!grid) return undefined;
      let copy = own.find((c) => c.grid === grid);
      if (!copy) {
        copy = {
          name: markedSheetName(sheet, taken),
          grid,
          headerRow,
          order: book!.grids.indexOf(grid),
          kinds: shownKinds(
            grid,
            file.sheets.find((s) => s.sheet === sheet),
          ),
          marks: new Map(),
        };
        own.push(copy);
      }
      return copy;
    };
    const place = (sheet: string, headerRow: number, f: SheetFinding) => {
      const grid = gridOf(sheet);
      const copy = f.row > 0 ? copyFor(sheet, headerRow) : undefined;
      let target: Issue['target'];
      if (copy) {
        // A finding about the whole row marks the row's first cell.
        const column = f.column || columnLetter(copy.grid.origin?.col ?? 0);
        const byColumn = copy.marks.get(f.row) ?? new Map<number, Mark>();
        copy.marks.set(f.row, byColumn);
        const mark = byColumn.get(columnIndex(column) + 1) ?? { level: f.level, lines: [] };
        if (LEVEL_ORDER[f.level] < LEVEL_ORDER[mark.level]) mark.level = f.level;
        mark.lines.push(`${LEVEL_LABEL[f.level]}：${f.message}`);
        byColumn.set(columnIndex(column) + 1, mark);
        target = { sheet: copy.name, address: `${column}${f.row}` };
      }
      issues.push({
        file: file.file,
        fileOrder,
        sheet,
        sheetOrder: grid ? book!.grids.indexOf(grid) : -1,
        finding: f,
        header: headerAt(grid, headerRow, f.column),
        target,
      });
    };
    for (const s of file.sheets) {
      copyFor(s.sheet, s.headerRow);
      for (const f of s.findings) place(s.sheet, s.headerRow, f);
    }
    for (const f of file.findings) place(f.sheet, 0, f);
    // Copies follow the source workbook's sheet order.
    copies.push(...own.sort((a, b) => a.order - b.order));
  });
  issues.sort((a, b) => a.fileOrder - b.fileOrder || a.sheetOrder - b.sheetOrder || byCell(a.finding, b.finding));
  return { issues, copies };
}

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/** Rows written between two progress reports. */
const PROGRESS_STEP = 2048;

type Tick = (rows: number) => void;

function writeIssues(wb: ExcelJS.stream.xlsx.WorkbookWriter, issues: readonly Issue[], tick: Tick): void {
  const ws = wb.addWorksheet(ISSUES_SHEET, {
    views: [{ state: 'frozen', ySplit: ISSUES_HEADER_ROW }],
    ...(listPrintSetup('校验报告', ISSUES_SHEET, ISSUES_HEADER_ROW) as Partial<ExcelJS.AddWorksheetOptions>),
  });
  // 工作表 单元格 列名 级别 说明 文件 处理情况 代码
  const widths = [10, 8, 8, 6, 30, 10, 12, 12];
  for (const i of issues.slice(0, WIDTH_SAMPLE)) {
    const texts = [
      i.sheet,
      `${i.finding.column}${i.finding.row}`,
      i.header,
      '',
      i.finding.message,
      i.file,
      '',
      i.finding.code,
    ];
    texts.forEach((t, c) => (widths[c] = Math.max(widths[c], Math.min(c === 4 ? 90 : 40, textWidth(t) + 2))));
  }
  ws.columns = widths.map((width) => ({ width }));
  ws.autoFilter = `A${ISSUES_HEADER_ROW}:H${ISSUES_HEADER_ROW}`;
  const files = new Set(issues.map((i) => i.file));
  const summary = ws.addRow([
    issuesSummary(
      issues.map((i) => ({ where: files.size > 1 ? `${i.file} ${i.sheet}` : i.sheet, level: i.finding.level })),
    ),
  ]);
  summary.font = { bold: true };
  summary.commit();
  const header = ws.addRow([...ISSUES_HEADER_WITH_FILE]);
  header.font = { bold: true };
  header.eachCell((cell) => (cell.fill = solid('FFDDEBF7')));
  header.commit();
  for (const i of issues) {
    const f = i.finding;
    const where = whereOf(f);
    const row = ws.addRow(issueRow(i.sheet, f, i.header, i.file));
    if (i.target) {
      const cell = row.getCell(2);
      cell.value = { formula: linkFormula(i.target.sheet, i.target.address, where), result: where };
      cell.font = { color: { argb: 'FF0563C1' }, underline: true };
    }
    row.getCell(4).fill = solid(LEVEL_FILL[f.level]);
    row.commit();
    tick(1);
  }
  ws.commit();
}

/**
 * The file reader hands date cells over as serials (in the workbook's date system); the copy
 * shows them as dates again, as the clerk saw them, whatever date system the source used.
 */
function shownValue(cell: Cell, kind: ShownKind | undefined, date1904: boolean): { value: Cell; numFmt?: string } {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { value: String(cell) };
    return { value: cell, numFmt: cell.getTime() % 86_400_000 === 0 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm' };
  }
  if (typeof cell !== 'number' || !kind) return { value: cell };
  // 上年保费 760 reads 760.00, as the clerk's ledger shows it.
  if (kind === 'money') return { value: cell, numFmt: '#,##0.00' };
  if (kind === 'time') return cell >= 0 && cell < 1 ? { value: cell, numFmt: 'hh:mm' } : { value: cell };
  let iso: string;
  try {
    iso = serialToIso(cell, date1904);
  } catch {
    return { value: cell };
  }
  const seconds = Math.round((cell - Math.floor(cell)) * 86400);
  const value = new Date(Date.parse(`${iso}T00:00:00Z`) + seconds * 1000);
  return { value, numFmt: seconds ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd' };
}

/** The last row of a copy: the grid's, or a mark's below it. */
const lastRowOf = (c: Copy): number => Math.max((c.grid.origin?.row ?? 0) + c.grid.rows.length, ...c.marks.keys());

function writeCopy(wb: ExcelJS.stream.xlsx.WorkbookWriter, copy: Copy, tick: Tick): void {
  const { grid, headerRow, kinds, marks } = copy;
  const ws = wb.addWorksheet(copy.name, {
    ...(headerRow > 0 ? { views: [{ state: 'frozen', ySplit: headerRow }] } : {}),
    ...(listPrintSetup('校验报告', copy.name, headerRow) as Partial<ExcelJS.AddWorksheetOptions>),
  });
  const rowOffset = grid.origin?.row ?? 0;
  const colOffset = grid.origin?.col ?? 0;
  const date1904 = !!grid.date1904;

  // Widths go before the first row: the streaming writer writes <cols> with it.
  const widths: number[] = [];
  grid.rows.slice(0, WIDTH_SAMPLE).forEach((cells) =>
    cells?.forEach((cell, c) => {
      if (cell === null || cell === undefined) return;
      const kind = kinds.get(c);
      const dated = cell instanceof Date || (typeof cell === 'number' && kind !== undefined && kind !== 'money');
      const text = dated
        ? '2026-10-05'
        : typeof cell === 'number' && kind === 'money'
          ? cell.toFixed(2)
          : cellText(cell);
      widths[colOffset + c] = Math.max(widths[colOffset + c] ?? 8, Math.min(40, textWidth(text) + 2));
    }),
  );
  ws.columns = Array.from(widths, (w) => ({ width: w ?? 8 }));

  const lastRow = lastRowOf(copy);
  for (let excelRow = 1; excelRow <= lastRow; excelRow++) {
    tick(1);
    const cells = grid.rows[excelRow - 1 - rowOffset];
    const rowMarks = marks.get(excelRow);
    if (!cells?.length && !rowMarks) continue;
    // A sparse array (index 0 unused) puts each value in its own 1-based column.
    const values: Cell[] = [];
    const formats: string[] = [];
    cells?.forEach((cell, c) => {
      if (cell === null || cell === undefined || cell === '') return;
      const shown = shownValue(cell, excelRow > headerRow ? kinds.get(c) : undefined, date1904);
      values[colOffset + c + 1] = shown.value;
      if (shown.numFmt) formats[colOffset + c + 1] = shown.numFmt;
    });
    const row = ws.getRow(excelRow);
    row.values = values as ExcelJS.CellValue[];
    formats.forEach((fmt, c) => (row.getCell(c).numFmt = fmt));
    if (excelRow === headerRow) row.font = { bold: true };
    rowMarks?.forEach((mark, c) => {
      const cell = row.getCell(c);
      cell.fill = solid(LEVEL_FILL[mark.level]);
      cell.note = mark.lines.join('\n');
    });
    row.commit();
  }
  ws.commit();
}

/**
 * Writes the report to `path`; on failure the partial file is removed and the error rethrown.
 * `onProgress` hears rows written out of rows to write, now and then.
 */
export async function writeValidationReport(
  path: string,
  result: ValidateResult,
  books: readonly Book[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const { issues, copies } = plan(result, books);
  const total = issues.length + copies.reduce((n, c) => n + lastRowOf(c), 0);
  let done = 0;
  const tick: Tick = (rows) => {
    done += rows;
    if (onProgress && (done % PROGRESS_STEP === 0 || done === total)) onProgress(done, total);
  };
  // Opening first turns a missing folder or a locked file into a plain rejected promise.
  const out = (await open(path, 'w')).createWriteStream();
  let streamError: unknown;
  out.on('error', (err) => (streamError ??= err));
  try {
    const wb = new (excel().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = 'insdesk';
    writeIssues(wb, issues, tick);
    for (const copy of copies) writeCopy(wb, copy, tick);
    await wb.commit();
    if (streamError) throw streamError;
  } catch (err) {
    out.destroy();
    await unlink(path).catch(() => undefined);
    throw err;
  }
}

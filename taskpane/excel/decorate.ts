/**
 * What the commands put around the grids they write: highlighted cells, links, header
 * styling, column formats, tables, data validation, conditional formats, defined names and
 * charts. Each helper queues its operations through the RequestBatch (so they ride in the
 * same requests as the data) and syncs only where it must read something back (defineNames
 * without the names known).
 */
import { columnLetter } from '../../src/grid';
import type { RequestBatch } from './batch';
import { OP_OVERHEAD_BYTES, utf8Length } from './limits';

/** A cell, 0-based. */
export interface CellRef {
  row: number;
  col: number;
}

/** A block of cells, 0-based. */
export interface Block extends CellRef {
  rows: number;
  cols: number;
}

const range = (sheet: Excel.Worksheet, b: Block): Excel.Range => sheet.getRangeByIndexes(b.row, b.col, b.rows, b.cols);

/** The range of a block, for helpers below that take a range. */
export const blockRange = range;

/** One font colour over a block. */
export async function setFontColor(
  batch: RequestBatch,
  sheet: Excel.Worksheet,
  b: Block,
  color: string,
): Promise<void> {
  await batch.reserve(OP_OVERHEAD_BYTES);
  range(sheet, b).format.font.color = color;
}

/** Deletes conditional formats (ours, found when the workbook was read). */
export async function deleteFormats(
  batch: RequestBatch,
  formats: readonly { format: Excel.ConditionalFormat }[],
): Promise<void> {
  for (const { format } of formats) {
    await batch.reserve(OP_OVERHEAD_BYTES);
    format.delete();
  }
}

/** A new sheet at the end of the workbook. */
export async function addWorksheet(batch: RequestBatch, name: string): Promise<Excel.Worksheet> {
  await batch.reserve(OP_OVERHEAD_BYTES);
  return batch.context.workbook.worksheets.add(name);
}

/** Shows a sheet to the clerk: the command's main output. */
export async function activateSheet(batch: RequestBatch, sheet: Excel.Worksheet): Promise<void> {
  await batch.reserve(OP_OVERHEAD_BYTES);
  sheet.activate();
}

/** `'Sheet name'!$B$2` or `'Sheet name'!$B$2:$D$9`: a reference that survives copying formulas around. */
export function absoluteRef(sheet: string, b: Block): string {
  const cell = (row: number, col: number) => `$${columnLetter(col)}$${row + 1}`;
  const tl = cell(b.row, b.col);
  const area = b.rows === 1 && b.cols === 1 ? tl : `${tl}:${cell(b.row + b.rows - 1, b.col + b.cols - 1)}`;
  return `'${sheet.replace(/'/g, "''")}'!${area}`;
}

const quoteText = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/**
 * `=HYPERLINK("#'承保台账'!F17","F17")`: a link to a cell as a native formula, written with
 * the grid in one assignment (per-cell hyperlink objects would cost an operation each) and
 * still working in a copy of the workbook opened without the add-in.
 */
export function hyperlinkFormula(sheet: string, cell: CellRef, text: string): string {
  const target = `#'${sheet.replace(/'/g, "''")}'!${columnLetter(cell.col)}${cell.row + 1}`;
  // Excel caps a text argument of a formula at 255 characters.
  if (target.length > 255 || text.length > 255) throw new Error(`链接过长，无法写成公式: ${text}`);
  return `=HYPERLINK(${quoteText(target)},${quoteText(text)})`;
}

/** `FFFFC7CE` (ARGB, as exceljs and the engine's looks write colours) → `#FFC7CE`. */
export const hexColor = (argb: string): string => `#${argb.slice(-6).toUpperCase()}`;

/** Address text of one RangeAreas: Excel keeps a multi-area reference short. */
const MAX_AREAS_ADDRESS = 2000;

/** Consecutive cells of a column as `F17:F19` areas, column by column. */
export function cellAreas(cells: readonly CellRef[]): string[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const areas: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i];
    let end = i;
    while (end + 1 < sorted.length && sorted[end + 1].col === start.col && sorted[end + 1].row <= sorted[end].row + 1)
      end++;
    const top = `${columnLetter(start.col)}${start.row + 1}`;
    areas.push(sorted[end].row === start.row ? top : `${top}:${columnLetter(start.col)}${sorted[end].row + 1}`);
    i = end + 1;
  }
  return areas;
}

/**
 * Highlights cells with conditional formats rather than fills: the cells' own formatting is
 * never touched, and a re-run can find and delete exactly what it added (by `formula`). One
 * format covers many cells at once (a multi-area range), so a thousand flagged cells cost a
 * handful of formats, not a thousand.
 */
export async function highlightCells(
  batch: RequestBatch,
  sheet: Excel.Worksheet,
  cells: readonly CellRef[],
  formula: string,
  format: HighlightFormat,
): Promise<number> {
  const areas = cellAreas(cells);
  let added = 0;
  let i = 0;
  while (i < areas.length) {
    let address = areas[i++];
    while (i < areas.length && address.length + 1 + areas[i].length <= MAX_AREAS_ADDRESS) address += `,${areas[i++]}`;
    // The address is repeated in the path of each operation on the format.
    await batch.reserve(OP_OVERHEAD_BYTES + 4 * address.length);
    await addFormulaHighlight(batch, sheet.getRanges(address), formula, format);
    added++;
  }
  return added;
}

/**
 * Number formats per column for the rows of `block`: set on its first row, then copied down in
 * one operation (a format array for 100,000 rows would cost megabytes of request).
 */
export async function formatColumns(
  batch: RequestBatch,
  sheet: Excel.Worksheet,
  block: Block,
  formats: readonly (string | undefined)[],
): Promise<void> {
  if (block.rows < 1 || !formats.some(Boolean)) return;
  const row = Array.from({ length: block.cols }, (_, c) => formats[c] ?? 'General');
  await batch.reserve(2 * OP_OVERHEAD_BYTES + utf8Length(JSON.stringify(row)));
  const first = range(sheet, { ...block, rows: 1 });
  first.numberFormat = [row];
  if (block.rows > 1) range(sheet, { ...block, row: block.row + 1, rows: block.rows - 1 }).copyFrom(first, 'Formats');
}

/**
 * One number format for every cell of `block`, as arrays sized to fit the requests. Unlike
 * formatColumns this copies nothing, so the cells' conditional formats are left as they are
 * (pasting formats would duplicate them).
 */
export async function setNumberFormat(
  batch: RequestBatch,
  sheet: Excel.Worksheet,
  block: Block,
  format: string,
): Promise<void> {
  const rowBytes = utf8Length(JSON.stringify(Array(block.cols).fill(format))) + 1;
  const perRequest = Math.max(1, Math.floor((batch.targetBytes - 2 * OP_OVERHEAD_BYTES) / rowBytes));
  for (let done = 0; done < block.rows;) {
    const rows = Math.min(perRequest, block.rows - done);
    await batch.reserve(2 * OP_OVERHEAD_BYTES + rows * rowBytes);
    range(sheet, { ...block, row: block.row + done, rows }).numberFormat = Array.from({ length: rows }, () =>
      Array(block.cols).fill(format),
    );
    done += rows;
  }
}

/** Bold, shaded header row frozen at the top; the columns below sized to their content. */
export async function styleHeader(
  batch: RequestBatch,
  sheet: Excel.Worksheet,
  block: Block,
  fill = '#DDEBF7',
): Promise<void> {
  await batch.reserve(4 * OP_OVERHEAD_BYTES);
  const header = range(sheet, { ...block, rows: 1 });
  header.format.font.bold = true;
  header.format.fill.color = fill;
  sheet.freezePanes.freezeRows(block.row + 1);
  range(sheet, block).format.autofitColumns();
}

/** An Excel table over `block` (first row = headers), so filters and structured references work. */
export async function addTable(
  batch: RequestBatch,
  sheet: Excel.Worksheet,
  block: Block,
  name?: string,
  style = 'TableStyleMedium2',
): Promise<Excel.Table> {
  await batch.reserve(3 * OP_OVERHEAD_BYTES);
  const table = sheet.tables.add(range(sheet, block), true);
  if (name) table.name = name;
  table.style = style;
  return table;
}

/**
 * A drop-down rule. Excel takes an inline list of at most 255 characters; longer lists
 * (and lists that may change) must point at cells, e.g. `='设置'!$D$2:$D$12`.
 */
export function listRule(source: readonly string[] | string): Excel.DataValidationRule {
  if (typeof source === 'string') {
    if (!source.startsWith('=')) throw new Error(`下拉列表来源应为单元格引用（以 = 开头）: ${source}`);
    return { list: { inCellDropDown: true, source } };
  }
  const bad = source.find((s) => s.includes(','));
  if (bad !== undefined) throw new Error(`下拉选项不能含逗号: ${bad}`);
  const inline = source.join(',');
  if (inline.length === 0 || inline.length > 255)
    throw new Error(`下拉选项共 ${inline.length} 个字符，应为 1～255 个；更长的列表请放在单元格中引用`);
  return { list: { inCellDropDown: true, source: inline } };
}

export interface ValidationMessages {
  /** Dialog title when a wrong value is typed (at most 32 characters). */
  title: string;
  /** What is wrong and what is expected (at most 225 characters); none: other values are taken too. */
  error?: string;
  /** Shown when the cell is selected (at most 255 characters). */
  prompt?: string;
}

/** Replaces the data validation of `target` with `rule`, refusing wrong input with a Chinese message. */
export async function applyValidation(
  batch: RequestBatch,
  target: Excel.Range,
  rule: Excel.DataValidationRule,
  messages: ValidationMessages,
): Promise<void> {
  const { title, error, prompt } = messages;
  if (title.length > 32 || (error?.length ?? 0) > 225 || (prompt?.length ?? 0) > 255) {
    throw new Error(`数据验证提示过长（标题≤32、错误信息≤225、输入提示≤255 个字符）: ${title}`);
  }
  await batch.reserve(
    4 * OP_OVERHEAD_BYTES + utf8Length(JSON.stringify(rule) + title + (error ?? '') + (prompt ?? '')),
  );
  const dv = target.dataValidation;
  dv.clear();
  dv.rule = rule;
  // Without an error the list only suggests: Excel takes other values too.
  dv.errorAlert = { showAlert: !!error, style: error ? 'Stop' : 'Information', title, message: error ?? '' };
  if (prompt) dv.prompt = { showPrompt: true, title, message: prompt };
}

export interface HighlightFormat {
  fill?: string;
  fontColor?: string;
  bold?: boolean;
}

/** A conditional format: cells of `target` for which `formula` (relative to its top-left cell) is true get `format`. */
export async function addFormulaHighlight(
  batch: RequestBatch,
  target: { conditionalFormats: Excel.ConditionalFormatCollection },
  formula: string,
  format: HighlightFormat,
): Promise<void> {
  if (!formula.startsWith('=')) throw new Error(`条件格式公式必须以 = 开头: ${formula}`);
  await batch.reserve(5 * OP_OVERHEAD_BYTES + utf8Length(formula));
  const cf = target.conditionalFormats.add('Custom');
  cf.custom.rule.formula = formula;
  if (format.fill) cf.custom.format.fill.color = format.fill;
  if (format.fontColor) cf.custom.format.font.color = format.fontColor;
  if (format.bold !== undefined) cf.custom.format.font.bold = format.bold;
}

export interface NameDefinition {
  name: string;
  /** A formula, e.g. `='设置'!$B$2` (see absoluteRef). */
  reference: string;
  comment?: string;
}

/**
 * Defines workbook names. A name that exists is re-pointed rather than deleted and added,
 * so formulas that use it never see #NAME?. `known` (the workbook's names in lower case, as
 * readWorkbook loads them) saves the round trip that otherwise looks the names up.
 */
export async function defineNames(
  batch: RequestBatch,
  names: readonly NameDefinition[],
  known?: ReadonlySet<string>,
): Promise<void> {
  const collection = batch.context.workbook.names;
  let exists: (i: number) => Excel.NamedItem | undefined;
  if (known) {
    exists = (i) => (known.has(names[i].name.toLowerCase()) ? collection.getItem(names[i].name) : undefined);
  } else {
    const found = names.map((n) => collection.getItemOrNullObject(n.name));
    await batch.sync();
    exists = (i) => (found[i].isNullObject ? undefined : found[i]);
  }
  for (let i = 0; i < names.length; i++) {
    const { name, reference, comment } = names[i];
    const formula = reference.startsWith('=') ? reference : `=${reference}`;
    await batch.reserve(OP_OVERHEAD_BYTES + utf8Length(name + formula + (comment ?? '')));
    const item = exists(i);
    if (item) item.formula = formula;
    else collection.add(name, formula, comment);
  }
}

export interface ChartSpec {
  type: 'ColumnClustered' | 'BarClustered' | 'Line' | 'LineMarkers' | 'Pie' | 'Doughnut';
  title: string;
  /** Cells the chart covers, e.g. 'H2' and 'P20'. */
  topLeft: string;
  bottomRight: string;
  seriesBy?: 'Auto' | 'Columns' | 'Rows';
}

/** A chart of `source` (headers in its first row/column), placed over the given cells. */
export async function addChart(
  batch: RequestBatch,
  sheet: Excel.Worksheet,
  source: Excel.Range,
  spec: ChartSpec,
): Promise<Excel.Chart> {
  await batch.reserve(4 * OP_OVERHEAD_BYTES + utf8Length(spec.title));
  const chart = sheet.charts.add(spec.type, source, spec.seriesBy ?? 'Auto');
  chart.title.text = spec.title;
  chart.setPosition(spec.topLeft, spec.bottomRight);
  return chart;
}

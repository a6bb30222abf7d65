/**
 * What the commands put around the grids they write: highlighted cells, links, header
 * styling, tables, data validation, conditional formats, defined names and charts. Each
 * helper queues its operations through the RequestBatch (so they ride in the same requests
 * as the data) and syncs only where it must read something back (defineNames).
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

/** Fills the given cells; consecutive cells of one column become one range (one operation). */
export async function fillCells(batch: RequestBatch, sheet: Excel.Worksheet, cells: readonly CellRef[], color: string): Promise<void> {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i];
    let end = i;
    while (end + 1 < sorted.length && sorted[end + 1].col === start.col && sorted[end + 1].row <= sorted[end].row + 1) end++;
    await batch.reserve(OP_OVERHEAD_BYTES + 2 * color.length);
    range(sheet, { row: start.row, col: start.col, rows: sorted[end].row - start.row + 1, cols: 1 }).format.fill.color = color;
    i = end + 1;
  }
}

/** Bold, shaded header row frozen at the top; the columns below sized to their content. */
export async function styleHeader(batch: RequestBatch, sheet: Excel.Worksheet, block: Block, fill = '#DDEBF7'): Promise<void> {
  await batch.reserve(4 * OP_OVERHEAD_BYTES);
  const header = range(sheet, { ...block, rows: 1 });
  header.format.font.bold = true;
  header.format.fill.color = fill;
  sheet.freezePanes.freezeRows(block.row + 1);
  range(sheet, block).format.autofitColumns();
}

/** An Excel table over `block` (first row = headers), so filters and structured references work. */
export async function addTable(batch: RequestBatch, sheet: Excel.Worksheet, block: Block, name?: string, style = 'TableStyleMedium2'): Promise<Excel.Table> {
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
  if (inline.length === 0 || inline.length > 255) throw new Error(`下拉选项共 ${inline.length} 个字符，应为 1～255 个；更长的列表请放在单元格中引用`);
  return { list: { inCellDropDown: true, source: inline } };
}

export interface ValidationMessages {
  /** Dialog title when a wrong value is typed (at most 32 characters). */
  title: string;
  /** What is wrong and what is expected (at most 225 characters). */
  error: string;
  /** Shown when the cell is selected (at most 255 characters). */
  prompt?: string;
}

/** Replaces the data validation of `target` with `rule`, refusing wrong input with a Chinese message. */
export async function applyValidation(batch: RequestBatch, target: Excel.Range, rule: Excel.DataValidationRule, messages: ValidationMessages): Promise<void> {
  const { title, error, prompt } = messages;
  if (title.length > 32 || error.length > 225 || (prompt?.length ?? 0) > 255) {
    throw new Error(`数据验证提示过长（标题≤32、错误信息≤225、输入提示≤255 个字符）: ${title}`);
  }
  await batch.reserve(4 * OP_OVERHEAD_BYTES + utf8Length(JSON.stringify(rule) + title + error + (prompt ?? '')));
  const dv = target.dataValidation;
  dv.clear();
  dv.rule = rule;
  dv.errorAlert = { showAlert: true, style: 'Stop', title, message: error };
  if (prompt) dv.prompt = { showPrompt: true, title, message: prompt };
}

export interface HighlightFormat {
  fill?: string;
  fontColor?: string;
  bold?: boolean;
}

/** A conditional format: cells of `target` for which `formula` (relative to its top-left cell) is true get `format`. */
export async function addFormulaHighlight(batch: RequestBatch, target: Excel.Range, formula: string, format: HighlightFormat): Promise<void> {
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
 * so formulas that use it never see #NAME?. One round trip to look the names up.
 */
export async function defineNames(batch: RequestBatch, names: readonly NameDefinition[]): Promise<void> {
  const collection = batch.context.workbook.names;
  const existing = names.map((n) => collection.getItemOrNullObject(n.name));
  await batch.sync();
  for (let i = 0; i < names.length; i++) {
    const { name, reference, comment } = names[i];
    const formula = reference.startsWith('=') ? reference : `=${reference}`;
    await batch.reserve(OP_OVERHEAD_BYTES + utf8Length(name + formula + (comment ?? '')));
    if (existing[i].isNullObject) collection.add(name, formula, comment);
    else existing[i].formula = formula;
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
export async function addChart(batch: RequestBatch, sheet: Excel.Worksheet, source: Excel.Range, spec: ChartSpec): Promise<Excel.Chart> {
  await batch.reserve(4 * OP_OVERHEAD_BYTES + utf8Length(spec.title));
  const chart = sheet.charts.add(spec.type, source, spec.seriesBy ?? 'Auto');
  chart.title.text = spec.title;
  chart.setPosition(spec.topLeft, spec.bottomRight);
  return chart;
}

/**
 * 升级为工具's writes, through Office.js: the upgrade's plan (src/tasks/upgrade: layouts,
 * validations, formula columns, formats, the 设置 plan) carried out on a sheet of the open
 * workbook, as src/io/upgradeOut.ts carries it out on a file.
 */
import type { Cell } from '../../src/grid';
import { columnLetter } from '../../src/grid';
import { isoToSerial } from '../../src/rules/date';
import { formulaAt, type LayoutOf } from '../../src/tasks/upgrade/layout';
import {
  formulaFormatOf,
  formulaGuard,
  LOOKS,
  TABLE_COLORS,
  templateFormatOf,
  validationOf,
  type Validation,
} from '../../src/tasks/upgrade/rules';
import { placedFormats, type SheetLayout } from '../../src/tasks/upgrade/ledgerSheet';
import { SETTINGS_WIDTHS, type SettingsPlan } from '../../src/tasks/upgrade/settingsSheet';
import type { SerialConversion } from '../../src/tasks/upgrade/conversions';
import type { RequestBatch } from './batch';
import { toExcelInput } from './cells';
import {
  addFormulaHighlight,
  addTable,
  applyValidation,
  formatColumns,
  hexColor,
  listRule,
  setNumberFormat,
  type Block,
} from './decorate';
import { writeGrid } from './grid';
import { OP_OVERHEAD_BYTES } from './limits';

const HEADER_FILL = hexColor(TABLE_COLORS.headerFill);
const FORMULA_HEADER_FILL = hexColor(TABLE_COLORS.formulaHeaderFill);
const FORMULA_FILL = hexColor(TABLE_COLORS.formulaFill);
const FORMULA_FONT = hexColor(TABLE_COLORS.formulaFont);

const OPERATORS = {
  between: 'Between',
  equal: 'EqualTo',
  greaterThan: 'GreaterThan',
  greaterThanOrEqual: 'GreaterThanOrEqualTo',
} as const;

/** The engine's validation as an Office.js rule; undefined for 'any' (no rule, only advice). */
function officeRule(v: Validation, self: string): Excel.DataValidationRule | undefined {
  const [a, b] = v.formulae ?? [];
  const operator = OPERATORS[v.operator ?? 'between'];
  const basic = { operator, formula1: a!, ...(b === undefined ? {} : { formula2: b }) };
  switch (v.type) {
    case 'list':
      // An inline list is quoted; anything else names the cells of a list (a 设置 list's name).
      return String(a).startsWith('"') ? listRule(String(a).slice(1, -1).split(',')) : listRule(`=${a}`);
    case 'date':
      return { date: basic as Excel.DateTimeDataValidation };
    case 'time':
      // Times are fractions of a day; as formulas, since the rule takes no bare numbers for times.
      return { time: { operator, formula1: `=${a}`, ...(b === undefined ? {} : { formula2: `=${b}` }) } };
    case 'decimal':
      return { decimal: basic as Excel.BasicDataValidation };
    case 'whole':
      return { wholeNumber: basic as Excel.BasicDataValidation };
    case 'textLength':
      return { textLength: basic as Excel.BasicDataValidation };
    case 'custom':
      // Office.js takes formulas as typed in Excel: without the file format's _xlfn. prefix.
      return {
        custom: {
          formula: `=${String(a)
            .replace(/\{self\}/g, self)
            .replace(/_xlfn\./g, '')}`,
        },
      };
    default:
      return undefined;
  }
}

const block = (sheet: Excel.Worksheet, b: Block): Excel.Range => sheet.getRangeByIndexes(b.row, b.col, b.rows, b.cols);
const a1 = (b: Block): string =>
  `${columnLetter(b.col)}${b.row + 1}${b.rows === 1 && b.cols === 1 ? '' : `:${columnLetter(b.col + b.cols - 1)}${b.row + b.rows}`}`;

async function validate(batch: RequestBatch, target: Excel.Range, v: Validation, self: string): Promise<void> {
  const rule = officeRule(v, self);
  // A rule without an error refuses nothing: only a suggested list (a drop-down) is worth setting.
  if (!rule || (!v.error && v.type !== 'list')) return;
  await applyValidation(batch, target, rule, { title: v.promptTitle, error: v.error, prompt: v.prompt });
}

/** Converted cells, run by run down each column: values and their number format. */
export async function writeConversions(
  batch: RequestBatch,
  ws: Excel.Worksheet,
  conversions: readonly SerialConversion[],
): Promise<void> {
  const sorted = [...conversions].sort((a, b) => a.col - b.col || a.row - b.row);
  let i = 0;
  while (i < sorted.length) {
    let end = i;
    while (
      end + 1 < sorted.length &&
      sorted[end + 1].col === sorted[i].col &&
      sorted[end + 1].row === sorted[end].row + 1 &&
      sorted[end + 1].numFmt === sorted[i].numFmt
    )
      end++;
    const run = sorted.slice(i, end + 1);
    await batch.reserve(2 * OP_OVERHEAD_BYTES + run.length * 24);
    const range = block(ws, { row: run[0].row - 1, col: run[0].col, rows: run.length, cols: 1 });
    range.values = run.map((c) => [c.value]);
    if (run[0].numFmt) range.numberFormat = run.map(() => [run[0].numFmt]);
    i = end + 1;
  }
}

/**
 * applyLayout of the CLI, through Office.js. `kept` lists the conditional formats the sheet
 * brings along (`B2:K90 =formula`): a sheet upgraded before already has ours, and Excel would
 * show each twice.
 */
export async function applyLayout(
  batch: RequestBatch,
  ws: Excel.Worksheet,
  l: SheetLayout & { totalRows?: number[]; excelTable?: string; tableExists?: boolean },
  fresh: boolean,
  others: LayoutOf,
  kept: ReadonlySet<string> = new Set(),
): Promise<void> {
  const { layout } = l;
  const { table, headerRow, firstRow, lastRow } = layout;
  const rows = lastRow - firstRow + 1;
  const column = (col: number): Block => ({ row: firstRow - 1, col, rows, cols: 1 });

  for (const [col, header] of l.appended) {
    await batch.reserve(OP_OVERHEAD_BYTES + header.length * 3);
    block(ws, { row: headerRow - 1, col, rows: 1, cols: 1 }).values = [[toExcelInput(header)]];
  }
  const ledgerCols = Object.entries(layout.columns).map(([key, col]) => ({ def: table.column(key), col }));
  if (fresh) {
    const first = Math.min(...ledgerCols.map((c) => c.col));
    const width = Math.max(...ledgerCols.map((c) => c.col)) - first + 1;
    await batch.reserve(2 * OP_OVERHEAD_BYTES);
    const head = block(ws, { row: headerRow - 1, col: first, rows: 1, cols: width });
    head.format.font.bold = true;
    head.format.fill.color = HEADER_FILL;
    const formats: (string | undefined)[] = [];
    for (const { def, col } of ledgerCols) formats[col - first] = templateFormatOf(def);
    await formatColumns(batch, ws, { row: firstRow - 1, col: first, rows, cols: width }, formats);
  }
  for (const { def, col } of ledgerCols)
    await validate(batch, block(ws, column(col)), validationOf(def), `${columnLetter(col)}${firstRow}`);

  const skip = new Set(l.totalRows ?? []);
  for (const { column: f, col } of layout.formulas) {
    await batch.reserve(6 * OP_OVERHEAD_BYTES + f.formula.length * 3);
    const head = block(ws, { row: headerRow - 1, col, rows: 1, cols: 1 });
    head.format.font.bold = true;
    head.format.font.color = FORMULA_FONT;
    head.format.fill.color = FORMULA_HEADER_FILL;
    // One formula written, then copied down: Excel moves the relative references row by row.
    // Only the formulas: pasting formats would duplicate the conditional formats of the cell.
    const first = block(ws, { row: firstRow - 1, col, rows: 1, cols: 1 });
    first.formulas = [[`=${formulaAt(f.formula, layout, firstRow, others)}`]];
    if (rows > 1) block(ws, { row: firstRow, col, rows: rows - 1, cols: 1 }).copyFrom(first, 'Formulas');
    const cells = block(ws, column(col));
    cells.format.fill.color = FORMULA_FILL;
    cells.format.font.color = FORMULA_FONT;
    const fmt = formulaFormatOf(f);
    if (fmt) await setNumberFormat(batch, ws, column(col), fmt);
    for (const r of skip) {
      await batch.reserve(OP_OVERHEAD_BYTES);
      block(ws, { row: r - 1, col, rows: 1, cols: 1 }).clear('All');
    }
    await validate(batch, block(ws, column(col)), formulaGuard(f), `${columnLetter(col)}${firstRow}`);
  }

  for (const placed of placedFormats(layout, others)) {
    const target: Block = { row: firstRow - 1, col: placed.col, rows, cols: 1 };
    const look = LOOKS[placed.look];
    const formula = `=${placed.formula}`;
    if (kept.has(`${a1(target)} ${formula}`)) continue;
    await addFormulaHighlight(batch, block(ws, target), formula, {
      fill: hexColor(look.fill),
      fontColor: hexColor(look.font),
    });
  }

  await batch.reserve(2 * OP_OVERHEAD_BYTES);
  ws.freezePanes.freezeRows(headerRow);
  const appendedCols = [...l.appended.keys()];
  if (appendedCols.length) {
    const from = Math.min(...appendedCols);
    block(ws, {
      row: headerRow - 1,
      col: from,
      rows: Math.min(rows + 1, 201),
      cols: Math.max(...appendedCols) - from + 1,
    }).format.autofitColumns();
  }
  if (l.excelTable && !l.tableExists) await addTable(batch, ws, tableBlock(l), l.excelTable);
}

/** The cells of the ledger's Excel table: its header row down to its last row. */
export function tableBlock({ layout }: SheetLayout): Block {
  return {
    row: layout.headerRow - 1,
    col: layout.firstCol,
    rows: layout.lastRow - layout.firstRow + 2,
    cols: layout.lastCol - layout.firstCol + 1,
  };
}

export async function writeSettings(
  batch: RequestBatch,
  ws: Excel.Worksheet,
  plan: SettingsPlan,
  date1904: boolean,
): Promise<void> {
  // The plan holds dates as ISO text; Excel takes them as serials of the workbook's date system.
  const excelValue = (kind: string, v: Cell): Cell =>
    (kind === 'date' || kind === 'dates') && typeof v === 'string' ? isoToSerial(v, date1904) : v;
  for (const r of plan.rows) {
    const [label, value, note] = r.cells;
    await writeGrid(batch, ws, { row: r.row - 1, col: 0 }, [[label, excelValue(r.kind, value), note]], { date1904 });
    if (r.numFmt) {
      await batch.reserve(OP_OVERHEAD_BYTES);
      block(ws, { row: r.row - 1, col: 1, rows: 1, cols: 1 }).numberFormat = [[r.numFmt]];
    }
  }
  for (const c of plan.conversions) {
    await batch.reserve(2 * OP_OVERHEAD_BYTES);
    const cell = block(ws, { row: c.row - 1, col: 1, rows: 1, cols: 1 });
    cell.values = [[excelValue(c.kind, c.value)]];
    if (c.numFmt) cell.numberFormat = [[c.numFmt]];
  }
  if (!plan.fresh) return;
  await batch.reserve(6 * OP_OVERHEAD_BYTES);
  const head = block(ws, { row: 0, col: 0, rows: 1, cols: 3 });
  head.format.font.bold = true;
  head.format.fill.color = HEADER_FILL;
  SETTINGS_WIDTHS.forEach((chars, c) => {
    block(ws, { row: 0, col: c, rows: 1, cols: 1 }).format.columnWidth = chars * 5.25 + 3.75;
  });
  ws.freezePanes.freezeRows(1);
}

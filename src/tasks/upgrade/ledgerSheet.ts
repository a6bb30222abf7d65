/**
 * What an upgrade does to a ledger sheet, whoever holds its cells: the file writer
 * (src/io/upgradeOut.ts, exceljs) and the add-in (commands/upgrade.ts, Office.js) work out
 * the same 升级记录 entries, appended columns, conditional formats and table checks here, and
 * only apply them their own way.
 */
import type { Cell, Grid } from '../../grid';
import { columnLetter, isBlank } from '../../grid';
import type { LedgerKey, Table, TableKey } from '../../ledgers/schema';
import type { ParsedTable } from '../../read/table';
import { cellText } from '../../rules/text';
import { isFormulaHeader, formulaColumnsOf, refsOf, type FormulaColumn } from './formulas';
import { formulaAt, type LayoutOf, type TableLayout } from './layout';
import { formatRulesOf, type Look } from './rules';

/** Rows a new ledger is prepared for (formulas, drop-downs, checks): a year of a busy desk. */
export const TEMPLATE_ROWS = 2000;
/** Our formula column, renamed because the ledger already has its own column of that name. */
export const OWN_SUFFIX = '（公式）';
/** Rows at the top of a sheet whose formulas tell our formula columns from a ledger's own (header scan + 1). */
export const HEAD_ROWS = 21;

export interface UpgradeOptions {
  /** Read every sheet as this ledger (as `--ledger`). */
  ledger?: LedgerKey;
}

/** What an upgrade made of one ledger table. */
export interface UpgradedTable {
  sheet: string;
  table: TableKey;
  headerRow: number;
  rows: number;
  /** Name of the Excel table, or why the range could not become one. */
  excelTable?: string;
  notTable?: string;
  formulaColumns: string[];
}

// ---- 升级记录 -------------------------------------------------------------------------------

export const LOG_SHEET = '升级记录';
export const LOG_HEADERS = ['工作表', '单元格', '列', '原内容', '升级后', '说明'];

export interface UpgradeRecord {
  sheet: string;
  cell: string;
  column: string;
  before: string;
  after: string;
  note: string;
}

/** A record as a row under LOG_HEADERS. */
export const logRow = (r: UpgradeRecord): string[] => [r.sheet, r.cell, r.column, r.before, r.after, r.note];

/** A record about a whole sheet or table rather than one cell. */
export const sheetRecord = (sheet: string, note: string, cell = 'A1'): UpgradeRecord => ({
  sheet,
  cell,
  column: '',
  before: '',
  after: '',
  note,
});

export const SETTINGS_ADDED = '新增工作表：设置（基准日和本工作簿台账用到的设置项，公式通过名称引用）';
export const COLLECTIONS_ADDED = '新增工作表：回款记录（合同的已回款由此汇总）';
export const notTableNote = (reason: string): string => `未转为 Excel 表格（${reason}），公式、下拉列表和检查照常添加`;

/** `base`, or `base2`, `base3`… : the first name `taken` says is free. */
export function uniqueName(base: string, taken: (name: string) => boolean): string {
  let name = base;
  for (let i = 2; taken(name); i++) name = `${base}${i}`;
  return name;
}

// ---- reading a sheet that may hold our formula columns -------------------------------------

/** Whether the cell at a 1-based row and 0-based column holds a formula. */
export type FormulaAt = (row: number, col: number) => boolean;

/** A cell of a grid by 1-based row and 0-based column, '' when empty. */
export function cellAt(grid: Grid, row: number, col: number): Cell {
  const o = grid.origin ?? { row: 0, col: 0 };
  const v = grid.rows[row - 1 - o.row]?.[col - o.col];
  return v === null || v === undefined ? '' : v;
}

/** A header we wrote: one of the formula columns, possibly renamed with OWN_SUFFIX. */
export function ownHeader(text: string): string | undefined {
  const t = text.trim();
  if (isFormulaHeader(t)) return t;
  return t.endsWith(OWN_SUFFIX) && isFormulaHeader(t.slice(0, -OWN_SUFFIX.length))
    ? t.slice(0, -OWN_SUFFIX.length)
    : undefined;
}

/**
 * The grid the engine reads: our own formula columns (a header of ours over a formula) are
 * hidden from header matching, or a re-run would take 保险公司应付 for the 保险公司 column.
 */
export function readableGrid(grid: Grid, formulaAt: FormulaAt): Grid {
  const o = grid.origin ?? { row: 0, col: 0 };
  const ours = (cell: Cell, r: number, c: number) =>
    typeof cell === 'string' && !!ownHeader(cell) && formulaAt(o.row + r + 2, o.col + c);
  const rows = grid.rows.slice();
  for (let r = 0; r < Math.min(rows.length, HEAD_ROWS - 1); r++) {
    const row = rows[r];
    if (!row?.some((cell, c) => ours(cell, r, c))) continue;
    rows[r] = row.map((cell, c) => (ours(cell, r, c) ? null : cell));
  }
  return { ...grid, rows };
}

/** A sheet as the layout reads it, by 1-based row and 0-based column. */
export interface SheetCells {
  at(row: number, col: number): Cell;
  /** The last column with content in the rows `from`…`to`, or -1. */
  lastUsedCol(from: number, to: number): number;
  formulaAt: FormulaAt;
}

export function gridCells(grid: Grid, formulaAt: FormulaAt): SheetCells {
  const o = grid.origin ?? { row: 0, col: 0 };
  return {
    at: (row, col) => cellAt(grid, row, col),
    lastUsedCol: (from, to) => {
      let last = -1;
      for (let r = from; r <= to; r++) {
        grid.rows[r - 1 - o.row]?.forEach((cell, c) => {
          if (!isBlank(cell)) last = Math.max(last, c + o.col);
        });
      }
      return last;
    },
    formulaAt,
  };
}

// ---- layouts -------------------------------------------------------------------------------

export interface SheetLayout {
  layout: TableLayout;
  /** Last column with content in the table's rows, before anything was appended. */
  usedCol: number;
  lastHeaderCol: number;
  /** Header cells this run writes (appended input and formula columns). */
  appended: Map<number, string>;
}

/**
 * Appends what the formulas need: missing input columns (empty), then the formula columns —
 * or finds the formula columns an earlier run appended. `lastRow` stretches the table (over
 * the rows of an Excel table the sheet already has).
 */
export function upgradeLayout(
  pt: ParsedTable,
  cells: SheetCells,
  sheet: string,
  records: UpgradeRecord[],
  opts: { lastRow?: number } = {},
): SheetLayout {
  const table = pt.table;
  const columns: Record<string, number> = {};
  for (const m of pt.columns) if (m.key) columns[m.key] = m.col;
  const headerCols = pt.columns.map((m) => m.col);
  const headerRow = pt.headerRow;
  const lastRow = Math.max(headerRow + 1, ...pt.rows.map((r) => r.row), opts.lastRow ?? 0);

  const usedCol = Math.max(...headerCols, cells.lastUsedCol(headerRow, lastRow));
  const headerText = (col: number) => cellText(cells.at(headerRow, col)).trim();
  const plan = formulaColumnsOf(table.key);
  const taken = new Map<string, number>();
  for (let c = 0; c <= usedCol; c++) {
    if (ownHeader(headerText(c)) && (cells.formulaAt(headerRow + 1, c) || lastRow === headerRow + 1))
      taken.set(headerText(c), c);
  }
  const appended = new Map<number, string>();
  let next = usedCol + 1;
  const append = (header: string, note: string) => {
    const col = next++;
    appended.set(col, header);
    records.push({ sheet, cell: `${columnLetter(col)}${headerRow}`, column: header, before: '', after: header, note });
    return col;
  };
  const needed = [...new Set(plan.flatMap((f) => refsOf(f.formula).columns))].filter((k) => columns[k] === undefined);
  for (const key of needed) {
    const users = plan.filter((f) => refsOf(f.formula).columns.includes(key)).map((f) => f.header);
    columns[key] = append(table.column(key).header, `新增列：公式“${users.join('、')}”需要此列`);
  }
  const headersInUse = new Set(Array.from({ length: usedCol + 1 }, (_, c) => headerText(c)));
  const formulas: { column: FormulaColumn; col: number }[] = [];
  for (const column of plan) {
    const mine = taken.get(column.header) ?? taken.get(column.header + OWN_SUFFIX);
    if (mine !== undefined) {
      formulas.push({ column, col: mine });
      continue;
    }
    const header = headersInUse.has(column.header) ? column.header + OWN_SUFFIX : column.header;
    formulas.push({ column: { ...column, header }, col: append(header, `新增公式列：${column.hint}`) });
  }
  return {
    layout: {
      table,
      sheet,
      headerRow,
      firstRow: headerRow + 1,
      lastRow,
      columns,
      formulas,
      firstCol: Math.min(...headerCols),
      lastCol: Math.max(usedCol, next - 1),
    },
    usedCol,
    lastHeaderCol: Math.max(...headerCols),
    appended,
  };
}

/** A new, empty ledger sheet laid out by the table's own column list, then its formula columns. */
export function freshLayout(table: Table, sheet: string, rows: number = TEMPLATE_ROWS): SheetLayout {
  const columns: Record<string, number> = {};
  const appended = new Map<number, string>();
  table.columns.forEach((c, i) => {
    columns[c.key] = i;
    appended.set(i, c.header);
  });
  const formulas = formulaColumnsOf(table.key).map((column, i) => {
    appended.set(table.columns.length + i, column.header);
    return { column, col: table.columns.length + i };
  });
  const lastCol = table.columns.length + formulas.length - 1;
  return {
    layout: { table, sheet, headerRow: 1, firstRow: 2, lastRow: 1 + rows, columns, formulas, firstCol: 0, lastCol },
    usedCol: lastCol,
    lastHeaderCol: lastCol,
    appended,
  };
}

/**
 * Why the header row cannot head an Excel table — content without a header, a header that is
 * empty, not text or repeated — or undefined. `header` reads the sheet's header row as it was
 * before this run.
 */
export function headerProblem(l: SheetLayout, header: (col: number) => Cell): string | undefined {
  const { layout } = l;
  const at = (c: number): Cell => l.appended.get(c) ?? header(c);
  if (l.usedCol > l.lastHeaderCol && layout.formulas.every((f) => f.col > l.usedCol)) {
    for (let c = l.lastHeaderCol + 1; c <= l.usedCol; c++)
      if (isBlank(at(c))) return `第 ${columnLetter(c)} 列有内容但没有表头`;
  }
  const seen = new Set<string>();
  for (let c = layout.firstCol; c <= layout.lastCol; c++) {
    const v = at(c);
    if (typeof v !== 'string' || !v.trim()) return `表头第 ${columnLetter(c)} 列为空或不是文字`;
    const k = v.trim().toUpperCase();
    if (seen.has(k)) return `表头“${v}”重复`;
    seen.add(k);
  }
  return undefined;
}

export interface PlacedFormat {
  /** 0-based column the format colours, over the table's data rows (the status cell, not the row). */
  col: number;
  /** For the first data row, columns pinned ($K5) so one rule serves the whole range. */
  formula: string;
  look: Look;
}

/** The table's conditional formats where they go; a rule whose columns the table lacks is left out. */
export function placedFormats(layout: TableLayout, others: LayoutOf): PlacedFormat[] {
  const out: PlacedFormat[] = [];
  for (const rule of formatRulesOf(layout.table)) {
    const formulaKey = rule.target.startsWith('$') ? rule.target.slice(1) : undefined;
    if (refsOf(rule.formula).columns.some((k) => layout.columns[k] === undefined)) continue;
    const col = formulaKey
      ? layout.formulas.find((f) => f.column.key === formulaKey)?.col
      : layout.columns[rule.target];
    if (col === undefined) continue;
    const formula = formulaAt(rule.formula, layout, layout.firstRow, others, { absoluteColumns: true });
    out.push({ col, formula, look: rule.look });
  }
  return out;
}

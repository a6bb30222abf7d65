/**
 * What 升级为工具 does to the open workbook, worked out from its grids before anything is
 * written — the same plan the CLI applies to a file (src/io/upgradeOut.ts), here for a copy
 * of each ledger sheet: cells converted to real dates and numbers, missing input columns and
 * the formula columns appended, the 设置 sheet added or completed. Pure: no Office.js.
 */
import type { Cell, Grid } from '../src/grid';
import { columnLetter, isBlank } from '../src/grid';
import type { Column, Table } from '../src/ledgers';
import { defaultSettings, SETTING_ROWS, SETTINGS_SHEET } from '../src/ledgers/settings';
import type { ParsedTable } from '../src/read/table';
import { isoToSerial, parseDate, parseDateTime, parseTime } from '../src/rules/date';
import { parseMoney, parseRate } from '../src/rules/money';
import { cellText } from '../src/rules/text';
import { FORMULA_HEADERS, formulaColumnsOf, refsOf, type FormulaColumn } from '../src/tasks/upgrade/formulas';
import type { TableLayout } from '../src/tasks/upgrade/layout';
import { NUM_FMT } from '../src/tasks/upgrade/rules';
import { locateSettings, SETTING_NOTES, templateSettings, type SettingCell } from '../src/tasks/upgrade/settingsSheet';

/** Rows a new ledger sheet is prepared for (as the CLI's templates): a year of a busy desk. */
export const TEMPLATE_ROWS = 2000;
/** Our formula column, renamed because the ledger already has its own column of that name. */
export const OWN_SUFFIX = '（公式）';
/** Rows at the top of a sheet whose formulas tell our formula columns from a ledger's own (header scan + 1). */
export const HEAD_ROWS = 21;

export interface UpgradeRecord {
  sheet: string;
  cell: string;
  column: string;
  before: string;
  after: string;
  note: string;
}

/** A cell of a grid by 1-based row and 0-based column, '' when empty. */
export function cellAt(grid: Grid, row: number, col: number): Cell {
  const o = grid.origin ?? { row: 0, col: 0 };
  const v = grid.rows[row - 1 - o.row]?.[col - o.col];
  return v === null || v === undefined ? '' : v;
}

const isFormula = (v: unknown): boolean => typeof v === 'string' && v.startsWith('=');

/** A header we wrote: one of the formula columns, possibly renamed with OWN_SUFFIX. */
export function ownHeader(text: string): string | undefined {
  const t = text.trim();
  if (FORMULA_HEADERS.has(t)) return t;
  return t.endsWith(OWN_SUFFIX) && FORMULA_HEADERS.has(t.slice(0, -OWN_SUFFIX.length)) ? t.slice(0, -OWN_SUFFIX.length) : undefined;
}

/** `head[r][c]` is the formula (or value) at the used range's row r, column c. */
export type HeadFormulas = readonly (readonly unknown[])[] | undefined;

function formulaBelow(grid: Grid, head: HeadFormulas, row: number, col: number): boolean {
  const o = grid.origin ?? { row: 0, col: 0 };
  return isFormula(head?.[row - o.row]?.[col - o.col]);
}

/**
 * The grid the engine reads: our own formula columns (a header of ours over a formula) are
 * hidden from header matching, or a re-run would take 保险公司应付 for the 保险公司 column.
 */
export function readableGrid(grid: Grid, head: HeadFormulas): Grid {
  const rows = grid.rows.slice();
  for (let r = 0; r < Math.min(rows.length, HEAD_ROWS - 1); r++) {
    const row = rows[r];
    if (!row?.some((cell, c) => typeof cell === 'string' && ownHeader(cell) && isFormula(head?.[r + 1]?.[c]))) continue;
    rows[r] = row.map((cell, c) => (typeof cell === 'string' && ownHeader(cell) && isFormula(head?.[r + 1]?.[c]) ? null : cell));
  }
  return { ...grid, rows };
}

// ---- cell conversions ----------------------------------------------------------------------

export interface Conversion {
  /** 1-based row, 0-based column. */
  row: number;
  col: number;
  value: number;
  numFmt?: string;
}

const CONVERTED_KINDS: ReadonlySet<Column['kind']> = new Set(['date', 'datetime', 'money', 'rate', 'time']);

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function convertValue(column: Column, v: Cell, date1904: boolean): { value: number; shown: string; note: string } | undefined {
  switch (column.kind) {
    case 'date': {
      const d = parseDate(v, date1904);
      if (!d.ok) return undefined;
      if (typeof v === 'number') {
        // A serial already is the date; only a yyyymmdd number reads differently.
        const serial = parseDate(Math.floor(v), date1904);
        if (v >= 1 && v < 2958466 && serial.ok && serial.value === d.value) return undefined;
        return { value: isoToSerial(d.value, date1904), shown: d.value, note: '数字日期（年月日连写）转为日期' };
      }
      return { value: isoToSerial(d.value, date1904), shown: d.value, note: '文本日期转为日期' };
    }
    case 'datetime': {
      if (typeof v !== 'string') return undefined;
      const d = parseDateTime(v, date1904);
      if (!d.ok) return undefined;
      const minutes = d.value.minutes ?? 0;
      return {
        value: isoToSerial(d.value.date, date1904) + minutes / 1440,
        shown: `${d.value.date}${d.value.minutes === null ? '' : ` ${hhmm(minutes)}`}`,
        note: '文本日期时间转为日期',
      };
    }
    case 'time': {
      if (typeof v !== 'string') return undefined;
      const t = parseTime(v);
      return t.ok ? { value: t.value / 1440, shown: hhmm(t.value), note: '文本时间转为时间' } : undefined;
    }
    case 'money': {
      if (typeof v !== 'string') return undefined;
      const m = parseMoney(v);
      return m.ok ? { value: m.value / 100, shown: (m.value / 100).toFixed(2), note: '文本金额转为数字' } : undefined;
    }
    case 'rate': {
      if (typeof v !== 'string') return undefined;
      const r = parseRate(v);
      return r.ok ? { value: r.value, shown: String(r.value), note: '文本费率转为数字' } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Text that is plainly a date, time, amount or rate in such a column becomes the real value
 * (and a yyyymmdd number a date); text that cannot be read stays and is listed.
 */
export function conversionsOf(pt: ParsedTable, grid: Grid, sheet: string, records: UpgradeRecord[]): Conversion[] {
  const out: Conversion[] = [];
  for (const m of pt.columns) {
    if (!m.key) continue;
    const column = pt.table.column(m.key);
    if (!CONVERTED_KINDS.has(column.kind)) continue;
    for (const row of pt.rows) {
      const v = cellAt(grid, row.row, m.col);
      if (isBlank(v)) continue;
      const record = (after: string, note: string) =>
        records.push({ sheet, cell: `${columnLetter(m.col)}${row.row}`, column: m.header, before: cellText(v), after, note });
      if (row.invalid?.[m.key] !== undefined) {
        const issue = pt.findings.find((f) => f.row === row.row && f.key === m.key && f.level === 'error');
        record('', `无法识别，保持原样${issue ? `：${issue.message}` : ''}`);
        continue;
      }
      const converted = convertValue(column, v, pt.date1904);
      if (!converted) continue;
      out.push({ row: row.row, col: m.col, value: converted.value, numFmt: NUM_FMT[column.kind] });
      record(converted.shown, converted.note);
    }
  }
  return out;
}

// ---- layout --------------------------------------------------------------------------------

export interface SheetLayout {
  layout: TableLayout;
  /** Last column with content in the table's rows, before anything was appended. */
  usedCol: number;
  lastHeaderCol: number;
  /** Header cells this run writes (appended input and formula columns). */
  appended: Map<number, string>;
}

/** Appends what the formulas need: missing input columns (empty), then the formula columns (upgradeLayout of the CLI). */
export function upgradeLayout(pt: ParsedTable, grid: Grid, head: HeadFormulas, sheet: string, records: UpgradeRecord[]): SheetLayout {
  const table = pt.table;
  const columns: Record<string, number> = {};
  for (const m of pt.columns) if (m.key) columns[m.key] = m.col;
  const headerCols = pt.columns.map((m) => m.col);
  const headerRow = pt.headerRow;
  const lastRow = Math.max(headerRow + 1, ...pt.rows.map((r) => r.row));

  let usedCol = Math.max(...headerCols);
  const o = grid.origin ?? { row: 0, col: 0 };
  for (let r = headerRow; r <= lastRow; r++) {
    grid.rows[r - 1 - o.row]?.forEach((cell, c) => {
      if (!isBlank(cell)) usedCol = Math.max(usedCol, c + o.col);
    });
  }
  const headerText = (col: number) => cellText(cellAt(grid, headerRow, col)).trim();
  const plan = formulaColumnsOf(table.key);
  const taken = new Map<string, number>();
  for (let c = 0; c <= usedCol; c++) {
    if (ownHeader(headerText(c)) && (formulaBelow(grid, head, headerRow, c) || lastRow === headerRow + 1)) taken.set(headerText(c), c);
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
      table, sheet, headerRow, firstRow: headerRow + 1, lastRow, columns, formulas,
      firstCol: Math.min(...headerCols), lastCol: Math.max(usedCol, next - 1),
    },
    usedCol,
    lastHeaderCol: Math.max(...headerCols),
    appended,
  };
}

/** A new, empty ledger sheet laid out by the table's own column list (for a missing 回款记录). */
export function freshLayout(table: Table, sheet: string): SheetLayout {
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
    layout: { table, sheet, headerRow: 1, firstRow: 2, lastRow: 1 + TEMPLATE_ROWS, columns, formulas, firstCol: 0, lastCol },
    usedCol: lastCol,
    lastHeaderCol: lastCol,
    appended,
  };
}

/** Why the range cannot become an Excel table, or undefined when it can (notTableReason of the CLI). */
export function notTableReason(grid: Grid | undefined, l: SheetLayout, tablesOnSheet: readonly string[]): string | undefined {
  if (tablesOnSheet.length) return `原表已有 Excel 表格“${tablesOnSheet.join('、')}”`;
  const { layout } = l;
  const header = (c: number): Cell => l.appended.get(c) ?? (grid ? cellAt(grid, layout.headerRow, c) : '');
  if (l.usedCol > l.lastHeaderCol && layout.formulas.every((f) => f.col > l.usedCol)) {
    for (let c = l.lastHeaderCol + 1; c <= l.usedCol; c++) if (isBlank(header(c))) return `第 ${columnLetter(c)} 列有内容但没有表头`;
  }
  const seen = new Set<string>();
  for (let c = layout.firstCol; c <= layout.lastCol; c++) {
    const v = header(c);
    if (typeof v !== 'string' || !v.trim()) return `表头第 ${columnLetter(c)} 列为空或不是文字`;
    const k = v.trim().toUpperCase();
    if (seen.has(k)) return `表头“${v}”重复`;
    seen.add(k);
  }
  return undefined;
}

/**
 * True when a tool copy from an earlier run no longer matches what this run would write:
 * the clerk has typed into it (or changed the original since). Formula columns are not
 * compared — Excel computes them.
 */
export function copyDiffers(copy: Grid, original: Grid, conversions: readonly Conversion[], layouts: readonly SheetLayout[]): boolean {
  const converted = new Map(conversions.map((c) => [`${c.row},${c.col}`, c.value]));
  const appended = new Map<number, { header: string; headerRow: number }>();
  const computed = new Map<number, number>();
  for (const l of layouts) {
    l.appended.forEach((header, col) => appended.set(col, { header, headerRow: l.layout.headerRow }));
    for (const f of l.layout.formulas) computed.set(f.col, l.layout.headerRow);
  }
  const extent = (g: Grid) => {
    const o = g.origin ?? { row: 0, col: 0 };
    return { rows: o.row + g.rows.length, cols: o.col + Math.max(0, ...g.rows.map((r) => r?.length ?? 0)) };
  };
  const a = extent(copy);
  const b = extent(original);
  const lastCol = Math.max(a.cols, b.cols, ...[...appended.keys()].map((c) => c + 1));
  for (let row = 1; row <= Math.max(a.rows, b.rows); row++) {
    for (let col = 0; col < lastCol; col++) {
      const formulaFrom = computed.get(col);
      if (formulaFrom !== undefined && row > formulaFrom) continue;
      const extra = appended.get(col);
      const expected = extra ? (row === extra.headerRow ? extra.header : '') : converted.get(`${row},${col}`) ?? cellAt(original, row, col);
      if (cellAt(copy, row, col) !== expected) return true;
    }
  }
  return false;
}

// ---- the 设置 sheet ----------------------------------------------------------------------

export interface SettingsPlan {
  /** True when the workbook has no 设置 sheet yet. */
  fresh: boolean;
  /** Rows to write: 1-based row, then columns A (label), B (value), C (note). */
  rows: { row: number; cells: Cell[]; numFmt?: string }[];
  /** Where each setting sits afterwards, for the names. */
  cells: SettingCell[];
}

const SETTING_FMT: Partial<Record<string, string>> = { date: 'yyyy-mm-dd', dates: 'yyyy-mm-dd', time: 'hh:mm', money: '#,##0.00', int: '0' };

function settingValue(kind: string, v: Cell, date1904: boolean): Cell {
  if ((kind === 'date' || kind === 'dates') && typeof v === 'string') return isoToSerial(v, date1904);
  return v;
}

/** The grid with its origin at A1, as locateSettings reads rows. */
function anchored(grid: Grid): Grid {
  const o = grid.origin ?? { row: 0, col: 0 };
  const pad = (row: Cell[] | undefined) => [...Array<Cell>(o.col).fill(null), ...(row ?? [])];
  return { ...grid, rows: [...Array.from({ length: o.row }, () => [] as Cell[]), ...grid.rows.map(pad)], origin: { row: 0, col: 0 } };
}

/** The 设置 sheet the formulas read: a new one, or the settings an existing one lacks appended. */
export function settingsPlan(existing: Grid | undefined, date1904: boolean, records: UpgradeRecord[]): SettingsPlan {
  const defaults = templateSettings(defaultSettings());
  if (!existing) {
    records.push({ sheet: SETTINGS_SHEET, cell: 'A1', column: '', before: '', after: '', note: '新增工作表：设置（基准日、理赔逾期天数等，公式通过名称引用）' });
    return {
      fresh: true,
      rows: defaults.rows.map((r) => ({
        row: r.row,
        cells: [r.label, settingValue(r.kind, r.value, date1904), r.note],
        numFmt: SETTING_FMT[r.kind],
      })),
      cells: defaults.cells,
    };
  }
  const grid = anchored(existing);
  const found = locateSettings(grid);
  const rows: SettingsPlan['rows'] = [];
  let row = grid.rows.length + 1;
  for (const def of SETTING_ROWS.filter((d) => !found.some((f) => f.key === d.key))) {
    const value = defaults.rows.find((r) => r.label === def.label)!.value;
    rows.push({ row, cells: [def.label, settingValue(def.kind, value, date1904), SETTING_NOTES[def.key] ?? null], numFmt: SETTING_FMT[def.kind] });
    records.push({ sheet: SETTINGS_SHEET, cell: `A${row}`, column: def.label, before: '', after: shownSetting(def.kind, value), note: '新增设置项（默认值）' });
    row++;
  }
  const extended = { ...grid, rows: [...grid.rows, ...rows.map((r) => r.cells)] };
  return { fresh: false, rows, cells: locateSettings(extended) };
}

function shownSetting(kind: string, v: Cell): string {
  if (kind === 'time' && typeof v === 'number') {
    const m = Math.round(v * 1440);
    return hhmm(m);
  }
  return cellText(v);
}

/** Defined names of the settings: `'设置'!$B$2`, or the rows of a date list. */
export function settingNames(cells: readonly SettingCell[]): { name: string; reference: string }[] {
  const quoted = `'${SETTINGS_SHEET}'`;
  return cells
    .filter((c) => c.name)
    .map((c) => ({
      name: c.name!,
      reference: c.firstRow === c.lastRow ? `=${quoted}!$B$${c.firstRow}` : `=${quoted}!$B$${c.firstRow}:$B$${c.lastRow}`,
    }));
}

/** `X（工具）`, shortened so it fits Excel's 31 characters. */
export const TOOL_SUFFIX = '（工具）';
export const toolSheetName = (name: string): string => [...name].slice(0, 31 - TOOL_SUFFIX.length).join('') + TOOL_SUFFIX;

/**
 * Applies the upgrade plan (src/tasks/upgrade) to an exceljs workbook: `buildTemplate` makes a
 * new, empty ledger workbook, `upgradeWorkbook` turns an existing one into the same tool while
 * keeping every original sheet, cell value, header wording and extra column where it was.
 */
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Cell, Grid } from '../grid';
import { columnLetter, isBlank } from '../grid';
import { tableByKey, tablesOfLedger, type Column, type LedgerKey, type Table, type TableKey } from '../ledgers';
import { defaultSettings, SETTINGS_SHEET, SETTING_ROWS, type Settings } from '../ledgers/settings';
import { readLedgerSheets } from '../read/sheets';
import type { ParsedTable } from '../read/table';
import { parseDate, parseDateTime, parseTime, todayIso } from '../rules/date';
import { parseMoney, parseRate, yuanToFen } from '../rules/money';
import { cellText } from '../rules/text';
import { FORMULA_HEADERS, formulaColumnsOf, refsOf, type FormulaColumn } from '../tasks/upgrade/formulas';
import { formulaValues, type CachedValue } from '../tasks/upgrade/values';
import { formatRulesOf, formulaGuard, LOOKS, NUM_FMT, templateFormatOf, validationOf, type Validation } from '../tasks/upgrade/rules';
import { formulaAt, type LayoutOf, type TableLayout } from '../tasks/upgrade/layout';
import { DATE_LIST_ROWS, locateSettings, templateSettings, SETTING_NOTES, type SettingCell } from '../tasks/upgrade/settingsSheet';
import { attendancePlan, type CellStyle, type RosterSource, type SheetPlan } from '../tasks/upgrade/attendance';
import {
  CALENDAR_HEADERS, CALENDAR_SHEET, MAX_FORMULA_LENGTH, SUMMARY_ROWS, SUMMARY_SHEET, longestCalendarFormula, type AttendanceSources,
} from '../tasks/upgrade/attendanceFormulas';
import type { AttendanceInput } from '../ledgers/attendanceMonth';
import { addTables, readTables, type TableIn, type TableKept, type TableOut } from './upgradeZip';
import { textWidth } from './xlsxOut';
import { readWorkbookFile } from './workbook';
import { InputError, reasons } from './errors';

/** Rows a new ledger is prepared for (formulas, drop-downs, checks): a year of a busy desk. */
export const TEMPLATE_ROWS = 2000;
export const LOG_SHEET = '升级记录';
const LOG_HEADERS = ['工作表', '单元格', '列', '原内容', '升级后', '说明'];
/** Our formula column, renamed because the ledger already has its own column of that name. */
const OWN_SUFFIX = '（公式）';

const HEADER_FILL = 'FFDDEBF7';
const FORMULA_HEADER_FILL = 'FFBFBFBF';
const FORMULA_FILL = 'FFEDEDED';
const FORMULA_FONT = 'FF1F3864';

export interface UpgradeRecord {
  sheet: string;
  cell: string;
  column: string;
  before: string;
  after: string;
  note: string;
}

export interface LedgerReport {
  sheet: string;
  table: TableKey;
  headerRow: number;
  rows: number;
  /** Name of the Excel table, or why the range could not become one. */
  excelTable?: string;
  notTable?: string;
  formulaColumns: string[];
  /** The sheet of formulas computed from this table (月度差勤 for the 人力表). */
  formulaSheet?: string;
}

export interface UpgradeResult {
  bytes: Buffer;
  ledgers: LedgerReport[];
  /** What this run changed (also on the 升级记录 sheet). */
  records: UpgradeRecord[];
  asOf: string;
}

// ---- exceljs cells → grids ------------------------------------------------------------------

type XCell = ExcelJS.CellValue;

function toCell(v: XCell): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v !== 'object') return v as Cell;
  if ('formula' in v || 'sharedFormula' in v) return toCell((v as { result?: XCell }).result ?? null);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('hyperlink' in v) return toCell((v as { text: XCell }).text);
  if ('error' in v) return String(v.error);
  return null;
}

const isFormulaCell = (c: ExcelJS.Cell): boolean => c.type === ExcelJS.ValueType.Formula;

const ownHeader = (text: string): string | undefined => {
  const t = text.trim();
  if (FORMULA_HEADERS.has(t)) return t;
  return t.endsWith(OWN_SUFFIX) && FORMULA_HEADERS.has(t.slice(0, -OWN_SUFFIX.length)) ? t.slice(0, -OWN_SUFFIX.length) : undefined;
};

/**
 * The grid the engine reads. Our formula columns are hidden from header matching, or a
 * re-run would take 保险公司应付 for the 保险公司 column.
 */
function gridOf(ws: ExcelJS.Worksheet, date1904: boolean): Grid {
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (c, col) => {
      cells[col - 1] = toCell(c.value);
    });
    rows[r - 1] = cells;
  });
  for (let r = 0; r < Math.min(rows.length, 20); r++) {
    rows[r]?.forEach((cell, c) => {
      if (typeof cell === 'string' && ownHeader(cell) && isFormulaCell(ws.getCell(r + 2, c + 1))) rows[r][c] = null;
    });
  }
  return { sheet: ws.name, rows, date1904 };
}

// ---- styling helpers -----------------------------------------------------------------------

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

function restyle(cell: ExcelJS.Cell, patch: Partial<ExcelJS.Style>): void {
  // A fresh object: exceljs shares style objects between cells loaded from a file.
  cell.style = { ...cell.style, ...patch };
}

const dateOf = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};

function toExcelValidation(v: Validation, self: string): ExcelJS.DataValidation {
  const formulae = (v.formulae ?? []).map((f) =>
    v.type === 'date' && typeof f === 'string' ? dateOf(f) : typeof f === 'string' ? f.replace(/\{self\}/g, self) : f,
  );
  return {
    type: v.type,
    ...(v.operator ? { operator: v.operator } : {}),
    allowBlank: true,
    formulae,
    showInputMessage: true,
    promptTitle: v.promptTitle,
    prompt: v.prompt,
    ...(v.error ? { showErrorMessage: true, errorStyle: 'stop', errorTitle: v.promptTitle, error: v.error } : {}),
  } as ExcelJS.DataValidation;
}

type DvModel = Record<string, ExcelJS.DataValidation>;

/** Sets the validation of a column range, replacing whatever the cells had (a re-run reads ours back per cell). */
function setValidation(ws: ExcelJS.Worksheet, col: number, first: number, last: number, dv: ExcelJS.DataValidation): void {
  const model = (ws as unknown as { dataValidations: { model: DvModel } }).dataValidations.model;
  const l = columnLetter(col);
  for (let r = first; r <= last; r++) delete model[`${l}${r}`];
  for (const key of Object.keys(model)) if (key.includes(':') && key.startsWith(l) && rangeInColumn(key, l, first, last)) delete model[key];
  model[first === last ? `${l}${first}` : `${l}${first}:${l}${last}`] = dv;
}

function rangeInColumn(key: string, l: string, first: number, last: number): boolean {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(key);
  return !!m && m[1] === l && m[3] === l && +m[2] >= first && +m[4] <= last;
}

function fittedWidth(ws: ExcelJS.Worksheet, col: number, from: number, to: number): number {
  let w = 8;
  for (let r = from; r <= Math.min(to, from + 200); r++) {
    const v = toCell(ws.getCell(r, col + 1).value);
    const text = v instanceof Date ? '2026-10-05' : typeof v === 'number' ? v.toFixed(2) : cellText(v);
    w = Math.max(w, Math.min(40, textWidth(text) + 3));
  }
  return w;
}

// ---- applying a table layout ---------------------------------------------------------------

interface ApplyOptions {
  /** A brand-new sheet: style every ledger cell and header too. */
  fresh: boolean;
  others: LayoutOf;
  /** Cached values per Excel row; undefined = the row is blank. */
  values: (row: number) => Record<string, CachedValue> | undefined;
  /** Rows that are total rows (合计): no formulas there. */
  skipRows?: ReadonlySet<number>;
}

function formulaNumFmt(f: FormulaColumn): string | undefined {
  return f.kind === 'money' ? NUM_FMT.money : f.kind === 'days' ? NUM_FMT.days : undefined;
}

function applyLayout(ws: ExcelJS.Worksheet, layout: TableLayout, o: ApplyOptions): void {
  const { table, headerRow, firstRow, lastRow } = layout;
  const ledgerCols = Object.entries(layout.columns).map(([key, col]) => ({ column: table.column(key), col }));

  for (const { column, col } of ledgerCols) {
    const head = ws.getCell(headerRow, col + 1);
    if (o.fresh) restyle(head, { font: { bold: true }, fill: solid(HEADER_FILL), numFmt: '@' });
    const fmt = o.fresh ? templateFormatOf(column) : NUM_FMT[column.kind];
    for (let r = firstRow; r <= lastRow; r++) {
      const cell = ws.getCell(r, col + 1);
      const keepFmt = !o.fresh && cell.numFmt && cell.numFmt !== 'General';
      restyle(cell, { protection: { locked: false }, ...(fmt && !keepFmt ? { numFmt: fmt } : {}) });
    }
    setValidation(ws, col, firstRow, lastRow, toExcelValidation(validationOf(column), `${columnLetter(col)}${firstRow}`));
  }

  for (const { column, col } of layout.formulas) {
    const head = ws.getCell(headerRow, col + 1);
    restyle(head, { font: { bold: true, color: { argb: FORMULA_FONT } }, fill: solid(FORMULA_HEADER_FILL), numFmt: '@' });
    const numFmt = formulaNumFmt(column);
    for (let r = firstRow; r <= lastRow; r++) {
      const cell = ws.getCell(r, col + 1);
      if (o.skipRows?.has(r)) continue;
      const result = o.values(r)?.[column.key] ?? '';
      cell.value = { formula: formulaAt(column.formula, layout, r, o.others), result } as ExcelJS.CellFormulaValue;
      restyle(cell, {
        fill: solid(FORMULA_FILL),
        font: { color: { argb: FORMULA_FONT } },
        protection: { locked: true },
        ...(numFmt ? { numFmt } : {}),
      });
    }
    setValidation(ws, col, firstRow, lastRow, toExcelValidation(formulaGuard(column), `${columnLetter(col)}${firstRow}`));
  }

  applyConditionalFormats(ws, layout, o.others);

  const view = ws.views?.[0] ?? {};
  ws.views = [{ ...view, state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` } as ExcelJS.WorksheetView];

  for (let c = layout.firstCol; c <= layout.lastCol; c++) {
    const column = ws.getColumn(c + 1);
    if (o.fresh || !column.width) column.width = fittedWidth(ws, c, headerRow, lastRow);
  }
}

function applyConditionalFormats(ws: ExcelJS.Worksheet, layout: TableLayout, others: LayoutOf): void {
  const { firstRow, lastRow } = layout;
  if (lastRow < firstRow) return;
  const ours: ExcelJS.ConditionalFormattingOptions[] = [];
  for (const rule of formatRulesOf(layout.table)) {
    const formulaKey = rule.target.startsWith('$') ? rule.target.slice(1) : undefined;
    const refs = refsOf(rule.formula);
    if (refs.columns.some((k) => layout.columns[k] === undefined)) continue;
    let first: number;
    let last: number;
    if (rule.target === 'row') [first, last] = [layout.firstCol, layout.lastCol];
    else {
      const col = formulaKey ? layout.formulas.find((f) => f.column.key === formulaKey)?.col : layout.columns[rule.target];
      if (col === undefined) continue;
      [first, last] = [col, col];
    }
    const look = LOOKS[rule.look];
    ours.push({
      ref: `${columnLetter(first)}${firstRow}:${columnLetter(last)}${lastRow}`,
      rules: [{
        type: 'expression',
        formulae: [formulaAt(rule.formula, layout, firstRow, others, { absoluteColumns: true })],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: look.fill } }, font: { color: { argb: look.font } } },
      } as ExcelJS.ConditionalFormattingRule],
    });
  }
  const same = (a: ExcelJS.ConditionalFormattingOptions, b: ExcelJS.ConditionalFormattingOptions) =>
    a.ref === b.ref && JSON.stringify(a.rules.map((r) => (r as { formulae?: unknown }).formulae)) === JSON.stringify(b.rules.map((r) => (r as { formulae?: unknown }).formulae));
  const sheet = ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] };
  sheet.conditionalFormattings = (sheet.conditionalFormattings ?? []).filter((cf) => !ours.some((o) => same(cf, o)));
  for (const cf of ours) ws.addConditionalFormatting(cf);
}

// ---- layouts -------------------------------------------------------------------------------

function freshLayout(ws: ExcelJS.Worksheet, table: Table, rows: number): TableLayout {
  const columns: Record<string, number> = {};
  table.columns.forEach((c, i) => {
    columns[c.key] = i;
    ws.getCell(1, i + 1).value = c.header;
  });
  const formulas = formulaColumnsOf(table.key).map((column, i) => {
    ws.getCell(1, table.columns.length + i + 1).value = column.header;
    return { column, col: table.columns.length + i };
  });
  return {
    table, sheet: ws.name, headerRow: 1, firstRow: 2, lastRow: 1 + rows, columns, formulas,
    firstCol: 0, lastCol: table.columns.length + formulas.length - 1,
  };
}

/** Appends what the formulas need: missing input columns (empty), then the formula columns. */
function upgradeLayout(ws: ExcelJS.Worksheet, pt: ParsedTable, tablesIn: readonly TableIn[], records: UpgradeRecord[]): { layout: TableLayout; usedCol: number; lastHeaderCol: number } {
  const table = pt.table;
  const columns: Record<string, number> = {};
  for (const m of pt.columns) if (m.key) columns[m.key] = m.col;
  const headerCols = pt.columns.map((m) => m.col);
  const headerRow = pt.headerRow;
  let lastRow = Math.max(headerRow + 1, ...pt.rows.map((r) => r.row));
  const existing = tablesIn.find((t) => t.sheet === pt.sheet && rangeOf(t.ref).top === headerRow);
  if (existing) lastRow = Math.max(lastRow, rangeOf(existing.ref).bottom);

  let usedCol = Math.max(...headerCols);
  for (let r = headerRow; r <= lastRow; r++) {
    ws.getRow(r).eachCell({ includeEmpty: false }, (c, col) => {
      if (!isBlank(toCell(c.value))) usedCol = Math.max(usedCol, col - 1);
    });
  }
  const lastHeaderText = (col: number) => cellText(toCell(ws.getCell(headerRow, col + 1).value)).trim();
  const plan = formulaColumnsOf(table.key);
  const formulas: { column: FormulaColumn; col: number }[] = [];
  const taken = new Map<string, number>();
  for (let c = 0; c <= usedCol; c++) {
    const own = ownHeader(lastHeaderText(c));
    if (own && (isFormulaCell(ws.getCell(headerRow + 1, c + 1)) || lastRow === headerRow + 1)) taken.set(lastHeaderText(c), c);
  }
  let next = usedCol + 1;
  const append = (header: string, note: string, after: string) => {
    const col = next++;
    ws.getCell(headerRow, col + 1).value = header;
    records.push({ sheet: ws.name, cell: `${columnLetter(col)}${headerRow}`, column: header, before: '', after, note });
    return col;
  };
  const needed = [...new Set(plan.flatMap((f) => refsOf(f.formula).columns))].filter((k) => columns[k] === undefined);
  for (const key of needed) {
    const c = table.column(key);
    columns[key] = append(c.header, `新增列：公式“${plan.filter((f) => refsOf(f.formula).columns.includes(key)).map((f) => f.header).join('、')}”需要此列`, c.header);
  }
  const headersInUse = new Set(Array.from({ length: usedCol + 1 }, (_, c) => lastHeaderText(c)));
  for (const column of plan) {
    const mine = taken.get(column.header) ?? taken.get(column.header + OWN_SUFFIX);
    if (mine !== undefined) {
      formulas.push({ column, col: mine });
      continue;
    }
    const header = headersInUse.has(column.header) ? column.header + OWN_SUFFIX : column.header;
    formulas.push({ column: { ...column, header }, col: append(header, `新增公式列：${column.hint}`, header) });
  }
  const firstCol = Math.min(...headerCols);
  const lastCol = Math.max(usedCol, next - 1);
  return {
    layout: { table, sheet: ws.name, headerRow, firstRow: headerRow + 1, lastRow, columns, formulas, firstCol, lastCol },
    usedCol,
    lastHeaderCol: Math.max(...headerCols),
  };
}

function rangeOf(ref: string): { top: number; bottom: number; left: number; right: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref.toUpperCase());
  if (!m) return { top: 0, bottom: -1, left: 0, right: -1 };
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { top: +m[2], bottom: +(m[4] ?? m[2]), left: col(m[1]), right: col(m[3] ?? m[1]) };
}

const overlaps = (a: ReturnType<typeof rangeOf>, b: ReturnType<typeof rangeOf>) =>
  a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

/** Why a layout's range cannot become an Excel table, or undefined when it can. */
function notTableReason(ws: ExcelJS.Worksheet, layout: TableLayout, usedCol: number, lastHeaderCol: number): string | undefined {
  if (usedCol > lastHeaderCol && layout.formulas.every((f) => f.col > usedCol) && usedCol !== lastHeaderCol) {
    const hasHeader = (c: number) => !isBlank(toCell(ws.getCell(layout.headerRow, c + 1).value));
    for (let c = lastHeaderCol + 1; c <= usedCol; c++) if (!hasHeader(c)) return `第 ${columnLetter(c)} 列有内容但没有表头`;
  }
  const seen = new Set<string>();
  for (let c = layout.firstCol; c <= layout.lastCol; c++) {
    const v = ws.getCell(layout.headerRow, c + 1).value;
    if (typeof v !== 'string' || !v.trim()) return `表头第 ${columnLetter(c)} 列为空或不是文字`;
    const k = v.trim().toUpperCase();
    if (seen.has(k)) return `表头“${v}”重复`;
    seen.add(k);
  }
  const range = { top: layout.headerRow, bottom: layout.lastRow, left: layout.firstCol, right: layout.lastCol };
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  const merged = merges.find((m) => overlaps(rangeOf(m), range));
  if (merged) return `区域内有合并单元格 ${merged}`;
  return undefined;
}

// ---- settings ------------------------------------------------------------------------------

function settingsValue(kind: (typeof SETTING_ROWS)[number]['kind'] | 'header', v: Cell): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if ((kind === 'date' || kind === 'dates') && typeof v === 'string') return dateOf(v);
  return v as ExcelJS.CellValue;
}

const SETTING_FMT: Partial<Record<string, string>> = { date: 'yyyy-mm-dd', dates: 'yyyy-mm-dd', time: 'hh:mm', money: '#,##0.00', int: '0' };

function writeSettingsSheet(ws: ExcelJS.Worksheet, settings: Settings): SettingCell[] {
  const { rows, cells } = templateSettings(settings);
  for (const r of rows) {
    ws.getCell(r.row, 1).value = r.label;
    ws.getCell(r.row, 2).value = settingsValue(r.kind, r.value);
    ws.getCell(r.row, 3).value = r.note;
    const fmt = SETTING_FMT[r.kind];
    if (fmt) ws.getCell(r.row, 2).numFmt = fmt;
  }
  for (const c of [1, 2, 3]) restyle(ws.getCell(1, c), { font: { bold: true }, fill: solid(HEADER_FILL) });
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 14;
  ws.getColumn(3).width = 70;
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return cells;
}

/** Reads a settings cell the way readSettings does and writes it back as a real value. */
function normaliseSetting(ws: ExcelJS.Worksheet, s: SettingCell, date1904: boolean, records: UpgradeRecord[]): void {
  const def = SETTING_ROWS.find((d) => d.key === s.key)!;
  for (let r = s.firstRow; r <= s.lastRow; r++) {
    const cell = ws.getCell(r, 2);
    const v = toCell(cell.value);
    if (typeof v !== 'string' || isFormulaCell(cell) || !v.trim()) continue;
    let out: ExcelJS.CellValue | undefined;
    if (def.kind === 'date' || def.kind === 'dates') {
      const d = parseDate(v, date1904);
      if (d.ok) out = dateOf(d.value);
    } else if (def.kind === 'time') {
      const t = parseTime(v);
      if (t.ok) out = t.value / 1440;
    } else if (def.kind === 'money') {
      const m = parseMoney(v);
      if (m.ok) out = m.value / 100;
    } else if (def.kind === 'int') {
      const n = Number(v.trim());
      if (Number.isInteger(n)) out = n;
    }
    if (out === undefined) continue;
    cell.value = out;
    if (SETTING_FMT[def.kind]) cell.numFmt = SETTING_FMT[def.kind]!;
    records.push({ sheet: ws.name, cell: `B${r}`, column: def.label, before: v, after: cellText(toCell(out)), note: '设置值由文本转为数值/日期，公式才能使用' });
  }
}

function shownSetting(kind: string, v: Cell): string {
  if (kind === 'time' && typeof v === 'number') {
    const m = Math.round(v * 1440);
    return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  }
  return cellText(v);
}

/** The 设置 sheet the formulas read: added when missing, completed when a setting is missing. */
function ensureSettings(wb: ExcelJS.Workbook, records: UpgradeRecord[]): SettingCell[] {
  let ws = wb.getWorksheet(SETTINGS_SHEET);
  const date1904 = !!wb.properties.date1904;
  if (!ws) {
    ws = wb.addWorksheet(SETTINGS_SHEET);
    records.push({ sheet: SETTINGS_SHEET, cell: 'A1', column: '', before: '', after: '', note: '新增工作表：设置（基准日、理赔逾期天数等，公式通过名称引用）' });
    return writeSettingsSheet(ws, defaultSettings());
  }
  const found = locateSettings(gridOf(ws, date1904));
  const missing = SETTING_ROWS.filter((d) => !found.some((f) => f.key === d.key));
  if (missing.length) {
    let row = ws.actualRowCount ? ws.lastRow!.number + 1 : 1;
    const defaults = templateSettings(defaultSettings()).rows;
    for (const d of missing) {
      const value = defaults.find((r) => r.label === d.label)!.value;
      ws.getCell(row, 1).value = d.label;
      ws.getCell(row, 2).value = settingsValue(d.kind, value);
      ws.getCell(row, 3).value = SETTING_NOTES[d.key] ?? null;
      if (SETTING_FMT[d.kind]) ws.getCell(row, 2).numFmt = SETTING_FMT[d.kind]!;
      records.push({ sheet: ws.name, cell: `A${row}`, column: d.label, before: '', after: shownSetting(d.kind, value), note: '新增设置项（默认值）' });
      // A date list gets the empty rows below it, so 节假日 can be filled in without overwriting 调休上班.
      row += d.kind === 'dates' ? DATE_LIST_ROWS[d.key as keyof typeof DATE_LIST_ROWS] : 1;
    }
  }
  const cells = locateSettings(gridOf(ws, date1904));
  for (const s of cells) normaliseSetting(ws, s, date1904, records);
  return cells;
}

function setNames(wb: ExcelJS.Workbook, cells: readonly SettingCell[]): void {
  const quoted = `'${SETTINGS_SHEET}'`;
  addNames(wb, cells.filter((c) => c.name).map((c) => ({
    name: c.name!,
    ref: c.firstRow === c.lastRow ? `${quoted}!$B$${c.firstRow}` : `${quoted}!$B$${c.firstRow}:$B$${c.lastRow}`,
  })));
}

/** Defines (or redefines) workbook names; the clerk's other names stay. */
function addNames(wb: ExcelJS.Workbook, ours: readonly { name: string; ref: string }[]): void {
  const names = wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] };
  names.model = [...names.model.filter((n) => !ours.some((o) => o.name === n.name)), ...ours.map((o) => ({ name: o.name, ranges: [o.ref] }))];
}

// ---- cell conversions ----------------------------------------------------------------------

const CONVERTED_KINDS: ReadonlySet<Column['kind']> = new Set(['date', 'datetime', 'money', 'rate', 'time']);

/**
 * Text that is plainly a date, time, amount or rate in such a column becomes the real value
 * (and a yyyymmdd number a date); text that cannot be read stays and is listed.
 */
function convertCells(ws: ExcelJS.Worksheet, pt: ParsedTable, records: UpgradeRecord[]): void {
  for (const m of pt.columns) {
    if (!m.key) continue;
    const column = pt.table.column(m.key);
    if (!CONVERTED_KINDS.has(column.kind)) continue;
    for (const row of pt.rows) {
      const cell = ws.getCell(row.row, m.col + 1);
      if (isFormulaCell(cell)) continue;
      const v = toCell(cell.value);
      if (isBlank(v) || v instanceof Date) continue;
      const address = `${columnLetter(m.col)}${row.row}`;
      const record = (after: string, note: string) => records.push({ sheet: ws.name, cell: address, column: m.header, before: cellText(v), after, note });
      if (row.invalid?.[m.key] !== undefined) {
        const issue = pt.findings.find((f) => f.row === row.row && f.key === m.key && f.level === 'error');
        record('', `无法识别，保持原样${issue ? `：${issue.message}` : ''}`);
        continue;
      }
      const converted = convertValue(column, v, pt.date1904);
      if (converted === undefined) continue;
      cell.value = converted.value;
      const fmt = NUM_FMT[column.kind];
      if (fmt) cell.numFmt = fmt;
      record(converted.shown, converted.note);
    }
  }
}

function convertValue(column: Column, v: Cell, date1904: boolean): { value: ExcelJS.CellValue; shown: string; note: string } | undefined {
  switch (column.kind) {
    case 'date': {
      if (typeof v === 'number') {
        const d = parseDate(v, date1904);
        // A serial already is the date; only a yyyymmdd number reads differently.
        if (!d.ok || (v >= 1 && v < 2958466 && d.value === serialIso(v, date1904))) return undefined;
        return { value: dateOf(d.value), shown: d.value, note: '数字日期（年月日连写）转为日期' };
      }
      const d = parseDate(v, date1904);
      return d.ok ? { value: dateOf(d.value), shown: d.value, note: '文本日期转为日期' } : undefined;
    }
    case 'datetime': {
      if (typeof v !== 'string') return undefined;
      const d = parseDateTime(v, date1904);
      if (!d.ok) return undefined;
      const minutes = d.value.minutes ?? 0;
      const value = new Date(dateOf(d.value.date).getTime() + minutes * 60_000);
      return { value, shown: `${d.value.date}${d.value.minutes === null ? '' : ` ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`}`, note: '文本日期时间转为日期' };
    }
    case 'time': {
      if (typeof v !== 'string') return undefined;
      const t = parseTime(v);
      return t.ok ? { value: t.value / 1440, shown: `${String(Math.floor(t.value / 60)).padStart(2, '0')}:${String(t.value % 60).padStart(2, '0')}`, note: '文本时间转为时间' } : undefined;
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

function serialIso(v: number, date1904: boolean): string | undefined {
  const d = parseDate(Math.floor(v), date1904);
  return d.ok ? d.value : undefined;
}

// ---- the log sheet -------------------------------------------------------------------------

function writeLog(wb: ExcelJS.Workbook, records: UpgradeRecord[]): UpgradeRecord[] {
  let ws = wb.getWorksheet(LOG_SHEET);
  const key = (r: readonly unknown[]) => [r[0], r[1], r[5]].map((x) => cellText(toCell(x as XCell))).join('\u0000');
  const seen = new Set<string>();
  if (ws) ws.eachRow((row) => seen.add(key(LOG_HEADERS.map((_, i) => row.getCell(i + 1).value))));
  const fresh = records.filter((r) => {
    const k = key([r.sheet, r.cell, r.column, r.before, r.after, r.note]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (!fresh.length) return fresh;
  if (!ws) {
    ws = wb.addWorksheet(LOG_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(LOG_HEADERS);
    ws.getRow(1).eachCell((c) => restyle(c, { font: { bold: true }, fill: solid(HEADER_FILL) }));
    [12, 10, 16, 24, 16, 60].forEach((w, i) => (ws!.getColumn(i + 1).width = w));
  }
  for (const r of fresh) {
    const row = ws.addRow([r.sheet, r.cell, r.column, r.before, r.after, r.note]);
    row.eachCell((c) => (c.numFmt = '@'));
  }
  return fresh;
}

// ---- 月度差勤 ---------------------------------------------------------------------------------

const NOTE_FONT = 'FF595959';
const INPUT_FILL = 'FFFFF2CC';

const PLAN_STYLES: Record<CellStyle, Partial<ExcelJS.Style>> = {
  label: { font: { bold: true } },
  note: { font: { color: { argb: NOTE_FONT } } },
  warning: { font: { bold: true, color: { argb: LOOKS.problem.font } } },
  header: { font: { bold: true }, fill: solid(HEADER_FILL) },
  formulaHeader: { font: { bold: true, color: { argb: FORMULA_FONT } }, fill: solid(FORMULA_HEADER_FILL) },
  input: { fill: solid(INPUT_FILL), protection: { locked: false } },
  formula: { fill: solid(FORMULA_FILL), font: { color: { argb: FORMULA_FONT } }, protection: { locked: true } },
  computed: { font: { color: { argb: FORMULA_FONT } }, protection: { locked: true } },
  plain: {},
};

const planStyle = (style: CellStyle, numFmt?: string): Partial<ExcelJS.Style> => ({ ...PLAN_STYLES[style], ...(numFmt ? { numFmt } : {}) });

/** Writes a sheet plan over whatever the sheet held (a re-run rewrites our own sheet in place). */
function writeSheetPlan(ws: ExcelJS.Worksheet, plan: SheetPlan): void {
  ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (c) => {
    c.value = null;
    c.style = {};
  }));
  const sheet = ws as unknown as { dataValidations: { model: DvModel }; conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] };
  sheet.dataValidations.model = {};
  sheet.conditionalFormattings = [];
  for (const c of plan.cells) {
    const cell = ws.getCell(c.row, c.col + 1);
    cell.value = c.formula !== undefined ? ({ formula: c.formula, result: c.result } as ExcelJS.CellFormulaValue) : ((c.value ?? null) as ExcelJS.CellValue);
    cell.style = planStyle(c.style, c.numFmt);
  }
  // One formula per column, shared down: the file holds it once, not once per row.
  for (const f of plan.fills) {
    const master = `${columnLetter(f.col)}${f.firstRow}`;
    f.results.forEach((result, i) => {
      const cell = ws.getCell(f.firstRow + i, f.col + 1);
      cell.value = (i === 0 ? { formula: f.formula, result } : { sharedFormula: master, result }) as ExcelJS.CellValue;
      cell.style = planStyle('formula', f.numFmt);
    });
  }
  for (const [col, width] of Object.entries(plan.widths)) ws.getColumn(Number(col) + 1).width = width;
  for (const col of plan.hiddenCols) ws.getColumn(col + 1).hidden = true;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: plan.frozenRows, topLeftCell: `A${plan.frozenRows + 1}` } as ExcelJS.WorksheetView];
  ws.state = plan.hidden ? 'hidden' : 'visible';
  if (plan.landscape) ws.pageSetup = { ...ws.pageSetup, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  for (const v of plan.validations) sheet.dataValidations.model[v.ref] = toExcelValidation(v.validation, v.self);
  for (const f of plan.formats) {
    const look = LOOKS[f.look];
    ws.addConditionalFormatting({
      ref: f.ref,
      rules: [{
        type: 'expression',
        formulae: [f.formula],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: look.fill } }, font: { color: { argb: look.font } } },
      } as ExcelJS.ConditionalFormattingRule],
    });
  }
}

/** Looks without creating the cell (exceljs's getCell adds one). */
const textAt = (ws: ExcelJS.Worksheet, row: number, col: number) => cellText(toCell(ws.findCell(row, col + 1)?.value ?? null)).trim();

/** Our 月度差勤 and 差勤日历 sheets, found by their layout (the clerk may have renamed them). */
function attendanceSheets(wb: ExcelJS.Workbook): { summary?: ExcelJS.Worksheet; calendar?: ExcelJS.Worksheet } {
  const summary = wb.worksheets.find((ws) => {
    const period = ws.findCell(SUMMARY_ROWS.period, 2);
    return textAt(ws, SUMMARY_ROWS.month, 0) === '月份' && textAt(ws, SUMMARY_ROWS.header, 0) === '工号' && !!period && isFormulaCell(period);
  });
  const calendar = wb.worksheets.find((ws) => CALENDAR_HEADERS.every((h, c) => textAt(ws, 1, c) === h));
  return { summary, calendar };
}

interface AttendanceArgs {
  layouts: readonly TableLayout[];
  /** The last Excel row holding data, per roster sheet (none for an empty roster). */
  lastDataRow: (layout: TableLayout) => number | undefined;
  input: AttendanceInput;
  settings: Settings;
  asOf: string;
  settingCells: readonly SettingCell[];
  records?: UpgradeRecord[];
}

/** Adds (or rewrites) 月度差勤 and 差勤日历 when the workbook has a 人力表; the name of 月度差勤. */
function writeAttendance(wb: ExcelJS.Workbook, a: AttendanceArgs): string | undefined {
  const of = (key: TableKey) => a.layouts.filter((l) => l.table.key === key);
  const rosters: RosterSource[] = of('roster').map((layout) => ({ layout, usedRows: Math.max(0, (a.lastDataRow(layout) ?? 0) - layout.firstRow + 1) }));
  if (!rosters.length) return undefined;
  const sources: AttendanceSources = { punches: of('punches'), punchPairs: of('punchPairs'), rollCall: of('rollCall') };
  const found = attendanceSheets(wb);
  const names = { summary: found.summary?.name ?? uniqueSheetName(wb, SUMMARY_SHEET), calendar: found.calendar?.name ?? uniqueSheetName(wb, CALENDAR_SHEET) };
  if (longestCalendarFormula(sources, names.summary) > MAX_FORMULA_LENGTH) {
    a.records?.push({
      sheet: rosters[0].layout.sheet, cell: 'A1', column: '', before: '', after: '',
      note: `未生成“${SUMMARY_SHEET}”：打卡和点到记录分在 ${sources.punches.length + sources.punchPairs.length + sources.rollCall.length} 个工作表，公式会超过 Excel 的长度上限（请把同类记录合并到一个工作表后重新升级）`,
    });
    return undefined;
  }
  const workdays = a.settingCells.find((c) => c.key === 'workdays');
  const date1904 = !!wb.properties.date1904;
  const plan = attendancePlan(rosters, sources, names, {
    asOf: a.asOf,
    date1904,
    settings: a.settings,
    monthInput: found.summary ? toCell(found.summary.findCell(SUMMARY_ROWS.month, 2)?.value ?? null) : null,
    workdays: workdays ? toCell(wb.getWorksheet(SETTINGS_SHEET)!.getCell(workdays.firstRow, 2).value) : null,
    cell: (sheet, row, col) => toCell(wb.getWorksheet(sheet)!.findCell(row, col + 1)?.value ?? null),
    lastRow: (sheet) => wb.getWorksheet(sheet)!.rowCount,
    input: a.input,
  });
  if (!found.summary) {
    a.records?.push({
      sheet: names.summary, cell: 'A1', column: '', before: '', after: '',
      note: `新增工作表：${names.summary}（每人当月应出勤、出勤、迟到、请假、缺勤天数和扣款，由公式按人力表、打卡记录、早会点到和“设置”计算；逐日明细在隐藏的“${names.calendar}”）`,
    });
  }
  writeSheetPlan(found.summary ?? wb.addWorksheet(names.summary), plan.summary);
  writeSheetPlan(found.calendar ?? wb.addWorksheet(names.calendar), plan.calendar);
  addNames(wb, plan.names);
  return names.summary;
}

// ---- the two entry points ------------------------------------------------------------------

function tableName(table: Table, taken: Set<string>): string {
  const base = `insdesk_${table.key}`;
  let name = base;
  for (let i = 2; taken.has(name.toUpperCase()); i++) name = `${base}${i}`;
  taken.add(name.toUpperCase());
  return name;
}

function tableOut(ws: ExcelJS.Worksheet, layout: TableLayout, name: string, others: LayoutOf, previous?: TableIn): TableOut {
  const ref = `${columnLetter(layout.firstCol)}${layout.headerRow}:${columnLetter(layout.lastCol)}${layout.lastRow}`;
  const columns = [];
  for (let c = layout.firstCol; c <= layout.lastCol; c++) {
    const name = String(ws.getCell(layout.headerRow, c + 1).value);
    const f = layout.formulas.find((x) => x.col === c);
    const formula = f ? formulaAt(f.column.formula, layout, layout.firstRow, others) : previous?.formulas[name];
    columns.push({ name, ...(formula ? { formula } : {}) });
  }
  return { sheet: ws.name, name, ref, columns, style: previous?.style };
}

async function finish(
  wb: ExcelJS.Workbook, layouts: readonly { layout: TableLayout; reason?: string; previous?: TableIn }[], kept: readonly TableKept[], taken: Set<string>,
  others: LayoutOf,
): Promise<{ bytes: Buffer; names: Map<TableLayout, string> }> {
  const names = new Map<TableLayout, string>();
  const out: (TableOut | TableKept)[] = [...kept];
  for (const { layout, reason, previous } of layouts) {
    if (reason) continue;
    const ws = wb.getWorksheet(layout.sheet)!;
    const name = previous?.name ?? tableName(layout.table, taken);
    names.set(layout, name);
    // A sheet filter over a table is a file Excel repairs: the table brings its own.
    if (ws.autoFilter) ws.autoFilter = undefined as unknown as ExcelJS.AutoFilter;
    out.push(tableOut(ws, layout, name, others, previous));
  }
  wb.eachSheet((ws) => {
    (ws as unknown as { tables: Record<string, unknown> }).tables = {};
  });
  wb.calcProperties.fullCalcOnLoad = true;
  const written = Buffer.from(await wb.xlsx.writeBuffer());
  return { bytes: await addTables(written, out), names };
}

/**
 * The row as the formulas see it: a number the engine rejects (a negative premium, 185.175)
 * still counts in Excel's arithmetic, so the cached value is computed with it, to the fen.
 */
function formulaView(pt: ParsedTable, r: ParsedTable['rows'][number]): Record<string, unknown> {
  const data = { ...(r.data as Record<string, unknown>) };
  for (const key of Object.keys(r.invalid ?? {})) {
    const kind = pt.table.column(key).kind;
    const raw = Number(r.invalid![key]);
    if (!Number.isFinite(raw) || String(raw) !== r.invalid![key].trim()) continue;
    if (kind === 'money') data[key] = yuanToFen(raw);
    else if (kind === 'rate') data[key] = raw;
  }
  return data;
}

/** The cached values of a parsed table, by Excel row. */
function valuesByRow(pt: ParsedTable | undefined, table: TableKey, ctx: Parameters<typeof formulaValues>[1], ws: ExcelJS.Worksheet, layout: TableLayout) {
  const fn = formulaValues(table, ctx);
  const byRow = new Map<number, Record<string, CachedValue>>();
  if (fn && pt) for (const r of pt.rows) byRow.set(r.row, fn(formulaView(pt, r)));
  const empty = fn ? fn({}) : {};
  const cols = Object.values(layout.columns);
  const [from, to] = [Math.min(...cols), Math.max(...cols)];
  return (row: number) => {
    const v = byRow.get(row);
    if (v) return v;
    // A row the engine skipped: blank, or only white space (which COUNTA still counts).
    for (let c = from; c <= to; c++) if (toCell(ws.getCell(row, c + 1).value) !== null) return empty;
    return undefined;
  };
}

export interface TemplateOptions {
  /** Fill 设置!基准日 (empty = today, recomputed every time the file opens). */
  asOf?: string;
  rows?: number;
}

/** A new, empty ledger workbook: canonical headers, formula columns, checks and the 设置 sheet. */
export async function buildTemplate(ledger: LedgerKey, opts: TemplateOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'insdesk';
  const rows = opts.rows ?? TEMPLATE_ROWS;
  const tables = tablesOfLedger(ledger).filter((t) => t.key !== 'punchPairs');
  const layouts: TableLayout[] = tables.map((t) => freshLayout(wb.addWorksheet(t.title), t, rows));
  const settings = { ...defaultSettings(), ...(opts.asOf ? { asOfDate: opts.asOf } : {}) };
  const settingCells = writeSettingsSheet(wb.addWorksheet(SETTINGS_SHEET), settings);
  setNames(wb, settingCells);
  const others: LayoutOf = (k) => layouts.find((l) => l.table.key === k);
  for (const layout of layouts) {
    applyLayout(wb.getWorksheet(layout.sheet)!, layout, { fresh: true, others, values: () => undefined });
  }
  writeAttendance(wb, {
    layouts, lastDataRow: () => undefined, input: { roster: [] }, settings, asOf: settings.asOfDate ?? todayIso(), settingCells,
  });
  const { bytes } = await finish(wb, layouts.map((layout) => ({ layout })), [], new Set(), others);
  return bytes;
}

export interface UpgradeOptions {
  /** Read every sheet as this ledger (as `--ledger`). */
  ledger?: LedgerKey;
}

/** Upgrades an .xlsx workbook held in memory. */
export async function upgradeXlsx(input: Buffer, opts: UpgradeOptions = {}): Promise<UpgradeResult> {
  const tablesIn = await readTables(input);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(input as unknown as ArrayBuffer);
  return upgradeLoaded(wb, tablesIn, opts);
}

/** Upgrades a workbook whose cells came from elsewhere (.xls, .csv): grids become plain sheets first. */
export async function upgradeGrids(grids: readonly Grid[], opts: UpgradeOptions = {}): Promise<UpgradeResult> {
  const wb = new ExcelJS.Workbook();
  for (const g of grids) {
    const ws = wb.addWorksheet(g.sheet);
    g.rows.forEach((row, r) => row?.forEach((cell, c) => {
      if (cell !== null && cell !== undefined) ws.getCell(r + 1 + (g.origin?.row ?? 0), c + 1 + (g.origin?.col ?? 0)).value = cell;
    }));
  }
  if (grids.some((g) => g.date1904)) wb.properties.date1904 = true;
  return upgradeLoaded(wb, [], opts);
}

async function upgradeLoaded(wb: ExcelJS.Workbook, tablesIn: readonly TableIn[], opts: UpgradeOptions): Promise<UpgradeResult> {
  const records: UpgradeRecord[] = [];
  const date1904 = !!wb.properties.date1904;
  // Our own sheets are output, not ledgers: 月度差勤 has a 工号/姓名/部门 header.
  const ours = new Set([LOG_SHEET, ...Object.values(attendanceSheets(wb)).filter(Boolean).map((ws) => ws!.name)]);
  const grids = () => wb.worksheets.filter((ws) => !ours.has(ws.name)).map((ws) => gridOf(ws, date1904));
  const first = readLedgerSheets(grids(), { asOf: todayIso(), ledger: opts.ledger });
  for (const pt of first.tables) convertCells(wb.getWorksheet(pt.sheet)!, pt, records);

  const entries: { layout: TableLayout; usedCol: number; lastHeaderCol: number; pt?: ParsedTable }[] = [];
  for (const pt of first.tables) entries.push({ ...upgradeLayout(wb.getWorksheet(pt.sheet)!, pt, tablesIn, records), pt });
  // Contracts need the collections table their 已回款 sums; a workbook without one gets an empty one.
  if (entries.some((e) => e.layout.table.key === 'contracts') && !entries.some((e) => e.layout.table.key === 'collections')) {
    const t = tableByKey('collections');
    const ws = wb.addWorksheet(uniqueSheetName(wb, t.title));
    const layout = freshLayout(ws, t, TEMPLATE_ROWS);
    entries.push({ layout, usedCol: layout.lastCol, lastHeaderCol: layout.lastCol });
    records.push({ sheet: ws.name, cell: 'A1', column: '', before: '', after: '', note: '新增工作表：回款记录（合同的已回款由此汇总）' });
  }
  const settingCells = ensureSettings(wb, records);
  setNames(wb, settingCells);

  // The engine's reading after the conversions and the 设置 sheet: the cached values.
  const second = readLedgerSheets(grids(), { asOf: todayIso(), ledger: opts.ledger });
  const settings = second.settings;
  const asOf = settings.asOfDate ?? todayIso();
  const ctx = {
    asOf, settings,
    rowsOf: (k: TableKey) => second.tables.filter((t) => t.table.key === k).flatMap((t) => t.rows.map((r) => r.data as Record<string, unknown>)),
  };
  const others: LayoutOf = (k) => entries.find((e) => e.layout.table.key === k)?.layout;
  for (const e of entries) {
    const ws = wb.getWorksheet(e.layout.sheet)!;
    const pt = second.tables.find((t) => t.sheet === e.layout.sheet && t.table.key === e.layout.table.key);
    applyLayout(ws, e.layout, {
      fresh: !e.pt,
      others,
      values: valuesByRow(pt, e.layout.table.key, ctx, ws, e.layout),
      skipRows: new Set(pt?.totalRows ?? []),
    });
  }
  const parsed = (l: TableLayout) => second.tables.find((t) => t.sheet === l.sheet && t.table.key === l.table.key);
  const typed = (key: TableKey) => second.tables.filter((t) => t.table.key === key);
  const summarySheet = writeAttendance(wb, {
    layouts: entries.map((e) => e.layout),
    lastDataRow: (l) => (parsed(l)?.rows.length ? Math.max(...parsed(l)!.rows.map((r) => r.row)) : undefined),
    input: { roster: typed('roster'), punches: typed('punches'), punchPairs: typed('punchPairs'), rollCall: typed('rollCall') } as AttendanceInput,
    settings, asOf, settingCells, records,
  });

  const taken = new Set<string>(tablesIn.map((t) => t.name.toUpperCase()));
  const placed = entries.map((e) => {
    const ws = wb.getWorksheet(e.layout.sheet)!;
    const range = { top: e.layout.headerRow, bottom: e.layout.lastRow, left: e.layout.firstCol, right: e.layout.lastCol };
    const previous = tablesIn.find((t) => t.sheet === e.layout.sheet && overlaps(rangeOf(t.ref), range));
    const reason = notTableReason(ws, e.layout, e.usedCol, e.lastHeaderCol) ??
      (previous && !previous.headerRow ? `已有的表格“${previous.name}”没有标题行` : undefined);
    if (reason) records.push({ sheet: ws.name, cell: `A${e.layout.headerRow}`, column: '', before: '', after: '', note: `未转为 Excel 表格（${reason}），公式、下拉列表和检查照常添加` });
    return { ...e, reason, previous: reason ? undefined : previous };
  });
  const replaced = new Set(placed.map((p) => p.previous).filter(Boolean));
  const kept: TableKept[] = tablesIn
    .filter((t) => !replaced.has(t) && !placed.some((p) => p.reason && t.sheet === p.layout.sheet && overlaps(rangeOf(t.ref), { top: p.layout.headerRow, bottom: p.layout.lastRow, left: p.layout.firstCol, right: p.layout.lastCol })))
    .map((t) => ({ sheet: t.sheet, xml: t.xml }));

  const fresh = writeLog(wb, records);
  const { bytes, names } = await finish(wb, placed, kept, taken, others);
  return {
    bytes,
    asOf,
    records: fresh,
    ledgers: placed.map((p) => ({
      sheet: p.layout.sheet,
      table: p.layout.table.key,
      headerRow: p.layout.headerRow,
      rows: p.pt?.rows.length ?? 0,
      ...(names.get(p.layout) ? { excelTable: names.get(p.layout) } : {}),
      ...(p.reason ? { notTable: p.reason } : {}),
      formulaColumns: p.layout.formulas.map((f) => f.column.header),
      ...(summarySheet && p.layout.table.key === 'roster' ? { formulaSheet: summarySheet } : {}),
    })),
  };
}

function uniqueSheetName(wb: ExcelJS.Workbook, base: string): string {
  let name = base;
  for (let i = 2; wb.getWorksheet(name); i++) name = `${base}${i}`;
  return name;
}

/** Upgrades a workbook file (.xlsx keeps its styles; .xls and .csv become plain sheets first). */
export async function upgradeFile(path: string, opts: UpgradeOptions = {}): Promise<UpgradeResult> {
  const book = await readWorkbookFile(path);
  if (book.format !== 'xlsx') return upgradeGrids(book.grids, opts);
  const bytes = await readFile(path);
  try {
    return await upgradeXlsx(bytes, opts);
  } catch (err) {
    throw new InputError(path, reasons.corrupt, { cause: err });
  }
}

/**
 * Applies the upgrade plan (src/tasks/upgrade) to an exceljs workbook: `buildTemplate` makes a
 * new, empty ledger workbook, `upgradeWorkbook` turns an existing one into the same tool while
 * keeping every original sheet, cell value, header wording and extra column where it was.
 */
import type ExcelJS from 'exceljs';
import { excel } from './lazy';
import { readFile } from 'node:fs/promises';
import type { Cell, Grid } from '../grid';
import { columnLetter, isBlank } from '../grid';
import { tableByKey, templateTables, type LedgerKey, type Table, type TableKey } from '../ledgers';
import { defaultSettings, SETTINGS_SHEET, SETTING_ROWS, type Settings } from '../ledgers/settings';
import { readLedgerSheets } from '../read/sheets';
import type { ParsedTable } from '../read/table';
import { todayIso } from '../rules/date';
import { yuanToFen } from '../rules/money';
import { cellText } from '../rules/text';
import { formulaValues, type CachedValue } from '../tasks/upgrade/values';
import {
  formulaFormatOf,
  formulaGuard,
  LOOKS,
  NUM_FMT,
  TABLE_COLORS,
  templateFormatOf,
  validationOf,
  type Look,
  type Validation,
} from '../tasks/upgrade/rules';
import { formulaAt, type LayoutOf, type TableLayout } from '../tasks/upgrade/layout';
import {
  settingRefs,
  settingsPlan,
  SETTING_FORMATS,
  SETTINGS_WIDTHS,
  templateSettings,
  type SettingCell,
} from '../tasks/upgrade/settingsSheet';
import { conversionsOf, type DayTime } from '../tasks/upgrade/conversions';
import {
  COLLECTIONS_ADDED,
  freshLayout,
  headerProblem,
  LOG_HEADERS,
  LOG_SHEET,
  logRow,
  notTableNote,
  placedFormats,
  readableGrid,
  sheetRecord,
  TEMPLATE_ROWS,
  uniqueName,
  upgradeLayout,
  type FormulaAt,
  type SheetCells,
  type SheetLayout,
  type UpgradedTable,
  type UpgradeOptions,
  type UpgradeRecord,
} from '../tasks/upgrade/ledgerSheet';
import { attendancePlan, type CellStyle, type RosterSource, type SheetPlan } from '../tasks/upgrade/attendance';
import {
  CALENDAR_HEADERS,
  CALENDAR_SHEET,
  MAX_FORMULA_LENGTH,
  SUMMARY_ROWS,
  SUMMARY_SHEET,
  longestCalendarFormula,
  type AttendanceSources,
} from '../tasks/upgrade/attendanceFormulas';
import type { AttendanceInput } from '../ledgers/attendanceMonth';
import { addGridSheets } from './xlsxOut';
import { addTables, readTables, type TableIn, type TableKept, type TableOut } from './upgradeZip';
import { textWidth } from '../sheetOut';
import { readWorkbookFile } from './workbook';
import { InputError, reasons } from './errors';

const {
  headerFill: HEADER_FILL,
  formulaHeaderFill: FORMULA_HEADER_FILL,
  formulaFill: FORMULA_FILL,
  formulaFont: FORMULA_FONT,
} = TABLE_COLORS;

export interface LedgerReport extends UpgradedTable {
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

const isFormulaCell = (c: ExcelJS.Cell): boolean => c.type === excel().ValueType.Formula;

const formulaAtOf =
  (ws: ExcelJS.Worksheet): FormulaAt =>
  (row, col) =>
    isFormulaCell(ws.getCell(row, col + 1));

/** The grid the engine reads (our own formula columns hidden from header matching). */
function gridOf(ws: ExcelJS.Worksheet, date1904: boolean): Grid {
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (c, col) => {
      cells[col - 1] = toCell(c.value);
    });
    rows[r - 1] = cells;
  });
  return readableGrid({ sheet: ws.name, rows, date1904 }, formulaAtOf(ws));
}

/** The sheet as it is now, for the layout. */
function sheetCells(ws: ExcelJS.Worksheet): SheetCells {
  return {
    at: (row, col) => toCell(ws.getCell(row, col + 1).value),
    lastUsedCol: (from, to) => {
      let last = -1;
      for (let r = from; r <= to; r++) {
        ws.getRow(r).eachCell({ includeEmpty: false }, (c, col) => {
          if (!isBlank(toCell(c.value))) last = Math.max(last, col - 1);
        });
      }
      return last;
    },
    formulaAt: formulaAtOf(ws),
  };
}

/** Writes the header cells a layout appends. */
function writeHeaders(ws: ExcelJS.Worksheet, l: SheetLayout): void {
  for (const [col, header] of l.appended) ws.getCell(l.layout.headerRow, col + 1).value = header;
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

const dateTimeOf = (t: DayTime) => new Date(dateOf(t.date).getTime() + t.minutes * 60_000);

function toExcelValidation(v: Validation, self: string): ExcelJS.DataValidation {
  const formulae = (v.formulae ?? []).map((f) =>
    v.type === 'date' && typeof f === 'string' ? dateOf(f) : typeof f === 'string' ? f.replace(/\{self\}/g, self) : f,
  );
  return {
    type: v.type,
    ...(v.operator ? { operator: v.operator } : {}),
    allowBlank: true,
    formulae,
    ...(v.prompt ? { showInputMessage: true, promptTitle: v.promptTitle, prompt: v.prompt } : {}),
    ...(v.error ? { showErrorMessage: true, errorStyle: 'stop', errorTitle: v.promptTitle, error: v.error } : {}),
  } as ExcelJS.DataValidation;
}

type DvModel = Record<string, ExcelJS.DataValidation>;

/** Sets the validation of a column range, replacing whatever the cells had (a re-run reads ours back per cell). */
function setValidation(
  ws: ExcelJS.Worksheet,
  col: number,
  first: number,
  last: number,
  dv: ExcelJS.DataValidation,
): void {
  const model = (ws as unknown as { dataValidations: { model: DvModel } }).dataValidations.model;
  const l = columnLetter(col);
  for (let r = first; r <= last; r++) delete model[`${l}${r}`];
  for (const key of Object.keys(model))
    if (key.includes(':') && key.startsWith(l) && rangeInColumn(key, l, first, last)) delete model[key];
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
    setValidation(
      ws,
      col,
      firstRow,
      lastRow,
      toExcelValidation(validationOf(column), `${columnLetter(col)}${firstRow}`),
    );
  }

  for (const { column, col } of layout.formulas) {
    const head = ws.getCell(headerRow, col + 1);
    restyle(head, {
      font: { bold: true, color: { argb: FORMULA_FONT } },
      fill: solid(FORMULA_HEADER_FILL),
      numFmt: '@',
    });
    const numFmt = formulaFormatOf(column);
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
    setValidation(
      ws,
      col,
      firstRow,
      lastRow,
      toExcelValidation(formulaGuard(column), `${columnLetter(col)}${firstRow}`),
    );
  }

  applyConditionalFormats(ws, layout, o.others);

  const view = ws.views?.[0] ?? {};
  ws.views = [
    {
      ...view,
      state: 'frozen',
      xSplit: 0,
      ySplit: headerRow,
      topLeftCell: `A${headerRow + 1}`,
    } as ExcelJS.WorksheetView,
  ];

  for (let c = layout.firstCol; c <= layout.lastCol; c++) {
    const column = ws.getColumn(c + 1);
    if (o.fresh || !column.width) column.width = fittedWidth(ws, c, headerRow, lastRow);
  }
}

/** Paints the cells of `ref` in a look where `formula` is true. */
function lookFormat(ref: string, formula: string, look: Look): ExcelJS.ConditionalFormattingOptions {
  const { fill, font } = LOOKS[look];
  return {
    ref,
    rules: [
      {
        type: 'expression',
        formulae: [formula],
        style: {
          fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: fill } },
          font: { color: { argb: font } },
        },
      } as ExcelJS.ConditionalFormattingRule,
    ],
  };
}

function applyConditionalFormats(ws: ExcelJS.Worksheet, layout: TableLayout, others: LayoutOf): void {
  const { firstRow, lastRow } = layout;
  if (lastRow < firstRow) return;
  const ours = placedFormats(layout, others).map((f) =>
    lookFormat(`${columnLetter(f.col)}${firstRow}:${columnLetter(f.col)}${lastRow}`, f.formula, f.look),
  );
  const same = (a: ExcelJS.ConditionalFormattingOptions, b: ExcelJS.ConditionalFormattingOptions) =>
    a.ref === b.ref &&
    JSON.stringify(a.rules.map((r) => (r as { formulae?: unknown }).formulae)) ===
      JSON.stringify(b.rules.map((r) => (r as { formulae?: unknown }).formulae));
  const sheet = ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] };
  sheet.conditionalFormattings = (sheet.conditionalFormattings ?? []).filter((cf) => !ours.some((o) => same(cf, o)));
  for (const cf of ours) ws.addConditionalFormatting(cf);
}

// ---- layouts -------------------------------------------------------------------------------

/** Appends what the formulas need (upgradeLayout), over the rows of an Excel table the sheet has there. */
function layoutOn(
  ws: ExcelJS.Worksheet,
  pt: ParsedTable,
  tablesIn: readonly TableIn[],
  records: UpgradeRecord[],
): SheetLayout {
  const existing = tablesIn.find((t) => t.sheet === pt.sheet && rangeOf(t.ref).top === pt.headerRow);
  const l = upgradeLayout(
    pt,
    sheetCells(ws),
    ws.name,
    records,
    existing ? { lastRow: rangeOf(existing.ref).bottom } : {},
  );
  writeHeaders(ws, l);
  return l;
}

/** A new sheet laid out by a table's own columns (freshLayout), headers written. */
function freshSheet(ws: ExcelJS.Worksheet, table: Table, rows: number): SheetLayout {
  const l = freshLayout(table, ws.name, rows);
  writeHeaders(ws, l);
  return l;
}

function rangeOf(ref: string): { top: number; bottom: number; left: number; right: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref.toUpperCase());
  if (!m) return { top: 0, bottom: -1, left: 0, right: -1 };
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { top: +m[2], bottom: +(m[4] ?? m[2]), left: col(m[1]), right: col(m[3] ?? m[1]) };
}

const overlaps = (a: ReturnType<typeof rangeOf>, b: ReturnType<typeof rangeOf>) =>
  a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

/**
 * A header cell as a table column name: only plain text is one (tableOut writes the cell's
 * value as the name), so rich text or a formula that is not blank counts as not text.
 */
const tableHeader = (v: XCell): Cell => (typeof v === 'string' ? v : isBlank(toCell(v)) ? null : true);

/** Why a layout's range cannot become an Excel table, or undefined when it can. */
function notTableReason(ws: ExcelJS.Worksheet, l: SheetLayout): string | undefined {
  const { layout } = l;
  const problem = headerProblem(l, (c) => tableHeader(ws.getCell(layout.headerRow, c + 1).value));
  if (problem) return problem;
  const range = { top: layout.headerRow, bottom: layout.lastRow, left: layout.firstCol, right: layout.lastCol };
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  const merged = merges.find((m) => overlaps(rangeOf(m), range));
  if (merged) return `区域内有合并单元格 ${merged}`;
  return undefined;
}

// ---- settings ------------------------------------------------------------------------------

type SettingKind = (typeof SETTING_ROWS)[number]['kind'] | 'header';

function settingsValue(kind: SettingKind, v: Cell): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if ((kind === 'date' || kind === 'dates') && typeof v === 'string') return dateOf(v);
  return v as ExcelJS.CellValue;
}

/** Rows of the 设置 sheet (label, value, note), dates made dates. */
function writeSettingRows(
  ws: ExcelJS.Worksheet,
  rows: readonly { row: number; cells: Cell[]; kind: SettingKind }[],
): void {
  for (const r of rows) {
    const [label, value, note] = r.cells;
    ws.getCell(r.row, 1).value = (label ?? null) as ExcelJS.CellValue;
    ws.getCell(r.row, 2).value = settingsValue(r.kind, value);
    ws.getCell(r.row, 3).value = (note ?? null) as ExcelJS.CellValue;
    const fmt = SETTING_FORMATS[r.kind];
    if (fmt) ws.getCell(r.row, 2).numFmt = fmt;
  }
}

/** A new 设置 sheet's header style, widths and frozen header. */
function styleSettingsSheet(ws: ExcelJS.Worksheet): void {
  for (const c of [1, 2, 3]) restyle(ws.getCell(1, c), { font: { bold: true }, fill: solid(HEADER_FILL) });
  SETTINGS_WIDTHS.forEach((width, c) => (ws.getColumn(c + 1).width = width));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The 设置 sheet of a new template, holding `settings` (those of `ledgers`). */
function writeSettingsSheet(ws: ExcelJS.Worksheet, settings: Settings, ledgers: ReadonlySet<LedgerKey>): SettingCell[] {
  const { rows, cells } = templateSettings(settings, ledgers);
  writeSettingRows(
    ws,
    rows.map((r) => ({ row: r.row, cells: [r.label, r.value, r.note], kind: r.kind })),
  );
  styleSettingsSheet(ws);
  return cells;
}

/** The 设置 sheet the formulas read: the upgrade's settings plan (settingsSheet.ts), carried out. */
function ensureSettings(
  wb: ExcelJS.Workbook,
  records: UpgradeRecord[],
  ledgers: ReadonlySet<LedgerKey>,
): SettingCell[] {
  const existing = wb.getWorksheet(SETTINGS_SHEET);
  const date1904 = !!wb.properties.date1904;
  const plan = settingsPlan(existing && gridOf(existing, date1904), date1904, records, ledgers);
  const ws = existing ?? wb.addWorksheet(SETTINGS_SHEET);
  writeSettingRows(ws, plan.rows);
  if (plan.fresh) styleSettingsSheet(ws);
  for (const c of plan.conversions) {
    const cell = ws.getCell(c.row, 2);
    if (isFormulaCell(cell)) continue;
    cell.value = settingsValue(c.kind, c.value);
    if (c.numFmt) cell.numFmt = c.numFmt;
  }
  return plan.cells;
}

/** Defines (or redefines) workbook names; the clerk's other names stay. */
function addNames(wb: ExcelJS.Workbook, ours: readonly { name: string; ref: string }[]): void {
  const names = wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] };
  names.model = [
    ...names.model.filter((n) => !ours.some((o) => o.name === n.name)),
    ...ours.map((o) => ({ name: o.name, ranges: [o.ref] })),
  ];
}

// ---- cell conversions ----------------------------------------------------------------------

/** Converts the cells conversionsOf finds; formulas and cells that already are dates stay. */
function convertCells(ws: ExcelJS.Worksheet, pt: ParsedTable, records: UpgradeRecord[]): void {
  const cellOf = (row: number, col: number): Cell => {
    const cell = ws.getCell(row, col + 1);
    if (isFormulaCell(cell)) return null;
    const v = toCell(cell.value);
    return v instanceof Date ? null : v;
  };
  for (const c of conversionsOf(pt, cellOf, ws.name, records)) {
    const cell = ws.getCell(c.row, c.col + 1);
    cell.value = typeof c.value === 'number' ? c.value : dateTimeOf(c.value);
    if (c.numFmt) cell.numFmt = c.numFmt;
  }
}

// ---- the log sheet -------------------------------------------------------------------------

function writeLog(wb: ExcelJS.Workbook, records: UpgradeRecord[]): UpgradeRecord[] {
  let ws = wb.getWorksheet(LOG_SHEET);
  const key = (r: readonly unknown[]) => [r[0], r[1], r[5]].map((x) => cellText(toCell(x as XCell))).join('\u0000');
  const seen = new Set<string>();
  if (ws) ws.eachRow((row) => seen.add(key(LOG_HEADERS.map((_, i) => row.getCell(i + 1).value))));
  const fresh = records.filter((r) => {
    const k = key(logRow(r));
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
    const row = ws.addRow(logRow(r));
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

const planStyle = (style: CellStyle, numFmt?: string): Partial<ExcelJS.Style> => ({
  ...PLAN_STYLES[style],
  ...(numFmt ? { numFmt } : {}),
});

/** Writes a sheet plan over whatever the sheet held (a re-run rewrites our own sheet in place). */
function writeSheetPlan(ws: ExcelJS.Worksheet, plan: SheetPlan): void {
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (c) => {
      c.value = null;
      c.style = {};
    }),
  );
  const sheet = ws as unknown as {
    dataValidations: { model: DvModel };
    conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[];
  };
  sheet.dataValidations.model = {};
  sheet.conditionalFormattings = [];
  for (const c of plan.cells) {
    const cell = ws.getCell(c.row, c.col + 1);
    cell.value =
      c.formula !== undefined
        ? ({ formula: c.formula, result: c.result } as ExcelJS.CellFormulaValue)
        : ((c.value ?? null) as ExcelJS.CellValue);
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
  ws.views = [
    {
      state: 'frozen',
      xSplit: 0,
      ySplit: plan.frozenRows,
      topLeftCell: `A${plan.frozenRows + 1}`,
    } as ExcelJS.WorksheetView,
  ];
  ws.state = plan.hidden ? 'hidden' : 'visible';
  if (plan.landscape)
    ws.pageSetup = { ...ws.pageSetup, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  for (const v of plan.validations) sheet.dataValidations.model[v.ref] = toExcelValidation(v.validation, v.self);
  for (const f of plan.formats) ws.addConditionalFormatting(lookFormat(f.ref, f.formula, f.look));
}

/** Looks without creating the cell (exceljs's getCell adds one). */
const textAt = (ws: ExcelJS.Worksheet, row: number, col: number) =>
  cellText(toCell(ws.findCell(row, col + 1)?.value ?? null)).trim();

/** Our 月度差勤 and 差勤日历 sheets, found by their layout (the clerk may have renamed them). */
function attendanceSheets(wb: ExcelJS.Workbook): { summary?: ExcelJS.Worksheet; calendar?: ExcelJS.Worksheet } {
  const summary = wb.worksheets.find((ws) => {
    const period = ws.findCell(SUMMARY_ROWS.period, 2);
    return (
      textAt(ws, SUMMARY_ROWS.month, 0) === '月份' &&
      textAt(ws, SUMMARY_ROWS.header, 0) === '工号' &&
      !!period &&
      isFormulaCell(period)
    );
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
  const rosters: RosterSource[] = of('roster').map((layout) => ({
    layout,
    usedRows: Math.max(0, (a.lastDataRow(layout) ?? 0) - layout.firstRow + 1),
  }));
  if (!rosters.length) return undefined;
  const sources: AttendanceSources = { punches: of('punches'), punchPairs: of('punchPairs'), rollCall: of('rollCall') };
  const found = attendanceSheets(wb);
  const free = (base: string) => uniqueName(base, (n) => !!wb.getWorksheet(n));
  const names = {
    summary: found.summary?.name ?? free(SUMMARY_SHEET),
    calendar: found.calendar?.name ?? free(CALENDAR_SHEET),
  };
  if (longestCalendarFormula(sources, names.summary) > MAX_FORMULA_LENGTH) {
    a.records?.push({
      sheet: rosters[0].layout.sheet,
      cell: 'A1',
      column: '',
      before: '',
      after: '',
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
      sheet: names.summary,
      cell: 'A1',
      column: '',
      before: '',
      after: '',
      note: `新增工作表：${names.summary}（每人当月应出勤、出勤、迟到、请假、缺勤天数和扣款，由公式按人力表、打卡记录、早会点到和“设置”计算；逐日明细在隐藏的“${names.calendar}”）`,
    });
  }
  writeSheetPlan(found.summary ?? wb.addWorksheet(names.summary), plan.summary);
  writeSheetPlan(found.calendar ?? wb.addWorksheet(names.calendar), plan.calendar);
  addNames(wb, plan.names);
  return names.summary;
}

// ---- the two entry points ------------------------------------------------------------------

function tableName(table: TableKey, taken: Set<string>): string {
  const name = uniqueName(`insdesk_${table}`, (n) => taken.has(n.toUpperCase()));
  taken.add(name.toUpperCase());
  return name;
}

function tableOut(
  ws: ExcelJS.Worksheet,
  layout: TableLayout,
  name: string,
  others: LayoutOf,
  previous?: TableIn,
): TableOut {
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
  wb: ExcelJS.Workbook,
  layouts: readonly { layout: TableLayout; reason?: string; previous?: TableIn }[],
  kept: readonly TableKept[],
  taken: Set<string>,
  others: LayoutOf,
): Promise<{ bytes: Buffer; names: Map<TableLayout, string> }> {
  const names = new Map<TableLayout, string>();
  const out: (TableOut | TableKept)[] = [...kept];
  for (const { layout, reason, previous } of layouts) {
    if (reason) continue;
    const ws = wb.getWorksheet(layout.sheet)!;
    const name = previous?.name ?? tableName(layout.table.key, taken);
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
function valuesByRow(
  pt: ParsedTable | undefined,
  table: TableKey,
  ctx: Parameters<typeof formulaValues>[1],
  ws: ExcelJS.Worksheet,
  layout: TableLayout,
) {
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
  const wb = new (excel().Workbook)();
  wb.creator = 'insdesk';
  const rows = opts.rows ?? TEMPLATE_ROWS;
  const tables = templateTables(ledger);
  const layouts: TableLayout[] = tables.map((t) => freshSheet(wb.addWorksheet(t.title), t, rows).layout);
  const settings = { ...defaultSettings(), ...(opts.asOf ? { asOfDate: opts.asOf } : {}) };
  const settingCells = writeSettingsSheet(wb.addWorksheet(SETTINGS_SHEET), settings, new Set([ledger]));
  addNames(wb, settingRefs(settingCells));
  const others: LayoutOf = (k) => layouts.find((l) => l.table.key === k);
  for (const layout of layouts) {
    applyLayout(wb.getWorksheet(layout.sheet)!, layout, { fresh: true, others, values: () => undefined });
  }
  writeAttendance(wb, {
    layouts,
    lastDataRow: () => undefined,
    input: { roster: [] },
    settings,
    asOf: settings.asOfDate ?? todayIso(),
    settingCells,
  });
  const { bytes } = await finish(
    wb,
    layouts.map((layout) => ({ layout })),
    [],
    new Set(),
    others,
  );
  return bytes;
}

/** Upgrades an .xlsx workbook held in memory. */
export async function upgradeXlsx(input: Buffer, opts: UpgradeOptions = {}): Promise<UpgradeResult> {
  const tablesIn = await readTables(input);
  const wb = new (excel().Workbook)();
  await wb.xlsx.load(input as unknown as ArrayBuffer);
  return upgradeLoaded(wb, tablesIn, opts);
}

/** Upgrades a workbook whose cells came from elsewhere (.xls, .csv): grids become plain sheets first. */
export async function upgradeGrids(grids: readonly Grid[], opts: UpgradeOptions = {}): Promise<UpgradeResult> {
  const wb = new (excel().Workbook)();
  addGridSheets(wb, grids);
  return upgradeLoaded(wb, [], opts);
}

async function upgradeLoaded(
  wb: ExcelJS.Workbook,
  tablesIn: readonly TableIn[],
  opts: UpgradeOptions,
): Promise<UpgradeResult> {
  const records: UpgradeRecord[] = [];
  const date1904 = !!wb.properties.date1904;
  // Our own sheets are output, not ledgers: 月度差勤 has a 工号/姓名/部门 header.
  const ours = new Set([
    LOG_SHEET,
    ...Object.values(attendanceSheets(wb))
      .filter(Boolean)
      .map((ws) => ws!.name),
  ]);
  const grids = () => wb.worksheets.filter((ws) => !ours.has(ws.name)).map((ws) => gridOf(ws, date1904));
  const first = readLedgerSheets(grids(), { asOf: todayIso(), ledger: opts.ledger });
  for (const pt of first.tables) convertCells(wb.getWorksheet(pt.sheet)!, pt, records);

  const entries: (SheetLayout & { pt?: ParsedTable })[] = [];
  for (const pt of first.tables) entries.push({ ...layoutOn(wb.getWorksheet(pt.sheet)!, pt, tablesIn, records), pt });
  // Contracts need the collections table their 已回款 sums; a workbook without one gets an empty one.
  if (
    entries.some((e) => e.layout.table.key === 'contracts') &&
    !entries.some((e) => e.layout.table.key === 'collections')
  ) {
    const t = tableByKey('collections');
    const ws = wb.addWorksheet(uniqueName(t.title, (n) => !!wb.getWorksheet(n)));
    entries.push(freshSheet(ws, t, TEMPLATE_ROWS));
    records.push(sheetRecord(ws.name, COLLECTIONS_ADDED));
  }
  const settingCells = ensureSettings(wb, records, new Set(entries.map((e) => e.layout.table.ledger)));
  addNames(wb, settingRefs(settingCells));

  // The engine's reading after the conversions and the 设置 sheet: the cached values.
  const second = readLedgerSheets(grids(), { asOf: todayIso(), ledger: opts.ledger });
  const settings = second.settings;
  const asOf = settings.asOfDate ?? todayIso();
  const ctx = {
    asOf,
    settings,
    rowsOf: (k: TableKey) =>
      second.tables
        .filter((t) => t.table.key === k)
        .flatMap((t) => t.rows.map((r) => r.data as Record<string, unknown>)),
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
    lastDataRow: (l) => (parsed(l)?.rows.length ? parsed(l)!.rows.reduce((m, r) => Math.max(m, r.row), 0) : undefined),
    input: {
      roster: typed('roster'),
      punches: typed('punches'),
      punchPairs: typed('punchPairs'),
      rollCall: typed('rollCall'),
    } as AttendanceInput,
    settings,
    asOf,
    settingCells,
    records,
  });

  const taken = new Set<string>(tablesIn.map((t) => t.name.toUpperCase()));
  const placed = entries.map((e) => {
    const ws = wb.getWorksheet(e.layout.sheet)!;
    const range = {
      top: e.layout.headerRow,
      bottom: e.layout.lastRow,
      left: e.layout.firstCol,
      right: e.layout.lastCol,
    };
    const previous = tablesIn.find((t) => t.sheet === e.layout.sheet && overlaps(rangeOf(t.ref), range));
    const reason =
      notTableReason(ws, e) ?? (previous && !previous.headerRow ? `已有的表格“${previous.name}”没有标题行` : undefined);
    if (reason) records.push(sheetRecord(ws.name, notTableNote(reason), `A${e.layout.headerRow}`));
    return { ...e, reason, previous: reason ? undefined : previous };
  });
  const replaced = new Set(placed.map((p) => p.previous).filter(Boolean));
  const kept: TableKept[] = tablesIn
    .filter(
      (t) =>
        !replaced.has(t) &&
        !placed.some(
          (p) =>
            p.reason &&
            t.sheet === p.layout.sheet &&
            overlaps(rangeOf(t.ref), {
              top: p.layout.headerRow,
              bottom: p.layout.lastRow,
              left: p.layout.firstCol,
              right: p.layout.lastCol,
            }),
        ),
    )
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

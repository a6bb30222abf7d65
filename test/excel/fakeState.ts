/**
 * The workbook behind the Excel fake (fakeExcel.ts): plain data that tests can inspect
 * directly, plus the rules Excel applies when a value is typed or written (a string that
 * looks like a number becomes a number, `=` starts a formula, `'` keeps text as text).
 */
import { columnIndex, columnLetter } from '../../src/grid';

export type Scalar = string | number | boolean;

/** A rectangle of cells, 0-based. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** What Office.js throws: `error.code` is the Excel error code. */
export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
  }
  get debugInfo(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** Sparse 2-D storage: only touched rows hold an array. */
export class Plane<T> {
  readonly rows: (T | undefined)[][] = [];
  get(r: number, c: number): T | undefined {
    return this.rows[r]?.[c];
  }
  set(r: number, c: number, v: T | undefined): void {
    let row = this.rows[r];
    if (!row) {
      if (v === undefined) return;
      row = this.rows[r] = [];
    }
    row[c] = v;
  }
  /** Bounding box of the defined cells, or null. */
  bounds(): Rect | null {
    let r0 = -1,
      r1 = -1,
      c0 = Infinity,
      c1 = -1;
    this.rows.forEach((row, r) => {
      if (!row) return;
      let first = -1,
        last = -1;
      row.forEach((v, c) => {
        if (v === undefined) return;
        if (first < 0) first = c;
        last = c;
      });
      if (first < 0) return;
      if (r0 < 0) r0 = r;
      r1 = r;
      c0 = Math.min(c0, first);
      c1 = Math.max(c1, last);
    });
    return r0 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
}

export const union = (a: Rect | null, b: Rect | null): Rect | null => {
  if (!a) return b;
  if (!b) return a;
  const row = Math.min(a.row, b.row),
    col = Math.min(a.col, b.col);
  return {
    row,
    col,
    rows: Math.max(a.row + a.rows, b.row + b.rows) - row,
    cols: Math.max(a.col + a.cols, b.col + b.cols) - col,
  };
};

export const overlaps = (a: Rect, b: Rect): boolean =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

export const contains = (outer: Rect, inner: Rect): boolean =>
  inner.row >= outer.row &&
  inner.col >= outer.col &&
  inner.row + inner.rows <= outer.row + outer.rows &&
  inner.col + inner.cols <= outer.col + outer.cols;

export function checkBounds(rect: Rect): Rect {
  const ok =
    Number.isInteger(rect.row) &&
    Number.isInteger(rect.col) &&
    Number.isInteger(rect.rows) &&
    Number.isInteger(rect.cols) &&
    rect.row >= 0 &&
    rect.col >= 0 &&
    rect.rows >= 1 &&
    rect.cols >= 1 &&
    rect.row + rect.rows <= MAX_ROWS &&
    rect.col + rect.cols <= MAX_COLS;
  if (!ok) throw new FakeOfficeError('InvalidArgument', `The range ${JSON.stringify(rect)} is outside the worksheet.`);
  return rect;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLS = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/;
const ROWS = /^\$?(\d{1,7}):\$?(\d{1,7})$/;

/** Parses `B3`, `B3:D10`, `$B$3`, `C:C`, `2:5` (no sheet part). */
export function parseA1(address: string): Rect {
  const a = address.trim();
  const bad = () => new FakeOfficeError('InvalidArgument', `The address '${address}' is not valid.`);
  let m = COLS.exec(a);
  if (m) {
    const c0 = columnIndex(m[1]),
      c1 = columnIndex(m[2]);
    return checkBounds({ row: 0, col: Math.min(c0, c1), rows: MAX_ROWS, cols: Math.abs(c1 - c0) + 1 });
  }
  m = ROWS.exec(a);
  if (m) {
    const r0 = Number(m[1]) - 1,
      r1 = Number(m[2]) - 1;
    return checkBounds({ row: Math.min(r0, r1), col: 0, rows: Math.abs(r1 - r0) + 1, cols: MAX_COLS });
  }
  const parts = a.split(':');
  if (parts.length > 2) throw bad();
  const cells = parts.map((p) => {
    const c = CELL.exec(p);
    if (!c) throw bad();
    return { row: Number(c[2]) - 1, col: columnIndex(c[1]) };
  });
  const [p, q = p] = cells;
  if (p.row < 0 || q.row < 0) throw bad();
  return checkBounds({
    row: Math.min(p.row, q.row),
    col: Math.min(p.col, q.col),
    rows: Math.abs(q.row - p.row) + 1,
    cols: Math.abs(q.col - p.col) + 1,
  });
}

export const a1 = (rect: Rect): string => {
  const tl = `${columnLetter(rect.col)}${rect.row + 1}`;
  if (rect.rows === 1 && rect.cols === 1) return tl;
  return `${tl}:${columnLetter(rect.col + rect.cols - 1)}${rect.row + rect.rows}`;
};

/** Excel quotes a sheet name in a reference unless it is a plain word. */
export const quoteSheet = (name: string): string =>
  /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;

const BAD_SHEET_CHARS = /[\\/?*[\]:]/;

export function checkSheetName(name: unknown): string {
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name.length > 31 ||
    BAD_SHEET_CHARS.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'")
  ) {
    throw new FakeOfficeError('InvalidArgument', `'${String(name)}' is not a valid worksheet name.`);
  }
  return name;
}

/** Defined-name and table-name syntax: a letter, `_` or `\` first; no spaces; not a cell reference. */
export function checkDefinedName(name: unknown): string {
  const ok =
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= 255 &&
    /^[A-Za-z_\\\u4e00-\u9fff][A-Za-z0-9_.\\\u4e00-\u9fff]*$/.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[RrCc]$/.test(name) &&
    !/^[Rr]\d*[Cc]\d*$/.test(name);
  if (!ok) throw new FakeOfficeError('InvalidArgument', `'${String(name)}' is not a valid name.`);
  return name;
}

const NAMED_COLORS: Record<string, string> = {
  white: '#FFFFFF',
  black: '#000000',
  red: '#FF0000',
  green: '#008000',
  blue: '#0000FF',
  yellow: '#FFFF00',
  orange: '#FFA500',
};

export function normalizeColor(color: unknown): string {
  if (typeof color === 'string') {
    if (/^#[0-9a-fA-F]{6}$/.test(color)) return color.toUpperCase();
    const named = NAMED_COLORS[color.toLowerCase()];
    if (named) return named;
  }
  throw new FakeOfficeError('InvalidArgument', `'${String(color)}' is not a colour.`);
}

// ---------------------------------------------------------------- what a written value becomes

export type Input =
  { kind: 'clear' } | { kind: 'value'; value: Scalar; format?: string } | { kind: 'formula'; formula: string };

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?%?$/;
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const CN_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

/** Days since the epoch of the workbook's date system, for a valid calendar date (else undefined). */
export function dateSerial(y: number, m: number, d: number, date1904: boolean): number | undefined {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  if (date1904) {
    const s = (t - Date.UTC(1904, 0, 1)) / 86_400_000;
    return s >= 0 ? s : undefined;
  }
  const s = (t - Date.UTC(1899, 11, 30)) / 86_400_000;
  if (s < 1) return undefined;
  // Excel counts the non-existent 1900-02-29 as serial 60.
  return s < 61 ? s - 1 : s;
}

/**
 * How Excel takes a value written through `values` or `formulas`: null leaves the cell
 * alone, '' clears it, a string is read like typed input.
 */
export function parseInput(v: unknown, date1904: boolean): Input | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new FakeOfficeError('InvalidArgument', `${v} cannot be written to a cell.`);
    return { kind: 'value', value: v };
  }
  if (typeof v === 'boolean') return { kind: 'value', value: v };
  if (typeof v !== 'string') {
    throw new FakeOfficeError(
      'InvalidArgument',
      `A cell takes a string, number or boolean, not ${Object.prototype.toString.call(v)}.`,
    );
  }
  if (v === '') return { kind: 'clear' };
  if (v.startsWith("'")) return { kind: 'value', value: v.slice(1) };
  if (v.startsWith('=')) return { kind: 'formula', formula: v };
  const t = v.trim();
  if (/\d/.test(t) && NUMBER.test(t)) {
    const pct = t.endsWith('%');
    const n = Number(t.replace(/,/g, '').replace('%', ''));
    return pct ? { kind: 'value', value: n / 100, format: '0%' } : { kind: 'value', value: n };
  }
  if (/^[+-]/.test(v)) return { kind: 'formula', formula: `=${v}` };
  if (/^(true|false)$/i.test(t)) return { kind: 'value', value: t.toLowerCase() === 'true' };
  const dm = ISO_DATE.exec(t) ?? CN_DATE.exec(t);
  if (dm) {
    const serial = dateSerial(Number(dm[1]), Number(dm[2]), Number(dm[3]), date1904);
    if (serial !== undefined) return { kind: 'value', value: serial, format: 'yyyy/m/d' };
  }
  return { kind: 'value', value: v };
}

// ---------------------------------------------------------------- the workbook

export interface TableState {
  name: string;
  sheet: SheetState;
  rect: Rect;
  hasHeaders: boolean;
  style: string;
}

export interface ValidationState {
  rect: Rect;
  rule?: Record<string, unknown>;
  errorAlert?: { title?: string; message?: string; showAlert?: boolean; style?: string };
  prompt?: { title?: string; message?: string; showPrompt?: boolean };
  ignoreBlanks: boolean;
}

export interface ConditionalFormatState {
  /** The cells it applies to (the bounding box when it has several areas). */
  rect: Rect;
  /** Set when it applies to several areas (added through a RangeAreas). */
  areas?: Rect[];
  type: string;
  formula?: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
}

export interface ChartState {
  name: string;
  type: string;
  source: { sheet: string; rect: Rect };
  seriesBy: string;
  title?: string;
  position?: { start: string; end?: string };
}

export interface NameState {
  name: string;
  formula: string;
  comment: string;
}

export class SheetState {
  deleted = false;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  readonly values = new Plane<Scalar>();
  readonly formulas = new Plane<string>();
  readonly numberFormats = new Plane<string>();
  readonly fills = new Plane<string>();
  readonly bold = new Plane<boolean>();
  readonly fontColors = new Plane<string>();
  readonly fontSizes = new Plane<number>();
  readonly italic = new Plane<boolean>();
  readonly autofitColumns = new Set<number>();
  /** Column widths in points, by 0-based column. */
  readonly columnWidths = new Map<number, number>();
  readonly validations: ValidationState[] = [];
  readonly conditionalFormats: ConditionalFormatState[] = [];
  readonly charts: ChartState[] = [];
  readonly customProperties = new Map<string, { key: string; value: string }>();
  freezeRows = 0;
  /** Review → Protect Sheet: no cell, format, table or chart of it can change. */
  protected = false;
  /** Merged areas: a table cannot be added over one. */
  readonly merges: Rect[] = [];
  /** PivotTables on the sheet, by the cells they cover: nothing else may write there. */
  readonly pivots: { name: string; rect: Rect }[] = [];
  /** The sheet's AutoFilter, and whether it hides rows now. */
  autoFilter: { rect: Rect; filtered: boolean } | null = null;
  id = '';
  constructor(public name: string) {}

  /** What Excel refuses before a write to `rect` (undefined = the sheet itself: a table, a chart). */
  assertEditable(rect?: Rect): void {
    if (this.protected)
      throw new FakeOfficeError(
        'AccessDenied',
        `The cell or chart you're trying to change is on a protected sheet (${this.name}).`,
      );
    const pivot = rect && this.pivots.find((p) => overlaps(p.rect, rect));
    if (pivot)
      throw new FakeOfficeError('InvalidOperation', `The range would change a part of the PivotTable ${pivot.name}.`);
  }

  /** The used range: cells with a value or formula (and, unless valuesOnly, any format). */
  usedRect(valuesOnly: boolean): Rect | null {
    let r = union(this.values.bounds(), this.formulas.bounds());
    if (!valuesOnly) r = union(union(union(r, this.numberFormats.bounds()), this.fills.bounds()), this.bold.bounds());
    return r;
  }

  /** A cell as Office.js reports it in `values`: '' when empty. */
  valueAt(r: number, c: number): Scalar {
    return this.values.get(r, c) ?? '';
  }

  write(r: number, c: number, input: Input): void {
    if (input.kind === 'clear') {
      this.values.set(r, c, undefined);
      this.formulas.set(r, c, undefined);
    } else if (input.kind === 'formula') {
      this.values.set(r, c, undefined);
      this.formulas.set(r, c, input.formula);
    } else {
      this.values.set(r, c, input.value);
      this.formulas.set(r, c, undefined);
      const f = this.numberFormats.get(r, c);
      if (input.format && (f === undefined || f === 'General')) this.numberFormats.set(r, c, input.format);
    }
  }
}

export interface SyncRecord {
  /** What the request did, one entry per queued operation, e.g. `set values`, `call delete`. */
  ops: string[];
  requestBytes: number;
  responseBytes: number;
  error?: string;
}

export interface FakeWorkbookOptions {
  date1904?: boolean;
  /** Excel on the web rejects requests and responses above 5 MB. */
  payloadLimitBytes?: number;
  /** A single range read is capped at 5 million cells. */
  maxReadCells?: number;
}

export class WorkbookState {
  readonly sheets: SheetState[] = [];
  readonly tables: TableState[] = [];
  readonly names = new Map<string, NameState>();
  readonly syncs: SyncRecord[] = [];
  readonly date1904: boolean;
  readonly payloadLimitBytes: number;
  readonly maxReadCells: number;
  activeSheet: SheetState | undefined;
  /** Review → Protect Workbook (structure): no sheet may be added, deleted, renamed, moved or hidden. */
  protected = false;
  private tableCounter = 0;
  private chartCounter = 0;

  constructor(options: FakeWorkbookOptions = {}) {
    this.date1904 = options.date1904 ?? false;
    this.payloadLimitBytes = options.payloadLimitBytes ?? 5_000_000;
    this.maxReadCells = options.maxReadCells ?? 5_000_000;
  }

  assertStructureEditable(): void {
    if (this.protected) throw new FakeOfficeError('AccessDenied', 'The workbook structure is protected.');
  }

  findSheet(name: string): SheetState | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  addSheet(name?: string): SheetState {
    let n = name;
    if (n === undefined) {
      let i = this.sheets.length + 1;
      while (this.findSheet(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    checkSheetName(n);
    if (this.findSheet(n)) throw new FakeOfficeError('ItemAlreadyExists', `A worksheet named '${n}' already exists.`);
    const s = new SheetState(n);
    s.id = this.nextSheetId();
    this.sheets.push(s);
    this.activeSheet ??= s;
    return s;
  }

  renameSheet(sheet: SheetState, name: unknown): void {
    const n = checkSheetName(name);
    const other = this.findSheet(n);
    if (other && other !== sheet)
      throw new FakeOfficeError('ItemAlreadyExists', `A worksheet named '${n}' already exists.`);
    const old = sheet.name;
    sheet.name = n;
    for (const item of this.names.values()) item.formula = replaceSheetRef(item.formula, old, n);
  }

  deleteSheet(sheet: SheetState): void {
    const visible = this.sheets.filter((s) => s.visibility === 'Visible');
    if (visible.length === 1 && visible[0] === sheet) {
      throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    sheet.deleted = true;
    for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i].sheet === sheet) this.tables.splice(i, 1);
    for (const item of this.names.values()) if (refersTo(item.formula, sheet.name)) item.formula = '=#REF!';
    if (this.activeSheet === sheet) this.activeSheet = this.sheets[0];
  }

  moveSheet(sheet: SheetState, position: unknown): void {
    if (typeof position !== 'number' || !Number.isInteger(position) || position < 0 || position >= this.sheets.length) {
      throw new FakeOfficeError('InvalidArgument', `${String(position)} is not a worksheet position.`);
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
  }

  /**
   * Worksheet.copy: everything of the sheet, named like Excel names copies (`名称 (2)`); its
   * tables and charts get new names, as in Excel.
   */
  copySheet(source: SheetState, position: number): SheetState {
    let k = 2;
    const base = source.name;
    const nameOf = (i: number) => `${base.slice(0, 31 - ` (${i})`.length)} (${i})`;
    while (this.findSheet(nameOf(k))) k++;
    const copy = new SheetState(nameOf(k));
    copy.id = this.nextSheetId();
    const planes = [
      'values',
      'formulas',
      'numberFormats',
      'fills',
      'bold',
      'fontColors',
      'fontSizes',
      'italic',
    ] as const;
    for (const p of planes) {
      source[p].rows.forEach((row, r) => row?.forEach((v, c) => (copy[p] as Plane<unknown>).set(r, c, v)));
    }
    source.autofitColumns.forEach((c) => copy.autofitColumns.add(c));
    source.columnWidths.forEach((w, c) => copy.columnWidths.set(c, w));
    copy.validations.push(...source.validations.map((v) => JSON.parse(JSON.stringify(v)) as ValidationState));
    copy.conditionalFormats.push(
      ...source.conditionalFormats.map((cf) => JSON.parse(JSON.stringify(cf)) as ConditionalFormatState),
    );
    copy.charts.push(
      ...source.charts.map((ch) => ({ ...JSON.parse(JSON.stringify(ch)), name: this.nextChartName() }) as ChartState),
    );
    copy.freezeRows = source.freezeRows;
    // A copy keeps its protection, merges, PivotTables and filter, as in Excel.
    copy.protected = source.protected;
    copy.merges.push(...source.merges.map((m) => ({ ...m })));
    copy.pivots.push(...source.pivots.map((p) => ({ name: `${p.name} (2)`, rect: { ...p.rect } })));
    copy.autoFilter = source.autoFilter && {
      rect: { ...source.autoFilter.rect },
      filtered: source.autoFilter.filtered,
    };
    this.sheets.splice(position, 0, copy);
    for (const t of this.tables.filter((x) => x.sheet === source)) {
      let name: string;
      do name = `Table${++this.tableCounter}`;
      while (this.nameTaken(name));
      this.tables.push({ ...t, name, sheet: copy, rect: { ...t.rect } });
    }
    return copy;
  }

  /** Table and defined names share one namespace in Excel. */
  private nameTaken(name: string, except?: TableState): boolean {
    const key = name.toLowerCase();
    return this.names.has(key) || this.tables.some((t) => t !== except && t.name.toLowerCase() === key);
  }

  addTable(sheet: SheetState, rect: Rect, hasHeaders: boolean): TableState {
    sheet.assertEditable(rect);
    if (this.tables.some((t) => t.sheet === sheet && overlaps(t.rect, rect))) {
      throw new FakeOfficeError('InvalidOperation', 'A table cannot overlap another table.');
    }
    if (sheet.merges.some((m) => overlaps(m, rect)))
      throw new FakeOfficeError('MergedRangeConflict', 'A table cannot be added over merged cells.');
    if (sheet.autoFilter && overlaps(sheet.autoFilter.rect, rect))
      throw new FakeOfficeError('InvalidOperation', 'A table cannot overlap a range with an AutoFilter.');
    if (hasHeaders && rect.rows < 2)
      throw new FakeOfficeError(
        'InvalidArgument',
        'A table with headers needs a header row and at least one data row.',
      );
    let name: string;
    do name = `Table${++this.tableCounter}`;
    while (this.nameTaken(name));
    const table: TableState = { name, sheet, rect, hasHeaders, style: 'TableStyleMedium2' };
    if (hasHeaders) {
      for (let c = 0; c < rect.cols; c++) {
        const v = sheet.valueAt(rect.row, rect.col + c);
        if (v === '') sheet.write(rect.row, rect.col + c, { kind: 'value', value: `Column${c + 1}` });
        else if (typeof v !== 'string') sheet.write(rect.row, rect.col + c, { kind: 'value', value: String(v) });
      }
    }
    this.tables.push(table);
    return table;
  }

  renameTable(table: TableState, name: unknown): void {
    const n = checkDefinedName(name);
    if (this.nameTaken(n, table)) throw new FakeOfficeError('ItemAlreadyExists', `The name '${n}' is already used.`);
    table.name = n;
  }

  addName(name: unknown, formula: string, comment: string): NameState {
    const n = checkDefinedName(name);
    if (this.nameTaken(n)) throw new FakeOfficeError('ItemAlreadyExists', `The name '${n}' already exists.`);
    const item = { name: n, formula, comment };
    this.names.set(n.toLowerCase(), item);
    return item;
  }

  /** Worksheet.id: Excel's are GUIDs in braces, never reused. */
  private sheetCounter = 0;
  nextSheetId(): string {
    return `{00000000-0001-0000-0000-${String(++this.sheetCounter).padStart(12, '0')}}`;
  }

  nextChartName(): string {
    return `Chart ${++this.chartCounter}`;
  }
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sheetRefPattern = (name: string): RegExp =>
  new RegExp(`(^|[=(,+\\-*/&\\s])(?:'${escapeRe(name.replace(/'/g, "''"))}'|${escapeRe(name)})!`, 'g');
const refersTo = (formula: string, sheet: string): boolean => sheetRefPattern(sheet).test(formula);
const replaceSheetRef = (formula: string, from: string, to: string): string =>
  formula.replace(sheetRefPattern(from), (_m, lead: string) => `${lead}${quoteSheet(to)}!`);

// ---------------------------------------------------------------- copying formulas

const STRING_LITERAL = /("(?:[^"]|"")*")/;
// A cell reference: not part of a name, a number or a function call.
const CELL_REF = /(^|[^A-Za-z0-9_.\\])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(])/g;

/**
 * A formula as Excel writes it when the cell is copied `dRows` down and `dCols` right: relative
 * rows and columns move, `$`-anchored ones stay; text in quotes is left alone.
 */
export function shiftFormula(formula: string, dRows: number, dCols: number): string {
  return formula
    .split(STRING_LITERAL)
    .map((part, i) =>
      i % 2
        ? part
        : part.replace(CELL_REF, (_m, lead: string, colAbs: string, col: string, rowAbs: string, row: string) => {
            const c = colAbs ? columnIndex(col) : columnIndex(col) + dCols;
            const r = rowAbs ? Number(row) : Number(row) + dRows;
            if (c < 0 || r < 1 || c >= MAX_COLS || r > MAX_ROWS) return `${lead}#REF!`;
            return `${lead}${colAbs}${columnLetter(c)}${rowAbs}${r}`;
          }),
    )
    .join('');
}

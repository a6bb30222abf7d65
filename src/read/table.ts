/**
 * Grid → typed rows and findings for one ledger table. Every row below the header is either
 * data, blank (skipped), or a total row (reported as info): nothing is dropped silently.
 */
import type { Cell, Grid } from '../grid';
import { columnIndex, columnLetter, isBlank } from '../grid';
import type { Finding, Level } from '../findings';
import type { Column, RowRule, RuleContext, Table, TableKey } from '../ledgers/schema';
import { cellText } from '../rules/text';
import { coercerFor, type Coercer } from './coerce';
import { detectHeader, HEADER_SCAN_ROWS, type ColumnMapping } from './headers';

export interface ParsedRow<T = Record<string, unknown>> {
  /** 1-based Excel row in the source sheet. */
  row: number;
  /** The fields that could be read; a field that failed is absent (and in `invalid`). */
  data: Partial<T>;
  /** Text of the cells that are present but could not be read, by key. */
  invalid?: Record<string, string>;
  /** Cells of columns that are not ledger columns, by source header (`K列` under a blank header), carried through untouched. */
  extra?: Record<string, Cell>;
}

export interface ParsedTable<T = Record<string, unknown>> {
  sheet: string;
  table: Table;
  /** 1-based Excel row of the header. */
  headerRow: number;
  columns: ColumnMapping[];
  rows: ParsedRow<T>[];
  findings: Finding[];
  /** 1-based Excel rows that were total rows (合计/总计/小计). */
  totalRows: number[];
  date1904: boolean;
}

export interface ReadOptions {
  asOf: string;
  /** 设置's 理赔逾期天数, for the rules that judge a claim overdue. */
  claimOverdueDays?: number;
  /** Restrict matching to these tables (a forced `--ledger`). */
  tables?: readonly Table[];
  /** Accept a header row that lacks required columns (reported), as with a forced ledger. */
  lenient?: boolean;
  /** Told how many more grid rows are done, now and then; the increments add up to the grid's row count. */
  onRows?: (rows: number) => void;
  /**
   * Read only these fields of these tables, for a caller that reports no findings (statistics):
   * other columns are not checked, and row rules and duplicate checks are skipped.
   */
  only?: (table: TableKey) => readonly string[] | undefined;
}

/** Rows between two progress reports: often enough for a smooth bar, rare enough to cost nothing. */
const PROGRESS_STEP = 2048;

/** 合计, 总 计, 小计：… — white space anywhere in the word. */
const TOTAL_ROW = /^\s*[合总小]\s*计/;

/** Reads the first table found in the grid, or undefined when no header row matches any. */
export function readTable(grid: Grid, tables: readonly Table[], opts: ReadOptions): ParsedTable | undefined {
  const reader = new TableReader(grid.sheet, tables, opts, { date1904: grid.date1904, origin: grid.origin });
  const rows = grid.rows;
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    if (cells) reader.row(r, cells);
  }
  return reader.end(rows.length);
}

/** Where a sheet's rows sit and how its dates count, as a Grid says it. */
export interface SheetFrame {
  date1904?: boolean;
  origin?: { row: number; col: number };
}

/** A column of the table being read, with its coercer. */
interface MappedColumn extends ColumnMapping {
  key: string;
  column: Column;
  coerce: Coercer;
}

/**
 * One sheet read row by row, in order — from a grid (readTable) or straight from a file reader
 * that never builds one. The rows within HEADER_SCAN_ROWS are held until the header is found;
 * every later row is checked as it comes and only its typed fields are kept.
 */
export class TableReader {
  private readonly head: Cell[][] = [];
  private state: 'head' | 'body' | 'none' = 'head';
  private parsed?: ParsedTable;
  private mapped: MappedColumn[] = [];
  private wanted?: ReadonlySet<string>;
  private extraName = new Map<number, string>();
  private letterOf = new Map<string, string>();
  private present: ReadonlySet<string> = new Set();
  private uniques: {
    keys: readonly string[];
    emptyMatches?: boolean;
    level: Level;
    code: string;
    cols: Column[];
    seen: Map<string, number>;
  }[] = [];
  private rules: readonly RowRule<Record<string, unknown>>[] = [];
  /** One context for every row: the rules only read it, and only `unreadable` changes per row. */
  private ruleContext: RuleContext = { asOf: '' };
  private readonly rowOffset: number;
  private readonly colOffset: number;
  private readonly date1904: boolean;
  private reported = 0;
  private lastRow = -1;
  /** The fields kept of each row (option `keep`), once the table is known. */
  private keepFields?: readonly string[];
  /** Whether any row held a filled cell (a sheet without a ledger may still hold something). */
  hasContent = false;

  constructor(
    readonly sheet: string,
    private readonly tables: readonly Table[],
    private readonly opts: ReadOptions & {
      /** Keep only these fields of each row of a table (a caller that needs findings and a few keys). */
      keep?: (table: TableKey) => readonly string[];
    },
    frame: SheetFrame = {},
  ) {
    this.rowOffset = frame.origin?.row ?? 0;
    this.colOffset = frame.origin?.col ?? 0;
    this.date1904 = !!frame.date1904;
  }

  /** The row at 0-based index `r` of the sheet's rows (rows come in increasing order). */
  row(r: number, cells: Cell[]): void {
    this.lastRow = r;
    if (!this.hasContent && !cells.every(isBlank)) this.hasContent = true;
    if (this.state === 'head') {
      if (r < HEADER_SCAN_ROWS) {
        this.head[r] = cells;
        return;
      }
      this.findHeader();
    }
    if (this.state === 'body') this.bodyRow(r, cells);
    if (r - this.reported >= PROGRESS_STEP) this.report(r);
  }

  /** The table read, or undefined when no header matched; `rowCount` is the sheet's row count. */
  end(rowCount = this.lastRow + 1): ParsedTable | undefined {
    if (this.state === 'head') this.findHeader();
    this.report(Math.max(rowCount, this.lastRow + 1));
    const t = this.parsed;
    if (t) t.findings.sort(byCell);
    return t;
  }

  /**
   * Whether a merge list that arrived after the rows (a sheet's merges follow its cells) leaves
   * this reading as it is: merges only above the header row that do not change the header
   * found. Otherwise the sheet must be read again with the merges filled in.
   */
  mergesKeepReading(
    merges: readonly { r0: number; c0: number; r1: number; c1: number }[],
    fill: (rows: Cell[][]) => void,
  ): boolean {
    if (!merges.length) return true;
    if (this.state === 'head') {
      // Every row is still here (a sheet of fewer rows than the header search): fill them in.
      fill(this.head);
      return true;
    }
    if (!this.parsed) return false;
    const headerIndex = this.parsed.headerRow - 1 - this.rowOffset;
    if (merges.some((m) => m.r1 >= headerIndex)) return false;
    const head = this.head.map((row) => (row ? [...row] : row));
    fill(head);
    const again = detectHeader(
      { sheet: this.sheet, rows: head, origin: { row: this.rowOffset, col: this.colOffset } },
      this.tables,
      this.opts.lenient,
    );
    return (
      !!again &&
      again.table === this.parsed.table &&
      again.index === headerIndex &&
      JSON.stringify(again.columns) === JSON.stringify(this.parsed.columns)
    );
  }

  private report(r: number): void {
    this.opts.onRows?.(r - this.reported);
    this.reported = r;
  }

  private findHeader(): void {
    const head: Grid = { sheet: this.sheet, rows: this.head, origin: { row: this.rowOffset, col: this.colOffset } };
    const header = detectHeader(head, this.tables, this.opts.lenient);
    if (!header) {
      this.state = 'none';
      return;
    }
    this.state = 'body';
    const { table } = header;
    const headerRow = this.rowOffset + header.index + 1;
    this.parsed = {
      sheet: this.sheet,
      table,
      headerRow,
      columns: header.columns,
      rows: [],
      findings: [],
      totalRows: [],
      date1904: this.date1904,
    };
    if (header.missing.length) {
      this.at(
        headerRow,
        '',
        undefined,
        'error',
        'header.missingRequired',
        `${table.title}缺少必需的列: ${header.missing.map((c) => c.header).join('、')}（请在表头中补上这些列）`,
      );
    }
    const only = this.opts.only?.(table.key);
    const wanted = only && new Set(only);
    this.wanted = wanted;
    this.mapped = header.columns
      .filter((m) => m.key && (!wanted || wanted.has(m.key)))
      .map((m) => {
        const column = table.column(m.key!);
        return { ...m, key: m.key!, column, coerce: coercerFor(column) as Coercer };
      });
    this.extraName = extraNames(header.columns);
    this.keepFields = this.opts.keep?.(table.key);
    this.letterOf = new Map(this.mapped.map((m) => [m.key, m.letter]));
    this.present = new Set(this.letterOf.keys());
    this.rules = wanted ? [] : (table.rowRules ?? []);
    this.ruleContext = { asOf: this.opts.asOf, claimOverdueDays: this.opts.claimOverdueDays, columns: this.present };
    this.uniques = (wanted ? [] : (table.unique ?? [])).map((u) => ({
      ...u,
      cols: u.keys.map((k) => table.column(k)),
      seen: new Map<string, number>(),
    }));
    for (let r = header.index + 1; r < this.head.length; r++) if (this.head[r]) this.bodyRow(r, this.head[r]);
  }

  private at(row: number, letter: string, key: string | undefined, level: Level, code: string, message: string): void {
    this.parsed!.findings.push({
      sheet: this.sheet,
      row,
      column: letter,
      ...(key ? { key } : {}),
      level,
      code,
      message,
    });
  }

  private bodyRow(r: number, cells: Cell[]): void {
    const t = this.parsed!;
    let f = 0;
    while (f < cells.length && isBlank(cells[f])) f++;
    if (f === cells.length) return;
    const excelRow = this.rowOffset + r + 1;
    const first = cells[f];
    if (typeof first === 'string' && first.includes('计') && TOTAL_ROW.test(first)) {
      t.totalRows.push(excelRow);
      this.at(excelRow, '', undefined, 'info', 'row.total', '合计行，不计入数据');
      return;
    }
    // Templates come with 序号 filled far below the last entry: such a row holds no ledger
    // data, and reporting every required field of it as missing would bury the real errors.
    if (this.noLedgerData(cells)) {
      this.at(
        excelRow,
        '',
        undefined,
        'info',
        'row.noData',
        `该行台账各列都为空（只有 ${filledHeaders(cells, this.extraName, this.colOffset)} 有内容），不计入数据`,
      );
      return;
    }
    const parsed: ParsedRow = { row: excelRow, data: {} };
    const data = parsed.data as Record<string, unknown>;
    for (const m of this.mapped) {
      const cell = cells[m.col];
      if (isBlank(cell)) {
        if (m.column.required)
          this.at(excelRow, m.letter, m.key, 'error', 'field.required', `缺少必填项: ${m.column.header}`);
        continue;
      }
      const res = m.coerce(cell, this.date1904);
      if (res.issue) {
        this.at(excelRow, m.letter, m.key, res.issue.level, res.issue.code, res.issue.message);
        if (res.issue.level === 'error') {
          (parsed.invalid ??= {})[m.key] = cellText(cell);
          continue;
        }
      }
      if (res.value !== undefined && res.value !== '') data[m.key] = res.value;
      else if (m.column.required)
        this.at(excelRow, m.letter, m.key, 'error', 'field.required', `缺少必填项: ${m.column.header}`);
    }
    const unreadable = parsed.invalid ? new Set(Object.keys(parsed.invalid)) : undefined;
    const ctx = this.ruleContext;
    ctx.unreadable = unreadable;
    for (const rule of this.rules) {
      const out = rule(parsed.data, ctx);
      if (!out) continue;
      // One error per cell: a cell that could not be read already says so, and a rule that
      // saw it as empty ("车牌号和车架号都为空") would only mislead.
      for (const i of Array.isArray(out) ? out : [out]) {
        if (!i.key || !unreadable?.has(i.key)) {
          this.at(excelRow, i.key ? (this.letterOf.get(i.key) ?? '') : '', i.key, i.level, i.code, i.message);
        }
      }
    }
    for (const u of this.uniques) this.duplicate(u, data, excelRow);
    const keep = this.keepFields;
    if (keep) {
      const slim: Record<string, unknown> = {};
      for (const k of keep) if (data[k] !== undefined) slim[k] = data[k];
      t.rows.push({ row: excelRow, data: slim });
      return;
    }
    const extra = extraCells(cells, this.extraName, this.colOffset);
    if (extra) parsed.extra = extra;
    t.rows.push(parsed);
  }

  private noLedgerData(cells: readonly Cell[]): boolean {
    for (const m of this.mapped) if (!isBlank(cells[m.col])) return false;
    return true;
  }

  /** A repeat of a unique key: reported on the later row, naming the first. */
  private duplicate(u: TableReader['uniques'][number], data: Record<string, unknown>, excelRow: number): void {
    let id: string;
    let values: unknown[];
    if (u.keys.length === 1) {
      // The common case (保单号, 报案号 …) without building an array per row.
      const v = data[u.keys[0]];
      if (v === undefined) return;
      id = String(v);
      values = [v];
    } else {
      values = u.keys.map((k) => data[k]);
      if (values.some((v) => v === undefined)) {
        if (!u.emptyMatches) return;
        values = values.map((v) => v ?? '');
      }
      id = values.join('\u0000');
    }
    const first = u.seen.get(id);
    if (first === undefined) {
      u.seen.set(id, excelRow);
      return;
    }
    this.at(
      excelRow,
      this.letterOf.get(u.keys[0]) ?? '',
      u.keys[0],
      u.level,
      u.code,
      `${u.cols.map((c) => c.header).join('+')} ${values.join(' ')} 与第 ${first} 行重复`,
    );
  }
}

/** The headers of a row's filled cells, for saying what a row without ledger data holds. */
function filledHeaders(cells: readonly Cell[], names: Map<number, string>, colOffset: number): string {
  const out: string[] = [];
  cells.forEach((cell, c) => {
    if (!isBlank(cell)) out.push(names.get(c) || `${columnLetter(colOffset + c)}列`);
  });
  return out.slice(0, 3).join('、') + (out.length > 3 ? ' 等' : '');
}

/** Row by row, left to right; a finding about the whole row comes before its cells. */
export const byCell = (a: { row: number; column: string }, b: { row: number; column: string }): number =>
  a.row - b.row || (a.column ? columnIndex(a.column) : -1) - (b.column ? columnIndex(b.column) : -1);

/**
 * The names under which the cells of non-ledger columns are carried: the source header, made
 * unique with the column letter when it repeats. Ledger columns get '' (never carried).
 */
function extraNames(columns: readonly ColumnMapping[]): Map<number, string> {
  const names = new Map<number, string>();
  const count = new Map<string, number>();
  for (const c of columns) count.set(c.header, (count.get(c.header) ?? 0) + 1);
  for (const c of columns) {
    names.set(c.col, c.key ? '' : (count.get(c.header) ?? 0) > 1 ? `${c.header}（${c.letter}列）` : c.header);
  }
  return names;
}

/** Cells of the row that belong to no ledger column, including data under a blank header (named by its letter). */
function extraCells(
  cells: readonly Cell[],
  names: Map<number, string>,
  colOffset: number,
): Record<string, Cell> | undefined {
  let extra: Record<string, Cell> | undefined;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (isBlank(cell)) continue;
    const name = names.get(c) ?? `${columnLetter(colOffset + c)}列`;
    if (!name) continue;
    (extra ??= {})[name] = cell;
  }
  return extra;
}

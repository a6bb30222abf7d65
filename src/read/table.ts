/**
 * Grid → typed rows and findings for one ledger table. Every row below the header is either
 * data, blank (skipped), or a total row (reported as info): nothing is dropped silently.
 */
import type { Cell, Grid } from '../grid';
import { columnIndex, columnLetter, isBlank } from '../grid';
import type { Finding, Level } from '../findings';
import type { Column, RowIssue, Table, TableKey } from '../ledgers/schema';
import { cellText } from '../rules/text';
import { coercerFor, type Coercer } from './coerce';
import { detectHeader, type ColumnMapping } from './headers';

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
  /**
   * Drop each grid row once it is read, for a caller that needs only the typed rows: a
   * 1,000,000-row sheet then never holds its cells and its typed rows at the same time.
   */
  release?: boolean;
}

/** Rows between two progress reports: often enough for a smooth bar, rare enough to cost nothing. */
const PROGRESS_STEP = 2048;

/** 合计, 总 计, 小计：… — white space anywhere in the word. */
const TOTAL_ROW = /^\s*[合总小]\s*计/;

/** Reads the first table found in the grid, or undefined when no header row matches any. */
export function readTable(grid: Grid, tables: readonly Table[], opts: ReadOptions): ParsedTable | undefined {
  const header = detectHeader(grid, tables, opts.lenient);
  if (!header) {
    opts.onRows?.(grid.rows.length);
    return undefined;
  }
  const { table } = header;
  const rowOffset = grid.origin?.row ?? 0;
  const date1904 = !!grid.date1904;
  const findings: Finding[] = [];
  const at = (row: number, letter: string, key: string | undefined, level: Level, code: string, message: string) =>
    findings.push({ sheet: grid.sheet, row, column: letter, ...(key ? { key } : {}), level, code, message });

  const headerRow = rowOffset + header.index + 1;
  if (header.missing.length) {
    at(
      headerRow,
      '',
      undefined,
      'error',
      'header.missingRequired',
      `${table.title}缺少必需的列: ${header.missing.map((c) => c.header).join('、')}（请在表头中补上这些列）`,
    );
  }

  const only = opts.only?.(table.key);
  const wanted = only && new Set(only);
  const mapped = header.columns
    .filter((m) => m.key && (!wanted || wanted.has(m.key)))
    .map((m) => {
      const column = table.column(m.key!);
      return { ...m, column, coerce: coercerFor(column) as Coercer };
    });
  const colOffset = grid.origin?.col ?? 0;
  const extraName = extraNames(header.columns);
  const letterOf = new Map(mapped.map((m) => [m.key!, m.letter]));
  const present: ReadonlySet<string> = new Set(letterOf.keys());
  let reported = 0;
  const report = (r: number) => {
    opts.onRows?.(r - reported);
    reported = r;
  };

  const rows: ParsedRow[] = [];
  const totalRows: number[] = [];
  for (let r = header.index + 1; r < grid.rows.length; r++) {
    if (r - reported >= PROGRESS_STEP) report(r);
    const cells = grid.rows[r];
    if (opts.release) delete grid.rows[r];
    if (!cells || cells.every(isBlank)) continue;
    const excelRow = rowOffset + r + 1;
    const first = cells.find((c) => !isBlank(c));
    if (typeof first === 'string' && TOTAL_ROW.test(first)) {
      totalRows.push(excelRow);
      at(excelRow, '', undefined, 'info', 'row.total', '合计行，不计入数据');
      continue;
    }
    // Templates come with 序号 filled far below the last entry: such a row holds no ledger
    // data, and reporting every required field of it as missing would bury the real errors.
    if (mapped.every((m) => isBlank(cells[m.col]))) {
      at(
        excelRow,
        '',
        undefined,
        'info',
        'row.noData',
        `该行台账各列都为空（只有 ${filledHeaders(cells, extraName, colOffset)} 有内容），不计入数据`,
      );
      continue;
    }
    const parsed: ParsedRow = { row: excelRow, data: {} };
    for (const m of mapped) {
      const cell = cells[m.col];
      if (isBlank(cell)) {
        if (m.column.required)
          at(excelRow, m.letter, m.key, 'error', 'field.required', `缺少必填项: ${m.column.header}`);
        continue;
      }
      const res = m.coerce(cell, date1904);
      if (res.issue) {
        at(excelRow, m.letter, m.key, res.issue.level, res.issue.code, res.issue.message);
        if (res.issue.level === 'error') {
          (parsed.invalid ??= {})[m.key!] = cellText(cell);
          continue;
        }
      }
      if (res.value !== undefined && res.value !== '') (parsed.data as Record<string, unknown>)[m.key!] = res.value;
      else if (m.column.required)
        at(excelRow, m.letter, m.key, 'error', 'field.required', `缺少必填项: ${m.column.header}`);
    }
    const extra = extraCells(cells, extraName, colOffset);
    if (extra) parsed.extra = extra;
    const unreadable = parsed.invalid ? new Set(Object.keys(parsed.invalid)) : undefined;
    for (const rule of wanted ? [] : (table.rowRules ?? [])) {
      const out = rule(parsed.data, { asOf: opts.asOf, unreadable, columns: present });
      if (!out) continue;
      // One error per cell: a cell that could not be read already says so, and a rule that
      // saw it as empty ("车牌号和车架号都为空") would only mislead.
      for (const i of Array.isArray(out) ? out : [out]) if (!i.key || !unreadable?.has(i.key)) rowIssue(i, excelRow);
    }
    rows.push(parsed);
  }

  function rowIssue(i: RowIssue, excelRow: number) {
    at(excelRow, i.key ? (letterOf.get(i.key) ?? '') : '', i.key, i.level, i.code, i.message);
  }

  // A loop, not push(...list): a list of 100k duplicates would overflow the call stack.
  for (const u of wanted ? [] : (table.unique ?? [])) {
    for (const f of duplicateFindings(grid.sheet, table, rows, u.keys, u.level, u.code, letterOf)) findings.push(f);
  }
  findings.sort(byCell);
  report(grid.rows.length);

  return { sheet: grid.sheet, table, headerRow, columns: header.columns, rows, findings, totalRows, date1904 };
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

function duplicateFindings(
  sheet: string,
  table: Table,
  rows: ParsedRow[],
  keys: readonly string[],
  level: Level,
  code: string,
  letterOf: Map<string, string>,
): Finding[] {
  const seen = new Map<string, number>();
  const out: Finding[] = [];
  const cols: Column[] = keys.map((k) => table.column(k));
  for (const r of rows) {
    const values = keys.map((k) => (r.data as Record<string, unknown>)[k]);
    if (values.some((v) => v === undefined)) continue;
    const id = values.join('\u0000');
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, r.row);
      continue;
    }
    out.push({
      sheet,
      row: r.row,
      column: letterOf.get(keys[0]) ?? '',
      key: keys[0],
      level,
      code,
      message: `${cols.map((c) => c.header).join('+')} ${values.join(' ')} 与第 ${first} 行重复`,
    });
  }
  return out;
}

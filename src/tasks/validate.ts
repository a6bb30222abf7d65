/**
 * `validate`: every sheet of every workbook → its ledger, typed rows and findings, in the
 * JSON shape of cli.md. Pure (grids in, result out) so the task pane can run it as well.
 */
import type { Grid } from '../grid';
import { isBlank } from '../grid';
import type { Finding, Level } from '../findings';
import type { LedgerKey, TableKey } from '../ledgers/schema';
import { ledgerTitle, tablesOfLedger } from '../ledgers';
import { workbookSettings } from '../ledgers/settings';
import { todayIso } from '../rules/date';
import { crossTableIssues, readLedgerSheets } from '../read/sheets';
import { byCell, type ParsedTable } from '../read/table';
import type { MatchKind } from '../read/headers';

export interface Book {
  file: string;
  grids: Grid[];
  /** What the file reader found (bad bytes in a CSV line, a skipped macro sheet). */
  notes?: readonly { sheet: string; row: number; level: Level; code: string; message: string }[];
  /**
   * Sheets read row by row while the file was read (their grids hold no rows): the table found,
   * and whether the sheet held anything at all.
   */
  streamed?: ReadonlyMap<string, { table: ParsedTable | undefined; hasContent: boolean }>;
}

/** A finding as the JSON shows it: the sheet is the one it is listed under. */
export interface SheetFinding {
  row: number;
  column: string;
  /** Ledger key of the column; '' for a finding about the whole row or sheet. */
  key: string;
  level: Level;
  code: string;
  message: string;
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export interface ColumnInfo {
  header: string;
  letter: string;
  key: string;
  match: MatchKind;
}

export interface SheetResult extends Counts {
  sheet: string;
  ledger: LedgerKey;
  /** Which table of the ledger (contracts has contracts and collections, attendance four). */
  table: TableKey;
  /** How clerks call that table (承保台账, 回款记录, 打卡记录, …). */
  title: string;
  headerRow: number;
  /** Data rows (blank and total rows not counted). */
  rows: number;
  /** Source header → ledger key, for the columns that map to the ledger. */
  columns: Record<string, string>;
  /** The same mapping with letters and how each header matched ('fuzzy' = a wording nobody listed). */
  mapping: ColumnInfo[];
  /** Source headers of columns carried through untouched. */
  otherColumns: string[];
  /** 1-based rows that were 合计/总计/小计 rows. */
  totalRows: number[];
  findings: SheetFinding[];
}

export interface FileResult extends Counts {
  file: string;
  /** The as-of date rules used for this file: --as-of, else its 设置 sheet's 基准日, else today. */
  asOf: string;
  sheets: SheetResult[];
  /** Sheets that hold no ledger (the 设置 sheet is not one of them). */
  unmatchedSheets: string[];
  /**
   * Findings that belong to no checked sheet: the 设置 sheet, sheets without a ledger, the file
   * as a whole (sheet ''). Row 0 means the finding is about the whole sheet or file.
   */
  findings: (SheetFinding & { sheet: string })[];
}

export interface ValidateResult {
  files: FileResult[];
  summary: { rows: number } & Counts & { files: number; sheets: number };
}

export interface ValidateOptions {
  ledger?: LedgerKey;
  asOf?: string;
  /** Grid rows done out of all grid rows of all books. */
  onProgress?: (done: number, total: number) => void;
}

const COUNT_FIELD: Record<Level, keyof Counts> = { error: 'errors', warning: 'warnings', info: 'infos' };

function countLevels(findings: readonly { level: Level }[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) c[COUNT_FIELD[f.level]]++;
  return c;
}

const toSheetFinding = (f: Finding): SheetFinding => ({
  row: f.row,
  column: f.column,
  key: f.key ?? '',
  level: f.level,
  code: f.code,
  message: f.message,
});

/** The as-of date of a workbook: the explicit one, else its 设置 sheet's 基准日, else today. */
export function asOfOf(grids: readonly Grid[], explicit?: string): string {
  return explicit ?? workbookSettings(grids).asOfDate ?? todayIso();
}

const isEmptyGrid = (g: Grid): boolean => g.rows.every((r) => !r || r.every(isBlank));

/** `打卡记录: 日期、工号或姓名；…` — what each table of the ledger cannot do without. */
function requiredHeaders(ledger: LedgerKey): string {
  return tablesOfLedger(ledger)
    .map((t) => {
      const needs = [
        ...t.columns.filter((c) => c.required).map((c) => c.header),
        ...(t.requiredAny ?? []).map((group) => group.map((k) => t.column(k).header).join('或')),
      ];
      return `${t.title}: ${needs.join('、')}`;
    })
    .join('；');
}

function sheetResult(t: ParsedTable): SheetResult {
  const mapping: ColumnInfo[] = t.columns
    .filter((c) => c.key)
    .map((c) => ({ header: c.header, letter: c.letter, key: c.key!, match: c.match ?? 'exact' }));
  return {
    sheet: t.sheet,
    ledger: t.table.ledger,
    table: t.table.key,
    title: t.table.title,
    headerRow: t.headerRow,
    rows: t.rows.length,
    columns: Object.fromEntries(mapping.map((m) => [m.header, m.key])),
    mapping,
    otherColumns: t.columns.filter((c) => !c.key).map((c) => c.header),
    totalRows: t.totalRows,
    findings: t.findings.map(toSheetFinding),
    errors: 0,
    warnings: 0,
    infos: 0,
  };
}

export function validateWorkbooks(books: readonly Book[], opts: ValidateOptions = {}): ValidateResult {
  const total = books.reduce((n, b) => n + b.grids.reduce((m, g) => m + g.rows.length, 0), 0);
  let done = 0;
  const onRows = opts.onProgress && ((n: number) => opts.onProgress!((done += n), total));

  const files: FileResult[] = [];
  const owner = new Map<ParsedTable, SheetResult>();
  const allTables: ParsedTable[] = [];

  for (const book of books) {
    const asOf = asOfOf(book.grids, opts.asOf);
    const streamed = book.streamed;
    const read = readLedgerSheets(book.grids, {
      asOf,
      ledger: opts.ledger,
      crossTable: false,
      onRows,
      ...(streamed ? { streamed: new Map([...streamed].map(([name, s]) => [name, s.table])) } : {}),
    });
    const isEmpty = (g: Grid) => (streamed?.has(g.sheet) ? !streamed.get(g.sheet)!.hasContent : isEmptyGrid(g));
    const sheets = read.tables.map((t) => {
      const s = sheetResult(t);
      owner.set(t, s);
      allTables.push(t);
      return s;
    });
    const fileFindings: FileResult['findings'] = read.findings.map((f) => ({ sheet: f.sheet, ...toSheetFinding(f) }));
    const note = (sheet: string, level: Level, code: string, message: string) =>
      fileFindings.push({ sheet, row: 0, column: '', key: '', level, code, message });

    for (const n of book.notes ?? []) fileFindings.push({ ...n, column: '', key: '' });
    for (const name of read.unmatched) {
      const grid = book.grids.find((g) => g.sheet === name);
      if (!grid || isEmpty(grid)) continue;
      if (opts.ledger) {
        note(
          name,
          'error',
          'header.notFound',
          `工作表“${name}”的前 20 行中找不到${ledgerTitle(opts.ledger)}的表头（至少要有 ${requiredHeaders(opts.ledger)}），未检查`,
        );
      } else if (read.tables.length) {
        note(name, 'info', 'sheet.noLedger', `工作表“${name}”不是台账（表头与任何台账都对不上），未检查`);
      }
    }
    if (!read.tables.length && !fileFindings.some((f) => f.code === 'header.notFound')) {
      if (book.grids.every(isEmpty)) note('', 'error', 'file.empty', '文件中的工作表都是空的，没有可检查的数据');
      else
        note(
          '',
          'error',
          'file.noLedger',
          '文件中没有找到任何台账：各工作表前 20 行都没有可识别的表头（如承保台账应有 出单日期、保单号、险种、被保险人、起保日期、保费）；可用 --ledger 指定台账类型',
        );
    }
    files.push({
      file: book.file,
      asOf,
      sheets,
      unmatchedSheets: read.unmatched,
      findings: fileFindings,
      errors: 0,
      warnings: 0,
      infos: 0,
    });
  }

  for (const { table, finding } of crossTableIssues(allTables))
    owner.get(table)?.findings.push(toSheetFinding(finding));

  const summary = { rows: 0, errors: 0, warnings: 0, infos: 0, files: files.length, sheets: 0 };
  for (const f of files) {
    for (const s of f.sheets) {
      s.findings.sort(byCell);
      Object.assign(s, countLevels(s.findings));
    }
    const own = countLevels(f.findings);
    f.errors = own.errors + sum(f.sheets, 'errors');
    f.warnings = own.warnings + sum(f.sheets, 'warnings');
    f.infos = own.infos + sum(f.sheets, 'infos');
    summary.rows += sum(f.sheets, 'rows');
    summary.errors += f.errors;
    summary.warnings += f.warnings;
    summary.infos += f.infos;
    summary.sheets += f.sheets.length;
  }
  return { files, summary };
}

function sum<K extends 'rows' | keyof Counts>(sheets: readonly SheetResult[], k: K): number {
  return sheets.reduce((n, s) => n + s[k], 0);
}

/**
 * One open form against the workbook: which sheet it writes, the rows already there (for
 * duplicates and look-ups), the row being edited, and saving. Excel is reached only through
 * the `run` it is given (Excel.run in the add-in, the fake in tests) and excel/formRows.ts.
 */
import { defaultSettings } from '../../src/ledgers/settings';
import type { Table } from '../../src/ledgers/schema';
import { coercerFor } from '../../src/read/coerce';
import type { ParsedTable } from '../../src/read/table';
import { checkForm, withLogCheck, type FormCheck } from './check';
import { LOG_PREFIX, searchLabel } from './fields';
import { inputTextOfCell } from './cells';
import {
  addLedgerSheet,
  formatsOf,
  freeSheetName,
  ledgerSheetOf,
  readSheet,
  scanSheets,
  selectedRow,
  writeRuns,
  type SheetInfo,
} from '../excel/formRows';
import {
  groupOfRow,
  groupRows,
  isDataRow,
  ledgerViewOf,
  rowSignature,
  rowsWhere,
  searchRows,
  type LedgerView,
} from './ledger';
import { changedKeys, planRow, templateColumns } from './plan';
import type { FormSpec } from './specs';

import type { ExcelRun } from '../excel/run';

export type { ExcelRun };

export interface Editing {
  sheet: string;
  row: number;
  /** The form's texts as read from the row. */
  loaded: Record<string, string>;
  /** The row's ledger cells when read: a save refuses to overwrite a row changed since. */
  signature: string;
  /** The other rows of its group (the car's other policies): a save writes `together` keys to them too. */
  siblings: { row: number; signature: string }[];
}

export type SaveResult =
  | {
      ok: true;
      sheet: string;
      row: number;
      created: boolean;
      changed: number;
      /** What else the save did (the car's other policies, the call logged). */
      also?: string[];
      /** What the clerk should look at (columns the sheet lacks, a total row above). */
      notes: string[];
    }
  | { ok: false; message: string; check?: FormCheck };

export type LoadResult = { ok: true; texts: Record<string, string>; editing: Editing } | { ok: false; message: string };

interface Workbook {
  sheets: SheetInfo[];
  date1904: boolean;
  ledger?: LedgerView;
  related: ParsedTable[];
}

export class FormSession {
  /** The ledger as last read: what typing is checked against. */
  ledger?: LedgerView;
  related: ParsedTable[] = [];
  editing?: Editing;

  constructor(
    readonly spec: FormSpec,
    private readonly run: ExcelRun,
    private readonly today: () => string,
  ) {}

  get table(): Table {
    return this.spec.table;
  }

  /** Reads the workbook again: the ledger sheet and the related ones. */
  async refresh(): Promise<void> {
    await this.run(async (context) => {
      const wb = await this.readWorkbook(context, this.editing?.sheet);
      this.ledger = wb.ledger;
      this.related = wb.related;
    });
  }

  /**
   * The values already in the ledger of each `suggest` column, most used first; a column that
   * offers a 设置 list (逾期原因, 未回店原因) ends with the suggested reasons not used yet.
   */
  suggestions(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const key of this.spec.suggest ?? []) {
      const counts = new Map<string, number>();
      for (const r of this.ledger?.parsed.rows ?? []) {
        const v = (r.data as Record<string, unknown>)[key];
        if (typeof v === 'string' && v) counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      const used = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
      const list = this.table.columns.find((c) => c.key === key)?.suggestions;
      const offered = list ? defaultSettings()[list].filter((v) => !counts.has(v)) : [];
      out[key] = [...used, ...offered];
    }
    return out;
  }

  /** Ledger columns the sheet lacks: their fields cannot be saved there. */
  missingColumns(): string[] {
    const ledger = this.ledger;
    return ledger ? this.table.columns.filter((c) => ledger.columns[c.key] === undefined).map((c) => c.key) : [];
  }

  check(texts: Record<string, string>): FormCheck {
    const ctx = {
      asOf: this.today(),
      date1904: this.ledger?.date1904,
      ledger: this.ledger,
      editingRow: this.editing?.row,
      loaded: this.editing?.loaded,
      related: this.related,
    };
    const check = checkForm(this.table, texts, ctx);
    return this.spec.log ? withLogCheck(check, this.spec.log, texts, this.now(), ctx) : check;
  }

  /** The time a call is logged at: today, the clock's minute. */
  private now(): { date: string; minutes: number } {
    const d = new Date();
    return { date: this.today(), minutes: d.getHours() * 60 + d.getMinutes() };
  }

  /**
   * Checks against the sheet as it is now and, when nothing is wrong, writes the row in one
   * request: a new row below the ledger's last one (a new ledger sheet if there is none), or
   * the changed cells of the row being edited.
   */
  async save(texts: Record<string, string>): Promise<SaveResult> {
    return this.run(async (context): Promise<SaveResult> => {
      const editing = this.editing;
      const wb = await this.readWorkbook(context, editing?.sheet);
      this.ledger = wb.ledger;
      this.related = wb.related;
      const check = this.check(texts);
      if (check.hasErrors) return { ok: false, message: '请先改正标红的项目', check };
      const { table } = this;
      const ledger = wb.ledger;

      if (editing) {
        if (!ledger)
          return { ok: false, message: `找不到工作表「${editing.sheet}」中的${table.title}，请重新读取选中行` };
        const moved = [editing, ...editing.siblings].find((e) => rowSignature(ledger, e.row) !== e.signature);
        if (moved) {
          return {
            ok: false,
            message: `「${editing.sheet}」第 ${moved.row} 行在读取后已被改动（或行已移动），请重新读取选中行`,
          };
        }
        const changed = changedKeys(table, texts, editing.loaded);
        const runs = planRow(table, ledger.columns, editing.row, check.values, changed);
        // One call covers the car: its result goes to the car's other policies too.
        const together = new Set((this.spec.together ?? []).filter((k) => changed.has(k)));
        if (together.size)
          for (const s of editing.siblings) runs.push(...planRow(table, ledger.columns, s.row, check.values, together));
        if (runs.length)
          await writeRuns(context, ledger.sheet, runs, await formatsOf(context, ledger.sheet, runs), ledger.date1904);
        const also: string[] = [];
        if (together.size && editing.siblings.length) {
          also.push(
            `同一辆车的另 ${editing.siblings.length} 张保单（第 ${editing.siblings.map((x) => x.row).join('、')} 行）一并更新`,
          );
        }
        const logged = await this.record(context, wb, check, changed);
        if (logged) also.push(logged);
        this.editing = undefined;
        return {
          ok: true,
          sheet: ledger.sheet,
          row: editing.row,
          created: false,
          changed: runs.reduce((n, r) => n + r.cells.length, 0),
          also,
          notes: [],
        };
      }

      if (this.spec.lookup) return { ok: false, message: '请先按保单号查找，或读取选中行' };
      if (!ledger) {
        const name = freeSheetName(wb.sheets, table.title);
        const runs = planRow(table, templateColumns(table), 2, check.values);
        await addLedgerSheet(context, name, table, runs, wb.date1904);
        return {
          ok: true,
          sheet: name,
          row: 2,
          created: true,
          changed: runs.reduce((n, r) => n + r.cells.length, 0),
          notes: [],
        };
      }
      const runs = planRow(table, ledger.columns, ledger.nextRow, check.values);
      await writeRuns(context, ledger.sheet, runs, await formatsOf(context, ledger.sheet, runs), ledger.date1904);
      const notes: string[] = [];
      const lost = table.columns.filter(
        (c) => check.values[c.key] !== undefined && ledger.columns[c.key] === undefined,
      );
      if (lost.length) notes.push(`「${ledger.sheet}」没有 ${lost.map((c) => c.header).join('、')} 列，这些项未保存`);
      if (ledger.totalAbove) notes.push(`新行在第 ${ledger.totalAbove} 行的合计行下方，合计未包含它`);
      return {
        ok: true,
        sheet: ledger.sheet,
        row: ledger.nextRow,
        created: false,
        changed: runs.reduce((n, r) => n + r.cells.length, 0),
        notes,
      };
    });
  }

  /** Loads the row of the active cell for editing. */
  async loadSelected(): Promise<LoadResult> {
    return this.run(async (context): Promise<LoadResult> => {
      const at = await selectedRow(context);
      const wb = await this.readWorkbook(context, at.sheet);
      const title = this.table.title;
      if (!wb.ledger)
        return { ok: false, message: `选中的单元格在「${at.sheet}」，它不是${title}：请选中${title}中要修改的那一行` };
      this.ledger = wb.ledger;
      this.related = wb.related;
      if (!isDataRow(wb.ledger, at.row))
        return { ok: false, message: `「${at.sheet}」第 ${at.row} 行不是${title}的数据行：请选中要修改的那一行` };
      return this.load(wb.ledger, at.row);
    });
  }

  /**
   * Finds the row by the form's look-up column (or, for a form that searches, by any of its
   * search columns) and loads it with the rest of its group.
   */
  async lookup(text: string): Promise<LoadResult> {
    const key = this.spec.lookup!;
    const column = this.table.column(key);
    const search = this.spec.search;
    const read = coercerFor(column)(text, false);
    if (!text.trim() || (!search && read.value === undefined))
      return { ok: false, message: `请输入要查找的${search ? searchLabel(this.spec) : column.header}` };
    return this.run(async (context): Promise<LoadResult> => {
      const wb = await this.readWorkbook(context);
      this.ledger = wb.ledger;
      this.related = wb.related;
      if (!wb.ledger) return { ok: false, message: `工作簿中没有${this.table.title}` };
      if (search) return this.loadFound(wb.ledger, searchRows(wb.ledger, search, text), text.trim());
      const rows = rowsWhere(wb.ledger, key, read.value);
      if (!rows.length)
        return { ok: false, message: `「${wb.ledger.sheet}」中没有${column.header} ${String(read.value)}` };
      if (rows.length > 1) {
        return {
          ok: false,
          message: `${column.header} ${String(read.value)} 有 ${rows.length} 行（第 ${rows.join('、')} 行）：请在表中选中要登记的那一行，再点“读取选中行”`,
        };
      }
      return this.load(wb.ledger, rows[0]);
    });
  }

  /** The search's rows: one group loads (its first row, the rest as siblings); several are listed. */
  private loadFound(ledger: LedgerView, rows: number[], text: string): LoadResult {
    if (!rows.length)
      return { ok: false, message: `「${ledger.sheet}」中没有找到“${text}”（可输入${searchLabel(this.spec)}）` };
    const groups = groupRows(ledger, rows, this.spec.groupOf);
    if (groups.length > 1) {
      const shown = groups
        .slice(0, 5)
        .map((g) => `${g.label}（第 ${g.rows.join('、')} 行）`)
        .join('；');
      return {
        ok: false,
        message: `“${text}”对应 ${groups.length} 辆车：${shown}${groups.length > 5 ? ' 等' : ''}。请输入完整的车牌号或保单号，或在表中选中要登记的那一行后点“读取选中行”`,
      };
    }
    return this.load(ledger, groups[0].rows[0]);
  }

  cancelEdit(): void {
    this.editing = undefined;
  }

  private load(ledger: LedgerView, row: number): LoadResult {
    const cells = ledger.cells(row);
    const texts: Record<string, string> = {};
    for (const c of this.table.columns) {
      const col = ledger.columns[c.key];
      texts[c.key] = col === undefined ? '' : inputTextOfCell(c, cells[col], ledger.date1904);
    }
    const siblings = groupOfRow(ledger, row, this.spec.groupOf)
      .filter((r) => r !== row)
      .map((r) => ({ row: r, signature: rowSignature(ledger, r) }));
    this.editing = { sheet: ledger.sheet, row, loaded: { ...texts }, signature: rowSignature(ledger, row), siblings };
    return { ok: true, texts, editing: this.editing };
  }

  /**
   * The form's second record (a call in 回访记录), appended below its sheet's last row — a new
   * sheet from the template when there is none. Only when something happened: the result was
   * changed, or a log field filled.
   */
  private async record(
    context: Excel.RequestContext,
    wb: Workbook,
    check: FormCheck,
    changed: ReadonlySet<string>,
  ): Promise<string | undefined> {
    const log = this.spec.log;
    if (!log) return undefined;
    const typed = Object.fromEntries(
      log.fields
        .filter((k) => check.values[LOG_PREFIX + k] !== undefined)
        .map((k) => [k, check.values[LOG_PREFIX + k]]),
    );
    const touched = Object.keys(typed).length > 0 || (this.spec.together ?? []).some((k) => changed.has(k));
    const entry = touched ? log.entry(check.values, this.now()) : undefined;
    if (!entry) return undefined;
    const row = { ...entry, ...typed };
    const name = ledgerSheetOf(wb.sheets, log.table);
    const view = name ? ledgerViewOf((await readSheet(context, name))!, log.table, this.today()) : undefined;
    if (!view) {
      const sheet = freeSheetName(wb.sheets, log.table.title);
      await addLedgerSheet(
        context,
        sheet,
        log.table,
        planRow(log.table, templateColumns(log.table), 2, row),
        wb.date1904,
      );
      return `已新建「${sheet}」并记入第 2 行`;
    }
    const runs = planRow(log.table, view.columns, view.nextRow, row);
    await writeRuns(context, view.sheet, runs, await formatsOf(context, view.sheet, runs), view.date1904);
    return `已记入「${view.sheet}」第 ${view.nextRow} 行`;
  }

  /** The sheets, this form's ledger (on `sheet` when given, else the one found) and the related tables. */
  private async readWorkbook(context: Excel.RequestContext, sheet?: string): Promise<Workbook> {
    const { sheets, date1904 } = await scanSheets(context);
    const asOf = this.today();
    const read = async (table: Table, name: string | undefined): Promise<LedgerView | undefined> => {
      const grid = name ? await readSheet(context, name) : undefined;
      return grid && ledgerViewOf(grid, table, asOf);
    };
    const name = sheet ?? ledgerSheetOf(sheets, this.table);
    const ledger =
      sheet && sheets.find((s) => s.name === sheet)?.table !== this.table ? undefined : await read(this.table, name);
    const related: ParsedTable[] = [];
    for (const t of this.spec.related ?? []) {
      const view = await read(t, ledgerSheetOf(sheets, t));
      if (view) related.push(view.parsed);
    }
    return { sheets, date1904, ...(ledger ? { ledger } : {}), related };
  }
}

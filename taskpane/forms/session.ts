/**
 * One open form against the workbook: which sheet it writes, the rows already there (for
 * duplicates and look-ups), the row being edited, and saving. Excel is reached only through
 * the `run` it is given (Excel.run in the add-in, the fake in tests) and excel/formRows.ts.
 */
import type { Table } from '../../src/ledgers/schema';
import { coercerFor } from '../../src/read/coerce';
import type { ParsedTable } from '../../src/read/table';
import { checkForm, type FormCheck } from './check';
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
import { isDataRow, ledgerViewOf, rowSignature, rowsWhere, type LedgerView } from './ledger';
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
}

export type SaveResult =
  | { ok: true; sheet: string; row: number; created: boolean; changed: number; notes: string[] }
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

  /** Ledger columns the sheet lacks: their fields cannot be saved there. */
  missingColumns(): string[] {
    const ledger = this.ledger;
    return ledger ? this.table.columns.filter((c) => ledger.columns[c.key] === undefined).map((c) => c.key) : [];
  }

  check(texts: Record<string, string>): FormCheck {
    return checkForm(this.table, texts, {
      asOf: this.today(),
      date1904: this.ledger?.date1904,
      ledger: this.ledger,
      editingRow: this.editing?.row,
      loaded: this.editing?.loaded,
      related: this.related,
    });
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
        if (rowSignature(ledger, editing.row) !== editing.signature) {
          return {
            ok: false,
            message: `「${editing.sheet}」第 ${editing.row} 行在读取后已被改动（或行已移动），请重新读取选中行`,
          };
        }
        const changed = changedKeys(table, texts, editing.loaded);
        const runs = planRow(table, ledger.columns, editing.row, check.values, changed);
        if (runs.length)
          await writeRuns(context, ledger.sheet, runs, await formatsOf(context, ledger.sheet, runs), ledger.date1904);
        this.editing = undefined;
        return {
          ok: true,
          sheet: ledger.sheet,
          row: editing.row,
          created: false,
          changed: runs.reduce((n, r) => n + r.cells.length, 0),
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

  /** Finds the row by the form's look-up column (the renewal list by 保单号) and loads it. */
  async lookup(text: string): Promise<LoadResult> {
    const key = this.spec.lookup!;
    const column = this.table.column(key);
    const read = coercerFor(column)(text, false);
    if (!text.trim() || read.value === undefined) return { ok: false, message: `请输入要查找的${column.header}` };
    return this.run(async (context): Promise<LoadResult> => {
      const wb = await this.readWorkbook(context);
      this.ledger = wb.ledger;
      this.related = wb.related;
      if (!wb.ledger) return { ok: false, message: `工作簿中没有${this.table.title}` };
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
    this.editing = { sheet: ledger.sheet, row, loaded: { ...texts }, signature: rowSignature(ledger, row) };
    return { ok: true, texts, editing: this.editing };
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

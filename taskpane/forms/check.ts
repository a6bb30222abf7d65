/**
 * Checks a form's texts with the engine: each field with its column's coercer (the same
 * reading and Chinese messages as validate), the row with the table's row rules, the
 * table's unique keys against the rows already in the sheet, and the cross-table rules
 * against related sheets. Nothing here is a second copy of a rule.
 */
import type { Level } from '../../src/findings';
import type { Column, RowIssue, Table } from '../../src/ledgers/schema';
import type { FormLog } from '../../src/ledgers/registry';
import { LOG_PREFIX } from './fields';
import { coercerFor } from '../../src/read/coerce';
import { crossTableIssues } from '../../src/read/sheets';
import type { ParsedTable } from '../../src/read/table';
import type { LedgerView } from './ledger';

export interface Issue {
  level: Level;
  code: string;
  message: string;
}

export interface FormCheck {
  /** The typed row: fields that are empty or could not be read are absent. */
  values: Record<string, unknown>;
  /** Issues by field key, errors first. */
  fields: Record<string, Issue[]>;
  /** Issues about the row as a whole. */
  row: Issue[];
  /** Keys of the fields with an error, in column order. */
  errorKeys: string[];
  hasErrors: boolean;
}

export interface CheckContext {
  /** Today, for rules that look at the date (起保日期 not in the past). */
  asOf: string;
  date1904?: boolean;
  /** The sheet the row goes to, for unique keys. */
  ledger?: LedgerView;
  /** The row being edited: it does not duplicate itself. */
  editingRow?: number;
  /**
   * The texts the edited row had when it was read. A field the clerk did not change keeps the
   * level its cell has in the ledger (an old wrong phone stays a warning); whatever is typed
   * must be readable.
   */
  loaded?: Record<string, string>;
  /** Sheets of related tables (contracts for a collection, the roster for a roll call). */
  related?: readonly ParsedTable[];
}

const LEVEL_RANK: Record<Level, number> = { error: 0, warning: 1, info: 2 };

export function checkForm(table: Table, texts: Record<string, string>, ctx: CheckContext): FormCheck {
  const values: Record<string, unknown> = {};
  const fields: Record<string, Issue[]> = {};
  const row: Issue[] = [];
  const unreadable = new Set<string>();
  const add = (key: string | undefined, i: Issue) =>
    key && table.columns.some((c) => c.key === key) ? (fields[key] ??= []).push(i) : row.push(i);

  for (const c of table.columns) {
    const text = (texts[c.key] ?? '').trim();
    if (!text) {
      if (c.required) add(c.key, { level: 'error', code: 'field.required', message: `缺少必填项: ${c.header}` });
      continue;
    }
    const read = coercerFor(c)(text, !!ctx.date1904);
    if (read.issue) {
      const typed = !ctx.loaded || ctx.loaded[c.key] !== texts[c.key];
      const lost = read.value === undefined;
      const level: Level = lost && (typed || c.required) ? 'error' : read.issue.level;
      add(c.key, { ...read.issue, level });
      if (lost) {
        if (level === 'error') unreadable.add(c.key);
        continue;
      }
    }
    if (read.value !== undefined && read.value !== '') values[c.key] = read.value;
  }

  for (const rule of table.rowRules ?? []) {
    const out = rule(values, { asOf: ctx.asOf, unreadable });
    if (!out) continue;
    for (const i of Array.isArray(out) ? out : [out]) if (!i.key || !unreadable.has(i.key)) add(i.key, strip(i));
  }

  if (ctx.ledger) for (const i of duplicates(table, values, ctx.ledger, ctx.editingRow)) add(i.key, strip(i));
  if (ctx.related?.length) for (const i of crossTable(table, values, ctx.related)) add(i.key, strip(i));

  for (const list of Object.values(fields)) list.sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);
  const errorKeys = table.columns.filter((c) => fields[c.key]?.some((i) => i.level === 'error')).map((c) => c.key);
  return { values, fields, row, errorKeys, hasErrors: errorKeys.length > 0 || row.some((i) => i.level === 'error') };
}

const strip = ({ level, code, message }: RowIssue): Issue => ({ level, code, message });

/** The table's unique keys, against the rows of the sheet. */
function duplicates(
  table: Table,
  values: Record<string, unknown>,
  ledger: LedgerView,
  editingRow: number | undefined,
): RowIssue[] {
  const out: RowIssue[] = [];
  for (const u of table.unique ?? []) {
    const mine = u.keys.map((k) => values[k]);
    if (mine.some((v) => v === undefined)) continue;
    const rows = ledger.parsed.rows
      .filter((r) => r.row !== editingRow && u.keys.every((k, i) => (r.data as Record<string, unknown>)[k] === mine[i]))
      .map((r) => r.row);
    if (!rows.length) continue;
    const cols: Column[] = u.keys.map((k) => table.column(k));
    const where = `「${ledger.sheet}」第 ${rows.slice(0, 3).join('、')}${rows.length > 3 ? ' 等' : ''} 行`;
    out.push({
      key: u.keys[0],
      level: u.level,
      code: u.code,
      message:
        u.level === 'error'
          ? `${cols.map((c) => c.header).join('+')} ${mine.join(' ')} 已登记在${where}，不能重复登记`
          : `${cols.map((c) => c.header).join('+')} ${mine.join(' ')} 已在${where}，请核实是否重复`,
    });
  }
  return out;
}

/** The engine's cross-table rules, run on this row as the one row of its table. */
function crossTable(table: Table, values: Record<string, unknown>, related: readonly ParsedTable[]): RowIssue[] {
  const self: ParsedTable = {
    sheet: table.title,
    table,
    headerRow: 1,
    columns: [],
    rows: [{ row: 2, data: values }],
    findings: [],
    totalRows: [],
    date1904: false,
  };
  return crossTableIssues([...related, self])
    .filter((i) => i.table === self)
    .map(({ finding: f }) => ({ ...(f.key ? { key: f.key } : {}), level: f.level, code: f.code, message: f.message }));
}

/**
 * The form's log fields (回访记录's 下次联系时间 …) checked as the log row they will become: each
 * read by its column's coercer, then the log table's row rules on the row the save records
 * (`预约回电` without a 下次联系时间 is a warning here as it is in validate). Issues and values
 * are keyed `log-…`, beside the form's own.
 */
export function withLogCheck(
  check: FormCheck,
  log: FormLog,
  texts: Record<string, string>,
  now: { date: string; minutes: number },
  ctx: CheckContext,
): FormCheck {
  const fields = { ...check.fields };
  const values = { ...check.values };
  const typed: Record<string, unknown> = {};
  const unreadable = new Set<string>();
  const add = (key: string, i: Issue) => (fields[LOG_PREFIX + key] ??= []).push(i);
  for (const k of log.fields) {
    const text = (texts[LOG_PREFIX + k] ?? '').trim();
    if (!text) continue;
    const read = coercerFor(log.table.column(k))(text, !!ctx.date1904);
    if (read.issue) add(k, { ...read.issue, level: read.value === undefined ? 'error' : read.issue.level });
    if (read.value === undefined) unreadable.add(k);
    else if (read.value !== '') typed[k] = values[LOG_PREFIX + k] = read.value;
  }
  const entry = log.entry(check.values, now);
  if (entry) {
    const row = { ...entry, ...typed };
    for (const rule of log.table.rowRules ?? []) {
      const out = rule(row, { asOf: ctx.asOf, unreadable });
      for (const i of out ? (Array.isArray(out) ? out : [out]) : [])
        if (i.key && log.fields.includes(i.key) && !unreadable.has(i.key)) add(i.key, strip(i));
    }
  } else if (Object.keys(typed).length) {
    add(
      log.fields.find((k) => typed[k] !== undefined)!,
      {
        level: 'warning',
        code: 'log.nothingToLog',
        message: `没有填写联系结果：${log.table.title}不会记录这一项`,
      },
    );
  }
  const logErrors = log.fields.map((k) => LOG_PREFIX + k).filter((k) => fields[k]?.some((i) => i.level === 'error'));
  for (const k of logErrors) fields[k].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);
  return {
    ...check,
    values,
    fields,
    errorKeys: [...check.errorKeys, ...logErrors],
    hasErrors: check.hasErrors || logErrors.length > 0,
  };
}

/**
 * The vocabulary the five ledger modules are written in. Each ledger table is ONE zod object
 * whose fields are built by the column builders below: the zod schema gives the row type
 * (`z.infer`) and validates typed rows; the registry attached to each field carries what a
 * clerk sees (Chinese header, aliases, hints). Validation, forms, templates, Excel
 * data-validation lists, formula columns and the CRM mapping all read `table.columns`,
 * never a second list of columns.
 */
import { z } from 'zod';
import type { Level } from '../findings';

/** How a cell of a column is read and checked. Money is integer fen, dates ISO `YYYY-MM-DD`. */
export type Kind =
  | 'text'
  | 'code'
  | 'date'
  | 'time'
  | 'datetime'
  | 'money'
  | 'rate'
  | 'int'
  | 'enum'
  | 'phone'
  | 'plate'
  | 'vin'
  | 'idNo';

export interface ColumnMeta {
  /** Canonical Chinese header: what new workbooks get. */
  header: string;
  /** Other wordings found in the wild (matched after header normalisation). */
  aliases?: readonly string[];
  kind: Kind;
  /** Allowed values of an enum column, canonical spelling. */
  values?: readonly string[];
  /** Other spellings of enum values → canonical value (`交强` → `交强险`). */
  synonyms?: Readonly<Record<string, string>>;
  /** Money or int that must be > 0. */
  positive?: boolean;
  /** Money that may be negative (default: money ≥ 0). */
  signed?: boolean;
  /** What a clerk should type: shown as the form hint and the Excel input message. */
  hint?: string;
  /**
   * A text column that offers the list of this 设置 setting (a `texts` setting) as a drop-down
   * that still takes other values: 逾期原因, 未回店原因.
   */
  suggestions?: 'overdueReasons' | 'noReturnReasons';
}

export interface Column extends ColumnMeta {
  key: string;
  required: boolean;
}

const columnMeta = z.registry<ColumnMeta>();

type Opts = Omit<ColumnMeta, 'header' | 'kind' | 'values'>;
function tag<S extends z.ZodType>(schema: S, header: string, kind: Kind, o?: Opts, values?: readonly string[]): S {
  columnMeta.add(schema, { header, kind, ...o, ...(values ? { values } : {}) });
  return schema;
}

/** Column builders. Chain `.optional()` for columns that may be empty. */
export const col = {
  text: (header: string, o?: Opts) => tag(z.string().min(1), header, 'text', o),
  code: (header: string, o?: Opts) => tag(z.string().min(1), header, 'code', o),
  phone: (header: string, o?: Opts) => tag(z.string().min(1), header, 'phone', o),
  plate: (header: string, o?: Opts) => tag(z.string().min(1), header, 'plate', o),
  vin: (header: string, o?: Opts) => tag(z.string().length(17), header, 'vin', o),
  idNo: (header: string, o?: Opts) => tag(z.string().length(18), header, 'idNo', o),
  date: (header: string, o?: Opts) => tag(z.iso.date(), header, 'date', o),
  /** Minutes since midnight. */
  time: (header: string, o?: Opts) => tag(z.number().int().min(0).max(1439), header, 'time', o),
  /** A punch: a date and, when the cell has one, a time of day. */
  datetime: (header: string, o?: Opts) =>
    tag(z.object({ date: z.iso.date(), minutes: z.number().int().min(0).max(1439).nullable() }), header, 'datetime', o),
  /** Integer fen (分). */
  money: (header: string, o?: Opts) => {
    let s = z.number().int();
    if (o?.positive) s = s.positive();
    else if (!o?.signed) s = s.nonnegative();
    return tag(s, header, 'money', o);
  },
  /** A fraction 0..1 (`15%` reads as 0.15). */
  rate: (header: string, o?: Opts) => tag(z.number().min(0).max(1), header, 'rate', o),
  int: (header: string, o?: Opts) =>
    tag(o?.positive ? z.number().int().positive() : z.number().int(), header, 'int', o),
  oneOf: <const T extends readonly [string, ...string[]]>(header: string, values: T, o?: Opts) =>
    tag(z.enum(values), header, 'enum', o, values),
};

/**
 * Ledger and table keys: the built-in ones are named for the code that is written for them
 * (statistics, cross-table rules); any other registered key is a string (`string & {}` keeps
 * the names in editors' completion).
 */
export type LedgerKey =
  | 'renewal'
  | 'issuance'
  | 'intent'
  | 'claims'
  | 'contracts'
  | 'attendance'
  | 'followups'
  | 'targets'
  | 'items'
  | 'documents'
  | 'statements'
  | 'deliveries'
  | 'hotline'
  | (string & {});
export type TableKey =
  | 'renewal'
  | 'issuance'
  | 'claims'
  | 'contracts'
  | 'collections'
  | 'roster'
  | 'punches'
  | 'punchPairs'
  | 'rollCall'
  | 'intent'
  | 'followups'
  | 'targets'
  | 'items'
  | 'documents'
  | 'statement'
  | 'deliveries'
  | 'hotline'
  | (string & {});

/** A problem a row rule finds, attached to the cell of `key` (or to the row). */
export interface RowIssue {
  key?: string;
  level: Level;
  code: string;
  message: string;
}

export interface RuleContext {
  /** The as-of date of the run, ISO. */
  asOf: string;
  /**
   * Keys of the row's cells that are filled but could not be read (already an error). Such a
   * field is absent from the row like an empty one; a rule that treats absence as a fact
   * (nothing paid) must not when the cell is merely unreadable.
   */
  unreadable?: ReadonlySet<string>;
  /** Keys of the columns the sheet has (absent: all of them, as in a form). */
  columns?: ReadonlySet<string>;
  /** 设置's 理赔逾期天数 (absent: the default 30). */
  claimOverdueDays?: number;
}

/** Whether the sheet has a column at all: a rule about an empty field says nothing when the column is missing. */
export const hasColumn = (ctx: RuleContext, key: string): boolean => !ctx.columns || ctx.columns.has(key);

export type RowRule<T> = (row: Partial<T>, ctx: RuleContext) => RowIssue | RowIssue[] | undefined | false;

export interface UniqueKey {
  keys: readonly string[];
  /** An empty key field is a value of its own ('' — the default 全部) rather than "no key". */
  emptyMatches?: boolean;
  level: Level;
  code: string;
}

export interface TableSpec<S extends z.ZodObject> {
  ledger: LedgerKey;
  key: TableKey;
  /** The sheet name new workbooks get, and how clerks call the table. */
  title: string;
  schema: S;
  /** At least one column of each group must be present (punches: 工号 or 姓名). */
  requiredAny?: readonly (readonly string[])[];
  /** Columns whose combined value must not repeat within the table. */
  unique?: readonly UniqueKey[];
  rowRules?: readonly RowRule<z.infer<S>>[];
}

export interface Table<S extends z.ZodObject = z.ZodObject> extends TableSpec<S> {
  columns: readonly Column[];
  column: (key: string) => Column;
}

export type RowOf<T extends Table> = Partial<z.infer<T['schema']>>;

/** How clerks write yes and no: checkbox cells (TRUE/FALSE), ticks and crosses, Y/N. */
export const YES_NO_SYNONYMS: Readonly<Record<string, '是' | '否'>> = {
  Y: '是',
  N: '否',
  TRUE: '是',
  FALSE: '否',
  '√': '是',
  '×': '否',
};

/** Turns a table spec into a Table with its column list read off the zod schema. */
export function defineTable<S extends z.ZodObject>(spec: TableSpec<S>): Table<S> {
  const columns: Column[] = Object.entries(spec.schema.shape).map(([key, field]) => {
    const optional = field instanceof z.ZodOptional;
    const inner = optional ? (field as z.ZodOptional).unwrap() : field;
    const meta = columnMeta.get(inner as z.ZodType);
    if (!meta) throw new Error(`${spec.key}.${key}: every field must be built with col.*`);
    return { key, required: !optional, ...meta };
  });
  const byKey = new Map(columns.map((c) => [c.key, c]));
  return {
    ...spec,
    columns,
    column: (key: string) => {
      const c = byKey.get(key);
      if (!c) throw new Error(`${spec.key} has no column ${key}`);
      return c;
    },
  };
}

/**
 * The ledger registry: every consumer — header matching, validate, the ribbon's 校验, the
 * forms, template, upgrade, the statistics loader, the CLI's `--ledger` — iterates it, and none
 * keeps a list of its own. A ledger is one module that declares a LedgerDef; `index.ts`
 * registers the built-in ones, and a new ledger is its module plus one line there.
 *
 * Import it through `src/ledgers` (index.ts), which registers the built-in ledgers first.
 */
import type { Table } from './schema';
import type { TableTools } from './tools';

/** A side-panel form: which table it fills, in which order its fields come, how rows are found. */
export interface FormDef {
  id: string;
  /** What the picker calls the form. */
  label: string;
  table: Table;
  /**
   * Columns the desk fills first, under `leadTitle`; the table's other columns follow under
   * `restTitle`, in schema order.
   */
  lead?: readonly string[];
  leadTitle?: string;
  restTitle?: string;
  /**
   * Rows are not added with this form, only found by this column (or the selected row) and
   * updated: the renewal list comes from the core system's export.
   */
  lookup?: string;
  /** Tables the engine's cross-table rules compare this form's row with. */
  related?: readonly Table[];
  /**
   * Look-up by any of these columns instead of `lookup` alone: a value typed whole, or any part
   * (4 characters or more) of a code — what the caller reads out is a plate, a name or a phone.
   */
  search?: readonly string[];
  /** Rows of one group (the renewal list: one car) are found and saved together. */
  groupOf?: (row: Record<string, unknown>) => string | undefined;
  /** Keys a save writes to every row of the group (one call covers the car's policies). */
  together?: readonly string[];
  /** Each save also records what happened as a row of another table (the call in 回访记录). */
  log?: FormLog;
  /** Date fields a new entry starts with today's date in (出单日期: the desk enters today's policies). */
  today?: readonly string[];
  /** Text fields that offer the values already in the ledger as they are typed (业务员, 保险公司). */
  suggest?: readonly string[];
}

/** A form's second record: a row of `table` made from the saved row, with `fields` of it on the form. */
export interface FormLog {
  table: Table;
  /** Its columns the clerk fills on the form (the rest come from the saved row). */
  fields: readonly string[];
  /** The row to record, or undefined when there is nothing to record (no call made). */
  entry: (
    saved: Record<string, unknown>,
    now: { date: string; minutes: number },
  ) => Record<string, unknown> | undefined;
}

export interface LedgerDef {
  key: string;
  /** What clerks call it: the file name of its template. */
  title: string;
  /** Its tables, in the order sheets are matched against them. */
  tables: readonly Table[];
  /** Formula columns, cached values and formats per table key (template / upgrade). */
  tools?: Readonly<Record<string, TableTools>>;
  /** Tables left out of a new template (an alternative layout of another table). */
  notInTemplate?: readonly string[];
  /** Side-panel forms, in picker order. */
  forms?: readonly FormDef[];
  /** The fields the statistics read, per table key (absent: every column). */
  statsFields?: Readonly<Record<string, readonly string[]>>;
  /** Other names `--ledger` and `template` accept for it (workflows.md's `staff` is the 差勤 roster). */
  aliases?: readonly string[];
}

const LEDGERS: LedgerDef[] = [];

export function registerLedger(def: LedgerDef): LedgerDef {
  if (LEDGERS.some((l) => l.key === def.key)) throw new Error(`ledger ${def.key} is registered twice`);
  for (const t of def.tables) {
    if (t.ledger !== def.key) throw new Error(`table ${t.key} says ledger ${t.ledger}, registered under ${def.key}`);
    if (allTables().some((x) => x.key === t.key)) throw new Error(`table ${t.key} is registered twice`);
  }
  LEDGERS.push(def);
  return def;
}

/** For tests that register a ledger of their own: takes it out again. */
export function unregisterLedger(key: string): void {
  const i = LEDGERS.findIndex((l) => l.key === key);
  if (i >= 0) LEDGERS.splice(i, 1);
}

export const ledgers = (): readonly LedgerDef[] => LEDGERS;
export const ledgerKeys = (): string[] => LEDGERS.map((l) => l.key);
export const ledgerByKey = (key: string): LedgerDef | undefined => LEDGERS.find((l) => l.key === key);
export const ledgerTitle = (key: string): string => ledgerByKey(key)?.title ?? key;

/** The ledger a name given by a clerk means: its key, its title, or one of its aliases. */
export function ledgerNamed(name: string): string | undefined {
  const v = name.trim();
  return LEDGERS.find(
    (l) => l.key === v.toLowerCase() || l.title === v || l.aliases?.includes(v.toLowerCase()) || l.aliases?.includes(v),
  )?.key;
}

/** Every ledger table, in the order sheets are matched against them. */
export const allTables = (): Table[] => LEDGERS.flatMap((l) => l.tables);

export const tablesOfLedger = (key: string): readonly Table[] => ledgerByKey(key)?.tables ?? [];

export function tableByKey(key: string): Table {
  const t = allTables().find((x) => x.key === key);
  if (!t) throw new Error(`unknown table ${key}`);
  return t;
}

export const toolsOf = (tableKey: string): TableTools | undefined => {
  for (const l of LEDGERS) if (l.tools?.[tableKey]) return l.tools[tableKey];
  return undefined;
};

/** The tables a new template of the ledger holds. */
export const templateTables = (key: string): Table[] => {
  const l = ledgerByKey(key);
  return l ? l.tables.filter((t) => !l.notInTemplate?.includes(t.key)) : [];
};

export const forms = (): FormDef[] => LEDGERS.flatMap((l) => l.forms ?? []);

export const statsFieldsOf = (tableKey: string): readonly string[] | undefined => {
  for (const l of LEDGERS) if (l.statsFields?.[tableKey]) return l.statsFields[tableKey];
  return undefined;
};

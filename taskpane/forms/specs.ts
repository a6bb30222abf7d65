/**
 * The forms of the task pane, as the ledgers declare them (src/ledgers, `forms`): which table
 * each fills, in which order its fields come, and how rows are found. The fields themselves
 * are the table's columns (fields.ts): a column added to a ledger schema appears in its form,
 * and a ledger registered with a form appears in the picker, without a change here.
 */
import type { Table } from '../../src/ledgers/schema';
import { allTables, forms, type FormDef } from '../../src/ledgers';

export type FormSpec = FormDef;
export type FormId = string;

/** The forms in picker order (read when asked: a ledger may be registered later). */
export const formSpecs = (): readonly FormSpec[] => forms();

export function formById(id: string): FormSpec | undefined {
  return forms().find((f) => f.id === id);
}

/**
 * What a sheet's header row is matched against: every ledger table and every form's table, so
 * that a sheet counts as a form's ledger only when no other table fits it better.
 */
export const knownTables = (): readonly Table[] => [...new Set([...allTables(), ...forms().map((f) => f.table)])];

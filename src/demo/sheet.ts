/**
 * Sample records → a ledger sheet laid out by the ledger's own column list, plus the exact
 * cells of the mistakes planted in it, so tests and the demo know where the validator must
 * point.
 */
import type { Cell } from '../grid';
import { columnLetter } from '../grid';
import type { Kind, Table } from '../ledgers/schema';
import type { SheetOut } from '../sheetOut';
import { dayNumber } from '../rules/date';

export type PlantedLevel = 'error' | 'warning';

export interface Planted {
  file: string;
  sheet: string;
  /** 1-based Excel row. */
  row: number;
  /** Excel column letters. */
  column: string;
  code: string;
  level: PlantedLevel;
}

/** A mistake put into a record on purpose, at the cell of `key`. */
export interface Mistake {
  key: string;
  code: string;
  level: PlantedLevel;
}

export interface Rec {
  /** Cells by column key; a key that is absent leaves the cell empty. */
  values: Record<string, Cell>;
  mistakes?: Mistake[];
}

const DAY_MS = 86_400_000;

/** A date cell: UTC midnight, which exceljs writes as the whole-day serial. */
export const dateCell = (iso: string): Date => new Date(dayNumber(iso) * DAY_MS);

/** A time-of-day cell: the fraction of a day, shown as hh:mm. */
export const timeCell = (minutes: number): number => minutes / 1440;

/** Fen → a money cell in yuan. */
export const yuan = (fen: number): number => fen / 100;

const FORMATS: Partial<Record<Kind, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd',
  time: 'hh:mm',
  money: '#,##0.00',
  rate: '0.00%',
  code: '@',
  phone: '@',
  plate: '@',
  vin: '@',
  idNo: '@',
};

export function ledgerSheet(
  file: string,
  name: string,
  table: Table,
  recs: readonly Rec[],
): { sheet: SheetOut; planted: Planted[] } {
  const columns = table.columns;
  const letters = new Map(columns.map((c, i) => [c.key, columnLetter(i)]));
  const rows: Cell[][] = [columns.map((c) => c.header)];
  const planted: Planted[] = [];
  recs.forEach((rec, i) => {
    rows.push(columns.map((c) => rec.values[c.key] ?? null));
    for (const m of rec.mistakes ?? []) {
      const column = letters.get(m.key);
      if (!column) throw new Error(`${table.key} has no column ${m.key}`);
      planted.push({ file, sheet: name, row: i + 2, column, code: m.code, level: m.level });
    }
  });
  const numFmt: Record<number, string> = {};
  columns.forEach((c, i) => {
    const f = FORMATS[c.kind];
    if (f) numFmt[i] = f;
  });
  return { sheet: { name, rows, numFmt }, planted };
}

/**
 * Real workbook files for the read, validate and CLI tests: written with exceljs to a temp
 * folder, read back through the same reader the CLI uses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Cell } from '../../src/grid';
import { readWorkbookFile } from '../../src/io/workbook';
import { readLedgerSheets, type LedgerSheets } from '../../src/read/sheets';
import type { LedgerKey } from '../../src/ledgers/schema';
import type { ParsedTable } from '../../src/read/table';

export interface SheetSpec {
  name: string;
  rows: Cell[][];
  /** Ranges to merge, e.g. 'A1:H1'. */
  merges?: string[];
  /** Number formats per 1-based column, so dates look like dates in Excel. */
  numFmt?: Record<number, string>;
}

/** A fresh temp folder, removed by the returned cleanup. */
export function tempDir(prefix = 'insdesk-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function writeBook(path: string, sheets: SheetSpec[], opts: { date1904?: boolean } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  if (opts.date1904) wb.properties.date1904 = true;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) => {
      const values: ExcelJS.CellValue[] = [];
      row.forEach((cell, c) => {
        if (cell !== null && cell !== undefined) values[c + 1] = cell;
      });
      ws.getRow(r + 1).values = values;
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
    for (const [c, fmt] of Object.entries(s.numFmt ?? {})) ws.getColumn(Number(c)).numFmt = fmt;
  }
  await wb.xlsx.writeFile(path);
  return path;
}

/** A UTC-midnight Date, the way exceljs wants dates. */
export const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

export async function readSheets(
  path: string,
  opts: { asOf?: string; ledger?: LedgerKey } = {},
): Promise<LedgerSheets> {
  const wb = await readWorkbookFile(path);
  return readLedgerSheets(wb.grids, { asOf: opts.asOf ?? '2026-11-25', ledger: opts.ledger });
}

/** Writes one sheet and reads its one table back. */
export async function roundTrip(
  dir: string,
  name: string,
  rows: Cell[][],
  extra: Partial<SheetSpec> = {},
  opts: { date1904?: boolean; ledger?: LedgerKey } = {},
): Promise<ParsedTable> {
  const path = await writeBook(join(dir, `${name}.xlsx`), [{ name, rows, ...extra }], opts);
  const sheets = await readSheets(path, { ledger: opts.ledger });
  if (sheets.tables.length !== 1)
    throw new Error(
      `expected one table in ${name}, got ${sheets.tables.length} (unmatched: ${sheets.unmatched.join(',')})`,
    );
  return sheets.tables[0];
}

/** The findings of a table as compact `F17 code level` strings, for readable assertions. */
export const brief = (t: { findings: { row: number; column: string; code: string; level: string }[] }): string[] =>
  t.findings.map((f) => `${f.column}${f.row} ${f.code} ${f.level}`);

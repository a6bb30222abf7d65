/** Writing small ledgers as real .xlsx files and running the statistics on them, as the CLI does. */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePeriod, type StatsResult } from '../../src/tasks/stats';
import { statsOfFiles } from '../../src/cli/statsRun';

export type CellIn = string | number | Date | null;
export interface SheetIn {
  name: string;
  rows: CellIn[][];
}

/** An Excel date cell (exceljs dates are UTC). */
export const d = (iso: string): Date => {
  const [y, m, day] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, day));
};

/** An Excel time cell: a fraction of a day, as clocks export it. */
export const t = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h * 60 + m) / 1440;
};

export async function writeBook(file: string, sheets: readonly SheetIn[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
  }
  await wb.xlsx.writeFile(file);
  return file;
}

/** A fresh temporary folder per test file; removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `insdesk-stats-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function statsOf(
  files: readonly string[],
  period: string,
  asOf?: string,
  out?: string,
): Promise<StatsResult & { outputs: string[] }> {
  const p = parsePeriod(period);
  if (!p) throw new Error(`bad period in test: ${period}`);
  const { result, outputs } = await statsOfFiles(files, p, asOf ?? p.end, out);
  return { ...result, outputs };
}

/** The JSON object of one ledger, typed loosely for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk the JSON freely
export const ledger = (r: StatsResult, key: string): any => r.json[key];

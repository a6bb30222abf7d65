/**
 * Builders for the CRM tests: renewal rows, real files (GBK CSV with a title line, .xlsx
 * written with exceljs) in a temp folder, and the CLI run in-process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Cell } from '../../src/grid';
import { main } from '../../src/cli/main';
import { vinCheckDigit } from '../../src/rules/vin';

export const AS_OF = '2026-11-25';

/** The columns of the core system's 续保查询 export as a worked list has them. */
export const HEADER = [
  '保单号',
  '险种',
  '被保险人',
  '联系电话',
  '车牌号',
  '车架号',
  '厂牌型号',
  '终保日期',
  '上年保费',
  '经办人',
  '业务归属',
  '所属人员',
  '发放日期',
  '联系结果',
  '续保保单号',
] as const;
type Field = (typeof HEADER)[number];

let serial = 0;
/** A fresh valid policy number. */
export const policy = (): string => `PDAA2026${String(++serial).padStart(10, '0')}`;

/** A valid VIN (check digit at position 9) derived from `n`. */
export function vin(n: number): string {
  const body = `LSVAB2BC${'0'}${String(n).padStart(8, '0')}`;
  return body.slice(0, 8) + vinCheckDigit(body) + body.slice(9);
}

/** A valid plate 京A + 5 digits. */
export const plate = (n: number, letter = 'A'): string => `京${letter}${String(n).padStart(5, '0')}`;

/** A mobile number from `n`. */
export const mobile = (n: number): string => `139${String(n).padStart(8, '0')}`;

/** ISO date `days` after AS_OF. */
export function inDays(days: number, from = AS_OF): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** One renewal row in HEADER order; defaults make a clean lead expiring in 25 days. */
export function row(fields: Partial<Record<Field, Cell>> = {}): Cell[] {
  const n = ++serial;
  const base: Partial<Record<Field, Cell>> = {
    保单号: policy(),
    险种: '商业险',
    被保险人: `客户${n}`,
    联系电话: mobile(n),
    车牌号: plate(n),
    车架号: vin(n),
    厂牌型号: '大众朗逸',
    终保日期: inDays(25),
    上年保费: 3456.78,
    经办人: '钱七',
    业务归属: '冀东业务',
  };
  const merged = { ...base, ...fields };
  return HEADER.map((h) => merged[h] ?? null);
}

export function tempDir(): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'insdesk-crm-'));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const csvCell = (c: Cell): string => {
  const s = c === null || c === undefined ? '' : String(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The core system's export: GBK, a title line above the header, CRLF. */
export function writeGbkCsv(path: string, rows: Cell[][], title = '续保查询结果（2026年11月25日导出）'): string {
  const text = [title, HEADER.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
  writeFileSync(path, iconv.encode(text, 'gbk'));
  return path;
}

/** An .xlsx with the given sheets (row arrays; ISO date strings stay text). */
export async function writeXlsx(path: string, sheets: { name: string; rows: Cell[][] }[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r.map((c) => (c === undefined ? null : c)));
  }
  await wb.xlsx.writeFile(path);
  return path;
}

export async function readXlsx(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** A sheet's values as rows of plain cells (row 1 first). */
export function sheetValues(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (r, n) => {
    const vals = (r.values as unknown[]).slice(1);
    out[n - 1] = vals.map((v) => (v === undefined ? null : v));
  });
  return out;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  process.exitCode = 0;
  return { code, stdout, stderr };
}

/**
 * `settle --write-back OUT.xlsx`: a copy of the issuance ledger whose 代理费已收 holds what the
 * insurer's statement paid on each matched policy. The source is read, never written. An .xlsx
 * keeps its sheets, styles and Excel tables (exceljs mishandles tables, so they are carried as
 * XML, as the upgrade does); an .xls or .csv becomes plain sheets first.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import { excel } from './lazy';
import { addGridSheets } from './xlsxOut';
import { addTables, readTables } from './upgradeZip';
import { columnLetter, type Grid } from '../grid';
import { fenToYuan } from '../rules/money';

/** One policy row to fill: where it is and what was received, fen. */
export interface WriteBackFill {
  sheet: string;
  row: number;
  amount: number;
}

/** Per sheet: the 代理费已收 column letter if it has one, and its header row (1-based). */
export interface WriteBackSheet {
  sheet: string;
  headerRow: number;
  column?: string;
}

export const RECEIVED_HEADER = '代理费已收';
const MONEY_FORMAT = '#,##0.00';

function fill(ws: ExcelJS.Worksheet, target: WriteBackSheet, fills: readonly WriteBackFill[]): void {
  let letter = target.column;
  if (!letter) {
    // No such column: a new one right of the header row's last cell.
    const header = ws.getRow(target.headerRow);
    letter = columnLetter(header.cellCount);
    const cell = ws.getCell(`${letter}${target.headerRow}`);
    cell.value = RECEIVED_HEADER;
    const left = header.cellCount > 0 ? ws.getCell(target.headerRow, header.cellCount) : undefined;
    if (left?.style) cell.style = { ...left.style };
  }
  for (const f of fills) {
    const cell = ws.getCell(`${letter}${f.row}`);
    cell.value = fenToYuan(f.amount);
    cell.numFmt = MONEY_FORMAT;
  }
}

/** Writes the copy of `source` (format as read) to `out`. */
export async function writeBackCopy(
  source: { file: string; format: 'xlsx' | 'xls' | 'csv'; grids: readonly Grid[] },
  sheets: readonly WriteBackSheet[],
  fills: readonly WriteBackFill[],
  out: string,
): Promise<void> {
  const wb = new (excel().Workbook)();
  let tables: Awaited<ReturnType<typeof readTables>> = [];
  if (source.format === 'xlsx') {
    const bytes = await readFile(source.file);
    tables = await readTables(bytes);
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    for (const ws of wb.worksheets) (ws as unknown as { tables: Record<string, unknown> }).tables = {};
  } else {
    addGridSheets(wb, source.grids);
  }
  for (const target of sheets) {
    const ws = wb.getWorksheet(target.sheet);
    if (!ws) throw new Error(`sheet ${target.sheet} is not in ${source.file}`);
    fill(
      ws,
      target,
      fills.filter((f) => f.sheet === target.sheet),
    );
  }
  const written = Buffer.from(await wb.xlsx.writeBuffer());
  await writeFile(
    out,
    await addTables(
      written,
      tables.map((t) => ({ sheet: t.sheet, xml: t.xml })),
    ),
  );
}

/**
 * What Excel would refuse half-way through a command, found before it writes anything: a
 * workbook whose structure is protected (no sheet can be added), a protected sheet, a
 * PivotTable over cells to be written, merged cells where an Excel table goes. Read in the
 * request that reads the sheets' used ranges (no extra round trip, but one for the PivotTables'
 * ranges when there are any); checked by `checkWritable`, which says in Chinese what to do.
 */
import { columnIndex, columnLetter } from '../../src/grid';
import type { Block } from './decorate';

export interface SheetGuards {
  protected: boolean;
  pivots: { name: string; block: Block }[];
  /** The sheet has an AutoFilter (a copy of it keeps the filter, and a table cannot go over one). */
  filter: boolean;
  /** Merged areas, when this Excel can say (ExcelApi 1.13); undefined when it cannot. */
  merges?: Block[];
}

export interface Probe {
  protection: Excel.WorksheetProtection;
  pivots: Excel.PivotTableCollection;
  filter: Excel.AutoFilter;
  merges?: Excel.RangeAreas;
}

/** Whether the running Excel has ExcelApi `version` (the manifest asks for 1.12). */
export function excelApi(version: string): boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  return !!office?.context?.requirements?.isSetSupported('ExcelApi', version);
}

/** Queues the loads for one sheet, in the request that reads its used range. */
export function probeSheet(worksheet: Excel.Worksheet, merges: boolean): Probe {
  return {
    protection: worksheet.protection.load('protected'),
    pivots: worksheet.pivotTables.load('items/name'),
    filter: worksheet.autoFilter.load('enabled'),
    ...(merges ? { merges: worksheet.getRange().getMergedAreasOrNullObject().load('address') } : {}),
  };
}

/** After the request: each sheet's guards; the PivotTables' ranges take one more request when there are any. */
export async function sheetGuards(probes: readonly Probe[], sync: () => Promise<void>): Promise<SheetGuards[]> {
  const ranges = probes.map((p) =>
    p.pivots.items.map((pt) => ({
      name: pt.name,
      range: pt.layout.getRange().load('rowIndex, columnIndex, rowCount, columnCount'),
    })),
  );
  if (ranges.some((r) => r.length)) await sync();
  return probes.map((p, i) => ({
    protected: p.protection.protected,
    pivots: ranges[i].map(({ name, range }) => ({
      name,
      block: { row: range.rowIndex, col: range.columnIndex, rows: range.rowCount, cols: range.columnCount },
    })),
    filter: p.filter.enabled,
    ...(p.merges ? { merges: p.merges.isNullObject ? [] : blocksOf(p.merges.address) } : {}),
  }));
}

/** `'台账'!A1:C1,'台账'!E5` → blocks. */
export function blocksOf(address: string): Block[] {
  const out: Block[] = [];
  for (const m of address.matchAll(/!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?/g)) {
    const [c0, r0] = [columnIndex(m[1]), Number(m[2]) - 1];
    const [c1, r1] = m[3] ? [columnIndex(m[3]), Number(m[4]) - 1] : [c0, r0];
    out.push({ row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 });
  }
  return out;
}

const overlap = (a: Block, b: Block): boolean =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

const a1 = (b: Block): string => {
  const first = `${columnLetter(b.col)}${b.row + 1}`;
  return b.rows === 1 && b.cols === 1 ? first : `${first}:${columnLetter(b.col + b.cols - 1)}${b.row + b.rows}`;
};

export interface Writes {
  /** The command adds sheets (its results). */
  addsSheets: boolean;
  /** The workbook's structure is protected (read with the sheets). */
  structureProtected: boolean;
  /** Existing sheets it writes into, and the cells it touches there. */
  sheets: { name: string; guards: SheetGuards; cells: Block; doing: string }[];
  /** Where it adds Excel tables (in these sheets). */
  tables?: { name: string; guards: SheetGuards; cells: Block }[];
}

/** Throws the clerk's message for the first thing Excel would refuse; nothing is written yet. */
export function checkWritable(w: Writes): void {
  if (w.addsSheets && w.structureProtected) {
    throw new Error(
      '工作簿的结构受保护（审阅 → 保护工作簿），无法添加结果工作表。请先撤消工作簿保护，再点一次按钮；本次没有写入任何内容。',
    );
  }
  for (const s of w.sheets) {
    if (s.guards.protected) {
      throw new Error(
        `工作表「${s.name}」受保护，无法${s.doing}。请先在“审阅 → 撤消工作表保护”中取消保护，再点一次按钮；本次没有写入任何内容。`,
      );
    }
    const pivot = s.guards.pivots.find((p) => overlap(p.block, s.cells));
    if (pivot) {
      throw new Error(
        `工作表「${s.name}」中的数据透视表「${pivot.name}」（${a1(pivot.block)}）与台账区域重叠，Excel 不允许在其中写入。` +
          '请把数据透视表移到其他工作表后再点一次按钮；本次没有写入任何内容。',
      );
    }
  }
  for (const t of w.tables ?? []) {
    const merged = (t.guards.merges ?? []).filter((m) => overlap(m, t.cells));
    if (merged.length) {
      throw new Error(
        `工作表「${t.name}」的台账区域中有合并单元格（${merged.slice(0, 3).map(a1).join('、')}${merged.length > 3 ? ' 等' : ''}），` +
          '无法转换为 Excel 表格。请取消合并（开始 → 合并后居中）后再点一次按钮；本次没有写入任何内容。',
      );
    }
  }
}

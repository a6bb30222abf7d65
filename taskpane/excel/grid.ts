/**
 * Reading a sheet into a Grid and writing a Grid to a sheet, in as few round trips as
 * Excel's limits allow (limits.ts): the 5 MB limit applies to each request and each
 * response, and one `context.sync()` is one request. So a grid too big for one round trip
 * is read and written in row chunks, one sync per chunk — never a sync per row or cell.
 */
import type { Cell, Grid } from '../../src/grid';
import type { RequestBatch } from './batch';
import { toExcelInput } from './cells';
import { jsonBytes, MAX_READ_CELLS, OP_OVERHEAD_BYTES, REQUEST_TARGET_BYTES, utf8Length } from './limits';

/** Bytes a cell is assumed to take before any row of the sheet has been measured. */
const FIRST_GUESS_BYTES_PER_CELL = 48;
/** Later rows may be fatter than the ones measured. */
const ROW_SIZE_SAFETY = 1.25;

export interface ReadGridOptions {
  /** Response size a chunk aims for. */
  targetBytes?: number;
  /** Cells one read may cover (Excel: 5 million). */
  maxCells?: number;
  onProgress?: (rowsRead: number, totalRows: number) => void;
}

const isPayloadTooLarge = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ResponsePayloadSizeLimitExceeded';

/**
 * Queues the probe of the workbook's date system; after the next sync the returned function
 * tells whether it is 1904. DATE(1904,1,1) is serial 0 in the 1904 system and 1462 in the 1900
 * one (Office.js has no property for it).
 */
export function loadDateSystem(context: Excel.RequestContext): () => boolean {
  const epoch = context.workbook.functions.date(1904, 1, 1);
  epoch.load('value');
  return () => epoch.value === 0;
}

/**
 * The used range of a sheet (values only, so formatting alone does not enlarge it) as a
 * Grid with its origin and the workbook's date system. Round trips: 1 + the number of chunks.
 */
export async function readUsedGrid(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  options: ReadGridOptions = {},
): Promise<Grid> {
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('rowIndex, columnIndex, rowCount, columnCount');
  sheet.load('name');
  const is1904 = loadDateSystem(context);
  await context.sync();

  const grid: Grid = { sheet: sheet.name, rows: [], date1904: is1904(), origin: { row: 0, col: 0 } };
  if (used.isNullObject) return grid;
  const { rowIndex, columnIndex, rowCount, columnCount } = used;
  grid.origin = { row: rowIndex, col: columnIndex };

  const target = options.targetBytes ?? REQUEST_TARGET_BYTES;
  const maxRowsByCells = Math.max(1, Math.floor((options.maxCells ?? MAX_READ_CELLS) / columnCount));
  let bytesPerRow = columnCount * FIRST_GUESS_BYTES_PER_CELL;
  let done = 0;
  while (done < rowCount) {
    const n = Math.min(rowCount - done, maxRowsByCells, Math.max(1, Math.floor(target / bytesPerRow)));
    const part = sheet.getRangeByIndexes(rowIndex + done, columnIndex, n, columnCount);
    part.load('values');
    try {
      // One round trip per chunk, on purpose: each chunk's size is learnt from the one before.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      if (!isPayloadTooLarge(e) || n === 1) throw e;
      bytesPerRow = (2 * target) / n; // halves the next try
      continue;
    }
    const values = part.values as Cell[][];
    for (const row of values) grid.rows.push(row);
    bytesPerRow = Math.max(1, (jsonBytes(values) / n) * ROW_SIZE_SAFETY);
    done += n;
    options.onProgress?.(done, rowCount);
  }
  return grid;
}

export interface WriteGridOptions {
  /** Formulas by position (same origin as the rows): where one is given, it is written instead of the value. */
  formulas?: ReadonlyArray<ReadonlyArray<string | null | undefined> | undefined>;
  /** Number format per column (e.g. '@', 'yyyy-mm-dd', '#,##0.00'); undefined keeps the cell's format. */
  columnFormats?: ReadonlyArray<string | undefined>;
  /** Writes Date cells as serials of the 1904 date system. */
  date1904?: boolean;
  onProgress?: (rowsQueued: number, totalRows: number) => void;
}

/**
 * Writes rows at `topLeft` (0-based) through `batch`: each chunk of rows is one range
 * assignment sized to fit one request, so the number of syncs is the number of chunks (the
 * last chunk stays queued for the caller's `batch.flush()`, with whatever it adds after).
 * Empty cells are cleared. Returns the number of chunks.
 */
export async function writeGrid(
  batch: RequestBatch,
  sheet: Excel.Worksheet,
  topLeft: { row: number; col: number },
  rows: ReadonlyArray<ReadonlyArray<Cell>>,
  options: WriteGridOptions = {},
): Promise<number> {
  const { formulas, columnFormats, date1904 = false } = options;
  let width = 0;
  rows.forEach((row, r) => {
    width = Math.max(width, row.length, formulas?.[r]?.length ?? 0);
  });
  if (rows.length === 0 || width === 0) return 0;

  const formatRow = columnFormats ? Array.from({ length: width }, (_, c) => columnFormats[c] ?? null) : undefined;
  const formatRowBytes = formatRow ? jsonBytes(formatRow) + 1 : 0;
  const budget = batch.targetBytes - 2 * OP_OVERHEAD_BYTES;

  let chunk: (string | number | boolean)[][] = [];
  let chunkStart = 0;
  let chunkBytes = 0;
  let chunkHasFormula = false;
  let chunks = 0;

  const emit = async (): Promise<void> => {
    await batch.reserve(chunkBytes + 2 * OP_OVERHEAD_BYTES);
    const range = sheet.getRangeByIndexes(topLeft.row + chunkStart, topLeft.col, chunk.length, width);
    if (formatRow) range.numberFormat = chunk.map(() => formatRow);
    if (chunkHasFormula) range.formulas = chunk;
    else range.values = chunk;
    chunks++;
    options.onProgress?.(chunkStart + chunk.length, rows.length);
    chunkStart += chunk.length;
    chunk = [];
    chunkBytes = 0;
    chunkHasFormula = false;
  };

  for (let r = 0; r < rows.length; r++) {
    const source = rows[r];
    const fRow = formulas?.[r];
    const out = new Array<string | number | boolean>(width);
    let hasFormula = false;
    for (let c = 0; c < width; c++) {
      const f = fRow?.[c];
      if (f !== null && f !== undefined) {
        if (!f.startsWith('=')) throw new Error(`公式必须以 = 开头: ${f}`);
        out[c] = f;
        hasFormula = true;
      } else {
        out[c] = toExcelInput(source[c], date1904);
      }
    }
    const rowBytes = utf8Length(JSON.stringify(out)) + 1 + formatRowBytes;
    if (rowBytes > budget)
      throw new Error(`第 ${topLeft.row + r + 1} 行的数据超过一次请求的上限（约 ${budget} 字节），无法写入 Excel`);
    if (chunk.length > 0 && chunkBytes + rowBytes > budget) await emit();
    chunk.push(out);
    chunkBytes += rowBytes;
    chunkHasFormula ||= hasFormula;
  }
  await emit();
  return chunks;
}

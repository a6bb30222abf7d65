/**
 * The open workbook as a command needs it, in as few round trips as Excel's limits allow:
 *   1. the sheet list and the date system;
 *   2. each sheet's used range and insdesk mark (plus tables, names, conditional formats or
 *      what would stop a write, when the command asks: they ride in the same request);
 *   3. the cell values in chunks packed across sheets — each chunk one request whose response
 *      stays under the 5 MB limit, no range read over 5 million cells.
 * So a workbook costs 2 + (number of chunks) syncs, whatever its number of sheets.
 */
import type { Cell, Grid } from '../../src/grid';
import type { RequestBatch } from './batch';
import type { Block } from './decorate';
import { loadDateSystem } from './grid';
import { jsonBytes, MAX_READ_CELLS, REQUEST_TARGET_BYTES } from './limits';
import { OUTPUT_MARK } from './outputSheet';
import { probeSheet, sheetGuards, type SheetGuards } from './guards';

export interface SheetInfo {
  name: string;
  /** 0-based tab position. */
  position: number;
  /** Excel's id of the sheet: stays with it through renames. */
  id: string;
  /** Value of insdesk's output mark; undefined for a user's sheet. */
  output?: string;
  /** The used range (cell values only), 0-based; null for an empty sheet. */
  used: Block | null;
  worksheet: Excel.Worksheet;
  /** Names of its Excel tables (option `tables`). */
  tables?: string[];
  /** Its custom conditional formats: formula, and the cells (`B2:K90`) unless it has several areas (option `conditionalFormats`). */
  customFormats?: { format: Excel.ConditionalFormat; formula: string; address?: string }[];
  /** Formulas (or values) of the first rows of the used range (option `headFormulas`). */
  headFormulas?: (string | number | boolean)[][];
  /** Protection, PivotTables, filter and merges: what would stop a write (option `guards`). */
  guards?: SheetGuards;
}

export interface WorkbookSnapshot {
  sheets: SheetInfo[];
  /** Grids of the sheets read, in tab order. */
  grids: Grid[];
  date1904: boolean;
  /** Defined names in lower case (option `names`). */
  names?: Set<string>;
  /** The workbook's structure is protected (option `guards`). */
  structureProtected?: boolean;
  /** The sheet the clerk has selected (option `active`). */
  activeSheet?: string;
  /** Requests that carried cell values. */
  readChunks: number;
}

export interface ReadWorkbookOptions {
  /** Which sheets' cells to read; default: the user's sheets (not insdesk's output). */
  read?: (sheet: SheetInfo) => boolean;
  tables?: boolean;
  names?: boolean;
  conditionalFormats?: boolean;
  /** Rows at the top of each sheet read to read their formulas too. */
  headFormulas?: number;
  /** Read what would stop a write (guards.ts); `merges` too, where this Excel can say. */
  guards?: { merges: boolean };
  /** Read which sheet is selected. */
  active?: boolean;
  /** Response size a request aims for. */
  targetBytes?: number;
  /** Cells one range read may cover. */
  maxCells?: number;
  onProgress?: (cellsRead: number, totalCells: number) => void;
}

/** Bytes a cell is assumed to take in a response before any of its sheet has been measured. */
const FIRST_GUESS_BYTES_PER_CELL = 48;
/** Rows of a chunk measured to learn a sheet's size per cell. */
const SAMPLE_ROWS = 200;
/** Later rows may be fatter than the ones measured. */
const SIZE_SAFETY = 1.25;

const isPayloadTooLarge = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ResponsePayloadSizeLimitExceeded';

const isUserSheet = (s: SheetInfo): boolean => s.output === undefined;

interface Job {
  sheet: SheetInfo;
  grid: Grid;
  done: number;
  bytesPerCell: number;
}

export async function readWorkbook(batch: RequestBatch, options: ReadWorkbookOptions = {}): Promise<WorkbookSnapshot> {
  const { context } = batch;
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/id, items/name, items/position');
  const active = options.active ? worksheets.getActiveWorksheet().load('name') : undefined;
  const is1904 = loadDateSystem(context);
  await batch.sync();
  const date1904 = is1904();

  const probes = worksheets.items.map((worksheet) => {
    const used = worksheet.getUsedRangeOrNullObject(true);
    used.load('rowIndex, columnIndex, rowCount, columnCount');
    const mark = worksheet.customProperties.getItemOrNullObject(OUTPUT_MARK);
    mark.load('value');
    const tables = options.tables ? worksheet.tables.load('items/name') : undefined;
    const formats = options.conditionalFormats ? worksheet.getRange().conditionalFormats.load('items/type') : undefined;
    const guard = options.guards ? probeSheet(worksheet, options.guards.merges) : undefined;
    return { worksheet, used, mark, tables, formats, guard };
  });
  const names = options.names ? context.workbook.names.load('items/name') : undefined;
  const structure = options.guards ? context.workbook.protection.load('protected') : undefined;
  await batch.sync();
  const guards = options.guards
    ? await sheetGuards(
        probes.map((p) => p.guard!),
        () => batch.sync(),
      )
    : undefined;

  const sheets: SheetInfo[] = probes.map(({ worksheet, used, mark, tables }, i) => ({
    name: worksheet.name,
    position: worksheet.position,
    id: worksheet.id,
    ...(mark.isNullObject ? {} : { output: mark.value }),
    used: used.isNullObject
      ? null
      : { row: used.rowIndex, col: used.columnIndex, rows: used.rowCount, cols: used.columnCount },
    worksheet,
    ...(tables ? { tables: tables.items.map((t) => t.name) } : {}),
    ...(guards ? { guards: guards[i] } : {}),
  }));

  // Whatever needs the answers above rides in the first request of values.
  const rules = probes.map(({ formats }) =>
    (formats?.items ?? [])
      .filter((f) => f.type === 'Custom')
      .map((format) => ({ format, rule: format.custom.rule, range: undefined as Excel.Range | undefined })),
  );
  const read = options.read ?? isUserSheet;
  const heads = sheets.map((s) =>
    options.headFormulas && s.used && read(s)
      ? s.worksheet.getRangeByIndexes(s.used.row, s.used.col, Math.min(options.headFormulas, s.used.rows), s.used.cols)
      : undefined,
  );
  /** Queues the loads that ride in the first request; returns how many. */
  const queueExtras = (): number => {
    let n = 0;
    for (const list of rules) {
      for (const item of list) {
        item.rule.load('formula');
        // A fresh proxy each time: whether it is a null object is learnt in the request that loads it.
        item.range = item.format.getRangeOrNullObject().load('address');
        n += 2;
      }
    }
    for (const head of heads) n += head?.load('formulas') ? 1 : 0;
    return n;
  };

  const jobs: Job[] = sheets
    .filter((s) => read(s))
    .map((sheet) => ({
      sheet,
      grid: {
        sheet: sheet.name,
        rows: [] as Cell[][],
        date1904,
        origin: sheet.used ? { row: sheet.used.row, col: sheet.used.col } : { row: 0, col: 0 },
      },
      done: 0,
      bytesPerCell: FIRST_GUESS_BYTES_PER_CELL,
    }));
  const readChunks = await readValues(batch, jobs, queueExtras, options);
  sheets.forEach((s, i) => {
    if (options.conditionalFormats) {
      s.customFormats = rules[i].map(({ format, rule, range }) => ({
        format,
        formula: rule.formula,
        ...(range!.isNullObject ? {} : { address: range!.address.slice(range!.address.lastIndexOf('!') + 1) }),
      }));
    }
    const head = heads[i];
    if (head) s.headFormulas = head.formulas as (string | number | boolean)[][];
  });

  return {
    sheets,
    grids: jobs.map((j) => j.grid),
    date1904,
    ...(names ? { names: new Set(names.items.map((n) => n.name.toLowerCase())) } : {}),
    ...(structure ? { structureProtected: structure.protected } : {}),
    ...(active ? { activeSheet: active.name } : {}),
    readChunks,
  };
}

/**
 * Reads every job's rows; `queueExtras` loads what rides in the first request (again after a
 * failed one: a failed request leaves nothing loaded). Returns the requests that carried values.
 */
async function readValues(
  batch: RequestBatch,
  jobs: Job[],
  queueExtras: () => number,
  options: ReadWorkbookOptions,
): Promise<number> {
  const target = options.targetBytes ?? REQUEST_TARGET_BYTES;
  const maxCells = options.maxCells ?? MAX_READ_CELLS;
  const totalCells = jobs.reduce((n, j) => n + (j.sheet.used ? j.sheet.used.rows * j.sheet.used.cols : 0), 0);
  let cellsRead = 0;
  let requests = 0;
  const pending = () => jobs.filter((j) => j.sheet.used && j.done < j.sheet.used.rows);

  let extrasLoaded = false;
  for (;;) {
    const extras = extrasLoaded ? 0 : queueExtras();
    if (!extras && !pending().length) break;
    const pieces: { job: Job; rows: number; range: Excel.Range }[] = [];
    let bytes = 0;
    for (const job of pending()) {
      const used = job.sheet.used!;
      const bytesPerRow = job.bytesPerCell * used.cols;
      const room = Math.floor((target - bytes) / bytesPerRow);
      if (pieces.length && room < 1) break;
      const rows = Math.min(used.rows - job.done, Math.max(1, Math.floor(maxCells / used.cols)), Math.max(1, room));
      const range = job.sheet.worksheet.getRangeByIndexes(used.row + job.done, used.col, rows, used.cols);
      range.load('values');
      pieces.push({ job, rows, range });
      bytes += rows * bytesPerRow;
      if (bytes >= target) break;
    }
    try {
      await batch.sync();
    } catch (e) {
      if (!isPayloadTooLarge(e) || pieces.every((p) => p.rows === 1)) throw e;
      // Tried again at half the size.
      for (const p of pieces) p.job.bytesPerCell = (2 * target) / (p.rows * p.job.sheet.used!.cols);
      continue;
    }
    extrasLoaded = true;
    if (pieces.length) requests++;
    for (const { job, rows, range } of pieces) {
      const values = range.values as Cell[][];
      for (const row of values) job.grid.rows.push(row);
      const sample = values.slice(0, SAMPLE_ROWS);
      const cols = job.sheet.used!.cols;
      job.bytesPerCell = Math.max(1, (jsonBytes(sample) / (sample.length * cols)) * SIZE_SAFETY);
      job.done += rows;
      cellsRead += rows * cols;
    }
    options.onProgress?.(cellsRead, totalCells);
  }
  return requests;
}

/**
 * One run of a command against the open workbook: one RequestBatch for every round trip (so
 * the count is exact), the workbook read in bulk, the engine timed apart from Excel's I/O,
 * the writes queued with calculation suspended and sent in as few requests as fit.
 */
import { RequestBatch } from '../taskpane/excel/batch';
import { OP_OVERHEAD_BYTES } from '../taskpane/excel/limits';
import { undoRun } from '../taskpane/excel/undo';
import { readWorkbook, type ReadWorkbookOptions, type WorkbookSnapshot } from '../taskpane/excel/workbook';
import type { ProgressSink } from './progress';
import type { OpenWorkbook } from '../taskpane/excel/run';

/** The open workbook, as the engine's results name the file their findings come from. */
export const WORKBOOK_NAME = '当前工作簿';

export interface CommandStats {
  /** Round trips to Excel (context.sync calls). */
  syncs: number;
  /** Requests that carried cell values read from the workbook. */
  readChunks: number;
  /** Requests that carried the results. */
  writeChunks: number;
  /** Milliseconds spent in the engine (reading rows, computing, building the output grids). */
  engineMs: number;
}

export class Session {
  readonly batch: RequestBatch;
  private engineTime = 0;
  private readChunks = 0;
  private writesFrom = -1;
  /** Ids of the sheets there before this run: any other is one it added. */
  private sheetsBefore?: ReadonlySet<string>;
  /** Defined names before this run (lower case), when the read asked for them. */
  private namesBefore?: ReadonlySet<string>;

  constructor(
    readonly context: Excel.RequestContext,
    readonly progress: ProgressSink,
  ) {
    this.batch = new RequestBatch(context, { suspendCalculation: true });
  }

  async read(options: ReadWorkbookOptions = {}): Promise<WorkbookSnapshot> {
    this.progress.start('读取工作表');
    const snapshot = await readWorkbook(this.batch, {
      ...options,
      onProgress: (done, total) => this.progress.update(done, total),
    });
    this.readChunks += snapshot.readChunks;
    this.sheetsBefore ??= new Set(snapshot.sheets.map((s) => s.id));
    this.namesBefore ??= snapshot.names;
    return snapshot;
  }

  /**
   * The writes of a run. If one fails, what the run added — sheets, defined names, and what
   * `restore` puts back in the clerk's own sheets — is undone before the error goes on: a
   * failed run leaves no half-written result behind.
   */
  async writing<T>(work: () => Promise<T>, restore?: () => void | Promise<void>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (this.sheetsBefore)
        await undoRun(this.context, this.sheetsBefore, this.namesBefore, restore).catch(() => undefined);
      throw e;
    }
  }

  /** Runs engine work under a progress label, timing it. */
  engine<T>(label: string, work: () => T): T {
    this.progress.start(label);
    const t0 = performance.now();
    try {
      return work();
    } finally {
      this.engineTime += performance.now() - t0;
    }
  }

  /** From here on, requests carry results; the first one starts by suspending recalculation. */
  async startWriting(label: string, total?: number): Promise<void> {
    this.progress.start(label, total);
    this.writesFrom = this.batch.syncs;
    await this.batch.reserve(OP_OVERHEAD_BYTES);
  }

  /**
   * A result meant as a file of its own, opened as a new workbook (Excel.createWorkbook): the
   * open workbook gets nothing. `build` makes its .xlsx (base64).
   */
  async openNew(label: string, build: () => Promise<string>, open: OpenWorkbook): Promise<void> {
    this.progress.start(label);
    const t0 = performance.now();
    const base64 = await build();
    this.engineTime += performance.now() - t0;
    await open(base64);
  }

  /** Sends what is still queued; the command's figures. */
  async finish(message: string): Promise<CommandStats> {
    await this.batch.flush();
    this.progress.finish(message);
    return {
      syncs: this.batch.syncs,
      readChunks: this.readChunks,
      writeChunks: this.writesFrom < 0 ? 0 : this.batch.syncs - this.writesFrom,
      engineMs: Math.round(this.engineTime * 10) / 10,
    };
  }
}

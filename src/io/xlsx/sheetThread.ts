/**
 * A big streamed sheet is parsed on a second thread (sheetWorker.ts) while this one checks its
 * rows: the XML parse and the ledger rules each take about half of a validate run, and the
 * machine has two cores. The first big sheet starts at once, before this thread has read the
 * shared strings: the worker needs none of them, it hands over shared strings as their index.
 * Rows cross over in batches of typed arrays. The worker runs the very reader this thread would
 * (worksheetPart), so what it refuses, it refuses with the same message; what only the strings
 * can tell (an index past the table, an empty string) is settled here, as the reader would.
 *
 * Only the compiled CLI has the worker's script; run from sources (the tests under jest), every
 * sheet is parsed on this thread, as it is for sheets below `minBytes`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Cell } from '../../grid';
import { InputError, reasons } from '../errors';
import type { Budget, Merge, Part, RowSink, SharedStrings, SheetLimits, XlsxSheet } from './read';
import type { ZipEntry, ZipLimits } from './zip';

/** Cell codes of a batch: a code ≥ 0 is a shared-string index. */
export const Code = { Empty: -1, Number: -2, True: -3, False: -4, Date: -5, Text: -6 } as const;

/** Batches the worker may send ahead of this thread before it waits (bounds the memory in between). */
export const MAX_AHEAD = 8;

export interface SheetJob {
  kind: 'sheet';
  id: number;
  sheet: string;
  /** The entry, with dataStart into `data`. */
  entry: ZipEntry;
  data: Uint8Array;
  styleCount: number;
}

/**
 * A whole .xlsx in shared memory, read ahead: its shared strings, then (as job `sheetId`) its
 * first big sheet. The answer is an 'ahead' message, before the sheet's rows.
 */
export interface AheadJob {
  kind: 'ahead';
  id: number;
  sheetId: number;
  data: Uint8Array;
}

/** What a read-ahead found: the shared strings read, and the sheet it went on with. */
export interface Ahead {
  strings: {
    /** The part's name in the zip directory. */
    entry: string;
    bytes: Uint8Array;
    spans: Int32Array;
    texts: string[];
    length: number;
    /** Characters, counted against the text limit. */
    chars: number;
  } | null;
  sheet: { entry: string; dataStart: number } | null;
}

export interface WorkerInit {
  file: string;
  zip: ZipLimits;
  limits: SheetLimits;
  /** [0]: batches sent and not yet read. */
  unread: SharedArrayBuffer;
  /** SheetThread.minBytes of the thread that started the worker (a read-ahead picks its sheet by it). */
  minBytes: number;
}

export type WorkerMessage = { id: number } & (
  | {
      kind: 'rows';
      /** Per row: index, cell count, then a code per cell. */
      ints: Int32Array;
      intCount: number;
      nums: Float64Array;
      texts: string[];
      /** XML bytes inflated since the last batch. */
      inflated: number;
    }
  | { kind: 'end'; merges: Merge[] | null; cells: number; text: number }
  | ({ kind: 'ahead' } & Ahead)
  | { kind: 'error'; reason?: string; message: string }
);

const SCRIPT = path.join(__dirname, 'sheetWorker.js');

export class SheetThread {
  /** Sheets smaller than this (about 15,000 rows) are parsed faster than a thread starts. */
  static minBytes = 16 * 1024 * 1024;

  /** [0]: batches the worker sent that this thread has not read. */
  private readonly unread: Int32Array;
  private nextId = 0;
  private failed?: Error;
  private closed = false;
  /** The sheet started before anyone asked for it, and its messages until someone does. */
  private early?: { entry: { name: string; dataStart: number }; id: number; waiting: WorkerMessage[] };
  private onMessage?: (m: WorkerMessage) => void;
  /** What a read-ahead found, once it said (undefined: it failed, the reader does the work itself). */
  private found?: Promise<Ahead | undefined>;
  /** The thread reading a file ahead, until the reader takes it over. */
  private static reading?: SheetThread;

  private constructor(
    private readonly worker: Worker,
    private readonly buf: Buffer,
    private readonly file: string,
    unread: SharedArrayBuffer,
    private readonly limits: string,
  ) {
    this.unread = new Int32Array(unread);
    worker.on('message', (m: WorkerMessage) => {
      if (this.early?.id === m.id) this.early.waiting.push(m);
      else this.onMessage?.(m);
    });
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', () => this.fail(new Error('读取线程意外退出')));
  }

  private static create(buf: Buffer, file: string, zip: ZipLimits, limits: SheetLimits): SheetThread | undefined {
    if (!existsSync(SCRIPT)) return undefined;
    const unread = new SharedArrayBuffer(4);
    const init: WorkerInit = { file, zip, limits, unread, minBytes: SheetThread.minBytes };
    return new SheetThread(new Worker(SCRIPT, { workerData: init }), buf, file, unread, JSON.stringify([zip, limits]));
  }

  /**
   * A worker that starts reading `first` at once, or undefined where there is no worker script.
   * The sheet's rows wait (MAX_AHEAD batches at most) until `read` asks for them.
   */
  static start(
    buf: Buffer,
    file: string,
    zip: ZipLimits,
    limits: SheetLimits,
    first: { entry: ZipEntry; sheet: string; styleCount: number },
  ): SheetThread | undefined {
    const thread = SheetThread.create(buf, file, zip, limits);
    if (thread)
      thread.early = { entry: first.entry, id: thread.post(first.entry, first.sheet, first.styleCount), waiting: [] };
    return thread;
  }

  /**
   * Starts reading a whole .xlsx (in shared memory) before the reader asks for it: its shared
   * strings, then its first big sheet. The thread does not keep the program alive until
   * `adopt` takes it over. False where there is no worker script.
   */
  static readAhead(buf: Buffer, file: string, zip: ZipLimits, limits: SheetLimits): boolean {
    const thread = SheetThread.create(buf, file, zip, limits);
    if (!thread) return false;
    thread.worker.unref();
    const job: AheadJob = { kind: 'ahead', id: thread.nextId++, sheetId: thread.nextId++, data: buf };
    thread.found = new Promise((resolve) => {
      thread.onMessage = (m) => {
        if (m.kind !== 'ahead') return resolve(undefined);
        if (m.sheet)
          thread.early = { entry: { name: m.sheet.entry, dataStart: m.sheet.dataStart }, id: job.sheetId, waiting: [] };
        thread.onMessage = undefined;
        resolve(m);
      };
    });
    thread.worker.postMessage(job);
    SheetThread.reading?.close();
    SheetThread.reading = thread;
    return true;
  }

  /** The thread reading `buf` ahead (with these limits), taken over by the reader; once. */
  static adopt(buf: Buffer, zip: ZipLimits, limits: SheetLimits): SheetThread | undefined {
    const thread = SheetThread.reading;
    if (!thread || thread.buf !== buf || thread.limits !== JSON.stringify([zip, limits])) return undefined;
    SheetThread.reading = undefined;
    thread.worker.ref();
    return thread;
  }

  /** What a read-ahead found (undefined for a thread that did not read ahead, or failed). */
  ahead(): Promise<Ahead | undefined> {
    return this.found ?? Promise.resolve(undefined);
  }

  /** Whether this entry is the one started early. */
  started(entry: ZipEntry): boolean {
    return this.early?.entry.name === entry.name && this.early.entry.dataStart === entry.dataStart;
  }

  private post(e: ZipEntry, sheet: string, styleCount: number): number {
    const id = this.nextId++;
    // The entry's bytes: shared where the file was read into shared memory, else copied out of
    // it and handed over.
    const bytes = this.buf.subarray(e.dataStart, e.dataStart + e.compressedSize);
    const shared = bytes.buffer instanceof SharedArrayBuffer;
    const data = shared ? bytes : new Uint8Array(bytes);
    const job: SheetJob = { kind: 'sheet', id, sheet, entry: { ...e, dataStart: 0 }, data, styleCount };
    this.worker.postMessage(job, shared ? [] : [data.buffer as ArrayBuffer]);
    return id;
  }

  private fail(err: Error): void {
    this.failed ??= err;
    this.onMessage?.({ id: -1, kind: 'error', message: err.message });
  }

  /**
   * What worksheetPart does with a sink, on the worker: the sink gets the rows here. Resolves
   * to the sheet without rows, or undefined when the sink asked for a grid after all.
   */
  read(
    entry: ZipEntry,
    sheet: string,
    strings: SharedStrings,
    styleCount: number,
    budget: Budget,
    sink: RowSink,
    inflated: Part['inflated'],
  ): Promise<Omit<XlsxSheet, 'hidden'> | undefined> {
    return new Promise((resolve, reject) => {
      const stop = (err: Error) => {
        this.onMessage = undefined;
        this.failed ??= err;
        reject(err);
      };
      if (this.failed) return stop(this.failed);
      const decode = new RowDecoder(strings, sink, this.file, sheet);
      this.onMessage = (m) => {
        try {
          if (m.kind === 'rows') {
            decode.batch(m);
            Atomics.sub(this.unread, 0, 1);
            Atomics.notify(this.unread, 0);
            if (inflated) inflated.report((inflated.done += m.inflated), inflated.total);
          } else if (m.kind === 'end') {
            this.onMessage = undefined;
            // The worker kept its own count from the full limits: the totals are kept here.
            budget.text -= m.text;
            if (budget.text < 0) throw new InputError(this.file, reasons.tooMuchText(budget.limits.maxTextChars));
            if (!sink.end(m.merges)) return resolve(undefined);
            budget.cells -= m.cells;
            if (budget.cells < 0) throw new InputError(this.file, reasons.tooManyCells(budget.limits.maxCells));
            resolve({ sheet, rows: [], merges: m.merges ?? [] });
          } else if (m.kind === 'error') {
            stop(m.reason !== undefined ? new InputError(this.file, m.reason) : new Error(m.message));
          }
        } catch (err) {
          stop(err as Error);
        }
      };
      if (this.started(entry)) {
        const { waiting } = this.early!;
        this.early = undefined;
        for (const m of waiting) this.onMessage?.(m);
      } else {
        this.post(entry, sheet, styleCount);
      }
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onMessage = undefined;
    this.worker.removeAllListeners('exit');
    void this.worker.terminate();
  }
}

/** Turns batches back into the rows the reader on this thread would have made. */
class RowDecoder {
  constructor(
    private readonly strings: SharedStrings,
    private readonly sink: RowSink,
    private readonly file: string,
    private readonly sheet: string,
  ) {}

  batch(m: Extract<WorkerMessage, { kind: 'rows' }>): void {
    const { ints, intCount, nums, texts } = m;
    const strings = this.strings;
    let f = 0;
    let t = 0;
    for (let i = 0; i < intCount;) {
      const r = ints[i++];
      const n = ints[i++];
      // Built by push, so V8 keeps the row a packed array, as the reader's own rows are.
      const cells: Cell[] = [];
      let filled = 0;
      for (let c = 0; c < n; c++, i++) {
        const code = ints[i];
        if (code >= 0) {
          const s = strings.get(code);
          if (s === undefined)
            throw new InputError(this.file, reasons.badCell(this.sheet, r, c, '共享字符串编号超出范围'));
          // The reader stores no empty string: the cell stays empty.
          cells.push(s === '' ? null : s);
          if (s !== '') filled = c + 1;
          continue;
        }
        if (code === Code.Empty) cells.push(null);
        else {
          if (code === Code.Number) cells.push(nums[f++]);
          else if (code === Code.Text) cells.push(texts[t++]);
          else if (code === Code.Date) cells.push(new Date(nums[f++]));
          else cells.push(code === Code.True);
          filled = c + 1;
        }
      }
      // A row of empty strings only is no row to the reader; nor are empty strings at its end.
      if (filled === 0) continue;
      cells.length = filled;
      this.sink.row(r, cells);
    }
  }
}

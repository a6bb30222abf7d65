/**
 * The second thread of sheetThread.ts: parses each sheet it is sent, one after another, with the
 * reader's own worksheetPart and posts its rows in batches. It waits when
 * MAX_AHEAD batches are unread, so a slow rule check never makes the rows pile up in memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Cell } from '../../grid';
import { InputError } from '../errors';
import {
  firstBigSheet,
  openXlsx,
  sharedStrings,
  worksheetPart,
  type Merge,
  type Part,
  type RowSink,
  type SharedCell,
} from './read';
import {
  Code,
  MAX_AHEAD,
  SheetThread,
  type Ahead,
  type AheadJob,
  type SheetJob,
  type WorkerInit,
  type WorkerMessage,
} from './sheetThread';

const init = workerData as WorkerInit;
SheetThread.minBytes = init.minBytes;
const port = parentPort!;
const unread = new Int32Array(init.unread);

/** A batch's size: big enough to cost nothing per message, small enough to start checking at once. */
const BATCH_INTS = 64 * 1024;
/** Excel's widest row, so one row always fits a fresh batch. */
const ROW_MAX = 16_384;
/** The first batch is sent with this many codes: a hundred rows of a ledger. */
const FIRST_FILL = 2048;

const bufferOf = (data: Uint8Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

const partOf = (data: Uint8Array): Part => ({
  entries: new Map(),
  buf: bufferOf(data),
  file: init.file,
  zip: init.zip,
  inflated: { done: 0, total: 0, report: () => {} },
});

/**
 * A shared string as the worker keeps it: its index, never its text. worksheetPart stores the
 * cell it is given for an index, so it hands these over, and this thread needs neither the
 * strings nor a lookup per cell. One per index, made when first met.
 */
class SharedRef {
  constructor(readonly i: number) {}
}

function sharedRefs(): SharedCell {
  // Filled in order, so the array stays packed (indices come roughly in order in a sheet); an
  // index far beyond the others (a damaged file, refused on the main thread) gets its own.
  const refs: SharedRef[] = [];
  return (idx) => {
    if (idx >= refs.length) {
      if (idx - refs.length > 65_536) return new SharedRef(idx) as unknown as Cell;
      while (refs.length <= idx) refs.push(new SharedRef(refs.length));
    }
    return refs[idx] as unknown as Cell;
  };
}

const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

/** Encodes rows into batches: shared strings by index, numbers and dates beside them. */
class BatchSink implements RowSink {
  /** Where this batch is sent: the first ones are small, so the checking starts at once. */
  private fill = FIRST_FILL;
  private ints = new Int32Array(BATCH_INTS);
  private nums = new Float64Array(BATCH_INTS);
  private texts: string[] = [];
  private i = 0;
  private f = 0;
  private sent = 0;
  merges: Merge[] | null = null;

  constructor(
    private readonly id: number,
    private readonly part: Part,
  ) {}

  row(r: number, cells: Cell[]): void {
    if (this.i + 2 + cells.length > this.fill || this.f + cells.length > this.fill) this.flush();
    const { ints, nums } = this;
    let i = this.i;
    ints[i++] = r;
    ints[i++] = cells.length;
    for (const v of cells) {
      if (v === null || v === undefined) ints[i++] = Code.Empty;
      else if (v instanceof SharedRef) ints[i++] = v.i;
      else if (typeof v === 'string') {
        ints[i++] = Code.Text;
        this.texts.push(v);
      } else if (typeof v === 'number') {
        ints[i++] = Code.Number;
        nums[this.f++] = v;
      } else if (typeof v === 'boolean') ints[i++] = v ? Code.True : Code.False;
      else {
        ints[i++] = Code.Date;
        nums[this.f++] = v.getTime();
      }
    }
    this.i = i;
  }

  end(merges: readonly Merge[] | null): boolean {
    this.flush();
    this.merges = merges && [...merges];
    return true;
  }

  private flush(): void {
    if (this.i === 0) return;
    const done = this.part.inflated!.done;
    post(
      {
        id: this.id,
        kind: 'rows',
        ints: this.ints,
        intCount: this.i,
        nums: this.nums,
        texts: this.texts,
        inflated: done - this.sent,
      },
      [this.ints.buffer, this.nums.buffer],
    );
    this.sent = done;
    this.fill = Math.min(this.fill * 2, BATCH_INTS - ROW_MAX);
    this.ints = new Int32Array(BATCH_INTS);
    this.nums = new Float64Array(BATCH_INTS);
    this.texts = [];
    this.i = 0;
    this.f = 0;
    // Wait while the main thread is MAX_AHEAD batches behind.
    Atomics.add(unread, 0, 1);
    for (let n = Atomics.load(unread, 0); n >= MAX_AHEAD; n = Atomics.load(unread, 0)) Atomics.wait(unread, 0, n, 1000);
  }
}

async function run(job: SheetJob): Promise<void> {
  try {
    const part = partOf(job.data);
    const sink = new BatchSink(job.id, part);
    // Counted from the full limits here; the main thread keeps the totals.
    const budget = { cells: init.limits.maxCells, text: init.limits.maxTextChars, limits: init.limits };
    await worksheetPart(part, job.entry, job.sheet, sharedRefs(), job.styleCount, budget, sink);
    const cells = init.limits.maxCells - budget.cells;
    const text = init.limits.maxTextChars - budget.text;
    post({ id: job.id, kind: 'end', merges: sink.merges, cells, text });
  } catch (err) {
    post(
      err instanceof InputError
        ? { id: job.id, kind: 'error', reason: err.reason, message: err.message }
        : { id: job.id, kind: 'error', message: err instanceof Error ? err.message : String(err) },
    );
  }
}

/**
 * A whole file read ahead: the structure and the shared strings (handed over as bytes in shared
 * memory, decoded where they are used), then its first big sheet as job `sheetId`. Whatever
 * fails here the reader meets again on its own thread, and says.
 */
async function readAhead(job: AheadJob): Promise<void> {
  try {
    const book = await openXlsx(bufferOf(job.data), init.file, init.zip, init.limits);
    const budget = { cells: init.limits.maxCells, text: init.limits.maxTextChars, limits: init.limits };
    let strings: Ahead['strings'] = null;
    if (book.sst) {
      const table = await sharedStrings(book.pkg, book.sst, budget, (n) => Buffer.from(new SharedArrayBuffer(n)));
      const { bytes, spans, texts, length } = table;
      strings = {
        entry: book.sst.name,
        bytes,
        spans,
        texts: [...texts],
        length,
        chars: init.limits.maxTextChars - budget.text,
      };
    }
    const big = firstBigSheet(book.parts, book.pkg.entries);
    const entry = big && book.pkg.entries.get(big.rel.target)!;
    const ahead: Ahead = { strings, sheet: entry ? { entry: entry.name, dataStart: entry.dataStart } : null };
    post({ id: job.id, kind: 'ahead', ...ahead }, strings ? [strings.spans.buffer as ArrayBuffer] : []);
    if (big && entry)
      await run({
        kind: 'sheet',
        id: job.sheetId,
        sheet: big.name,
        entry,
        data: job.data,
        styleCount: book.styleCount,
      });
  } catch (err) {
    post({ id: job.id, kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

// One job at a time: a job that arrives while another is read waits for it.
let queue = Promise.resolve();
port.on('message', (job: SheetJob | AheadJob) => {
  queue = queue.then(() => (job.kind === 'ahead' ? readAhead(job) : run(job)));
});

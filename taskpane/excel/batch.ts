/**
 * Groups queued Office.js operations into requests under the 5 MB limit. Helpers reserve
 * the estimated size of what they are about to queue; when that would overflow the current
 * request, the batch syncs first. So small jobs share one round trip and big ones are split,
 * and nobody calls `context.sync()` inside a loop of their own.
 */
import { REQUEST_TARGET_BYTES } from './limits';

export interface BatchOptions {
  /** Bytes a request may reach (estimated). */
  targetBytes?: number;
  /** Suspend recalculation for each request that writes (it lasts until the next sync). */
  suspendCalculation?: boolean;
  /** Called after every sync with the number of requests sent so far. */
  onSync?: (requests: number) => void;
}

export class RequestBatch {
  readonly targetBytes: number;
  private pendingBytes = 0;
  private requests = 0;

  constructor(
    readonly context: Excel.RequestContext,
    private readonly options: BatchOptions = {},
  ) {
    this.targetBytes = options.targetBytes ?? REQUEST_TARGET_BYTES;
  }

  /** Requests sent through this batch. */
  get syncs(): number {
    return this.requests;
  }

  /** Makes room for `bytes` of operations in the current request, syncing first if needed. */
  async reserve(bytes: number): Promise<void> {
    if (this.pendingBytes > 0 && this.pendingBytes + bytes > this.targetBytes) await this.sync();
    if (this.pendingBytes === 0 && this.options.suspendCalculation) {
      this.context.application.suspendApiCalculationUntilNextSync();
    }
    this.pendingBytes += Math.max(bytes, 1);
  }

  /** Sends what is queued (nothing to send: no round trip). */
  async flush(): Promise<void> {
    if (this.pendingBytes > 0) await this.sync();
  }

  /** A round trip now, for helpers that must read something back (queued loads count as little). */
  async sync(): Promise<void> {
    await this.context.sync();
    this.pendingBytes = 0;
    this.requests++;
    this.options.onSync?.(this.requests);
  }
}

/**
 * How a command tells the clerk where it is. The commands report to a ProgressSink; the
 * task pane plugs its own in (`setProgressSink`) to show a bar and messages, and the ribbon
 * buttons report to whatever sink is current when they are clicked.
 */
export interface ProgressSink {
  /** A new step, e.g. '读取工作表' with the cells to read. */
  start(label: string, total?: number): void;
  update(done: number, total?: number): void;
  /** The command finished; `message` says what it did. */
  finish(message: string): void;
  /** The command failed; `message` says why and what to do, in Chinese. */
  fail(message: string): void;
}

export const NO_PROGRESS: ProgressSink = {
  start: () => undefined,
  update: () => undefined,
  finish: () => undefined,
  fail: () => undefined,
};

let current: ProgressSink = NO_PROGRESS;

export function setProgressSink(sink: ProgressSink): void {
  current = sink;
}

export function currentProgressSink(): ProgressSink {
  return current;
}

/**
 * A progress bar on stderr for runs long enough to need one. It draws only on a terminal
 * and only once the run has lasted `delayMs`, so short runs, pipes, CI logs and `--json`
 * consumers never see a byte of it.
 */
import { textWidth } from '../sheetOut';

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  /** `label` says what is being done (读取文件, 检查数据); done/total in any unit. */
  update(label: string, done: number, total: number): void;
  /** Erases the bar, if one was drawn, so what follows starts on a clean line. */
  clear(): void;
}

export interface ProgressOptions {
  /** Show nothing until the run has lasted this long (default 1000 ms). */
  delayMs?: number;
  /** Least time between two redraws (default 100 ms). */
  intervalMs?: number;
  now?: () => number;
}

const BAR_WIDTH = 30;

/** `读取文件` or `读取文件 2/3`: what the bar says while file `i` (0-based) of `count` is read. */
export const readingLabel = (i: number, count: number): string =>
  count > 1 ? `读取文件 ${i + 1}/${count}` : '读取文件';

export function createProgress(stream: OutStream, opts: ProgressOptions = {}): Progress {
  if (!stream.isTTY) return { update: () => undefined, clear: () => undefined };
  const now = opts.now ?? Date.now;
  const delay = opts.delayMs ?? 1000;
  const interval = opts.intervalMs ?? 100;
  const started = now();
  let drawnAt = -Infinity;
  let drawnWidth = 0;
  let lastLine = '';

  return {
    update(label, done, total) {
      const t = now();
      if (t - started < delay) return;
      const finished = total > 0 && done >= total;
      if (!finished && t - drawnAt < interval) return;
      const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
      const filled = Math.round(fraction * BAR_WIDTH);
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${Math.floor(fraction * 100)}%`;
      if (line === lastLine) return;
      // Terminal cells, like Excel's character units: CJK characters take two.
      const width = textWidth(line);
      stream.write(`\r${line}${' '.repeat(Math.max(0, drawnWidth - width))}`);
      drawnAt = t;
      drawnWidth = width;
      lastLine = line;
    },
    clear() {
      if (!drawnWidth) return;
      stream.write(`\r${' '.repeat(drawnWidth)}\r`);
      drawnWidth = 0;
      lastLine = '';
    },
  };
}

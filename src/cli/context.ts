/** What every subcommand module gets: the streams, and a way to set the exit code. */
import type { OutStream } from './progress';

export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
}

export interface CliContext {
  io: CliIO;
  /** The exit code the run ends with (0 unless a command says otherwise). */
  exitCode: number;
}

/** Bad usage: exit 2 with one line on stderr. The message is what the clerk reads. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

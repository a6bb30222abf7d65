/** Captured stdout/stderr for running main() in-process. */
import { main } from '../../src/cli/main';

export interface Captured {
  write(chunk: string): boolean;
  text(): string;
  isTTY?: boolean;
}

export function capture(isTTY = false): Captured {
  let text = '';
  return {
    isTTY,
    write(chunk: string) {
      text += chunk;
      return true;
    },
    text: () => text,
  };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** stderr split into lines (without the final newline). */
  errLines: string[];
}

export async function run(...argv: string[]): Promise<Run> {
  const stdout = capture();
  const stderr = capture();
  const code = await main(argv, { stdout, stderr });
  const err = stderr.text();
  return { code, stdout: stdout.text(), stderr: err, errLines: err === '' ? [] : err.replace(/\n$/, '').split('\n') };
}

/** `run`, with stdout and stderr together (a usage error is on stderr) and the exit code reset. */
export async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const r = await run(...args);
  process.exitCode = 0;
  return { code: r.code, out: r.stdout + r.stderr };
}

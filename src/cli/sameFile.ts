/**
 * File identity for the "never write a source" promise. Path strings are not enough: a
 * symbolic or hard link, or a name in other letter case on a case-insensitive disk, reaches
 * the same file under another name. stat follows links, so device + inode decide.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

function identity(path: string): string | undefined {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined; // nothing there yet: no existing file can be overwritten through it
  }
}

/** Whether two paths name the same file (an output that does not exist yet is no input). */
export function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  const id = identity(a);
  return id !== undefined && id === identity(b);
}

/** The paths with every file named twice (by any spelling or link) kept once, in order. */
export function distinctFiles(paths: readonly string[]): string[] {
  return paths.filter((p, i) => paths.findIndex((q) => sameFile(q, p)) === i);
}

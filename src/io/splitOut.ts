/**
 * The split lists on disk (src/tasks/split.ts): one sheet per group in one workbook, or one
 * workbook per group in a folder (each list laid out by splitBook.ts).
 */
import { mkdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { excel } from './lazy';
import type { SplitResult } from '../tasks/split';
import { addList, safeName, splitWorkbook } from './splitBook';

/** The title of the lists: the list's file and what it was split by. */
export const splitTitle = (source: string, by: string): string => `${basename(source, extname(source))} 按${by}拆分`;

/** Writes OUT.xlsx (one sheet per group) or, for a folder, one file per group; returns the paths. */
export async function writeSplit(result: SplitResult, by: string, out: string, source: string): Promise<string[]> {
  const title = splitTitle(source, by);
  if (out.toLowerCase().endsWith('.xlsx')) {
    await splitWorkbook(excel(), result, title).xlsx.writeFile(out);
    return [out];
  }
  await mkdir(out, { recursive: true });
  const written: string[] = [];
  const taken = new Set<string>();
  for (const g of result.groups) {
    const wb = new (excel().Workbook)();
    wb.creator = 'insdesk';
    addList(wb, safeName(g.value).slice(0, 31), title, result, g);
    let stem = `${basename(source, extname(source))}-${safeName(g.value)}`;
    for (let k = 2; taken.has(stem.toLowerCase()); k++)
      stem = `${basename(source, extname(source))}-${safeName(g.value)} (${k})`;
    taken.add(stem.toLowerCase());
    const file = join(out, `${stem}.xlsx`);
    await wb.xlsx.writeFile(file);
    written.push(file);
  }
  return written;
}

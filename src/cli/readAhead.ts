/**
 * The first thing `insdesk` does, before its modules load: when the command is a validate that
 * streams its first file (an .xlsx, no --report), that file starts being read at once on the
 * reader's second thread (io/workbook.ts readAhead). Only this module and the reader's are
 * loaded for it; commander parses the real arguments afterwards, and a guess that does not
 * match them costs nothing but the thread's work.
 */
import { readAhead } from '../io/workbook';

/** Options of `validate` that take a value: the word after them is no file. */
const VALUED = new Set(['--ledger', '--as-of']);

/** The file these arguments have `validate` stream first, when it is an .xlsx. */
export function fileToReadAhead(argv: readonly string[]): string | undefined {
  if (argv[0] !== 'validate' || argv.some((a) => a === '--report' || a.startsWith('--report='))) return undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (VALUED.has(a)) i++;
    else if (!a.startsWith('-')) return /\.xlsx$/i.test(a) ? a : undefined;
  }
  return undefined;
}

export function readAheadFor(argv: readonly string[]): void {
  const file = fileToReadAhead(argv);
  if (file) readAhead(file);
}

/**
 * How `validate` reads a file when no report is asked for: the ledger sheets of an .xlsx go row
 * by row from the zip into the table readers (TableReader), keeping findings and the few fields
 * the cross-table rules need, never a grid — a 1,000,000-row sheet costs its findings, not its
 * cells. The 设置 sheet is read first, as a grid, for its 基准日. A sheet whose merges reach its
 * header or data, or whose rows are out of order, is read again as a grid, so the outcome is
 * always the one a grid would give. Other formats, and runs with a report (it copies every
 * cell), read grids.
 */
import type { Cell } from '../grid';
import { fillSheetMerges, readWorkbookFile } from '../io/workbook';
import type { OnBytes } from '../io/xlsx/read';
import type { RowSink } from '../io/xlsx/read';
import type { LedgerKey } from '../ledgers';
import { candidateTables, crossTableFields, needsGrid } from '../read/sheets';
import { TableReader } from '../read/table';
import { workbookSettings } from '../ledgers/settings';
import { asOfOf, type Book } from '../tasks/validate';

export async function readForValidation(
  file: string,
  opts: { ledger?: LedgerKey; asOf?: string; grids: boolean; onBytes?: OnBytes },
): Promise<Book> {
  const streamed = new Map<string, { table: ReturnType<TableReader['end']>; hasContent: boolean }>();
  const wb = await readWorkbookFile(
    file,
    opts.grids
      ? { ...(opts.onBytes ? { onBytes: opts.onBytes } : {}) }
      : {
          ...(opts.onBytes ? { onBytes: opts.onBytes } : {}),
          stream: {
            first: (name) => needsGrid(name, []), // the 设置 sheet
            sink: (name, book): RowSink | undefined => {
              if (needsGrid(name, book.names)) return undefined;
              const read = book.read.map((s) => ({ ...s, date1904: book.date1904 }));
              const reader = new TableReader(
                name,
                candidateTables(opts.ledger),
                {
                  asOf: asOfOf(read, opts.asOf),
                  claimOverdueDays: workbookSettings(read).claimOverdueDays,
                  lenient: !!opts.ledger,
                  keep: crossTableFields,
                },
                { date1904: book.date1904 },
              );
              return {
                row: (r, cells) => reader.row(r, cells),
                end: (merges) => {
                  const fill = (rows: Cell[][]) => fillSheetMerges(rows, merges ?? [], name, file);
                  if (!merges || !reader.mergesKeepReading(merges, fill)) return false;
                  streamed.set(name, { table: reader.end(), hasContent: reader.hasContent });
                  return true;
                },
              };
            },
          },
        },
  );
  return {
    file,
    grids: wb.grids,
    ...(wb.notes ? { notes: wb.notes } : {}),
    ...(streamed.size ? { streamed } : {}),
  };
}

/**
 * 升级为工具 upgrades a ledger sheet in place, after keeping a copy of it as it was: a hidden
 * sheet 「X（升级前）」 marked as X's backup. 恢复升级前 (and the undo of a run that fails) puts
 * the sheet back from it — in place too, so the sheet stays the same object and formulas
 * elsewhere that point at it keep working: insdesk's Excel table becomes plain cells, the cells
 * either one covers are cleared (values, formats, checks, highlights), the backup's cells are
 * pasted back with everything on them, and its frozen rows are frozen again. Column widths of
 * the columns the upgrade added stay as they were autofitted.
 */
import { markOf, OUTPUT_MARK } from './outputSheet';

export const BACKUP_GROUP = 'backup';
export const BACKUP_SUFFIX = '（升级前）';

/** 「X（升级前）」, shortened so it fits Excel's 31 characters. */
export const backupName = (sheet: string): string =>
  [...sheet].slice(0, 31 - BACKUP_SUFFIX.length).join('') + BACKUP_SUFFIX;

/** The output mark of the backup of `sheet` (the sheet's name when it was upgraded). */
export const backupMark = (sheet: string): string => markOf(BACKUP_GROUP, sheet);

/** The ledger a backup belongs to, by its mark; undefined for any other sheet. */
export const backupSource = (mark: string | undefined): string | undefined =>
  mark?.startsWith(`${BACKUP_GROUP}:`) ? mark.slice(BACKUP_GROUP.length + 1) : undefined;

/** insdesk's own tables (insdesk_renewal …): a clerk's table is theirs, never converted. */
export const isOurTable = (name: string): boolean => /^insdesk_/i.test(name);

/** Queues a hidden copy of `source` at the end of the workbook; it is named and marked by `keepBackup`. */
export function copyForBackup(source: Excel.Worksheet): Excel.Worksheet {
  const copy = source.copy('End');
  copy.visibility = 'Hidden';
  return copy;
}

/** Makes `copy` the backup of `sheet`, in place of an earlier one (deleted). */
export function keepBackup(copy: Excel.Worksheet, sheet: string, earlier?: Excel.Worksheet): void {
  earlier?.delete();
  copy.name = backupName(sheet);
  copy.customProperties.add(OUTPUT_MARK, backupMark(sheet));
}

/**
 * Queues each `target` put back as its `backup` holds it, for the caller's next sync: one
 * round trip reads the used ranges, tables and frozen rows of all of them first. The backups
 * are left in place; the caller deletes them.
 */
export async function restoreFromBackups(
  context: Excel.RequestContext,
  pairs: readonly { target: Excel.Worksheet; backup: Excel.Worksheet }[],
): Promise<void> {
  const read = pairs.map(({ target, backup }) => ({
    target,
    backup,
    now: target.getUsedRangeOrNullObject().load('rowIndex, columnIndex, rowCount, columnCount'),
    was: backup.getUsedRangeOrNullObject().load('rowIndex, columnIndex, rowCount, columnCount'),
    tables: target.tables.load('items/name'),
    frozen: backup.freezePanes.getLocationOrNullObject().load('address'),
  }));
  await context.sync();
  for (const { target, backup, now, was, tables, frozen } of read) {
    target.freezePanes.unfreeze();
    if (!frozen.isNullObject)
      target.freezePanes.freezeAt(target.getRange(frozen.address.slice(frozen.address.indexOf('!') + 1)));
    for (const t of tables.items) if (isOurTable(t.name)) t.convertToRange();
    const rows = Math.max(end(now, 'row'), end(was, 'row'));
    const cols = Math.max(end(now, 'col'), end(was, 'col'));
    if (rows && cols) {
      const area = target.getRangeByIndexes(0, 0, rows, cols);
      area.conditionalFormats.clearAll();
      area.dataValidation.clear();
      area.clear('All');
    }
    if (!was.isNullObject) {
      const from = backup.getRangeByIndexes(was.rowIndex, was.columnIndex, was.rowCount, was.columnCount);
      target.getRangeByIndexes(was.rowIndex, was.columnIndex, was.rowCount, was.columnCount).copyFrom(from, 'All');
    }
  }
}

/** The count of rows (columns) from the sheet's top (left) to the used range's end; 0 when unused. */
function end(used: Excel.Range, axis: 'row' | 'col'): number {
  if (used.isNullObject) return 0;
  return axis === 'row' ? used.rowIndex + used.rowCount : used.columnIndex + used.columnCount;
}

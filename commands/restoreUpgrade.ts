/**
 * 恢复升级前: each ledger that 升级为工具 upgraded in place gets its cells back from its hidden
 * backup 「X（升级前）」 (backupSheet.ts); the backups and the 升级记录 then go. The 设置 sheet
 * and its names stay: the clerk may have set them, and nothing reads them once the formula
 * columns are gone.
 *
 * A ledger the clerk has typed into since the upgrade is not restored — that would lose the
 * entries: the message names it, and its backup stays for later.
 */
import type { Grid } from '../src/grid';
import { readLedgerSheets } from '../src/read/sheets';
import { todayIso } from '../src/rules/date';
import { gridCells, HEAD_ROWS, LOG_SHEET, readableGrid, upgradeLayout } from '../src/tasks/upgrade/ledgerSheet';
import { backupSource, restoreFromBackups } from '../taskpane/excel/backupSheet';
import { activateSheet } from '../taskpane/excel/decorate';
import { checkWritable } from '../taskpane/excel/guards';
import { markOf } from '../taskpane/excel/outputSheet';
import type { SheetInfo, WorkbookSnapshot } from '../taskpane/excel/workbook';
import type { ProgressSink } from './progress';
import { Session, type CommandStats } from './session';
import { UPGRADE_GROUP } from './upgrade';
import { changedSinceUpgrade, headFormulaAt, serialConversions } from './upgradePlan';

export interface RestoreSummary {
  /** Ledgers put back as they were before the upgrade. */
  restored: string[];
  /** Ledgers left as they are, with why. */
  kept: { sheet: string; reason: string }[];
  stats: CommandStats;
}

interface Pair {
  sheet: SheetInfo;
  backup: SheetInfo;
}

/** Which ledgers can go back: those whose cells are still what the upgrade of their backup wrote. */
function planRestore(book: WorkbookSnapshot): { pairs: Pair[]; kept: RestoreSummary['kept'] } {
  const gridOf = (name: string): Grid | undefined => book.grids.find((g) => g.sheet === name);
  const pairs: Pair[] = [];
  const kept: RestoreSummary['kept'] = [];
  for (const backup of book.sheets) {
    const name = backupSource(backup.output);
    if (name === undefined) continue;
    const sheet = book.sheets.find((s) => s.output === undefined && s.name === name);
    if (!sheet) {
      kept.push({ sheet: name, reason: `找不到工作表「${name}」（可能已改名或删除），备份「${backup.name}」保留` });
      continue;
    }
    if (typedSince(gridOf(sheet.name), gridOf(backup.name), backup, name)) {
      kept.push({
        sheet: name,
        reason: `「${name}」在升级后已录入或修改过，恢复会丢失这些内容，没有恢复（备份仍在隐藏的「${backup.name}」中）`,
      });
      continue;
    }
    pairs.push({ sheet, backup });
  }
  return { pairs, kept };
}

/** Whether the sheet holds anything the upgrade of its backup would not have written. */
function typedSince(now: Grid | undefined, was: Grid | undefined, backup: SheetInfo, sheet: string): boolean {
  if (!now || !was) return !!now !== !!was;
  const read = readLedgerSheets([readableGrid(was, headFormulaAt(was, backup.headFormulas))], { asOf: todayIso() });
  const pt = read.tables[0];
  if (!pt) return true;
  const conversions = serialConversions(pt, was, sheet, []);
  const layout = upgradeLayout(pt, gridCells(was, headFormulaAt(was, backup.headFormulas)), sheet, []);
  return changedSinceUpgrade(now, was, conversions, [layout]);
}

export async function runRestoreUpgrade(
  context: Excel.RequestContext,
  progress: ProgressSink,
): Promise<RestoreSummary> {
  const session = new Session(context, progress);
  const book = await session.read({
    read: (s) => s.output === undefined || backupSource(s.output) !== undefined,
    headFormulas: HEAD_ROWS,
    guards: { merges: false },
  });
  const { pairs, kept } = session.engine('核对备份', () => planRestore(book));
  if (!pairs.length) {
    throw new Error(
      kept.length
        ? kept.map((k) => k.reason).join('；')
        : '没有找到“升级为工具”留下的备份：本工作簿还没有升级过，或已经恢复过了',
    );
  }
  if (book.structureProtected) {
    throw new Error(
      '工作簿的结构受保护（审阅 → 保护工作簿），无法删除备份工作表。请先撤消工作簿保护，再点一次按钮；本次没有改动任何内容。',
    );
  }
  checkWritable({
    addsSheets: false,
    structureProtected: false,
    sheets: pairs.map(({ sheet }) => ({
      name: sheet.name,
      guards: sheet.guards!,
      cells: sheet.used ?? { row: 0, col: 0, rows: 1, cols: 1 },
      doing: '恢复升级前的原样',
    })),
  });
  await session.startWriting('恢复升级前');
  await restoreFromBackups(
    context,
    pairs.map((p) => ({ target: p.sheet.worksheet, backup: p.backup.worksheet })),
  );
  for (const { backup } of pairs) backup.worksheet.delete();
  // The log lists changes that are gone now, unless some ledger keeps its upgrade.
  const log = book.sheets.find((s) => s.output === markOf(UPGRADE_GROUP, LOG_SHEET));
  if (log && !kept.length) log.worksheet.delete();
  await activateSheet(session.batch, pairs[0].sheet.worksheet);
  const restored = pairs.map((p) => p.sheet.name);
  const stats = await session.finish(
    `已恢复${restored.map((s) => `「${s}」`).join('、')}升级前的原样` +
      (kept.length ? `；${kept.map((k) => k.reason).join('；')}` : ''),
  );
  return { restored, kept, stats };
}

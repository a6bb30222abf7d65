/**
 * 升级为工具: each ledger sheet of the open workbook is upgraded in place, the way `insdesk
 * upgrade` upgrades a file (src/tasks/upgrade is the plan, upgradePlan.ts works it out for
 * this workbook): text dates and amounts made real values, missing input columns and the
 * formula columns appended (native formulas, so the tool works without the add-in),
 * drop-downs and input checks, conditional formats, an Excel table, the 设置 sheet and its
 * names, and a 升级记录 sheet listing every change. The upgrade keeps every cell, so the
 * forms, the checks and the statistics go on with the one sheet the clerk knows.
 *
 * First each ledger is copied as it is to a hidden 「X（升级前）」 (backupSheet.ts): 恢复升级前
 * (restoreUpgrade.ts) puts it back, and so does the undo of a run that fails half-way. A
 * re-run replaces the backup, so the button always undoes the last upgrade.
 */
import type { Grid } from '../src/grid';
import { tableByKey, type TableKey } from '../src/ledgers';
import { isSettingsSheet, SETTINGS_SHEET } from '../src/ledgers/settings';
import { readLedgerSheets } from '../src/read/sheets';
import { todayIso } from '../src/rules/date';
import type { LayoutOf } from '../src/tasks/upgrade/layout';
import {
  COLLECTIONS_ADDED,
  freshLayout,
  gridCells,
  HEAD_ROWS,
  LOG_HEADERS,
  LOG_SHEET,
  logRow,
  notTableNote,
  readableGrid,
  sheetRecord,
  uniqueName,
  upgradeLayout,
  type SheetLayout,
  type UpgradedTable,
  type UpgradeOptions,
  type UpgradeRecord,
} from '../src/tasks/upgrade/ledgerSheet';
import type { SerialConversion } from '../src/tasks/upgrade/conversions';
import { settingsPlan, type SettingsPlan } from '../src/tasks/upgrade/settingsSheet';
import { activateSheet, addWorksheet, defineNames, formatColumns, styleHeader } from '../taskpane/excel/decorate';
import { writeGrid } from '../taskpane/excel/grid';
import { groupOf, markOf, queueOutputs } from '../taskpane/excel/outputSheet';
import { backupMark, copyForBackup, isOurTable, keepBackup, restoreFromBackups } from '../taskpane/excel/backupSheet';
import { applyLayout, tableBlock, writeConversions, writeSettings } from '../taskpane/excel/upgradeSheet';
import { checkWritable, excelApi } from '../taskpane/excel/guards';
import { toExcelInput } from '../taskpane/excel/cells';
import type { SheetInfo, WorkbookSnapshot } from '../taskpane/excel/workbook';
import type { ProgressSink } from './progress';
import { Session, type CommandStats } from './session';
import { headFormulaAt, notTableReason, serialConversions, settingNames } from './upgradePlan';

export const UPGRADE_GROUP = 'upgrade';

export type UpgradedLedger = UpgradedTable;

export interface UpgradeSummary {
  ledgers: UpgradedLedger[];
  records: UpgradeRecord[];
  /** 设置 was added (true) or completed. */
  settingsAdded: boolean;
  stats: CommandStats;
}

interface Job {
  source: SheetInfo;
  grid: Grid;
  conversions: SerialConversion[];
  layouts: (SheetLayout & {
    rows: number;
    totalRows: number[];
    excelTable?: string;
    /** The Excel table is ours from an earlier upgrade: it stays. */
    tableExists?: boolean;
    notTable?: string;
  })[];
  /** The backup an earlier upgrade kept, replaced by this run's. */
  earlierBackup?: SheetInfo;
}

interface Plan {
  jobs: Job[];
  /** A 回款记录 sheet the contracts' formulas need, added empty. */
  collections?: SheetLayout & { excelTable?: string };
  settings: SettingsPlan;
  records: UpgradeRecord[];
  others: LayoutOf;
}

function planUpgrade(book: WorkbookSnapshot, opts: UpgradeOptions): Plan {
  const records: UpgradeRecord[] = [];
  const gridOf = (name: string) => book.grids.find((g) => g.sheet === name);
  const users = book.sheets.filter((s) => s.output === undefined && gridOf(s.name));
  const read = readLedgerSheets(
    users.map((s) => {
      const grid = gridOf(s.name)!;
      return readableGrid(grid, headFormulaAt(grid, s.headFormulas));
    }),
    { asOf: todayIso(), ledger: opts.ledger },
  );
  if (!read.tables.length) {
    throw new Error(
      '工作簿中没有找到可升级的台账：各工作表前 20 行都没有可识别的表头（如续保清单应有 保单号、被保险人、终保日期 等列）',
    );
  }
  const jobs: Job[] = read.tables.map((pt) => {
    const source = users.find((s) => s.name === pt.sheet)!;
    const grid = gridOf(pt.sheet)!;
    const conversions = serialConversions(pt, grid, pt.sheet, records);
    const l = upgradeLayout(pt, gridCells(grid, headFormulaAt(grid, source.headFormulas)), pt.sheet, records);
    const earlierBackup = book.sheets.find((s) => s.output === backupMark(pt.sheet));
    return {
      source,
      grid,
      conversions,
      layouts: [{ ...l, rows: pt.rows.length, totalRows: pt.totalRows }],
      ...(earlierBackup ? { earlierBackup } : {}),
    };
  });

  const taken = new Set(book.sheets.map((s) => s.name.toLowerCase()));
  const keys = new Set(jobs.flatMap((j) => j.layouts.map((l) => l.layout.table.key)));
  let collections: Plan['collections'];
  if (keys.has('contracts') && !keys.has('collections')) {
    const t = tableByKey('collections');
    collections = freshLayout(
      t,
      uniqueName(t.title, (n) => taken.has(n.toLowerCase())),
    );
    records.push(sheetRecord(collections.layout.sheet, COLLECTIONS_ADDED));
  }
  const settingsGrid = book.grids.find((g) => isSettingsSheet(g) && users.some((s) => s.name === g.sheet));
  const ledgers = new Set(jobs.flatMap((j) => j.layouts.map((l) => l.layout.table.ledger)));
  const settings = settingsPlan(settingsGrid, book.date1904, records, ledgers);

  // Table names: every table and defined name of the workbook is taken.
  const names = new Set([
    ...(book.names ?? []),
    ...book.sheets.flatMap((s) => (s.tables ?? []).map((t) => t.toLowerCase())),
  ]);
  const tableName = (key: TableKey) => {
    const name = uniqueName(`insdesk_${key}`, (n) => names.has(n.toLowerCase()));
    names.add(name.toLowerCase());
    return name;
  };
  for (const job of jobs) {
    for (const l of job.layouts) {
      const ours = (job.source.tables ?? []).find(isOurTable);
      const reason = ours ? undefined : notTableReason(job.grid, l, job.source.tables ?? []);
      if (ours) {
        l.excelTable = ours;
        l.tableExists = true;
      } else if (reason) {
        l.notTable = reason;
        records.push(sheetRecord(job.source.name, notTableNote(reason), `A${l.layout.headerRow}`));
      } else {
        l.excelTable = tableName(l.layout.table.key);
      }
    }
  }
  if (collections) collections.excelTable = tableName('collections');

  const all = [...jobs.flatMap((j) => j.layouts), ...(collections ? [collections] : [])];
  const others: LayoutOf = (k) => all.find((l) => l.layout.table.key === k)?.layout;
  return { jobs, collections, settings, records, others };
}

export async function runUpgrade(
  context: Excel.RequestContext,
  opts: UpgradeOptions,
  progress: ProgressSink,
): Promise<UpgradeSummary> {
  const session = new Session(context, progress);
  const book = await session.read({
    tables: true,
    names: true,
    conditionalFormats: true,
    headFormulas: HEAD_ROWS,
    guards: { merges: excelApi('1.13') },
  });
  const plan = session.engine('规划升级', () => planUpgrade(book, opts));
  const { batch } = session;
  const { jobs, collections, settings, records, others } = plan;
  const settingsSource = settings.fresh
    ? undefined
    : book.sheets.find((s) => s.output === undefined && s.name.trim() === SETTINGS_SHEET)!;
  // Each ledger sheet is copied to its backup and written in place; an existing 设置 sheet is
  // completed in place.
  checkWritable({
    addsSheets: true,
    structureProtected: !!book.structureProtected,
    sheets: [
      ...jobs.map((j) => ({
        name: j.source.name,
        guards: j.source.guards!,
        cells: j.source.used ?? { row: 0, col: 0, rows: 1, cols: 1 },
        doing: '升级为工具（就地写入公式列、下拉选项和检查）',
      })),
      ...(settingsSource
        ? [
            {
              name: settingsSource.name,
              guards: settingsSource.guards!,
              cells: settingsSource.used ?? { row: 0, col: 0, rows: 1, cols: 3 },
              doing: '补全设置',
            },
          ]
        : []),
    ],
    tables: jobs.flatMap((j) =>
      j.layouts
        .filter((l) => l.excelTable && !l.tableExists)
        .map((l) => ({ name: j.source.name, guards: j.source.guards!, cells: tableBlock(l) })),
    ),
  });
  // The backups of this run, for the undo of a run that fails half-way.
  let backups: Excel.Worksheet[] = [];
  return session.writing(
    async () => {
      await session.startWriting('升级为工具', jobs.length);

      // The log replaces the last one; the 「X（工具）」 copies earlier versions made are left alone.
      const log = markOf(UPGRADE_GROUP, LOG_SHEET);
      const outputs = queueOutputs(
        context,
        book.sheets.filter((s) => s.output === undefined || groupOf(s.output) !== UPGRADE_GROUP || s.output === log),
        UPGRADE_GROUP,
        records.length ? [LOG_SHEET] : [],
      );
      // A copy of each ledger as it is now, before anything is written: restoring from it undoes the upgrade.
      backups = jobs.map((job) => copyForBackup(job.source.worksheet));
      // A filtered sheet keeps its filter in the backup; Excel puts no table over one: the table
      // brings its own filter buttons.
      for (const job of jobs) {
        if (job.source.guards?.filter && job.layouts.some((l) => l.excelTable && !l.tableExists))
          job.source.worksheet.autoFilter.remove();
      }

      const settingsSheet = settingsSource ? settingsSource.worksheet : await addWorksheet(batch, SETTINGS_SHEET);
      await writeSettings(batch, settingsSheet, settings, book.date1904);
      await defineNames(batch, settingNames(settings.cells), book.names);

      if (collections) {
        const ws = await addWorksheet(batch, collections.layout.sheet);
        await applyLayout(batch, ws, collections, true, others);
      }
      for (const [i, job] of jobs.entries()) {
        const ws = job.source.worksheet;
        await writeConversions(batch, ws, job.conversions);
        const kept = new Set((job.source.customFormats ?? []).map((f) => `${f.address} ${f.formula}`));
        for (const l of job.layouts) await applyLayout(batch, ws, l, false, others, kept);
        progress.update(i + 1, jobs.length);
      }
      if (records.length) {
        const sheet = outputs[0].sheet;
        const rows = [LOG_HEADERS, ...records.map(logRow)];
        await writeGrid(batch, sheet, { row: 0, col: 0 }, rows);
        await formatColumns(
          batch,
          sheet,
          { row: 1, col: 0, rows: records.length, cols: LOG_HEADERS.length },
          LOG_HEADERS.map(() => '@'),
        );
        await styleHeader(batch, sheet, { row: 0, col: 0, rows: rows.length, cols: LOG_HEADERS.length });
      }
      // Named and marked last: a run that fails before this restores from them and deletes them.
      jobs.forEach((job, i) => keepBackup(backups[i], job.source.name, job.earlierBackup?.worksheet));
      await activateSheet(batch, jobs[0].source.worksheet);

      const ledgers: UpgradedLedger[] = jobs.flatMap((job) =>
        job.layouts.map((l) => ({
          sheet: job.source.name,
          table: l.layout.table.key,
          headerRow: l.layout.headerRow,
          rows: l.rows,
          ...(l.excelTable ? { excelTable: l.excelTable } : {}),
          ...(l.notTable ? { notTable: l.notTable } : {}),
          formulaColumns: l.layout.formulas.map((f) => f.column.header),
        })),
      );
      const stats = await session.finish(
        `升级完成：${ledgers.map((l) => `「${l.sheet}」`).join('、')}已加上公式列、下拉选项和检查；升级前的原样已隐藏备份，可点“恢复升级前”还原`,
      );
      return { ledgers, records, settingsAdded: settings.fresh, stats };
    },
    async () => {
      await restoreFromBackups(
        context,
        backups.map((backup, i) => ({ target: jobs[i].source.worksheet, backup })),
      );
      if (settingsSource) restoreSettings(settingsSource, book, settings);
    },
  );
}

/** Puts the clerk's 设置 back as it was read: the rows the run added cleared, converted values back as text. */
function restoreSettings(source: SheetInfo, book: WorkbookSnapshot, plan: SettingsPlan): void {
  const grid = book.grids.find((g) => g.sheet === source.name);
  const origin = grid?.origin ?? { row: 0, col: 0 };
  const original = (row: number, col: number) => grid?.rows[row - 1 - origin.row]?.[col - origin.col];
  for (const r of plan.rows) source.worksheet.getRangeByIndexes(r.row - 1, 0, 1, 3).clear('All');
  for (const c of plan.conversions) {
    const cell = source.worksheet.getRangeByIndexes(c.row - 1, 1, 1, 1);
    cell.values = [[toExcelInput(original(c.row, 1) ?? '', book.date1904)]];
  }
}

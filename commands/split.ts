/**
 * 按部门拆分: the selected list — prizes, items, leads, a 不准确清单 — as one sheet per 部门 (its
 * own column, or the 人力表 of this workbook by 工号, else 姓名; a list with a 业务归属 but no
 * 部门 is split by that), each with 签收 and 主管确认 columns and a count, ready to print for the
 * morning meeting (workflows.md §7). The list itself is never written.
 */
import type { Cell } from '../src/grid';
import { readLedgerSheets } from '../src/read/sheets';
import { todayIso } from '../src/rules/date';
import { SIGN_COLUMNS, splitList, type RosterEntry } from '../src/tasks/split';
import { activateSheet, styleHeader } from '../taskpane/excel/decorate';
import { writeGrid } from '../taskpane/excel/grid';
import { checkWritable } from '../taskpane/excel/guards';
import { queueOutputs } from '../taskpane/excel/outputSheet';
import type { ProgressSink } from './progress';
import { Session, type CommandStats } from './session';
import type { OpenWorkbook } from '../taskpane/excel/run';
import { splitBase64 } from '../taskpane/reportWorkbook';
import { groupSheetNames } from '../src/io/splitBook';

export const SPLIT_GROUP = 'split';

export interface SplitSummary {
  by: string;
  list: string;
  sheets: string[];
  stats: CommandStats;
  /** The lists went to a workbook of its own (sheets: its sheet names). */
  newWorkbook: boolean;
}

/** With `open`, the lists are a workbook of its own (as `insdesk split --out x.xlsx` writes it); else sheets beside the list. */
export async function runSplit(
  context: Excel.RequestContext,
  progress: ProgressSink,
  open?: OpenWorkbook,
): Promise<SplitSummary> {
  const session = new Session(context, progress);
  const book = await session.read({ guards: { merges: false }, active: true });
  const { by, result } = session.engine('拆分名单', () => {
    const grid = book.grids.find((g) => g.sheet === book.activeSheet);
    if (!grid) throw new Error(`请先选中要拆分的名单工作表（当前是「${book.activeSheet}」，不是名单）`);
    const roster = readLedgerSheets(book.grids, { asOf: todayIso() })
      .tables.filter((t) => t.table.key === 'roster')
      .flatMap((t) => t.rows.map((r) => r.data as RosterEntry));
    for (const by of ['部门', '业务归属']) {
      const result = splitList([grid], by, roster.length ? roster : undefined);
      if (result) return { by, result };
    }
    throw new Error(
      `「${grid.sheet}」中没有“部门”或“业务归属”列${roster.length ? '，也没有可按人力表查部门的“工号”或“姓名”列' : '，本工作簿也没有人力表可按工号或姓名查部门'}`,
    );
  });
  const counts = result.groups.map((g) => `${g.value} ${g.rows.length} 条`).join('、');
  if (open) {
    await session.openNew('生成拆分名单', () => splitBase64(result, `${result.sheet} 按${by}拆分`), open);
    const stats = await session.finish(
      `已按${by}拆分「${result.sheet}」：${counts}，已在新工作簿中打开 ${result.groups.length} 张表`,
    );
    return { by, list: result.sheet, sheets: groupSheetNames(result.groups), stats, newWorkbook: true };
  }
  checkWritable({ addsSheets: true, structureProtected: !!book.structureProtected, sheets: [] });

  return session.writing(async () => {
    const { batch } = session;
    await session.startWriting('写入拆分名单', result.groups.length);
    const names = result.groups.map((g) => `${by}-${g.value}`.replace(/[\\/:*?[\]]/g, '_').slice(0, 31));
    const outputs = queueOutputs(context, book.sheets, SPLIT_GROUP, names);
    const header = [...result.header, ...SIGN_COLUMNS];
    for (const [i, g] of result.groups.entries()) {
      const rows: Cell[][] = [
        [`${g.value}（共 ${g.rows.length} 条）`],
        header,
        ...g.rows.map((r) => header.map((_, c) => (c < result.header.length ? (r[c] ?? null) : null))),
        [],
        [`合计 ${g.rows.length} 条`, null, '主管签字：', null, '日期：'],
      ];
      await writeGrid(batch, outputs[i].sheet, { row: 0, col: 0 }, rows);
      await styleHeader(batch, outputs[i].sheet, { row: 1, col: 0, rows: g.rows.length + 1, cols: header.length });
      progress.update(i + 1, result.groups.length);
    }
    if (outputs.length) await activateSheet(batch, outputs[0].sheet);
    const stats = await session.finish(`已按${by}拆分「${result.sheet}」：${counts}，写入 ${outputs.length} 张表`);
    return { by, list: result.sheet, sheets: outputs.map((o) => o.name), stats, newWorkbook: false };
  });
}

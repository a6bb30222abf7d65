/**
 * CRM导入: the one-click CRM import of the open workbook's renewal list. The CRM rows
 * (CRM导入), the lapsed lists per 业务归属 (脱保-…), 需查找电话清单, 未处理清单 and the other
 * lists and 汇总 open as a workbook of its own (or, where Excel cannot open one, go beside the
 * list, where `crmSheetCsv` turns the CRM sheet — as the clerk may have edited it — into the
 * CSV the CRM system imports).
 *
 * Defaults for the ribbon button: the as-of date is the 设置 sheet's 基准日, else today; the
 * specialists are the 所属人员 named in the renewal list (the team that works it), in order of
 * first appearance; the seed is the as-of date's digits (a re-run the same day deals the same).
 */
import {
  assigneesIn,
  csvText,
  DEFAULT_PROFILE,
  FORMAT_CODES,
  runCrm,
  type CrmBook,
  type CrmResult,
} from '../src/tasks/crm';
import type { Cell } from '../src/grid';
import { asOfOf } from '../src/tasks/validate';
import { activateSheet, formatColumns, styleHeader } from '../taskpane/excel/decorate';
import { writeGrid } from '../taskpane/excel/grid';
import { markOf, queueOutputs } from '../taskpane/excel/outputSheet';
import { NO_PROGRESS, type ProgressSink } from './progress';
import { checkWritable } from '../taskpane/excel/guards';
import { Session, WORKBOOK_NAME, type CommandStats } from './session';
import type { OpenWorkbook } from '../taskpane/excel/run';
import { crmBase64 } from '../taskpane/reportWorkbook';

export const CRM_GROUP = 'crm';

export interface CrmImportOptions {
  /** Default: 设置's 基准日, else today. */
  asOf?: string;
  /** Default: the 所属人员 of the renewal list. */
  specialists?: readonly string[];
  seed?: number;
  /** Deal to specialists with unfinished work too (the CLI's --override-unfinished). */
  overrideUnfinished?: boolean;
  /** Sheets of the workbook to look phone numbers up in by plate or VIN (e.g. 理赔台账). */
  lookupSheets?: readonly string[];
  /** Files the clerk picked in the pane, read there: what the CLI's --lookup, --issued … read. */
  files?: CrmFiles;
}

/** The CLI's file options, as workbooks already read (nothing leaves the PC). */
export interface CrmFiles {
  lookups?: readonly CrmBook[];
  issued?: readonly CrmBook[];
  channels?: CrmBook;
  previous?: CrmBook;
  followups?: readonly CrmBook[];
}

export interface CrmImportSummary {
  result: CrmResult;
  specialists: string[];
  /** Output sheet names, the CRM sheet first. */
  sheets: string[];
  stats: CommandStats;
  /** The sheets went to a workbook of its own. */
  newWorkbook: boolean;
}

/**
 * With `open`, the CRM rows and the lists are a workbook of its own (the file `insdesk crm --out
 * x.xlsx` writes) and the renewal list's workbook gains nothing; else sheets beside the list.
 */
export async function runCrmImport(
  context: Excel.RequestContext,
  opts: CrmImportOptions,
  progress: ProgressSink,
  open?: OpenWorkbook,
): Promise<CrmImportSummary> {
  const session = new Session(context, progress);
  const book = await session.read({ guards: { merges: false } });
  const { result, specialists } = session.engine('分配线索', () => {
    const renewal = { name: WORKBOOK_NAME, grids: book.grids };
    const asOf = opts.asOf ?? asOfOf(book.grids);
    const specialists = opts.specialists ? [...opts.specialists] : assigneesIn(renewal, asOf);
    if (!specialists.length) {
      throw new Error('续保清单的“所属人员”列是空的，无法确定参与分配的续保专员：请在任务窗格中填写专员名单后再导入');
    }
    const wanted = new Set(opts.lookupSheets ?? []);
    const missing = [...wanted].filter((s) => !book.grids.some((g) => g.sheet === s));
    if (missing.length) throw new Error(`找不到用于查电话的工作表: ${missing.join('、')}`);
    const lookups = wanted.size ? [{ name: WORKBOOK_NAME, grids: book.grids.filter((g) => wanted.has(g.sheet)) }] : [];
    const files = opts.files ?? {};
    const input = { ...files, renewal, lookups: [...lookups, ...(files.lookups ?? [])] };
    const options = { asOf, specialists, seed: opts.seed, overrideUnfinished: !!opts.overrideUnfinished };
    return { result: runCrm(input, options), specialists };
  });

  const { counts } = result;
  const extra = [
    counts.renewedHere ? `${counts.renewedHere} 条已在本店续保` : '',
    `${counts.lapsed} 条脱保`,
    `${counts.needsPhone} 条需查找电话`,
    ...Object.entries(result.callbacksToday).map(([who, n]) => `${who}今日待回电 ${n} 条`),
  ].filter(Boolean);
  const done = (where: string) =>
    `CRM导入完成（基准日 ${result.asOf}）：${counts.leads} 条${where}（${result.leadVehicles} 辆），${extra.join('，')}`;
  if (open) {
    await session.openNew('生成CRM导入工作簿', () => crmBase64(result.sheets), open);
    const stats = await session.finish(done(`在新工作簿的「${result.sheets[0].name}」中打开`));
    return { result, specialists, sheets: result.sheets.map((s) => s.name), stats, newWorkbook: true };
  }
  checkWritable({ addsSheets: true, structureProtected: !!book.structureProtected, sheets: [] });
  return session.writing(async () => {
    const { batch } = session;
    await session.startWriting('写入CRM导入表', result.sheets.length);
    const outputs = queueOutputs(
      context,
      book.sheets,
      CRM_GROUP,
      result.sheets.map((s) => s.name),
    );
    for (const [i, sheet] of result.sheets.entries()) {
      const ws = outputs[i].sheet;
      const width = Math.max(0, ...sheet.rows.map((r) => r.length));
      await writeGrid(batch, ws, { row: 0, col: 0 }, sheet.rows);
      const formats = Array.from({ length: width }, (_, c) =>
        sheet.formats[c] ? FORMAT_CODES[sheet.formats[c]] : undefined,
      );
      await formatColumns(batch, ws, { row: 1, col: 0, rows: sheet.rows.length - 1, cols: width }, formats);
      if (width) await styleHeader(batch, ws, { row: 0, col: 0, rows: sheet.rows.length, cols: width });
      progress.update(i + 1, result.sheets.length);
    }
    await activateSheet(batch, outputs[0].sheet);
    const stats = await session.finish(done(`写入「${outputs[0].name}」`));
    return { result, specialists, sheets: outputs.map((o) => o.name), stats, newWorkbook: false };
  });
}

/**
 * The CRM sheet of the last CRM导入 as CSV text — what `insdesk crm --out x.csv` writes for
 * it. Read from the sheet, so rows the clerk deleted or corrected there are exported as they
 * now are.
 */
export async function crmSheetCsv(context: Excel.RequestContext): Promise<string> {
  return csvText(await crmSheetRows(context));
}

/** The CRM sheet's rows as they now are (the clerk may have corrected some). */
export async function crmSheetRows(context: Excel.RequestContext): Promise<Cell[][]> {
  const rows = await crmSheetIfAny(context);
  if (!rows) throw new Error(`还没有生成「${DEFAULT_PROFILE.sheet}」表：请先点“CRM导入”`);
  return rows;
}

/** The CRM sheet's rows, or undefined before the first CRM导入 of this workbook. */
export async function crmSheetIfAny(context: Excel.RequestContext): Promise<Cell[][] | undefined> {
  const session = new Session(context, NO_PROGRESS);
  const mark = markOf(CRM_GROUP, DEFAULT_PROFILE.sheet);
  const book = await session.read({ read: (s) => s.output === mark });
  return book.grids[0]?.rows;
}

/**
 * What each ribbon button does: run its command on the open workbook, report progress and
 * the outcome to the current ProgressSink, and turn any failure into one Chinese sentence
 * (describeError). The button is released (event.completed) whatever happens — see ribbon.ts.
 */
import { runCrmImport } from './crm';
import { describeError } from './errors';
import { askCrmOptions, askPeriod, askSettleOptions } from './prompts';
import { runSettle } from './settle';
import { currentProgressSink } from './progress';
import { associateRibbonAction } from './ribbon';
import { runDailyReport, runMonthlyStats } from './stats';
import { runSplit } from './split';
import { runUpgrade } from './upgrade';
import { runRestoreUpgrade } from './restoreUpgrade';
import { runValidate } from './validate';

import type { ExcelRun, OpenWorkbook } from '../taskpane/excel/run';

export type { ExcelRun } from '../taskpane/excel/run';

/**
 * Brings the task pane into view, where the progress strip holds the message: a button's
 * failure must be seen even while the pane is closed. Hosts without SharedRuntime 1.1 refuse.
 */
const showPane = (): void => void Office.addin?.showAsTaskpane().catch(() => undefined);

/**
 * `newBook` says how to open a result as a workbook of its own (Excel.createWorkbook), or
 * undefined where this Excel cannot (before ExcelApi 1.8): reports then go beside the ledgers.
 */
export function registerRibbonCommands(run: ExcelRun, newBook: () => OpenWorkbook | undefined = () => undefined): void {
  const sink = currentProgressSink;
  const report = (e: unknown) => {
    sink().fail(describeError(e));
    showPane();
  };
  associateRibbonAction('validate', async () => void (await run((c) => runValidate(c, {}, sink()))), report);
  associateRibbonAction(
    'stats',
    async () => {
      const period = await askPeriod();
      if (period === null) sink().finish('已取消月度统计');
      else await run((c) => runMonthlyStats(c, period, sink(), newBook()));
    },
    report,
  );
  associateRibbonAction('daily', async () => void (await run((c) => runDailyReport(c, sink(), newBook()))), report);
  associateRibbonAction(
    'crm',
    async () => {
      const options = await askCrmOptions();
      if (options === null) sink().finish('已取消CRM导入');
      else await run((c) => runCrmImport(c, options, sink(), newBook()));
    },
    report,
  );
  associateRibbonAction(
    'settle',
    async () => {
      const options = await askSettleOptions();
      if (options === null) sink().finish('已取消结算对账');
      else await run((c) => runSettle(c, options, sink(), newBook()));
    },
    report,
  );
  associateRibbonAction('split', async () => void (await run((c) => runSplit(c, sink(), newBook()))), report);
  associateRibbonAction('upgrade', async () => void (await run((c) => runUpgrade(c, {}, sink()))), report);
  associateRibbonAction('restore', async () => void (await run((c) => runRestoreUpgrade(c, sink()))), report);
}

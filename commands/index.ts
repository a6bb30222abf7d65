/**
 * Entry of the ribbon commands, bundled into the shared runtime's page with the task pane
 * (webpack.config.js): one bundle, so the pane and the buttons share one ProgressSink and
 * one period prompt. The manifest's ExecuteFunction buttons find their handlers by name.
 */
import { excelRun, openWorkbook } from '../taskpane/excel/run';
import { registerRibbonCommands } from './ribbonCommands';

// Without Office.js (its CDN blocked) there are no buttons to register: the page says why.
if (typeof (globalThis as { Office?: unknown }).Office !== 'undefined')
  registerRibbonCommands(excelRun, () =>
    Office.context.requirements.isSetSupported('ExcelApi', '1.8') ? openWorkbook : undefined,
  );

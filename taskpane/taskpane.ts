/**
 * The add-in page. With the shared runtime (manifest.xml) this one page also runs the
 * custom functions and the ribbon commands, so it is loaded even while the pane is closed.
 */
import { todayIso } from '../src/rules/date';
import { excelRun } from './excel/run';
import { documentMemory } from './memory';
import { mountPane } from './pane';

Office.onReady(({ host }) => {
  const status = document.getElementById('status-line');
  const app = document.getElementById('app');
  if (host !== Office.HostType.Excel || !app) {
    if (status) status.textContent = '请在 Excel 中打开本加载项';
    return;
  }
  status?.remove();
  mountPane(app, {
    run: excelRun,
    today: todayIso,
    // SharedRuntime 1.1: the ribbon can open the pane it runs in.
    showPane: () => void Office.addin.showAsTaskpane().catch(() => undefined),
    memory: documentMemory(Office.context.document.settings),
  });
});

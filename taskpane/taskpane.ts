/**
 * The add-in page. With the shared runtime (manifest.xml) this one page also runs the
 * custom functions and the ribbon commands, so it is loaded even while the pane is closed.
 */
import { todayIso } from '../src/rules/date';
import { excelRun, openWorkbook } from './excel/run';
import { documentMemory } from './memory';
import { mountPane } from './pane';

/** What the clerk reads when Office.js could not be loaded, and what to tell IT. */
export const OFFICE_UNREACHABLE =
  '无法加载 Office 组件（office.js），内勤工具不能运行。常见原因：电脑未联网，或单位的网络/代理拦截了 ' +
  'appsforoffice.microsoft.com。请联系 IT：放行该地址；世纪互联运营的 Microsoft 365 或不能访问外网的单位，' +
  '可由 IT 按部署说明（docs/deploy.md）改用本单位可访问的 office.js 地址重新生成加载项。';

/** Office.js is a script of its own: when it never arrived, `Office` is not defined at all. */
function officeMissing(): boolean {
  return typeof (globalThis as { Office?: unknown }).Office === 'undefined';
}

function start(): void {
  const status = document.getElementById('status-line');
  if (officeMissing()) {
    if (status) {
      status.textContent = OFFICE_UNREACHABLE;
      status.classList.add('failed');
    }
    return;
  }
  Office.onReady(({ host }) => {
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
      // ExcelApi 1.8: a result of its own in a new workbook (where download links do not work).
      ...(Office.context.requirements.isSetSupported('ExcelApi', '1.8') ? { openWorkbook } : {}),
    });
  });
}

start();

/**
 * The add-in page. With the shared runtime (manifest.xml) this one page also runs the
 * custom functions and the ribbon commands, so it is loaded even while the pane is closed.
 */
Office.onReady(({ host }) => {
  const status = document.getElementById('status');
  if (status) status.textContent = host === Office.HostType.Excel ? '已连接 Excel' : '请在 Excel 中打开本加载项';
});

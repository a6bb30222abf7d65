/**
 * 结算对账 in the pane: the period (default the last complete month), the insurer, and the
 * insurer's statements picked from disk (read here: nothing leaves the PC). With `answer`, the
 * ribbon button is waiting: 开始对账 hands it the options and 取消 cancels.
 */
import { runSettle, type SettleOptions } from '../commands/settle';
import { describeError } from '../commands/errors';
import { defaultPeriod, parsePeriod, PERIOD_HINT } from '../src/tasks/stats/period';
import { fieldOf, h, placedIn, ribbonWait, showError, whileBusy, type CommandHost } from './commandsPanel';
import { readPickedFiles } from './pickedFiles';

export type SettleAnswer = (options: SettleOptions | null) => void;

export function settlePanel(doc: Document, host: CommandHost, answer?: SettleAnswer): HTMLElement {
  const period = h(doc, 'input', { type: 'text', spellcheck: false, value: defaultPeriod(host.today()).key });
  const insurer = h(doc, 'input', { type: 'text', spellcheck: false, placeholder: '如 平安产险' });
  const files = h(doc, 'input', { type: 'file', accept: '.xlsx,.xls,.csv,.txt', multiple: true });
  const chosen = h(doc, 'div', { className: 'hint chosen', id: 'settle-chosen' });
  files.addEventListener('change', () => {
    chosen.textContent = Array.from(files.files ?? [], (f) => f.name).join('、');
    showError(doc, 'settle-statements', '');
  });
  const run = h(doc, 'button', { type: 'button', className: 'primary', id: 'run-settle' }, '开始对账');
  const result = h(doc, 'div', { className: 'result', id: 'settle-result' });
  const { waiting, cancel, reply, isWaiting } = ribbonWait(
    doc,
    'settle',
    '功能区「结算对账」：请确认期间，选择保险公司的结算单',
    answer,
  );

  /** The options on the panel, or undefined after showing what is wrong. */
  const options = async (): Promise<SettleOptions | undefined> => {
    const text = period.value.trim();
    const ok = !text || !!parsePeriod(text);
    showError(doc, 'settle-period', ok ? '' : `期间无法识别: ${text}（${PERIOD_HINT}）`);
    if (!ok) return undefined;
    const o: SettleOptions = { period: text };
    if (insurer.value.trim()) o.insurer = insurer.value.trim();
    const picked = Array.from(files.files ?? []);
    if (picked.length) {
      try {
        o.statements = await readPickedFiles(picked);
      } catch (e) {
        showError(doc, 'settle-statements', describeError(e));
        return undefined;
      }
    }
    return o;
  };

  run.addEventListener('click', () =>
    whileBusy(run, result, host, async () => {
      const o = await options();
      if (!o) return;
      if (isWaiting()) return reply(o);
      const summary = await host.run((context) => runSettle(context, o, host.progress, host.openWorkbook));
      result.textContent = `${placedIn(summary.newWorkbook)} ${summary.sheets.join('、')}`;
    }),
  );

  const buttons = h(doc, 'div', { className: 'buttons' }, run);
  if (answer) buttons.append(cancel);
  const panel = h(
    doc,
    'section',
    { className: 'command-panel' },
    h(
      doc,
      'p',
      { className: 'intro' },
      '按保险公司生成本期结算清单（A4 可打印，带出单员、财务出纳签字栏），与保险公司发来的手续费结算单逐单核对，另列未收代理费和未缴保费的账龄。原台账不改动。',
    ),
    waiting,
    fieldOf(doc, 'settle-period', '结算期间', period, '如 2026-11（月）、2026Q4（季度）；默认为上一个完整的月份'),
    fieldOf(doc, 'settle-insurer', '保险公司', insurer, '空着则结算全部保险公司；写“平安”即平安产险'),
    fieldOf(
      doc,
      'settle-statements',
      '保险公司结算单',
      files,
      '可选，可多个：.xlsx、.xls 或 .csv，须有保单号列和手续费（代理费、结算金额）列',
    ),
    chosen,
    h(doc, 'div', { className: 'actions' }, buttons),
    result,
  );
  panel.dataset.panel = 'settle';
  panel.addEventListener('pane:leave', () => reply(null));
  return panel;
}

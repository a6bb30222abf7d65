/**
 * The task pane: a picker of the data-entry forms and of the ribbon commands that take
 * options (月度统计, CRM导入, 结算对账), the page picked, and the progress of whatever command runs —
 * the pane is the commands' progress sink, so ribbon clicks show here too, and the ribbon's
 * 月度统计 asks it for the period. What it needs from the host (Excel.run, today's date,
 * showing the pane) comes in as arguments.
 */
import type { CrmImportOptions } from '../commands/crm';
import { setCrmPrompt, setPeriodPrompt, setSettlePrompt } from '../commands/prompts';
import type { SettleOptions } from '../commands/settle';
import { settlePanel } from './settlePanel';
import { setProgressSink } from '../commands/progress';
import { crmPanel, statsPanel, type CommandHost, type PaneMemory } from './commandsPanel';
import type { OpenWorkbook } from './excel/run';
import { FormPanel } from './forms/formPanel';
import type { ExcelRun } from './forms/session';
import { formById, formSpecs } from './forms/specs';
import { ProgressView } from './progressView';

export interface PaneHost {
  run: ExcelRun;
  today: () => string;
  /** Brings the pane into view (a ribbon button asking for something). */
  showPane: () => void;
  /** What the pane remembers for this workbook. */
  memory?: PaneMemory;
  /** Opens an .xlsx as a new workbook. */
  openWorkbook?: OpenWorkbook;
}

/** A ribbon button waiting for the clerk's answer in a command panel: null cancels. */
type Answer = (value: unknown) => void;

const COMMANDS: readonly {
  id: string;
  label: string;
  build: (doc: Document, host: CommandHost, answer?: Answer) => HTMLElement;
}[] = [
  { id: 'stats', label: '月度统计', build: statsPanel },
  { id: 'crm', label: 'CRM导入', build: crmPanel },
  { id: 'settle', label: '结算对账', build: settlePanel },
];

/** The pane opens on 承保登记: the form the desk fills all day (the others are a pick away). */
const FIRST_FORM = 'issuance';

export function mountPane(root: HTMLElement, host: PaneHost): void {
  const doc = root.ownerDocument;
  const picker = doc.createElement('select');
  picker.id = 'form-picker';
  const group = (label: string, items: readonly { id: string; label: string }[]) => {
    const g = doc.createElement('optgroup');
    g.label = label;
    for (const item of items) {
      const o = doc.createElement('option');
      o.value = item.id;
      o.textContent = item.label;
      g.append(o);
    }
    picker.append(g);
  };
  group('录入表单', formSpecs());
  group('统计与导入', COMMANDS);
  const label = doc.createElement('label');
  label.className = 'picker';
  label.htmlFor = picker.id;
  label.textContent = '内勤工具';
  const nav = doc.createElement('nav');
  nav.className = 'pane-nav';
  nav.append(label, picker);
  const progress = new ProgressView(doc);
  setProgressSink(progress);
  const body = doc.createElement('div');
  body.className = 'pane-body';
  root.replaceChildren(nav, progress.element, body);

  let current: FormPanel | undefined;
  // A ribbon command may have changed the ledgers (升级为工具 adds columns): the open form reads
  // the workbook again, so where it saves and what it checks against are current.
  progress.onFinish = () => void current?.open();
  // Ctrl+Enter saves wherever the focus is, the picker and the buttons included.
  doc.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && current) {
      e.preventDefault();
      void current.save();
    }
  });

  const show = async (id: string, answer?: Answer): Promise<void> => {
    for (const old of Array.from(body.children)) old.dispatchEvent(new Event('pane:leave'));
    picker.value = id;
    const command = COMMANDS.find((c) => c.id === id);
    if (command) {
      current = undefined;
      body.replaceChildren(command.build(doc, { ...host, progress }, answer));
      return;
    }
    const panel = new FormPanel(doc, formById(id)!, host.run, host.today);
    current = panel;
    body.replaceChildren(panel.element);
    await panel.open();
    panel.focus();
  };
  picker.addEventListener('change', () => void show(picker.value));
  // The ribbon's 月度统计 and CRM导入 ask here for what they need.
  const ask =
    <T>(id: string, focus: string) =>
    () =>
      new Promise<T | null>((resolve) => {
        host.showPane();
        void show(id, resolve as Answer);
        doc.getElementById(focus)?.focus();
      });
  setPeriodPrompt(ask<string>('stats', 'run-stats'));
  setCrmPrompt(ask<CrmImportOptions>('crm', 'run-crm'));
  setSettlePrompt(ask<SettleOptions>('settle', 'run-settle'));
  void show(formById(FIRST_FORM) ? FIRST_FORM : formSpecs()[0].id);
}

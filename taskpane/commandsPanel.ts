/**
 * The pane's side of two ribbon commands: 月度统计 with a period picker (month, quarter or
 * year) and CRM导入 with its as-of date, specialists, seed and the files the CLI takes as
 * options, plus the CRM sheet saved as CSV. The commands themselves (commands/) report through the pane's ProgressView.
 */
import { crmSheetCsv, crmSheetIfAny, runCrmImport, type CrmFiles, type CrmImportOptions } from '../commands/crm';
import { csvText } from '../src/tasks/crm';
import type { Cell } from '../src/grid';
import type { OpenWorkbook } from './excel/run';
import { readPickedFiles } from './pickedFiles';
import { describeError } from '../commands/errors';
import type { ProgressSink } from '../commands/progress';
import { runMonthlyStats } from '../commands/stats';
import { parseDate } from '../src/rules/date';
import { defaultPeriod, parsePeriod, type PeriodKind } from '../src/tasks/stats/period';
import type { ExcelRun } from './forms/session';

export interface CommandHost {
  run: ExcelRun;
  today: () => string;
  progress: ProgressSink;
  /** What the pane remembers for this workbook (absent: nothing is remembered). */
  memory?: PaneMemory;
  /** Opens an .xlsx as a new workbook (Excel.createWorkbook); absent where it is not available. */
  openWorkbook?: OpenWorkbook;
}

/** Values kept with the workbook (Office's document settings), by key. */
export interface PaneMemory {
  get(key: string): string | undefined;
  set(key: string, value: string): Promise<void>;
}

/** The ribbon's 月度统计 waiting for the clerk to pick a period (commands/prompts.ts): null cancels. */
export type PeriodAnswer = (period: string | null) => void;

export const h = <K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] => {
  const e = Object.assign(doc.createElement(tag), props);
  e.append(...children);
  return e;
};

export function fieldOf(doc: Document, id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  const wrap = h(doc, 'div', { className: 'field' }, h(doc, 'label', { htmlFor: id }, label), control);
  control.id = id;
  if (hint) wrap.append(h(doc, 'div', { className: 'hint' }, hint));
  const msg = h(doc, 'div', { className: 'messages', id: `m-${id}` });
  wrap.append(msg);
  return wrap;
}

export function showError(doc: Document, id: string, message: string): void {
  const box = doc.getElementById(`m-${id}`);
  box?.replaceChildren(...(message ? [h(doc, 'div', { className: 'msg error' }, message)] : []));
  box?.closest('.field')?.classList.toggle('has-error', !!message);
}

/**
 * A panel a ribbon button may be waiting on (commands/prompts.ts): the banner saying so, its
 * 取消 button, and `reply`, which answers the button once (null cancels) and ends the wait.
 */
export function ribbonWait<T>(doc: Document, id: string, message: string, answer?: (value: T | null) => void) {
  const waiting = h(doc, 'div', { className: 'editing', id: `${id}-waiting`, hidden: !answer }, message);
  const cancel = h(doc, 'button', { type: 'button', className: 'secondary', id: `cancel-${id}` }, '取消');
  let pending = answer;
  const reply = (value: T | null) => {
    pending?.(value);
    pending = undefined;
    waiting.hidden = true;
    cancel.remove();
  };
  cancel.addEventListener('click', () => reply(null));
  return { waiting, cancel, reply, isWaiting: () => pending !== undefined };
}

/** Where a command put its result, as the panel says it. */
export const placedIn = (newWorkbook: boolean): string => (newWorkbook ? '已在新工作簿中打开' : '已写入');

/**
 * A command button's click: the button disabled and the result line cleared while `work`
 * runs; a failure goes to the progress strip as one Chinese sentence.
 */
export async function whileBusy(
  button: HTMLButtonElement,
  result: HTMLElement,
  host: CommandHost,
  work: () => Promise<void>,
) {
  button.disabled = true;
  result.textContent = '';
  try {
    await work();
  } catch (e) {
    host.progress.fail(describeError(e));
  } finally {
    button.disabled = false;
  }
}

const KINDS: [PeriodKind, string][] = [
  ['month', '月'],
  ['quarter', '季度'],
  ['year', '年'],
];

/**
 * 月度统计: pick a month, quarter or year; the statistics sheets are written beside the
 * ledgers. With `answer`, the ribbon button is waiting: 开始统计 hands it the period (the
 * button's handler runs the statistics) and 取消 cancels.
 */
export function statsPanel(doc: Document, host: CommandHost, answer?: PeriodAnswer): HTMLElement {
  // Offered first: the last complete month (cli.md: no period = the last complete month), and its quarter.
  const [year, month] = defaultPeriod(host.today()).key.split('-').map(Number);
  let kind: PeriodKind = 'month';
  const kinds = h(doc, 'div', { className: 'segmented' });
  kinds.setAttribute('role', 'radiogroup');
  kinds.setAttribute('aria-label', '统计期间');
  const years = h(doc, 'select');
  const thisYear = Number(host.today().slice(0, 4));
  for (let y = thisYear; y >= thisYear - 5; y--) years.append(h(doc, 'option', { value: String(y) }, `${y}年`));
  years.value = String(year);
  const parts = h(doc, 'select');
  const chosen = h(doc, 'div', { className: 'hint', id: 'period-label' });

  const periodText = (): string => {
    const y = years.value;
    if (kind === 'year') return y;
    return kind === 'quarter' ? `${y}Q${parts.value}` : `${y}-${parts.value.padStart(2, '0')}`;
  };
  const fillParts = () => {
    const n = kind === 'month' ? 12 : 4;
    const current = kind === 'month' ? month : Math.ceil(month / 3);
    parts.replaceChildren(
      ...Array.from({ length: n }, (_, i) =>
        h(doc, 'option', { value: String(i + 1) }, kind === 'month' ? `${i + 1}月` : `第${i + 1}季度`),
      ),
    );
    parts.value = String(current);
    partField.hidden = kind === 'year';
    (partField.querySelector('label') as HTMLLabelElement).textContent = kind === 'month' ? '月份' : '季度';
    showChosen();
  };
  const showChosen = () => {
    chosen.textContent = `统计 ${parsePeriod(periodText())?.label ?? ''}`;
  };
  for (const [k, text] of KINDS) {
    const input = h(doc, 'input', {
      type: 'radio',
      name: 'period-kind',
      value: k,
      id: `period-${k}`,
      checked: k === kind,
    });
    input.addEventListener('change', () => {
      kind = k;
      fillParts();
    });
    kinds.append(h(doc, 'label', { className: 'segment', htmlFor: input.id }, input, text));
  }
  years.addEventListener('change', showChosen);
  parts.addEventListener('change', showChosen);

  const run = h(doc, 'button', { type: 'button', className: 'primary', id: 'run-stats' }, '开始统计');
  const result = h(doc, 'div', { className: 'result', id: 'stats-result' });
  const partField = fieldOf(doc, 'period-part', '月份', parts);
  const buttons = h(doc, 'div', { className: 'buttons' }, run);
  const { waiting, cancel, reply, isWaiting } = ribbonWait(doc, 'stats', '功能区「月度统计」：请选择统计期间', answer);
  if (answer) buttons.append(cancel);
  run.addEventListener('click', async () => {
    if (isWaiting()) return reply(periodText());
    await whileBusy(run, result, host, async () => {
      const summary = await host.run((context) =>
        runMonthlyStats(context, periodText(), host.progress, host.openWorkbook),
      );
      result.textContent = `${placedIn(summary.newWorkbook)} ${summary.sheets.join('、')}（${summary.period.label}，截至 ${summary.asOf}）`;
    });
  });

  const panel = h(
    doc,
    'section',
    { className: 'command-panel' },
    h(
      doc,
      'p',
      { className: 'intro' },
      '按期间统计工作簿中的续保、承保、理赔、合同回款和差勤，统计报表在新工作簿中打开（带图表，可直接打印、另存）；原台账不改动。',
    ),
    waiting,
    h(doc, 'div', { className: 'field' }, h(doc, 'div', { className: 'label' }, '统计期间'), kinds),
    fieldOf(doc, 'period-year', '年份', years),
    partField,
    chosen,
    h(doc, 'div', { className: 'actions' }, buttons),
    result,
  );
  panel.dataset.panel = 'stats';
  // Leaving the panel while the ribbon waits is a cancel.
  panel.addEventListener('pane:leave', () => reply(null));
  fillParts();
  return panel;
}

/** Names typed with any of the separators clerks use. */
const namesOf = (text: string): string[] =>
  text
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The ribbon's CRM导入 waiting for the clerk's options (commands/prompts.ts): null cancels. */
export type CrmAnswer = (options: CrmImportOptions | null) => void;

/** Where the pane keeps what it remembers for this workbook (the specialists). */
export const SPECIALISTS_KEY = 'crm.specialists';

/** The CLI's file options, as pickers: what each file is for, and whether several may be picked. */
const FILE_PICKERS: readonly { key: keyof CrmFiles; label: string; hint: string; many: boolean }[] = [
  { key: 'lookups', label: '查电话用的表', hint: '理赔台账、会员名单等：有车牌号或车架号列和电话列', many: true },
  { key: 'issued', label: '承保台账', hint: '已在本店出续保单的车辆不再导入', many: true },
  { key: 'channels', label: '经办人对照表', hint: '经办人、业务归属两列：补全空的业务归属', many: false },
  { key: 'previous', label: '上次的 CRM 导入文件', hint: '其中的保单已在 CRM 中，不再导入', many: false },
  { key: 'followups', label: '回访记录', hint: '另存的回访记录（本工作簿的“回访记录”表会自动读取）', many: true },
];

/**
 * CRM导入: as-of date, specialists (remembered for this workbook) and seed, the files the CLI
 * takes as options (read here in the pane), and the CSV. With `answer`, the ribbon button is
 * waiting: 开始导入 hands it the options and 取消 cancels.
 */
export function crmPanel(doc: Document, host: CommandHost, answer?: CrmAnswer): HTMLElement {
  // Help is in hints under the fields, not placeholders: a placeholder is cut off at 350 px and gone once typed in.
  const asOf = h(doc, 'input', { type: 'text', placeholder: '如 2026-10-08', spellcheck: false });
  const specialists = h(doc, 'input', {
    type: 'text',
    placeholder: '如 于丽、郝敏',
    spellcheck: false,
    value: host.memory?.get(SPECIALISTS_KEY) ?? '',
  });
  const seed = h(doc, 'input', { type: 'text', inputMode: 'numeric', placeholder: '如 7', spellcheck: false });
  const override = h(doc, 'input', { type: 'checkbox', id: 'crm-override' });
  const overrideField = h(
    doc,
    'div',
    { className: 'field check' },
    h(doc, 'label', { htmlFor: override.id }, override, '专员有未处理完的信息也照常分配'),
  );
  const pickers = FILE_PICKERS.map((p) => {
    const input = h(doc, 'input', { type: 'file', accept: '.xlsx,.xls,.csv,.txt,.tsv', multiple: p.many });
    const chosen = h(doc, 'div', { className: 'hint chosen' });
    input.addEventListener('change', () => {
      chosen.textContent = Array.from(input.files ?? [])
        .map((f) => f.name)
        .join('、');
      showError(doc, `crm-${p.key}`, '');
    });
    return { ...p, input, field: fieldOf(doc, `crm-${p.key}`, p.label, input, p.hint), chosen };
  });
  for (const p of pickers) p.field.insertBefore(p.chosen, p.field.querySelector('.messages'));
  const run = h(doc, 'button', { type: 'button', className: 'primary', id: 'run-crm' }, '开始导入');
  const download = h(doc, 'button', { type: 'button', className: 'secondary', id: 'crm-csv' }, '保存 CRM导入表为 CSV');
  /** The CRM rows of this pane's last import that went to a workbook of its own. */
  let lastRows: Cell[][] | undefined;
  const result = h(doc, 'div', { className: 'result', id: 'crm-result' });

  const options = (): CrmImportOptions | undefined => {
    const o: CrmImportOptions = {};
    let ok = true;
    const date = asOf.value.trim() ? parseDate(asOf.value) : undefined;
    showError(doc, 'crm-asof', date && !date.ok ? date.message : '');
    if (date?.ok) o.asOf = date.value;
    else if (date) ok = false;
    const names = namesOf(specialists.value);
    if (names.length) o.specialists = names;
    const s = seed.value.trim();
    const bad = s !== '' && !/^\d{1,10}$/.test(s);
    showError(doc, 'crm-seed', bad ? `随机种子应为整数: ${s}` : '');
    if (bad) ok = false;
    else if (s) o.seed = Number(s);
    if (override.checked) o.overrideUnfinished = true;
    return ok ? o : undefined;
  };

  /** Reads the picked files; a file that cannot be read is shown on its picker. */
  const readFiles = async (): Promise<CrmFiles | undefined> => {
    const files: CrmFiles = {};
    let ok = true;
    for (const p of pickers) {
      const picked = Array.from(p.input.files ?? []);
      if (!picked.length) continue;
      try {
        const books = await readPickedFiles(picked);
        if (p.key === 'channels' || p.key === 'previous') files[p.key] = books[0];
        else files[p.key] = books;
      } catch (e) {
        showError(doc, `crm-${p.key}`, describeError(e));
        ok = false;
      }
    }
    return ok ? files : undefined;
  };

  const { waiting, cancel, reply, isWaiting } = ribbonWait(
    doc,
    'crm',
    '功能区「CRM导入」：请确认基准日和续保专员',
    answer,
  );

  run.addEventListener('click', async () => {
    const o = options();
    if (!o) return;
    await whileBusy(run, result, host, async () => {
      const files = await readFiles();
      if (!files) return;
      const chosen = { ...o, files };
      if (o.specialists) await host.memory?.set(SPECIALISTS_KEY, o.specialists.join('、'));
      if (isWaiting()) return reply(chosen);
      const summary = await host.run((context) => runCrmImport(context, chosen, host.progress, host.openWorkbook));
      if (summary.newWorkbook) lastRows = summary.result.sheets[0].rows;
      result.textContent = `专员：${summary.specialists.join('、')}；${placedIn(summary.newWorkbook)} ${summary.sheets.join('、')}`;
    });
  });

  download.addEventListener('click', async () => {
    download.disabled = true;
    try {
      // This pane's last import (opened as a workbook of its own), else a CRM sheet beside the
      // list as the clerk may have edited it; before any import: import first, with the options on the panel.
      const csv = await host.run(async (context) => {
        if (lastRows) return csvText(lastRows);
        const rows = await crmSheetIfAny(context);
        if (rows) return csvText(rows);
        const o = options();
        const files = o && (await readFiles());
        if (!o || !files) throw new Error('请先改正上面标红的选项');
        const summary = await runCrmImport(context, { ...o, files }, host.progress, host.openWorkbook);
        if (summary.newWorkbook) lastRows = summary.result.sheets[0].rows;
        return summary.newWorkbook ? csvText(summary.result.sheets[0].rows) : crmSheetCsv(context);
      });
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = h(doc, 'a', { href: url, download: `CRM导入-${host.today()}.csv` });
      doc.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      host.progress.fail(describeError(e));
    } finally {
      download.disabled = false;
    }
  });

  const buttons = h(doc, 'div', { className: 'buttons' }, run, download);
  if (answer) buttons.append(cancel);
  const more = h(
    doc,
    'details',
    { className: 'more-files', id: 'crm-files' },
    h(doc, 'summary', {}, '更多文件（与命令行的 --lookup、--issued 等相同，只在本机读取）'),
    ...pickers.map((p) => p.field),
  );
  const panel = h(
    doc,
    'section',
    { className: 'command-panel' },
    h(
      doc,
      'p',
      { className: 'intro' },
      '从续保清单生成 CRM 导入表：同一辆车的保单交给同一位专员，按发放日期随机等额分配；另列脱保清单、已在本店续保、今日待回电和需查找电话清单。',
    ),
    waiting,
    fieldOf(doc, 'crm-asof', '基准日', asOf, '空着则用「设置」的基准日，没有则用今天'),
    fieldOf(
      doc,
      'crm-specialists',
      '续保专员',
      specialists,
      '用顿号、逗号或空格分隔；空着则用续保清单的“所属人员”；本工作簿会记住',
    ),
    more,
    h(
      doc,
      'details',
      { className: 'more-files', id: 'crm-advanced' },
      h(doc, 'summary', {}, '高级'),
      fieldOf(
        doc,
        'crm-seed',
        '分配顺序（随机种子）',
        seed,
        '同一基准日、同一数字，分配结果完全相同；空着则按基准日，同一天重跑结果不变',
      ),
      overrideField,
    ),
    h(doc, 'div', { className: 'actions' }, buttons),
    h(
      doc,
      'div',
      { className: 'hint', id: 'crm-mac-hint', hidden: !host.openWorkbook },
      '导入结果在新工作簿中打开。Excel for Mac 不能直接下载文件：请在新工作簿中用“文件 → 另存为”选 CSV UTF-8 保存。',
    ),
    result,
  );
  panel.dataset.panel = 'crm';
  // Leaving the panel while the ribbon waits is a cancel.
  panel.addEventListener('pane:leave', () => reply(null));
  return panel;
}

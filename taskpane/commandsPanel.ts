/**
 * The pane's side of two ribbon commands: 月度统计 with a period picker (month, quarter or
 * year) and CRM导入 with its as-of date, specialists and seed, plus the CRM sheet saved as
 * CSV. The commands themselves (commands/) report through the pane's ProgressView.
 */
import { crmSheetCsv, runCrmImport, type CrmImportOptions } from '../commands/crm';
import { describeError } from '../commands/errors';
import type { ProgressSink } from '../commands/progress';
import { runMonthlyStats } from '../commands/stats';
import { parseDate } from '../src/rules/date';
import { parsePeriod, type PeriodKind } from '../src/tasks/stats/period';
import type { ExcelRun } from './forms/session';

export interface CommandHost {
  run: ExcelRun;
  today: () => string;
  progress: ProgressSink;
}

/** The ribbon's 月度统计 waiting for the clerk to pick a period (commands/period.ts): null cancels. */
export type PeriodAnswer = (period: string | null) => void;

const h = <K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] => {
  const e = Object.assign(doc.createElement(tag), props);
  e.append(...children);
  return e;
};

function fieldOf(doc: Document, id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  const wrap = h(doc, 'div', { className: 'field' }, h(doc, 'label', { htmlFor: id }, label), control);
  control.id = id;
  if (hint) wrap.append(h(doc, 'div', { className: 'hint' }, hint));
  const msg = h(doc, 'div', { className: 'messages', id: `m-${id}` });
  wrap.append(msg);
  return wrap;
}

function showError(doc: Document, id: string, message: string): void {
  const box = doc.getElementById(`m-${id}`);
  box?.replaceChildren(...(message ? [h(doc, 'div', { className: 'msg error' }, message)] : []));
  box?.closest('.field')?.classList.toggle('has-error', !!message);
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
  const [year, month] = host.today().split('-').map(Number);
  let kind: PeriodKind = 'month';
  const kinds = h(doc, 'div', { className: 'segmented' });
  kinds.setAttribute('role', 'radiogroup');
  kinds.setAttribute('aria-label', '统计期间');
  const years = h(doc, 'select');
  for (let y = year; y >= year - 5; y--) years.append(h(doc, 'option', { value: String(y) }, `${y}年`));
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
  const waiting = h(
    doc,
    'div',
    { className: 'editing', id: 'stats-waiting', hidden: !answer },
    '功能区「月度统计」：请选择统计期间',
  );
  let pending = answer;
  const reply = (period: string | null) => {
    pending?.(period);
    pending = undefined;
    waiting.hidden = true;
    cancel.remove();
  };
  const cancel = h(doc, 'button', { type: 'button', className: 'secondary', id: 'cancel-stats' }, '取消');
  cancel.addEventListener('click', () => reply(null));
  if (answer) buttons.append(cancel);
  run.addEventListener('click', async () => {
    if (pending) return reply(periodText());
    run.disabled = true;
    result.textContent = '';
    try {
      const summary = await host.run((context) => runMonthlyStats(context, periodText(), host.progress));
      result.textContent = `已写入 ${summary.sheets.join('、')}（${summary.period.label}，截至 ${summary.asOf}）`;
    } catch (e) {
      host.progress.fail(describeError(e));
    } finally {
      run.disabled = false;
    }
  });

  const panel = h(
    doc,
    'section',
    { className: 'command-panel' },
    h(
      doc,
      'p',
      { className: 'intro' },
      '按期间统计工作簿中的续保、承保、理赔、合同回款和差勤，结果写入以「统计-」开头的工作表（原台账不改动）。',
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

/** CRM导入: as-of date, specialists and seed (each may be left to its default), and the CSV. */
export function crmPanel(doc: Document, host: CommandHost): HTMLElement {
  const asOf = h(doc, 'input', {
    type: 'text',
    placeholder: '如 2026-10-08；空着则用「设置」的基准日或今天',
    spellcheck: false,
  });
  const specialists = h(doc, 'input', {
    type: 'text',
    placeholder: '如 于丽、郝敏；空着则用续保清单的“所属人员”',
    spellcheck: false,
  });
  const seed = h(doc, 'input', {
    type: 'text',
    inputMode: 'numeric',
    placeholder: '空着则按基准日（同一天重跑分配相同）',
    spellcheck: false,
  });
  const run = h(doc, 'button', { type: 'button', className: 'primary', id: 'run-crm' }, '开始导入');
  const download = h(doc, 'button', { type: 'button', className: 'secondary', id: 'crm-csv' }, '保存 CRM导入表为 CSV');
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
    return ok ? o : undefined;
  };

  run.addEventListener('click', async () => {
    const o = options();
    if (!o) return;
    run.disabled = true;
    result.textContent = '';
    try {
      const summary = await host.run((context) => runCrmImport(context, o, host.progress));
      result.textContent = `专员：${summary.specialists.join('、')}；已写入 ${summary.sheets.join('、')}`;
    } catch (e) {
      host.progress.fail(describeError(e));
    } finally {
      run.disabled = false;
    }
  });

  download.addEventListener('click', async () => {
    download.disabled = true;
    try {
      const csv = await host.run((context) => crmSheetCsv(context));
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

  const panel = h(
    doc,
    'section',
    { className: 'command-panel' },
    h(
      doc,
      'p',
      { className: 'intro' },
      '从续保清单生成 CRM 导入表：待续保线索按发放日期随机等额分配给专员，另列脱保清单和需查找电话清单。',
    ),
    fieldOf(doc, 'crm-asof', '基准日', asOf),
    fieldOf(doc, 'crm-specialists', '续保专员', specialists, '用顿号、逗号或空格分隔'),
    fieldOf(doc, 'crm-seed', '随机种子', seed),
    h(doc, 'div', { className: 'actions' }, h(doc, 'div', { className: 'buttons' }, run, download)),
    result,
  );
  panel.dataset.panel = 'crm';
  return panel;
}

/**
 * One form in the pane: the form view, where it saves, the action buttons and the status
 * line, wired to a FormSession. Keyboard: Enter moves on, a failed save puts the cursor in
 * the first field to correct (Ctrl+Enter, anywhere in the pane, is the pane's).
 */
import { describeError } from '../../commands/errors';
import type { FormCheck } from './check';
import { inputTextOf } from './cells';
import { fieldsOf, searchLabel } from './fields';
import { FormView } from './formView';
import { FormSession, type ExcelRun, type LoadResult } from './session';
import type { FormSpec } from './specs';

type Tone = 'info' | 'success' | 'error' | 'warning';

export class FormPanel {
  readonly element: HTMLElement;
  private readonly session: FormSession;
  private readonly view: FormView;
  private readonly target: HTMLElement;
  private readonly editingBar: HTMLElement;
  private readonly status: HTMLElement;
  private readonly saveButton: HTMLButtonElement;
  private readonly buttons: HTMLButtonElement[] = [];
  private readonly lookupInput?: HTMLInputElement;
  private busy = false;

  constructor(
    private readonly doc: Document,
    readonly spec: FormSpec,
    run: ExcelRun,
    private readonly today: () => string,
  ) {
    this.session = new FormSession(spec, run, today);
    this.view = new FormView(doc, spec, {
      onInput: () => this.recheck(),
      onLeave: (key) => this.normalise(key),
      onPastLast: () => this.saveButton.focus(),
    });

    const el = (tag: string, className: string, text?: string): HTMLElement => {
      const e = doc.createElement(tag);
      e.className = className;
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const button = (text: string, className: string, action: () => unknown): HTMLButtonElement => {
      const b = el('button', className, text) as HTMLButtonElement;
      b.type = 'button';
      b.addEventListener('click', () => void action());
      this.buttons.push(b);
      return b;
    };

    const section = el('section', 'form-panel');
    section.dataset.form = spec.id;
    this.target = el('div', 'target');
    this.target.id = 'target';
    section.append(this.target);

    if (spec.lookup) {
      const what = searchLabel(spec);
      const bar = el('div', 'lookup');
      const label = el('label', 'lookup-label', `按${what}查找`) as HTMLLabelElement;
      label.htmlFor = 'lookup';
      const input = doc.createElement('input');
      input.id = 'lookup';
      input.type = 'text';
      input.spellcheck = false;
      input.autocomplete = 'off';
      input.placeholder = spec.search ? '输入后按 Enter（保单号可只输入一部分）' : `输入${what}后按 Enter`;
      input.addEventListener('input', () => {
        const v = input.value.replace(/[a-z]+/g, (m) => m.toUpperCase());
        if (v !== input.value) input.value = v;
      });
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.isComposing) {
          e.preventDefault();
          void this.lookup();
        }
      });
      this.lookupInput = input;
      const row = el('div', 'lookup-row');
      row.append(
        input,
        button('查找', 'secondary', () => this.lookup()),
      );
      bar.append(label, row);
      section.append(bar);
    }

    this.editingBar = el('div', 'editing');
    this.editingBar.hidden = true;
    section.append(this.editingBar, this.view.element);

    const actions = el('div', 'actions');
    this.saveButton = button(spec.lookup ? '保存回访结果' : '保存', 'primary', () => this.save());
    this.saveButton.id = 'save';
    this.saveButton.title = 'Ctrl+Enter';
    const load = button('读取选中行', 'secondary', () => this.loadSelected());
    load.id = 'load-selected';
    load.title = '把表中选中的那一行读进表单，修改后写回同一行';
    const clear = button('清空', 'secondary', () => this.clear());
    clear.id = 'clear';
    this.status = el('div', 'status');
    this.status.id = 'status';
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    this.status.hidden = true;
    const row = el('div', 'buttons');
    row.append(this.saveButton, load, clear);
    // In the bar that stays at the bottom of the pane: what a save did is always in sight.
    actions.append(this.status, row);
    section.append(actions);

    this.element = section;
  }

  /** Reads the workbook: where this form saves, and the rows duplicates are checked against. */
  async open(): Promise<void> {
    await this.busyWith('正在读取工作簿…', async () => {
      await this.session.refresh();
      this.say('', 'info');
    });
    this.prefill();
    this.showTarget();
    this.recheck();
  }

  focus(): void {
    if (this.lookupInput) this.lookupInput.focus();
    else this.view.focusFirst();
  }

  private recheck(): FormCheck {
    const check = this.session.check(this.view.texts());
    this.view.show(check);
    // A failed save's count follows the corrections.
    if (this.status.dataset.tone === 'error' && this.status.dataset.kind === 'count') {
      const n = countErrors(check);
      this.say(n ? `还有 ${n} 处需要改正` : '', n ? 'error' : 'info', n ? 'count' : undefined);
    }
    return check;
  }

  /** On leaving a typed field, show what will be saved: `1,234.5` → `1,234.50`, `京a 12345` → `京A12345`, `20261008` → `2026-10-08`. */
  private normalise(key: string): void {
    const field = fieldsOf(this.spec).find((f) => f.key === key);
    if (field && field.control !== 'select') {
      const check = this.session.check(this.view.texts());
      const value = check.values[key];
      if (value !== undefined) this.view.setText(key, inputTextOf(field.column, value));
    }
    this.recheck();
  }

  async save(): Promise<void> {
    if (this.busy) return;
    if (this.spec.lookup && !this.session.editing) {
      this.say(`请先按${searchLabel(this.spec)}查找，或在表中选中一行后点“读取选中行”`, 'error');
      this.lookupInput?.focus();
      return;
    }
    this.view.touchAll();
    const check = this.recheck();
    if (check.hasErrors) {
      this.view.focusFirstError(check);
      this.say(errorCount(countErrors(check)), 'error', 'count');
      return;
    }
    const texts = this.view.texts();
    await this.busyWith('正在保存…', async () => {
      const r = await this.session.save(texts);
      if (!r.ok) {
        if (r.check) {
          this.view.show(r.check);
          this.view.focusFirstError(r.check);
        }
        this.say(r.message, 'error');
        return;
      }
      const what = r.created
        ? `已新建工作表「${r.sheet}」并保存到第 ${r.row} 行`
        : `已保存到「${r.sheet}」第 ${r.row} 行`;
      const edited = this.editingBar.hidden ? '' : r.changed ? `（改动 ${r.changed} 项）` : '（没有改动）';
      this.say([what + edited, ...(r.also ?? []), ...r.notes].join('；'), r.notes.length ? 'warning' : 'success');
      this.view.reset();
      if (this.lookupInput) this.lookupInput.value = '';
      this.showEditing();
      await this.session.refresh();
      this.prefill();
    });
    this.showTarget();
    this.recheck();
    this.focus();
  }

  async loadSelected(): Promise<void> {
    await this.loadWith(() => this.session.loadSelected());
  }

  async lookup(): Promise<void> {
    await this.loadWith(() => this.session.lookup(this.lookupInput?.value ?? ''));
  }

  clear(): void {
    this.session.cancelEdit();
    this.view.reset();
    this.prefill();
    this.showEditing();
    this.showTarget();
    this.recheck();
    this.say('', 'info');
    this.focus();
  }

  private async loadWith(load: () => Promise<LoadResult>): Promise<void> {
    if (this.busy) return;
    let loaded = false;
    await this.busyWith('正在读取…', async () => {
      const r = await load();
      if (!r.ok) return this.say(r.message, 'error');
      this.view.setTexts(r.texts);
      this.view.touchAll();
      this.showEditing();
      this.say(`已读取「${r.editing.sheet}」第 ${r.editing.row} 行：修改后按 Ctrl+Enter 写回该行`, 'info');
      loaded = true;
    });
    this.showTarget();
    this.recheck();
    if (loaded) this.view.focusFirst();
  }

  /**
   * A new entry starts with what the desk would type anyway: today in the form's date fields
   * (出单日期), and the names already in the ledger offered as the 业务员 or 保险公司 is typed.
   */
  private prefill(): void {
    for (const [key, values] of Object.entries(this.session.suggestions())) this.view.suggest(key, values);
    if (this.session.editing) return;
    for (const key of this.spec.today ?? []) if (!this.view.text(key)) this.view.setText(key, this.today());
  }

  private showEditing(): void {
    const e = this.session.editing;
    this.editingBar.hidden = !e;
    this.editingBar.replaceChildren();
    if (!e) return;
    const text = this.doc.createElement('span');
    text.textContent = `正在修改「${e.sheet}」第 ${e.row} 行`;
    const cancel = this.doc.createElement('button');
    cancel.type = 'button';
    cancel.className = 'link';
    cancel.textContent = '取消修改';
    cancel.addEventListener('click', () => this.clear());
    this.editingBar.append(text, cancel);
  }

  private showTarget(): void {
    const { ledger, editing } = this.session;
    const title = this.spec.table.title;
    const missing = new Set(this.session.missingColumns());
    this.view.disable(ledger ? missing : new Set(), ledger ? `「${ledger.sheet}」没有这一列` : '');
    let text: string;
    if (editing) text = `修改「${editing.sheet}」第 ${editing.row} 行`;
    else if (!ledger)
      text = this.spec.lookup
        ? `工作簿中没有${title}：请先打开含${title}的工作簿`
        : `工作簿中还没有${title}：保存时按模板新建工作表「${title}」`;
    else if (this.spec.lookup) text = `在「${ledger.sheet}」中查找（共 ${ledger.parsed.rows.length} 行）`;
    else text = `保存到「${ledger.sheet}」第 ${ledger.nextRow} 行（表中已有 ${ledger.parsed.rows.length} 行）`;
    if (ledger && missing.size && !editing) text += `；该表没有 ${missing.size} 列，对应项不可填`;
    this.target.textContent = text;
    // While editing, the bar above the form says where.
    this.target.hidden = !!editing;
  }

  private say(text: string, tone: Tone, kind?: 'count'): void {
    this.status.textContent = text;
    this.status.dataset.tone = tone;
    if (kind) this.status.dataset.kind = kind;
    else delete this.status.dataset.kind;
    this.status.hidden = !text;
  }

  private async busyWith(note: string, work: () => Promise<void>): Promise<void> {
    this.busy = true;
    for (const b of this.buttons) b.disabled = true;
    this.say(note, 'info');
    try {
      await work();
    } catch (e) {
      this.say(describeError(e), 'error');
    } finally {
      this.busy = false;
      for (const b of this.buttons) b.disabled = false;
    }
  }
}

const errorCount = (n: number): string => `有 ${n} 处需要改正，已定位到第一处`;

const countErrors = (check: FormCheck): number =>
  Object.values(check.fields).reduce((n, list) => n + list.filter((i) => i.level === 'error').length, 0) +
  check.row.filter((i) => i.level === 'error').length;

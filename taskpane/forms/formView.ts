/**
 * The DOM of one form: a labelled control per field (from fields.ts), the hint and the
 * messages under it, and the keyboard: Enter moves on like Tab. It holds the texts and which
 * fields were touched; checking and saving are the caller's.
 */
import type { FormCheck, Issue } from './check';
import { fieldGroups, upperAscii, type Field } from './fields';
import type { FormSpec } from './specs';

export interface FormViewEvents {
  /** A field's text changed (typing, picking). */
  onInput: (key: string) => void;
  /** A field lost focus: the caller may show its normalised text. */
  onLeave: (key: string) => void;
  /** Enter in the last field. */
  onPastLast: () => void;
}

type Control = HTMLInputElement | HTMLSelectElement;

const LEVEL_TEXT: Record<Issue['level'], string> = { error: '错误', warning: '注意', info: '提示' };

export class FormView {
  readonly element: HTMLFormElement;
  private readonly controls = new Map<string, Control>();
  private readonly messages = new Map<string, HTMLElement>();
  private readonly fields: Field[] = [];
  private readonly rowMessages: HTMLElement;
  private readonly touched = new Set<string>();

  constructor(
    private readonly doc: Document,
    readonly spec: FormSpec,
    private readonly events: FormViewEvents,
  ) {
    const form = doc.createElement('form');
    form.className = 'ledger-form';
    form.noValidate = true;
    form.autocomplete = 'off';
    form.setAttribute('aria-label', spec.label);
    for (const group of fieldGroups(spec)) {
      const box = doc.createElement('fieldset');
      if (group.title) {
        const legend = doc.createElement('legend');
        legend.textContent = group.title;
        box.append(legend);
      }
      for (const f of group.fields) box.append(this.fieldElement(f));
      form.append(box);
    }
    this.rowMessages = doc.createElement('div');
    this.rowMessages.className = 'row-messages';
    form.append(this.rowMessages);
    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('keydown', (e) => this.onKey(e));
    this.element = form;
  }

  private fieldElement(f: Field): HTMLElement {
    const doc = this.doc;
    this.fields.push(f);
    const wrap = doc.createElement('div');
    wrap.className = 'field';
    wrap.dataset.field = f.key;
    const id = `f-${f.key}`;
    const label = doc.createElement('label');
    label.htmlFor = id;
    label.textContent = f.label;
    if (f.required) {
      const req = doc.createElement('span');
      req.className = 'required';
      req.textContent = '*';
      req.setAttribute('aria-hidden', 'true');
      label.append(req);
    }
    const control = this.controlOf(f);
    control.id = id;
    control.name = f.key;
    if (f.required) control.setAttribute('aria-required', 'true');
    const msg = doc.createElement('div');
    msg.className = 'messages';
    msg.id = `m-${f.key}`;
    control.setAttribute('aria-describedby', msg.id);
    wrap.append(label, f.control === 'date' ? this.withCalendar(control as HTMLInputElement) : control);
    if (f.control === 'list') {
      const list = doc.createElement('datalist');
      list.id = `l-${f.key}`;
      for (const v of f.options ?? []) {
        const o = doc.createElement('option');
        o.value = v;
        list.append(o);
      }
      wrap.append(list);
    }
    if (f.hint) {
      const hint = doc.createElement('div');
      hint.className = 'hint';
      hint.textContent = f.hint;
      wrap.append(hint);
    }
    wrap.append(msg);
    this.controls.set(f.key, control);
    this.messages.set(f.key, msg);
    control.addEventListener('input', (e) => {
      if (f.upper && control instanceof HTMLInputElement && !(e as InputEvent).isComposing)
        keepCaret(control, upperAscii);
      this.events.onInput(f.key);
    });
    control.addEventListener('change', () => {
      this.touched.add(f.key);
      this.events.onInput(f.key);
    });
    // Passing through an empty field is not touching it: only what was typed is judged as it is left.
    control.addEventListener('blur', () => {
      if (control.value.trim()) this.touched.add(f.key);
      this.events.onLeave(f.key);
    });
    return wrap;
  }

  private controlOf(f: Field): Control {
    const doc = this.doc;
    if (f.control === 'select') {
      const select = doc.createElement('select');
      const none = doc.createElement('option');
      none.value = '';
      none.textContent = '请选择';
      select.append(none);
      for (const v of f.options ?? []) {
        const o = doc.createElement('option');
        o.value = v;
        o.textContent = v;
        select.append(o);
      }
      return select;
    }
    const input = doc.createElement('input');
    input.type = 'text';
    if (f.inputMode) input.inputMode = f.inputMode;
    if (f.placeholder) input.placeholder = f.placeholder;
    if (f.upper) input.autocapitalize = 'characters';
    input.spellcheck = false;
    if (f.control === 'list') input.setAttribute('list', `l-${f.key}`);
    return input;
  }

  /**
   * A date field: typed like a date cell, or picked from the browser's calendar (the button,
   * or Alt+↓ in the field). The button is not a tab stop: Tab goes from field to field.
   */
  private withCalendar(input: HTMLInputElement): HTMLElement {
    const doc = this.doc;
    const box = doc.createElement('div');
    box.className = 'date-box';
    const picker = doc.createElement('input');
    picker.type = 'date';
    picker.tabIndex = -1;
    picker.className = 'date-picker';
    picker.setAttribute('aria-hidden', 'true');
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'calendar';
    button.tabIndex = -1;
    button.setAttribute('aria-label', '选择日期');
    // Fluent's Calendar icon, drawn inline so no font or file is needed.
    button.innerHTML =
      '<svg width="16" height="16" viewBox="0 0 20 20" aria-hidden="true"><path fill="currentColor" d="M14.5 3A2.5 2.5 0 0 1 17 5.5v9a2.5 2.5 0 0 1-2.5 2.5h-9A2.5 2.5 0 0 1 3 14.5v-9A2.5 2.5 0 0 1 5.5 3h9Zm1.5 4H4v7.5c0 .83.67 1.5 1.5 1.5h9c.83 0 1.5-.67 1.5-1.5V7Zm-9 5a1 1 0 1 1 0 2 1 1 0 0 1 0-2Zm3 0a1 1 0 1 1 0 2 1 1 0 0 1 0-2Zm-3-3a1 1 0 1 1 0 2 1 1 0 0 1 0-2Zm3 0a1 1 0 1 1 0 2 1 1 0 0 1 0-2Zm3 0a1 1 0 1 1 0 2 1 1 0 0 1 0-2Zm1.5-5h-9C4.67 4 4 4.67 4 5.5V6h12v-.5c0-.83-.67-1.5-1.5-1.5Z"/></svg>';
    const open = () => {
      picker.value = /^\d{4}-\d{2}-\d{2}$/.test(input.value.trim()) ? input.value.trim() : '';
      try {
        picker.showPicker();
      } catch {
        // No calendar here (a web view without one, or no user gesture): typing still works.
      }
    };
    // Older web views (EdgeHTML) have no showPicker: no calendar button there.
    button.hidden = typeof picker.showPicker !== 'function';
    button.addEventListener('click', open);
    input.addEventListener('keydown', (e) => {
      if (e.altKey && e.key === 'ArrowDown') {
        e.preventDefault();
        open();
      }
    });
    picker.addEventListener('change', () => {
      input.value = picker.value;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      input.focus();
    });
    box.append(input, button, picker);
    return box;
  }

  /** Enter moves to the next field, as Tab does; Ctrl+Enter is the pane's (save). */
  private onKey(e: KeyboardEvent): void {
    if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    const target = e.target as HTMLElement;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
    e.preventDefault();
    const order = this.fields.map((f) => this.controls.get(f.key)!).filter((c) => !c.disabled);
    const next = order[order.indexOf(target as Control) + 1];
    if (next) next.focus();
    else this.events.onPastLast();
  }

  texts(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, c] of this.controls) out[key] = c.value;
    return out;
  }

  text(key: string): string {
    return this.controls.get(key)?.value ?? '';
  }

  setText(key: string, text: string): void {
    const c = this.controls.get(key);
    if (c && c.value !== text) c.value = text;
  }

  /**
   * Offers `values` as a text field types (the 业务员 and 保险公司 already in the ledger), so one
   * name is not written two ways; a drop-down field keeps its own list.
   */
  suggest(key: string, values: readonly string[]): void {
    const control = this.controls.get(key);
    if (!(control instanceof HTMLInputElement) || control.getAttribute('list')?.startsWith('l-')) return;
    const id = `s-${key}`;
    let list = this.doc.getElementById(id) as HTMLDataListElement | null;
    if (!list) {
      list = this.doc.createElement('datalist');
      list.id = id;
      control.after(list);
      control.setAttribute('list', id);
    }
    list.replaceChildren(
      ...values.map((v) => {
        const o = this.doc.createElement('option');
        o.value = v;
        return o;
      }),
    );
  }

  /** Fills the form (a loaded row); nothing counts as touched. */
  setTexts(texts: Record<string, string>): void {
    for (const [key, c] of this.controls) c.value = texts[key] ?? '';
    this.touched.clear();
  }

  reset(): void {
    this.setTexts({});
  }

  touchAll(): void {
    for (const key of this.controls.keys()) this.touched.add(key);
  }

  get anyTouched(): boolean {
    return this.touched.size > 0;
  }

  /** Fields the sheet has no column for: shown, but not filled in. */
  disable(keys: ReadonlySet<string>, why: string): void {
    for (const [key, c] of this.controls) {
      c.disabled = keys.has(key);
      c.title = keys.has(key) ? why : '';
      c.closest('.field')?.classList.toggle('absent', keys.has(key));
    }
  }

  /** Shows the check's messages under the fields touched so far (all of them after a save attempt). */
  show(check: FormCheck): void {
    for (const [key, box] of this.messages) {
      const issues = this.touched.has(key) ? (check.fields[key] ?? []) : [];
      renderIssues(this.doc, box, issues);
      const c = this.controls.get(key)!;
      const error = issues.some((i) => i.level === 'error');
      c.setAttribute('aria-invalid', String(error));
      c.closest('.field')?.classList.toggle('has-error', error);
      c.closest('.field')?.classList.toggle('has-warning', !error && issues.some((i) => i.level === 'warning'));
    }
    renderIssues(this.doc, this.rowMessages, this.touched.size ? check.row : []);
  }

  /** Focuses the first field with an error; false when there is none. */
  focusFirstError(check: FormCheck): boolean {
    const key = check.errorKeys[0];
    const c = key ? this.controls.get(key) : undefined;
    if (!c) return false;
    c.focus();
    if (c instanceof HTMLInputElement && c.type === 'text') c.select();
    return true;
  }

  /** Puts the cursor in the first field, its text selected: a prefilled date is typed over. */
  focusFirst(): void {
    for (const f of this.fields) {
      const c = this.controls.get(f.key)!;
      if (c.disabled) continue;
      c.focus();
      if (c instanceof HTMLInputElement) c.select();
      return;
    }
  }
}

function renderIssues(doc: Document, box: HTMLElement, issues: readonly Issue[]): void {
  box.replaceChildren(
    ...issues.map((i) => {
      const line = doc.createElement('div');
      line.className = `msg ${i.level}`;
      line.dataset.code = i.code;
      const tag = doc.createElement('span');
      tag.className = 'sr-only';
      tag.textContent = `${LEVEL_TEXT[i.level]}：`;
      line.append(tag, i.message);
      return line;
    }),
  );
}

/** Rewrites an input's text without moving the caret (the length does not change). */
function keepCaret(input: HTMLInputElement, f: (s: string) => string): void {
  const next = f(input.value);
  if (next === input.value) return;
  const { selectionStart, selectionEnd } = input;
  input.value = next;
  if (selectionStart !== null && selectionEnd !== null) input.setSelectionRange(selectionStart, selectionEnd);
}

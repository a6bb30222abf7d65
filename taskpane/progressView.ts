/**
 * Where the pane shows a command's progress: the step, a bar, and how it ended. It is the
 * commands' ProgressSink, so a ribbon button clicked while the pane is open reports here too.
 */
import type { ProgressSink } from '../commands/progress';

export class ProgressView implements ProgressSink {
  readonly element: HTMLElement;
  private readonly label: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly message: HTMLElement;

  constructor(doc: Document) {
    const el = (className: string) => {
      const e = doc.createElement('div');
      e.className = className;
      return e;
    };
    this.element = el('progress-view');
    this.element.id = 'progress';
    this.element.hidden = true;
    this.label = el('progress-label');
    this.bar = el('progress-bar');
    this.bar.setAttribute('role', 'progressbar');
    this.fill = el('progress-fill');
    this.bar.append(this.fill);
    this.message = el('progress-message');
    this.message.setAttribute('role', 'status');
    this.message.setAttribute('aria-live', 'polite');
    this.element.append(this.label, this.bar, this.message);
  }

  start(label: string, total?: number): void {
    this.element.hidden = false;
    this.element.dataset.state = 'running';
    this.label.textContent = label;
    this.message.textContent = '';
    this.bar.hidden = false;
    this.set(0, total);
  }

  update(done: number, total?: number): void {
    this.set(done, total);
  }

  /** Told when a command has finished: it may have changed the workbook. */
  onFinish?: () => void;

  finish(message: string): void {
    this.end('done', message);
    this.onFinish?.();
  }

  fail(message: string): void {
    this.end('failed', message);
  }

  private end(state: 'done' | 'failed', message: string): void {
    this.element.hidden = false;
    this.element.dataset.state = state;
    this.label.textContent = '';
    this.bar.hidden = true;
    this.message.textContent = message;
  }

  /** Without a total the bar runs back and forth: the step has no count to show. */
  private set(done: number, total?: number): void {
    const known = total !== undefined && total > 0;
    this.bar.classList.toggle('indeterminate', !known);
    const pct = known ? Math.min(100, Math.round((done / total) * 100)) : 0;
    this.fill.style.width = known ? `${pct}%` : '';
    if (known) this.bar.setAttribute('aria-valuenow', String(pct));
    else this.bar.removeAttribute('aria-valuenow');
  }
}

/**
 * What the test page gets instead of Office.js from Microsoft's CDN: `Office`, `Excel` and
 * `CustomFunctions` globals whose `Excel.run` works on the strict Excel fake, plus
 * `window.__fake` for the test to set the workbook up and read it back.
 */
import { FakeWorkbook, run, type Scalar } from '../excel/fakeExcel';
import { parseA1, type FakeWorkbookOptions, type SyncRecord } from '../excel/fakeState';
import { select } from './fakeSelection';

export interface FakeSetup {
  sheets: Record<string, (Scalar | null)[][]>;
  options?: FakeWorkbookOptions;
  /** Sheet and cell selected when the pane opens. */
  selection?: { sheet: string; address: string };
  /** Document settings the workbook was saved with. */
  settings?: Record<string, unknown>;
}

export interface FakeHandle {
  book: FakeWorkbook;
  sheetNames(): string[];
  values(sheet: string, address: string): Scalar[][];
  formats(sheet: string, address: string): (string | null)[][];
  select(sheet: string, address: string): void;
  syncs(): SyncRecord[];
  /** Clicks a ribbon button (its ExecuteFunction name); resolves to how often it called event.completed(). */
  click(action: string): Promise<number>;
  /** Times the page asked Office to show the task pane. */
  paneShown: number;
  /** The workbook's document settings as saved (Office.context.document.settings). */
  settings: Record<string, unknown>;
  /** The .xlsx (base64) of each workbook the page opened with Excel.createWorkbook. */
  createdWorkbooks: string[];
}

declare global {
  interface Window {
    __fakeSetup?: FakeSetup;
    __fake: FakeHandle;
  }
}

const setup: FakeSetup = window.__fakeSetup ?? { sheets: { Sheet1: [] } };
const book = new FakeWorkbook(setup.sheets, setup.options);
if (setup.selection) select(book, setup.selection.sheet, setup.selection.address);

window.__fake = {
  book,
  sheetNames: () => book.sheetNames,
  values: (sheet, address) => book.values(sheet, address),
  formats: (sheet, address) => {
    const s = book.sheet(sheet);
    const r = parseA1(address);
    return Array.from({ length: r.rows }, (_, i) =>
      Array.from({ length: r.cols }, (_, j) => s.numberFormats.get(r.row + i, r.col + j) ?? null),
    );
  },
  select: (sheet, address) => select(book, sheet, address),
  syncs: () => book.syncs.map((s) => ({ ...s, ops: [...s.ops] })),
  click: async (action) => {
    let completed = 0;
    const handler = ribbon.get(action);
    if (!handler) throw new Error(`no handler for ${action}`);
    await handler({ completed: () => completed++ });
    return completed;
  },
  paneShown: 0,
  settings: { ...(setup.settings ?? {}) },
  createdWorkbooks: [],
};

/** Office.context.document.settings: set() changes the in-memory copy, saveAsync() saves it. */
const pending = new Map<string, unknown>(Object.entries(window.__fake.settings));
const documentSettings = {
  get: (name: string) => pending.get(name) ?? null,
  set: (name: string, value: unknown) => void pending.set(name, value),
  remove: (name: string) => void pending.delete(name),
  saveAsync: (callback?: (result: { status: string }) => void) => {
    window.__fake.settings = Object.fromEntries(pending);
    setTimeout(() => callback?.({ status: 'succeeded' }), 0);
  },
};

const ribbon = new Map<string, (event: { completed: () => void }) => Promise<void>>();

const g = globalThis as Record<string, unknown>;
g.Office = {
  HostType: { Excel: 'Excel' },
  PlatformType: { OfficeOnline: 'OfficeOnline' },
  onReady: (callback?: (info: { host: string; platform: string }) => void) => {
    const info = { host: 'Excel', platform: 'OfficeOnline' };
    // Office.js calls back once the page's scripts have run.
    return new Promise((resolve) => setTimeout(() => resolve(callback ? callback(info) : info), 0)).then(() => info);
  },
  actions: {
    associate: (id: string, handler: (event: { completed: () => void }) => Promise<void>) =>
      void ribbon.set(id, handler),
  },
  context: { document: { settings: documentSettings }, requirements: { isSetSupported: () => true } },
  addin: {
    showAsTaskpane: () => {
      window.__fake.paneShown++;
      return Promise.resolve();
    },
  },
};
g.Excel = {
  run: (batch: (context: unknown) => Promise<unknown>) => run(book, batch as never),
  createWorkbook: (base64: string) => {
    window.__fake.createdWorkbooks.push(base64);
    return Promise.resolve();
  },
};
class CustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
g.CustomFunctions = {
  associate: () => undefined,
  Error: CustomFunctionsError,
  ErrorCode: {
    invalidValue: '#VALUE!',
    notAvailable: '#N/A',
    divisionByZero: '#DIV/0!',
    invalidNumber: '#NUM!',
    nullReference: '#NULL!',
    invalidName: '#NAME?',
    invalidReference: '#REF!',
  },
};

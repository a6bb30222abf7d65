/**
 * A strict in-memory Excel for testing the Office.js layer (taskpane/excel) without Excel.
 *
 * It behaves like Office.js where that matters for correctness and cost:
 * - proxies: reading a property that was not loaded and synced throws PropertyNotLoaded;
 * - writes and method calls are queued and applied, in order, at `context.sync()` — the
 *   workbook state (what tests inspect) does not change before;
 * - `*OrNullObject` proxies learn `isNullObject` at the next sync;
 * - every sync is one request: its size is the UTF-8 JSON of the queued operations, and a
 *   request or response over 5 MB fails like Excel on the web; a range read over 5 million
 *   cells fails; a 2-D array whose shape does not match its range fails;
 * - values are taken like typed input (a numeric string becomes a number, `=` starts a
 *   formula, a leading apostrophe keeps text) — formulas are stored, not calculated.
 * Counters: syncCount, requestBytes (per sync), maxRequestBytes, responseBytes, syncs (ops per request).
 */
import {
  a1,
  checkBounds,
  contains,
  dateSerial,
  FakeOfficeError,
  MAX_COLS,
  normalizeColor,
  overlaps,
  parseA1,
  parseInput,
  quoteSheet,
  shiftFormula,
  SheetState,
  WorkbookState,
} from './fakeState';
import type {
  ChartState,
  ConditionalFormatState,
  FakeWorkbookOptions,
  NameState,
  Rect,
  Scalar,
  SyncRecord,
  TableState,
  ValidationState,
} from './fakeState';

export { FakeOfficeError } from './fakeState';
export type { Rect, Scalar, SheetState, SyncRecord } from './fakeState';

interface Op {
  describe: string;
  json: unknown;
  /** Applies the operation to the workbook; returns what the response carries (loads). */
  run: () => unknown;
  /** Runs after the whole request succeeded: loaded values become readable. */
  commit?: (result: unknown) => void;
}

const notLoaded = (type: string, prop: string): FakeOfficeError =>
  new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${prop}' of ${type} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );

const parseLoad = (props: string | string[] | undefined): string[] | undefined => {
  if (props === undefined) return undefined;
  const list = Array.isArray(props) ? props : props.split(',');
  return list.map((p) => p.trim()).filter(Boolean);
};

/** UTF-8 bytes, in Node and in the browser (where the pane's tests run the fake through the shim). */
const encoder = new TextEncoder();
const byteLength = (s: string): number => encoder.encode(s).length;

// ================================================================ workbook and context

export class FakeWorkbook {
  readonly state: WorkbookState;

  /** `sheets` maps sheet names to rows of values (numbers, booleans, strings; '' or null = empty). */
  constructor(
    sheets: Record<string, (Scalar | null)[][] | undefined> = { Sheet1: [] },
    options: FakeWorkbookOptions = {},
  ) {
    this.state = new WorkbookState(options);
    for (const [name, rows] of Object.entries(sheets)) {
      const s = this.state.addSheet(name);
      rows?.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== null && v !== '' && v !== undefined) s.values.set(r, c, v);
        }),
      );
    }
  }

  sheet(name: string): SheetState {
    const s = this.state.findSheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  get sheetNames(): string[] {
    return this.state.sheets.map((s) => s.name);
  }

  /** The values of a range as Office.js would report them ('' for empty). */
  values(sheet: string, address: string): Scalar[][] {
    const s = this.sheet(sheet);
    const r = parseA1(address);
    return rectRows(r, (row, col) => s.valueAt(row, col));
  }

  /** Formula (or value) per cell, like `range.formulas`. */
  formulas(sheet: string, address: string): Scalar[][] {
    const s = this.sheet(sheet);
    const r = parseA1(address);
    return rectRows(r, (row, col) => s.formulas.get(row, col) ?? s.valueAt(row, col));
  }

  get tables(): readonly TableState[] {
    return this.state.tables;
  }
  get names(): ReadonlyMap<string, NameState> {
    return this.state.names;
  }
  get syncs(): readonly SyncRecord[] {
    return this.state.syncs;
  }
  get syncCount(): number {
    return this.state.syncs.length;
  }
  get requestBytes(): number[] {
    return this.state.syncs.map((s) => s.requestBytes);
  }
  get responseBytes(): number[] {
    return this.state.syncs.map((s) => s.responseBytes);
  }
  get maxRequestBytes(): number {
    return Math.max(0, ...this.requestBytes);
  }
  get maxResponseBytes(): number {
    return Math.max(0, ...this.responseBytes);
  }
}

const rectRows = <T>(r: Rect, at: (row: number, col: number) => T): T[][] => {
  const out: T[][] = new Array(r.rows);
  for (let i = 0; i < r.rows; i++) {
    const row: T[] = new Array(r.cols);
    for (let j = 0; j < r.cols; j++) row[j] = at(r.row + i, r.col + j);
    out[i] = row;
  }
  return out;
};

/** Excel.run for the fake: runs the batch and syncs what it left queued. */
export async function run<T>(book: FakeWorkbook, batch: (context: FakeRequestContext) => Promise<T>): Promise<T> {
  const context = new FakeRequestContext(book);
  const result = await batch(context);
  if (context.pending > 0) await context.sync();
  return result;
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbookObject;
  readonly application: FakeApplication;
  private queue: Op[] = [];
  private syncsHere = 0;

  constructor(readonly book: FakeWorkbook) {
    this.workbook = new FakeWorkbookObject(this);
    this.application = new FakeApplication(this);
  }

  get state(): WorkbookState {
    return this.book.state;
  }
  get pending(): number {
    return this.queue.length;
  }
  /** Syncs made through this context. */
  get syncCount(): number {
    return this.syncsHere;
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    this.syncsHere++;
    const record: SyncRecord = {
      ops: ops.map((o) => o.describe),
      requestBytes: byteLength(JSON.stringify(ops.map((o) => o.json))),
      responseBytes: 0,
    };
    this.state.syncs.push(record);
    // Results never show before the caller awaits, as with a real round trip.
    await Promise.resolve();
    const fail = (e: FakeOfficeError): never => {
      record.error = e.code;
      throw e;
    };
    if (record.requestBytes > this.state.payloadLimitBytes) {
      fail(
        new FakeOfficeError(
          'RequestPayloadSizeLimitExceeded',
          `The request payload (${record.requestBytes} bytes) exceeds the limit.`,
        ),
      );
    }
    const results: unknown[] = [];
    for (const op of ops) {
      try {
        results.push(op.run());
      } catch (e) {
        fail(e instanceof FakeOfficeError ? e : new FakeOfficeError('GeneralException', String(e)));
      }
    }
    record.responseBytes = byteLength(JSON.stringify(results.filter((r) => r !== undefined)));
    if (record.responseBytes > this.state.payloadLimitBytes) {
      fail(
        new FakeOfficeError(
          'ResponsePayloadSizeLimitExceeded',
          `The response payload (${record.responseBytes} bytes) exceeds the limit.`,
        ),
      );
    }
    ops.forEach((op, i) => op.commit?.(results[i]));
  }
}

// ================================================================ proxies

abstract class ClientObject<T> {
  protected readonly loaded = new Map<string, unknown>();
  private cached: T | null | undefined;
  private nullResolved: boolean | undefined;

  constructor(
    readonly context: FakeRequestContext,
    readonly path: string,
    private readonly locate: () => T | null,
    nullable = false,
  ) {
    if (nullable) {
      context.enqueue({
        describe: `resolve ${path}`,
        json: { p: path, a: 'resolve' },
        run: () => this.resolve() === null,
        commit: (isNull) => {
          this.nullResolved = isNull as boolean;
        },
      });
    }
  }

  protected abstract readonly typeName: string;
  /** The scalar properties `load()` without arguments brings. */
  protected abstract readonly scalarProps: readonly string[];
  protected abstract readProp(target: T, name: string): unknown;

  /** Binds the proxy to its object the first time a request touches it. */
  protected resolve(): T | null {
    if (this.cached === undefined) this.cached = this.locate();
    if (this.cached !== null && (this.cached as { deleted?: boolean }).deleted) {
      throw new FakeOfficeError('InvalidObjectPath', `${this.typeName} at ${this.path} was deleted.`);
    }
    return this.cached;
  }

  protected target(): T {
    const t = this.resolve();
    if (t === null)
      throw new FakeOfficeError('ItemNotFound', `${this.path} does not exist (a null object cannot be used).`);
    return t;
  }

  /** Binds a proxy whose object a queued operation creates. */
  protected bind(t: T): void {
    this.cached = t;
  }

  get isNullObject(): boolean {
    if (this.nullResolved === undefined) throw notLoaded(this.typeName, 'isNullObject');
    return this.nullResolved;
  }

  protected get<V>(name: string): V {
    if (!this.loaded.has(name)) throw notLoaded(this.typeName, name);
    return this.loaded.get(name) as V;
  }

  protected setProp(name: string, value: unknown, apply: (t: T) => void): void {
    this.loaded.set(name, value);
    this.context.enqueue({
      describe: `set ${this.typeName}.${name}`,
      json: { p: this.path, a: 'set', n: name, v: value },
      run: () => {
        const t = this.target();
        this.guardChange(t, name);
        apply(t);
        return undefined;
      },
    });
  }

  protected call(method: string, args: unknown[], apply: (t: T) => void): void {
    for (const a of args) checkContext(this.context, a);
    this.context.enqueue({
      describe: `call ${this.typeName}.${method}`,
      json: { p: this.path, a: 'call', m: method, args },
      run: () => {
        const t = this.target();
        this.guardChange(t, method);
        apply(t);
        return undefined;
      },
    });
  }

  /**
   * What Excel refuses before a change: any change to cells (values, formats, validation) of a
   * protected sheet or inside a PivotTable. Objects with other rules override this.
   */
  protected guardChange(t: T, _member: string): void {
    const cells = t as Partial<RangeTarget & AreasTarget>;
    if (!(cells.sheet instanceof SheetState)) return;
    if (cells.rect) cells.sheet.assertEditable(cells.rect);
    else for (const a of cells.areas ?? []) cells.sheet.assertEditable(a);
  }

  load(props?: string | string[]): this {
    const names = parseLoad(props) ?? [...this.scalarProps];
    this.context.enqueue({
      describe: `load ${this.typeName}(${names.join(',')})`,
      json: { p: this.path, a: 'load', n: names },
      run: () => {
        const t = this.resolve();
        const out: Record<string, unknown> = {};
        if (t !== null) for (const n of names) out[n] = this.readProp(t, n);
        return out;
      },
      commit: (out) => {
        for (const [k, v] of Object.entries(out as Record<string, unknown>)) this.loaded.set(k, v);
      },
    });
    return this;
  }

  toJSON(): unknown {
    return { path: this.path };
  }
}

function checkContext(context: FakeRequestContext, arg: unknown): void {
  if (arg instanceof ClientObject && arg.context !== context) {
    throw new FakeOfficeError('InvalidRequestContext', 'Cannot use the object across different request contexts.');
  }
}

const str = JSON.stringify;

// ---------------------------------------------------------------- workbook, application, functions

export class FakeWorkbookObject {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  readonly functions: FakeFunctions;
  constructor(readonly context: FakeRequestContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.names = new FakeNamedItemCollection(context);
    this.functions = new FakeFunctions(context);
  }
  /** Workbook.protection (ExcelApi 1.7): the structure's protection. */
  get protection(): FakeProtection {
    return new FakeProtection(this.context, 'workbook.protection', () => this.context.state.protected);
  }
}

export class FakeApplication {
  constructor(private readonly context: FakeRequestContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.context.enqueue({
      describe: 'call Application.suspendApiCalculationUntilNextSync',
      json: { p: 'application', a: 'call', m: 'suspendApiCalculationUntilNextSync' },
      run: () => undefined,
    });
  }
}

export class FakeFunctions {
  constructor(private readonly context: FakeRequestContext) {}
  /** DATE(y, m, d): the serial in the workbook's date system (DATE(1904,1,1) is 0 under 1904). */
  date(y: number, m: number, d: number): FakeFunctionResult {
    return new FakeFunctionResult(this.context, `functions.date(${y},${m},${d})`, () => {
      const s = dateSerial(y, m, d, this.context.state.date1904);
      return s === undefined ? { error: '#NUM!' } : { value: s };
    });
  }
}

class FakeFunctionResult extends ClientObject<{ value?: number; error?: string }> {
  protected readonly typeName = 'FunctionResult';
  protected readonly scalarProps = ['value', 'error'];
  protected readProp(t: { value?: number; error?: string }, name: string): unknown {
    return name === 'value' ? (t.value ?? null) : (t.error ?? null);
  }
  get value(): number {
    return this.get('value');
  }
}

// ---------------------------------------------------------------- worksheets

export class FakeWorksheetCollection extends ClientObject<WorkbookState> {
  protected readonly typeName = 'WorksheetCollection';
  protected readonly scalarProps = ['items'];

  constructor(context: FakeRequestContext) {
    super(context, 'worksheets', () => context.state);
  }

  protected readProp(): unknown {
    throw new Error('collections load items');
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, `worksheets.getItem(${str(name)})`, () => {
      const s = this.context.state.findSheet(name);
      if (!s) throw new FakeOfficeError('ItemNotFound', `The worksheet '${name}' does not exist.`);
      return s;
    });
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(
      this.context,
      `worksheets.getItemOrNullObject(${str(name)})`,
      () => this.context.state.findSheet(name) ?? null,
      true,
    );
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(
      this.context,
      'worksheets.getActiveWorksheet()',
      () => this.context.state.activeSheet ?? null,
    );
  }

  add(name?: string): FakeWorksheet {
    let created: SheetState | undefined;
    const sheet = new FakeWorksheet(this.context, `worksheets.add(${str(name ?? null)})`, () => {
      if (!created) throw new FakeOfficeError('InvalidObjectPath', 'The worksheet was used before it was added.');
      return created;
    });
    this.context.enqueue({
      describe: 'call WorksheetCollection.add',
      json: { p: 'worksheets', a: 'call', m: 'add', args: [name ?? null] },
      run: () => {
        this.context.state.assertStructureEditable();
        created = this.context.state.addSheet(name);
        return undefined;
      },
    });
    return sheet;
  }

  /** `load('items/name, items/position')` or `load('name, position')`. */
  override load(props?: string | string[]): this {
    const names = (parseLoad(props) ?? ['name']).map((p) => p.replace(/^items\//, '')).filter((p) => p !== 'items');
    let snapshot: { sheet: SheetState; props: Record<string, unknown> }[] = [];
    this.context.enqueue({
      describe: `load WorksheetCollection(${names.join(',')})`,
      json: { p: this.path, a: 'load', n: names },
      run: () => {
        // The items as they are at this point of the request, not after later operations.
        snapshot = this.context.state.sheets.map((sheet) => ({
          sheet,
          props: Object.fromEntries(names.map((n) => [n, readSheetProp(this.context.state, sheet, n)])),
        }));
        return snapshot.map((s) => s.props);
      },
      commit: () => {
        this.loaded.set(
          'items',
          snapshot.map(({ sheet, props }, i) => {
            const ws = new FakeWorksheet(this.context, `worksheets.items[${i}]`, () => sheet);
            for (const [n, v] of Object.entries(props)) ws.preload(n, v);
            return ws;
          }),
        );
      },
    });
    return this;
  }

  get items(): FakeWorksheet[] {
    return this.get('items');
  }
}

function readSheetProp(book: WorkbookState, s: SheetState, name: string): unknown {
  switch (name) {
    case 'name':
      return s.name;
    case 'position':
      return book.sheets.indexOf(s);
    case 'visibility':
      return s.visibility;
    case 'id':
      return s.id;
    default:
      throw new FakeOfficeError('InvalidArgument', `Worksheet has no property '${name}'.`);
  }
}

export class FakeWorksheet extends ClientObject<SheetState> {
  protected readonly typeName = 'Worksheet';
  protected readonly scalarProps = ['id', 'name', 'position', 'visibility'];

  constructor(context: FakeRequestContext, path: string, locate: () => SheetState | null, nullable = false) {
    super(context, path, locate, nullable);
  }

  protected readProp(t: SheetState, name: string): unknown {
    return readSheetProp(this.context.state, t, name);
  }

  /** Renaming, moving, hiding or deleting a sheet changes the workbook's structure. */
  protected override guardChange(_t: SheetState, member: string): void {
    if (member !== 'activate') this.context.state.assertStructureEditable();
  }

  /** Collection loads fill in item properties directly. */
  preload(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }

  /** The sheet this proxy is bound to (for proxies that hang off it). */
  sheetState(): SheetState {
    return this.target();
  }

  get name(): string {
    return this.get('name');
  }
  set name(v: string) {
    this.setProp('name', v, (s) => this.context.state.renameSheet(s, v));
  }
  get position(): number {
    return this.get('position');
  }
  get id(): string {
    return this.get('id');
  }
  set position(v: number) {
    this.setProp('position', v, (s) => this.context.state.moveSheet(s, v));
  }
  get visibility(): string {
    return this.get('visibility');
  }
  set visibility(v: 'Visible' | 'Hidden' | 'VeryHidden') {
    this.setProp('visibility', v, (s) => {
      if (!['Visible', 'Hidden', 'VeryHidden'].includes(v))
        throw new FakeOfficeError('InvalidArgument', `visibility ${v}`);
      s.visibility = v;
    });
  }

  delete(): void {
    this.call('delete', [], (s) => this.context.state.deleteSheet(s));
  }

  activate(): void {
    this.call('activate', [], (s) => {
      this.context.state.activeSheet = s;
    });
  }

  /** Worksheet.copy (ExcelApi 1.7): 'None' puts the copy first, as Excel does. */
  copy(
    positionType: 'None' | 'Before' | 'After' | 'Beginning' | 'End' = 'None',
    relativeTo?: FakeWorksheet,
  ): FakeWorksheet {
    checkContext(this.context, relativeTo);
    let created: SheetState | undefined;
    const copy = new FakeWorksheet(this.context, `${this.path}.copy(${str(positionType)})`, () => {
      if (!created) throw new FakeOfficeError('InvalidObjectPath', 'The worksheet was used before it was copied.');
      return created;
    });
    this.context.enqueue({
      describe: 'call Worksheet.copy',
      json: { p: this.path, a: 'call', m: 'copy', args: [positionType, relativeTo ?? null] },
      run: () => {
        const book = this.context.state;
        book.assertStructureEditable();
        const source = this.sheetState();
        const needsRelative = positionType === 'Before' || positionType === 'After';
        if (needsRelative !== (relativeTo !== undefined)) {
          throw new FakeOfficeError(
            'InvalidArgument',
            'relativeTo is given exactly when positionType is Before or After.',
          );
        }
        if (source.visibility === 'VeryHidden')
          throw new FakeOfficeError('InvalidOperation', 'A very hidden worksheet cannot be copied.');
        const anchor = relativeTo ? book.sheets.indexOf(relativeTo.sheetState()) : -1;
        const position = { None: 0, Beginning: 0, End: book.sheets.length, Before: anchor, After: anchor + 1 }[
          positionType
        ];
        if (position === undefined) throw new FakeOfficeError('InvalidArgument', `positionType ${positionType}`);
        created = book.copySheet(source, position);
        return undefined;
      },
    });
    return copy;
  }

  /** Several areas at once, e.g. `B3, D5:D9` (ExcelApi 1.9). */
  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(this.context, `${this.path}.getRanges(${str(address)})`, this, () => {
      const parts = address.split(/[,;]/).map((a) => a.trim());
      if (parts.some((p) => !p)) throw new FakeOfficeError('InvalidArgument', `The address '${address}' is not valid.`);
      return parts.map(parseA1);
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, `${this.path}.getRange(${str(address ?? null)})`, this, () =>
      address === undefined ? { row: 0, col: 0, rows: 1_048_576, cols: 16_384 } : parseA1(address),
    );
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.context, `${this.path}.getRangeByIndexes(${row},${col},${rows},${cols})`, this, () =>
      checkBounds({ row, col, rows, cols }),
    );
  }

  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.context,
      `${this.path}.getUsedRange(${valuesOnly})`,
      this,
      () => this.sheetState().usedRect(valuesOnly) ?? { row: 0, col: 0, rows: 1, cols: 1 },
    );
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.context,
      `${this.path}.getUsedRangeOrNullObject(${valuesOnly})`,
      this,
      () => this.sheetState().usedRect(valuesOnly),
      true,
    );
  }

  get tables(): FakeTableCollection {
    return new FakeTableCollection(this.context, this);
  }
  get charts(): FakeChartCollection {
    return new FakeChartCollection(this.context, this);
  }
  get customProperties(): FakeCustomPropertyCollection {
    return new FakeCustomPropertyCollection(this.context, this);
  }
  get freezePanes(): FakeFreezePanes {
    return new FakeFreezePanes(this.context, this);
  }
  /** Worksheet.protection (ExcelApi 1.2): `protected` only. */
  get protection(): FakeProtection {
    return new FakeProtection(this.context, `${this.path}.protection`, () => this.sheetState().protected);
  }
  /** Worksheet.pivotTables (ExcelApi 1.8): names, and each one's range through `layout.getRange()`. */
  get pivotTables(): FakePivotTableCollection {
    return new FakePivotTableCollection(this.context, this);
  }
  /** Worksheet.autoFilter (ExcelApi 1.9): `enabled`, `isDataFiltered`, `remove()`. */
  get autoFilter(): FakeAutoFilter {
    return new FakeAutoFilter(this.context, this);
  }
}

/** Worksheet or workbook protection: whether it is on. */
export class FakeProtection extends ClientObject<{ protected: boolean }> {
  protected readonly typeName = 'Protection';
  protected readonly scalarProps = ['protected'];
  constructor(context: FakeRequestContext, path: string, isProtected: () => boolean) {
    super(context, path, () => ({ protected: isProtected() }));
  }
  protected readProp(t: { protected: boolean }, name: string): unknown {
    if (name === 'protected') return t.protected;
    throw new FakeOfficeError('InvalidArgument', `Protection has no property '${name}' in the fake.`);
  }
  get protected(): boolean {
    return this.get('protected');
  }
}

export class FakePivotTableCollection {
  private loadedItems: FakePivotTable[] | undefined;
  constructor(
    private readonly context: FakeRequestContext,
    private readonly sheet: FakeWorksheet,
  ) {}
  load(props?: string | string[]): this {
    const names = (parseLoad(props) ?? ['name']).map((p) => p.replace(/^items\//, '')).filter((p) => p !== 'items');
    if (names.some((n) => n !== 'name'))
      throw new FakeOfficeError('InvalidArgument', `The fake loads PivotTables' name only, not ${names}.`);
    let snapshot: { name: string; rect: Rect }[] = [];
    this.context.enqueue({
      describe: 'load PivotTableCollection(name)',
      json: { p: `${this.sheet.path}.pivotTables`, a: 'load', n: names },
      run: () => {
        snapshot = this.sheet.sheetState().pivots.map((p) => ({ ...p }));
        return snapshot.map((p) => ({ name: p.name }));
      },
      commit: () => {
        this.loadedItems = snapshot.map(
          (p, i) => new FakePivotTable(this.context, `${this.sheet.path}.pivotTables.items[${i}]`, this.sheet, p),
        );
      },
    });
    return this;
  }
  get items(): FakePivotTable[] {
    if (!this.loadedItems) throw notLoaded('PivotTableCollection', 'items');
    return this.loadedItems;
  }
}

export class FakePivotTable {
  constructor(
    private readonly context: FakeRequestContext,
    readonly path: string,
    private readonly worksheet: FakeWorksheet,
    private readonly pivot: { name: string; rect: Rect },
  ) {}
  get name(): string {
    return this.pivot.name;
  }
  get layout(): { getRange: () => FakeRange } {
    return {
      getRange: () =>
        new FakeRange(this.context, `${this.path}.layout.getRange()`, this.worksheet, () => this.pivot.rect),
    };
  }
}

export class FakeAutoFilter extends ClientObject<SheetState> {
  protected readonly typeName = 'AutoFilter';
  protected readonly scalarProps = ['enabled', 'isDataFiltered'];
  constructor(context: FakeRequestContext, worksheet: FakeWorksheet) {
    super(context, `${worksheet.path}.autoFilter`, () => worksheet.sheetState());
  }
  protected readProp(t: SheetState, name: string): unknown {
    if (name === 'enabled') return t.autoFilter !== null;
    if (name === 'isDataFiltered') return !!t.autoFilter?.filtered;
    throw new FakeOfficeError('InvalidArgument', `AutoFilter has no property '${name}' in the fake.`);
  }
  get enabled(): boolean {
    return this.get('enabled');
  }
  get isDataFiltered(): boolean {
    return this.get('isDataFiltered');
  }
  /** Removes the filter (and shows the rows it hid); a protected sheet refuses. */
  remove(): void {
    this.call('remove', [], (t) => {
      t.assertEditable();
      t.autoFilter = null;
    });
  }
}

class FakeFreezePanes {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly sheet: FakeWorksheet,
  ) {}
  /** The frozen rows as whole rows (this fake freezes rows only), or a null object when none are. */
  getLocationOrNullObject(): FakeRange {
    return new FakeRange(
      this.context,
      `${this.sheet.path}.freezePanes.getLocationOrNullObject()`,
      this.sheet,
      () => {
        const rows = this.sheet.sheetState().freezeRows;
        return rows ? { row: 0, col: 0, rows, cols: MAX_COLS } : null;
      },
      true,
    );
  }
  /** Freezes the rows above the range's end (the fake models frozen rows only). */
  freezeAt(frozen: FakeRange): void {
    this.context.enqueue({
      describe: 'call WorksheetFreezePanes.freezeAt',
      json: { p: `${this.sheet.path}.freezePanes`, a: 'call', m: 'freezeAt', args: [frozen.path] },
      run: () => {
        const { rect } = frozen.rangeTarget();
        if (rect.row !== 0 || rect.col !== 0 || rect.cols !== MAX_COLS)
          throw new FakeOfficeError('NotImplemented', 'The fake freezes whole rows from row 1 only.');
        this.sheet.sheetState().freezeRows = rect.rows;
        return undefined;
      },
    });
  }
  unfreeze(): void {
    this.context.enqueue({
      describe: 'call WorksheetFreezePanes.unfreeze',
      json: { p: `${this.sheet.path}.freezePanes`, a: 'call', m: 'unfreeze', args: [] },
      run: () => {
        this.sheet.sheetState().freezeRows = 0;
        return undefined;
      },
    });
  }
  freezeRows(count = 1): void {
    this.context.enqueue({
      describe: 'call WorksheetFreezePanes.freezeRows',
      json: { p: `${this.sheet.path}.freezePanes`, a: 'call', m: 'freezeRows', args: [count] },
      run: () => {
        this.sheet.sheetState().freezeRows = count;
        return undefined;
      },
    });
  }
}

// ---------------------------------------------------------------- ranges

interface RangeTarget {
  sheet: SheetState;
  rect: Rect;
}

const RANGE_READS = new Set(['values', 'formulas', 'numberFormat', 'text']);

export class FakeRange extends ClientObject<RangeTarget> {
  protected readonly typeName = 'Range';
  protected readonly scalarProps = [
    'address',
    'rowIndex',
    'columnIndex',
    'rowCount',
    'columnCount',
    'values',
    'formulas',
    'numberFormat',
  ];

  constructor(
    context: FakeRequestContext,
    path: string,
    readonly worksheet: FakeWorksheet,
    rectOf: () => Rect | null,
    nullable = false,
  ) {
    super(
      context,
      path,
      () => {
        const sheet = worksheet.sheetState();
        const rect = rectOf();
        return rect === null ? null : { sheet, rect };
      },
      nullable,
    );
  }

  protected override resolve(): RangeTarget | null {
    const t = super.resolve();
    if (t?.sheet.deleted) throw new FakeOfficeError('InvalidObjectPath', `The worksheet of ${this.path} was deleted.`);
    return t;
  }

  /** Sheet and rectangle, resolved (for objects that hang off this range). */
  rangeTarget(): RangeTarget {
    return this.target();
  }

  protected readProp(t: RangeTarget, name: string): unknown {
    const { sheet, rect } = t;
    if (RANGE_READS.has(name) && rect.rows * rect.cols > this.context.state.maxReadCells) {
      throw new FakeOfficeError(
        'RangeExceedsLimit',
        `Reading ${rect.rows * rect.cols} cells exceeds the limit of ${this.context.state.maxReadCells}.`,
      );
    }
    const cells = <V>(at: (r: number, c: number) => V): V[][] => rectRows(rect, at);
    switch (name) {
      case 'address':
        return `${quoteSheet(sheet.name)}!${a1(rect)}`;
      case 'rowIndex':
        return rect.row;
      case 'columnIndex':
        return rect.col;
      case 'rowCount':
        return rect.rows;
      case 'columnCount':
        return rect.cols;
      case 'values':
        return cells((r, c) => sheet.valueAt(r, c));
      case 'formulas':
        return cells((r, c) => sheet.formulas.get(r, c) ?? sheet.valueAt(r, c));
      case 'numberFormat':
        return cells((r, c) => sheet.numberFormats.get(r, c) ?? 'General');
      case 'text':
        return cells((r, c) => String(sheet.valueAt(r, c)));
      default:
        throw new FakeOfficeError('InvalidArgument', `Range has no property '${name}'.`);
    }
  }

  get address(): string {
    return this.get('address');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get values(): Scalar[][] {
    return this.get('values');
  }
  set values(v: unknown[][]) {
    this.setProp('values', v, (t) => this.writeInputs(t, v));
  }
  get formulas(): Scalar[][] {
    return this.get('formulas');
  }
  set formulas(v: unknown[][]) {
    this.setProp('formulas', v, (t) => this.writeInputs(t, v));
  }
  get numberFormat(): string[][] {
    return this.get('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this.setProp('numberFormat', v, ({ sheet, rect }) => {
      checkShape(rect, v);
      v.forEach((row, i) =>
        row.forEach((f, j) => {
          if (f === null || f === undefined) return;
          if (typeof f !== 'string')
            throw new FakeOfficeError('InvalidArgument', `A number format is a string, not ${String(f)}.`);
          sheet.numberFormats.set(rect.row + i, rect.col + j, f);
        }),
      );
    });
  }

  private writeInputs({ sheet, rect }: RangeTarget, v: unknown[][]): void {
    checkShape(rect, v);
    const date1904 = this.context.state.date1904;
    for (let i = 0; i < rect.rows; i++) {
      const row = v[i];
      for (let j = 0; j < rect.cols; j++) {
        const input = parseInput(row[j], date1904);
        if (input) sheet.write(rect.row + i, rect.col + j, input);
      }
    }
  }

  get format(): FakeRangeFormat {
    return new FakeRangeFormat(this.context, this);
  }
  get dataValidation(): FakeDataValidation {
    return new FakeDataValidation(this.context, this);
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return new FakeConditionalFormatCollection(this.context, `${this.path}.conditionalFormats`, () => {
      const { sheet, rect } = this.rangeTarget();
      return { sheet, areas: [rect] };
    });
  }

  /**
   * Range.copyFrom (ExcelApi 1.9) like copy and paste: a source that fits a whole number of
   * times is tiled over the range, otherwise pasted once at its top-left corner; relative
   * references in copied formulas move with the cell. Formats bring the source's conditional
   * formats along and All its data validation too, as Paste does. The fake does not calculate,
   * so it refuses to paste the values of formulas; and it models only conditional formats and
   * validation that cover the whole source, or lie inside a source pasted once (it refuses
   * rather than guess).
   */
  copyFrom(
    source: FakeRange | string,
    copyType: 'All' | 'Formulas' | 'Values' | 'Formats' = 'All',
    skipBlanks = false,
    transpose = false,
  ): void {
    checkContext(this.context, source);
    this.call('copyFrom', [source, copyType, skipBlanks, transpose], ({ sheet, rect }) => {
      if (skipBlanks || transpose)
        throw new FakeOfficeError('NotImplemented', 'The fake copies without skipBlanks and transpose.');
      if (!['All', 'Formulas', 'Values', 'Formats'].includes(copyType))
        throw new FakeOfficeError('InvalidArgument', `copyType ${copyType}`);
      const from = typeof source === 'string' ? { sheet, rect: parseA1(source) } : source.rangeTarget();
      const src = from.sheet;
      const s = from.rect;
      const formats = copyType === 'All' || copyType === 'Formats';
      const tiles = rect.rows % s.rows === 0 && rect.cols % s.cols === 0;
      const dest = tiles ? rect : { ...rect, rows: s.rows, cols: s.cols };
      checkBounds(dest);
      const shift = (f: string, from: Rect) => shiftFormula(f, dest.row - from.row, dest.col - from.col);
      const touching = formats ? src.conditionalFormats.filter((cf) => areasOf(cf).some((a) => overlaps(a, s))) : [];
      const cfs = touching.filter((cf) => areasOf(cf).some((a) => contains(a, s)));
      const dvsTouching = copyType === 'All' ? src.validations.filter((v) => overlaps(v.rect, s)) : [];
      const dvs = dvsTouching.filter((v) => contains(v.rect, s));
      // Formats inside the source move with its cells: modelled where the source is pasted once.
      const once = dest.rows === s.rows && dest.cols === s.cols;
      const cfsInside = touching.filter((cf) => !cfs.includes(cf) && areasOf(cf).every((a) => contains(s, a)));
      const dvsInside = dvsTouching.filter((v) => !dvs.includes(v) && contains(s, v.rect));
      if (
        cfs.length + cfsInside.length < touching.length ||
        dvs.length + dvsInside.length < dvsTouching.length ||
        (!once && cfsInside.length + dvsInside.length > 0)
      ) {
        throw new FakeOfficeError(
          'NotImplemented',
          'The fake copies conditional formats and validation only when they cover the whole source, or lie inside a source pasted once.',
        );
      }
      const dr = dest.row - s.row;
      const dc = dest.col - s.col;
      const moved = (r: Rect): Rect => ({ ...r, row: r.row + dr, col: r.col + dc });
      // Read the whole source first: it may overlap the destination.
      const cells: {
        r: number;
        c: number;
        value?: Scalar;
        formula?: string;
        fmt?: string;
        fill?: string;
        bold?: boolean;
        font?: string;
        size?: number;
        italic?: boolean;
      }[] = [];
      forEachCell(s, (r, c) => {
        cells.push({
          r,
          c,
          value: src.values.get(r, c),
          formula: src.formulas.get(r, c),
          fmt: src.numberFormats.get(r, c),
          fill: src.fills.get(r, c),
          bold: src.bold.get(r, c),
          font: src.fontColors.get(r, c),
          size: src.fontSizes.get(r, c),
          italic: src.italic.get(r, c),
        });
      });
      if (copyType === 'Values' && cells.some((x) => x.formula !== undefined)) {
        throw new FakeOfficeError(
          'NotImplemented',
          'The fake does not calculate, so it cannot paste the values of formulas.',
        );
      }
      forEachCell(dest, (r, c) => {
        const x = cells[((r - dest.row) % s.rows) * s.cols + ((c - dest.col) % s.cols)];
        if (copyType !== 'Formats') {
          if (x.formula !== undefined)
            sheet.write(r, c, { kind: 'formula', formula: shiftFormula(x.formula, r - x.r, c - x.c) });
          else if (x.value !== undefined) sheet.write(r, c, { kind: 'value', value: x.value });
          else sheet.write(r, c, { kind: 'clear' });
        }
        if (copyType === 'All' || copyType === 'Formats') {
          sheet.numberFormats.set(r, c, x.fmt);
          sheet.fills.set(r, c, x.fill);
          sheet.bold.set(r, c, x.bold);
          sheet.fontColors.set(r, c, x.font);
          sheet.fontSizes.set(r, c, x.size);
          sheet.italic.set(r, c, x.italic);
        }
      });
      for (const cf of cfs) {
        // A format's formula is relative to its first cell; pasted, it is relative to the destination's.
        const { areas: _areas, ...rest } = cf;
        sheet.conditionalFormats.push({
          ...rest,
          rect: dest,
          ...(cf.formula ? { formula: shift(cf.formula, areasOf(cf)[0]) } : {}),
        });
      }
      for (const cf of cfsInside) {
        const areas = areasOf(cf).map(moved);
        sheet.conditionalFormats.push({
          ...cf,
          rect: moved(cf.rect),
          ...(cf.areas ? { areas } : {}),
          ...(cf.formula ? { formula: shiftFormula(cf.formula, dr, dc) } : {}),
        });
      }
      if (dvs.length || dvsInside.length) {
        sheet.validations.splice(
          0,
          sheet.validations.length,
          ...sheet.validations.filter((v) => !contains(dest, v.rect)),
        );
        for (const v of dvsInside) {
          const rule = JSON.parse(JSON.stringify(v.rule ?? {}), (_k, val: unknown) =>
            typeof val === 'string' && val.startsWith('=') ? shiftFormula(val, dr, dc) : val,
          ) as Record<string, unknown>;
          sheet.validations.push({ ...JSON.parse(JSON.stringify(v)), rect: moved(v.rect), rule });
        }
        for (const v of dvs) {
          const rule = JSON.parse(JSON.stringify(v.rule ?? {}), (_k, val: unknown) =>
            typeof val === 'string' && val.startsWith('=') ? shift(val, v.rect) : val,
          ) as Record<string, unknown>;
          sheet.validations.push({ ...v, rect: dest, rule });
        }
      }
    });
  }

  /** Range.clear: 'Contents' keeps formats, 'Formats' keeps contents. */
  clear(applyTo: 'All' | 'Contents' | 'Formats' = 'All'): void {
    this.call('clear', [applyTo], ({ sheet, rect }) => {
      if (!['All', 'Contents', 'Formats'].includes(applyTo))
        throw new FakeOfficeError('NotImplemented', `The fake clears All, Contents or Formats, not ${applyTo}.`);
      forEachCell(rect, (r, c) => {
        if (applyTo !== 'Formats') sheet.write(r, c, { kind: 'clear' });
        if (applyTo !== 'Contents') {
          for (const plane of [
            sheet.numberFormats,
            sheet.fills,
            sheet.bold,
            sheet.fontColors,
            sheet.fontSizes,
            sheet.italic,
          ] as const) {
            (plane as { set: (r: number, c: number, v: undefined) => void }).set(r, c, undefined);
          }
        }
      });
    });
  }

  private derived(name: string, rect: (r: Rect) => Rect): FakeRange {
    return new FakeRange(this.context, `${this.path}.${name}`, this.worksheet, () =>
      checkBounds(rect(this.target().rect)),
    );
  }
  /** The merged areas in the range (ExcelApi 1.13), a null object when there are none. */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(
      this.context,
      `${this.path}.getMergedAreasOrNullObject()`,
      this.worksheet,
      () => {
        const { sheet, rect } = this.target();
        const found = sheet.merges.filter((m) => overlaps(m, rect));
        return found.length ? found : null;
      },
      true,
    );
  }
  getCell(row: number, col: number): FakeRange {
    return this.derived(`getCell(${row},${col})`, (r) => ({ row: r.row + row, col: r.col + col, rows: 1, cols: 1 }));
  }
  getResizedRange(dRows: number, dCols: number): FakeRange {
    return this.derived(`getResizedRange(${dRows},${dCols})`, (r) => ({
      ...r,
      rows: r.rows + dRows,
      cols: r.cols + dCols,
    }));
  }
  getOffsetRange(dRows: number, dCols: number): FakeRange {
    return this.derived(`getOffsetRange(${dRows},${dCols})`, (r) => ({ ...r, row: r.row + dRows, col: r.col + dCols }));
  }
  getRow(i: number): FakeRange {
    return this.derived(`getRow(${i})`, (r) => ({ ...r, row: r.row + i, rows: 1 }));
  }
  getColumn(j: number): FakeRange {
    return this.derived(`getColumn(${j})`, (r) => ({ ...r, col: r.col + j, cols: 1 }));
  }
}

function checkShape(rect: Rect, v: unknown): void {
  const ok =
    Array.isArray(v) && v.length === rect.rows && v.every((row) => Array.isArray(row) && row.length === rect.cols);
  if (!ok) {
    const shape = Array.isArray(v) ? `${v.length}×${Array.isArray(v[0]) ? v[0].length : '?'}` : typeof v;
    throw new FakeOfficeError(
      'InvalidArgument',
      `The input array (${shape}) does not match the size of the range (${rect.rows}×${rect.cols}).`,
    );
  }
}

function forEachCell(rect: Rect, fn: (r: number, c: number) => void): void {
  for (let i = 0; i < rect.rows; i++) for (let j = 0; j < rect.cols; j++) fn(rect.row + i, rect.col + j);
}

/** One value when every cell agrees, else null (as Office.js reports mixed formats). */
function uniform<V>(rect: Rect, at: (r: number, c: number) => V): V | null {
  const first = at(rect.row, rect.col);
  let same = true;
  forEachCell(rect, (r, c) => {
    if (at(r, c) !== first) same = false;
  });
  return same ? first : null;
}

/** Sub-objects of a range (format, fill, font, validation) act on the range's cells. */
abstract class RangePart extends ClientObject<RangeTarget> {
  constructor(context: FakeRequestContext, suffix: string, range: FakeRange) {
    super(context, `${range.path}.${suffix}`, () => range.rangeTarget());
  }
}

export class FakeRangeFormat extends RangePart {
  protected readonly typeName = 'RangeFormat';
  protected readonly scalarProps = [];
  constructor(
    context: FakeRequestContext,
    private readonly range: FakeRange,
  ) {
    super(context, 'format', range);
  }
  protected readProp(_t: RangeTarget, name: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `The fake's RangeFormat has no property '${name}'.`);
  }
  get fill(): FakeFill {
    return new FakeFill(this.context, this.range);
  }
  get font(): FakeFont {
    return new FakeFont(this.context, this.range);
  }
  autofitColumns(): void {
    this.call('autofitColumns', [], ({ sheet, rect }) => {
      for (let c = rect.col; c < rect.col + rect.cols; c++) sheet.autofitColumns.add(c);
    });
  }
  /** Width of the range's columns in points. */
  set columnWidth(v: number) {
    this.setProp('columnWidth', v, ({ sheet, rect }) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1800)
        throw new FakeOfficeError('InvalidArgument', `A column width is 0–1800 points, not ${String(v)}.`);
      for (let c = rect.col; c < rect.col + rect.cols; c++) sheet.columnWidths.set(c, v);
    });
  }
}

export class FakeFill extends RangePart {
  protected readonly typeName = 'RangeFill';
  protected readonly scalarProps = ['color'];
  constructor(context: FakeRequestContext, range: FakeRange) {
    super(context, 'format.fill', range);
  }
  protected readProp({ sheet, rect }: RangeTarget): unknown {
    return uniform(rect, (r, c) => sheet.fills.get(r, c) ?? '#FFFFFF');
  }
  get color(): string | null {
    return this.get('color');
  }
  set color(v: string) {
    this.setProp('color', v, ({ sheet, rect }) => {
      const color = normalizeColor(v);
      forEachCell(rect, (r, c) => sheet.fills.set(r, c, color));
    });
  }
  clear(): void {
    this.call('clear', [], ({ sheet, rect }) => forEachCell(rect, (r, c) => sheet.fills.set(r, c, undefined)));
  }
}

export class FakeFont extends RangePart {
  protected readonly typeName = 'RangeFont';
  protected readonly scalarProps = ['bold', 'color'];
  constructor(context: FakeRequestContext, range: FakeRange) {
    super(context, 'format.font', range);
  }
  protected readProp({ sheet, rect }: RangeTarget, name: string): unknown {
    if (name === 'bold') return uniform(rect, (r, c) => sheet.bold.get(r, c) ?? false);
    if (name === 'color') return uniform(rect, (r, c) => sheet.fontColors.get(r, c) ?? '#000000');
    throw new FakeOfficeError('InvalidArgument', `RangeFont has no property '${name}'.`);
  }
  get bold(): boolean | null {
    return this.get('bold');
  }
  set bold(v: boolean) {
    this.setProp('bold', v, ({ sheet, rect }) =>
      forEachCell(rect, (r, c) => sheet.bold.set(r, c, v ? true : undefined)),
    );
  }
  get color(): string | null {
    return this.get('color');
  }
  set color(v: string) {
    this.setProp('color', v, ({ sheet, rect }) => {
      const color = normalizeColor(v);
      forEachCell(rect, (r, c) => sheet.fontColors.set(r, c, color));
    });
  }
  set size(v: number) {
    this.setProp('size', v, ({ sheet, rect }) => {
      if (typeof v !== 'number' || v < 1 || v > 409)
        throw new FakeOfficeError('InvalidArgument', `A font size is 1–409, not ${String(v)}.`);
      forEachCell(rect, (r, c) => sheet.fontSizes.set(r, c, v));
    });
  }
  set italic(v: boolean) {
    this.setProp('italic', v, ({ sheet, rect }) =>
      forEachCell(rect, (r, c) => sheet.italic.set(r, c, v ? true : undefined)),
    );
  }
}

// ---------------------------------------------------------------- data validation

const RULE_KINDS = ['wholeNumber', 'decimal', 'textLength', 'date', 'time', 'list', 'custom'];

function checkRule(rule: unknown): Record<string, unknown> {
  const keys =
    rule && typeof rule === 'object'
      ? Object.keys(rule).filter((k) => (rule as Record<string, unknown>)[k] !== undefined)
      : [];
  if (keys.length !== 1 || !RULE_KINDS.includes(keys[0])) {
    throw new FakeOfficeError('InvalidArgument', `A data-validation rule has exactly one of ${RULE_KINDS.join(', ')}.`);
  }
  const body = (rule as Record<string, Record<string, unknown>>)[keys[0]];
  if (keys[0] === 'list') {
    const source = body?.source;
    if (typeof source === 'string') {
      // Excel's limit for a list typed into the rule (a range reference has none).
      if (!source.startsWith('=') && source.length > 255)
        throw new FakeOfficeError(
          'InvalidArgument',
          'A list source longer than 255 characters must be a range reference.',
        );
      if (source.length === 0) throw new FakeOfficeError('InvalidArgument', 'A list needs a source.');
    } else if (!(source instanceof FakeRange)) {
      throw new FakeOfficeError('InvalidArgument', 'A list source is a string or a range.');
    }
  } else if (keys[0] === 'custom') {
    if (typeof body?.formula !== 'string')
      throw new FakeOfficeError('InvalidArgument', 'A custom rule needs a formula.');
  } else if (body?.formula1 === undefined || typeof body.operator !== 'string') {
    throw new FakeOfficeError('InvalidArgument', `A ${keys[0]} rule needs formula1 and operator.`);
  }
  return JSON.parse(JSON.stringify(rule)) as Record<string, unknown>;
}

export class FakeDataValidation extends RangePart {
  protected readonly typeName = 'DataValidation';
  protected readonly scalarProps = ['rule', 'errorAlert', 'prompt', 'ignoreBlanks'];
  constructor(context: FakeRequestContext, range: FakeRange) {
    super(context, 'dataValidation', range);
  }
  /** The validation covering the whole range, created on first write. */
  private entry({ sheet, rect }: RangeTarget, create: boolean): ValidationState | undefined {
    const found = [...sheet.validations].reverse().find((v) => contains(v.rect, rect));
    if (found || !create) return found;
    const v: ValidationState = { rect, ignoreBlanks: true };
    sheet.validations.push(v);
    return v;
  }
  protected readProp(t: RangeTarget, name: string): unknown {
    const v = this.entry(t, false);
    switch (name) {
      case 'rule':
        return v?.rule ?? {};
      case 'errorAlert':
        return v?.errorAlert ?? null;
      case 'prompt':
        return v?.prompt ?? null;
      case 'ignoreBlanks':
        return v?.ignoreBlanks ?? true;
      default:
        throw new FakeOfficeError('InvalidArgument', `DataValidation has no property '${name}'.`);
    }
  }
  get rule(): Record<string, unknown> {
    return this.get('rule');
  }
  set rule(rule: Excel.DataValidationRule | Record<string, unknown>) {
    this.setProp('rule', rule, (t) => {
      const checked = checkRule(rule);
      // A new rule replaces whatever validation those cells had.
      t.sheet.validations.splice(
        0,
        t.sheet.validations.length,
        ...t.sheet.validations.filter((v) => !contains(t.rect, v.rect)),
      );
      this.entry(t, true)!.rule = checked;
    });
  }
  set errorAlert(alert: { title?: string; message?: string; showAlert?: boolean; style?: string }) {
    this.setProp('errorAlert', alert, (t) => {
      if ((alert.title ?? '').length > 32)
        throw new FakeOfficeError('InvalidArgument', 'An error alert title has at most 32 characters.');
      if ((alert.message ?? '').length > 225)
        throw new FakeOfficeError('InvalidArgument', 'An error alert message has at most 225 characters.');
      this.entry(t, true)!.errorAlert = { ...alert };
    });
  }
  set prompt(prompt: { title?: string; message?: string; showPrompt?: boolean }) {
    this.setProp('prompt', prompt, (t) => {
      if ((prompt.title ?? '').length > 32)
        throw new FakeOfficeError('InvalidArgument', 'A prompt title has at most 32 characters.');
      if ((prompt.message ?? '').length > 255)
        throw new FakeOfficeError('InvalidArgument', 'A prompt message has at most 255 characters.');
      this.entry(t, true)!.prompt = { ...prompt };
    });
  }
  clear(): void {
    this.call('clear', [], ({ sheet, rect }) => {
      const keep = sheet.validations.filter((v) => !contains(rect, v.rect));
      sheet.validations.splice(0, sheet.validations.length, ...keep);
    });
  }
}

// ---------------------------------------------------------------- conditional formats

/** What a conditional-format collection hangs off: a range or a RangeAreas. */
interface AreasTarget {
  sheet: SheetState;
  areas: Rect[];
}

const bounding = (areas: readonly Rect[]): Rect => {
  const row = Math.min(...areas.map((a) => a.row));
  const col = Math.min(...areas.map((a) => a.col));
  return {
    row,
    col,
    rows: Math.max(...areas.map((a) => a.row + a.rows)) - row,
    cols: Math.max(...areas.map((a) => a.col + a.cols)) - col,
  };
};

const areasOf = (cf: ConditionalFormatState): Rect[] => cf.areas ?? [cf.rect];

export class FakeConditionalFormatCollection {
  private loadedItems: FakeConditionalFormat[] | undefined;
  constructor(
    private readonly context: FakeRequestContext,
    private readonly path: string,
    private readonly target: () => AreasTarget,
  ) {}

  add(type: string): FakeConditionalFormat {
    let created: ConditionalFormatState | undefined;
    const cf = new FakeConditionalFormat(this.context, `${this.path}.add(${str(type)})`, () => {
      if (!created)
        throw new FakeOfficeError('InvalidObjectPath', 'The conditional format was used before it was added.');
      return created;
    });
    this.context.enqueue({
      describe: 'call ConditionalFormatCollection.add',
      json: { p: this.path, a: 'call', m: 'add', args: [type] },
      run: () => {
        if (type !== 'Custom')
          throw new FakeOfficeError('NotImplemented', `The fake models custom conditional formats only, not ${type}.`);
        const { sheet, areas } = this.target();
        for (const a of areas) sheet.assertEditable(a);
        created = areas.length === 1 ? { rect: areas[0], type } : { rect: bounding(areas), areas, type };
        sheet.conditionalFormats.push(created);
        return undefined;
      },
    });
    return cf;
  }

  /** `load('items/type')`: the formats that intersect the range, as they are at this point of the request. */
  load(props?: string | string[]): this {
    const names = (parseLoad(props) ?? ['type']).map((p) => p.replace(/^items\//, '')).filter((p) => p !== 'items');
    if (names.some((n) => n !== 'type'))
      throw new FakeOfficeError('InvalidArgument', `The fake loads conditional formats' type only, not ${names}.`);
    let snapshot: ConditionalFormatState[] = [];
    this.context.enqueue({
      describe: 'load ConditionalFormatCollection(type)',
      json: { p: this.path, a: 'load', n: names },
      run: () => {
        const { sheet, areas } = this.target();
        snapshot = sheet.conditionalFormats.filter((cf) => areasOf(cf).some((a) => areas.some((b) => overlaps(a, b))));
        return snapshot.map((cf) => ({ type: cf.type }));
      },
      commit: () => {
        this.loadedItems = snapshot.map((state, i) => {
          const cf = new FakeConditionalFormat(this.context, `${this.path}.items[${i}]`, () => state);
          cf.preload('type', state.type);
          return cf;
        });
      },
    });
    return this;
  }

  get items(): FakeConditionalFormat[] {
    if (!this.loadedItems) throw notLoaded('ConditionalFormatCollection', 'items');
    return this.loadedItems;
  }

  clearAll(): void {
    this.context.enqueue({
      describe: 'call ConditionalFormatCollection.clearAll',
      json: { p: this.path, a: 'call', m: 'clearAll' },
      run: () => {
        const { sheet, areas } = this.target();
        const keep = sheet.conditionalFormats.filter(
          (cf) => !areasOf(cf).every((a) => areas.some((b) => contains(b, a))),
        );
        sheet.conditionalFormats.splice(0, sheet.conditionalFormats.length, ...keep);
        return undefined;
      },
    });
  }
}

export class FakeConditionalFormat extends ClientObject<ConditionalFormatState & { deleted?: boolean }> {
  protected readonly typeName = 'ConditionalFormat';
  protected readonly scalarProps = ['type'];
  protected readProp(t: ConditionalFormatState): unknown {
    return t.type;
  }
  preload(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }
  get type(): string {
    return this.get('type');
  }
  /** Lets the nested custom-format proxies reach the state. */
  cfState(): ConditionalFormatState {
    return this.target();
  }
  /** The range it applies to; a null object when it applies to several areas. */
  getRangeOrNullObject(): FakeRange {
    const sheetOf = () => {
      const t = this.target();
      const sheet = this.context.state.sheets.find((s) => s.conditionalFormats.includes(t));
      if (!sheet) throw new FakeOfficeError('ItemNotFound', 'The conditional format does not exist.');
      return sheet;
    };
    const worksheet = new FakeWorksheet(this.context, `${this.path}.worksheet`, sheetOf);
    return new FakeRange(
      this.context,
      `${this.path}.getRangeOrNullObject()`,
      worksheet,
      () => {
        const t = this.target();
        return t.areas && t.areas.length > 1 ? null : t.rect;
      },
      true,
    );
  }
  delete(): void {
    this.call('delete', [], (t) => {
      const list = this.context.state.sheets.find((s) => s.conditionalFormats.includes(t))?.conditionalFormats;
      if (!list) throw new FakeOfficeError('ItemNotFound', 'The conditional format does not exist.');
      list.splice(list.indexOf(t), 1);
      (t as { deleted?: boolean }).deleted = true;
    });
  }
  get custom(): {
    rule: FakeConditionalFormatRule;
    format: { fill: { color: string }; font: { color: string; bold: boolean } };
  } {
    const setter = (name: string, apply: (t: ConditionalFormatState, v: unknown) => void) => (v: unknown) =>
      this.context.enqueue({
        describe: `set CustomConditionalFormat.${name}`,
        json: { p: `${this.path}.custom`, a: 'set', n: name, v },
        run: () => {
          apply(this.cfState(), v);
          return undefined;
        },
      });
    const setFill = setter('format.fill.color', (t, v) => {
      t.fill = normalizeColor(v);
    });
    const setFont = setter('format.font.color', (t, v) => {
      t.fontColor = normalizeColor(v);
    });
    const setBold = setter('format.font.bold', (t, v) => {
      t.bold = Boolean(v);
    });
    const writeOnly = (): never => {
      throw new FakeOfficeError(
        'PropertyNotLoaded',
        'The fake keeps conditional-format settings write-only; inspect the workbook state.',
      );
    };
    return {
      rule: new FakeConditionalFormatRule(this.context, `${this.path}.custom.rule`, () => this.cfState()),
      format: {
        fill: {
          set color(v: string) {
            setFill(v);
          },
          get color(): string {
            return writeOnly();
          },
        },
        font: {
          set color(v: string) {
            setFont(v);
          },
          get color(): string {
            return writeOnly();
          },
          set bold(v: boolean) {
            setBold(v);
          },
          get bold(): boolean {
            return writeOnly();
          },
        },
      },
    };
  }
}

export class FakeConditionalFormatRule extends ClientObject<ConditionalFormatState> {
  protected readonly typeName = 'ConditionalFormatRule';
  protected readonly scalarProps = ['formula'];
  protected readProp(t: ConditionalFormatState, name: string): unknown {
    if (name !== 'formula')
      throw new FakeOfficeError('InvalidArgument', `ConditionalFormatRule has no property '${name}'.`);
    return t.formula ?? '';
  }
  get formula(): string {
    return this.get('formula');
  }
  set formula(v: string) {
    this.setProp('formula', v, (t) => {
      if (typeof v !== 'string' || !v.startsWith('='))
        throw new FakeOfficeError('InvalidArgument', 'A conditional-format formula starts with "=".');
      t.formula = v;
    });
  }
}

/** Several areas of one sheet (Worksheet.getRanges): the fake models their conditional formats. */
export class FakeRangeAreas extends ClientObject<AreasTarget> {
  protected readonly typeName = 'RangeAreas';
  protected readonly scalarProps = ['address', 'areaCount'];
  /** A nullable one (getMergedAreasOrNullObject) is a null object when `areas` gives null. */
  constructor(
    context: FakeRequestContext,
    path: string,
    worksheet: FakeWorksheet,
    areas: () => Rect[] | null,
    nullable = false,
  ) {
    super(
      context,
      path,
      () => {
        const found = areas();
        return found && { sheet: worksheet.sheetState(), areas: found };
      },
      nullable,
    );
  }
  protected readProp(t: AreasTarget, name: string): unknown {
    if (name === 'address') return t.areas.map((a) => `${quoteSheet(t.sheet.name)}!${a1(a)}`).join(',');
    if (name === 'areaCount') return t.areas.length;
    throw new FakeOfficeError('InvalidArgument', `RangeAreas has no property '${name}'.`);
  }
  get address(): string {
    return this.get('address');
  }
  get areaCount(): number {
    return this.get('areaCount');
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return new FakeConditionalFormatCollection(this.context, `${this.path}.conditionalFormats`, () => this.target());
  }
}

// ---------------------------------------------------------------- tables

export class FakeTableCollection {
  private loadedItems: FakeTable[] | undefined;
  constructor(
    private readonly context: FakeRequestContext,
    private readonly sheet: FakeWorksheet,
  ) {}

  /** `load('items/name')`: the sheet's tables as they are at this point of the request. */
  load(props?: string | string[]): this {
    const names = (parseLoad(props) ?? ['name']).map((p) => p.replace(/^items\//, '')).filter((p) => p !== 'items');
    if (names.some((n) => n !== 'name' && n !== 'style'))
      throw new FakeOfficeError('InvalidArgument', `The fake loads tables' name and style only, not ${names}.`);
    let snapshot: TableState[] = [];
    this.context.enqueue({
      describe: `load TableCollection(${names.join(',')})`,
      json: { p: `${this.sheet.path}.tables`, a: 'load', n: names },
      run: () => {
        const sheet = this.sheet.sheetState();
        snapshot = this.context.state.tables.filter((t) => t.sheet === sheet);
        return snapshot.map((t) => ({ name: t.name, style: t.style }));
      },
      commit: () => {
        this.loadedItems = snapshot.map((t, i) => {
          const table = new FakeTable(this.context, `${this.sheet.path}.tables.items[${i}]`, this.sheet, () => t);
          table.preload('name', t.name);
          table.preload('style', t.style);
          return table;
        });
      },
    });
    return this;
  }

  get items(): FakeTable[] {
    if (!this.loadedItems) throw notLoaded('TableCollection', 'items');
    return this.loadedItems;
  }

  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    checkContext(this.context, address);
    let created: TableState | undefined;
    const table = new FakeTable(
      this.context,
      `${this.sheet.path}.tables.add(${typeof address === 'string' ? str(address) : address.path})`,
      this.sheet,
      () => {
        if (!created) throw new FakeOfficeError('InvalidObjectPath', 'The table was used before it was added.');
        return created;
      },
    );
    this.context.enqueue({
      describe: 'call TableCollection.add',
      json: { p: `${this.sheet.path}.tables`, a: 'call', m: 'add', args: [address, hasHeaders] },
      run: () => {
        const sheet = this.sheet.sheetState();
        let rect: Rect;
        if (typeof address === 'string')
          rect = parseA1(address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address);
        else {
          const t = address.rangeTarget();
          if (t.sheet !== sheet)
            throw new FakeOfficeError('InvalidArgument', 'The table range is on another worksheet.');
          rect = t.rect;
        }
        created = this.context.state.addTable(sheet, rect, hasHeaders);
        return undefined;
      },
    });
    return table;
  }
}

export class FakeTable extends ClientObject<TableState> {
  protected readonly typeName = 'Table';
  protected readonly scalarProps = ['name', 'style'];
  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly worksheet: FakeWorksheet,
    locate: () => TableState,
  ) {
    super(context, path, locate);
  }
  preload(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }
  protected readProp(t: TableState, name: string): unknown {
    if (name === 'name') return t.name;
    if (name === 'style') return t.style;
    throw new FakeOfficeError('InvalidArgument', `Table has no property '${name}'.`);
  }
  get name(): string {
    return this.get('name');
  }
  set name(v: string) {
    this.setProp('name', v, (t) => this.context.state.renameTable(t, v));
  }
  set style(v: string) {
    this.setProp('style', v, (t) => {
      if (typeof v !== 'string' || !/^TableStyle(Light|Medium|Dark)\d{1,2}$/.test(v))
        throw new FakeOfficeError('InvalidArgument', `table style ${v}`);
      t.style = v;
    });
  }
  getRange(): FakeRange {
    return new FakeRange(this.context, `${this.path}.getRange()`, this.worksheet, () => this.target().rect);
  }
  getDataBodyRange(): FakeRange {
    return new FakeRange(this.context, `${this.path}.getDataBodyRange()`, this.worksheet, () => {
      const { rect, hasHeaders } = this.target();
      return hasHeaders ? { ...rect, row: rect.row + 1, rows: rect.rows - 1 } : rect;
    });
  }
  /** Table.convertToRange (ExcelApi 1.2): the table goes, its cells keep their values and formats. */
  convertToRange(): FakeRange {
    let rect: Rect | undefined;
    this.call('convertToRange', [], (t) => {
      rect = t.rect;
      const tables = this.context.state.tables;
      tables.splice(tables.indexOf(t), 1);
    });
    return new FakeRange(this.context, `${this.path}.convertToRange()`, this.worksheet, () => {
      if (!rect) throw new FakeOfficeError('InvalidObjectPath', 'The range was used before the table was converted.');
      return rect;
    });
  }
}

// ---------------------------------------------------------------- charts

export class FakeChartCollection {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly sheet: FakeWorksheet,
  ) {}

  add(type: string, source: FakeRange, seriesBy = 'Auto'): FakeChart {
    checkContext(this.context, source);
    let created: ChartState | undefined;
    const chart = new FakeChart(
      this.context,
      `${this.sheet.path}.charts.add(${str(type)},${source.path})`,
      this.sheet,
      () => {
        if (!created) throw new FakeOfficeError('InvalidObjectPath', 'The chart was used before it was added.');
        return created;
      },
    );
    this.context.enqueue({
      describe: 'call ChartCollection.add',
      json: { p: `${this.sheet.path}.charts`, a: 'call', m: 'add', args: [type, source, seriesBy] },
      run: () => {
        const sheet = this.sheet.sheetState();
        sheet.assertEditable();
        const { sheet: from, rect } = source.rangeTarget();
        if (!['Auto', 'Columns', 'Rows'].includes(seriesBy))
          throw new FakeOfficeError('InvalidArgument', `seriesBy ${seriesBy}`);
        created = { name: this.context.state.nextChartName(), type, source: { sheet: from.name, rect }, seriesBy };
        sheet.charts.push(created);
        return undefined;
      },
    });
    return chart;
  }
}

export class FakeChart extends ClientObject<ChartState> {
  protected readonly typeName = 'Chart';
  protected readonly scalarProps = ['name'];
  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly worksheet: FakeWorksheet,
    locate: () => ChartState,
  ) {
    super(context, path, locate);
  }
  protected readProp(t: ChartState): unknown {
    return t.name;
  }
  get name(): string {
    return this.get('name');
  }
  get title(): { text: string } {
    const set = (v: string): void =>
      this.context.enqueue({
        describe: 'set ChartTitle.text',
        json: { p: `${this.path}.title`, a: 'set', n: 'text', v },
        run: () => {
          this.target().title = v;
          return undefined;
        },
      });
    return {
      set text(v: string) {
        set(v);
      },
      get text(): string {
        throw new FakeOfficeError(
          'PropertyNotLoaded',
          'The fake keeps chart titles write-only; inspect the workbook state.',
        );
      },
    };
  }
  setPosition(start: string | FakeRange, end?: string | FakeRange): void {
    const cellOf = (x: string | FakeRange): string => {
      if (typeof x === 'string') return a1(parseA1(x));
      const { sheet, rect } = x.rangeTarget();
      if (sheet !== this.worksheet.sheetState())
        throw new FakeOfficeError('InvalidArgument', 'A chart is placed on its own worksheet.');
      return a1(rect);
    };
    this.call('setPosition', [start, end ?? null], (t) => {
      t.position = { start: cellOf(start), ...(end === undefined ? {} : { end: cellOf(end) }) };
    });
  }
}

// ---------------------------------------------------------------- names, custom properties

export class FakeNamedItemCollection {
  private loadedItems: FakeNamedItem[] | undefined;
  constructor(private readonly context: FakeRequestContext) {}

  /** `load('items/name')`: the workbook's names as they are at this point of the request. */
  load(props?: string | string[]): this {
    const names = (parseLoad(props) ?? ['name']).map((p) => p.replace(/^items\//, '')).filter((p) => p !== 'items');
    let snapshot: NameState[] = [];
    this.context.enqueue({
      describe: `load NamedItemCollection(${names.join(',')})`,
      json: { p: 'names', a: 'load', n: names },
      run: () => {
        snapshot = [...this.context.state.names.values()];
        return snapshot.map((item) => Object.fromEntries(names.map((n) => [n, namedItemProp(item, n)])));
      },
      commit: () => {
        this.loadedItems = snapshot.map((item, i) => {
          const proxy = new FakeNamedItem(this.context, `names.items[${i}]`, () => item);
          for (const n of names) proxy.preload(n, namedItemProp(item, n));
          return proxy;
        });
      },
    });
    return this;
  }

  get items(): FakeNamedItem[] {
    if (!this.loadedItems) throw notLoaded('NamedItemCollection', 'items');
    return this.loadedItems;
  }

  add(name: string, reference: FakeRange | string, comment = ''): FakeNamedItem {
    checkContext(this.context, reference);
    let created: NameState | undefined;
    const item = new FakeNamedItem(this.context, `names.add(${str(name)})`, () => {
      if (!created) throw new FakeOfficeError('InvalidObjectPath', 'The name was used before it was added.');
      return created;
    });
    this.context.enqueue({
      describe: 'call NamedItemCollection.add',
      json: { p: 'names', a: 'call', m: 'add', args: [name, reference, comment] },
      run: () => {
        let formula: string;
        if (typeof reference === 'string') {
          formula = reference.startsWith('=') ? reference : `=${reference}`;
        } else {
          const { sheet, rect } = reference.rangeTarget();
          formula = `=${quoteSheet(sheet.name)}!${a1(rect).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;
        }
        created = this.context.state.addName(name, formula, comment);
        return undefined;
      },
    });
    return item;
  }

  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, `names.getItem(${str(name)})`, () => {
      const item = this.context.state.names.get(name.toLowerCase());
      if (!item) throw new FakeOfficeError('ItemNotFound', `The name '${name}' does not exist.`);
      return item;
    });
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(
      this.context,
      `names.getItemOrNullObject(${str(name)})`,
      () => this.context.state.names.get(name.toLowerCase()) ?? null,
      true,
    );
  }
}

export class FakeNamedItem extends ClientObject<NameState> {
  protected readonly typeName = 'NamedItem';
  protected readonly scalarProps = ['name', 'formula', 'comment'];
  constructor(context: FakeRequestContext, path: string, locate: () => NameState | null, nullable = false) {
    super(context, path, locate, nullable);
  }
  preload(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }
  protected readProp(t: NameState, name: string): unknown {
    return namedItemProp(t, name);
  }
  get name(): string {
    return this.get('name');
  }
  get formula(): string {
    return this.get('formula');
  }
  set formula(v: string) {
    this.setProp('formula', v, (t) => {
      if (typeof v !== 'string' || !v.startsWith('='))
        throw new FakeOfficeError('InvalidArgument', 'A name formula starts with "=".');
      t.formula = v;
    });
  }
  /** NamedItem.delete (ExcelApi 1.4). */
  delete(): void {
    this.call('delete', [], (t) => {
      this.context.state.names.delete(t.name.toLowerCase());
      (t as NameState & { deleted?: boolean }).deleted = true;
    });
  }
}

function namedItemProp(t: NameState, name: string): unknown {
  if (name === 'name' || name === 'formula' || name === 'comment') return t[name];
  throw new FakeOfficeError('InvalidArgument', `NamedItem has no property '${name}'.`);
}

type PropState = { key: string; value: string; deleted?: boolean };

export class FakeCustomPropertyCollection {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly sheet: FakeWorksheet,
  ) {}

  /** Like Excel, adding an existing key overwrites its value. */
  add(key: string, value: string): FakeCustomProperty {
    let created: PropState | undefined;
    const prop = new FakeCustomProperty(this.context, `${this.sheet.path}.customProperties.add(${str(key)})`, () => {
      if (!created) throw new FakeOfficeError('InvalidObjectPath', 'The property was used before it was added.');
      return created;
    });
    this.context.enqueue({
      describe: 'call WorksheetCustomPropertyCollection.add',
      json: { p: `${this.sheet.path}.customProperties`, a: 'call', m: 'add', args: [key, value] },
      run: () => {
        if (typeof key !== 'string' || key.length === 0 || key.length > 255)
          throw new FakeOfficeError('InvalidArgument', `custom property key ${key}`);
        if (typeof value !== 'string')
          throw new FakeOfficeError('InvalidArgument', 'A custom property value is a string.');
        const props = this.sheet.sheetState().customProperties;
        const existing = props.get(key.toLowerCase());
        if (existing) existing.value = value;
        else props.set(key.toLowerCase(), { key, value });
        created = props.get(key.toLowerCase());
        return undefined;
      },
    });
    return prop;
  }

  getItemOrNullObject(key: string): FakeCustomProperty {
    return new FakeCustomProperty(
      this.context,
      `${this.sheet.path}.customProperties.getItemOrNullObject(${str(key)})`,
      () => this.sheet.sheetState().customProperties.get(key.toLowerCase()) ?? null,
      true,
    );
  }
}

export class FakeCustomProperty extends ClientObject<PropState> {
  protected readonly typeName = 'WorksheetCustomProperty';
  protected readonly scalarProps = ['key', 'value'];
  constructor(context: FakeRequestContext, path: string, locate: () => PropState | null, nullable = false) {
    super(context, path, locate, nullable);
  }
  protected readProp(t: PropState, name: string): unknown {
    if (name === 'key' || name === 'value') return t[name];
    throw new FakeOfficeError('InvalidArgument', `WorksheetCustomProperty has no property '${name}'.`);
  }
  get key(): string {
    return this.get('key');
  }
  get value(): string {
    return this.get('value');
  }
}

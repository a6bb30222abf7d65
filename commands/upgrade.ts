/**
 * 升级为工具: each ledger sheet of the open workbook gets a copy, 「X（工具）」, upgraded the
 * way `insdesk upgrade` upgrades a file (src/tasks/upgrade is the plan, upgradePlan.ts works
 * it out for this workbook): text dates and amounts made real values, missing input columns
 * and the formula columns appended (native formulas, so the tool works without the add-in),
 * drop-downs and input checks, conditional formats, an Excel table, the 设置 sheet and its
 * names, and a 升级记录 sheet listing every change. The original sheet is never written.
 *
 * The copy is insdesk's output, replaced by a re-run — unless the clerk has started working
 * in it: then the run stops with a message instead of overwriting their entries.
 */
import type { Cell, Grid } from '../src/grid';
import { columnLetter } from '../src/grid';
import { tableByKey, type TableKey } from '../src/ledgers';
import { isSettingsSheet, SETTINGS_SHEET } from '../src/ledgers/settings';
import { readLedgerSheets } from '../src/read/sheets';
import { todayIso } from '../src/rules/date';
import { formulaAt, type LayoutOf } from '../src/tasks/upgrade/layout';
import {
  formulaFormatOf,
  formulaGuard,
  LOOKS,
  TABLE_COLORS,
  templateFormatOf,
  validationOf,
  type Validation,
} from '../src/tasks/upgrade/rules';
import {
  COLLECTIONS_ADDED,
  freshLayout,
  gridCells,
  HEAD_ROWS,
  LOG_HEADERS,
  LOG_SHEET,
  logRow,
  notTableNote,
  placedFormats,
  readableGrid,
  sheetRecord,
  uniqueName,
  upgradeLayout,
  type SheetLayout,
  type UpgradedTable,
  type UpgradeOptions,
  type UpgradeRecord,
} from '../src/tasks/upgrade/ledgerSheet';
import { settingsPlan, SETTINGS_WIDTHS, type SettingsPlan } from '../src/tasks/upgrade/settingsSheet';
import { isoToSerial } from '../src/rules/date';
import type { RequestBatch } from '../taskpane/excel/batch';
import { toExcelInput } from '../taskpane/excel/cells';
import {
  addFormulaHighlight,
  addTable,
  applyValidation,
  defineNames,
  formatColumns,
  hexColor,
  listRule,
  setNumberFormat,
  styleHeader,
  type Block,
} from '../taskpane/excel/decorate';
import { writeGrid } from '../taskpane/excel/grid';
import { OP_OVERHEAD_BYTES } from '../taskpane/excel/limits';
import { markOf, planOutputs, queueOutputs } from '../taskpane/excel/outputSheet';
import type { SheetInfo, WorkbookSnapshot } from '../taskpane/excel/workbook';
import type { ProgressSink } from './progress';
import { Session, type CommandStats } from './session';
import {
  copyDiffers,
  headFormulaAt,
  notTableReason,
  serialConversions,
  settingNames,
  toolSheetName,
  type SerialConversion,
} from './upgradePlan';

export const UPGRADE_GROUP = 'upgrade';

const HEADER_FILL = hexColor(TABLE_COLORS.headerFill);
const FORMULA_HEADER_FILL = hexColor(TABLE_COLORS.formulaHeaderFill);
const FORMULA_FILL = hexColor(TABLE_COLORS.formulaFill);
const FORMULA_FONT = hexColor(TABLE_COLORS.formulaFont);

export interface UpgradedLedger extends UpgradedTable {
  /** The upgraded copy of `sheet`, the clerk's sheet. */
  copy: string;
}

export interface UpgradeSummary {
  ledgers: UpgradedLedger[];
  records: UpgradeRecord[];
  /** 设置 was added (true) or completed. */
  settingsAdded: boolean;
  stats: CommandStats;
}

interface Job {
  source: SheetInfo;
  grid: Grid;
  copy: string;
  conversions: SerialConversion[];
  layouts: (SheetLayout & { rows: number; totalRows: number[]; excelTable?: string; notTable?: string })[];
}

interface Plan {
  jobs: Job[];
  /** A 回款记录 sheet the contracts' formulas need, added empty. */
  collections?: SheetLayout & { excelTable?: string };
  settings: SettingsPlan;
  records: UpgradeRecord[];
  others: LayoutOf;
}

const isToolCopy = (s: SheetInfo): boolean =>
  !!s.output?.startsWith(`${UPGRADE_GROUP}:`) && s.output !== markOf(UPGRADE_GROUP, LOG_SHEET);

function planUpgrade(book: WorkbookSnapshot, opts: UpgradeOptions): Plan {
  const records: UpgradeRecord[] = [];
  const gridOf = (name: string) => book.grids.find((g) => g.sheet === name);
  const users = book.sheets.filter((s) => s.output === undefined && gridOf(s.name));
  const read = readLedgerSheets(
    users.map((s) => {
      const grid = gridOf(s.name)!;
      return readableGrid(grid, headFormulaAt(grid, s.headFormulas));
    }),
    { asOf: todayIso(), ledger: opts.ledger },
  );
  if (!read.tables.length) {
    throw new Error(
      '工作簿中没有找到可升级的台账：各工作表前 20 行都没有可识别的表头（如续保清单应有 保单号、被保险人、终保日期 等列）',
    );
  }
  const copies = planOutputs(
    book.sheets,
    UPGRADE_GROUP,
    read.tables.map((t) => toolSheetName(t.sheet)),
  ).outputs;
  const jobs: Job[] = read.tables.map((pt, i) => {
    const source = users.find((s) => s.name === pt.sheet)!;
    const grid = gridOf(pt.sheet)!;
    const copy = copies[i].name;
    const conversions = serialConversions(pt, grid, copy, records);
    const l = upgradeLayout(pt, gridCells(grid, headFormulaAt(grid, source.headFormulas)), copy, records);
    const previous = copies[i].replaces;
    const previousGrid = previous && gridOf(previous.name);
    if (previousGrid && copyDiffers(previousGrid, grid, conversions, [l])) {
      throw new Error(
        `「${copy}」与原表「${pt.sheet}」的数据已不一致（可能已在工具表中录入或修改过），为免覆盖，本次没有重新升级。` +
          `如需重新升级，请先把「${copy}」改名保留或删除后再点“升级为工具”。`,
      );
    }
    return { source, grid, copy, conversions, layouts: [{ ...l, rows: pt.rows.length, totalRows: pt.totalRows }] };
  });

  const taken = new Set([...book.sheets.map((s) => s.name.toLowerCase()), ...jobs.map((j) => j.copy.toLowerCase())]);
  const keys = new Set(jobs.flatMap((j) => j.layouts.map((l) => l.layout.table.key)));
  let collections: Plan['collections'];
  if (keys.has('contracts') && !keys.has('collections')) {
    const t = tableByKey('collections');
    collections = freshLayout(
      t,
      uniqueName(t.title, (n) => taken.has(n.toLowerCase())),
    );
    records.push(sheetRecord(collections.layout.sheet, COLLECTIONS_ADDED));
  }
  const settingsGrid = book.grids.find((g) => isSettingsSheet(g) && users.some((s) => s.name === g.sheet));
  const settings = settingsPlan(settingsGrid, book.date1904, records);

  // Table names: ours from earlier runs go with their sheets; the clerk's and defined names stay taken.
  const outputNames = [...jobs.map((j) => toolSheetName(j.source.name)), LOG_SHEET];
  const outputPlan = planOutputs(book.sheets, UPGRADE_GROUP, outputNames);
  const gone = new Set([...outputPlan.stale, ...outputPlan.outputs.flatMap((o) => (o.replaces ? [o.replaces] : []))]);
  const names = new Set([
    ...(book.names ?? []),
    ...book.sheets.filter((s) => !gone.has(s)).flatMap((s) => (s.tables ?? []).map((t) => t.toLowerCase())),
  ]);
  const tableName = (key: TableKey) => {
    const name = uniqueName(`insdesk_${key}`, (n) => names.has(n.toLowerCase()));
    names.add(name.toLowerCase());
    return name;
  };
  for (const job of jobs) {
    for (const l of job.layouts) {
      const reason = notTableReason(job.grid, l, job.source.tables ?? []);
      if (reason) {
        l.notTable = reason;
        records.push(sheetRecord(job.copy, notTableNote(reason), `A${l.layout.headerRow}`));
      } else {
        l.excelTable = tableName(l.layout.table.key);
      }
    }
  }
  if (collections) collections.excelTable = tableName('collections');

  const all = [...jobs.flatMap((j) => j.layouts), ...(collections ? [collections] : [])];
  const others: LayoutOf = (k) => all.find((l) => l.layout.table.key === k)?.layout;
  return { jobs, collections, settings, records, others };
}

// ---- Office.js -------------------------------------------------------------------------------

const OPERATORS = {
  between: 'Between',
  equal: 'EqualTo',
  greaterThan: 'GreaterThan',
  greaterThanOrEqual: 'GreaterThanOrEqualTo',
} as const;

/** The engine's validation as an Office.js rule; undefined for 'any' (no rule, only advice). */
function officeRule(v: Validation, self: string): Excel.DataValidationRule | undefined {
  const [a, b] = v.formulae ?? [];
  const operator = OPERATORS[v.operator ?? 'between'];
  const basic = { operator, formula1: a!, ...(b === undefined ? {} : { formula2: b }) };
  switch (v.type) {
    case 'list':
      return listRule(String(a).replace(/^"|"$/g, '').split(','));
    case 'date':
      return { date: basic as Excel.DateTimeDataValidation };
    case 'time':
      // Times are fractions of a day; as formulas, since the rule takes no bare numbers for times.
      return { time: { operator, formula1: `=${a}`, ...(b === undefined ? {} : { formula2: `=${b}` }) } };
    case 'decimal':
      return { decimal: basic as Excel.BasicDataValidation };
    case 'whole':
      return { wholeNumber: basic as Excel.BasicDataValidation };
    case 'textLength':
      return { textLength: basic as Excel.BasicDataValidation };
    case 'custom':
      // Office.js takes formulas as typed in Excel: without the file format's _xlfn. prefix.
      return {
        custom: {
          formula: `=${String(a)
            .replace(/\{self\}/g, self)
            .replace(/_xlfn\./g, '')}`,
        },
      };
    default:
      return undefined;
  }
}

const block = (sheet: Excel.Worksheet, b: Block): Excel.Range => sheet.getRangeByIndexes(b.row, b.col, b.rows, b.cols);
const a1 = (b: Block): string =>
  `${columnLetter(b.col)}${b.row + 1}${b.rows === 1 && b.cols === 1 ? '' : `:${columnLetter(b.col + b.cols - 1)}${b.row + b.rows}`}`;

async function validate(batch: RequestBatch, target: Excel.Range, v: Validation, self: string): Promise<void> {
  const rule = officeRule(v, self);
  if (!rule || !v.error) return;
  await applyValidation(batch, target, rule, { title: v.promptTitle, error: v.error, prompt: v.prompt });
}

/** Converted cells, run by run down each column: values and their number format. */
async function writeConversions(
  batch: RequestBatch,
  ws: Excel.Worksheet,
  conversions: readonly SerialConversion[],
): Promise<void> {
  const sorted = [...conversions].sort((a, b) => a.col - b.col || a.row - b.row);
  let i = 0;
  while (i < sorted.length) {
    let end = i;
    while (
      end + 1 < sorted.length &&
      sorted[end + 1].col === sorted[i].col &&
      sorted[end + 1].row === sorted[end].row + 1 &&
      sorted[end + 1].numFmt === sorted[i].numFmt
    )
      end++;
    const run = sorted.slice(i, end + 1);
    await batch.reserve(2 * OP_OVERHEAD_BYTES + run.length * 24);
    const range = block(ws, { row: run[0].row - 1, col: run[0].col, rows: run.length, cols: 1 });
    range.values = run.map((c) => [c.value]);
    if (run[0].numFmt) range.numberFormat = run.map(() => [run[0].numFmt]);
    i = end + 1;
  }
}

/**
 * applyLayout of the CLI, through Office.js. `kept` lists the conditional formats the sheet
 * brings along (`B2:K90 =formula`): a sheet upgraded before already has ours, and Excel would
 * show each twice.
 */
async function applyLayout(
  batch: RequestBatch,
  ws: Excel.Worksheet,
  l: SheetLayout & { totalRows?: number[]; excelTable?: string },
  fresh: boolean,
  others: LayoutOf,
  kept: ReadonlySet<string> = new Set(),
): Promise<void> {
  const { layout } = l;
  const { table, headerRow, firstRow, lastRow } = layout;
  const rows = lastRow - firstRow + 1;
  const column = (col: number): Block => ({ row: firstRow - 1, col, rows, cols: 1 });

  for (const [col, header] of l.appended) {
    await batch.reserve(OP_OVERHEAD_BYTES + header.length * 3);
    block(ws, { row: headerRow - 1, col, rows: 1, cols: 1 }).values = [[toExcelInput(header)]];
  }
  const ledgerCols = Object.entries(layout.columns).map(([key, col]) => ({ def: table.column(key), col }));
  if (fresh) {
    const first = Math.min(...ledgerCols.map((c) => c.col));
    const width = Math.max(...ledgerCols.map((c) => c.col)) - first + 1;
    await batch.reserve(2 * OP_OVERHEAD_BYTES);
    const head = block(ws, { row: headerRow - 1, col: first, rows: 1, cols: width });
    head.format.font.bold = true;
    head.format.fill.color = HEADER_FILL;
    const formats: (string | undefined)[] = [];
    for (const { def, col } of ledgerCols) formats[col - first] = templateFormatOf(def);
    await formatColumns(batch, ws, { row: firstRow - 1, col: first, rows, cols: width }, formats);
  }
  for (const { def, col } of ledgerCols)
    await validate(batch, block(ws, column(col)), validationOf(def), `${columnLetter(col)}${firstRow}`);

  const skip = new Set(l.totalRows ?? []);
  for (const { column: f, col } of layout.formulas) {
    await batch.reserve(6 * OP_OVERHEAD_BYTES + f.formula.length * 3);
    const head = block(ws, { row: headerRow - 1, col, rows: 1, cols: 1 });
    head.format.font.bold = true;
    head.format.font.color = FORMULA_FONT;
    head.format.fill.color = FORMULA_HEADER_FILL;
    // One formula written, then copied down: Excel moves the relative references row by row.
    // Only the formulas: pasting formats would duplicate the conditional formats of the cell.
    const first = block(ws, { row: firstRow - 1, col, rows: 1, cols: 1 });
    first.formulas = [[`=${formulaAt(f.formula, layout, firstRow, others)}`]];
    if (rows > 1) block(ws, { row: firstRow, col, rows: rows - 1, cols: 1 }).copyFrom(first, 'Formulas');
    const cells = block(ws, column(col));
    cells.format.fill.color = FORMULA_FILL;
    cells.format.font.color = FORMULA_FONT;
    const fmt = formulaFormatOf(f);
    if (fmt) await setNumberFormat(batch, ws, column(col), fmt);
    for (const r of skip) {
      await batch.reserve(OP_OVERHEAD_BYTES);
      block(ws, { row: r - 1, col, rows: 1, cols: 1 }).clear('All');
    }
    await validate(batch, block(ws, column(col)), formulaGuard(f), `${columnLetter(col)}${firstRow}`);
  }

  for (const placed of placedFormats(layout, others)) {
    const target: Block = { row: firstRow - 1, col: placed.firstCol, rows, cols: placed.lastCol - placed.firstCol + 1 };
    const look = LOOKS[placed.look];
    const formula = `=${placed.formula}`;
    if (kept.has(`${a1(target)} ${formula}`)) continue;
    await addFormulaHighlight(batch, block(ws, target), formula, {
      fill: hexColor(look.fill),
      fontColor: hexColor(look.font),
    });
  }

  await batch.reserve(2 * OP_OVERHEAD_BYTES);
  ws.freezePanes.freezeRows(headerRow);
  const appendedCols = [...l.appended.keys()];
  if (appendedCols.length) {
    const from = Math.min(...appendedCols);
    block(ws, {
      row: headerRow - 1,
      col: from,
      rows: Math.min(rows + 1, 201),
      cols: Math.max(...appendedCols) - from + 1,
    }).format.autofitColumns();
  }
  if (l.excelTable) {
    await addTable(
      batch,
      ws,
      { row: headerRow - 1, col: layout.firstCol, rows: rows + 1, cols: layout.lastCol - layout.firstCol + 1 },
      l.excelTable,
    );
  }
}

async function writeSettings(
  batch: RequestBatch,
  ws: Excel.Worksheet,
  plan: SettingsPlan,
  date1904: boolean,
): Promise<void> {
  // The plan holds dates as ISO text; Excel takes them as serials of the workbook's date system.
  const excelValue = (kind: string, v: Cell): Cell =>
    (kind === 'date' || kind === 'dates') && typeof v === 'string' ? isoToSerial(v, date1904) : v;
  for (const r of plan.rows) {
    const [label, value, note] = r.cells;
    await writeGrid(batch, ws, { row: r.row - 1, col: 0 }, [[label, excelValue(r.kind, value), note]], { date1904 });
    if (r.numFmt) {
      await batch.reserve(OP_OVERHEAD_BYTES);
      block(ws, { row: r.row - 1, col: 1, rows: 1, cols: 1 }).numberFormat = [[r.numFmt]];
    }
  }
  for (const c of plan.conversions) {
    await batch.reserve(2 * OP_OVERHEAD_BYTES);
    const cell = block(ws, { row: c.row - 1, col: 1, rows: 1, cols: 1 });
    cell.values = [[excelValue(c.kind, c.value)]];
    if (c.numFmt) cell.numberFormat = [[c.numFmt]];
  }
  if (!plan.fresh) return;
  await batch.reserve(6 * OP_OVERHEAD_BYTES);
  const head = block(ws, { row: 0, col: 0, rows: 1, cols: 3 });
  head.format.font.bold = true;
  head.format.fill.color = HEADER_FILL;
  SETTINGS_WIDTHS.forEach((chars, c) => {
    block(ws, { row: 0, col: c, rows: 1, cols: 1 }).format.columnWidth = chars * 5.25 + 3.75;
  });
  ws.freezePanes.freezeRows(1);
}

export async function runUpgrade(
  context: Excel.RequestContext,
  opts: UpgradeOptions,
  progress: ProgressSink,
): Promise<UpgradeSummary> {
  const session = new Session(context, progress);
  const book = await session.read({
    read: (s) => s.output === undefined || isToolCopy(s),
    tables: true,
    names: true,
    conditionalFormats: true,
    headFormulas: HEAD_ROWS,
  });
  const plan = session.engine('规划升级', () => planUpgrade(book, opts));
  const { batch } = session;
  const { jobs, collections, settings, records, others } = plan;
  await session.startWriting('升级为工具', jobs.length);

  const names = [...jobs.map((j) => toolSheetName(j.source.name)), ...(records.length ? [LOG_SHEET] : [])];
  const outputs = queueOutputs(context, book.sheets, UPGRADE_GROUP, names, (i, temporary) =>
    i < jobs.length ? jobs[i].source.worksheet.copy('End') : context.workbook.worksheets.add(temporary),
  );

  await batch.reserve(2 * OP_OVERHEAD_BYTES);
  const settingsSheet = settings.fresh
    ? context.workbook.worksheets.add(SETTINGS_SHEET)
    : book.sheets.find((s) => s.output === undefined && s.name.trim() === SETTINGS_SHEET)!.worksheet;
  await writeSettings(batch, settingsSheet, settings, book.date1904);
  await defineNames(batch, settingNames(settings.cells), book.names);

  if (collections) {
    await batch.reserve(OP_OVERHEAD_BYTES);
    const ws = context.workbook.worksheets.add(collections.layout.sheet);
    await applyLayout(batch, ws, collections, true, others);
  }
  for (const [i, job] of jobs.entries()) {
    const ws = outputs[i].sheet;
    await writeConversions(batch, ws, job.conversions);
    const kept = new Set((job.source.customFormats ?? []).map((f) => `${f.address} ${f.formula}`));
    for (const l of job.layouts) await applyLayout(batch, ws, l, false, others, kept);
    progress.update(i + 1, jobs.length);
  }
  if (records.length) {
    const log = outputs[jobs.length].sheet;
    const rows = [LOG_HEADERS, ...records.map(logRow)];
    await writeGrid(batch, log, { row: 0, col: 0 }, rows);
    await formatColumns(
      batch,
      log,
      { row: 1, col: 0, rows: records.length, cols: LOG_HEADERS.length },
      LOG_HEADERS.map(() => '@'),
    );
    await styleHeader(batch, log, { row: 0, col: 0, rows: rows.length, cols: LOG_HEADERS.length });
  }
  await batch.reserve(OP_OVERHEAD_BYTES);
  outputs[0].sheet.activate();

  const ledgers: UpgradedLedger[] = jobs.flatMap((job) =>
    job.layouts.map((l) => ({
      sheet: job.source.name,
      copy: job.copy,
      table: l.layout.table.key,
      headerRow: l.layout.headerRow,
      rows: l.rows,
      ...(l.excelTable ? { excelTable: l.excelTable } : {}),
      ...(l.notTable ? { notTable: l.notTable } : {}),
      formulaColumns: l.layout.formulas.map((f) => f.column.header),
    })),
  );
  const stats = await session.finish(
    `升级完成：${ledgers.map((l) => `「${l.copy}」`).join('、')}已加上公式列、下拉选项和检查，原表未改动`,
  );
  return { ledgers, records, settingsAdded: settings.fresh, stats };
}

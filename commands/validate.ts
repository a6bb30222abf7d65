/**
 * 校验: every ledger of the open workbook checked by the engine. The findings go to a 问题清单
 * sheet (the CLI report's columns, each 单元格 a link to the cell) and the flagged cells are
 * highlighted in place by conditional formats — never by fills, so the clerk's own formatting
 * and every cell value stay exactly as they were. Each of those formats carries a tag in its
 * formula; a re-run deletes the tagged ones first, so highlights never pile up and the
 * clerk's own conditional formats are left alone.
 */
import type { Grid } from '../src/grid';
import { columnIndex } from '../src/grid';
import type { Level } from '../src/findings';
import { LEVEL_ORDER } from '../src/findings';
import type { LedgerKey } from '../src/ledgers';
import { byCell } from '../src/read/table';
import {
  headerAt,
  issueRow,
  issuesSummary,
  ISSUES_HEADER,
  ISSUES_HEADER_ROW,
  ISSUES_SHEET,
  LEVEL_FILL,
  LEVEL_LABEL,
  whereOf,
} from '../src/tasks/issueList';
import { validateWorkbooks, type SheetFinding, type ValidateResult } from '../src/tasks/validate';
import {
  activateSheet,
  addFormulaHighlight,
  blockRange,
  deleteFormats,
  hexColor,
  highlightCells,
  hyperlinkFormula,
  setFontColor,
  styleHeader,
  type Block,
  type CellRef,
} from '../taskpane/excel/decorate';
import { writeGrid } from '../taskpane/excel/grid';
import { OP_OVERHEAD_BYTES } from '../taskpane/excel/limits';
import { queueOutputs } from '../taskpane/excel/outputSheet';
import type { ProgressSink } from './progress';
import { checkWritable } from '../taskpane/excel/guards';
import { Session, WORKBOOK_NAME, type CommandStats } from './session';

export const VALIDATE_GROUP = 'validate';

/** The formula of insdesk's highlights: always true, and it says whose it is in Excel's rule manager. */
export const highlightFormula = (level: Level): string => `=ISTEXT("insdesk 校验：${LEVEL_LABEL[level]}")`;
const isOurHighlight = (formula: string): boolean => /^=ISTEXT\("insdesk 校验/i.test(formula.trim());

const LINK_COLOR = '#0563C1';

export interface ValidateOptions {
  /** Read every sheet as this ledger. */
  ledger?: LedgerKey;
  /** Default: the 设置 sheet's 基准日, else today. */
  asOf?: string;
}

export interface ValidateSummary {
  result: ValidateResult;
  /** Where the list went (问题清单, or 问题清单 (2) beside a sheet of the clerk's with that name). */
  issuesSheet: string;
  /** Cells highlighted, per level. */
  highlighted: Record<Level, number>;
  stats: CommandStats;
}

interface Issue {
  sheetOrder: number;
  sheet: string;
  finding: SheetFinding;
  header: string;
  where: string;
  target?: CellRef;
}

const originOf = (g: Grid | undefined) => g?.origin ?? { row: 0, col: 0 };

/** The list's rows in the CLI's order (sheet order, then cell by cell) and the cells to mark, each at its worst level. */
function planIssues(
  result: ValidateResult,
  grids: readonly Grid[],
): { issues: Issue[]; marks: Map<string, Map<string, CellRef & { level: Level }>> } {
  const file = result.files[0];
  const issues: Issue[] = [];
  const marks = new Map<string, Map<string, CellRef & { level: Level }>>();
  const place = (sheet: string, headerRow: number, f: SheetFinding) => {
    const sheetOrder = grids.findIndex((g) => g.sheet === sheet);
    const grid = grids[sheetOrder];
    const where = whereOf(f);
    let target: CellRef | undefined;
    if (grid && f.row > 0) {
      // A finding about the whole row marks the row's first cell.
      target = { row: f.row - 1, col: f.column ? columnIndex(f.column) : originOf(grid).col };
      const bySheet = marks.get(sheet) ?? new Map<string, CellRef & { level: Level }>();
      marks.set(sheet, bySheet);
      const key = `${target.row},${target.col}`;
      const mark = bySheet.get(key);
      if (!mark || LEVEL_ORDER[f.level] < LEVEL_ORDER[mark.level]) bySheet.set(key, { ...target, level: f.level });
    }
    issues.push({ sheetOrder, sheet, finding: f, header: headerAt(grid, headerRow, f.column), where, target });
  };
  for (const s of file.sheets) for (const f of s.findings) place(s.sheet, s.headerRow, f);
  for (const f of file.findings) place(f.sheet, 0, f);
  issues.sort((a, b) => a.sheetOrder - b.sheetOrder || byCell(a.finding, b.finding));
  return { issues, marks };
}

export async function runValidate(
  context: Excel.RequestContext,
  opts: ValidateOptions,
  progress: ProgressSink,
): Promise<ValidateSummary> {
  const session = new Session(context, progress);
  const book = await session.read({ conditionalFormats: true, guards: { merges: false } });
  const { result, issues, marks } = session.engine('校验台账', () => {
    const result = validateWorkbooks([{ file: WORKBOOK_NAME, grids: book.grids }], {
      ...opts,
      onProgress: (done, total) => progress.update(done, total),
    });
    return { result, ...planIssues(result, book.grids) };
  });

  // The ledger sheets get their problem cells marked: Excel must let us.
  checkWritable({
    addsSheets: true,
    structureProtected: !!book.structureProtected,
    sheets: book.sheets
      .filter((s) => s.used && marks.has(s.name))
      .map((s) => ({ name: s.name, guards: s.guards!, cells: s.used!, doing: '标出有问题的单元格' })),
  });
  return session.writing(async () => {
    const { batch } = session;
    await session.startWriting('写入问题清单', issues.length);
    await deleteFormats(
      batch,
      book.sheets.flatMap((s) => (s.customFormats ?? []).filter((f) => isOurHighlight(f.formula))),
    );
    const [out] = queueOutputs(context, book.sheets, VALIDATE_GROUP, [ISSUES_SHEET]);
    const summary = issuesSummary(issues.map((i) => ({ where: i.sheet, level: i.finding.level })));
    const rows = [[summary], [...ISSUES_HEADER], ...issues.map((i) => issueRow(i.sheet, i.finding, i.header))];
    const formulas = [
      undefined,
      undefined,
      ...issues.map((i) => (i.target ? [null, hyperlinkFormula(i.sheet, i.target, i.where)] : undefined)),
    ];
    await writeGrid(batch, out.sheet, { row: 0, col: 0 }, rows, {
      formulas,
      onProgress: (done) => progress.update(done, rows.length),
    });
    const headerIndex = ISSUES_HEADER_ROW - 1;
    await batch.reserve(OP_OVERHEAD_BYTES);
    blockRange(out.sheet, { row: 0, col: 0, rows: 1, cols: 1 }).format.font.bold = true;
    await styleHeader(batch, out.sheet, {
      row: headerIndex,
      col: 0,
      rows: rows.length - headerIndex,
      cols: ISSUES_HEADER.length,
    });
    if (issues.length) {
      const body = (col: number): Block => ({ row: headerIndex + 1, col, rows: issues.length, cols: 1 });
      await setFontColor(batch, out.sheet, body(1), LINK_COLOR);
      // The level column shaded by level, by three formats instead of one fill per row.
      for (const level of ['error', 'warning', 'info'] as const) {
        await addFormulaHighlight(
          batch,
          blockRange(out.sheet, body(3)),
          `=$D${headerIndex + 2}="${LEVEL_LABEL[level]}"`,
          {
            fill: hexColor(LEVEL_FILL[level]),
          },
        );
      }
    }

    const highlighted: Record<Level, number> = { error: 0, warning: 0, info: 0 };
    for (const s of book.sheets) {
      const cells = [...(marks.get(s.name)?.values() ?? [])];
      for (const level of ['error', 'warning', 'info'] as const) {
        const these = cells.filter((c) => c.level === level);
        if (!these.length) continue;
        await highlightCells(batch, s.worksheet, these, highlightFormula(level), { fill: hexColor(LEVEL_FILL[level]) });
        highlighted[level] += these.length;
      }
    }
    await activateSheet(batch, out.sheet);

    const { errors, warnings, infos } = result.summary;
    const message =
      errors + warnings + infos === 0
        ? `校验完成：${result.summary.sheets} 张台账未发现问题`
        : `校验完成：${errors} 个错误、${warnings} 个警告、${infos} 个提示，见「${out.name}」，出错的单元格已标色`;
    return { result, issuesSheet: out.name, highlighted, stats: await session.finish(message) };
  });
}

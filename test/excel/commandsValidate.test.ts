/**
 * 校验 end to end on the strict fake: the demo ledgers in one workbook, the engine's findings
 * listed like the CLI report's 问题清单, flagged cells highlighted by insdesk's own conditional
 * formats, the clerk's data and formatting untouched, re-runs replacing only insdesk's work.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { LEVEL_ORDER, type Level } from '../../src/findings';
import { writeValidationReport } from '../../src/io/reportOut';
import { validateWorkbooks } from '../../src/tasks/validate';
import { columnIndex } from '../../src/grid';
import { highlightFormula, runValidate } from '../../commands/validate';
import { LEVEL_FILL } from '../../src/tasks/issueList';
import { NO_PROGRESS } from '../../commands/progress';
import { hexColor } from '../../taskpane/excel/decorate';
import { demoBook, gridOf, sheetFingerprint, writesSuspendCalculation } from './demoBook';
import { run, type FakeWorkbook } from './fakeExcel';

const MINE = [['我的笔记'], ['问题清单这个名字是我先用的']];
const validate = (book: FakeWorkbook) =>
  run(book, (c) => runValidate(c as unknown as Excel.RequestContext, {}, NO_PROGRESS));

/** The CLI's report for the same cells, written to a real file and read back, without its 文件 column. */
async function cliIssues(book: FakeWorkbook, sheets: string[]): Promise<unknown[][]> {
  const books = [{ file: '当前工作簿', grids: sheets.map((s) => gridOf(book, s)) }];
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'insdesk-validate-')), 'report.xlsx');
  await writeValidationReport(file, validateWorkbooks(books), books);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: unknown[][] = [];
  wb.getWorksheet('问题清单')!.eachRow((row) => {
    const cells = [1, 2, 3, 4, 5, 7, 8].map((c) => row.getCell(c).value);
    rows.push(cells.map((v) => (v && typeof v === 'object' && 'result' in v ? v.result : (v ?? ''))));
  });
  return rows;
}

/** The 问题清单 written into the fake, links shown as their text. */
function addinIssues(book: FakeWorkbook, sheet: string): unknown[][] {
  const s = book.sheet(sheet);
  const used = s.usedRect(false)!;
  return book
    .formulas(sheet, `A1:G${used.rows}`)
    .map((row) =>
      row.map((v) => (typeof v === 'string' && v.startsWith('=HYPERLINK(') ? /,"((?:[^"]|"")*)"\)$/.exec(v)![1] : v)),
    );
}

describe('校验 on the demo workbook', () => {
  test('lists what the CLI lists, links every cell finding, highlights without touching the clerk’s sheets', async () => {
    const book = demoBook({ 问题清单: MINE });
    const userSheets = book.sheetNames;
    // The clerk's own conditional format, which must survive every run.
    book.sheet('承保台账').conditionalFormats.push({
      rect: { row: 1, col: 0, rows: 150, cols: 1 },
      type: 'Custom',
      formula: '=A2=""',
      fill: '#FFFF00',
    });
    const before = userSheets.map((s) => sheetFingerprint(book, s));
    const expected = await cliIssues(book, userSheets);

    const summary = await validate(book);

    expect(summary.issuesSheet).toBe('问题清单 (2)');
    expect(book.sheetNames).toEqual([...userSheets, '问题清单 (2)']);
    expect(userSheets.map((s) => sheetFingerprint(book, s))).toEqual(before);
    expect(addinIssues(book, '问题清单 (2)')).toEqual(expected);
    expect(summary.result.summary.errors).toBeGreaterThan(0);

    // Every cell finding links to its cell, and that cell carries a highlight of its worst level.
    const worst = new Map<string, Level>();
    // A row's finding (a 合计 row noted) has no cell to link, but its row is highlighted.
    const rowOnly = new Set<string>();
    for (const f of summary.result.files[0].sheets.flatMap((s) => s.findings.map((x) => ({ ...x, sheet: s.sheet })))) {
      const key = `${f.sheet}!${f.column || 'A'}${f.row}`;
      if (!f.column) rowOnly.add(key);
      if (!worst.has(key) || LEVEL_ORDER[f.level] < LEVEL_ORDER[worst.get(key)!]) worst.set(key, f.level);
    }
    // Row 1 sums up, row 2 is the header, then the findings.
    expect(String(expected[0][0])).toMatch(/^共 \d+ 个错误、\d+ 个警告、\d+ 个提示。.*续保清单：错误 \d+/);
    expect(expected[1]).toEqual(['工作表', '单元格', '列名', '级别', '说明', '处理情况', '代码']);
    const formulas = book.formulas('问题清单 (2)', `B3:B${expected.length}`).flat();
    for (const key of worst.keys())
      if (!rowOnly.has(key))
        expect(formulas).toContain(`=HYPERLINK("#'${key.replace('!', "'!")}","${key.split('!')[1]}")`);
    for (const [key, level] of worst) {
      const [sheet, cell] = key.split('!');
      const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
      const at = { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
      const ours = book.sheet(sheet).conditionalFormats.filter((cf) => cf.formula?.includes('insdesk 校验'));
      const covering = ours.filter((cf) =>
        (cf.areas ?? [cf.rect]).some(
          (a) => at.row >= a.row && at.row < a.row + a.rows && at.col >= a.col && at.col < a.col + a.cols,
        ),
      );
      expect(covering.map((cf) => [cf.formula, cf.fill])).toEqual([
        [highlightFormula(level), hexColor(LEVEL_FILL[level])],
      ]);
    }
    expect(summary.highlighted.error + summary.highlighted.warning + summary.highlighted.info).toBe(worst.size);

    // Reads, engine, one request of results at most a little more: never a sync per sheet or row.
    const { stats } = summary;
    expect(book.syncCount).toBe(stats.syncs);
    expect(stats.syncs).toBeLessThanOrEqual(4 + stats.readChunks + stats.writeChunks);
    expect(stats.writeChunks).toBe(1);
    expect(writesSuspendCalculation(book)).toBe(true);
    expect(book.maxRequestBytes).toBeLessThanOrEqual(5_000_000);
  });

  test('a re-run replaces its list in place and its own highlights, nothing else', async () => {
    const book = demoBook({ 问题清单: MINE });
    book.sheet('承保台账').conditionalFormats.push({
      rect: { row: 1, col: 0, rows: 150, cols: 1 },
      type: 'Custom',
      formula: '=A2=""',
      fill: '#FFFF00',
    });
    await validate(book);
    const first = book.sheetNames.map((s) => [s, book.sheet(s).conditionalFormats.length]);
    const list = JSON.stringify(book.formulas('问题清单 (2)', 'A1:G400'));
    // The clerk moves the list to the front; it stays there.
    book.state.moveSheet(book.sheet('问题清单 (2)'), 0);
    const order = book.sheetNames;

    await validate(book);
    expect(book.sheetNames).toEqual(order);
    expect(book.sheetNames.map((s) => [s, book.sheet(s).conditionalFormats.length])).toEqual(
      order.map((s) => first.find(([n]) => n === s)),
    );
    expect(JSON.stringify(book.formulas('问题清单 (2)', 'A1:G400'))).toBe(list);
    expect(book.sheet('承保台账').conditionalFormats.filter((cf) => cf.formula === '=A2=""')).toHaveLength(1);
    expect(book.values('问题清单', 'A1:A2')).toEqual([['我的笔记'], ['问题清单这个名字是我先用的']]);
  });
});

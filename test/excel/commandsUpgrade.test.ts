/**
 * 升级为工具 end to end on the strict fake: every ledger sheet of the demo workbook is upgraded
 * in place, its cells, formulas, drop-downs, checks and conditional formats those `insdesk
 * upgrade` writes into a file for the same sheets (the CLI's output read back); a hidden
 * backup keeps each as it was, and 恢复升级前 puts them back — unless the clerk has typed
 * into a ledger since.
 */
import ExcelJS from 'exceljs';
import type { Cell } from '../../src/grid';
import { columnLetter } from '../../src/grid';
import { upgradeGrids } from '../../src/io/upgradeOut';
import { runUpgrade } from '../../commands/upgrade';
import { runRestoreUpgrade } from '../../commands/restoreUpgrade';
import { ledgerSheetOf, scanSheets } from '../../taskpane/excel/formRows';
import { tableByKey } from '../../src/ledgers';
import { NO_PROGRESS } from '../../commands/progress';
import { a1, parseA1 } from './fakeState';
import { demoBook, gridOf, sheetFingerprint, writesSuspendCalculation } from './demoBook';
import { FakeWorkbook, run } from './fakeExcel';

const upgrade = (book: FakeWorkbook) =>
  run(book, (c) => runUpgrade(c as unknown as Excel.RequestContext, {}, NO_PROGRESS));
const restore = (book: FakeWorkbook) =>
  run(book, (c) => runRestoreUpgrade(c as unknown as Excel.RequestContext, NO_PROGRESS));
const backupOf = (sheet: string) => `${sheet}（升级前）`;

const KIND: Record<string, string> = {
  list: 'list',
  date: 'date',
  time: 'time',
  decimal: 'decimal',
  whole: 'wholeNumber',
  textLength: 'textLength',
  custom: 'custom',
};

/** The CLI's upgrade of the same cells, as the file it writes. */
async function cliUpgrade(book: FakeWorkbook, sheets: string[]): Promise<ExcelJS.Workbook> {
  const { bytes } = await upgradeGrids(sheets.map((s) => gridOf(book, s)));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** A cell of the CLI's file as the fake holds it: formulas with '=', dates as serials. */
function held(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return '';
  // exceljs' own date → serial (a time of day reads as a date on 1899-12-30).
  if (v instanceof Date) return v.getTime() / 86_400_000 + 25_569;
  if (typeof v === 'object' && 'formula' in v) return `=${v.formula}`;
  return v as Cell;
}

/** The conditional formats exceljs read from a file. */
const cfsOf = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { conditionalFormattings?: { ref: string; rules: { formulae: string[] }[] }[] })
    .conditionalFormattings ?? [];

/** exceljs keeps times to the millisecond. */
const round = (v: Cell): Cell => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v);

describe('升级为工具 on the demo workbook', () => {
  test('each ledger is upgraded in place exactly as the CLI upgrades the file; a hidden backup keeps it as it was', async () => {
    const book = demoBook();
    const userSheets = book.sheetNames;
    const before = userSheets.map((s) => sheetFingerprint(book, s));
    const cli = await cliUpgrade(book, userSheets);

    const summary = await upgrade(book);

    // 设置 gains the settings it lacked, below its own rows, and — as the CLI does (one settings
    // plan) — a time typed as text becomes a time the formulas can read: 09:00 → 0.375, listed in
    // 升级记录.
    const settingsBefore = JSON.parse(before[userSheets.indexOf('设置')]).values as unknown[][];
    const settingsAfter = book.values('设置', `A1:C${settingsBefore.length + 3}`);
    const converted = (r: unknown[]) => (r[0] === '上班时间' && r[1] === '09:00' ? [r[0], 0.375, r[2] ?? null] : r);
    expect(settingsAfter.slice(0, settingsBefore.length).map((r) => r.map((v) => v || null))).toEqual(
      settingsBefore.map((r) => converted([0, 1, 2].map((c) => r[c] ?? null))),
    );
    expect(
      book.values('升级记录', 'A1:F400').some((r) => r[0] === '设置' && r[3] === '09:00' && r[4] === '09:00'),
    ).toBe(true);
    expect(settingsAfter.slice(settingsBefore.length).map((r) => r.slice(0, 2))).toEqual([
      ['续保窗口天数', 30],
      ['发放提前天数', 25],
      ['理赔逾期天数', 30],
    ]);
    expect(summary.ledgers.map((l) => l.table)).toEqual([
      'renewal',
      'followups',
      'issuance',
      'claims',
      'contracts',
      'collections',
      'roster',
      'punches',
      'rollCall',
      'intent',
      'items',
      'statement',
      'deliveries',
      'hotline',
    ]);
    // The clerk's sheets where they were, then the log, then the hidden backups.
    const ledgers = summary.ledgers.map((l) => l.sheet);
    expect(book.sheetNames).toEqual([...userSheets, '升级记录', ...ledgers.map(backupOf)]);
    for (const sheet of ledgers) {
      expect([sheet, book.sheet(backupOf(sheet)).visibility]).toEqual([sheet, 'Hidden']);
      expect([sheet, sheetFingerprint(book, backupOf(sheet))]).toEqual([sheet, before[userSheets.indexOf(sheet)]]);
    }

    for (const ledger of summary.ledgers) {
      const ours = book.sheet(ledger.sheet);
      const theirs = cli.getWorksheet(ledger.sheet)!;
      // Cell for cell: values, converted dates and amounts, headers, formulas.
      const differences: unknown[] = [];
      const used = ours.usedRect(true)!;
      const values = theirs.getSheetValues() as (ExcelJS.CellValue[] | undefined)[];
      const [rows, cols] = [Math.max(theirs.rowCount, used.rows), Math.max(theirs.columnCount, used.cols)];
      for (let r = 1; r <= rows; r++) {
        for (let c = 1; c <= cols; c++) {
          const mine = round(ours.formulas.get(r - 1, c - 1) ?? ours.valueAt(r - 1, c - 1));
          const cli = round(held(values[r]?.[c]));
          if (mine !== cli) differences.push([`${ledger.sheet}!${columnLetter(c - 1)}${r}`, mine, cli]);
        }
      }
      expect(differences).toEqual([]);
      // The same drop-downs and checks on the first data row of every column.
      for (let c = 1; c <= cols; c++) {
        const dv = theirs.getCell(ledger.headerRow + 1, c).dataValidation;
        const mine = ours.validations.find(
          (v) => v.rect.col === c - 1 && v.rect.row <= ledger.headerRow && v.rect.row + v.rect.rows > ledger.headerRow,
        );
        // exceljs types 'any' (advice only) validations no further: Office.js gets none.
        const type = dv?.type as string | undefined;
        expect([c, mine?.rule ? Object.keys(mine.rule)[0] : undefined]).toEqual([
          c,
          type && type !== 'any' ? KIND[type] : undefined,
        ]);
        // A suggested list (逾期原因) refuses nothing: no alert, as the file has no error.
        if (mine) expect(mine.errorAlert?.showAlert ? mine.errorAlert.message : undefined).toBe(dv.error);
      }
      // The same conditional formats over the same cells.
      const cfs = cfsOf(theirs)
        .map((cf) => `${cf.ref} =${cf.rules[0].formulae[0]}`)
        .sort();
      expect(ours.conditionalFormats.map((cf) => `${a1(cf.rect)} ${cf.formula}`).sort()).toEqual(cfs);
      expect(ours.freezeRows).toBe(ledger.headerRow);
      expect(book.tables.find((t) => t.sheet === ours)?.name).toBe(ledger.excelTable);
    }
    expect(book.names.get('asofdate')?.formula).toBe("='设置'!$B$1");
    expect(book.names.get('claimoverduedays')?.formula).toMatch(/^='设置'!\$B\$\d+$/);
    const log = book.values('升级记录', `A1:F${summary.records.length + 1}`);
    expect(log[0]).toEqual(['工作表', '单元格', '列', '原内容', '升级后', '说明']);
    expect(log.slice(1).map((r) => r[5])).toEqual(summary.records.map((r) => r.note));

    const s = summary.stats;
    expect(book.syncCount).toBe(s.syncs);
    expect(s.syncs).toBeLessThanOrEqual(4 + s.readChunks + s.writeChunks);
    expect(writesSuspendCalculation(book)).toBe(true);
    expect(book.maxRequestBytes).toBeLessThanOrEqual(5_000_000);
  });
});

describe('升级为工具 again', () => {
  test('a re-run changes nothing of the upgraded ledgers, and its backups hold them as they were before it', async () => {
    const book = demoBook();
    const tables = (await upgrade(book)).ledgers.map((l) => l.excelTable);
    const order = book.sheetNames;
    const ledgers = order.filter((s) => book.sheet(s).visibility === 'Visible' && s !== '设置' && s !== '升级记录');
    const first = ledgers.map((s) => sheetFingerprint(book, s));
    const cfs = ledgers.map((s) => book.sheet(s).conditionalFormats.length);
    const settings = sheetFingerprint(book, '设置');
    const names = JSON.stringify([...book.names.values()]);

    const again = await upgrade(book);
    expect(book.sheetNames).toEqual(order);
    expect(ledgers.map((s) => sheetFingerprint(book, s))).toEqual(first);
    expect(ledgers.map((s) => book.sheet(s).conditionalFormats.length)).toEqual(cfs);
    // Cell for cell (a copied sheet's table gets a name of its own).
    const cells = (fingerprint: string) => ({ ...JSON.parse(fingerprint), tables: undefined });
    expect(ledgers.map((s) => cells(sheetFingerprint(book, backupOf(s))))).toEqual(first.map(cells));
    expect(sheetFingerprint(book, '设置')).toBe(settings);
    expect(JSON.stringify([...book.names.values()])).toBe(names);
    expect(again.ledgers.map((l) => l.excelTable)).toEqual(tables);
    expect(tables[0]).toBe('insdesk_renewal');
  });

  test('a workbook the CLI upgraded before: its formula columns are recognised and reused, not appended again', async () => {
    const demo = demoBook();
    const sheets = ['承保台账', '合同', '回款记录'];
    const { bytes } = await upgradeGrids(sheets.map((s) => gridOf(demo, s)));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const book = new FakeWorkbook({});
    book.state.sheets.splice(0);
    wb.eachSheet((ws) => {
      const s = book.state.addSheet(ws.name);
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          const v = cell.value;
          if (v && typeof v === 'object' && 'formula' in v) s.formulas.set(r - 1, c - 1, `=${v.formula}`);
          else if (v instanceof Date) s.values.set(r - 1, c - 1, v.getTime() / 86_400_000 + 25_569);
          else if (v !== null && v !== undefined) s.values.set(r - 1, c - 1, v as string | number | boolean);
        }),
      );
      // Its conditional formats too: the copy brings them along and must not get them twice.
      for (const cf of cfsOf(ws))
        s.conditionalFormats.push({ rect: parseA1(cf.ref), type: 'Custom', formula: `=${cf.rules[0].formulae[0]}` });
    });
    const headers = (sheet: string) => (book.values(sheet, 'A1:Z1')[0] as unknown[]).filter((v) => v !== '');

    const summary = await upgrade(book);
    expect(summary.ledgers.map((l) => [l.sheet, l.formulaColumns])).toEqual([
      ['承保台账', ['未缴保费', '代理费']],
      ['合同', ['已回款', '应收余额', '交付逾期']],
      ['回款记录', []],
    ]);
    expect(headers('承保台账')).toEqual(headers(backupOf('承保台账')));
    expect(headers('合同')).toEqual(headers(backupOf('合同')));
    for (const sheet of sheets) {
      const list = book.sheet(sheet).conditionalFormats.map((cf) => `${a1(cf.rect)} ${cf.formula}`);
      expect(new Set(list).size).toBe(list.length);
      expect(list.length).toBe(cfsOf(wb.getWorksheet(sheet)!).length);
    }
    expect(book.formulas('合同', 'J2')[0][0]).toContain("'回款记录'!$C$2:$C$1048576");
  });

  test('a workbook without 设置 or 回款记录: both are added, the names point at the new 设置', async () => {
    const demo = demoBook();
    const book = new FakeWorkbook({ 合同: book2rows(demo, '合同') });
    const summary = await upgrade(book);
    expect(summary.settingsAdded).toBe(true);
    expect(book.sheetNames).toEqual(['合同', '升级记录', '合同（升级前）', '设置', '回款记录']);
    // Only what a contracts workbook uses: the 基准日, none of the renewal or attendance settings.
    expect(book.values('设置', 'A1:A3')).toEqual([['设置项'], ['基准日'], ['']]);
    expect(book.names.get('asofdate')?.formula).toBe("='设置'!$B$2");
    expect(book.names.get('holidays')).toBeUndefined();
    expect(book.values('回款记录', 'A1:D1')).toEqual([['合同编号', '回款日期', '回款金额', '回款方式']]);
    expect(book.tables.map((t) => [t.name, t.sheet.name])).toEqual([
      ['insdesk_collections', '回款记录'],
      ['insdesk_contracts', '合同'],
    ]);
    expect(book.formulas('合同', 'J2')[0][0]).toContain("'回款记录'!$C$2:$C$1048576");
    expect(summary.records.map((r) => r.note)).toEqual(
      expect.arrayContaining([
        '新增工作表：设置（基准日和本工作簿台账用到的设置项，公式通过名称引用）',
        '新增工作表：回款记录（合同的已回款由此汇总）',
      ]),
    );
  });
});

test('the forms go on writing to the upgraded ledger, never to its hidden backup', async () => {
  const book = demoBook();
  await upgrade(book);
  book.state.activeSheet = book.sheet('承保台账');
  const { sheets } = await run(book, (c) => scanSheets(c as unknown as Excel.RequestContext));
  expect(sheets.find((s) => s.name === backupOf('续保清单'))?.table).toBeUndefined();
  expect(ledgerSheetOf(sheets, tableByKey('renewal'))).toBe('续保清单');
  expect(ledgerSheetOf(sheets, tableByKey('issuance'))).toBe('承保台账');
});

describe('恢复升级前', () => {
  test('puts every ledger back as it was, cell for cell, and removes the backups and the log', async () => {
    const book = demoBook();
    const userSheets = book.sheetNames;
    const before = userSheets.map((s) => sheetFingerprint(book, s));
    const upgraded = await upgrade(book);
    const settings = sheetFingerprint(book, '设置');

    const summary = await restore(book);
    expect(summary.restored).toEqual(upgraded.ledgers.map((l) => l.sheet));
    expect(summary.kept).toEqual([]);
    expect(book.sheetNames).toEqual(userSheets);
    for (const [i, sheet] of userSheets.entries()) {
      if (sheet === '设置') continue;
      expect([sheet, sheetFingerprint(book, sheet)]).toEqual([sheet, before[i]]);
      expect([sheet, book.sheet(sheet).conditionalFormats]).toEqual([sheet, []]);
    }
    // 设置 and its names stay as the upgrade left them: the clerk may have set them since.
    expect(sheetFingerprint(book, '设置')).toBe(settings);
    expect(book.names.get('asofdate')).toBeDefined();
    expect(book.tables).toEqual([]);
  });

  test('a ledger typed into since the upgrade stays as it is, its backup kept; the others go back', async () => {
    const book = demoBook();
    const before = sheetFingerprint(book, '承保台账');
    await upgrade(book);
    book.sheet('续保清单').values.set(119, 0, 'PDAA2026新录入的保单');
    const typed = sheetFingerprint(book, '续保清单');

    const summary = await restore(book);
    expect(summary.kept).toEqual([
      {
        sheet: '续保清单',
        reason:
          '「续保清单」在升级后已录入或修改过，恢复会丢失这些内容，没有恢复（备份仍在隐藏的「续保清单（升级前）」中）',
      },
    ]);
    expect(sheetFingerprint(book, '续保清单')).toBe(typed);
    expect(book.sheetNames).toContain('续保清单（升级前）');
    expect(book.sheetNames).toContain('升级记录');
    expect(sheetFingerprint(book, '承保台账')).toBe(before);
    expect(book.sheetNames).not.toContain('承保台账（升级前）');
  });

  test('with nothing to restore it says so and changes nothing', async () => {
    const book = demoBook();
    const before = book.sheetNames.map((s) => sheetFingerprint(book, s));
    await expect(restore(book)).rejects.toThrow('没有找到“升级为工具”留下的备份');
    expect(book.sheetNames.map((s) => sheetFingerprint(book, s))).toEqual(before);
  });
});

function book2rows(book: FakeWorkbook, sheet: string): (string | number | boolean)[][] {
  const used = book.sheet(sheet).usedRect(true)!;
  return book.values(sheet, a1(used));
}

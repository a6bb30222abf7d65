/**
 * 升级为工具 end to end on the strict fake: every ledger sheet of the demo workbook gets an
 * upgraded copy whose cells, formulas, drop-downs, checks and conditional formats are those
 * `insdesk upgrade` writes into a file for the same sheets (the CLI's output read back), the
 * clerk's sheets stay untouched, and a re-run never overwrites work done in a copy.
 */
import ExcelJS from 'exceljs';
import type { Cell } from '../../src/grid';
import { columnLetter } from '../../src/grid';
import { upgradeGrids } from '../../src/io/upgradeOut';
import { runUpgrade } from '../../commands/upgrade';
import { NO_PROGRESS } from '../../commands/progress';
import { a1, parseA1 } from './fakeState';
import { demoBook, gridOf, sheetFingerprint, writesSuspendCalculation } from './demoBook';
import { FakeWorkbook, run } from './fakeExcel';

const upgrade = (book: FakeWorkbook) =>
  run(book, (c) => runUpgrade(c as unknown as Excel.RequestContext, {}, NO_PROGRESS));

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

/** A cell of the CLI's file as the fake holds it: formulas with '=' (pointing at the copies), dates as serials. */
function held(v: ExcelJS.CellValue | undefined, copies: Map<string, string>): Cell {
  if (v === null || v === undefined) return '';
  // exceljs' own date → serial (a time of day reads as a date on 1899-12-30).
  if (v instanceof Date) return v.getTime() / 86_400_000 + 25_569;
  if (typeof v === 'object' && 'formula' in v) {
    let f = `=${v.formula}`;
    for (const [from, to] of copies) f = f.split(`'${from}'!`).join(`'${to}'!`);
    return f;
  }
  return v as Cell;
}

/** The conditional formats exceljs read from a file. */
const cfsOf = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { conditionalFormattings?: { ref: string; rules: { formulae: string[] }[] }[] })
    .conditionalFormattings ?? [];

/** exceljs keeps times to the millisecond. */
const round = (v: Cell): Cell => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v);

describe('升级为工具 on the demo workbook', () => {
  test('each ledger gets a copy upgraded exactly as the CLI upgrades the file; the originals stay as they were', async () => {
    const book = demoBook({ '续保清单（工具）': [['我自己的工具表']] });
    const userSheets = book.sheetNames;
    const before = userSheets.map((s) => sheetFingerprint(book, s));
    const cli = await cliUpgrade(
      book,
      userSheets.filter((s) => s !== '续保清单（工具）'),
    );

    const summary = await upgrade(book);

    // The clerk's sheets are untouched. 设置 gains the settings it lacked, below its own rows, and
    // — as the CLI does (one settings plan) — a time typed as text becomes a time the formulas can
    // read: 09:00 → 0.375, listed in 升级记录.
    userSheets.forEach((s, i) => s !== '设置' && expect([s, sheetFingerprint(book, s)]).toEqual([s, before[i]]));
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
    expect(book.values('续保清单（工具）', 'A1')).toEqual([['我自己的工具表']]);
    const copies = new Map(summary.ledgers.map((l) => [l.sheet, l.copy]));
    expect(copies.get('续保清单')).toBe('续保清单（工具） (2)');
    expect(copies.get('承保台账')).toBe('承保台账（工具）');
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
    expect(book.sheetNames).toEqual([...userSheets, ...summary.ledgers.map((l) => l.copy), '升级记录']);

    for (const ledger of summary.ledgers) {
      const ours = book.sheet(ledger.copy);
      const theirs = cli.getWorksheet(ledger.sheet)!;
      // Cell for cell: values, converted dates and amounts, headers, formulas.
      const differences: unknown[] = [];
      const used = ours.usedRect(true)!;
      const values = theirs.getSheetValues() as (ExcelJS.CellValue[] | undefined)[];
      const [rows, cols] = [Math.max(theirs.rowCount, used.rows), Math.max(theirs.columnCount, used.cols)];
      for (let r = 1; r <= rows; r++) {
        for (let c = 1; c <= cols; c++) {
          const mine = round(ours.formulas.get(r - 1, c - 1) ?? ours.valueAt(r - 1, c - 1));
          const cli = round(held(values[r]?.[c], copies));
          if (mine !== cli) differences.push([`${ledger.copy}!${columnLetter(c - 1)}${r}`, mine, cli]);
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
  test('a re-run replaces untouched copies in place: same sheets, formulas, formats, table names; 设置 and names as they were', async () => {
    const book = demoBook();
    const tables = (await upgrade(book)).ledgers.map((l) => l.excelTable);
    const order = book.sheetNames;
    const copies = order.filter((s) => s.endsWith('（工具）'));
    const first = copies.map((s) => sheetFingerprint(book, s));
    const cfs = copies.map((s) => book.sheet(s).conditionalFormats.length);
    const settings = sheetFingerprint(book, '设置');
    const names = JSON.stringify([...book.names.values()]);

    const again = await upgrade(book);
    expect(book.sheetNames).toEqual(order);
    expect(copies.map((s) => sheetFingerprint(book, s))).toEqual(first);
    expect(copies.map((s) => book.sheet(s).conditionalFormats.length)).toEqual(cfs);
    expect(sheetFingerprint(book, '设置')).toBe(settings);
    expect(JSON.stringify([...book.names.values()])).toBe(names);
    expect(again.ledgers.map((l) => l.excelTable)).toEqual(tables);
    expect(tables[0]).toBe('insdesk_renewal');
  });

  test('a copy the clerk has worked in is never overwritten: the run stops before writing anything', async () => {
    const book = demoBook();
    await upgrade(book);
    book.sheet('续保清单（工具）').values.set(119, 0, 'PDAA2026新录入的保单');
    const before = book.sheetNames.map((s) => sheetFingerprint(book, s));
    const syncs = book.syncCount;
    await expect(upgrade(book)).rejects.toThrow('「续保清单（工具）」与原表「续保清单」的数据已不一致');
    expect(book.sheetNames.map((s) => sheetFingerprint(book, s))).toEqual(before);
    // The sheet list, the used ranges, the cells: nothing written.
    expect(
      book.syncs.slice(syncs).every((r) => r.ops.every((op) => op.startsWith('load') || op.startsWith('resolve'))),
    ).toBe(true);
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
    expect(headers('承保台账（工具）')).toEqual(headers('承保台账'));
    expect(headers('合同（工具）')).toEqual(headers('合同'));
    for (const sheet of sheets) {
      const list = book.sheet(`${sheet}（工具）`).conditionalFormats.map((cf) => `${a1(cf.rect)} ${cf.formula}`);
      expect(new Set(list).size).toBe(list.length);
      expect(list.length).toBe(cfsOf(wb.getWorksheet(sheet)!).length);
    }
    // The formulas now read the upgraded collections.
    expect(book.formulas('合同（工具）', 'J2')[0][0]).toContain("'回款记录（工具）'!$C$2:$C$1048576");
  });

  test('a workbook without 设置 or 回款记录: both are added, the names point at the new 设置', async () => {
    const demo = demoBook();
    const book = new FakeWorkbook({ 合同: book2rows(demo, '合同') });
    const summary = await upgrade(book);
    expect(summary.settingsAdded).toBe(true);
    expect(book.sheetNames).toEqual(['合同', '合同（工具）', '升级记录', '设置', '回款记录']);
    // Only what a contracts workbook uses: the 基准日, none of the renewal or attendance settings.
    expect(book.values('设置', 'A1:A3')).toEqual([['设置项'], ['基准日'], ['']]);
    expect(book.names.get('asofdate')?.formula).toBe("='设置'!$B$2");
    expect(book.names.get('holidays')).toBeUndefined();
    expect(book.values('回款记录', 'A1:D1')).toEqual([['合同编号', '回款日期', '回款金额', '回款方式']]);
    expect(book.tables.map((t) => [t.name, t.sheet.name])).toEqual([
      ['insdesk_collections', '回款记录'],
      ['insdesk_contracts', '合同（工具）'],
    ]);
    expect(book.formulas('合同（工具）', 'J2')[0][0]).toContain("'回款记录'!$C$2:$C$1048576");
    expect(summary.records.map((r) => r.note)).toEqual(
      expect.arrayContaining([
        '新增工作表：设置（基准日和本工作簿台账用到的设置项，公式通过名称引用）',
        '新增工作表：回款记录（合同的已回款由此汇总）',
      ]),
    );
  });
});

function book2rows(book: FakeWorkbook, sheet: string): (string | number | boolean)[][] {
  const used = book.sheet(sheet).usedRect(true)!;
  return book.values(sheet, a1(used));
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readWorkbookFile } from '../../src/io/workbook';
import { validateWorkbooks, type Book, type ValidateResult } from '../../src/tasks/validate';
import { writeValidationReport } from '../../src/io/reportOut';
import { todayIso } from '../../src/rules/date';
import { day, tempDir, writeBook } from '../read/files';

/** What exceljs reads back from a HYPERLINK() cell: the formula and the text it shows. */
const link = (target: string, text: string) => ({ formula: `HYPERLINK("${target}","${text}")`, result: text });
import { DATA_ROWS, HEADER_ROW, MERGES, PLANTS, SHEET, TOTAL_ROW, excelRow, sheetRows } from '../read/messyIssuance';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function books(...paths: string[]): Promise<Book[]> {
  const out: Book[] = [];
  for (const p of paths) out.push({ file: p, grids: (await readWorkbookFile(p)).grids });
  return out;
}

describe('a messy issuance workbook with planted mistakes', () => {
  let source: string;
  let result: ValidateResult;
  let input: Book[];

  beforeAll(async () => {
    source = await writeBook(join(dir, '承保台账2026-10.xlsx'), [
      {
        name: SHEET,
        rows: sheetRows(),
        merges: MERGES,
        numFmt: { 2: 'yyyy-mm-dd', 9: 'yyyy-mm-dd', 10: 'yyyy-mm-dd' },
      },
    ]);
    input = await books(source);
    result = validateWorkbooks(input, { asOf: '2026-10-31' });
  });

  test('the sheet is read as the issuance ledger, below its title rows', () => {
    const s = result.files[0].sheets[0];
    expect(s).toMatchObject({
      sheet: SHEET,
      ledger: 'issuance',
      table: 'issuance',
      headerRow: HEADER_ROW,
      rows: DATA_ROWS,
      totalRows: [TOTAL_ROW],
    });
    expect(s.columns).toEqual({
      签单日期: 'issueDate',
      保险单号: 'policyNo',
      险别: 'coverage',
      投保人: 'applicantName',
      被保险人姓名: 'insuredName',
      号牌号码: 'plateNo',
      车架号: 'vin',
      保险起期: 'startDate',
      保险止期: 'endDate',
      '应收保费（元）': 'premium',
      '已收保费（元）': 'paidPremium',
      业务类型: 'businessType',
      销售顾问: 'salesperson',
      承保公司: 'insurer',
      手续费率: 'commissionRate',
      已交付: 'delivered',
      证件号码: 'idNo',
    });
    expect(s.otherColumns).toEqual(['序号', '备注']);
    expect(s.mapping.find((m) => m.header === '被保险人姓名')).toEqual({
      header: '被保险人姓名',
      letter: 'F',
      key: 'insuredName',
      match: 'fuzzy',
    });
  });

  test('every planted mistake is found at its row, column and level, and nothing else', () => {
    const got = result.files[0].sheets[0].findings.map((f) => `${f.column}${f.row} ${f.level} ${f.code}`);
    const planted = PLANTS.map((p) => `${p.column}${excelRow(p.index)} ${p.level} ${p.code}`);
    expect(got).toEqual([...planted, `${TOTAL_ROW} info row.total`]);
  });

  test('clean rows carry no error-level finding', () => {
    const plantedRows = new Set(PLANTS.map((p) => excelRow(p.index)));
    const errors = result.files[0].sheets[0].findings.filter((f) => f.level === 'error');
    expect(errors.every((f) => plantedRows.has(f.row))).toBe(true);
  });

  test('findings have the JSON shape of cli.md and are sorted by row then column', () => {
    const f = result.files[0].sheets[0].findings[0];
    expect(Object.keys(f).sort()).toEqual(['code', 'column', 'key', 'level', 'message', 'row']);
    expect(f).toMatchObject({ row: excelRow(1), column: 'G', key: 'plateNo', level: 'error', code: 'plate.invalid' });
    expect(f.message).toContain('京A1234');
    const rows = result.files[0].sheets[0].findings.map((x) => x.row);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    const errors = PLANTS.filter((p) => p.level === 'error').length;
    expect(result.summary).toMatchObject({
      rows: DATA_ROWS,
      errors,
      warnings: PLANTS.length - errors,
      infos: 1,
      files: 1,
      sheets: 1,
    });
    // One JSON document, no undefined holes.
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  describe('the report workbook', () => {
    let report: ExcelJS.Workbook;
    const before = () => sha(source);
    let hash: string;

    let out: string;
    beforeAll(async () => {
      hash = before();
      out = join(dir, '检查报告.xlsx');
      await writeValidationReport(out, result, input);
      report = new ExcelJS.Workbook();
      await report.xlsx.readFile(out);
    });

    test('the source file is not modified', () => {
      expect(sha(source)).toBe(hash);
    });

    test('a second reader (SheetJS, through insdesk itself) sees the same report', async () => {
      const back = await readWorkbookFile(out);
      expect(back.grids.map((g) => g.sheet)).toEqual(['问题清单', `标注-${SHEET}`]);
      const issues = back.grids[0].rows;
      expect(issues[2].slice(0, 4)).toEqual([SHEET, `G${excelRow(1)}`, '号牌号码', '错误']);
      expect(issues[2][7]).toBe('plate.invalid');
      // The copy is itself a valid ledger with the same findings.
      const again = validateWorkbooks([{ file: out, grids: [back.grids[1]] }], { asOf: '2026-10-31' });
      expect(again.files[0].sheets[0].findings).toEqual(result.files[0].sheets[0].findings);
    });

    test('问题清单: a summary line, then every finding with sheet, cell, header, level, message, file, 处理情况 and code', () => {
      const ws = report.getWorksheet('问题清单')!;
      expect(report.worksheets.map((w) => w.name)).toEqual(['问题清单', `标注-${SHEET}`]);
      const { errors, warnings, infos } = result.summary;
      expect(ws.getRow(1).getCell(1).value).toBe(
        `共 ${errors} 个错误、${warnings} 个警告、${infos} 个提示。${SHEET}：${[
          errors ? `错误 ${errors}` : '',
          warnings ? `警告 ${warnings}` : '',
          infos ? `提示 ${infos}` : '',
        ]
          .filter(Boolean)
          .join('、')}`,
      );
      expect((ws.getRow(2).values as unknown[]).slice(1, 9)).toEqual([
        '工作表',
        '单元格',
        '列名',
        '级别',
        '说明',
        '文件',
        '处理情况',
        '代码',
      ]);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(ws.rowCount).toBe(2 + PLANTS.length + 1);
      const plate = ws.getRow(3);
      expect(plate.getCell(1).value).toBe(SHEET);
      expect(plate.getCell(2).value).toEqual(link(`#'标注-${SHEET}'!G${excelRow(1)}`, `G${excelRow(1)}`));
      expect(plate.getCell(3).value).toBe('号牌号码');
      expect(plate.getCell(4).value).toBe('错误');
      expect(String(plate.getCell(5).value)).toContain('京A1234');
      expect(plate.getCell(7).value).toBeNull();
      expect(plate.getCell(8).value).toBe('plate.invalid');
      const levels = new Set<unknown>();
      ws.eachRow((row, n) => {
        if (n > 2) levels.add(row.getCell(4).value);
      });
      expect(levels).toEqual(new Set(['错误', '警告', '提示']));
      const total = ws.getRow(ws.rowCount);
      expect(total.getCell(2).value).toEqual(link(`#'标注-${SHEET}'!A${TOTAL_ROW}`, `第 ${TOTAL_ROW} 行`));
      expect(Number(ws.getColumn(5).width)).toBeGreaterThan(30);
    });

    test('the marked-up copy keeps the cells and fills and notes the flagged ones', () => {
      const ws = report.getWorksheet(`标注-${SHEET}`)!;
      const src = input[0].grids[0];
      // Same values as the source grid (text, numbers; date serials shown as dates).
      expect(ws.getCell('A1').value).toBe(src.rows[0][0]);
      expect(ws.getCell(`C${HEADER_ROW + 1}`).value).toBe(src.rows[HEADER_ROW][2]);
      expect(ws.getCell(`E${HEADER_ROW}`).value).toBe('投保人');
      const issued = ws.getCell(`B${HEADER_ROW + 1}`);
      expect(issued.value).toEqual(day('2026-10-08'));
      expect(issued.numFmt).toBe('yyyy-mm-dd');
      // Money reads to the fen, as in the clerk's ledger (760.00, not 760).
      const premium = result.files[0].sheets[0].mapping.find((m) => m.key === 'premium')!.letter;
      const money = ws.getCell(`${premium}${HEADER_ROW + 1}`);
      expect(typeof money.value).toBe('number');
      expect(money.numFmt).toBe('#,##0.00');

      const plate = ws.getCell(`G${excelRow(1)}`);
      expect(plate.value).toBe('京A1234');
      expect(plate.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
      expect(JSON.stringify(plate.note)).toContain('车牌号格式不正确');
      const vin = ws.getCell(`H${excelRow(3)}`);
      expect(vin.fill).toMatchObject({ fgColor: { argb: 'FFFFEB9C' } });
      expect(JSON.stringify(vin.note)).toContain('警告');
      // The row-level total finding marks the first cell of its row.
      expect(JSON.stringify(ws.getCell(`A${TOTAL_ROW}`).note)).toContain('合计行');
      // A clean cell is left alone.
      expect(ws.getCell(`G${excelRow(0)}`).note).toBeUndefined();
      expect(ws.getCell(`G${excelRow(0)}`).fill).toBeUndefined();
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    });
  });
});

describe('several files in one run', () => {
  let contractsFile: string;
  let collectionsFile: string;

  beforeAll(async () => {
    contractsFile = await writeBook(join(dir, '合同.xlsx'), [
      {
        name: '合同履行一览表',
        rows: [
          ['合同编号', '客户名称', '签订日期', '合同金额'],
          ['HT-001', '华北物流', '2026-09-01', 120000],
          ['HT-002', '冀东汽修', '2026-09-10', 80000],
        ],
      },
    ]);
    collectionsFile = await writeBook(join(dir, '回款.xlsx'), [
      {
        name: '回款记录',
        rows: [
          ['合同编号', '回款日期', '回款金额'],
          ['HT-001', '2026-10-01', 60000],
          ['HT-404', '2026-10-02', 5000],
          ['HT-002', '2026-10-03', 5000],
        ],
      },
    ]);
  });

  test('collections are checked against contracts of another file, each unknown one reported once', async () => {
    const result = validateWorkbooks(await books(contractsFile, collectionsFile), { asOf: '2026-10-31' });
    const all = result.files.flatMap((f) =>
      f.sheets.flatMap((s) =>
        s.findings.map((x) => `${f.file.endsWith('回款.xlsx') ? '回款' : '合同'}!${x.column}${x.row} ${x.code}`),
      ),
    );
    expect(all).toEqual(['回款!A3 collections.unknownContract']);
    expect(result.summary.errors).toBe(1);
    expect(result.files.every((f) => f.findings.length === 0)).toBe(true);
  });

  test('two files with the same sheet name keep their findings apart', async () => {
    const other = await writeBook(join(dir, '回款2.xlsx'), [
      {
        name: '回款记录',
        rows: [
          ['合同编号', '回款日期', '回款金额'],
          ['HT-002', '2026-10-05', 100],
          ['HT-777', '2026-10-06', 100],
        ],
      },
    ]);
    const result = validateWorkbooks(await books(contractsFile, collectionsFile, other), { asOf: '2026-10-31' });
    expect(result.files[1].sheets[0].findings.map((f) => f.row)).toEqual([3]);
    expect(result.files[2].sheets[0].findings.map((f) => f.row)).toEqual([3]);
  });
});

describe('files and sheets that are not ledgers', () => {
  test('a file with no ledger sheet is an error, not a silent pass', async () => {
    const path = await writeBook(join(dir, '通讯录.xlsx'), [
      {
        name: 'Sheet1',
        rows: [
          ['姓名', '生日'],
          ['张三', '1990-01-01'],
        ],
      },
    ]);
    const result = validateWorkbooks(await books(path));
    expect(result.files[0].sheets).toEqual([]);
    expect(result.files[0].unmatchedSheets).toEqual(['Sheet1']);
    expect(result.files[0].findings.map((f) => `${f.level} ${f.code}`)).toEqual(['error file.noLedger']);
    expect(result.summary.errors).toBe(1);
  });

  test('a workbook of empty sheets says so', async () => {
    const path = await writeBook(join(dir, '空.xlsx'), [
      { name: 'Sheet1', rows: [] },
      { name: 'Sheet2', rows: [] },
    ]);
    const result = validateWorkbooks(await books(path));
    expect(result.files[0].findings.map((f) => f.code)).toEqual(['file.empty']);
  });

  test('a note sheet beside a ledger is an info; empty sheets are only listed', async () => {
    const path = await writeBook(join(dir, '带说明.xlsx'), [
      { name: '说明', rows: [['本表每日下班前更新'], ['负责人', '赵敏']] },
      {
        name: '回款记录',
        rows: [
          ['合同编号', '回款日期', '回款金额'],
          ['HT-001', '2026-10-01', 6000],
        ],
      },
      { name: 'Sheet3', rows: [] },
    ]);
    const result = validateWorkbooks(await books(path));
    expect(result.files[0].unmatchedSheets).toEqual(['说明', 'Sheet3']);
    expect(result.files[0].findings.map((f) => `${f.sheet} ${f.level} ${f.code}`)).toEqual([
      '说明 info sheet.noLedger',
    ]);
    expect(result.summary.errors).toBe(0);
  });

  test('with --ledger, a sheet lacking required columns gets header.missingRequired, one without a header header.notFound', async () => {
    const path = await writeBook(join(dir, '不全.xlsx'), [
      {
        name: '承保',
        rows: [
          ['出单日期', '保单号', '被保险人', '保费'],
          ['2026-10-01', 'P1', '甲', 900],
        ],
      },
      { name: '说明', rows: [['本表每日下班前更新'], ['负责人', '赵敏']] },
    ]);
    const result = validateWorkbooks(await books(path), { ledger: 'issuance' });
    const s = result.files[0].sheets[0];
    expect(s.findings.map((f) => `${f.row}${f.column} ${f.code}`)).toEqual(['1 header.missingRequired']);
    expect(s.findings[0].message).toMatch(/险种.*起保日期/);
    expect(result.files[0].findings.map((f) => `${f.sheet} ${f.level} ${f.code}`)).toEqual([
      '说明 error header.notFound',
    ]);
    // Without --ledger, the same sheet is no ledger at all.
    expect(validateWorkbooks(await books(path)).files[0].findings.map((f) => f.code)).toEqual(['file.noLedger']);
  });
});

describe('the as-of date', () => {
  const rows = [
    ['合同编号', '回款日期', '回款金额'],
    ['HT-001', '2026-10-01', 6000],
  ];

  test('--as-of, else the 设置 sheet’s 基准日, else today', async () => {
    const withSettings = await writeBook(join(dir, '设置.xlsx'), [
      { name: '回款记录', rows },
      {
        name: '设置',
        rows: [
          ['基准日', day('2026-10-31')],
          ['续保窗口天数', 30],
        ],
        numFmt: { 2: 'yyyy-mm-dd' },
      },
    ]);
    const plain = await writeBook(join(dir, '无设置.xlsx'), [{ name: '回款记录', rows }]);
    expect(validateWorkbooks(await books(withSettings)).files[0].asOf).toBe('2026-10-31');
    expect(validateWorkbooks(await books(withSettings), { asOf: '2026-11-02' }).files[0].asOf).toBe('2026-11-02');
    expect(validateWorkbooks(await books(plain)).files[0].asOf).toBe(todayIso());
  });

  test('an unreadable setting is reported on the 设置 sheet', async () => {
    const path = await writeBook(join(dir, '坏设置.xlsx'), [
      { name: '回款记录', rows },
      {
        name: '设置',
        rows: [
          ['基准日', '月底'],
          ['迟到扣款', '二十'],
        ],
      },
    ]);
    const result = validateWorkbooks(await books(path));
    expect(result.files[0].findings.map((f) => `${f.sheet}!${f.column}${f.row} ${f.code}`)).toEqual([
      '设置!B1 settings.invalid',
      '设置!B2 settings.invalid',
    ]);
  });
});

test('progress is reported up to the total number of grid rows', async () => {
  const path = await writeBook(join(dir, 'progress.xlsx'), [
    {
      name: '回款记录',
      rows: [
        ['合同编号', '回款日期', '回款金额'],
        ...Array.from({ length: 5000 }, (_, i) => [`HT-${i}`, '2026-10-01', 100]),
      ],
    },
    { name: '说明', rows: [['x', 'y']] },
  ]);
  const calls: [number, number][] = [];
  validateWorkbooks(await books(path), { onProgress: (done, total) => calls.push([done, total]) });
  expect(calls.length).toBeGreaterThan(2);
  expect(calls.at(-1)).toEqual([5002, 5002]);
  expect(calls.every(([d, t], i) => t === 5002 && (i === 0 || d >= calls[i - 1][0]))).toBe(true);
});

test('with --ledger attendance, a sheet without a header says what each attendance table needs', async () => {
  const path = await writeBook(join(dir, '差勤说明.xlsx'), [{ name: '说明', rows: [['每月 5 日前交', '人事部']] }]);
  const [note] = validateWorkbooks(await books(path), { ledger: 'attendance' }).files[0].findings;
  expect(note.code).toBe('header.notFound');
  expect(note.message).toContain('人力表: 工号、姓名、部门');
  expect(note.message).toContain('打卡记录: 日期、工号或姓名');
});

import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import iconv from 'iconv-lite';
import { tempDir, writeBook } from '../read/files';
import { MERGES, PLANTS, SHEET, excelRow, sheetRows } from '../read/messyIssuance';
import { run } from './streams';

const { dir, cleanup } = tempDir('insdesk-cli-');
afterAll(cleanup);
afterEach(() => {
  process.exitCode = undefined;
});

let messy: string;
let clean: string;
beforeAll(async () => {
  messy = await writeBook(join(dir, 'messy.xlsx'), [{ name: SHEET, rows: sheetRows(), merges: MERGES }]);
  clean = await writeBook(join(dir, 'clean.xlsx'), [
    {
      name: '回款记录',
      rows: [
        ['合同编号', '回款日期', '回款金额'],
        ['HT-001', '2026-10-01', 6000],
        ['HT-002', '2026-10-02', '1,500.00'],
      ],
    },
  ]);
});

describe('validate', () => {
  test('a clean file exits 0 with a Chinese summary and nothing on stderr', async () => {
    const r = await run('validate', clean, '--as-of', '2026-10-31');
    expect(r.code).toBe(0);
    expect(process.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`文件 ${clean}（基准日 2026-10-31）`);
    expect(r.stdout).toContain('工作表「回款记录」: 合同履行一览表·回款记录，表头在第 1 行，数据 2 行');
    expect(r.stdout).toContain('未发现问题');
    expect(r.stdout).toMatch(/合计: 1 个文件，1 个台账工作表，数据 2 行；错误 0 条/);
  });

  test('errors exit 1 and are listed as `cell  level  message`, with fuzzy headers shown', async () => {
    const r = await run('validate', messy);
    expect(r.code).toBe(1);
    expect(process.exitCode).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('表头在第 4 行，数据 20 行');
    expect(r.stdout).toContain('被保险人姓名（F）→ insuredName');
    expect(r.stdout).toMatch(new RegExp(`\\n {4}G${excelRow(1)} +错误  车牌号格式不正确: 京A1234`));
    expect(r.stdout).toMatch(new RegExp(`\\n {4}H${excelRow(3)} +警告  车架号校验位不符`));
    expect(r.stdout).toMatch(/第 26 行 +提示 {2}合计行/);
  });

  test('--json prints exactly one JSON document of the cli.md shape', async () => {
    const r = await run('validate', messy, '--json', '--as-of', '2026/10/31');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['files', 'summary']);
    const sheet = doc.files[0].sheets[0];
    expect(doc.files[0].file).toBe(messy);
    expect(doc.files[0].asOf).toBe('2026-10-31');
    expect(sheet).toMatchObject({ sheet: SHEET, ledger: 'issuance', headerRow: 4, rows: 20 });
    expect(sheet.columns['保险止期']).toBe('endDate');
    expect(sheet.findings[0]).toEqual({
      row: excelRow(1),
      column: 'G',
      key: 'plateNo',
      level: 'error',
      code: 'plate.invalid',
      message: expect.stringContaining('京A1234'),
    });
    const errors = PLANTS.filter((p) => p.level === 'error').length;
    expect(doc.summary).toMatchObject({ rows: 20, errors, warnings: PLANTS.length - errors, infos: 1 });
  });

  test('--report writes the report, still exits 1, and names it in the JSON', async () => {
    const out = join(dir, 'report.xlsx');
    const before = createHash('sha256').update(readFileSync(messy)).digest('hex');
    const r = await run('validate', messy, '--report', out, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).report).toBe(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['问题清单', `标注-${SHEET}`]);
    expect(createHash('sha256').update(readFileSync(messy)).digest('hex')).toBe(before);
  });

  test('the human summary lists at most 50 findings per sheet and points to the report for the rest', async () => {
    const rows = [
      ['合同编号', '回款日期', '回款金额'],
      ...Array.from({ length: 60 }, (_, i) => [`HT-${i}`, '下个月', 100]),
    ];
    const many = await writeBook(join(dir, 'many.xlsx'), [{ name: '回款记录', rows }]);
    const r = await run('validate', many);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/错误 {2}回款日期: 日期无法识别/g)).toHaveLength(50);
    expect(r.stdout).toContain('…还有 10 条，用 --report 报告.xlsx 可导出完整清单');
    const withReport = await run('validate', many, '--report', join(dir, 'many-report.xlsx'));
    expect(withReport.stdout).toContain(`…还有 10 条，见报告 ${join(dir, 'many-report.xlsx')}`);
  });

  test('--ledger accepts the key or the Chinese title', async () => {
    const a = await run('validate', clean, '--ledger', 'contracts', '--json');
    const b = await run('validate', clean, '--ledger', '合同履行一览表', '--json');
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout).files[0].sheets[0].table).toBe('collections');
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
  });

  test('legacy .xls and a GB18030 CSV from the core system are read like .xlsx', async () => {
    const rows = [
      ['保单号', '险种', '被保险人', '联系电话', '车牌号', '终保日期', '上年保费'],
      ['PDZA01', '交强', '李娜', '13912345678', '粤B12345', '2026/12/1', '1,100.00'],
    ];
    const csv = join(dir, '续保查询.csv');
    writeFileSync(csv, iconv.encode(rows.map((r) => r.join(',')).join('\r\n'), 'gb18030'));
    const xls = join(dir, '续保.xls');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '续保清单');
    XLSX.writeFile(wb, xls, { bookType: 'xls' });
    const r = await run('validate', csv, xls, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(
      doc.files.map((f: { sheets: { sheet: string; ledger: string; rows: number }[] }) =>
        f.sheets.map((s) => `${s.sheet}:${s.ledger}:${s.rows}`),
      ),
    ).toEqual([['续保查询:renewal:1'], ['续保清单:renewal:1']]);
    // The same policy in two files is two rows, not a duplicate: files are checked one by one.
    expect(doc.summary).toMatchObject({ rows: 2, errors: 0, warnings: 0 });
  });

  test('a file with no ledger fails with a clear note', async () => {
    const contacts = await writeBook(join(dir, 'contacts.xlsx'), [
      {
        name: 'Sheet1',
        rows: [
          ['姓名', '生日'],
          ['张三', '1990-01-01'],
        ],
      },
    ]);
    const r = await run('validate', contacts);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('文件中没有找到任何台账');
  });
});

test('demo writes the sample ledgers and the validation report into --out', async () => {
  const out = join(dir, 'demo');
  const r = await run('demo', '--out', out, '--as-of', '2026-10-31');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  expect(r.stdout).toContain(`基准日 2026-10-31`);
  expect(existsSync(join(out, '承保台账.xlsx'))).toBe(true);
  expect(existsSync(join(out, '校验报告.xlsx'))).toBe(true);
});

describe('usage errors exit 2 with one line on stderr and nothing on stdout', () => {
  const cases: [string, string[], RegExp][] = [
    ['no command', [], /^insdesk: 缺少命令/],
    ['unknown command', ['check', 'a.xlsx'], /^insdesk: 未知命令 check/],
    ['unknown option', ['validate', 'a.xlsx', '--fast'], /^insdesk: 未知选项 --fast/],
    ['no file', ['validate'], /^insdesk: 缺少参数 FILE/],
    ['option without value', ['validate', 'a.xlsx', '--ledger'], /^insdesk: 选项 --ledger <KEY> 缺少取值/],
    [
      'bad ledger',
      ['validate', 'a.xlsx', '--ledger', 'cars'],
      /^insdesk: --ledger 的值无法识别: cars（可选: renewal（续保清单）/,
    ],
    ['bad date', ['validate', 'a.xlsx', '--as-of', '10/31/2026'], /^insdesk: --as-of 的值无法识别: 10\/31\/2026/],
    ['report not xlsx', ['validate', 'a.xlsx', '--report', 'out.csv'], /^insdesk: --report 的文件名应以 \.xlsx 结尾/],
    ['report over the input', ['validate', 'a.xlsx', '--report', './a.xlsx'], /^insdesk: --report 不能与输入文件相同/],
    ['surplus argument', ['demo', 'now'], /^insdesk: 命令 demo 的参数过多/],
    ['bad demo date', ['demo', '--as-of', 'tomorrow'], /^insdesk: --as-of 的值无法识别: tomorrow/],
    ['template of no ledger', ['template', 'cars'], /^insdesk: 台账名称无法识别: cars（可选: renewal（续保清单）/],
    ['missing required option', ['crm', 'a.xlsx', '--as-of', '2026-11-25'], /^insdesk: 缺少必需的选项 --specialists/],
  ];
  test.each(cases)('%s', async (_name, argv, line) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(process.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(line);
  });

  test('every help text is Chinese: no Usage/Options/Arguments/Commands, no (default: …)', async () => {
    for (const argv of [
      ['--help'],
      ...['validate', 'demo', 'crm', 'stats', 'template', 'upgrade'].map((c) => [c, '--help']),
    ]) {
      const r = await run(...argv);
      expect([argv, r.code]).toEqual([argv, 0]);
      expect(r.stdout).toMatch(/^用法: insdesk/);
      expect([argv, r.stdout]).not.toEqual([
        argv,
        expect.stringMatching(/Usage|Options|Arguments|Commands|default:|choices:|\[options\]/),
      ]);
      // Wrapped by display width: no line wider than 80 columns.
      for (const line of r.stdout.split('\n'))
        expect([...line].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)).toBeLessThanOrEqual(80);
    }
    const errors = await Promise.all([run('bogus'), run('validate', 'a.xlsx', '--fast'), run('stats')]);
    for (const e of errors) expect(e.stderr).not.toMatch(/error:|Usage|unknown|missing/i);
  });

  test('--help and --version exit 0 on stdout', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('validate');
    expect(help.stdout).toContain('demo');
    const sub = await run('validate', '--help');
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('--report [OUT.xlsx]');
    const version = await run('--version');
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('unreadable inputs exit 2 with exactly one line naming the file', () => {
  let truncated: string;
  beforeAll(() => {
    const whole = readFileSync(clean);
    truncated = join(dir, 'truncated.xlsx');
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    writeFileSync(join(dir, 'random.xlsx'), randomBytes(4096));
    writeFileSync(join(dir, 'empty.xlsx'), '');
  });

  test.each([
    ['missing file', 'nope.xlsx'],
    ['random bytes named .xlsx', 'random.xlsx'],
    ['truncated xlsx', 'truncated.xlsx'],
    ['empty file', 'empty.xlsx'],
    ['a folder', '.'],
  ])('%s', async (_name, file) => {
    const path = file === '.' ? dir : join(dir, file);
    const r = await run('validate', clean, path, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0].startsWith(`insdesk: ${path}: `)).toBe(true);
    expect(r.errLines[0]).not.toMatch(/\bat \S+:\d+/);
  });

  test('a report that cannot be written is one line too, naming the report', async () => {
    const out = join(dir, 'no-such-folder', 'r.xlsx');
    const r = await run('validate', clean, '--report', out);
    expect(r.code).toBe(2);
    expect(r.errLines).toEqual([
      `insdesk: ${out}: 无法写入（所在文件夹不存在），请检查路径，或关闭正在打开该文件的程序后再试`,
    ]);
    expect(existsSync(out)).toBe(false);
  });
});

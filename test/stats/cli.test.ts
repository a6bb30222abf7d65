/** `insdesk stats` on the command line: exit codes, one JSON document, the text summary, and the demo's stats step. */
import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../cli/streams';
import { runDemo, DEMO_STATS } from '../../src/cli/demoRun';
import { issuanceSheets, renewalSheets } from './fixtures';
import { tempDir, writeBook } from './helpers';

const { dir, cleanup } = tempDir('cli');
afterAll(cleanup);
afterEach(() => {
  process.exitCode = 0;
});

let renewal: string;
let issuance: string;
beforeAll(async () => {
  renewal = await writeBook(join(dir, '续保清单.xlsx'), renewalSheets());
  issuance = await writeBook(join(dir, '承保台账.xlsx'), issuanceSheets());
});

test('--json prints exactly one JSON document with one object per ledger found', async () => {
  const r = await run('stats', renewal, issuance, '--period', '2026-10', '--json');
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  const json = JSON.parse(r.stdout);
  expect(Object.keys(json)).toEqual(
    expect.arrayContaining(['period', 'asOf', 'renewal', 'issuance', 'previous', 'excludedCount']),
  );
  expect(json).toMatchObject({ period: '2026-10', asOf: '2026-10-31' });
  expect(json.claims).toBeUndefined();
  expect(json.contracts).toBeUndefined();
  expect(json.attendance).toBeUndefined();
  // cli.md's fields are all there.
  for (const k of [
    'dueCount',
    'renewedCount',
    'renewalRate',
    'lostCount',
    'lapsedCount',
    'renewedPremium',
    'bySpecialist',
    'lostReasons',
  ]) {
    expect(json.renewal).toHaveProperty(k);
  }
  for (const k of [
    'policyCount',
    'premium',
    'paidPremium',
    'unpaidCount',
    'unpaidAmount',
    'commission',
    'commissionReceived',
    'byCoverage',
    'byBusinessType',
    'bySalesperson',
    'byInsurer',
  ]) {
    expect(json.issuance).toHaveProperty(k);
  }
  expect(json.sources.map((s: { table: string }) => s.table)).toEqual(['renewal', 'issuance']);
});

test('a quarter, a year and an explicit as-of date', async () => {
  const q = JSON.parse((await run('stats', issuance, '--period', '2026Q4', '--json')).stdout);
  expect(q).toMatchObject({
    period: '2026Q4',
    asOf: '2026-12-31',
    start: '2026-10-01',
    end: '2026-12-31',
    issuance: { policyCount: 6 },
  });
  const y = JSON.parse((await run('stats', issuance, '--period', '2026', '--as-of', '2026/10/15', '--json')).stdout);
  // As of 10-15 the year so far: I04 (09-30), I01 (10-01), I03 (10-15).
  expect(y).toMatchObject({ period: '2026', asOf: '2026-10-15', issuance: { policyCount: 3 } });
});

test('no period: the last complete month on the as-of date; a day, a week and a range', async () => {
  const json = async (...args: string[]) => JSON.parse((await run('stats', issuance, ...args, '--json')).stdout);
  // On 11-05 the report a manager wants is October's, as of 11-05.
  expect(await json('--as-of', '2026-11-05')).toMatchObject({ period: '2026-10', asOf: '2026-11-05' });
  expect(await json('--period', '2026-10-15')).toMatchObject({
    period: '2026-10-15',
    asOf: '2026-10-15',
    issuance: { policyCount: 1 }, // I03
  });
  expect(await json('--period', '2026W40')).toMatchObject({ start: '2026-09-28', end: '2026-10-04' });
  expect(await json('--period', '2026-09-30..2026-10-01')).toMatchObject({ issuance: { policyCount: 2 } }); // I04, I01
});

test('the text summary names the figures and where the report went', async () => {
  const out = join(dir, '统计.xlsx');
  const r = await run('stats', renewal, '--period', '2026-10', '--out', out);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('续保: 到期件数 8，续保件数 3，续保率 37.50%');
  expect(r.stdout).toContain('有 5 行未计入部分统计项');
  expect(r.stdout).toContain(`写出: ${out}、${join(dir, '统计.html')}`);
  expect(existsSync(join(dir, '统计.html'))).toBe(true);
});

test.each([
  [
    ['--period', '2026-13'],
    /--period 的值无法识别: 2026-13（期间应写成 2026-10 或 202610（月）、2026Q4（季度）、2026（年）、2026-12-04（日）、2026W49（周）或/,
  ],
  [['--period', '2026Q5'], /--period 的值无法识别/],
  [['--period', '2026-10', '--as-of', '2026-09-30'], /基准日 2026-09-30 早于统计期间 2026年10月/],
  [['--period', '2026-10', '--as-of', '31/10/2026'], /--as-of 的值无法识别/],
  [['--period', '2026-10', '--out', 'report.csv'], /--out 的文件名应以 \.xlsx 结尾/],
  [['--period', '2025W53'], /--period 的值无法识别: 2025W53/],
])('bad usage %p exits 2 with one line on stderr', async (args, message) => {
  const r = await run('stats', renewal, ...args);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.errLines).toHaveLength(1);
  expect(r.errLines[0]).toMatch(message);
});

test('an unreadable input exits 2 naming the file', async () => {
  const missing = join(dir, '没有这个文件.xlsx');
  const r = await run('stats', renewal, missing, '--period', '2026-10', '--json');
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.errLines).toEqual([`insdesk: ${missing}: 找不到该文件，请检查路径和文件名是否正确`]);
});

test('the report may not overwrite an input', async () => {
  const r = await run('stats', renewal, '--period', '2026-10', '--out', renewal);
  expect(r.code).toBe(2);
  expect(r.errLines[0]).toContain('不能与输入文件相同');
});

test('insdesk demo runs stats for the as-of month and writes 月度统计.xlsx and .html', async () => {
  const out = join(dir, 'demo');
  const lines: string[] = [];
  const result = await runDemo(out, { asOf: '2026-10-20', log: (l) => lines.push(l) });
  const stats = join(out, DEMO_STATS);
  expect(result.files).toEqual(expect.arrayContaining([stats, join(out, '月度统计.html')]));
  expect(lines.join('\n')).toContain('统计：2026年10月（截至 2026-10-20）');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(stats);
  expect(wb.worksheets.map((w) => w.name)).toEqual(
    expect.arrayContaining(['总览', '续保', '承保', '理赔', '合同回款', '差勤汇总', '剔除明细']),
  );
  expect(wb.getWorksheet('总览')!.getCell('A2').value).toContain('基准日 2026-10-20');
});

test('同比: the same period a year earlier beside 环比, in the JSON, the workbook and the page (coloured by direction)', async () => {
  const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const rows = [
    ['出单日期', '保单号', '险种', '被保险人', '起保日期', '保费', '实收保费'],
    // October 2025: 2 policies, 2,000 unpaid. September 2026: 1. October 2026: 3, nothing unpaid.
    [d('2025-10-08'), 'Y1', '商业险', '甲', d('2025-10-09'), 3000, 2000],
    [d('2025-10-20'), 'Y2', '交强险', '乙', d('2025-10-21'), 950, 0],
    [d('2026-09-10'), 'S1', '商业险', '丙', d('2026-09-11'), 2000, 2000],
    [d('2026-10-08'), 'N1', '商业险', '丁', d('2026-10-09'), 3000, 3000],
    [d('2026-10-09'), 'N2', '交强险', '戊', d('2026-10-10'), 950, 950],
    [d('2026-10-10'), 'N3', '商业险', '己', d('2026-10-11'), 4000, 4000],
  ];
  const file = await writeBook(join(dir, '同比.xlsx'), [{ name: '承保台账', rows }]);
  const out = join(dir, '同比统计.xlsx');
  const json = JSON.parse((await run('stats', file, '--period', '2026-10', '--out', out, '--json')).stdout);
  expect(json.previous).toMatchObject({ period: '2026-09', issuance: { policyCount: 1 } });
  expect(json.lastYear).toMatchObject({
    period: '2025-10',
    asOf: '2025-10-31',
    issuance: { policyCount: 2, unpaidAmount: 1950 },
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('总览')!;
  const row = (label: string) => {
    let found: ExcelJS.Row | undefined;
    ws.eachRow((r) => {
      if (r.getCell(2).value === label) found = r;
    });
    return found!;
  };
  // 去年同期 2, 同比增减 +1, 同比 +50%.
  expect([7, 8, 9].map((c) => row('出单件数').getCell(c).value)).toEqual([2, 1, 0.5]);
  // Unpaid fell from 1,950 to 0: good news, so the −1,950 is green.
  expect(row('未缴保费（元）').getCell(8).value).toBe(-1950);
  const html = (await import('node:fs')).readFileSync(out.replace(/\.xlsx$/, '.html'), 'utf8');
  expect(html).toContain('<td class="num good">-1,950.00</td>');
  expect(html).toContain('<td class="num good">+50.00%</td>');
});

/**
 * 目标 (workflows.md §2): a targets table beside the ledgers — 目标, 实际, 达成率, 差额 per
 * targeted figure of the period, 预警 below the warning line on the first page — and its rules.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { run } from '../cli/streams';
import { TARGET_FIGURES } from '../../src/ledgers/targets';
import { issuanceSheets, renewalSheets } from './fixtures';
import { d, tempDir, writeBook } from './helpers';

const { dir, cleanup } = tempDir('targets');
afterAll(cleanup);
afterEach(() => {
  process.exitCode = 0;
});

const TARGETS = [
  ['期间', '指标', '维度', '对象', '目标值', '预警线', '方向'],
  ['2026-10', '保费', '全部', null, '5,000', '80%', null],
  ['2026-10', '续保率', null, null, '60%', '80%', null],
  ['2026-10', '保费', '业务员', '王芳', 10000, '80%', null],
  ['2026-10', '未缴保费', null, null, 1000, null, null],
  // Another period: not this run's.
  ['2026Q4', '保费', null, null, 100000, '80%', null],
];

test('--targets: each target of the period beside its actual figure; 预警 on the first page', async () => {
  const renewal = await writeBook(join(dir, '续保清单.xlsx'), renewalSheets());
  const issuance = await writeBook(join(dir, '承保台账.xlsx'), issuanceSheets());
  const targets = await writeBook(join(dir, '目标.xlsx'), [{ name: '目标', rows: TARGETS }]);
  const out = join(dir, '统计.xlsx');
  const r = await run('stats', renewal, issuance, '--period', '2026-10', '--targets', targets, '--out', out, '--json');
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout);
  expect(json.targets).toEqual([
    // 5,983.34 of 5,000: 119.67 %.
    {
      figure: '保费',
      dimension: '全部',
      member: '',
      target: 5000,
      actual: 5983.34,
      achievement: 1.1967,
      gap: 983.34,
      warning: false,
    },
    // 37.5 % of 60 %: 62.5 % < 80 %: 预警.
    {
      figure: '续保率',
      dimension: '全部',
      member: '',
      target: 0.6,
      actual: 0.375,
      achievement: 0.625,
      gap: -0.225,
      warning: true,
    },
    // 王芳 4,783.33 of 10,000.
    {
      figure: '保费',
      dimension: '业务员',
      member: '王芳',
      target: 10000,
      actual: 4783.33,
      achievement: 0.4783,
      gap: -5216.67,
      warning: true,
    },
    // Unpaid: lower is better, 达成率 = target ÷ actual.
    expect.objectContaining({ figure: '未缴保费', target: 1000, warning: false }),
  ]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const texts: string[] = [];
  wb.getWorksheet('总览')!.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
  expect(texts).toContain('目标达成');
  expect(texts.filter((t) => t.startsWith('预警：'))).toEqual([
    '预警：续保率 达成率 62.50%，低于预警线',
    '预警：王芳（业务员）保费 达成率 47.83%，低于预警线',
  ]);
});

test('a --targets file without a 目标 table: exit 2 and one line', async () => {
  const other = await writeBook(join(dir, '不是目标.xlsx'), [{ name: 'Sheet1', rows: [['姓名'], ['张三']] }]);
  const issuance = await writeBook(join(dir, '承保台账2.xlsx'), issuanceSheets());
  const r = await run('stats', issuance, '--period', '2026-10', '--targets', other);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain('没有找到目标表');
});

test('validate: an unknown figure, a duplicate row, a bad period, a member missing — each an error at its cell', async () => {
  const f = await writeBook(join(dir, '目标-有误.xlsx'), [
    {
      name: '目标',
      rows: [
        ['期间', '指标', '维度', '对象', '目标值', '预警线'],
        ['2026-10', '保费', null, null, 5000, '80%'],
        ['2026-10', '保费', null, null, 6000, '80%'], // duplicate
        ['2026-10', '利润', null, null, 100, null], // unknown figure
        ['2026年10月', '保费', '业务员', null, 100, null], // bad period, no member
        ['2026-11', '续保率', null, null, '九成', null], // unreadable target
      ],
    },
  ]);
  const r = await run('validate', f, '--json');
  const findings = JSON.parse(r.stdout).files[0].sheets[0].findings.map((x: { row: number; code: string }) => [
    x.row,
    x.code,
  ]);
  expect(findings).toEqual(
    expect.arrayContaining([
      [3, 'targets.duplicate'],
      [4, 'enum.invalid'],
      [5, 'targets.period'],
      [5, 'targets.member'],
      [6, 'targets.value'],
    ]),
  );
});

test('every figure a target may name is one the statistics compute', async () => {
  const { headlines } = await import('../../src/tasks/stats/headline');
  const { STATS_LEDGERS } = await import('../../src/tasks/stats/figures');
  const { computeFigures, statsRows, parsePeriod } = await import('../../src/tasks/stats');
  const { defaultSettings } = await import('../../src/ledgers/settings');
  // A run with every ledger present (empty tables): the headline labels it offers.
  const p = parsePeriod('2026-10')!;
  const f = computeFigures(
    { ...statsRows([]), ledgers: new Set(STATS_LEDGERS) } as never,
    defaultSettings(),
    p,
    '2026-10-31',
  );
  const labels = new Set(STATS_LEDGERS.flatMap((l) => headlines(f, l).map((h) => h.label.replace(/（(元|天)）$/, ''))));
  for (const name of TARGET_FIGURES) expect([name, labels.has(name)]).toEqual([name, true]);
  void d;
});

/**
 * The dealer desk (workflows.md §4–5) on real files: the 新车交车 list matched to the 承保台账 by
 * VIN (a policy starting within 30 days of delivery is insured here), the leaderboard per
 * 销售顾问 with ranks, the 战败 and their reasons, 未遵守战败管理; the claims ledger's 逾期原因
 * and 未回店原因 and the 出险咨询登记 in the 理赔月度分析; and what validate says of each.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { readWorkbookFile } from '../../src/io/workbook';
import { validateWorkbooks } from '../../src/tasks/validate';
import { d, ledger, statsOf, tempDir, writeBook } from './helpers';
import { run } from '../cli/streams';

const { dir, cleanup } = tempDir('dealer');
afterAll(cleanup);

// Valid VINs (ISO 3779 check digit at position 9).
const VIN = {
  a: 'LSVAU218XN2183294',
  b: 'LFV2A21K5G4040118',
  c: 'LGBH52E07LC120723',
  d: 'LHGRU5849J1575831',
  e: 'LFMA1BE33RC801062',
  f: 'L6T79C2G6LG576995',
};

let deliveries: string;
let issuance: string;
let claims: string;
beforeAll(async () => {
  issuance = await writeBook(join(dir, '承保台账.xlsx'), [
    {
      name: '承保台账',
      rows: [
        ['出单日期', '保单号', '险种', '被保险人', '车架号', '起保日期', '保费'],
        [d('2026-11-02'), 'P1', '交强险', '张伟', VIN.a, d('2026-11-03'), 950],
        [d('2026-11-09'), 'P2', '交强险', '李娜', VIN.b, d('2026-11-10'), 950],
        // Starts 31 days after delivery: not this car's new-car policy.
        [d('2026-12-15'), 'P3', '交强险', '王芳', VIN.c, d('2026-12-16'), 950],
      ],
    },
  ]);
  deliveries = await writeBook(join(dir, '新车交车.xlsx'), [
    {
      name: 'DMS交车导出',
      rows: [
        ['开票日期', 'VIN', '车主', '销售员', '车型', '投保情况', '战败原因'],
        [d('2026-11-03'), VIN.a, '张伟', '沈海燕', '速腾', null, null], // 2 derived: insured here
        [d('2026-11-08'), VIN.b, '李娜', '沈海燕', '迈腾', null, null], // 3 derived: insured here
        [d('2026-11-15'), VIN.c, '王芳', '张红梅', '宝来', null, '价格比外面贵'], // 4 derived: 战败 (31 days)
        [d('2026-11-16'), VIN.d, '刘洋', '张红梅', '途观', '战败', null], // 5 战败 without reason
        [d('2026-11-20'), VIN.e, '陈静', '孟明辉', '帕萨特', '本店投保', null], // 6 marked, no policy
        [d('2026-11-21'), 'LHGRU5843J1575831', '杨帆', '孟明辉', '雅阁', '战败', '客户单位统一投保'], // 7 check digit
        [d('2026-10-30'), VIN.f, '黄静', '沈海燕', '速腾', '战败', '熟人在保险公司'], // 8 last month
      ],
    },
    {
      name: '出险咨询登记',
      rows: [
        ['来电时间', '车牌号', '联系电话', '保险公司', '是否回店', '未回店原因', '报案号', '接听人'],
        [d('2026-11-05'), '冀B12345', '13812345678', '平安产险', '是', null, 'C1', '王磊'],
        [d('2026-11-06'), '冀B23456', null, '人保财险', '否', '就近维修', 'C2', '王磊'],
        [d('2026-11-07'), null, '13933211876', null, '否', null, null, '王磊'], // no reason: warning
        [d('2026-11-08'), null, null, null, '跟进中', null, null, '王磊'], // neither plate nor phone
        [d('2026-10-20'), '冀B34567', null, null, '否', '外地出险，当地维修', null, '王磊'],
      ],
    },
  ]);
  claims = await writeBook(join(dir, '理赔台账.xlsx'), [
    {
      name: '理赔台账',
      rows: [
        [
          '报案号',
          '车牌号',
          '出险日期',
          '报案日期',
          '保险公司',
          '递交日期',
          '状态',
          '退案原因',
          '索赔员',
          '回店维修',
          '逾期原因',
          '未回店原因',
        ],
        [
          'C1',
          '冀B12345',
          d('2026-11-05'),
          d('2026-11-05'),
          '平安产险',
          d('2026-09-01'),
          '已递交',
          null,
          '赵卫东',
          '是',
          '保险公司审核慢',
          null,
        ],
        [
          'C2',
          '冀B23456',
          d('2026-11-06'),
          d('2026-11-06'),
          '人保财险',
          d('2026-09-10'),
          '已递交',
          null,
          '潘颖',
          '否',
          null,
          '就近维修',
        ],
        [
          'C3',
          '冀B45678',
          d('2026-11-10'),
          d('2026-11-10'),
          '人保财险',
          null,
          '退案',
          '重复报案',
          '潘颖',
          null,
          null,
          null,
        ],
        [
          'C4',
          '冀B56789',
          d('2026-10-10'),
          d('2026-10-10'),
          '人保财险',
          null,
          '退案',
          '客户与对方私了',
          '潘颖',
          null,
          null,
          null,
        ],
      ],
    },
  ]);
});

test('the leaderboard: insured here by VIN, ranks, 战败 with reasons and those without', async () => {
  const r = await statsOf([deliveries, issuance, claims], '2026-11', '2026-11-30');
  const dv = ledger(r, 'deliveries');
  expect(dv).toMatchObject({ deliveries: 6, insuredHere: 3, lost: 3, rate: 0.5 });
  expect(
    dv.byConsultant.map((l: { consultant: string; rank: number; rate: number }) => [l.rank, l.consultant, l.rate]),
  ).toEqual([
    [1, '沈海燕', 1],
    [2, '孟明辉', 0.5],
    [3, '张红梅', 0],
  ]);
  expect(dv.lostReasons).toEqual({ 价格比外面贵: 1, '（未写原因）': 1, 客户单位统一投保: 1 });
  expect(
    dv.noReason.map((l: { row: number; consultant: string; vin: string }) => [l.row, l.consultant, l.vin]),
  ).toEqual([[5, '张红梅', VIN.d]]);

  const sheet = r.report.sheets.find((s) => s.name === '新车投保率')!;
  expect(sheet.tables.map((t) => t.title)).toEqual([
    '排行榜（按销售顾问）',
    '按月',
    '战败原因',
    '未遵守战败管理（战败未写原因）',
    '战败清单',
  ]);
  const chart = r.report.charts.find((c) => c.id === 'deliveryRate')!;
  expect(chart.categories).toEqual(['沈海燕', '孟明辉', '张红梅']);
  expect(chart.series[0].values).toEqual([1, 0.5, 0]);
});

test('理赔月度分析: 退案 by reason, 逾期 by reason / insurer / 索赔员, 未返厂 once each, 返厂率 from calls', async () => {
  const r = await statsOf([deliveries, issuance, claims], '2026-11', '2026-11-30');
  const a = ledger(r, 'claimsAnalysis');
  expect(a.returnedByReason).toEqual({ 重复报案: 1 });
  expect(a.overdueByReason).toEqual({ 保险公司审核慢: 1, '（未写原因）': 1 });
  expect(a.overdueByInsurer).toEqual({ 平安产险: 1, 人保财险: 1 });
  expect(a.overdueByClerk).toEqual({ 赵卫东: 1, 潘颖: 1 });
  // The call C2 became the claim C2: one customer, listed once; the call without a claim too.
  expect(
    a.notReturned.map((n: { source: string; plateNo: string; reason?: string }) => [
      n.source,
      n.plateNo || n.source,
      n.reason,
    ]),
  ).toEqual([
    ['理赔', '冀B23456', '就近维修'],
    ['出险咨询', '出险咨询', undefined],
  ]);
  expect(a.calls).toEqual({ count: 4, returned: 1, notReturned: 2, following: 1, returnRate: 0.3333, becameClaims: 2 });
  const oct = a.monthly.find((m: { month: string }) => m.month === '2026-10');
  expect(oct).toMatchObject({ reported: 1, returnedCases: 1, calls: 1, notReturned: 1 });
  const nov = a.monthly.find((m: { month: string }) => m.month === '2026-11');
  expect(nov).toMatchObject({ reported: 3, returnedCases: 1, overdue: 2, calls: 4 });

  // Written out: both sheets in the workbook, the leaderboard with a native chart.
  const out = join(dir, '统计.xlsx');
  await statsOf([deliveries, issuance, claims], '2026-11', '2026-11-30', out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['新车投保率', '理赔月度分析']));
});

test('validate: 本店投保 with no policy names the VIN, 战败 needs a reason, a call needs a plate or phone, overdue needs a reason', async () => {
  const books = await Promise.all([deliveries, issuance, claims].map((f) => readWorkbookFile(f)));
  const result = validateWorkbooks(
    books.map((b) => ({ file: b.file, grids: b.grids })),
    { asOf: '2026-11-30' },
  );
  const found = result.files.flatMap((f) =>
    f.sheets.flatMap((s) => s.findings.map((x) => [s.sheet, x.row, x.column, x.code])),
  );
  expect(found).toEqual(
    expect.arrayContaining([
      ['DMS交车导出', 5, 'G', 'deliveries.lostNoReason'],
      ['DMS交车导出', 6, 'F', 'deliveries.noPolicy'],
      ['DMS交车导出', 7, 'B', 'vin.checkDigit'],
      ['出险咨询登记', 4, 'F', 'hotline.noReason'],
      ['出险咨询登记', 5, 'B', 'hotline.noContact'],
      ['理赔台账', 3, 'K', 'claims.overdueNoReason'],
    ]),
  );
  const noPolicy = result.files[0].sheets[0].findings.find((f) => f.code === 'deliveries.noPolicy')!;
  expect(noPolicy.message).toContain(VIN.e);
  expect(found).toHaveLength(6);
});

test('overdue is judged by the workbook’s 理赔逾期天数, wherever its 设置 sheet stands', async () => {
  const file = await writeBook(join(dir, '理赔-设置.xlsx'), [
    {
      name: '理赔台账',
      rows: [
        ['报案号', '车牌号', '出险日期', '报案日期', '递交日期', '状态', '逾期原因'],
        ['C9', '冀B12345', d('2026-09-01'), d('2026-09-01'), d('2026-09-10'), '已递交', null], // 81 days on 11-30
      ],
    },
    {
      name: '设置',
      rows: [
        ['设置项', '值'],
        ['理赔逾期天数', 90],
      ],
    },
  ]);
  const codes = async (asOf: string) => {
    const { grids } = await readWorkbookFile(file);
    return validateWorkbooks([{ file, grids }], { asOf }).files[0].sheets.flatMap((s) => s.findings.map((f) => f.code));
  };
  expect(await codes('2026-11-30')).not.toContain('claims.overdueNoReason');
  expect(await codes('2026-12-15')).toContain('claims.overdueNoReason');
  // The command line's streamed reader reads it the same way.
  const r = await run('validate', file, '--as-of', '2026-11-30', '--json');
  expect(r.stdout).not.toContain('claims.overdueNoReason');
  expect((await run('validate', file, '--as-of', '2026-12-15', '--json')).stdout).toContain('claims.overdueNoReason');
});

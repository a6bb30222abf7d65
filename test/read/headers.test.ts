import { join } from 'node:path';
import { issuance, renewal, claims } from '../../src/ledgers';
import { matchHeader, normalizeHeader } from '../../src/read/headers';
import { readLedgerSheets } from '../../src/read/sheets';
import { brief, day, readSheets, roundTrip, tempDir, writeBook } from './files';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

const mapping = (t: { columns: { header: string; letter: string; key?: string; match?: string }[] }) =>
  Object.fromEntries(t.columns.map((c) => [c.header, c.key ? `${c.letter}:${c.key}:${c.match}` : `${c.letter}:-`]));

describe('header normalisation and tolerant matching', () => {
  test.each([
    ['保险止期（元）', '保险止期'],
    ['保险止期(元)', '保险止期'],
    ['*保单号', '保单号'],
    ['保单号*', '保单号'],
    ['出单日期：', '出单日期'],
    ['保　单　号', '保单号'],
    [' 被保险人\n', '被保险人'],
    ['起保\r\n日期', '起保日期'],
    ['ｖｉｎ', 'VIN'],
    ['保费（元）*', '保费'],
  ])('%j → %s', (raw, norm) => {
    expect(normalizeHeader(raw)).toBe(norm);
  });

  test.each([
    ['被保险人姓名', issuance, 'insuredName', 'fuzzy'],
    ['车牌号码', issuance, 'plateNo', 'fuzzy'],
    ['保单号码', issuance, 'policyNo', 'fuzzy'],
    ['应收保费（元）', issuance, 'premium', 'alias'],
    ['保险止期', issuance, 'endDate', 'alias'],
    ['保险止期', renewal, 'expiryDate', 'alias'],
    ['投保人电话', renewal, 'phone', 'fuzzy'],
    ['被保险人电话', renewal, 'phone', 'alias'],
    ['车　牌　号', renewal, 'plateNo', 'exact'],
    ['报案电话', claims, 'phone', 'alias'],
  ])('%s', (header, table, key, match) => {
    expect(matchHeader(table, header)).toEqual({ key, match });
  });

  test('a wording followed by something that changes its meaning is not matched by its start', () => {
    // The issuance ledger has no phone column: 投保人电话 must not become the applicant.
    expect(matchHeader(issuance, '投保人电话')).toBeUndefined();
    // A formula column of the claims ledger is an amount, not the insurer.
    expect(matchHeader(claims, '保险公司应付')).toBeUndefined();
  });
});

describe('reading a real-looking sheet', () => {
  const header = [
    '序号',
    '出单\n日期',
    '保　单　号',
    '险种',
    '被保险人姓名',
    '车牌号码',
    '起保日期',
    '保险止期',
    '保费（元）',
    '实收保费(元)',
    '备注',
    '投保人电话',
  ];
  const rows = [
    ['承保台账（2026年10月）'],
    [],
    header,
    [
      1,
      day('2026-10-08'),
      'PDAA202611010000000001',
      '交强险',
      '张伟',
      '京A12345',
      day('2026-10-09'),
      day('2027-10-08'),
      950,
      950,
      '老客户',
      '13812345678',
    ],
    [],
    [
      2,
      '2026/10/9',
      'PDAA202611010000000002',
      '商业险',
      '王芳',
      '沪B67890',
      '2026年10月10日',
      '2027.10.09',
      '¥3,210.50',
      '3,210.50元',
      null,
      null,
    ],
    [null, null, null, null, null, null, null, null, null, null, null, null],
    ['合计', null, null, null, null, null, null, null, 4160.5, 4160.5],
    ['总 计', null, null, null, null, null, null, null, 4160.5],
  ];

  let t: Awaited<ReturnType<typeof roundTrip>>;
  beforeAll(async () => {
    t = await roundTrip(dir, 'issuance-title', rows, { merges: ['A1:L1'] });
  });

  test('the header is found below a merged title row and a blank row', () => {
    expect(t.table.key).toBe('issuance');
    expect(t.headerRow).toBe(3);
  });

  test('the mapping reports each source header, its letter and how it matched', () => {
    expect(mapping(t)).toEqual({
      序号: 'A:-',
      '出单\n日期': 'B:issueDate:exact',
      '保　单　号': 'C:policyNo:exact',
      险种: 'D:coverage:exact',
      被保险人姓名: 'E:insuredName:fuzzy',
      车牌号码: 'F:plateNo:fuzzy',
      起保日期: 'G:startDate:exact',
      保险止期: 'H:endDate:alias',
      '保费（元）': 'I:premium:exact',
      '实收保费(元)': 'J:paidPremium:exact',
      备注: 'K:-',
      // No phone column in the issuance ledger: carried, not mistaken for the applicant.
      投保人电话: 'L:-',
    });
  });

  test('blank rows are skipped, total rows are reported as info, data rows keep their Excel row', () => {
    expect(t.rows.map((r) => r.row)).toEqual([4, 6]);
    expect(t.totalRows).toEqual([8, 9]);
    expect(brief(t)).toEqual(['8 row.total info', '9 row.total info']);
  });

  test('typed fields: dates in any spelling, money as text, codes upper-cased', () => {
    expect(t.rows[0].data).toMatchObject({
      issueDate: '2026-10-08',
      policyNo: 'PDAA202611010000000001',
      coverage: '交强险',
      insuredName: '张伟',
      plateNo: '京A12345',
      startDate: '2026-10-09',
      endDate: '2027-10-08',
      premium: 95000,
      paidPremium: 95000,
    });
    expect(t.rows[1].data).toMatchObject({
      issueDate: '2026-10-09',
      startDate: '2026-10-10',
      endDate: '2027-10-09',
      premium: 321050,
      paidPremium: 321050,
    });
  });

  test('unknown columns are carried through untouched in `extra`', () => {
    expect(t.rows[0].extra).toEqual({ 序号: 1, 备注: '老客户', 投保人电话: '13812345678' });
    expect(t.rows[1].extra).toEqual({ 序号: 2 });
  });
});

test('a header written with U+3000 and full-width letters, line breaks and marks', async () => {
  const t = await roundTrip(dir, 'renewal-marks', [
    ['*保单号', '险\u3000种', '被保险人：', '联系\n电话', '车牌号', 'ＶＩＮ', '终保日期*', '上年保费（元）'],
    ['PDZA2025000001', '交强', '李娜', '139 1234 5678', '粤B12345', 'LSVAU2180N2183294', '2026-12-01', '1,100.00'],
  ]);
  expect(t.table.key).toBe('renewal');
  expect(t.columns.map((c) => c.key)).toEqual([
    'policyNo',
    'coverage',
    'insuredName',
    'phone',
    'plateNo',
    'vin',
    'expiryDate',
    'lastPremium',
  ]);
  expect(t.rows[0].data).toMatchObject({ coverage: '交强险', phone: '13912345678', lastPremium: 110000 });
});

test('data under a column without a header is carried, named by its letter', async () => {
  const t = await roundTrip(dir, 'no-header-col', [
    ['合同编号', '回款日期', '回款金额', null],
    ['HT-001', '2026-10-01', 5000, '现金，王经理经手'],
  ]);
  expect(t.table.key).toBe('collections');
  expect(t.rows[0].extra).toEqual({ D列: '现金，王经理经手' });
});

test('a repeated unknown header keeps both cells', async () => {
  const t = await roundTrip(dir, 'repeated', [
    ['合同编号', '回款日期', '回款金额', '备注', '备注'],
    ['HT-001', '2026-10-01', 5000, '第一笔', '转账'],
  ]);
  expect(t.rows[0].extra).toEqual({ '备注（D列）': '第一笔', '备注（E列）': '转账' });
});

describe('each ledger table is recognised from a realistic header', () => {
  const cases: [string, (string | number)[][], string][] = [
    [
      '续保查询导出',
      [
        [
          '保单号',
          '险种',
          '被保险人',
          '投保人',
          '联系电话',
          '车牌号',
          '车架号',
          '厂牌型号',
          '使用性质',
          '起保日期',
          '终保日期',
          '上年保费',
          '经办人',
          '业务归属',
          '所属人员',
          '发放日期',
          '联系结果',
        ],
        [
          'PDZA2025000001',
          '交强险',
          '李娜',
          '李娜',
          '13912345678',
          '粤B12345',
          'LSVAU2180N2183294',
          '大众朗逸',
          '家庭自用',
          '2025-12-02',
          '2026-12-01',
          950,
          '赵敏',
          '冀东业务',
          '',
          '',
          '',
        ],
      ],
      'renewal',
    ],
    [
      '承保',
      [
        [
          '出单日期',
          '保单号',
          '险种',
          '投保人',
          '被保险人',
          '车牌号',
          '车架号',
          '起保日期',
          '终保日期',
          '保费',
          '实收保费',
          '业务类型',
          '业务员',
          '保险公司',
          '代理费率',
          '交付状态',
        ],
        [
          '2026-10-08',
          'PDAA2026000001',
          '交强险',
          '张伟',
          '张伟',
          '京A12345',
          '',
          '2026-10-09',
          '2027-10-08',
          950,
          950,
          '续保',
          '赵敏',
          '人保',
          '4%',
          '是',
        ],
      ],
      'issuance',
    ],
    [
      '理赔电子动态表',
      [
        [
          '报案号',
          '保单号',
          '车牌号',
          '被保险人',
          '报案电话',
          '出险日期',
          '报案日期',
          '接车日期',
          '保险公司',
          '定损金额',
          '维修金额',
          '客户自付',
          '交单日期',
          '回款日期',
          '回款金额',
          '状态',
          '接车员',
          '索赔员',
          '回店维修',
        ],
        [
          'RDAA2026000001',
          'PDAA2026000001',
          '京A12345',
          '张伟',
          '13812345678',
          '2026-10-01',
          '2026-10-01',
          '2026-10-02',
          '人保',
          3200,
          3200,
          0,
          '',
          '',
          '',
          '维修中',
          '小李',
          '小王',
          '否',
        ],
      ],
      'claims',
    ],
    [
      '合同',
      [
        ['合同编号', '客户名称', '片区', '销售工程师', '签订日期', '合同金额', '约定交付日期', '实际交付日期', '状态'],
        ['HT-2026-001', '华北物流有限公司', '华北', '陈工', '2026-09-01', 120000, '2026-10-15', '', '执行中'],
      ],
      'contracts',
    ],
    [
      '回款',
      [
        ['合同编号', '回款日期', '回款金额', '回款方式'],
        ['HT-2026-001', '2026-10-01', 60000, '转账'],
      ],
      'collections',
    ],
    [
      '人力表',
      [
        ['工号', '姓名', '部门', '入司日期', '离司日期'],
        ['E001', '张三', '车险部', '2024-03-01', ''],
      ],
      'roster',
    ],
    [
      '打卡记录',
      [
        ['工号', '姓名', '日期', '打卡时间'],
        ['E001', '张三', '2026-10-08', '08:55'],
      ],
      'punches',
    ],
    [
      '考勤机导出',
      [
        ['工号', '姓名', '日期', '上班打卡', '下班打卡'],
        ['E001', '张三', '2026-10-08', '08:55', '17:32'],
      ],
      'punchPairs',
    ],
    [
      '早会点到',
      [
        ['日期', '工号', '姓名', '点到'],
        ['2026-10-08', 'E001', '张三', '到'],
      ],
      'rollCall',
    ],
  ];

  test.each(cases)('%s', async (name, rows, key) => {
    const t = await roundTrip(dir, `detect-${name}`, rows);
    expect(t.table.key).toBe(key);
    expect(t.headerRow).toBe(1);
    expect(t.findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  test('renewal and issuance, sharing 保单号/险种/被保险人/终保日期, are not confused', async () => {
    const path = await writeBook(join(dir, 'both.xlsx'), [
      {
        name: 'A',
        rows: [
          ['保单号', '险种', '被保险人', '终保日期', '保费', '联系电话', '所属人员'],
          ['P1', '交强险', '甲', '2026-12-01', 900, '13812345678', ''],
        ],
      },
      {
        name: 'B',
        rows: [
          ['出单日期', '保单号', '险种', '被保险人', '起保日期', '终保日期', '保费'],
          ['2026-10-01', 'P1', '交强险', '甲', '2026-10-02', '2027-10-01', 900],
        ],
      },
    ]);
    const s = await readSheets(path);
    expect(s.tables.map((t) => `${t.sheet}:${t.table.key}`)).toEqual(['A:renewal', 'B:issuance']);
  });
});

test('a sheet that is no ledger is listed as unmatched', async () => {
  const path = await writeBook(join(dir, 'notes.xlsx'), [
    { name: '说明', rows: [['本表用于登记每日出单情况'], ['填表人', '赵敏']] },
    {
      name: '承保台账',
      rows: [
        ['出单日期', '保单号', '险种', '被保险人', '起保日期', '保费'],
        ['2026-10-01', 'P1', '交强险', '甲', '2026-10-02', 900],
      ],
    },
  ]);
  const s = await readSheets(path);
  expect(s.unmatched).toEqual(['说明']);
  expect(s.tables).toHaveLength(1);
});

test('with a forced ledger a header lacking required columns is read and the gap reported', async () => {
  const t = await roundTrip(
    dir,
    'forced',
    [
      ['出单日期', '保单号', '被保险人', '保费', '备注'],
      ['2026-10-01', 'P1', '甲', 900, ''],
    ],
    {},
    { ledger: 'issuance' },
  );
  expect(t.table.key).toBe('issuance');
  const missing = t.findings.find((f) => f.code === 'header.missingRequired')!;
  expect(missing).toMatchObject({ row: 1, column: '', level: 'error' });
  expect(missing.message).toContain('险种');
  expect(missing.message).toContain('起保日期');
});

test('a grid that does not start at A1 (an Office.js used range) reports Excel rows and letters', () => {
  const grid = {
    sheet: '回款记录',
    origin: { row: 4, col: 2 },
    rows: [
      ['合同编号', '回款日期', '回款金额'],
      ['HT-001', '2026-10-01', '五千'],
    ],
  };
  const t = readLedgerSheets([grid], { asOf: '2026-10-31' }).tables[0];
  expect(t.headerRow).toBe(5);
  expect(t.columns.map((c) => c.letter)).toEqual(['C', 'D', 'E']);
  expect(t.rows[0].row).toBe(6);
  expect(brief(t)).toEqual(['E6 money.invalid error']);
});

test('template rows with only 序号 filled are reported as info, not as rows missing every field', async () => {
  const t = await roundTrip(dir, 'template-rows', [
    ['序号', '合同编号', '回款日期', '回款金额', '备注'],
    [1, 'HT-001', '2026-10-01', 5000, null],
    [2, null, null, null, null],
    [3, null, null, null, '待补'],
    [4, null, null, null, null],
    ['合计', null, null, 5000],
  ]);
  expect(t.rows.map((r) => r.row)).toEqual([2]);
  expect(brief(t)).toEqual(['3 row.noData info', '4 row.noData info', '5 row.noData info', '6 row.total info']);
  expect(t.findings[1].message).toBe('该行台账各列都为空（只有 序号、备注 有内容），不计入数据');
});

test('yes/no columns take checkbox values, ticks and crosses', async () => {
  const header = ['出单日期', '保单号', '险种', '被保险人', '起保日期', '保费', '实收保费', '交付状态'];
  const t = await roundTrip(dir, 'yes-no', [
    header,
    ...[true, false, '√', '×', 'y', '已交付'].map((v, i) => [
      '2026-10-01',
      `P${i}`,
      '交强险',
      '甲',
      '2026-10-02',
      900,
      900,
      v,
    ]),
  ]);
  expect(t.findings).toEqual([]);
  expect(t.rows.map((r) => r.data.delivered)).toEqual(['是', '否', '是', '否', '是', '是']);
});

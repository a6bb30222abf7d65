/**
 * Small hand-made ledgers for the statistics tests. Each row says what it is there to test;
 * the expected figures are worked out beside the assertions in each test file.
 */
import { d, t, type SheetIn } from './helpers';

export const renewalSheets = (): SheetIn[] => [
  {
    name: '续保清单',
    rows: [
      ['续保清单（2026年10月）'], // a title row above the header
      [
        '保单号',
        '险种',
        '被保险人',
        '终保日期',
        '所属人员',
        '联系结果',
        '续保保单号',
        '续保日期',
        '续保保费',
        '战败原因',
      ],
      ['R01', '交强险', '刘一', d('2026-10-01'), '张敏', '成功续保', 'RN01', d('2026-09-28'), 950, null], // first day of the period, renewed
      ['R02', '商业险', '陈二', d('2026-10-31'), '张敏', null, null, null, null, null], // last day of the period, not contacted
      ['R03', '商业险', '张三', d('2026-09-30'), '李强', null, null, null, null, null], // day before the period
      ['R04', '交强险', '李四', d('2026-11-01'), '李强', null, null, null, null, null], // day after the period
      ['R05', '商业险', '王五', d('2026-10-28'), '李强', '无人接听', null, null, null, null], // 3 days before 10-31: lapsed
      ['R06', '商业险', '赵六', d('2026-10-29'), '李强', '预约回电', null, null, null, null], // 2 days before 10-31: expired, not lapsed
      ['R07', '交强险', '孙七', d('2026-10-15'), '李强', '明确拒绝', null, null, null, '价格高'], // lost
      ['R08', '商业险', '周八', d('2026-10-20'), '张敏', '已在他司投保', null, null, null, null], // lost, no reason
      ['R09', '商业险', '吴九', d('2026-10-10'), null, null, 'RN09', null, '1,234.56', null], // renewed by policy no., unassigned
      ['R10', '商业险', '郑十', d('2026-10-12'), '张敏', '成功续保', null, null, null, null], // renewed, no premium
      ['R11', '交强险', '冯一', '2026-13-01', '张敏', null, null, null, null, null], // unreadable expiry
      ['R01', '交强险', '刘一', d('2026-10-01'), '张敏', '成功续保', 'RN01', null, 950, null], // duplicate of R01
      ['R12', '商业险', '褚二', d('2026-10-05'), '李强', '续保了', null, null, null, null], // unreadable contact result
    ],
  },
];

export const issuanceSheets = (): SheetIn[] => [
  {
    name: '承保台账',
    rows: [
      [
        '出单日期',
        '保单号',
        '险种',
        '被保险人',
        '起保日期',
        '保费',
        '实收保费',
        '业务类型',
        '业务员',
        '保险公司',
        '代理费率',
        '代理费已收',
      ],
      [d('2026-10-01'), 'I01', '交强险', '刘一', d('2026-10-02'), 950, 950, '续保', '王芳', '人保财险', '4%', 38],
      [
        d('2026-10-31'),
        'I02',
        '商业险',
        '陈二',
        d('2026-11-01'),
        '3,333.33',
        3000,
        '新保',
        '王芳',
        '平安产险',
        0.15,
        0,
      ],
      [
        d('2026-10-15'),
        'I03',
        '商业险',
        '张三',
        d('2026-10-16'),
        1000.01,
        null,
        '转保',
        '陈刚',
        '人保财险',
        0.125,
        null,
      ],
      [d('2026-09-30'), 'I04', '交强险', '李四', d('2026-10-01'), 665, 665, '新保', '陈刚', '人保财险', 0.04, 26.6], // September
      [d('2026-11-01'), 'I05', '交强险', '王五', d('2026-11-02'), 665, 665, '新保', '陈刚', '人保财险', 0.04, 0], // November
      [d('2026-10-20'), 'I06', '非车险', '赵六', d('2026-10-21'), 200, 200, null, '陈刚', null, null, null], // no type, insurer, rate
      [d('2026-10-21'), 'I07', '商业险', '孙七', d('2026-10-22'), 'abc', null, '新保', '王芳', '平安产险', 0.15, null], // bad premium
      [d('2026-10-22'), 'I02', '商业险', '陈二', d('2026-11-01'), 3333.33, 3000, '新保', '王芳', '平安产险', 0.15, 0], // duplicate
      [null, 'I08', '商业险', '周八', d('2026-10-22'), 800, 800, '新保', '王芳', '平安产险', 0.15, 0], // no issue date
      [d('2026-10-25'), 'I09', '商业险', '吴九', d('2026-10-26'), 500, '5O0', '新保', '王芳', '平安产险', '20%', null], // bad paid premium
    ],
  },
];

export const claimsSheets = (): SheetIn[] => [
  {
    name: '理赔台账',
    rows: [
      [
        '报案号',
        '车牌号',
        '出险日期',
        '报案日期',
        '保险公司',
        '维修金额',
        '客户自付',
        '递交日期',
        '回款日期',
        '回款金额',
        '状态',
        '退案原因',
        '索赔员',
        '回店维修',
      ],
      [
        'C01',
        '京A12345',
        d('2026-10-01'),
        d('2026-10-01'),
        '人保财险',
        5000,
        500,
        d('2026-10-05'),
        d('2026-10-25'),
        4500,
        '已回款',
        null,
        '马超',
        '是',
      ],
      [
        'C02',
        '京A12346',
        d('2026-09-29'),
        d('2026-09-30'),
        '平安产险',
        3000,
        null,
        d('2026-09-30'),
        null,
        null,
        '已递交',
        null,
        '马超',
        '否',
      ],
      [
        'C03',
        '京A12347',
        d('2026-10-01'),
        d('2026-10-02'),
        '人保财险',
        2000,
        0,
        d('2026-10-01'),
        null,
        null,
        '已递交',
        null,
        '黄忠',
        '是',
      ],
      [
        'C04',
        '京A12348',
        d('2026-10-30'),
        d('2026-10-31'),
        '平安产险',
        null,
        null,
        null,
        null,
        null,
        '已接车',
        null,
        '黄忠',
        null,
      ],
      [
        'C05',
        '京A12349',
        d('2026-10-09'),
        d('2026-10-10'),
        '人保财险',
        null,
        null,
        null,
        null,
        null,
        '退案',
        '资料不全',
        '马超',
        '否',
      ],
      [
        'C06',
        '京A12350',
        d('2026-07-31'),
        d('2026-08-01'),
        '人保财险',
        8000,
        1000,
        d('2026-08-15'),
        d('2026-11-05'),
        7000,
        '已回款',
        null,
        '马超',
        '是',
      ],
      [
        'C07',
        '京A12351',
        d('2026-09-09'),
        d('2026-09-10'),
        '太平洋产险',
        1200,
        null,
        null,
        d('2026-10-12'),
        1000,
        '已回款',
        null,
        '黄忠',
        '是',
      ],
      [
        'C08',
        '京A12352',
        d('2026-08-31'),
        d('2026-09-01'),
        '太平洋产险',
        10000,
        0,
        d('2026-09-01'),
        d('2026-10-31'),
        9800,
        '结案',
        null,
        '黄忠',
        '是',
      ],
      [
        'C01',
        '京A12345',
        d('2026-10-01'),
        d('2026-10-01'),
        '人保财险',
        5000,
        500,
        d('2026-10-05'),
        d('2026-10-25'),
        4500,
        '已回款',
        null,
        '马超',
        '是',
      ], // duplicate
      [
        'C10',
        '京A12353',
        d('2026-10-01'),
        '2026/10/32',
        null,
        null,
        null,
        null,
        null,
        null,
        '已接车',
        null,
        '黄忠',
        '是',
      ], // bad report date
      [
        'C11',
        '京A12354',
        d('2026-06-30'),
        d('2026-07-01'),
        '平安产险',
        500,
        null,
        d('2026-07-02'),
        null,
        500,
        '已回款',
        null,
        '马超',
        '否',
      ], // paid, no date
    ],
  },
];

export const contractSheets = (): SheetIn[] => [
  {
    name: '合同',
    rows: [
      ['合同编号', '客户名称', '片区', '销售工程师', '签订日期', '合同金额', '约定交付日期', '实际交付日期', '状态'],
      ['K01', '客户甲', '华北', '张工', d('2026-10-01'), '100,000.00', d('2026-10-20'), null, '执行中'],
      ['K02', '客户乙', '华北', '李工', d('2026-10-31'), 50000, null, null, '执行中'],
      ['K03', '客户丙', '华南', '张工', d('2026-09-30'), 80000, d('2026-11-30'), null, '执行中'],
      ['K04', '客户丁', '华南', '李工', d('2026-05-03'), 200000, d('2026-06-30'), d('2026-06-28'), '已完成'],
      ['K05', '客户戊', null, '王工', d('2026-05-04'), 60000, null, d('2026-06-01'), '已完成'],
      ['K06', '客户己', '华北', '张工', d('2026-11-02'), 30000, null, null, '执行中'], // signed after the as-of date
      [null, '客户庚', '华北', '张工', d('2026-10-10'), 1000, null, null, '执行中'], // no contract number
      ['K01', '客户甲', '华北', '张工', d('2026-10-01'), 100000, null, null, '执行中'], // duplicate
    ],
  },
  {
    name: '回款记录',
    rows: [
      ['合同编号', '回款日期', '回款金额', '回款方式'],
      ['K01', d('2026-10-10'), 30000, '转账'],
      ['K01', d('2026-11-05'), 10000, '转账'], // after the as-of date
      ['K03', d('2026-09-30'), 20000, '转账'],
      ['K03', d('2026-10-01'), 20000, '承兑'],
      ['K04', d('2026-06-01'), 150000, '转账'],
      ['K04', d('2026-10-31'), 60000, '转账'], // over-collects K04 by 10,000
      ['K05', d('2026-07-01'), 60000, '转账'],
      ['K99', d('2026-10-15'), 5000, '转账'], // unknown contract
      ['K02', 'abc', 1000, '现金'], // unreadable date
    ],
  },
];

/** 2026 国庆: 10-01…10-07 off, Saturday 10-10 (and Sunday 09-20) worked. */
export const settingsSheet = (extra: (string | number | Date | null)[][] = []): SheetIn => ({
  name: '设置',
  rows: [
    ['上班时间', '09:00'],
    ['迟到扣款', 20],
    ['缺勤扣款', 100],
    ['工作日', '一至五'],
    ['节假日', d('2026-10-01')],
    [null, d('2026-10-02')],
    [null, d('2026-10-03')],
    [null, d('2026-10-04')],
    [null, d('2026-10-05')],
    [null, d('2026-10-06')],
    [null, d('2026-10-07')],
    ['调休上班', d('2026-09-20')],
    [null, d('2026-10-10')],
    ...extra,
  ],
});

/** October 2026's 18 workdays under the 设置 above. */
export const OCTOBER_WORKDAYS = [8, 9, 10, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30].map(
  (n) => `2026-10-${String(n).padStart(2, '0')}`,
);

export function attendanceSheets(withSettings = true): SheetIn[] {
  // 张三 (E01) punches 08:55 on every workday except the days listed.
  const e01: Record<string, string[]> = {
    '2026-10-10': ['09:01'], // the make-up Saturday, one minute late
    '2026-10-12': ['09:00'], // exactly on time
    '2026-10-13': ['09:30', '08:58'], // out of order: the first punch is 08:58
    '2026-10-14': [], // roll call 假
    '2026-10-15': [], // nothing: absent
    '2026-10-16': [], // roll call 迟
    '2026-10-19': [], // roll call 到
  };
  const punches: (string | number | Date | null)[][] = [['工号', '姓名', '日期', '打卡时间']];
  for (const day of OCTOBER_WORKDAYS)
    for (const time of e01[day] ?? ['08:55']) punches.push(['E01', null, d(day), t(time)]);
  punches.push(
    ['E01', null, d('2026-10-01'), t('08:50')], // holiday: not a workday
    ['E01', null, d('2026-10-03'), t('08:50')], // holiday Saturday
    ...['2026-10-19', '2026-10-20', '2026-10-21', '2026-10-22', '2026-10-23'].map((day) => [
      null,
      '王五',
      d(day),
      t('08:30'),
    ]),
    [null, '王五', d('2026-10-26'), t('09:05')], // late
    [null, '王五', d('2026-10-16'), t('08:30')], // before 王五 joined
    ['E04', null, d('2026-10-08'), null], // no time: present, lateness unknown
    ['E04', null, d('2026-10-12'), t('08:30')], // after 赵六 left
    ['E99', null, d('2026-10-12'), t('08:30')], // not in the roster
    ['E01', null, 'xx', t('08:30')], // unreadable date
    [null, '张三', d('2026-10-12'), t('08:30')], // two people are called 张三
  );
  // 李四 (E02) from a clock with 上班/下班 columns: 08:45 / 18:00 except the days listed.
  const e02: Record<string, [string | null, string | null] | undefined> = {
    '2026-10-20': [null, '18:05'], // only the evening punch: the first punch of the day is 18:05, late
    '2026-10-21': [null, null], // a day without punches (roll call 缺)
    '2026-10-22': ['09:15', '18:00'], // late
    '2026-10-23': undefined, // no row (roll call 假)
    '2026-10-26': ['08:50', '18:00'], // punched although the roll call says 假: present
    '2026-10-27': undefined, // no row (roll call 到)
    '2026-10-28': undefined, // no row, no roll call: absent
  };
  const pairs: (string | number | Date | null)[][] = [['工号', '日期', '上班打卡', '下班打卡']];
  for (const day of OCTOBER_WORKDAYS) {
    const p = day in e02 ? e02[day] : ['08:45', '18:00'];
    if (p) pairs.push(['E02', d(day), p[0] === null ? null : t(p[0]), p[1] === null ? null : t(p[1])]);
  }
  const sheets: SheetIn[] = [
    {
      name: '人力表',
      rows: [
        ['工号', '姓名', '部门', '入司日期', '离司日期'],
        ['E01', '张三', '一部', d('2020-01-01'), null],
        ['E02', '李四', '一部', null, null],
        ['E03', '王五', '二部', d('2026-10-19'), null], // joins mid-month (a Monday)
        ['E04', '赵六', '二部', d('2019-03-01'), d('2026-10-09')], // leaves mid-month
        ['E05', '孙七', '二部', d('2026-11-01'), null], // joins after October
        ['E06', null, '二部', null, null], // no name
        ['E07', '钱八', '二部', 'abc', null], // unreadable join date
        ['E01', '张三', '一部', null, null], // duplicate 工号
        ['E08', '张三', '一部', d('2026-10-29'), null], // a second 张三, joins on a Thursday
      ],
    },
    { name: '打卡记录', rows: punches },
    { name: '上下班打卡', rows: pairs },
    {
      name: '早会点到',
      rows: [
        ['日期', '工号', '姓名', '点到'],
        [d('2026-10-14'), 'E01', null, '假'],
        [d('2026-10-16'), 'E01', null, '迟到'], // a synonym of 迟
        [d('2026-10-19'), 'E01', null, '到'],
        [d('2026-10-21'), 'E02', null, '缺'],
        [d('2026-10-23'), 'E02', null, '假'],
        [d('2026-10-26'), 'E02', null, '假'],
        [d('2026-10-27'), 'E02', null, '到'],
        [d('2026-10-08'), 'E03', null, '到'], // before 王五 joined
        [d('2026-10-20'), null, '王五', '到'], // also punched
        [d('2026-10-22'), 'E01', null, '早退'], // not a roll-call mark
        // 二部's roll was taken on the days 王五 and 赵六 did not come: recorded absences. (A day
        // nobody of a department has any record for is unrecorded, never an absence.)
        ...['2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30'].map((day) => [d(day), 'E03', null, '缺']),
        [d('2026-10-09'), 'E04', null, '缺'],
      ],
    },
  ];
  if (withSettings) sheets.push(settingsSheet());
  return sheets;
}

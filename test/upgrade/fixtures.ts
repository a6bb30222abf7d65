/**
 * Ledgers as clerks keep them, with the edge cases the formulas must get right: a leap day,
 * expiry today, 48 hours, an empty as-of date, partial payments, collections after the as-of
 * date, a claim exactly at the overdue limit, text dates and amounts.
 */
import { buildWorkbook } from '../../src/io/xlsxOut';
import type { Cell } from '../../src/grid';

export const D = (iso: string): Date => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};

export const AS_OF = '2024-03-01';

export async function edgeWorkbook(asOf: string | null = AS_OF): Promise<Buffer> {
  const wb = buildWorkbook([
    {
      name: '续保',
      header: false,
      rows: [
        ['续保清单（2024年3月）'],
        [],
        ['保单号', '险种', '被保险人', '终保日期', '联系结果', '续保保单号', '续保日期', '备注'],
        ['R01', '交强险', '闰日', D('2024-02-29'), null, null, null, '过期 1 天'],
        ['R02', '商业', '今天', D(asOf ?? '2024-03-01'), null, null, null, '今天到期'],
        ['R03', '交强险', '四十八', D('2024-02-28'), null, null, null, '过期 2 天'],
        ['R04', '交强险', '满三天', '2024/2/27', null, null, null, '文本日期，脱保'],
        ['R05', '交强险', '七天', '2024年3月8日', null, null, null, ''],
        ['R06', '商业险', '战败', D('2024-03-02'), '明确拒绝', null, null, ''],
        ['R07', '商业险', '续了', D('2023-12-01'), null, null, D('2024-01-02'), ''],
        ['R08', '商业险', '不详', '不详', '有意向', null, null, '日期无法识别'],
        ['R09', '商业险', '成功', null, '成功续保', 'NEW1', null, '无终保日期'],
        ['合计', null, null, null, null, null, null, '9 条'],
      ],
    },
    {
      name: '承保台账',
      rows: [
        [
          '出单日期',
          '保单号',
          '险种',
          '被保险人',
          '起保日期',
          '终保日期',
          '保费',
          '实收保费',
          '代理费率',
          '交付状态',
          '客户经理备注',
        ],
        [
          D('2024-02-20'),
          'I01',
          '交强险',
          '甲',
          D('2024-02-21'),
          D('2025-02-20'),
          '1,234.50',
          1000.2,
          0.15,
          '是',
          '部分缴费',
        ],
        [D('2024-02-20'), 'I02', '商业险', '乙', D('2024-02-21'), D('2025-02-20'), 185.17, 185.17, '15%', '否', ''],
        [D('2024-02-20'), 'I03', '商业险', '丙', D('2024-02-21'), D('2025-02-20'), 2.67, null, 0.5, null, '未缴'],
        [D('2024-02-20'), 'I04', '非车险', '丁', D('2024-02-21'), null, '¥980', '980元', null, '已交付', ''],
        [D('2024-02-20'), 'I05', '商业险', '戊', D('2024-02-21'), null, 185.175, 0, 0.035, null, '三位小数'],
      ],
    },
    {
      name: '理赔台账',
      rows: [
        [
          '报案号',
          '车牌号',
          '出险日期',
          '报案日期',
          '维修金额',
          '客户自付',
          '递交日期',
          '回款日期',
          '回款金额',
          '状态',
        ],
        ['C01', '京A12345', D('2024-01-01'), D('2024-01-02'), 5000, 500, D('2024-01-31'), null, null, '已递交'],
        ['C02', '京A12346', D('2024-01-01'), D('2024-01-02'), 5000, 500, D('2024-01-30'), null, null, '已递交'],
        [
          'C03',
          '京A12347',
          D('2024-01-01'),
          D('2024-01-02'),
          5000,
          null,
          D('2024-01-10'),
          D('2024-03-05'),
          4500,
          '已回款',
        ],
        [
          'C04',
          '京A12348',
          D('2024-01-01'),
          D('2024-01-02'),
          800.5,
          0.5,
          D('2024-01-10'),
          D('2024-02-01'),
          600,
          '已回款',
        ],
        ['C05', '京A12349', D('2024-01-01'), D('2024-01-02'), null, null, D('2024-01-10'), null, null, '退案'],
        ['C06', '京A12340', D('2024-01-01'), D('2024-01-02'), 3000, null, null, null, null, '维修中'],
      ],
    },
    {
      name: '合同履行一览表',
      rows: [
        ['合同编号', '客户名称', '签订日期', '合同金额', '约定交付日期', '实际交付日期', '状态'],
        ['HT01', '甲公司', D('2024-01-01'), 10000, D('2024-02-29'), null, '执行中'],
        ['HT02', '乙公司', D('2024-01-01'), 500, D('2024-03-01'), null, '执行中'],
        ['HT03', '丙公司', D('2024-01-01'), 800, D('2024-02-01'), D('2024-02-10'), '已完成'],
        ['HT04', '丁公司', D('2024-01-01'), 1200, null, null, '执行中'],
      ],
    },
    {
      name: '回款记录',
      rows: [
        ['合同编号', '回款日期', '回款金额', '回款方式'],
        ['HT01', D('2024-01-15'), 3000.1, '转账'],
        ['HT01', D('2024-03-01'), 1000, '转账'],
        ['HT01', D('2024-03-02'), 999, '转账'],
        ['HT02', D('2024-02-01'), 600.05, '现金'],
        ['HT03', '2024/2/10', '800', '转账'],
      ],
    },
  ]);
  const settings = wb.addWorksheet('设置');
  settings.addRow(['设置项', '值']);
  settings.addRow(['基准日', asOf ? D(asOf) : null] as Cell[]);
  settings.addRow(['理赔逾期天数', 30]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const T = (hhmm: string, seconds = 0): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h * 3600 + m * 60 + seconds) / 86400;
};
const DT = (iso: string, hhmm: string): Date => new Date(D(iso).getTime() + T(hhmm) * 86_400_000);

/**
 * October 2026 (it starts on a Thursday) with the 国庆 holidays 10-01…10-07 and the 调休上班
 * Saturday 10-10 on the 设置 sheet: 18 workdays, 8 9 10 12–16 19–23 26–30.
 */
export const OCTOBER_WORKDAYS = [
  '08',
  '09',
  '10',
  '12',
  '13',
  '14',
  '15',
  '16',
  '19',
  '20',
  '21',
  '22',
  '23',
  '26',
  '27',
  '28',
  '29',
  '30',
].map((d) => `2026-10-${d}`);

/**
 * An attendance workbook with the cases the 月度差勤 formulas must get right (the expected
 * figures are in test/formulas/recalc.test.ts).
 */
export async function attendanceEdgeWorkbook(asOf: string | null = '2026-10-31'): Promise<Buffer> {
  const punches: Cell[][] = [['工号', '姓名', '日期', '打卡时间']];
  // A01 周一: 08:50 every workday but these days.
  const a01: Record<string, Cell[][]> = {
    '2026-10-12': [[T('09:00')]], // exactly the work start: on time
    '2026-10-13': [[T('09:01')]], // one minute after: late
    '2026-10-14': [[T('09:00', 59)]], // 09:00:59 is still 09:00
    '2026-10-16': [], // roll call 请假
    '2026-10-19': [], // nothing: absent
    '2026-10-20': [[T('09:30')], [T('08:58')]], // out of order: the first punch is 08:58
  };
  for (const day of OCTOBER_WORKDAYS)
    for (const [time] of a01[day] ?? [[T('08:50')]]) punches.push(['A01', '周一', D(day), time]);
  punches.push(
    ['A01', '周一', D('2026-10-02'), T('08:50')], // a holiday: not counted
    // A02 吴二 joins Monday 10-19 and punches by name only.
    ...['19', '20', '21', '22', '23'].map((d) => [null, '吴二', D(`2026-10-${d}`), T('08:40')]),
    [null, '吴二', D('2026-10-26'), T('09:05')],
    // A03 郑三 leaves 10-13; his clock writes the time into the date cell.
    ['A03', null, DT('2026-10-08', '08:59'), null],
    ['A03', null, DT('2026-10-09', '09:10'), null],
    ['A03', null, D('2026-10-10'), null], // no time at all: present, never late
    ['A03', null, DT('2026-10-14', '08:30'), null], // after he left
    ['A99', '无名', D('2026-10-12'), T('08:30')], // not in the 人力表
    [null, '陈十', D('2026-10-27'), T('08:30')], // two people are called 陈十: nobody's
  );
  for (const day of OCTOBER_WORKDAYS) {
    // 褚十二 punches as a12; on 10-22 the clock wrote the whole date and time into 打卡时间: late.
    punches.push(
      ['A10', '陈十', D(day), T('08:30')],
      ['a12', '褚十二', D(day), day === '2026-10-22' ? DT(day, '09:20') : T('08:30')],
    );
  }

  // A04 王四 punches on a clock with 上班/下班 columns.
  const pairs: Cell[][] = [['工号', '日期', '上班打卡', '下班打卡']];
  const a04: Record<string, [number | null, number | null] | undefined> = {
    '2026-10-09': [null, T('18:05')], // only the evening punch: the first punch is 18:05, late
    '2026-10-12': [T('09:15'), T('18:00')], // late
    '2026-10-13': undefined, // no row: absent (roll call 缺)
    '2026-10-14': [null, null], // an exported day without punches: roll call 假
  };
  for (const day of OCTOBER_WORKDAYS) {
    const p = day in a04 ? a04[day] : [T('08:45'), T('18:00')];
    if (p) pairs.push(['A04', D(day), p[0], p[1]]);
  }

  const rollCall: Cell[][] = [
    ['早会点到（2026年10月）'], // a title above the header: whole-column formulas must not count it
    [],
    ['日期', '工号', '姓名', '点到'],
    [D('2026-10-03'), 'A01', null, '假'], // a holiday: not counted
    [D('2026-10-15'), 'A01', null, '假'], // but punched 08:50: present, not leave
    [D('2026-10-16'), 'A01', null, '请假'],
    [D('2026-10-16'), 'A02', null, '到'], // before 吴二 joined
    ...['27', '28', '29', '30'].map((d) => [D(`2026-10-${d}`), 'A02', null, '到']), // present by roll call only
    [D('2026-10-12'), 'A03', null, '迟到'],
    [D('2026-10-13'), 'A04', null, '缺'],
    [D('2026-10-14'), 'A04', null, '假'],
    [D('2026-10-20'), 'A99', '无名', '到'],
  ];

  const wb = buildWorkbook([
    {
      name: '人力表',
      rows: [
        ['工号', '姓名', '部门', '入司日期', '离司日期', '备注'],
        ['A01', '周一', '一部', '2020/1/1', null, '文本日期'],
        ['A02', '吴二', '一部', D('2026-10-19'), null, '月中入司'],
        ['A03', '郑三', '二部', D('2019-03-01'), D('2026-10-13'), '月中离司'],
        ['A04', '王四', '二部', D('2018-05-01'), null, null],
        ['A05', '冯五', '二部', D('2026-11-01'), null, '十一月入司'],
        ['A01', '周一', '一部', null, null, '工号重复'],
        ['A07', '卫七', null, null, null, '缺部门'],
        ['A08', '蒋八', '一部', '不详', null, '入司日期无法识别'],
        ['A09', '沈九', '一部', D('2026-10-10'), D('2026-10-01'), '离司早于入司'],
        [],
        ['A10', '陈十', '二部', D('2015-01-01'), null, null],
        ['A11', '陈十', '二部', D('2026-10-26'), null, '同名，月末入司'],
        ['A12', '褚十二', '二部', D('2016-01-01'), null, '打卡工号为小写'],
      ],
    },
    { name: '打卡记录', rows: punches },
    { name: '上下班打卡', rows: pairs },
    { name: '早会点到', rows: rollCall, header: false },
  ]);
  const settings = wb.addWorksheet('设置');
  const rows: Cell[][] = [
    ['设置项', '值'],
    ['基准日', asOf ? D(asOf) : null],
    ['上班时间', '9:00'],
    ['迟到扣款', 20],
    ['缺勤扣款', 100],
    ['工作日', '周一至周五'],
    ['节假日', D('2026-10-01'), '国庆节'],
    ...['02', '03', '04', '05', '06', '07'].map((d) => [null, D(`2026-10-${d}`)]),
    ['调休上班', D('2026-09-20')],
    [null, D('2026-10-10')],
  ];
  for (const r of rows) settings.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

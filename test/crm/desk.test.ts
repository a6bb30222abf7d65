/**
 * The renewal desk's day (ledgers.md §1 as rewritten): one car one caller, renewals issued here
 * left out, the channel map, the 17:00 deadline and the follow-up log — on real files through
 * the CLI.
 */
import type { Cell } from '../../src/grid';
import {
  AS_OF,
  HEADER,
  cli,
  inDays,
  plate,
  policy,
  readXlsx,
  row,
  sheetValues,
  tempDir,
  vin,
  writeXlsx,
} from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** A date-time cell: exceljs writes a UTC Date as Excel's serial with that time of day. */
const when = (iso: string, hh: number, mm = 0): Date => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, hh, mm));
};

async function crm(list: Cell[][], extra: string[] = [], sheets: { name: string; rows: Cell[][] }[] = []) {
  const file = tmp.path(`list-${Math.random().toString(36).slice(2)}.xlsx`);
  await writeXlsx(file, [{ name: '续保清单', rows: [[...HEADER], ...list] }, ...sheets]);
  const out = file.replace('.xlsx', '-out.xlsx');
  const r = await cli(['crm', file, '--as-of', AS_OF, '--out', out, '--json', ...extra]);
  return { ...r, json: r.code === 0 ? JSON.parse(r.stdout) : undefined, out };
}

const column = (rows: unknown[][], header: string) =>
  rows.slice(1).map((r) => r[(rows[0] as string[]).indexOf(header)]);

describe('one car, one caller', () => {
  test('a car’s 交强险 and 商业险 go to one specialist on one day; vehicles are balanced within 1', async () => {
    const list: Cell[][] = [];
    for (let n = 0; n < 20; n++) {
      const p = plate(500 + n);
      const v = vin(500 + n);
      list.push(row({ 车牌号: p, 车架号: v, 险种: '商业险', 终保日期: inDays(26 + (n % 3)) }));
      if (n % 2 === 0) list.push(row({ 车牌号: p, 车架号: v, 险种: '交强险', 终保日期: inDays(29) }));
    }
    for (const seed of ['1', '2', '3', '20261125']) {
      const r = await crm(list, ['--specialists', '张三,李四,王五', '--seed', seed]);
      expect(r.code).toBe(0);
      expect(r.json.leadVehicles).toBe(20);
      expect(r.json.counts.leads).toBe(30);
      const cars = Object.values(r.json.vehicleAssignments) as number[];
      expect(Math.max(...cars) - Math.min(...cars)).toBeLessThanOrEqual(1);
      expect(cars.reduce((a, b) => a + b, 0)).toBe(20);
      const wb = await readXlsx(r.out);
      const rows = sheetValues(wb.getWorksheet('CRM导入')!);
      const byCar = new Map<string, Set<string>>();
      column(rows, '车牌号').forEach((p, i) => {
        const who = `${column(rows, '所属人员')[i]} ${column(rows, '发放日期')[i]}`;
        byCar.set(String(p), (byCar.get(String(p)) ?? new Set()).add(who));
      });
      expect(byCar.size).toBe(20);
      for (const owners of byCar.values()) expect(owners.size).toBe(1);
    }
  });

  test('a car whose policies carry two 所属人员 is a warning naming both', async () => {
    const p = plate(801);
    const r = await crm(
      [
        row({ 车牌号: p, 车架号: null, 险种: '商业险', 所属人员: '张三', 发放日期: day(AS_OF) }),
        row({ 车牌号: p, 车架号: null, 险种: '交强险', 所属人员: '李四', 发放日期: day(AS_OF) }),
      ],
      ['--specialists', '张三,李四'],
    );
    expect(r.json.warnings).toHaveLength(1);
    expect(r.json.warnings[0].message).toContain(p);
    expect(r.json.warnings[0].message).toContain('张三: 第 2 行');
    expect(r.json.warnings[0].message).toContain('李四: 第 3 行');
  });
});

const ISSUANCE_HEADER = ['出单日期', '保单号', '险种', '被保险人', '车牌号', '车架号', '起保日期', '终保日期', '保费'];

describe('renewed here (--issued)', () => {
  test('a renewal issued here for the same plate or VIN and coverage leaves the import', async () => {
    const byPlate = row({ 车牌号: plate(901), 险种: '商业险', 终保日期: inDays(20) });
    const byVin = row({ 车牌号: null, 车架号: vin(902), 险种: '交强险', 终保日期: inDays(20) });
    const otherCoverage = row({ 车牌号: plate(903), 险种: '交强险', 终保日期: inDays(20) });
    const tooEarly = row({ 车牌号: plate(904), 险种: '商业险', 终保日期: inDays(20) });
    const issued = tmp.path('issued.xlsx');
    const newNo = policy();
    await writeXlsx(issued, [
      {
        name: '承保台账',
        rows: [
          ISSUANCE_HEADER,
          [day(AS_OF), newNo, '商业险', '客户', plate(901), null, day(inDays(20)), day(inDays(385)), 3000],
          [day(AS_OF), policy(), '交强险', '客户', null, vin(902), day(inDays(21)), day(inDays(386)), 950],
          [day(AS_OF), policy(), '商业险', '客户', plate(903), null, day(inDays(21)), day(inDays(386)), 950],
          // Started 31 days before the old policy's expiry: not its renewal.
          [day(AS_OF), policy(), '商业险', '客户', plate(904), null, day(inDays(-11)), day(inDays(354)), 950],
        ],
      },
    ]);
    const r = await crm([byPlate, byVin, otherCoverage, tooEarly], ['--specialists', '张三', '--issued', issued]);
    expect(r.code).toBe(0);
    expect(r.json.counts.renewedHere).toBe(2);
    expect(r.json.counts.leads).toBe(2);
    expect(r.json.renewedHerePolicies[0]).toEqual({ policyNo: byPlate[0], coverage: '商业险', newPolicyNo: newNo });
    const wb = await readXlsx(r.out);
    const here = sheetValues(wb.getWorksheet('已在本店续保')!);
    expect(column(here, '本店续保保单号')[0]).toBe(newNo);
    const summary = sheetValues(wb.getWorksheet('汇总')!);
    expect(summary.find((x) => x[0] === '已在本店续保')!.slice(1, 3)).toEqual([2, 2]);
  });

  test('an --issued file with no issuance ledger: exit 2 and one line', async () => {
    const wrong = tmp.path('not-issuance.xlsx');
    await writeXlsx(wrong, [
      {
        name: 'Sheet1',
        rows: [
          ['姓名', '电话'],
          ['张三', '13900000000'],
        ],
      },
    ]);
    const r = await crm([row()], ['--specialists', '张三', '--issued', wrong]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('not-issuance.xlsx');
    expect(r.stderr).toContain('没有找到承保台账');
  });
});

describe('the channel map (--channels)', () => {
  test('fills an empty 业务归属 by 经办人, lists handlers it does not know, and splits lapsed rows by it', async () => {
    const map = tmp.path('channels.xlsx');
    await writeXlsx(map, [
      {
        name: '对照',
        rows: [
          ['经办人', '业务归属'],
          ['钱七', '冀东业务'],
          ['孙八', '代理公司业务'],
        ],
      },
    ]);
    const r = await crm(
      [
        row({ 经办人: '钱七', 业务归属: null }),
        row({ 经办人: '孙八', 业务归属: null, 终保日期: inDays(-5) }),
        row({ 经办人: '周九', 业务归属: null }),
        row({ 经办人: '孙八', 业务归属: '脱落销售部' }),
      ],
      ['--specialists', '张三', '--channels', map],
    );
    expect(r.code).toBe(0);
    expect(r.json.unmappedHandlers).toEqual(['周九']);
    expect(r.json.channelsFilled).toBe(2);
    const wb = await readXlsx(r.out);
    expect(wb.getWorksheet('脱保-代理公司业务')).toBeDefined();
    const crmRows = sheetValues(wb.getWorksheet('CRM导入')!);
    expect(column(crmRows, '业务归属').map((v) => v ?? '')).toEqual(['冀东业务', '', '脱落销售部']);
  });

  test('one 经办人 with two 业务归属 is an error naming both rows', async () => {
    const map = tmp.path('bad-channels.xlsx');
    await writeXlsx(map, [
      {
        name: '对照',
        rows: [
          ['经办人', '业务归属'],
          ['钱七', '冀东业务'],
          ['孙八', '代理公司业务'],
          ['钱七', '脱落销售部'],
        ],
      },
    ]);
    const r = await crm([row()], ['--specialists', '张三', '--channels', map]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('第 2 行');
    expect(r.stderr).toContain('第 4 行');
    expect(r.stderr).toContain('钱七');
  });
});

describe('the 17:00 deadline (step 7)', () => {
  const list = () => [
    row({ 所属人员: '李四', 发放日期: day(inDays(-1)), 终保日期: inDays(20) }),
    ...Array.from({ length: 4 }, () => row({ 终保日期: inDays(27) })),
  ];
  test('yesterday’s rows do not block this morning; they do from 17:00', async () => {
    const morning = await crm(list(), ['--specialists', '张三,李四', '--at', '09:30']);
    expect(morning.json.blockedSpecialists).toEqual([]);
    expect(morning.json.clock).toBe(`${AS_OF} 09:30`);
    const evening = await crm(list(), ['--specialists', '张三,李四', '--at', '17:00']);
    expect(evening.json.blockedSpecialists).toEqual(['李四']);
    // Without --at, a past as-of date is judged at its 17:00.
    const past = await crm(list(), ['--specialists', '张三,李四']);
    expect(past.json.blockedSpecialists).toEqual(['李四']);
  });

  test('rows from two days ago block in the morning too; a bad --at is a usage error', async () => {
    const r = await crm(
      [row({ 所属人员: '李四', 发放日期: day(inDays(-2)), 终保日期: inDays(20) }), row()],
      ['--specialists', '张三,李四', '--at', '08:00'],
    );
    expect(r.json.blockedSpecialists).toEqual(['李四']);
    const bad = await crm([row()], ['--specialists', '张三', '--at', '25:00']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('25:00');
  });
});

const LOG_HEADER = ['保单号', '车牌号', '联系时间', '联系结果', '下次联系时间', '联系人'];

describe('the follow-up log', () => {
  const called = row({ 所属人员: '张三', 发放日期: day(inDays(-3)), 终保日期: inDays(20), 业务归属: '冀东业务' });
  const appointment = row({ 所属人员: '李四', 发放日期: day(inDays(-2)), 终保日期: inDays(18) });
  const tried = row({ 所属人员: '张三', 发放日期: day(inDays(-2)), 终保日期: inDays(18) });
  const renewedByLog = row({ 所属人员: '李四', 发放日期: day(inDays(-2)), 终保日期: inDays(18) });
  const log: Cell[][] = [
    LOG_HEADER,
    [called[0] as string, null, when(inDays(-3), 9, 40), '无人接听', null, '张三'],
    [null, called[4] as string, when(inDays(-2), 15, 50), '关机停机', null, '张三'],
    [called[0] as string, null, when(inDays(-1), 10, 5), '空号错号', null, '张三'],
    [appointment[0] as string, null, when(inDays(-1), 10, 0), '预约回电', when(AS_OF, 9, 30), '李四'],
    [tried[0] as string, null, when(inDays(-1), 16, 0), '无人接听', null, '张三'],
    [renewedByLog[0] as string, null, when(inDays(-1), 11, 0), '成功续保', null, '李四'],
    [policy(), null, when(inDays(-1), 11, 0), '有意向', null, '李四'],
  ];
  let r: Awaited<ReturnType<typeof crm>>;
  beforeAll(async () => {
    r = await crm(
      [called, appointment, tried, renewedByLog, row({ 终保日期: inDays(27) })],
      ['--specialists', '张三,李四'],
      [{ name: '回访记录', rows: log }],
    );
  });

  test('three failed calls on three days: 不准确, listed for its branch, not for a specialist', async () => {
    expect(r.code).toBe(0);
    expect(r.json.inaccurate).toEqual({ 冀东业务: 1 });
    const wb = await readXlsx(r.out);
    const sheet = sheetValues(wb.getWorksheet('不准确-冀东业务')!);
    expect(column(sheet, '保单号')).toEqual([called[0]]);
    expect(column(sheet, '回访次数')).toEqual([3]);
  });

  test('今日待回电: the appointment for today and the failed call of yesterday, per specialist', async () => {
    expect(r.json.callbacksToday).toEqual({ 张三: 1, 李四: 1 });
    const wb = await readXlsx(r.out);
    const sheet = sheetValues(wb.getWorksheet('今日待回电')!);
    expect(column(sheet, '保单号')).toEqual([tried[0], appointment[0]]);
    expect(String(column(sheet, '回电原因')[1])).toContain(`${AS_OF} 09:30`);
  });

  test('the last logged result stands for an empty 联系结果; logged rows are not unfinished work', async () => {
    expect(r.json.counts.renewed).toBe(1);
    expect(r.json.blockedSpecialists).toEqual([]);
    expect(r.json.counts.leads).toBe(1);
  });

  test('an entry for a policy in neither the list nor the issuance ledger is a warning', async () => {
    const strangers = r.json.warnings.filter((w: { message: string }) => w.message.includes('不在续保清单'));
    expect(strangers).toHaveLength(1);
    expect(strangers[0].where).toContain('第 8 行');
  });

  test('--followups with a file that has no 回访记录: exit 2', async () => {
    const wrong = tmp.path('no-log.xlsx');
    await writeXlsx(wrong, [{ name: 'Sheet1', rows: [['姓名'], ['张三']] }]);
    const bad = await crm([row()], ['--specialists', '张三', '--followups', wrong]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('没有找到回访记录');
  });
});

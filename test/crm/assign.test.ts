/**
 * Steps 5–7: 发放日期, the seeded fair deal (per day and in total within 1), reproducibility,
 * and the unfinished-work block with its override.
 */
import { readFileSync } from 'node:fs';
import type { Cell, Grid } from '../../src/grid';
import { deal, mulberry32 } from '../../src/tasks/crm/assign';
import { runCrm, type CrmResult } from '../../src/tasks/crm';
import { AS_OF, HEADER, cli, inDays, readXlsx, row, sheetValues, tempDir, writeXlsx } from './helpers';

const spread = (xs: readonly number[]): number => Math.max(...xs) - Math.min(...xs);

describe('deal', () => {
  test('per day and in total, counts differ by at most 1; every lead is dealt once (many seeds and sizes)', () => {
    const pick = mulberry32(7);
    for (let trial = 0; trial < 300; trial++) {
      const specialists = 1 + Math.floor(pick() * 9);
      const n = Math.floor(pick() * 400);
      const dayCount = 1 + Math.floor(pick() * 8);
      const days = Array.from({ length: n }, () => 20000 + Math.floor(pick() * pick() * dayCount));
      const d = deal(days, specialists, trial * 7919);
      expect(d.assignee.every((a) => a >= 0 && a < specialists)).toBe(true);
      for (const { day, counts } of d.byDay) {
        expect(spread(counts)).toBeLessThanOrEqual(1);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(days.filter((x) => x === day).length);
      }
      expect(spread(d.totals)).toBeLessThanOrEqual(1);
      expect(d.totals.reduce((a, b) => a + b, 0)).toBe(n);
    }
  });

  test('the same seed deals the same way; another seed deals differently', () => {
    const days = Array.from({ length: 60 }, (_, i) => 20000 + (i % 4));
    expect(deal(days, 4, 42)).toEqual(deal(days, 4, 42));
    expect(deal(days, 4, 43).assignee).not.toEqual(deal(days, 4, 42).assignee);
  });

  test('with one lead a day, the lead goes to whoever has fewest so far', () => {
    const d = deal([1, 2, 3, 4, 5, 6], 3, 1);
    expect([...d.totals]).toEqual([2, 2, 2]);
    expect(new Set(d.assignee.slice(0, 3)).size).toBe(3);
  });
});

/** A renewal sheet as a grid, the way the ribbon button hands the engine the open workbook. */
const grid = (rows: Cell[][]): Grid => ({ sheet: '续保清单', rows: [[...HEADER], ...rows] });

describe('assignment in a run', () => {
  test('balanced per 发放日期 and in total for several seeds, sizes and teams', () => {
    const pick = mulberry32(99);
    for (const [size, team] of [
      [7, 3],
      [50, 4],
      [213, 5],
      [400, 7],
    ] as const) {
      const rows = Array.from({ length: size }, () => row({ 终保日期: inDays(Math.floor(pick() * 31)) }));
      for (const seed of [1, 2, 3, 20261125]) {
        const specialists = ['张三', '李四', '王五', '赵六', '钱七', '孙八', '周九'].slice(0, team);
        const r = runCrm({ renewal: { name: 'list', grids: [grid(rows)] } }, { asOf: AS_OF, specialists, seed });
        expect(r.counts.leads).toBe(size);
        expect(spread(Object.values(r.assignments))).toBeLessThanOrEqual(1);
        for (const day of r.byDay) expect(spread(Object.values(day.counts))).toBeLessThanOrEqual(1);
        // The CRM sheet agrees with the figures: count 所属人员 per 发放日期 in the rows themselves.
        const crm = r.sheets[0].rows;
        const h = crm[0] as string[];
        const perDay = new Map<string, Map<string, number>>();
        for (const x of crm.slice(1)) {
          const d = String(x[h.indexOf('发放日期')]),
            who = String(x[h.indexOf('所属人员')]);
          const m = perDay.get(d) ?? new Map<string, number>();
          m.set(who, (m.get(who) ?? 0) + 1);
          perDay.set(d, m);
        }
        for (const day of r.byDay) {
          for (const s of specialists) expect(perDay.get(day.date)?.get(s) ?? 0).toBe(day.counts[s]);
        }
      }
    }
  });

  test('发放日期 = expiry − lead, but never before the as-of date', () => {
    const rows = [
      row({ 终保日期: inDays(30), 经办人: 'a' }),
      row({ 终保日期: inDays(26), 经办人: 'b' }),
      row({ 终保日期: inDays(10), 经办人: 'c' }),
      row({ 终保日期: inDays(0), 经办人: 'd' }),
    ];
    const r = runCrm({ renewal: { name: 'list', grids: [grid(rows)] } }, { asOf: AS_OF, specialists: ['张三'] });
    const crm = r.sheets[0].rows;
    const h = crm[0] as string[];
    const issued = Object.fromEntries(crm.slice(1).map((x) => [x[h.indexOf('保险止期')], x[h.indexOf('发放日期')]]));
    expect(issued).toEqual({
      [inDays(30)]: inDays(5),
      [inDays(26)]: inDays(1),
      [inDays(10)]: AS_OF,
      [inDays(0)]: AS_OF,
    });
    expect(r.seed).toBe(20261125);
  });
});

describe('reproducible runs (CSV bytes)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const rows = Array.from({ length: 120 }, (_, i) => row({ 终保日期: inDays(i % 31) }));

  const run = async (out: string, seed: string) => {
    const r = await cli([
      'crm',
      tmp.path('list.xlsx'),
      '--as-of',
      AS_OF,
      '--specialists',
      '张三,李四,王五,赵六',
      '--seed',
      seed,
      '--out',
      tmp.path(out),
    ]);
    expect(r.code).toBe(0);
    return readFileSync(tmp.path(out));
  };

  test('the same input and seed give byte-identical CRM rows; another seed another assignment', async () => {
    await writeXlsx(tmp.path('list.xlsx'), [{ name: '续保清单', rows: [[...HEADER], ...rows] }]);
    const first = await run('a.csv', '12345');
    const second = await run('b.csv', '12345');
    expect(first.equals(second)).toBe(true);
    expect(readFileSync(tmp.path('a.汇总.csv')).equals(readFileSync(tmp.path('b.汇总.csv')))).toBe(true);

    const other = await run('c.csv', '54321');
    const owners = (buf: Buffer) => {
      const lines = buf
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .map((l) => l.split(','));
      const h = lines[0];
      return Object.fromEntries(lines.slice(1).map((l) => [l[h.indexOf('保单号')], l[h.indexOf('所属人员')]]));
    };
    const a = owners(first),
      c = owners(other);
    expect(Object.keys(c).sort()).toEqual(Object.keys(a).sort());
    expect(Object.keys(a).filter((k) => a[k] !== c[k]).length).toBeGreaterThan(20);
  });
});

describe('unfinished work (step 7)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const fresh = Array.from({ length: 10 }, () => row({ 终保日期: inDays(27) }));
  const worked = [
    // 李四 has not called yesterday's lead: blocked.
    row({ 所属人员: '李四', 发放日期: day(inDays(-1)), 终保日期: inDays(20), 经办人: 'open-lisi' }),
    // 张三 called his; today's issue (发放日期 = D) is not "earlier days".
    row({ 所属人员: '张三', 发放日期: day(inDays(-1)), 联系结果: '无人接听', 终保日期: inDays(20) }),
    row({ 所属人员: '张三', 发放日期: day(AS_OF), 终保日期: inDays(25) }),
    // Someone no longer on the team still shows in 未处理清单.
    row({ 所属人员: '赵六', 发放日期: day(inDays(-2)), 终保日期: inDays(22), 经办人: 'open-zhaoliu' }),
  ];
  let result: CrmResult;

  const runWith = async (specialists: string, extra: string[] = []) => {
    const r = await cli([
      'crm',
      tmp.path('worked.xlsx'),
      '--as-of',
      AS_OF,
      '--specialists',
      specialists,
      '--out',
      tmp.path('out.xlsx'),
      '--json',
      ...extra,
    ]);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };

  beforeAll(async () => {
    await writeXlsx(tmp.path('worked.xlsx'), [
      {
        name: '续保清单',
        rows: [
          [...HEADER],
          ...fresh,
          ...worked,
          row({ 联系电话: null, 终保日期: inDays(27), 车牌号: null, 车架号: null }),
        ],
      },
    ]);
    result = await runWith('张三,李四,王五');
  });

  test('a specialist with unworked rows from earlier days gets no new leads', async () => {
    expect(result.blockedSpecialists).toEqual(['李四']);
    expect(result.assignments).toEqual({ 张三: 5, 李四: 0, 王五: 5 });
    expect(result.unfinished).toEqual({ 李四: 1, 赵六: 1 });
    const wb = await readXlsx(tmp.path('out.xlsx'));
    const rows = sheetValues(wb.getWorksheet('未处理清单')!);
    const h = rows[0] as string[];
    expect(rows.slice(1).map((r) => r[h.indexOf('经办人')])).toEqual(['open-lisi', 'open-zhaoliu']);
    expect(rows[1][h.indexOf('原因')]).toBe(
      `李四 于 ${inDays(-1)} 领取，联系结果仍为空（最晚应于 ${AS_OF} 17:00 前更新）`,
    );
    const summary = sheetValues(wb.getWorksheet('汇总')!);
    expect(summary.find((r) => r[0] === '李四')!.slice(-2)).toEqual([1, '有未处理信息，本次不分配']);
  });

  test('--override-unfinished deals to everyone again', async () => {
    const r = await runWith('张三,李四,王五', ['--override-unfinished']);
    expect(r.blockedSpecialists).toEqual([]);
    expect(Object.values(r.assignments).sort()).toEqual([3, 3, 4]);
  });

  test('when nobody is free, the leads wait in 暂缓分配清单 (a lead without a phone still needs its phone first)', async () => {
    const r = await runWith('李四,赵六');
    expect(r.counts.blocked).toBe(10);
    expect(r.counts.leads).toBe(0);
    expect(r.counts.needsPhone).toBe(1);
    expect(r.assignments).toEqual({ 李四: 0, 赵六: 0 });
    const wb = await readXlsx(tmp.path('out.xlsx'));
    const rows = sheetValues(wb.getWorksheet('暂缓分配清单')!);
    expect(rows).toHaveLength(11);
    expect(String(rows[1][rows[0].indexOf('原因')])).toContain('--override-unfinished');
    expect(sheetValues(wb.getWorksheet('CRM导入')!)).toHaveLength(1);
  });
});

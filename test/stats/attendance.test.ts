/**
 * 差勤 (ledgers.md §5) on October 2026 with the 国庆 holidays and the make-up Saturday from a
 * 设置 sheet. Fixture: test/stats/fixtures.ts attendanceSheets().
 *
 * October 2026 starts on a Thursday: Mon–Fri are 1, 2, 5–9, 12–16, 19–23, 26–30 = 22 days;
 * the holidays 10-01…10-07 take 1, 2, 5, 6, 7 (5 weekdays) off → 17; Saturday 10-10 is a
 * 调休上班 day → 18 workdays: 8 9 10 12 13 14 15 16 19 20 21 22 23 26 27 28 29 30.
 */
import { join } from 'node:path';
import { attendanceForMonth, type AttendanceInput } from '../../src/ledgers/attendanceMonth';
import { defaultSettings } from '../../src/ledgers/settings';
import { loadLedgers } from '../../src/cli/statsRun';
import { attendanceSheets } from './fixtures';
import { ledger, statsOf, tempDir, writeBook } from './helpers';

const { dir, cleanup } = tempDir('attendance');
afterAll(cleanup);

let file: string;
beforeAll(async () => {
  file = await writeBook(join(dir, '差勤.xlsx'), attendanceSheets());
});

async function input(): Promise<{ input: AttendanceInput; settings: ReturnType<typeof defaultSettings> }> {
  const loaded = await loadLedgers([file], '2026-10-31');
  const of = (key: string) => loaded.tables.filter((x) => x.table.key === key) as never;
  return {
    input: { roster: of('roster'), punches: of('punches'), punchPairs: of('punchPairs'), rollCall: of('rollCall') },
    settings: loaded.settings,
  };
}

test('each sheet is matched to its attendance table and the 设置 sheet is read', async () => {
  const loaded = await loadLedgers([file], '2026-10-31');
  expect(loaded.sources.map((s) => [s.sheet, s.table])).toEqual([
    ['人力表', 'roster'],
    ['打卡记录', 'punches'],
    ['上下班打卡', 'punchPairs'],
    ['早会点到', 'rollCall'],
  ]);
  expect(loaded.settings.holidays).toHaveLength(7);
  expect(loaded.settings.makeupDays).toEqual(['2026-09-20', '2026-10-10']);
  expect(loaded.settings.lateFee).toBe(2000);
});

test('per person: scheduled, present, late, leave, absent and deduction', async () => {
  const r = await statsOf([file], '2026-10');
  const a = ledger(r, 'attendance');
  const person = (id: string) => a.byPerson.find((p: { employeeId: string }) => p.employeeId === id);

  // 张三 E01: 18 workdays. 10-14 roll call 假 → leave; 10-15 nothing → absent; every other
  // day present (10-16 and 10-19 by roll call only) → 18 − 1 − 1 = 16. Late: 10-10 at 09:01
  // and 10-16 roll call 迟 = 2 (10-12 at 09:00 sharp and 10-13 first punch 08:58 are on time;
  // the 10-01/10-03 holiday punches do not count). Deduction 2 × 20 + 1 × 100 = 140.
  expect(person('E01')).toEqual({
    employeeId: 'E01',
    name: '张三',
    dept: '一部',
    scheduledDays: 18,
    presentDays: 16,
    lateDays: 2,
    leaveDays: 1,
    unrecordedDays: 0,
    absentDays: 1,
    deduction: 140,
    attendanceRate: 0.8889, // 16 / 18 = 0.88888…
  });
  // 李四 E02 (上班/下班 sheet): 10-21 no punch + 缺 → absent; 10-23 假 → leave; 10-28 nothing → absent;
  // 10-26 punched despite 假 → present; 10-27 roll call 到 → present. Present 18 − 2 − 1 = 15.
  // Late: 10-20 (only the 18:05 punch) and 10-22 (09:15) = 2. Deduction 2 × 20 + 2 × 100 = 240.
  expect(person('E02')).toMatchObject({
    scheduledDays: 18,
    presentDays: 15,
    lateDays: 2,
    leaveDays: 1,
    unrecordedDays: 0,
    absentDays: 2,
    deduction: 240,
  });
  // 王五 E03 joins Monday 10-19: scheduled 19–23, 26–30 = 10. Punched by name 19–23 and 26 (09:05,
  // late) = 6 present; 27–30 absent = 4. The 10-16 punch and the 10-08 roll call predate him.
  // Deduction 1 × 20 + 4 × 100 = 420.
  expect(person('E03')).toMatchObject({
    scheduledDays: 10,
    presentDays: 6,
    lateDays: 1,
    leaveDays: 0,
    unrecordedDays: 0,
    absentDays: 4,
    deduction: 420,
  });
  // 赵六 E04 leaves 10-09: scheduled 10-08 and 10-09 = 2. 10-08 punch without a time: present, not
  // late; 10-09 absent; the 10-12 punch is after he left. Deduction 100.
  expect(person('E04')).toMatchObject({
    scheduledDays: 2,
    presentDays: 1,
    lateDays: 0,
    leaveDays: 0,
    unrecordedDays: 0,
    absentDays: 1,
    deduction: 100,
  });
  // The second 张三 E08 joins Thursday 10-29: 29 and 30, no punches → 2 absent, 200.
  expect(person('E08')).toMatchObject({
    name: '张三',
    scheduledDays: 2,
    presentDays: 0,
    absentDays: 2,
    deduction: 200,
  });
  // 孙七 E05 joins in November; E06 (no name), E07 (bad join date) and the duplicate E01 are excluded.
  expect(a.byPerson.map((p: { employeeId: string }) => p.employeeId)).toEqual(['E01', 'E02', 'E03', 'E04', 'E08']);
});

test('per department: the sums of its people', async () => {
  const a = ledger(await statsOf([file], '2026-10'), 'attendance');
  // 一部 = E01 + E02 + E08: scheduled 18+18+2 = 38, present 16+15+0 = 31, late 2+2 = 4, leave 1+1 = 2,
  // absent 1+2+2 = 5, deduction 140+240+200 = 580.
  expect(a.byDept['一部']).toEqual({
    people: 3,
    scheduledDays: 38,
    presentDays: 31,
    lateDays: 4,
    leaveDays: 2,
    unrecordedDays: 0,
    absentDays: 5,
    deduction: 580,
    attendanceRate: 0.8158,
  });
  // 二部 = E03 + E04: 10+2 = 12, 6+1 = 7, late 1, leave 0, absent 4+1 = 5, 420+100 = 520; 7/12 = 0.58333.
  expect(a.byDept['二部']).toEqual({
    people: 2,
    scheduledDays: 12,
    presentDays: 7,
    lateDays: 1,
    leaveDays: 0,
    unrecordedDays: 0,
    absentDays: 5,
    deduction: 520,
    attendanceRate: 0.5833,
  });
  expect(a.totals).toMatchObject({
    people: 5,
    scheduledDays: 50,
    presentDays: 38,
    lateDays: 5,
    leaveDays: 2,
    unrecordedDays: 0,
    absentDays: 10,
    deduction: 1100,
  });
  expect(a.rules).toMatchObject({ workStart: '09:00', lateFee: 20, absentFee: 100, makeupDays: ['2026-10-10'] });
});

test('rows left out are listed with the reason, never dropped silently', async () => {
  const a = ledger(await statsOf([file], '2026-10'), 'attendance');
  const reasons = a.excluded.map(
    (e: { sheet: string; row: number; figure: string; reason: string }) =>
      `${e.sheet}:${e.row}:${e.figure}:${e.reason}`,
  );
  expect(reasons).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^人力表:7:\*:人力表缺少姓名/), // E06
      expect.stringMatching(/^人力表:8:\*:入司日期无法识别: abc/), // E07
      expect.stringMatching(/^人力表:9:\*:工号 E01 与人力表 第 2 行重复/),
      expect.stringMatching(/^打卡记录:\d+:\*:工号 E99 不在人力表中/),
      expect.stringMatching(/^打卡记录:\d+:\*:打卡日期无法识别: xx/),
      expect.stringMatching(/^打卡记录:\d+:\*:人力表中有 2 位叫 张三 的人员/),
      expect.stringMatching(/^打卡记录:\d+:lateDays:打卡记录没有可识别的时间/), // E04 on 10-08
      expect.stringMatching(/^早会点到:11:\*:点到结果无法识别: 早退/),
    ]),
  );
  expect(a.excludedCount).toBe(8);
});

test('attendanceForMonth: the same figures in fen, the day marks, and a month cut at the as-of date', async () => {
  const { input: inp, settings } = await input();
  const m = attendanceForMonth(inp, '2026-10', settings);
  const e01 = m.byPerson.find((p) => p.employeeId === 'E01')!;
  expect(e01.deduction).toBe(14000); // fen
  expect(e01.days).toHaveLength(31);
  // 10-01…10-07 holidays and the weekend 10-03/04 are not scheduled; 10-08 present; 10-10 late.
  expect(e01.days.slice(0, 10)).toEqual([null, null, null, null, null, null, null, '到', '到', '迟']);
  expect(e01.days[13]).toBe('假'); // 10-14
  expect(e01.days[14]).toBe('缺'); // 10-15
  expect(e01.days[15]).toBe('迟'); // 10-16, roll call 迟
  expect(Object.keys(m.byDept)).toEqual(['一部', '二部']);

  // As of 10-14: E01's scheduled days so far are 8, 9, 10, 12, 13, 14 = 6; present 5, leave 1 (14), late 1 (10).
  const mid = attendanceForMonth(inp, '2026-10', settings, { through: '2026-10-14' });
  expect(mid.byPerson.find((p) => p.employeeId === 'E01')).toMatchObject({
    scheduledDays: 6,
    presentDays: 5,
    lateDays: 1,
    leaveDays: 1,
    unrecordedDays: 0,
    absentDays: 0,
  });
  // 王五 is employed from 10-19: nothing scheduled yet on 10-14, but he is on the roster this month.
  expect(mid.byPerson.find((p) => p.employeeId === 'E03')).toMatchObject({
    scheduledDays: 0,
    absentDays: 0,
    deduction: 0,
  });
});

test('without the 设置 sheet October has 22 workdays and the holiday punches count', async () => {
  const bare = await writeBook(join(dir, '差勤-无设置.xlsx'), attendanceSheets(false));
  const a = ledger(await statsOf([bare], '2026-10'), 'attendance');
  // 22 weekdays; the make-up Saturday 10-10 is no longer a workday (its 09:01 punch is ignored),
  // 10-01 has a punch (present). 10-02, 10-05, 10-06, 10-07 (the holiday, unknown without 设置)
  // have no punch or roll call from anyone of the department: unrecorded, never absences.
  // Present: the 17 weekdays among the 18 workdays, minus 10-14 (leave) and 10-15 (absent) = 15,
  // plus 10-01 = 16. 16 + 1 leave + 4 unrecorded + 1 absent = 22. Late: only 10-16 (迟).
  expect(a.byPerson[0]).toMatchObject({
    employeeId: 'E01',
    scheduledDays: 22,
    presentDays: 16,
    lateDays: 1,
    leaveDays: 1,
    unrecordedDays: 4,
    absentDays: 1,
  });
  expect(a.rules).toMatchObject({ holidays: [], makeupDays: [] });
});

test('a quarter counts only the months with records: November and December are 无考勤数据, never absences', async () => {
  const a = ledger(await statsOf([file], '2026Q4'), 'attendance');
  // The data has punches and roll calls for October only. Before, November and December were
  // scored as all-absent: 孙七 (joins 11-01) had 44 absent days and 4,400 元 deducted.
  expect(a.months).toEqual(['2026-10']);
  expect(a.noData).toEqual(['2026-11', '2026-12']);
  expect(a.byPerson.find((p: { employeeId: string }) => p.employeeId === 'E01').scheduledDays).toBe(18);
  expect(a.byPerson.find((p: { employeeId: string }) => p.employeeId === 'E05')).toBeUndefined();
  expect(a.totals.deduction).toBe(a.byMonth['2026-10'].deduction);
  expect(a.byMonth['2026-10']).toMatchObject({ people: 5, scheduledDays: 50 });
});

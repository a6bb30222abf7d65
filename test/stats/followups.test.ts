/**
 * Renewal in vehicles (辆) per specialist and 业务归属, and the 回访 figures (workflows.md §1),
 * on a real workbook: a renewal list, its 回访记录 sheet and an issuance ledger.
 */
import { join } from 'node:path';
import { d, ledger, statsOf, tempDir, writeBook, type CellIn } from './helpers';

const { dir, cleanup } = tempDir('followups');
afterAll(cleanup);

const at = (iso: string, hh: number, mm = 0): Date => {
  const [y, m, day] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, day, hh, mm));
};

const RENEWAL: CellIn[][] = [
  ['保单号', '险种', '被保险人', '车牌号', '终保日期', '业务归属', '所属人员', '联系结果', '续保保单号'],
  // Car 1 (冀B10001): both policies, renewed on 商业险 only → the car counts as renewed.
  ['P01', '交强险', '甲', '冀B10001', d('2026-11-10'), '冀东业务', '张敏', '有意向', null],
  ['P02', '商业险', '甲', '冀B10001', d('2026-11-12'), '冀东业务', '张敏', '成功续保', 'N02'],
  // Car 2: not renewed; its number failed on three days → 不准确.
  ['P03', '交强险', '乙', '冀B10002', d('2026-11-20'), '代理公司业务', '李强', null, null],
  ['P04', '商业险', '乙', '冀B10002', d('2026-11-20'), '代理公司业务', '李强', null, null],
  // Car 3: renewed.
  ['P05', '商业险', '丙', '冀B10003', d('2026-11-25'), '代理公司业务', '李强', '成功续保', 'N05'],
  // Due in December: outside November's figures.
  ['P06', '商业险', '丁', '冀B10004', d('2026-12-05'), '冀东业务', '张敏', null, null],
];

const LOG: CellIn[][] = [
  ['车牌号', '保单号', '回访类型', '联系时间', '联系结果', '联系人'],
  ['冀B10001', null, '续保', at('2026-11-02', 9, 40), '无人接听', '张敏'],
  ['冀B10001', null, '续保', at('2026-11-03', 10, 0), '成功续保', '张敏'],
  ['冀B10002', null, '续保', at('2026-11-04', 9, 30), '无人接听', '李强'],
  ['冀B10002', null, '续保', at('2026-11-05', 15, 30), '关机停机', '李强'],
  ['冀B10002', null, '续保', at('2026-11-06', 16, 0), '空号错号', '李强'],
  [null, 'P05', null, at('2026-11-07', 10, 0), '成功续保', '李强'],
  // Logged in October: not in November's attempts.
  [null, 'P05', '续保', at('2026-10-30', 10, 0), '无人接听', '李强'],
  // 承保回访 of a policy issued in November, reached.
  [null, 'N02', '承保回访', at('2026-11-08', 11, 0), '已确认收到保单', '王芳'],
  // 承保回访 nobody answered: not complete.
  [null, 'N05', '承保回访', at('2026-11-09', 11, 0), '无人接听', '王芳'],
];

const ISSUANCE: CellIn[][] = [
  ['出单日期', '保单号', '险种', '被保险人', '车牌号', '起保日期', '保费'],
  [d('2026-11-03'), 'N02', '商业险', '甲', '冀B10001', d('2026-11-13'), 3000],
  [d('2026-11-07'), 'N05', '商业险', '丙', '冀B10003', d('2026-11-26'), 2500],
  [d('2026-11-08'), 'N07', '交强险', '戊', '冀B10009', d('2026-11-09'), 950],
];

test('renewal counts cars as well as policies, per specialist and per 业务归属', async () => {
  const renewal = await writeBook(join(dir, 'renewal.xlsx'), [
    { name: '续保清单', rows: RENEWAL },
    { name: '回访记录', rows: LOG },
  ]);
  const issuance = await writeBook(join(dir, 'issuance.xlsx'), [{ name: '承保台账', rows: ISSUANCE }]);
  const r = await statsOf([renewal, issuance], '2026-11', '2026-11-30');
  const rn = ledger(r, 'renewal');
  expect(rn).toMatchObject({ dueCount: 5, renewedCount: 2, dueVehicles: 3, renewedVehicles: 2 });
  expect(rn.vehicleRenewalRate).toBe(0.6667);
  expect(rn.bySpecialist.map((s: Record<string, unknown>) => [s.specialist, s.vehicles, s.renewedVehicles])).toEqual([
    ['张敏', 1, 1],
    ['李强', 2, 1],
  ]);
  expect(rn.byChannel).toEqual([
    expect.objectContaining({ channel: '冀东业务', dueCount: 2, renewedCount: 1, dueVehicles: 1, renewedVehicles: 1 }),
    expect.objectContaining({
      channel: '代理公司业务',
      dueCount: 3,
      renewedCount: 1,
      dueVehicles: 2,
      renewedVehicles: 1,
    }),
  ]);

  const f = ledger(r, 'followups');
  // November's 续保 calls: 6 (the October one and the two 承保回访 are not), reached: 2.
  expect(f).toMatchObject({ attempts: 6, reached: 2, reachRate: 0.3333, attemptsPerRenewedVehicle: 3 });
  // Both rows of car 2 are 不准确 (three failed calls on three days by plate).
  expect(f.inaccurateByChannel).toEqual({ 代理公司业务: 2 });
  // Issued in November: 3 policies, 1 reached by 承保回访.
  expect(f).toMatchObject({ issuedPolicies: 3, issuanceChecked: 1, issuanceCheckRate: 0.3333 });

  const sheet = r.report.sheets.find((s) => s.name === '回访')!;
  expect(sheet.tables[0].rows[2]).toEqual(['接通率', 0.3333]);
  expect(r.report.sheets.find((s) => s.name === '续保')!.tables[1].title).toBe('按业务归属');
});

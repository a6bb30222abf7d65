/**
 * Step 4: a missing or wrong phone is taken from a look-up table by plate, else by VIN (a
 * claims ledger .xlsx with a title line, a member list CSV), else from the same car's other
 * policy in the list; what is still without a phone goes to 需查找电话清单.
 */
import { writeFileSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import {
  AS_OF,
  HEADER,
  cli,
  inDays,
  mobile,
  plate,
  readXlsx,
  row,
  sheetValues,
  tempDir,
  vin,
  writeXlsx,
} from './helpers';

const CLAIMS = [
  ['理赔台账（2026年）'],
  ['报案号', '车牌号', '被保险人', '报案电话', '出险日期', '报案日期', '状态'],
  ['BA001', plate(90001), '客户甲', '13800000001', '2026-03-01', '2026-03-01', '结案'],
  ['BA002', plate(90003), '客户丙', '13800000003', '2026-04-01', '2026-04-01', '结案'],
  ['BA003', plate(90004), '客户丁', '13800000004', '2026-05-01', '2026-05-01', '结案'],
  ['BA004', plate(90008), '客户庚', '13800000008', '2026-05-01', '2026-05-01', '结案'],
  // A later report of the same car with a new number: the later one is the current one.
  ['BA005', plate(90008), '客户庚', '0311-87654321', '2026-09-01', '2026-09-01', '结案'],
];
const MEMBERS = ['会员姓名,手机号,车架号', `客户乙,13700000002,${vin(90002)}`, `客户丙,13700000003,${vin(90003)}`].join(
  '\r\n',
);

const CASES = {
  byPlate: row({ 联系电话: null, 车牌号: plate(90001), 经办人: 'byPlate' }),
  byVin: row({ 联系电话: '1381234', 车牌号: '新车', 车架号: vin(90002), 经办人: 'byVin' }),
  plateBeforeVin: row({ 联系电话: null, 车牌号: plate(90003), 车架号: vin(90003), 经办人: 'plateBeforeVin' }),
  lapsed: row({ 联系电话: null, 车牌号: plate(90004), 终保日期: inDays(-4), 经办人: 'lapsed' }),
  notFound: row({ 联系电话: 'abc', 车牌号: plate(90005), 经办人: 'notFound' }),
  noVehicle: row({ 联系电话: null, 车牌号: '*', 车架号: null, 经办人: 'noVehicle' }),
  siblingWithPhone: row({ 险种: '交强险', 联系电话: mobile(6006), 车牌号: plate(90006), 经办人: 'siblingWithPhone' }),
  siblingWithout: row({ 险种: '商业险', 联系电话: null, 车牌号: plate(90006), 经办人: 'siblingWithout' }),
  latestWins: row({ 联系电话: null, 车牌号: plate(90008), 经办人: 'latestWins' }),
};

describe('phone look-up', () => {
  const tmp = tempDir();
  let wb: ExcelJS.Workbook;
  let json: { counts: Record<string, number>; phoneFixed: number; lookupPhones: number };

  beforeAll(async () => {
    await writeXlsx(tmp.path('list.xlsx'), [{ name: '续保清单', rows: [[...HEADER], ...Object.values(CASES)] }]);
    await writeXlsx(tmp.path('claims.xlsx'), [{ name: '理赔台账', rows: CLAIMS }]);
    writeFileSync(tmp.path('members.csv'), `\uFEFF${MEMBERS}\r\n`);
    const run = await cli([
      'crm',
      tmp.path('list.xlsx'),
      '--as-of',
      AS_OF,
      '--specialists',
      '张三',
      '--lookup',
      tmp.path('claims.xlsx'),
      tmp.path('members.csv'),
      '--out',
      tmp.path('out.xlsx'),
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    json = JSON.parse(run.stdout);
    wb = await readXlsx(tmp.path('out.xlsx'));
  });
  afterAll(() => tmp.cleanup());

  /** CRM rows by 车牌号 or 车架号: [联系电话, 备注]. */
  function crmRow(key: string): [unknown, unknown] {
    const rows = sheetValues(wb.getWorksheet('CRM导入')!);
    const h = rows[0] as string[];
    const r = rows.find((x) => x[h.indexOf('车牌号')] === key || x[h.indexOf('车架号')] === key);
    if (!r) throw new Error(`no CRM row for ${key}`);
    return [r[h.indexOf('联系电话')], r[h.indexOf('备注')]];
  }

  test('by plate, from the claims ledger (title line, 报案电话)', () => {
    const [phone, note] = crmRow(plate(90001));
    expect(phone).toBe('13800000001');
    expect(note).toBe('电话已更正（原为空；按车牌号 京A90001 取自claims.xlsx「理赔台账」第 3 行）');
  });

  test('by VIN, from the member list, when the car has no plate yet', () => {
    const [phone, note] = crmRow(vin(90002));
    expect(phone).toBe('13700000002');
    expect(note).toContain('电话已更正（原号码 1381234；按车架号');
  });

  test('the plate is tried before the VIN', () => {
    expect(crmRow(plate(90003))[0]).toBe('13800000003');
  });

  test('the latest row of a look-up table wins', () => {
    expect(crmRow(plate(90008))[0]).toBe('0311-87654321');
  });

  test("the same car's other policy in the list lends its phone", () => {
    const rows = sheetValues(wb.getWorksheet('CRM导入')!);
    const h = rows[0] as string[];
    const commercial = rows.find((x) => x[h.indexOf('车牌号')] === plate(90006) && x[h.indexOf('险种')] === '商业险')!;
    expect(commercial[h.indexOf('联系电话')]).toBe(mobile(6006));
    expect(commercial[h.indexOf('备注')]).toContain('本清单第');
  });

  test('lapsed rows get the phone too, with the note in their list', () => {
    const rows = sheetValues(wb.getWorksheet('脱保-冀东业务')!);
    const h = rows[0] as string[];
    const r = rows.find((x) => x[h.indexOf('经办人')] === 'lapsed')!;
    expect(r[h.indexOf('联系电话')]).toBe('13800000004');
    expect(r[h.indexOf('备注')]).toContain('电话已更正');
  });

  test('rows still without a valid phone go to 需查找电话清单, not to the CRM file', () => {
    const rows = sheetValues(wb.getWorksheet('需查找电话清单')!);
    const h = rows[0] as string[];
    const byLabel = Object.fromEntries(rows.slice(1).map((r) => [r[h.indexOf('经办人')], r]));
    expect(Object.keys(byLabel).sort()).toEqual(['noVehicle', 'notFound']);
    // The wrong number is shown as it was typed, so the clerk can see what to correct.
    expect(byLabel.notFound[h.indexOf('联系电话')]).toBe('abc');
    expect(byLabel.notFound[h.indexOf('原因')]).toBe('联系电话格式不正确: abc，按车牌号和车架号也未查到电话');
    expect(byLabel.noVehicle[h.indexOf('原因')]).toContain('没有可用的车牌号或车架号');
    expect(json.counts.needsPhone).toBe(2);
    expect(json.phoneFixed).toBe(6);
    // Five claims and two members gave a phone.
    expect(json.lookupPhones).toBe(7);
  });

  test('a look-up file without a plate/VIN and a phone column: exit 2, one line naming the file', async () => {
    writeFileSync(tmp.path('names.csv'), '姓名,地址\r\n张三,北京\r\n');
    const run = await cli([
      'crm',
      tmp.path('list.xlsx'),
      '--as-of',
      AS_OF,
      '--specialists',
      '张三',
      '--lookup',
      tmp.path('names.csv'),
      '--out',
      tmp.path('x.xlsx'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('names.csv');
    expect(run.stderr).toContain('电话列');
  });
});

/** The field and row rules of every ledger, through real files: each planted mistake at its cell. */
import type { Cell } from '../../src/grid';
import { join } from 'node:path';
import { brief, readSheets, roundTrip, tempDir, writeBook } from './files';
import { checkIdCard, checkUscc, checkVin } from '../../src/rules';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

const VIN_OK = 'LFV2A21K8D4123456';
const VIN_BAD_CHECK = 'LSVAU2180N2183294';
const ID_OK = '11010519491231002X';
const USCC_OK = '91350100M000100Y43';

test('the sample codes used below are what they claim to be', () => {
  expect(checkVin(VIN_OK)).toMatchObject({ ok: true, value: VIN_OK });
  expect(checkVin(VIN_BAD_CHECK)).toMatchObject({ ok: true, level: 'warning', code: 'vin.checkDigit' });
  expect(checkIdCard(ID_OK).ok).toBe(true);
  expect(checkUscc(USCC_OK).ok).toBe(true);
});

describe('issuance', () => {
  const header = [
    '出单日期',
    '保单号',
    '险种',
    '被保险人',
    '车牌号',
    '车架号',
    '起保日期',
    '终保日期',
    '保费',
    '实收保费',
    '代理费率',
    '交付状态',
    '证件号码',
    '业务类型',
  ];
  //                A           B        C        D          E        F         G          H          I       J          K          L          M          N
  const row = (over: Partial<Record<string, Cell>>, i: number): Cell[] => {
    const base: Record<string, Cell> = {
      A: '2026-10-08',
      B: `PDAA2026${String(i).padStart(6, '0')}`,
      C: '商业险',
      D: '张伟',
      E: '京A12345',
      F: VIN_OK,
      G: '2026-10-09',
      H: '2027-10-08',
      I: 3000,
      J: 3000,
      K: '15%',
      L: '是',
      M: ID_OK,
      N: '续保',
    };
    const merged = { ...base, ...over };
    return 'ABCDEFGHIJKLMN'.split('').map((c) => merged[c] ?? null);
  };
  const cases: [string, Partial<Record<string, Cell>>, string[]][] = [
    ['clean', {}, []],
    ['clean 交强险 for exactly a year, organisation ID', { C: '交强', M: USCC_OK }, []],
    ['clean, not delivered and unpaid', { J: null, L: '否' }, []],
    ['delivered unpaid', { J: 1000 }, ['L issuance.deliveredUnpaid error']],
    ['delivered with nothing paid', { J: null }, ['L issuance.deliveredUnpaid error']],
    ['overpaid', { J: 3500, L: '否' }, ['J issuance.overpaid error']],
    ['end before start', { H: '2026-10-01' }, ['H issuance.endBeforeStart error']],
    ['end equals start', { H: '2026-10-09' }, ['H issuance.endBeforeStart error']],
    ['backdated', { G: '2026-10-01', H: '2027-09-30' }, ['G issuance.backdated warning']],
    ['交强险 term of half a year', { C: '交强险', H: '2027-04-08' }, ['H issuance.compulsoryTerm warning']],
    ['bad plate', { E: '京A1234' }, ['E plate.invalid error']],
    ['VIN check digit', { F: VIN_BAD_CHECK }, ['F vin.checkDigit warning']],
    ['VIN too short', { F: 'LFV2A21K8D412345' }, ['F vin.invalid error']],
    ['bad ID', { M: '110105194912310021' }, ['M idNo.invalid error']],
    ['rate over 1', { K: 1.5 }, ['K rate.range error']],
    ['unknown coverage', { C: '意外险' }, ['C enum.invalid error']],
    ['unknown business type', { N: '新单' }, ['N enum.invalid error']],
    ['missing insured', { D: null }, ['D field.required error']],
    ['new car with a VIN', { E: '新车' }, []],
    ['new car without a VIN', { E: '未上牌', F: null }, ['E issuance.noVehicle warning']],
    ['non-motor policy without a vehicle', { C: '非车险', E: null, F: null }, []],
    // An unreadable amount is not "nothing paid": one error, on the cell that is wrong.
    ['unreadable paid premium, delivered', { J: '三千' }, ['J money.invalid error']],
  ];

  let findings: string[][];
  beforeAll(async () => {
    const t = await roundTrip(dir, 'issuance-rules', [header, ...cases.map(([, over], i) => row(over, i))]);
    findings = cases.map((_, i) =>
      brief({ findings: t.findings.filter((f) => f.row === i + 2) }).map((s) => s.replace(/\d+ /, ' ')),
    );
  });

  test.each(cases.map((c, i) => [c[0], i, c[2]] as const))('%s', (_name, i, expected) => {
    expect(findings[i]).toEqual(expected);
  });

  test('a repeated policy number is an error on the second row', async () => {
    const t = await roundTrip(dir, 'issuance-dup', [header, row({}, 1), row({}, 2), row({}, 1)]);
    expect(brief(t)).toEqual(['B4 issuance.duplicatePolicy error']);
    expect(t.findings[0].message).toContain('第 2 行');
  });
});

describe('renewal', () => {
  const header = [
    '保单号',
    '险种',
    '被保险人',
    '联系电话',
    '车牌号',
    '车架号',
    '终保日期',
    '联系结果',
    '续保保单号',
    '战败原因',
  ];
  //                A        B        C          D          E        F        G          H          I            J
  test('row rules and field levels', async () => {
    const t = await roundTrip(dir, 'renewal-rules', [
      header,
      ['P01', '交强险', '甲', '13812345678', '京A12345', '', '2026-12-01', '', '', ''],
      ['P02', '交强险', '乙', '1381234567', '京A12346', '', '2026-12-01', '', '', ''],
      ['P03', '商业险', '丙', '13812345678', '', '', '2026-12-01', '', '', ''],
      ['P04', '商业险', '丁', '13812345678', '新车', VIN_OK, '2026-12-01', '', '', ''],
      ['P05', '商业险', '戊', '13812345678', '京A12347', '', '2026-12-01', '明确拒绝', '', ''],
      ['P06', '商业险', '己', '13812345678', '京A12348', '', '2026-12-01', '成功续保', '', ''],
      ['P07', '商业险', '庚', '13812345678', '京A12349', '', '2026-12-01', '再联系', '', ''],
      ['P01', '交强险', '甲', '13812345678', '京A12345', '', '2026-12-01', '', '', ''],
      ['P01', '商业险', '甲', '13812345678', '京A12345', '', '', '', '', ''],
      ['P08', '商业险', '辛', '13812345678', '京A1234', '', '2026-12-01', '成功续保', 123000000000000000, ''],
    ]);
    expect(brief(t)).toEqual([
      'D3 phone.invalid warning',
      'E4 renewal.noVehicle warning',
      'J6 renewal.lostReasonMissing info',
      'I7 renewal.renewedPolicyMissing warning',
      'H8 enum.invalid error',
      'A9 renewal.duplicate warning',
      'G10 field.required error',
      // A wrong plate is not a missing one, and a 续保保单号 that lost digits is not an empty one.
      'E11 plate.invalid error',
      'I11 code.precisionLost error',
    ]);
  });
});

describe('claims', () => {
  const header = [
    '报案号',
    '车牌号',
    '出险日期',
    '报案日期',
    '维修金额',
    '客户自付',
    '回款日期',
    '回款金额',
    '状态',
    '退案原因',
  ];
  //                A        B         C          D          E          F          G          H          I       J
  test('row rules', async () => {
    const t = await roundTrip(dir, 'claims-rules', [
      header,
      ['R01', '京A12345', '2026-10-01', '2026-10-02', 5000, 500, '2026-11-01', 4500, '已回款', ''],
      ['R02', '京A12345', '2026-10-05', '2026-10-02', 5000, 0, '', '', '维修中', ''],
      ['R03', '京A12345', '2026-10-01', '2026-10-06', 5000, 0, '', '', '维修中', ''],
      ['R04', '京A12345', '2026-10-01', '2026-10-01', 5000, 0, '', '', '已回款', ''],
      ['R05', '京A12345', '2026-10-01', '2026-10-01', 5000, 0, '', '', '退案', ''],
      ['R06', '京A12345', '2026-10-01', '2026-10-01', 5000, 1000, '2026-11-01', 4500, '已回款', ''],
      ['R07', '京A12345', '2026-10-01', '2026-10-01', 5000, 0, '', '', '处理中', ''],
      ['R01', '京A12345', '2026-10-01', '2026-10-01', 5000, 0, '', '', '退案', '客户撤案'],
      ['R08', '京A12345', '2026-10-01', '2026-10-01', 5000, 0, '上周五', 5000, '已回款', ''],
    ]);
    expect(brief(t)).toEqual([
      'D3 claims.reportBeforeLoss error',
      'D4 claims.lateReport warning',
      'G5 claims.paidWithoutDate error',
      'H5 claims.paidWithoutAmount error',
      'J6 claims.returnWithoutReason error',
      'H7 claims.overPaid warning',
      'I8 enum.invalid error',
      'A9 claims.duplicateClaim error',
      'G10 date.invalid error',
    ]);
  });
});

describe('contracts and collections', () => {
  test('row rules, and collections checked against the contracts of the workbook', async () => {
    const path = await writeBook(join(dir, 'contracts.xlsx'), [
      {
        name: '合同履行一览表',
        rows: [
          ['合同编号', '客户名称', '签订日期', '合同金额', '约定交付日期', '实际交付日期', '状态'],
          ['HT-001', '华北物流', '2026-09-01', 120000, '2026-10-15', '2026-10-10', '已完成'],
          ['HT-002', '冀东汽修', '2026-09-10', 80000, '2026-10-15', '2026-09-01', '执行中'],
          ['HT-003', '唐山运输', '2026-09-12', 0, '', '', '执行中'],
          ['HT-001', '华北物流', '2026-09-01', 1000, '', '', '执行中'],
        ],
      },
      {
        name: '回款记录',
        rows: [
          ['合同编号', '回款日期', '回款金额', '回款方式'],
          ['HT-001', '2026-10-01', 60000, '转账'],
          ['HT-009', '2026-10-02', 5000, '现金'],
          ['ht-002', '2026-10-03', 5000, '转账'],
        ],
      },
    ]);
    const s = await readSheets(path);
    const [contracts, collections] = s.tables;
    expect(brief(contracts)).toEqual([
      'F3 contracts.deliveredBeforeSigned warning',
      'D4 money.notPositive error',
      'A5 contracts.duplicateContract error',
    ]);
    expect(collections.findings).toEqual([]);
    // Contract numbers are codes: `ht-002` is HT-002.
    expect(s.findings.map((f) => `${f.sheet}!${f.column}${f.row} ${f.code}`)).toEqual([
      '回款记录!A3 collections.unknownContract',
    ]);
  });
});

describe('attendance', () => {
  test('roster rules, and punches and roll call checked against the roster', async () => {
    const path = await writeBook(join(dir, 'attendance.xlsx'), [
      {
        name: '人力表',
        rows: [
          ['工号', '姓名', '部门', '入司日期', '离司日期'],
          ['E001', '张三', '车险部', '2024-03-01', ''],
          ['E002', '李四', '车险部', '2025-03-01', '2025-01-01'],
          ['E001', '王五', '理赔部', '2024-05-01', ''],
        ],
      },
      {
        name: '打卡记录',
        rows: [
          ['工号', '姓名', '日期', '打卡时间'],
          ['E001', '张三', '2026-10-08', '08:55'],
          ['E404', '赵六', '2026-10-08', '08:58'],
          ['', '李四', '2026-10-08 09:12', ''],
          ['', '钱七', '2026-10-08', '09:01'],
          ['', '', '2026-10-08', '09:01'],
          ['E002', '李四', '2026-10-08', '25:00'],
        ],
      },
      {
        name: '早会点到',
        rows: [
          ['日期', '姓名', '点到'],
          ['2026-10-08', '张三', '迟到'],
          ['2026-10-08', '李四', '旷工'],
          ['2026-10-08', '孙八', '到'],
        ],
      },
    ]);
    const s = await readSheets(path);
    const [roster, punches, roll] = s.tables;
    expect(punches.table.key).toBe('punches');
    expect(roll.table.key).toBe('rollCall');
    expect(brief(roster)).toEqual(['E3 attendance.leaveBeforeJoin error', 'A4 attendance.duplicateEmployee error']);
    expect(brief(punches)).toEqual(['A6 attendance.noPerson error', 'D7 time.invalid error']);
    expect(punches.rows[2].data).toMatchObject({ name: '李四', date: { date: '2026-10-08', minutes: 9 * 60 + 12 } });
    expect(brief(roll)).toEqual(['C3 enum.invalid error']);
    expect(roll.rows[0].data.mark).toBe('迟');
    expect(s.findings.map((f) => `${f.sheet}!${f.column}${f.row} ${f.code}`)).toEqual([
      '打卡记录!A3 attendance.unknownPerson',
      '打卡记录!B5 attendance.unknownPerson',
      '早会点到!B4 attendance.unknownPerson',
    ]);
  });
});

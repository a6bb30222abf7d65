/** The INS custom functions, called as Excel calls them (serial dates, numbers for digit strings, null for omitted arguments). */
import { isoToSerial, todayIso, daysBetween, vinCheckDigit } from '../../src/rules';
import * as INS from '../../functions/functions';

/** The runtime's error class, as Excel's custom-functions runtime provides it (no behaviour to fake). */
class CustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
Object.assign(globalThis, {
  CustomFunctions: {
    Error: CustomFunctionsError,
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', invalidNumber: '#NUM!' },
  },
});

/** The #VALUE! message of a call, or a failure if it returned normally. */
function valueError(call: () => unknown): string {
  try {
    call();
  } catch (e) {
    expect(e).toBeInstanceOf(CustomFunctionsError);
    expect((e as CustomFunctionsError).code).toBe('#VALUE!');
    return (e as CustomFunctionsError).message;
  }
  throw new Error('expected #VALUE!');
}

const serial = (iso: string) => isoToSerial(iso);
const withCheckDigit = (body: string) => body.slice(0, 8) + vinCheckDigit(body) + body.slice(9);

describe('code checks: TRUE/FALSE, or the reason', () => {
  test('INS.PHONE', () => {
    expect(INS.phone('13812345678')).toBe(true);
    expect(INS.phone(13812345678)).toBe(true); // a phone Excel turned into a number
    expect(INS.phone('+86 138-1234-5678')).toBe(true);
    expect(INS.phone('010-12345678', true)).toBe('');
    expect(INS.phone('1381234567')).toBe(false);
    expect(INS.phone('1381234567', true)).toMatch(/电话号码格式不正确.*应为11位手机号/);
    expect(INS.phone(null, true)).toMatch(/未填写/);
    expect(valueError(() => INS.phone('13812345678', 'yes' as never))).toMatch(/TRUE 或 FALSE/);
  });

  test('INS.PLATE', () => {
    expect(INS.plate('京A12345')).toBe(true);
    expect(INS.plate('京AD12345')).toBe(true);
    expect(INS.plate('京A1234')).toBe(false);
    expect(INS.plate('京A1234', true)).toMatch(/车牌号格式不正确: 京A1234（应为/);
  });

  test('INS.VIN: a wrong check digit is TRUE with a warning', () => {
    const good = withCheckDigit('LSVAU2180N2183294');
    const wrongDigit = good.slice(0, 8) + (good[8] === '1' ? '2' : '1') + good.slice(9);
    expect(INS.vin(good)).toBe(true);
    expect(INS.vin(good, true)).toBe('');
    expect(INS.vin(wrongDigit)).toBe(true);
    expect(INS.vin(wrongDigit, true)).toMatch(/校验位不符/);
    expect(INS.vin('LSVAU2180N218329')).toBe(false);
    expect(INS.vin('LSVAU2180N21832O4', true)).toMatch(/不含 I、O、Q/);
  });

  test('INS.IDCARD and INS.USCC', () => {
    expect(INS.idcard('11010519491231002X')).toBe(true);
    expect(INS.idcard('11010519491231002x')).toBe(true);
    expect(INS.idcard('110105194912310021', true)).toMatch(/校验位不符/);
    expect(INS.uscc('91350100M000100Y43')).toBe(true);
    expect(INS.uscc('91350100M000100Y44', true)).toMatch(/校验位不符/);
  });

  test('INS.CHECK returns a reason per cell, same shape, blanks and valid cells empty', () => {
    expect(
      INS.check(
        [
          ['京A12345', '京A1234'],
          ['', null],
        ],
        '车牌',
      ),
    ).toEqual([
      ['', expect.stringMatching(/车牌号格式不正确/)],
      ['', ''],
    ]);
    expect(INS.check([[13812345678], ['abc']], 'phone')).toEqual([[''], [expect.stringMatching(/电话号码格式不正确/)]]);
    // Desktop Excel's empty cells arrive as 0: not flagged.
    expect(INS.check([[0, '京A12345']], '车牌')).toEqual([['', '']]);
    expect(valueError(() => INS.check([['x']], '邮箱'))).toMatch(/第二个参数应为/);
  });
});

test('INS.IDINFO: birth date, sex, region — or one of them', () => {
  expect(INS.idinfo('11010519491231002X')).toEqual([['1949-12-31', '女', '北京市']]);
  expect(INS.idinfo('11010519491231002X', '性别')).toEqual([['女']]);
  expect(INS.idinfo('11010519491231002X', 'code')).toEqual([['110105']]);
  expect(valueError(() => INS.idinfo('110105194912310021'))).toMatch(/校验位不符/);
  expect(valueError(() => INS.idinfo('11010519491231002X', '年龄'))).toMatch(/出生日期、性别、地区/);
});

test('INS.MASK: phone, ID and name, detected or named', () => {
  expect(INS.mask('13812345678')).toBe('138****5678');
  expect(INS.mask(13812345678)).toBe('138****5678');
  expect(INS.mask('010-12345678')).toBe('010-****5678');
  expect(INS.mask('11010519491231002X')).toBe('110105********002X');
  expect(INS.mask('张三丰')).toBe('张*丰');
  expect(INS.mask('张三')).toBe('张*');
  expect(INS.mask('欧阳娜娜', '姓名')).toBe('欧**娜');
  expect(INS.mask('')).toBe('');
  expect(INS.mask(0)).toBe('');
  expect(valueError(() => INS.mask('张三', '电话'))).toMatch(/无法按电话脱敏.*有效的电话号码/);
  expect(valueError(() => INS.mask('#¥%…'))).toMatch(/无法判断类型/);
  expect(valueError(() => INS.mask('张三', '地址'))).toMatch(/第二个参数应为/);
});

describe('dates and statuses', () => {
  test('INS.DAYSTO counts from the as-of date (default today)', () => {
    expect(INS.daysTo(serial('2026-11-30'), serial('2026-11-25'))).toBe(5);
    expect(INS.daysTo('2026-11-20', '2026/11/25')).toBe(-5);
    expect(INS.daysTo('2026-12-31')).toBe(daysBetween(todayIso(), '2026-12-31'));
    expect(valueError(() => INS.daysTo('下周一', '2026-11-25'))).toMatch(/^日期: 日期无法识别/);
    // An empty row of a filled-down column: empty, not #VALUE! (desktop Excel passes the empty cell as 0).
    expect(INS.daysTo(null)).toBe('');
    expect(INS.daysTo(0, serial('2026-11-25'))).toBe('');
  });

  test('INS.RENEWALSTATUS follows ledgers.md (first match wins)', () => {
    const asOf = serial('2026-11-25');
    expect(INS.renewalStatusOf(serial('2026-11-30'), null, null, null, asOf)).toBe('待续保');
    expect(INS.renewalStatusOf(serial('2026-11-24'), null, null, null, asOf)).toBe('已过期');
    expect(INS.renewalStatusOf(serial('2026-11-22'), null, null, null, asOf)).toBe('脱保');
    expect(INS.renewalStatusOf(serial('2026-11-22'), '明确拒绝', null, null, asOf)).toBe('战败');
    expect(INS.renewalStatusOf(serial('2026-11-22'), '明确拒绝', 'PDZA2027001', null, asOf)).toBe('已续保');
    expect(INS.renewalStatusOf('2026-11-30', '', '', serial('2026-11-20'), '2026-11-25')).toBe('已续保');
    expect(valueError(() => INS.renewalStatusOf('2026-11-30', '客户拒绝', null, null, asOf))).toMatch(
      /联系结果不是标准选项: 客户拒绝（应为 成功续保、/,
    );
    expect(valueError(() => INS.renewalStatusOf('2026-11-31', null, null, null, asOf))).toMatch(/^终保日期: /);
    expect(valueError(() => INS.renewalStatusOf('2026-11-30', null, null, '昨天', asOf))).toMatch(/^续保日期: /);
    // Empty cells as desktop Excel passes them (0): an empty row is empty, an empty 续保日期 is no renewal.
    expect(INS.renewalStatusOf(0, 0, 0, 0, asOf)).toBe('');
    expect(INS.renewalStatusOf(null, null, null, null, asOf)).toBe('');
    expect(INS.renewalStatusOf(serial('2026-11-30'), 0, 0, 0, asOf)).toBe('待续保');
  });

  test('INS.CLAIMOVERDUE: submitted, not closed, unpaid on the as-of date, more than 30 days', () => {
    const asOf = '2026-11-25';
    expect(INS.claimOverdue('已递交', '2026-10-01', null, asOf)).toBe(true);
    expect(INS.claimOverdue('已递交', '2026-10-26', null, asOf)).toBe(false); // 30 days: not yet
    expect(INS.claimOverdue('已递交', '2026-10-25', null, asOf)).toBe(true);
    expect(INS.claimOverdue('已回款', '2026-10-01', '2026-11-01', asOf)).toBe(false);
    expect(INS.claimOverdue('已递交', '2026-10-01', '2026-12-01', asOf)).toBe(true); // paid after the as-of date
    expect(INS.claimOverdue('结案', '2026-10-01', null, asOf)).toBe(false);
    expect(INS.claimOverdue('维修中', null, null, asOf)).toBe(false);
    expect(INS.claimOverdue('已递交', '2026-10-01', null, asOf, 60)).toBe(false);
    expect(valueError(() => INS.claimOverdue('处理中', '2026-10-01', null, asOf))).toMatch(/状态不是标准选项/);
    expect(valueError(() => INS.claimOverdue('已递交', '2026-10-01', null, asOf, -1))).toMatch(/逾期天数/);
    expect(INS.claimOverdue(0, 0, 0, asOf)).toBe('');
    expect(INS.claimOverdue('已递交', serial('2026-10-01'), 0, asOf)).toBe(true); // 回款日期 0 = not paid
  });
});

describe('money and scores', () => {
  test('INS.COMMISSION is exact to the fen, half up', () => {
    expect(INS.commission(1234.5, 0.15)).toBe(185.18); // 185.175
    expect(INS.commission('¥1,234.50', '15%')).toBe(185.18);
    expect(INS.commission(0.07, 0.5)).toBe(0.04); // 0.035
    expect(valueError(() => INS.commission('一千元', 0.1))).toMatch(/^保费: 金额无法识别/);
    expect(valueError(() => INS.commission(100, 1.5))).toMatch(/^代理费率: 费率超出范围/);
    expect(INS.commission(null, 0.1)).toBe('');
    expect(INS.commission(0, 0.1)).toBe(0); // an amount of 0 is an amount
  });

  test('INS.SCORE weighs 业绩 50%, 工作能力 30%, 工作态度 20%', () => {
    expect(INS.score(90, 80, 70)).toBe(83);
    expect(INS.score(85.55, 90, 100)).toBe(89.78); // 89.775 rounds half up
    expect(INS.score(100, 100, 100)).toBe(100);
    // Not graded yet (empty, or 0 as desktop Excel passes an empty cell): no score rather than a wrong one.
    expect(INS.score(null, 80, 70)).toBe('');
    expect(INS.score(90, 0, 70)).toBe('');
    expect(valueError(() => INS.score(90, 101, 70))).toMatch(/工作能力得分/);
    expect(valueError(() => INS.score(90, 80, '七十'))).toMatch(/工作态度得分.*七十/);
  });
});

test('ranges passed where a single value is expected are refused; a data type says what it is', () => {
  expect(valueError(() => INS.phone([['13812345678']]))).toMatch(/不能是区域/);
  expect(valueError(() => INS.mask({ type: 'Entity', text: '微软', properties: {} }))).toMatch(
    /数据类型（如股票、地理）/,
  );
});

import { fenToYuan, formatYuan, mulRateFen, parseMoney, parseRate, yuanToFen } from '../../src/rules/money';

describe('parseMoney: numbers', () => {
  it.each([
    [1234.5, 123450],
    [1234.56, 123456],
    [0.29, 29], // 0.29 * 100 = 28.999999999999996
    [0.1 + 0.2, 30], // 0.30000000000000004
    [1.15, 115],
    [0, 0],
    [-12, -1200],
    [-0.01, -1],
    [99999999.99, 9999999999],
  ])('%d → %d fen', (n, fen) => {
    expect(parseMoney(n)).toEqual({ ok: true, value: fen });
  });

  it('never returns -0', () => {
    const r = parseMoney(-0);
    expect(r.ok && Object.is(r.value, 0)).toBe(true);
  });

  it.each([1234.567, 0.001, 0.125, -1.005])('rejects %d: more than two decimals', (n) => {
    expect(parseMoney(n)).toMatchObject({ ok: false, level: 'error', code: 'money.decimals' });
  });

  it.each([NaN, Infinity, -Infinity, 1e20])('rejects %d', (n) => {
    expect(parseMoney(n)).toMatchObject({ ok: false, code: 'money.invalid' });
  });
});

describe('parseMoney: text', () => {
  it.each([
    ['1,234.50', 123450],
    ['1234.5', 123450],
    ['1234', 123400],
    [' 1234 ', 123400],
    ['１，２３４．５０', 123450],
    ['¥1,234.50', 123450],
    ['￥1,234.50', 123450],
    ['RMB 1,234.50', 123450],
    ['rmb1234.5', 123450],
    ['CNY 8.00', 800],
    ['人民币100元', 10000],
    ['1,234.50元', 123450],
    ['1,234,567.89', 123456789],
    ['-1,234.00', -123400],
    ['－１２', -1200],
    ['(1,234.00)', -123400],
    ['（1,234.00）', -123400],
    ['-¥12.30', -1230],
    ['¥-12.30', -1230],
    ['+5', 500],
    ['.5', 50],
    ['12.', 1200],
    ['12.500', 1250],
    ['0.29', 29],
    ['007', 700],
    ['0', 0],
    ['9,999,999,999,999.99', 999999999999999],
  ])('%j → %d fen', (text, fen) => {
    expect(parseMoney(text)).toEqual({ ok: true, value: fen });
  });

  it('says what is wrong and what is expected', () => {
    expect(parseMoney('12,3a')).toEqual({
      ok: false,
      level: 'error',
      code: 'money.invalid',
      message: '金额无法识别: 12,3a（应为数字，如 1,234.50）',
    });
  });

  it.each([
    '12,34', // not grouped by three: a decimal comma?
    '1,2345',
    '1,234,56',
    '--5',
    '(-5)',
    '-(5)',
    '1.2.3',
    '1e5',
    '¥',
    '.',
    '元',
    'abc',
    '12元5角',
    '-',
    '99,999,999,999,999', // 14 integer digits
  ])('rejects %j', (text) => {
    expect(parseMoney(text)).toMatchObject({ ok: false, code: 'money.invalid' });
  });

  it.each(['12.345', '0.001', '¥1,234.567'])('rejects %j: more than two decimals', (text) => {
    const r = parseMoney(text);
    expect(r).toMatchObject({ ok: false, code: 'money.decimals' });
    expect(r.message).toContain(text);
  });

  it.each(['', '   ', '\u3000', null, undefined])('reports %j as empty', (cell) => {
    expect(parseMoney(cell)).toMatchObject({ ok: false, code: 'money.empty' });
  });

  it('rejects booleans and dates', () => {
    expect(parseMoney(true)).toMatchObject({ ok: false, code: 'money.invalid' });
    expect(parseMoney(new Date(Date.UTC(2026, 9, 5)))).toMatchObject({ ok: false, code: 'money.invalid' });
  });
});

describe('parseRate', () => {
  it.each([
    [0.15, 0.15],
    ['0.15', 0.15],
    ['15%', 0.15],
    ['15.5%', 0.155],
    ['１５％', 0.15],
    [' 15 % ', 0.15],
    ['100%', 1],
    ['0%', 0],
    [1, 1],
    [0, 0],
    ['.5', 0.5],
    [0.1 + 0.2, 0.3],
    ['0.1234565', 0.123457], // rounded half up at the sixth decimal
    ['12.34565%', 0.123457],
    ['0.1234564', 0.123456],
    [1 / 3, 0.333333],
  ])('%j → %d', (cell, rate) => {
    expect(parseRate(cell)).toEqual({ ok: true, value: rate });
  });

  it.each([15, '15', 1.01, '101%', -0.1, '-5%', '-0.01'])('rejects %j: out of range', (cell) => {
    const r = parseRate(cell);
    expect(r).toMatchObject({ ok: false, level: 'error', code: 'rate.range' });
    expect(r.message).toContain('费率应在 0 到 1 之间，或写成 15%');
  });

  it('names the offending value', () => {
    expect(parseRate(15).message).toContain('15');
  });

  it.each(['abc', '15%%', '%', '1,5%', '0.1.5', 'x15%', true, NaN])('rejects %j: not a number', (cell) => {
    expect(parseRate(cell)).toMatchObject({ ok: false, code: 'rate.invalid' });
  });

  it.each(['', ' ', null, undefined])('reports %j as empty', (cell) => {
    expect(parseRate(cell)).toMatchObject({ ok: false, code: 'rate.empty' });
  });
});

describe('mulRateFen', () => {
  it.each([
    [123456, 0.155, 19136], // 19135.68
    [1, 0.5, 1], // 0.5 → 1
    [333, 0.15, 50], // 49.95
    [100001, 0.125, 12500], // 12500.125
    [100000, 0.125, 12500],
    [3, 0.5, 2], // 1.5
    [5, 0.1, 1], // 0.5
    [180, 0.175, 32], // 31.5; the float product is 31.499999999999996
    [340, 0.175, 60], // 59.5; the float product is 59.49999999999999
    [1, 0.499999, 0],
    [0, 0.15, 0],
    [123456, 0, 0],
    [123456, 1, 123456],
  ])('%d fen × %d = %d fen', (fen, rate, expected) => {
    expect(mulRateFen(fen, rate)).toBe(expected);
  });

  it('rounds negatives half away from zero, like Excel ROUND', () => {
    expect(mulRateFen(-1, 0.5)).toBe(-1);
    expect(mulRateFen(-333, 0.15)).toBe(-50);
    expect(mulRateFen(-180, 0.175)).toBe(-32);
    expect(mulRateFen(-100001, 0.125)).toBe(-12500);
    expect(Object.is(mulRateFen(-1, 0.1), 0)).toBe(true);
  });

  it('stays exact beyond 2^53 through BigInt', () => {
    const exact = (fen: bigint, millionths: bigint): number => {
      const q = (fen * millionths) / 1_000_000n;
      const r = (fen * millionths) % 1_000_000n;
      return Number(r * 2n >= 1_000_000n ? q + 1n : q);
    };
    const max = Number.MAX_SAFE_INTEGER;
    expect(mulRateFen(max, 0.5)).toBe(4503599627370496); // …495.5 rounds up
    expect(mulRateFen(max, 0.333333)).toBe(exact(BigInt(max), 333333n));
    expect(mulRateFen(123456789012345, 0.123457)).toBe(exact(123456789012345n, 123457n));
  });

  it('refuses fen that are not whole and rates that are not numbers', () => {
    expect(() => mulRateFen(1.5, 0.1)).toThrow(RangeError);
    expect(() => mulRateFen(100, NaN)).toThrow(RangeError);
  });
});

describe('fen and yuan', () => {
  it('fenToYuan divides by 100', () => {
    expect(fenToYuan(123450)).toBe(1234.5);
    expect(fenToYuan(29)).toBe(0.29);
    expect(fenToYuan(-1)).toBe(-0.01);
    expect(fenToYuan(0)).toBe(0);
  });

  it.each([
    [0.29, 29],
    [1234.5, 123450],
    [1.005, 101], // 1.005 * 100 = 100.49999999999999
    [-1.005, -101],
    [0.1 + 0.2, 30],
    [19135.68, 1913568],
    [0, 0],
  ])('yuanToFen(%d) = %d', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen);
  });

  it('yuanToFen never returns -0', () => {
    expect(Object.is(yuanToFen(-0.001), 0)).toBe(true);
  });

  it.each([
    [123450, '1,234.50'],
    [-1200, '-12.00'],
    [0, '0.00'],
    [5, '0.05'],
    [99, '0.99'],
    [-5, '-0.05'],
    [100000000, '1,000,000.00'],
    [123456789012, '1,234,567,890.12'],
    [100000, '1,000.00'],
    [99999, '999.99'],
  ])('formatYuan(%d) = %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('formatYuan output reads back through parseMoney', () => {
    for (const fen of [0, 1, 99, 100, 123450, -123450, 999999999999]) {
      expect(parseMoney(formatYuan(fen))).toEqual({ ok: true, value: fen });
    }
  });
});

import { checkLandline, checkMobile, checkPhone, isValidPhone } from '../../src/rules/phone';

const MOBILES: [string, string][] = [
  ['13812345678', '13812345678'],
  ['138 1234 5678', '13812345678'],
  ['138-1234-5678', '13812345678'],
  ['138—1234—5678', '13812345678'],
  ['+86 138 1234 5678', '13812345678'],
  ['+86-13812345678', '13812345678'],
  ['8613812345678', '13812345678'],
  ['0086 13812345678', '13812345678'],
  ['(+86)13812345678', '13812345678'],
  ['１３８１２３４５６７８', '13812345678'],
  ['\u00A019912345678\u3000', '19912345678'],
];

const LANDLINES: [string, string][] = [
  ['010-12345678', '010-12345678'],
  ['01012345678', '010-12345678'],
  ['010 1234 5678', '010-12345678'],
  ['(010)12345678', '010-12345678'],
  ['（010）1234 5678', '010-12345678'],
  ['021-6123456', '021-6123456'],
  ['0755-1234567', '0755-1234567'],
  ['075512345678', '0755-12345678'],
  ['0311 8765 4321', '0311-87654321'],
  ['010-12345678-123', '010-12345678-123'],
  ['010-12345678转123', '010-12345678-123'],
  ['010-12345678 ext 123', '010-12345678-123'],
  ['010-12345678EXT.12', '010-12345678-12'],
  ['0755-1234567#8', '0755-1234567-8'],
  ['０１０－１２３４５６７８', '010-12345678'],
  ['400-810-8888', '4008108888'],
  ['800 820 8820', '8008208820'],
  ['4008108888', '4008108888'],
];

const INVALID = [
  '1381234567', // 10 digits
  '138123456789', // 12 digits
  '12812345678', // second digit 2
  '23812345678',
  '+87 13812345678',
  '138a2345678',
  '12345678', // no area code
  '010-123456', // 6-digit number
  '010-123456789', // 9-digit number
  '075-51234567', // there is no area code 075
  '0755123456', // Shenzhen with a 6-digit number
  '010-12345678-1234567', // 7-digit extension
  '010-12345678转',
  '400-123-456',
  '500-123-4567',
  '电话',
];

describe('checkMobile', () => {
  it.each(MOBILES)('%s → %s', (raw, value) => {
    expect(checkMobile(raw)).toEqual({ ok: true, value });
  });

  it.each(['1381234567', '12812345678', '010-12345678', '+87 13812345678', '13812345678-1'])('rejects %s', (raw) => {
    const r = checkMobile(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe('phone.invalid');
  });
});

describe('checkLandline', () => {
  it.each(LANDLINES)('%s → %s', (raw, value) => {
    expect(checkLandline(raw)).toEqual({ ok: true, value });
  });

  it('does not accept a mobile number as a landline', () => {
    expect(checkLandline('13812345678').ok).toBe(false);
  });
});

describe('checkPhone', () => {
  it.each([...MOBILES, ...LANDLINES])('%s → %s', (raw, value) => {
    expect(checkPhone(raw)).toEqual({ ok: true, value });
  });

  it.each(INVALID)('rejects %s', (raw) => {
    const r = checkPhone(raw);
    expect(r).toMatchObject({ ok: false, level: 'error', code: 'phone.invalid' });
  });

  it('says what is wrong and what is expected', () => {
    expect(checkPhone(' 1381234567 ')).toEqual({
      ok: false,
      level: 'error',
      code: 'phone.invalid',
      message: '电话号码格式不正确: 1381234567（应为11位手机号或带区号的固话）',
    });
  });

  it.each(['', '   ', '\u3000'])('reports %j as empty', (raw) => {
    expect(checkPhone(raw)).toMatchObject({ ok: false, code: 'phone.empty' });
    expect(checkMobile(raw)).toMatchObject({ ok: false, code: 'phone.empty' });
    expect(checkLandline(raw)).toMatchObject({ ok: false, code: 'phone.empty' });
  });
});

describe('isValidPhone', () => {
  it('agrees with checkPhone', () => {
    for (const [raw] of [...MOBILES, ...LANDLINES]) expect(isValidPhone(raw)).toBe(true);
    for (const raw of [...INVALID, '', ' ']) expect(isValidPhone(raw)).toBe(false);
  });
});

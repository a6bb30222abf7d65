import { checkPlate, isNoPlate, plateKind } from '../../src/rules/plate';

const VALID: [string, string, ReturnType<typeof plateKind>][] = [
  ['京A12345', '京A12345', 'ordinary'],
  ['沪B8G3K7', '沪B8G3K7', 'ordinary'],
  ['粤BD1234', '粤BD1234', 'ordinary'],
  ['京a·12345', '京A12345', 'ordinary'],
  ['京A 12345', '京A12345', 'ordinary'],
  ['京A-12345', '京A12345', 'ordinary'],
  [' 京Ａ１２３４５ ', '京A12345', 'ordinary'],
  ['新Z12345', '新Z12345', 'ordinary'],
  ['粤BD12345', '粤BD12345', 'newEnergySmall'],
  ['沪AF1A234', '沪AF1A234', 'newEnergySmall'],
  ['浙Ak·12345', '浙AK12345', 'newEnergySmall'],
  ['京A12345D', '京A12345D', 'newEnergyLarge'],
  ['苏E12345F', '苏E12345F', 'newEnergyLarge'],
  ['冀B1234挂', '冀B1234挂', 'trailer'],
  ['鲁A·T123挂', '鲁AT123挂', 'trailer'],
  ['京A1234学', '京A1234学', 'other'],
  ['京A1234警', '京A1234警', 'other'],
  ['粤Z1234港', '粤Z1234港', 'other'],
  ['粤Z1234澳', '粤Z1234澳', 'other'],
  ['沪A1234领', '沪A1234领', 'other'],
  ['使014·578', '使014578', 'other'],
  // Spaces and middle dots are dropped wherever they are, as clerks space plates freely.
  ['京A 123·45', '京A12345', 'ordinary'],
];

const INVALID = [
  '京A1234', // 6 characters
  '京I12345', // no I as authority letter
  '京O12345',
  '京A1234O', // no O among the alphanumerics
  '京A12I45',
  '京A123456', // 8 characters, but neither new-energy shape
  '京AL12345', // L is not a new-energy letter
  '京A12345L',
  '京A12D45E',
  'A12345', // no province
  '港A12345', // 港 is a suffix, not a province
  '京12345',
  '京A1234挂5',
  '京A1234港港',
  '使01457',
];

describe('checkPlate', () => {
  it.each(VALID)('%s → %s', (raw, value) => {
    expect(checkPlate(raw)).toEqual({ ok: true, value });
  });

  it.each(INVALID)('rejects %s', (raw) => {
    expect(checkPlate(raw)).toMatchObject({ ok: false, level: 'error', code: 'plate.invalid' });
  });

  it('says what is wrong and what is expected', () => {
    const r = checkPlate('京A1234');
    expect(r).toEqual({
      ok: false,
      level: 'error',
      code: 'plate.invalid',
      message: '车牌号格式不正确: 京A1234（应为省份简称+字母+5位字母或数字，新能源车牌为8位）',
    });
  });

  it('sends "no plate yet" to its own code, to be weighed against the VIN', () => {
    expect(checkPlate('新车')).toMatchObject({ ok: false, code: 'plate.none' });
    expect(checkPlate('')).toMatchObject({ ok: false, code: 'plate.none' });
  });
});

describe('plateKind', () => {
  it.each(VALID)('%s (%s) is %s', (raw, _value, kind) => {
    expect(plateKind(raw)).toBe(kind);
  });

  it('is null for what is not a plate', () => {
    for (const raw of [...INVALID, '新车', '']) expect(plateKind(raw)).toBeNull();
  });
});

describe('isNoPlate', () => {
  it.each(['新车', ' 未上牌 ', '新车未上牌', '暂未上牌', '*', '＊', '***', '', '   ', '\u3000'])(
    '%j means no plate yet',
    (raw) => {
      expect(isNoPlate(raw)).toBe(true);
    },
  );

  it.each(['京A12345', '新', '新A12345', '未', '京A***45'])('%j is not "no plate"', (raw) => {
    expect(isNoPlate(raw)).toBe(false);
  });
});

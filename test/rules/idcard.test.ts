import { checkIdCard, idCardInfo } from '../../src/rules/idcard';

// ISO 7064 MOD 11-2 from its definition: weight of position i (from the right, check char = 1)
// is 2^(i-1) mod 11; the check value is (12 − sum mod 11) mod 11, 10 written X.
function withCheck(first17: string): string {
  const sum = [...first17].reduce((s, ch, k) => s + Number(ch) * (2 ** (17 - k) % 11), 0);
  const v = (12 - (sum % 11)) % 11;
  return first17 + (v === 10 ? 'X' : String(v));
}

const TODAY = '2026-10-05';

describe('the test helper', () => {
  it('reproduces the known-good IDs', () => {
    expect(withCheck('11010519491231002')).toBe('11010519491231002X');
    expect(withCheck('36042619910101007')).toBe('360426199101010071');
  });
});

describe('checkIdCard', () => {
  it.each(['11010519491231002X', '360426199101010071'])('%s is valid', (id) => {
    expect(checkIdCard(id, TODAY)).toEqual({ ok: true, value: id });
  });

  it('normalises lower-case x, spaces and full width', () => {
    expect(checkIdCard(' 110105 19491231 002x ', TODAY)).toEqual({ ok: true, value: '11010519491231002X' });
    expect(checkIdCard('３６０４２６１９９１０１０１００７１', TODAY)).toEqual({
      ok: true,
      value: '360426199101010071',
    });
  });

  it('accepts leap days, the oldest allowed year, today and every listed province code', () => {
    expect(checkIdCard(withCheck('44030420000229123'), TODAY).ok).toBe(true);
    expect(checkIdCard(withCheck('44030419000101123'), TODAY).ok).toBe(true);
    expect(checkIdCard(withCheck('44030420261005123'), TODAY).ok).toBe(true);
    for (const p of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82', '83']) {
      expect(checkIdCard(withCheck(`${p}010219800101123`), TODAY).ok).toBe(true);
    }
  });

  it.each([
    ['11010519491231003X', 'one digit changed'],
    ['110105194912310021', 'wrong check char'],
    ['360426199101010072', 'check char changed'],
    ['360426199110010071', 'two digits swapped'],
  ])('fails %s (%s) on the checksum', (id) => {
    const r = checkIdCard(id, TODAY);
    expect(r).toMatchObject({ ok: false, level: 'error', code: 'idcard.checksum' });
  });

  it('names the expected check character', () => {
    expect(checkIdCard('360426199101010072', TODAY).message).toContain('末位应为 1');
  });

  it.each([
    ['36042619910230', '30 February'],
    ['36042619910132', 'day 32'],
    ['36042619911301', 'month 13'],
    ['36042619000229', '1900 is not a leap year'],
    ['36042618991231', 'before 1900'],
    ['36042620261006', 'after today'],
  ])('fails %s… (%s) on the birth date', (head) => {
    const r = checkIdCard(withCheck(`${head}123`), TODAY);
    expect(r).toMatchObject({ ok: false, code: 'idcard.birthDate' });
    expect(r.message).toContain(head.slice(6));
  });

  it('bounds the birth date by the machine date when no today is given', () => {
    expect(checkIdCard(withCheck('11010521000101123'))).toMatchObject({ ok: false, code: 'idcard.birthDate' });
    expect(checkIdCard('11010519491231002X').ok).toBe(true);
  });

  it.each(['99', '00', '10', '16', '20', '24', '30', '38', '47', '55', '60', '66', '72', '80', '84'])(
    'fails province code %s on the region',
    (p) => {
      const r = checkIdCard(withCheck(`${p}042619910101007`), TODAY);
      expect(r).toMatchObject({ ok: false, code: 'idcard.region' });
    },
  );

  it.each([
    ['11010519491231002', '17 characters'],
    ['11010519491231002X1', '19 characters'],
    ['1101051949123100AX', 'a letter inside'],
    ['X10105194912310021', 'X at the front'],
    ['', 'empty'],
  ])('fails %j (%s) on length/shape', (id) => {
    const r = checkIdCard(id, TODAY);
    expect(r).toMatchObject({ ok: false, code: 'idcard.length' });
    expect(r.message).toContain('应为18位');
  });

  it('tells the owner of an old 15-digit ID what to do', () => {
    expect(checkIdCard('110105491231002', TODAY).message).toContain('15位旧号码');
  });
});

describe('idCardInfo', () => {
  it('reads birth date, sex and province of valid IDs', () => {
    expect(idCardInfo('11010519491231002x', TODAY)).toEqual({
      birthDate: '1949-12-31',
      sex: '女',
      regionCode: '110105',
      province: '北京市',
    });
    expect(idCardInfo('360426199101010071', TODAY)).toEqual({
      birthDate: '1991-01-01',
      sex: '男',
      regionCode: '360426',
      province: '江西省',
    });
    expect(idCardInfo(withCheck('44030420000229124'), TODAY)).toMatchObject({ sex: '女', province: '广东省' });
    expect(idCardInfo(withCheck('65010219800101135'), TODAY)).toMatchObject({
      sex: '男',
      province: '新疆维吾尔自治区',
    });
    expect(idCardInfo(withCheck('81000019800101135'), TODAY)).toMatchObject({ province: '香港特别行政区' });
  });

  it('is null for invalid IDs', () => {
    expect(idCardInfo('11010519491231003X', TODAY)).toBeNull();
    expect(idCardInfo(withCheck('99042619910101007'), TODAY)).toBeNull();
    expect(idCardInfo('123', TODAY)).toBeNull();
  });
});

import { checkVin, vinCheckDigit } from '../../src/rules/vin';

// An independent check-digit computation, straight from the ISO 3779 tables.
const TRANSLIT: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const W = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
function expectedCheck(vin: string): string {
  const r = [...vin].reduce((sum, ch, i) => sum + (/\d/.test(ch) ? Number(ch) : TRANSLIT[ch]) * W[i], 0) % 11;
  return r === 10 ? 'X' : String(r);
}

describe('vinCheckDigit', () => {
  it.each([
    ['LSJA24U62JG269225', '2'],
    ['1M8GDM9AXKP042788', 'X'],
    ['11111111111111111', '1'],
  ])('%s → %s', (vin, digit) => {
    expect(vinCheckDigit(vin)).toBe(digit);
    expect(expectedCheck(vin)).toBe(digit);
  });

  it('matches the independent computation on altered VINs', () => {
    for (const vin of ['LSJA24U62JG269226', '1M8GDM9AXKP042789', 'LVSHCAMB1CE054249', 'WBA3A5C55CF256985']) {
      expect(vinCheckDigit(vin)).toBe(expectedCheck(vin));
    }
  });

  it('is empty for what is not a VIN', () => {
    expect(vinCheckDigit('LSJA24U62JG26922')).toBe('');
    expect(vinCheckDigit('LSJA24U62JG26922O')).toBe('');
  });
});

describe('checkVin', () => {
  it.each(['LSJA24U62JG269225', '1M8GDM9AXKP042788', '11111111111111111'])('%s passes without a warning', (vin) => {
    expect(checkVin(vin)).toEqual({ ok: true, value: vin });
  });

  it('normalises case, white space and full width', () => {
    expect(checkVin(' lsja 24u6 2jg2 69225 ')).toEqual({ ok: true, value: 'LSJA24U62JG269225' });
    expect(checkVin('ＬＳＪＡ２４Ｕ６２ＪＧ２６９２２５')).toEqual({ ok: true, value: 'LSJA24U62JG269225' });
  });

  it('warns (usable) when the check digit does not match, naming the expected digit', () => {
    // Last character +1 at weight 2: remainder 2 → 4.
    const r = checkVin('LSJA24U62JG269226');
    expect(r).toMatchObject({ ok: true, value: 'LSJA24U62JG269226', level: 'warning', code: 'vin.checkDigit' });
    expect(r.message).toContain('应为 4，实为 2');
    // Position 9 itself changed.
    const p9 = checkVin('LSJA24U65JG269225');
    expect(p9).toMatchObject({ ok: true, level: 'warning', code: 'vin.checkDigit' });
    expect(p9.message).toContain('应为 2，实为 5');
    // Remainder 10 → 1 after the change.
    expect(checkVin('1M8GDM9AXKP042789').message).toContain('应为 1');
  });

  it.each([
    ['LSJA24U62JG26922', '16'], // 16 characters
    ['LSJA24U62JG2692255', '18'], // 18 characters
    ['', '0'],
  ])('fails %j: wrong length', (raw, length) => {
    const r = checkVin(raw);
    expect(r).toMatchObject({ ok: false, level: 'error', code: 'vin.invalid' });
    expect(r.message).toContain('17位');
    expect(r.message).toContain(`现为${length}位`);
    expect(r.message).toContain('I、O、Q');
  });

  it.each([
    ['LSJA24U62JG26922O', 'O'],
    ['LSJA24U62JG26922I', 'I'],
    ['QSJA24U62JG269225', 'Q'],
    ['LSJA24U62JG26922-', '-'],
    ['LSJA24U62JG26922京', '京'],
  ])('fails %s: character %s is not allowed', (raw, ch) => {
    const r = checkVin(raw);
    expect(r).toMatchObject({ ok: false, code: 'vin.invalid' });
    expect(r.message).toContain(`“${ch}”`);
    expect(r.message).toContain('不含 I、O、Q');
  });
});

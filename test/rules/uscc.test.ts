import { checkUscc } from '../../src/rules/uscc';

// GB 32100-2015 from its definition: weights are 3^i mod 31, check = (31 − sum mod 31) mod 31.
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function withCheck(first17: string): string {
  const sum = [...first17].reduce((s, ch, i) => s + CHARS.indexOf(ch) * (3 ** i % 31), 0);
  return first17 + CHARS[(31 - (sum % 31)) % 31];
}

describe('the test helper', () => {
  it('reproduces the known-good codes', () => {
    expect(withCheck('91110000600037341')).toBe('91110000600037341L');
    expect(withCheck('91350200MA2YJ1XR9')).toBe('91350200MA2YJ1XR9G');
  });
});

describe('checkUscc', () => {
  it.each(['91110000600037341L', '91350200MA2YJ1XR9G'])('%s is valid', (code) => {
    expect(checkUscc(code)).toEqual({ ok: true, value: code });
  });

  it('accepts codes of other registration authorities and organisation types', () => {
    for (const head of ['11110000', '12330100', '51440300', '52110108', '93320506', 'Y1110105', 'N2330100']) {
      const code = withCheck(`${head}MA01234X5`);
      expect(checkUscc(code)).toEqual({ ok: true, value: code });
    }
  });

  it('writes a check value of 31 as 0', () => {
    expect(withCheck('91440300MA5100019')).toBe('91440300MA51000190');
    expect(checkUscc('91440300MA51000190')).toEqual({ ok: true, value: '91440300MA51000190' });
  });

  it('normalises lower case, white space and full width', () => {
    expect(checkUscc(' 91350200ma2yj1xr9g ')).toEqual({ ok: true, value: '91350200MA2YJ1XR9G' });
    expect(checkUscc('9111 0000 6000 3734 1L')).toEqual({ ok: true, value: '91110000600037341L' });
    expect(checkUscc('９１１１００００６０００３７３４１Ｌ')).toEqual({ ok: true, value: '91110000600037341L' });
  });

  it.each([
    ['91110000600037341M', '应为 L'],
    ['91110000600037342L', ''],
    ['91350200MA2YJ1XR8G', ''],
    ['91350200AM2YJ1XR9G', ''],
  ])('fails %s on the checksum', (code, hint) => {
    const r = checkUscc(code);
    expect(r).toMatchObject({ ok: false, level: 'error', code: 'uscc.checksum' });
    expect(r.message).toContain(hint);
  });

  it.each([
    ['91110000600037341', '17'],
    ['91110000600037341LL', '19'],
    ['', '0'],
  ])('fails %j on the length', (code, length) => {
    const r = checkUscc(code);
    expect(r).toMatchObject({ ok: false, code: 'uscc.length' });
    expect(r.message).toContain(`现为${length}位`);
  });

  it.each(['I', 'O', 'Z', 'S', 'V', '-'])('fails a code containing %s on the charset', (ch) => {
    const r = checkUscc(`91350200M${ch}2YJ1XR9G`);
    expect(r).toMatchObject({ ok: false, code: 'uscc.charset' });
    expect(r.message).toContain(`“${ch}”`);
  });

  it('fails letters in the region digits (positions 3–8) on the charset', () => {
    const code = withCheck('9135A200MA2YJ1XR9');
    expect(checkUscc(code)).toMatchObject({ ok: false, code: 'uscc.charset' });
  });
});

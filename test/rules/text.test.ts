import { cellText, cleanText, normalizeCode, toHalfWidth } from '../../src/rules/text';

describe('toHalfWidth', () => {
  it.each([
    ['ＡＢＣｘｙｚ０１２３', 'ABCxyz0123'],
    ['（010）１２３４－５６７８', '(010)1234-5678'],
    ['１，２３４．５０', '1,234.50'],
    ['！～', '!~'],
    ['张\u3000三', '张 三'],
    ['京Ａ·１２３４５', '京A·12345'],
  ])('%s → %s', (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });

  it('leaves Chinese text, half-width text and characters outside the full-width ASCII block alone', () => {
    expect(toHalfWidth('被保险人 abc 123')).toBe('被保险人 abc 123');
    // U+FF5F (｟) and U+FFE5 (￥) are outside U+FF01–U+FF5E.
    expect(toHalfWidth('\uFF5F￥')).toBe('\uFF5F￥');
    expect(toHalfWidth('')).toBe('');
  });
});

describe('normalizeCode', () => {
  it('drops every kind of white space, converts full width and upper-cases', () => {
    expect(normalizeCode(' ｌｓｊａ 24\u00A0u62\u3000jg269225 ')).toBe('LSJA24U62JG269225');
    expect(normalizeCode('11010519491231002x')).toBe('11010519491231002X');
    expect(normalizeCode('PDAA\t2026\n0001\u200B2345')).toBe('PDAA202600012345');
    expect(normalizeCode('京ａ １２３４５')).toBe('京A12345');
  });
});

describe('cleanText', () => {
  it('trims and collapses inner white space to one space', () => {
    expect(cleanText('  张\u3000 三  ')).toBe('张 三');
    expect(cleanText('Li\n\t Lei')).toBe('Li Lei');
    expect(cleanText('\u00A0北京\u00A0\u00A0某某有限公司 ')).toBe('北京 某某有限公司');
  });

  it('does not convert full-width characters in names', () => {
    expect(cleanText('ＡＢＣ公司１号')).toBe('ＡＢＣ公司１号');
  });
});

describe('cellText', () => {
  it('shows empty cells as empty text and text as is', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText(' 张三 ')).toBe(' 张三 ');
  });

  it('writes whole numbers out in full, never in exponent form', () => {
    expect(cellText(13812345678)).toBe('13812345678');
    expect(cellText(9007199254740991)).toBe('9007199254740991');
    expect(cellText(-42)).toBe('-42');
    expect(cellText(-0)).toBe('0');
  });

  it('uses String() for fractions and for integers beyond 2^53', () => {
    expect(cellText(1234.5)).toBe('1234.5');
    expect(cellText(0.15)).toBe('0.15');
    expect(cellText(1.23e17)).toBe('123000000000000000');
    expect(cellText(1e21)).toBe('1e+21');
  });

  it('shows booleans as Excel does', () => {
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(false)).toBe('FALSE');
  });

  it('shows Dates by their UTC date, with the UTC time only when there is one', () => {
    expect(cellText(new Date(Date.UTC(2026, 9, 5)))).toBe('2026-10-05');
    expect(cellText(new Date(Date.UTC(2026, 9, 5, 8, 30)))).toBe('2026-10-05 08:30');
    expect(cellText(new Date(Date.UTC(2026, 0, 1, 23, 5, 59)))).toBe('2026-01-01 23:05');
    expect(cellText(new Date(Date.UTC(1899, 11, 30, 8, 30)))).toBe('1899-12-30 08:30');
  });

  it('does not make an invalid Date look empty', () => {
    expect(cellText(new Date(NaN))).toBe('Invalid Date');
  });
});

import iconv from 'iconv-lite';
import {
  csvToGrid,
  csvTextToGrid,
  CsvQuoteError,
  decodeText,
  detectDelimiter,
  looksLikeText,
  parseCsv,
} from '../../src/io/csv';
import { readWorkbookFile } from '../../src/io/workbook';
import { inputError, makeTempDir } from './helpers';

describe('parseCsv', () => {
  test.each([
    [
      'plain LF',
      'a,b\nc,d\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'CRLF, no final line break',
      'a,b\r\nc,d',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'old Mac CR',
      'a,b\rc,d\r',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['quoted delimiter', '"a,1",b\n', [['a,1', 'b']]],
    ['doubled quotes', '"say ""hi""",x\n', [['say "hi"', 'x']]],
    ['only a doubled quote', '"""",x', [['"', 'x']]],
    ['line breaks inside quotes stay in the field', '"l1\r\nl2\nl3",x\n', [['l1\r\nl2\nl3', 'x']]],
    ['empty fields and trailing delimiter', ',a,,\n', [['', 'a', '', '']]],
    ['an empty line is an empty record', 'a\n\nb\n', [['a'], [''], ['b']]],
    ['quote inside an unquoted field is literal', 'ab"c,d\n', [['ab"c', 'd']]],
    ['text after a closing quote is kept', '"ab"cd,e\n', [['abcd', 'e']]],
    ['empty quoted field', '"",x\n', [['', 'x']]],
    ['leading BOM is dropped', '\ufeffa,b', [['a', 'b']]],
    ['empty text', '', []],
  ])('%s', (_, text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  test('an explicit delimiter overrides detection', () => {
    expect(parseCsv('a;b,c\n', ';')).toEqual([['a', 'b,c']]);
  });

  test('an unterminated quote is an error naming the line it starts on', () => {
    const text = 'a,b\r\n"ok\nstill ok",1\n"never closed,2\nmore\n';
    expect(() => parseCsv(text)).toThrow(CsvQuoteError);
    try {
      parseCsv(text);
    } catch (err) {
      expect((err as CsvQuoteError).line).toBe(4);
    }
  });

  test('100k rows × 19 columns parse into the right shape', () => {
    const line = Array.from({ length: 19 }, (_, c) => (c === 3 ? '"王, 芳"' : `v${c}`)).join(',');
    const text = `${line}\r\n`.repeat(100_000);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(100_000);
    expect(rows[99_999]).toHaveLength(19);
    expect(rows[99_999][3]).toBe('王, 芳');
  });
});

describe('detectDelimiter', () => {
  test.each([
    ['comma', '保单号,保费\nP1,1\n', ','],
    ['tab, even with commas inside values', '保单号\t保费\nP1\t1,234\nP2\t2,000\n', '\t'],
    ['semicolon (European Excel)', 'a;b;c\n1;2;3\n', ';'],
    ['pipe', 'a|b\n1|2\n', '|'],
    [
      'a title line above the header does not vote',
      '续保清单（2026年11月）\n保单号|险种|止期\nP1|交强险|2026-11-30\n',
      '|',
    ],
    ['delimiters inside quotes do not count', '"a;b;c",d\n"e;f;g",h\n', ','],
    ['a single column falls back to comma', '保单号\nP1\n', ','],
  ])('%s', (_, text, d) => {
    expect(detectDelimiter(text)).toBe(d);
  });
});

describe('decodeText', () => {
  const text = '保单号,被保险人\nP1,王芳·李\n';

  test.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8', text],
    ['UTF-8 without BOM', Buffer.from(text), 'utf-8', text],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf-16le', text],
    [
      'UTF-16BE with BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
      'utf-16be',
      text,
    ],
    ['GBK (read as GB18030)', iconv.encode(text, 'gbk'), 'gb18030', text],
    ['GB18030 four-byte characters', iconv.encode('姓名\n𠀀€\n', 'gb18030'), 'gb18030', '姓名\n𠀀€\n'],
  ])('%s', (_, buf, encoding, expected) => {
    expect(decodeText(buf)).toEqual({ text: expected, encoding });
  });
});

describe('looksLikeText', () => {
  test('text in the usual encodings is text; NUL bytes or many control bytes are not', () => {
    expect(looksLikeText(iconv.encode('保单号,保费\r\n', 'gbk'))).toBe(true);
    expect(looksLikeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb', 'utf16le')]))).toBe(true);
    expect(looksLikeText(Buffer.from('a,b\u0000c'))).toBe(false);
    expect(looksLikeText(Buffer.from('a\u0001b\u0002c\u0003d'))).toBe(false);
  });
});

describe('csvToGrid and the reader', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());

  test('grid named after the file, empty fields → null', () => {
    expect(csvToGrid(Buffer.from('a,,c\n'), '/x/导出 2026.11.csv')).toEqual({
      sheet: '导出 2026.11',
      rows: [['a', null, 'c']],
      origin: { row: 0, col: 0 },
    });
  });

  test('an unterminated quote in a file is an InputError with the line', async () => {
    const path = tmp.file('bad.csv', '保单号,备注\nP1,"没有结束\nP2,x\n');
    const err = await inputError(readWorkbookFile(path));
    expect(err.message).toBe(`${path}: 第 2 行开始的引号没有结束（CSV 格式错误），请检查该行的双引号是否成对`);
  });
});

describe('core-system text codes', () => {
  it('unwraps ="…" cells that keep codes as text in Excel', () => {
    const grid = csvTextToGrid('保单号,联系电话,备注\n="PDAA2026130100000123",="13812345678",=SUM(A1)\n', 'x.csv');
    expect(grid.rows[1]).toEqual(['PDAA2026130100000123', '13812345678', '=SUM(A1)']);
  });
});

import { XmlError, XmlTokenizer, type XmlHandler } from '../../src/io/xlsx/xml';
import { DEFAULT_ZIP_LIMITS } from '../../src/io/xlsx/zip';
import { DEFAULT_SHEET_LIMITS } from '../../src/io/xlsx/read';

/** Every event as text; text is collected inside <t> and <v> only, as the readers do. */
function events(pieces: (string | Buffer)[]): string[] {
  const out: string[] = [];
  let text: string | undefined;
  const flush = () => {
    if (text !== undefined) out.push(`"${text}"`);
    text = undefined;
  };
  const h: XmlHandler = {
    wantText: false,
    open(name, attrs, count, selfClosing) {
      flush();
      out.push(
        `<${name}${attrs
          .slice(0, count)
          .map((a, i) => (i % 2 ? `="${a}"` : ` ${a}`))
          .join('')}${selfClosing ? '/' : ''}>`,
      );
      if (name === 't' || name === 'v') h.wantText = !selfClosing;
    },
    close(name) {
      flush();
      if (name === 't' || name === 'v') h.wantText = false;
      out.push(`</${name}>`);
    },
    text(value) {
      // Text may arrive in several pieces; what counts is what it adds up to.
      text = (text ?? '') + value;
    },
  };
  const t = new XmlTokenizer(h);
  for (const p of pieces) t.write(typeof p === 'string' ? Buffer.from(p) : p);
  t.end();
  return out;
}

const DOC =
  '\uFEFF<?xml version="1.0"?>\n<!-- a comment > with a gt -->' +
  '<x:sst xmlns:x="urn:x" count=\'2\'><si><t xml:space="preserve"> A&amp;B &#x4E2D;&#20013; </t></si>' +
  '<si><r><t>a&lt;b</t></r><rPh><t>ph</t></rPh></si><c r="A1" s="1" t="s"><v>12</v></c><e a="x>y"/>' +
  '<v><![CDATA[<raw>]]></v></x:sst>\n';

test('the same events however the bytes are split into chunks, even inside a character', () => {
  const doc = Buffer.from(DOC);
  const whole = events([doc]);
  expect(whole).toContain('" A&B 中中 "');
  expect(whole).toContain('"a<b"');
  expect(whole).toContain('<e a="x>y"/>');
  expect(whole).toContain('"<raw>"');
  // The byte-order mark is no text, wherever the first chunk ends.
  expect(events([Buffer.from(DOC.slice(1))])).toEqual(whole);
  for (let i = 0; i <= doc.length; i++) {
    expect(events([doc.subarray(0, i), doc.subarray(i)])).toEqual(whole);
  }
  expect(events([...doc].map((b) => Buffer.from([b])))).toEqual(whole);
});

test('names and values in other scripts are read as characters', () => {
  expect(events(['<表 名="值">文<v>中&#x6587;</v></表>'])).toEqual(['<表 名="值">', '<v>', '"中文"', '</v>', '</表>']);
  expect(() => events(['<a«/>'])).toThrow(/名称 a« 不合法/);
});

test.each([
  ['a cut document', '<a><b>', /<b> 没有结束/],
  ['a cut tag', '<a><b x="1"', /标记中间结束/],
  ['crossed tags', '<a><b></a></b>', /不匹配/],
  ['two roots', '<a/><b/>', /多个根元素/],
  ['text outside the root', '<a/>x', /根元素之外有文本/],
  ['an unquoted attribute', '<a x=1/>', /没有引号/],
  ['attributes run together', '<a x="1"y="2"/>', /属性不合法/],
  ['a duplicate attribute', '<a x="1" x="2"/>', /重复/],
  ['< inside an attribute value', '<a x="<"/>', /含有 </],
  ['an undefined entity', '<a>&nbsp;</a>', /未定义的实体/],
  ['a bare ampersand', '<a>AT&T</a>', /引用格式错误/],
  ['a reference to NUL', '<a>&#0;</a>', /非法字符/],
  ['a DTD', '<!DOCTYPE a [<!ENTITY b "c">]><a/>', /DTD/],
  ['no root at all', '   ', /没有根元素/],
  ['a bad element name', '<1a/>', /元素名不合法/],
])('%s is refused', (_name, doc, message) => {
  expect(() => events([doc])).toThrow(XmlError);
  expect(() => events([doc])).toThrow(message);
});

test('the documented limits (README)', () => {
  expect(DEFAULT_ZIP_LIMITS).toEqual({
    minInflateRatio: 0.01,
    ratioGraceBytes: 100 * 1024,
    maxEntryBytes: 4 * 1024 ** 3 - 1,
    maxEntries: 10_000,
    maxTotalBytes: 8 * 1024 ** 3,
  });
  expect(DEFAULT_SHEET_LIMITS).toEqual({ maxSheets: 1_000, maxCells: 60_000_000, maxTextChars: 256 * 1024 * 1024 });
});

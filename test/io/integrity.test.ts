/**
 * Damage that a careless reader reads past must be refused (exit 2, one line naming the
 * part), never read as "fewer rows" or as other values; and good files that are merely
 * unusual must be read.
 */
import * as XLSX from 'xlsx';
import iconv from 'iconv-lite';
import { readWorkbookFile } from '../../src/io/workbook';
import { run } from '../cli/streams';
import { inputError, ledgerXlsx, makeTempDir, rawZip, unzipEntries, xlsxWith } from './helpers';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
afterEach(() => {
  process.exitCode = undefined;
});

const SHEET = 'xl/worksheets/sheet1.xml';
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const worksheet = (rows: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`;

/** A staff list with a phone in B2, as a string the tests can damage. */
const STAFF = worksheet(
  '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>电话</t></is></c></row>' +
    '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="inlineStr"><is><t>15690560544</t></is></c></row>',
);

async function book(name: string, parts: Record<string, string>, store = false): Promise<string> {
  const entries = (await xlsxWith(parts)).map((e) => ({ ...e, store: store && e.name === SHEET }));
  return tmp.file(name, rawZip(entries));
}

async function refused(path: string, reason: RegExp) {
  const err = await inputError(readWorkbookFile(path));
  expect(err.reason).toMatch(reason);
  // …and the command line says it in one line with exit 2.
  const r = await run('validate', path, '--json');
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.errLines).toEqual([`insdesk: ${path}: ${err.reason}`]);
}

test('the staff list reads as written', async () => {
  const wb = await readWorkbookFile(await book('staff.xlsx', { [SHEET]: STAFF }));
  expect(wb.grids[0].rows).toEqual([
    ['姓名', '电话'],
    ['张三', '15690560544'],
  ]);
});

test('one flipped byte in a stored entry fails its CRC-32: the phone is never read as another number', async () => {
  const path = await book('flipped.xlsx', { [SHEET]: STAFF }, true);
  const bytes = require('node:fs').readFileSync(path) as Buffer;
  const at = bytes.indexOf('15690560544');
  expect(at).toBeGreaterThan(0);
  bytes[at + 7] = 't'.charCodeAt(0);
  require('node:fs').writeFileSync(path, bytes);
  await refused(path, /^文件已损坏（内部部件 xl\/worksheets\/sheet1\.xml 校验失败/);
});

test('a flipped byte inside deflated data is refused too', async () => {
  const path = await book('deflated.xlsx', { [SHEET]: STAFF.repeat(1) });
  const bytes = require('node:fs').readFileSync(path) as Buffer;
  const entries = await unzipEntries(bytes);
  expect(entries.get(SHEET)!.toString()).toBe(STAFF);
  // The sheet's data starts after its local header; flip a byte in the middle of it.
  const header = bytes.indexOf(Buffer.from(SHEET));
  bytes[header + SHEET.length + 20] ^= 0x10;
  require('node:fs').writeFileSync(path, bytes);
  await refused(path, /^文件已损坏（内部部件 xl\/worksheets\/sheet1\.xml (校验失败|不是完整的 XML)/);
});

test('a sheet cut mid-file (a consistent zip of a truncated part) is damaged, not shorter', async () => {
  const cut = STAFF.slice(0, STAFF.indexOf('<row r="2">') + 30);
  await refused(
    await book('cut.xlsx', { [SHEET]: cut }),
    /^文件已损坏（内部部件 xl\/worksheets\/sheet1\.xml 不是完整的 XML：.*(没有结束|中间结束)/,
  );
});

test.each([
  [
    'a shared-string index past the table',
    '<row r="1"><c r="A1" t="s"><v>99</v></c></row>',
    /A1 单元格共享字符串编号超出范围/,
  ],
  [
    'a shared-string index written as 1e20',
    '<row r="1"><c r="A1" t="s"><v>1e20</v></c></row>',
    /A1 单元格共享字符串编号超出范围/,
  ],
  ['a style index past cellXfs', '<row r="1"><c r="C1" s="4000"><v>1</v></c></row>', /C1 单元格样式编号超出范围/],
  ['a number that is not one', '<row r="1"><c r="A1"><v>12x</v></c></row>', /A1 单元格数字无法识别/],
  [
    'an undefined entity',
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>',
    /不是完整的 XML：未定义的实体引用/,
  ],
  ['a DTD', '', /不允许 DTD/],
])('%s', async (_name, rows, reason) => {
  const xml = rows ? worksheet(rows) : `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><worksheet ${NS}/>`;
  await refused(await book(`bad-${reason.source.length}.xlsx`, { [SHEET]: xml }), reason);
});

test('an xlsx without styles.xml is a good file', async () => {
  const entries = (await xlsxWith({ [SHEET]: STAFF })).filter((e) => e.name !== 'xl/styles.xml');
  const wb = await readWorkbookFile(tmp.file('nostyles.xlsx', rawZip(entries)));
  expect(wb.grids[0].rows[1]).toEqual(['张三', '15690560544']);
});

test('a broken legacy macro sheet is skipped with a finding; the ledger beside it is read', async () => {
  const base = await unzipEntries(await ledgerXlsx());
  const workbook = base
    .get('xl/workbook.xml')!
    .toString()
    .replace('</sheets>', '<sheet name="宏1" sheetId="9" r:id="rIdMacro"/></sheets>');
  const rels = base
    .get('xl/_rels/workbook.xml.rels')!
    .toString()
    .replace(
      '</Relationships>',
      '<Relationship Id="rIdMacro" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/></Relationships>',
    );
  const path = await book('macro.xlsm.xlsx', {
    'xl/workbook.xml': workbook,
    'xl/_rels/workbook.xml.rels': rels,
    'xl/macrosheets/sheet1.xml': '<xm:macrosheet><sheetData><row>',
  });
  const wb = await readWorkbookFile(path);
  expect(wb.grids.map((g) => g.sheet)).toEqual(['承保台账']);
  expect(wb.notes).toEqual([expect.objectContaining({ sheet: '宏1', code: 'sheet.skipped', level: 'warning' })]);
  const r = await run('validate', path, '--json', '--as-of', '2026-10-31');
  const doc = JSON.parse(r.stdout);
  expect(doc.files[0].findings).toEqual(
    expect.arrayContaining([expect.objectContaining({ sheet: '宏1', code: 'sheet.skipped' })]),
  );
});

test('an .xls whose workbook stream has size 0 is damaged, not empty', async () => {
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, '/Workbook', Buffer.alloc(0));
  const path = tmp.file('zero.xls', XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
  await refused(path, /^文件已损坏（内部部件 Workbook/);
});

test('a genuine Excel 2.x / 3.0 / 4.0 sheet is read', async () => {
  const ws = XLSX.utils.aoa_to_sheet([
    ['Policy', 'Premium'],
    ['P1', 100],
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'S');
  // SheetJS writes all three, though its BookType lists only biff2.
  for (const bookType of ['biff2', 'biff3', 'biff4'] as XLSX.BookType[]) {
    const path = tmp.file(`old-${bookType}.xls`, XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
    const read = await readWorkbookFile(path);
    expect(read.format).toBe('xls');
    expect(read.grids[0].rows).toEqual([
      ['Policy', 'Premium'],
      ['P1', 100],
    ]);
  }
});

describe.each([
  ['plain text', '保单号,保费\nP1,100\n'],
  ['SVG', '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'],
  ['JSON', '{"保单号":"P1"}'],
  ['RTF', '{\\rtf1\\ansi 保单号}'],
  ['a PDF without NUL bytes', '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'],
])('%s named .xlsx or .xls', (_kind, content) => {
  test.each(['.xlsx', '.xls'])('%s is not a spreadsheet, and upgrade writes nothing', async (ext) => {
    const path = tmp.file(`fake-${content.length}${ext}`, content);
    const r = await run('validate', path);
    expect(r.code).toBe(2);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(/不是电子表格|纯文本|网页（HTML）或 XML/);
    const out = tmp.file(`fake-out-${content.length}${ext}.xlsx`);
    expect((await run('upgrade', path, '--out', out)).code).toBe(2);
    expect(require('node:fs').existsSync(out)).toBe(false);
  });
});

test('the first bytes of a real xlsx are a truncated file', async () => {
  const bytes = await ledgerXlsx();
  await refused(tmp.file('stub.xlsx', bytes.subarray(0, 2)), /不是电子表格|不完整/);
});

describe('CSV encodings decided from the whole file', () => {
  const header = '保单号,被保险人,车牌号,保费';
  const lines = [
    header,
    ...Array.from({ length: 40 }, (_, i) => `PDAA2026${String(i).padStart(6, '0')},张三${i},京A1234${i % 10},1000`),
  ];

  test('one bad byte in UTF-8 stays UTF-8: headers intact, the line reported', async () => {
    const bytes = Buffer.from(lines.join('\n') + '\n', 'utf8');
    const at = bytes.indexOf(Buffer.from('张三7,'));
    bytes[at + 1] = 0xff; // inside 张
    const path = tmp.file('damaged-utf8.csv', bytes);
    const wb = await readWorkbookFile(path);
    expect(wb.grids[0].rows[0]).toEqual(header.split(','));
    expect(wb.notes).toEqual([expect.objectContaining({ row: 9, code: 'csv.badBytes' })]);
    expect(wb.notes![0].message).toMatch(/^第 9 行有不符合 UTF-8 编码的字节/);
  });

  test('a GBK export is GBK, and a UTF-8 BOM in front of it is reported as lying', async () => {
    const gbk = iconv.encode(lines.join('\r\n'), 'gbk');
    const plain = await readWorkbookFile(tmp.file('gbk.csv', gbk));
    expect(plain.grids[0].rows[1][1]).toBe('张三0');
    expect(plain.notes).toBeUndefined();
    const lying = await readWorkbookFile(
      tmp.file('gbk-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gbk])),
    );
    expect(lying.grids[0].rows[0]).toEqual(header.split(','));
    expect(lying.notes).toEqual([expect.objectContaining({ code: 'csv.bomMismatch', level: 'warning' })]);
  });

  test('wider than Excel is refused with the line', async () => {
    const wide = `${Array.from({ length: 16_385 }, (_, i) => `c${i}`).join(',')}\n`;
    const err = await inputError(readWorkbookFile(tmp.file('wide.csv', wide)));
    expect(err.reason).toMatch(/^第 1 行有 16385 列，超过 Excel 的上限 16384 列/);
  });
});

/** The workbook.xml.rels of the helper ledger, with a shared-strings part added. */
async function relsWithSharedStrings(): Promise<string> {
  const base = await unzipEntries(await ledgerXlsx());
  return base
    .get('xl/_rels/workbook.xml.rels')!
    .toString()
    .replace(
      '</Relationships>',
      '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    );
}

test('every kind of shared string reads as its text, across chunk boundaries, stored or deflated', async () => {
  // ~1.5 MB of strings, so the 512 KiB inflate chunks cut them at many places; the plain ones
  // are kept as bytes and decoded on use, the others decoded as they are read.
  const kinds: [string, (i: number) => string, (i: number) => string][] = [
    ['plain', (i) => `<si><t>保单${i}号</t></si>`, (i) => `保单${i}号`],
    ['spaces kept', (i) => `<si><t xml:space="preserve"> 张 ${i} </t></si>`, (i) => ` 张 ${i} `],
    ['rich text', (i) => `<si><r><t>甲${i}</t></r><r><rPr><b/></rPr><t>乙</t></r></si>`, (i) => `甲${i}乙`],
    ['a reference', (i) => `<si><t>A&amp;B${i}</t></si>`, (i) => `A&B${i}`],
    ['an escape', (i) => `<si><t>行${i}_x000D_</t></si>`, (i) => `行${i}\r`],
    ['an underscore', (i) => `<si><t>a_b${i}</t></si>`, (i) => `a_b${i}`],
    ['phonetic', (i) => `<si><t>王${i}</t><rPh sb="0" eb="1"><t>ワン</t></rPh></si>`, (i) => `王${i}`],
    ['astral', (i) => `<si><t>𠀀${i}</t></si>`, (i) => `𠀀${i}`],
  ];
  const xml: string[] = [];
  const expected: string[] = [];
  for (let i = 0; i < 40_000; i++) {
    const [, write, read] = kinds[i % kinds.length];
    xml.push(write(i));
    expected.push(read(i));
  }
  const sst = `<?xml version="1.0"?><sst ${NS} count="${xml.length}">${xml.join('')}</sst>`;
  const rows = expected.map((_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`);
  const rels = await relsWithSharedStrings();
  for (const store of [false, true]) {
    const entries = (
      await xlsxWith({
        [SHEET]: worksheet(rows.join('')),
        'xl/sharedStrings.xml': sst,
        'xl/_rels/workbook.xml.rels': rels,
      })
    ).map((e) => ({ ...e, store: store && e.name === 'xl/sharedStrings.xml' }));
    const wb = await readWorkbookFile(tmp.file(`strings-${store}.xlsx`, rawZip(entries)));
    expect(wb.grids[0].rows.map((r) => r[0])).toEqual(expected);
  }
});

test('the fast path for common cells and the general parser read the same grid, across chunk boundaries', async () => {
  // ~2 MB of sheet XML, so the 512 KiB inflate chunks cut cells at many different places.
  const fast: string[] = [];
  const general: string[] = [];
  const strings: string[] = [];
  // Numbers as writers spell them: the fast path reads plain decimals itself, the rest as Number() does.
  const numbers = ['0.04', '-0', '.5', '1.', '1e20', '123456789012345678', '3.14159265358979', '-0.000001'];
  numbers.push('9007199254740993', '007', '2.675', '0.1', '999999999999999', '1.7976931348623157e308');
  for (let r = 1; r <= 8_000; r++) {
    const cells: [string, string, string][] = [
      [`A${r}`, ' t="s"', String(strings.push(`保单${r}`) - 1)],
      [`B${r}`, ' s="1"', String(r * 1.25)],
      [`C${r}`, ' t="b"', String(r % 2)],
      [`D${r}`, ' t="str"', `公式${r}`],
      [`E${r}`, r % 2 ? ' t="n"' : '', numbers[r % numbers.length]],
      [`F${r}`, '', String(-r)],
    ];
    fast.push(
      `<row r="${r}">${cells.map(([ref, a, v]) => `<c r="${ref}"${a}><v>${v}</v></c>`).join('')}<c r="G${r}" s="1"/></row>`,
    );
    general.push(
      `<row r="${r}">${cells.map(([ref, a, v]) => `<c${a} r="${ref}" ><v>${v}</v></c>`).join('')}<c s="1" r="G${r}"></c></row>`,
    );
  }
  const sst = `<?xml version="1.0"?><sst ${NS}>${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`;
  const rels = await relsWithSharedStrings();
  const read = async (name: string, rows: string[]) =>
    (
      await readWorkbookFile(
        await book(name, {
          [SHEET]: worksheet(rows.join('')),
          'xl/sharedStrings.xml': sst,
          'xl/_rels/workbook.xml.rels': rels,
        }),
      )
    ).grids[0].rows;
  const a = await read('fast.xlsx', fast);
  const b = await read('general.xlsx', general);
  expect(a).toEqual(b);
  expect(a).toHaveLength(8_000);
  expect(a[7_999]).toEqual(['保单8000', 10_000, false, '公式8000', Number(numbers[8_000 % numbers.length]), -8_000]);
  expect(a[0]).toEqual(['保单1', 1.25, true, '公式1', Number(numbers[1]), -1]);
  for (let r = 1; r <= numbers.length; r++) expect(a[r - 1][4]).toBe(Number(numbers[r % numbers.length]));
});

test('the text limit counts characters as they will be held, not bytes, and says so', async () => {
  // 300 strings of 中文𠀀: 3 characters, 4 UTF-16 units (as a string holds them), 10 UTF-8 bytes.
  const strings = Array.from({ length: 300 }, () => '<si><t>中文𠀀</t></si>');
  const sst = `<?xml version="1.0"?><sst ${NS}>${strings.join('')}</sst>`;
  const rows = Array.from({ length: 300 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`);
  const file = tmp.file(
    'text-limit.xlsx',
    rawZip(
      await xlsxWith({
        [SHEET]: worksheet(rows.join('')),
        'xl/sharedStrings.xml': sst,
        'xl/_rels/workbook.xml.rels': await relsWithSharedStrings(),
      }),
    ),
  );
  const units = 300 * 4;
  const read = await readWorkbookFile(file, { sheets: { maxTextChars: units } });
  expect(read.grids[0].rows[299]).toEqual(['中文𠀀']);
  const err = await inputError(readWorkbookFile(file, { sheets: { maxTextChars: units - 1 } }));
  expect(err.reason).toMatch(/文字内容过多/);
});

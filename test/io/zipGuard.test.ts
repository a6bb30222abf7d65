import { DEFAULT_ZIP_LIMITS, guardZip, sheetjsRangeCells, TagScanner } from '../../src/io/zipGuard';
import { InputError } from '../../src/io/errors';
import { inputError, ledgerXlsx, rawZip, sheetXml, xlsxWith } from './helpers';

test('the documented limits', () => {
  expect(DEFAULT_ZIP_LIMITS).toEqual({
    minInflateRatio: 0.01,
    ratioGraceBytes: 100 * 1024,
    maxEntryBytes: 256 * 1024 * 1024,
    maxEntries: 10_000,
    maxTotalBytes: 1024 * 1024 * 1024,
    maxHyperlinkCells: 1_000_000,
  });
});

test('a real workbook passes and its entries are listed', async () => {
  const summary = await guardZip(await ledgerXlsx(), 'ok.xlsx');
  expect(summary.binarySheets).toBe(false);
  expect(summary.names).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']));
});

test.each([
  ['A1', 1],
  ['B2:C4', 6],
  ['A1:XFD1048576', 16384 * 1048576],
  ['C3:A1', 0],
  ['&#65;1:XFD1048576', 1], // SheetJS does not unescape ref, so this is one (odd) cell to it
])('hyperlink ref %s covers %d cells as SheetJS reads it', (ref, cells) => {
  expect(sheetjsRangeCells(ref)).toBe(cells);
});

describe('hyperlink tags are found wherever the inflate chunks split them', () => {
  const count = 20_000;
  // Each tag covers 10 cells; pseudo-random padding varies tag lengths (so tags straddle the
  // 256 KiB chunk boundaries at every offset) and keeps the part compressible but not a bomb.
  async function linksWorkbook(): Promise<Buffer> {
    let s = 7;
    const pad = () => {
      let out = '';
      const n = (s = (s * 1103515245 + 12345) >>> 0) % 40;
      for (let k = 0; k < n; k++) out += ((s = (s * 1103515245 + 12345) >>> 0) >>> 20).toString(36);
      return out;
    };
    const tags = Array.from({ length: count }, (_, i) =>
      i % 2 ? `<hyperlink ref="A${i + 1}:J${i + 1}" display="${pad()}"/>` : `<x:hyperlink\tdisplay="${pad()}" ref="B${i + 1}:K${i + 1}"/>`,
    );
    const xml = sheetXml({ cells: [['A1', '保单号']], after: `<hyperlinks>${tags.join('')}</hyperlinks>` });
    expect(xml.length).toBeGreaterThan(1024 * 1024);
    return rawZip(await xlsxWith({ 'xl/worksheets/sheet1.xml': xml }));
  }

  test('none missed, none counted twice', async () => {
    const zip = await linksWorkbook();
    await expect(guardZip(zip, 'links.xlsx', { maxHyperlinkCells: count * 10 })).resolves.toBeDefined();
    const err = await inputError(guardZip(zip, 'links.xlsx', { maxHyperlinkCells: count * 10 - 1 }));
    expect(err).toBeInstanceOf(InputError);
    expect(err.reason).toMatch(new RegExp(`^工作簿中的超链接覆盖了 ${count * 10} 个单元格（上限 ${count * 10 - 1} 个）`));
  });
});

test('total uncompressed size is capped across entries', async () => {
  const entries = await xlsxWith({});
  const err = await inputError(guardZip(rawZip(entries), 'total.xlsx', { maxTotalBytes: 1000 }));
  expect(err.reason).toBe('文件疑似压缩炸弹（解压后体积异常），已拒绝读取');
});

test('TagScanner finds the same tags however the stream is split', () => {
  const xml =
    '<root><hyperlink ref="A1"/><x:hyperlink\nref="B2:C3">text hyperlink not-a-tag <hyperlinks>' +
    '<hyperlink ref="D4" <broken/><hyperlink ref="E5" display="a>b"/><ns:Relationship Target="s.bin"/></root>';
  const collect = (pieces: string[]) => {
    const seen: string[] = [];
    const scanner = new TagScanner(['hyperlink', 'Relationship'], (tag, text) => seen.push(`${tag}:${text.trim()}`), 'x');
    for (const p of pieces) scanner.push(Buffer.from(p, 'latin1'));
    return seen;
  };
  const whole = collect([xml]);
  expect(whole).toEqual(['hyperlink:ref="A1"/', 'hyperlink:ref="B2:C3"', 'hyperlink:ref="E5" display="a', 'Relationship:Target="s.bin"/']);
  for (let i = 0; i <= xml.length; i++) {
    expect(collect([xml.slice(0, i), xml.slice(i)])).toEqual(whole);
    for (let j = i; j <= Math.min(xml.length, i + 12); j++) {
      expect(collect([xml.slice(0, i), xml.slice(i, j), xml.slice(j)])).toEqual(whole);
    }
  }
});

describe('ZIP64 end records', () => {
  /** Rewrites a plain zip's EOCD as ZIP64 (32-bit fields saturated) declaring `count` entries. */
  function asZip64(zip: Buffer, count: number): Buffer {
    const eocd = zip.length - 22;
    const cdSize = zip.readUInt32LE(eocd + 12);
    const cdOffset = zip.readUInt32LE(eocd + 16);
    const z64 = Buffer.alloc(56);
    z64.writeUInt32LE(0x06064b50, 0);
    z64.writeBigUInt64LE(44n, 4);
    z64.writeBigUInt64LE(BigInt(count), 24);
    z64.writeBigUInt64LE(BigInt(count), 32);
    z64.writeBigUInt64LE(BigInt(cdSize), 40);
    z64.writeBigUInt64LE(BigInt(cdOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(eocd), 8);
    locator.writeUInt32LE(1, 16);
    const end = Buffer.from(zip.subarray(eocd));
    end.writeUInt16LE(0xffff, 8);
    end.writeUInt16LE(0xffff, 10);
    end.writeUInt32LE(0xffffffff, 16);
    return Buffer.concat([zip.subarray(0, eocd), z64, locator, end]);
  }

  test('are read for their real figures, then refused because SheetJS reads only the 32-bit ones', async () => {
    const zip = rawZip(await xlsxWith({}));
    const ok = await inputError(guardZip(asZip64(zip, 9), 'z64.xlsx'));
    expect(ok.reason).toBe('文件使用了不支持的压缩方式，请在 Excel 中另存为 .xlsx 后再试');
    const many = await inputError(guardZip(asZip64(zip, 70_000), 'z64.xlsx'));
    expect(many.reason).toMatch(/^文件内部条目过多（70000 个/);
  });
});

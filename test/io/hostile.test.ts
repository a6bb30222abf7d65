/**
 * Files that must not be read — each must fail with `file: 原因` (an InputError), never a
 * stack trace and never an allocation driven by what a header claims.
 */
import * as fs from 'node:fs';
import * as XLSX from 'xlsx';
import { InputError } from '../../src/io/errors';
import { readWorkbookBuffer, readWorkbookFile } from '../../src/io/workbook';
import { inputError, jszipOf, ledgerXlsx, makeTempDir, rawZip, sheetXml, unzipEntries, xlsxWith } from './helpers';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

const TRUNCATED = '文件不完整或已损坏（可能下载或复制时被截断），请重新导出或重新复制该文件';
const BOMB = '文件疑似压缩炸弹（解压后体积异常），已拒绝读取';
const NOT_SHEET = '不是电子表格文件（支持 .xlsx、.xls、.csv）';
const ENCRYPTED = '文件已加密（设置了打开密码），请在 Excel 中取消密码后再试';

async function rejects(path: string, reason: string | RegExp, opts?: Parameters<typeof readWorkbookFile>[1]) {
  const err = await inputError(readWorkbookFile(path, opts));
  expect(err.file).toBe(path);
  if (typeof reason === 'string') expect(err.reason).toBe(reason);
  else expect(err.reason).toMatch(reason);
  expect(err.message).toBe(`${path}: ${err.reason}`);
  expect(err.message).not.toContain('\n');
  return err;
}

/** Deterministic noise (no dependency on crypto randomness in tests). */
function noise(n: number): Buffer {
  const b = Buffer.alloc(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    b[i] = s >>> 24;
  }
  return b;
}

describe('not a spreadsheet', () => {
  test('random bytes named .xlsx', async () => {
    await rejects(tmp.file('random.xlsx', noise(20_000)), NOT_SHEET);
  });

  test('a PNG named .xls', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), noise(2000)]);
    await rejects(tmp.file('photo.xls', png), NOT_SHEET);
  });

  test('a web page saved as .xls is named for what it is', async () => {
    const html =
      '<html><head><meta charset="gb2312"></head><body><table><tr><td>保单号</td></tr></table></body></html>';
    await rejects(tmp.file('web.xls', html), /网页（HTML）或 XML/);
  });

  test('a zip that is not a workbook (a Word document), and an OpenDocument spreadsheet', async () => {
    const docx = rawZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    await rejects(tmp.file('letter.xlsx', docx), NOT_SHEET);
    const ods = rawZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', store: true },
      { name: 'content.xml', data: '<office:document-content/>' },
      { name: 'META-INF/manifest.xml', data: '<manifest/>' },
    ]);
    await rejects(tmp.file('sheet.xlsx', ods), /OpenDocument 表格（\.ods）/);
  });

  test('an OLE compound file without a workbook stream (e.g. a .doc)', async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/WordDocument', noise(600));
    await rejects(tmp.file('old.xls', XLSX.CFB.write(cfb, { type: 'buffer' })), NOT_SHEET);
  });
});

describe('missing, empty, too large', () => {
  test('a missing path', async () => {
    await rejects(tmp.file('nope/not-here.xlsx'), '找不到该文件，请检查路径和文件名是否正确');
  });

  test('a folder', async () => {
    await rejects(tmp.dir, /不是一个普通文件/);
  });

  test('an empty file', async () => {
    await rejects(tmp.file('empty.csv', ''), '文件为空（0 字节），请确认导出或复制是否成功');
  });

  test('a file over the cap, from the option and from INSDESK_MAX_FILE_MB', async () => {
    const path = tmp.file('big.xlsx', await ledgerXlsx());
    const err = await rejects(path, /^文件过大/, { maxFileBytes: 1000 });
    expect(err.reason).toContain('INSDESK_MAX_FILE_MB');

    const saved = process.env.INSDESK_MAX_FILE_MB;
    try {
      process.env.INSDESK_MAX_FILE_MB = '0.001';
      await rejects(path, /^文件过大.*上限 0 MB/);
      await expect(readWorkbookBuffer(fs.readFileSync(path), 'inline.xlsx')).rejects.toThrow(/^inline\.xlsx: 文件过大/);
      process.env.INSDESK_MAX_FILE_MB = '2';
      expect((await readWorkbookFile(path)).grids).toHaveLength(1);
      process.env.INSDESK_MAX_FILE_MB = 'lots';
      const bad = await inputError(readWorkbookFile(path));
      expect(bad.message).toBe('INSDESK_MAX_FILE_MB: 环境变量应为正数（单位 MB），当前为“lots”');
    } finally {
      if (saved === undefined) delete process.env.INSDESK_MAX_FILE_MB;
      else process.env.INSDESK_MAX_FILE_MB = saved;
    }
  });
});

describe('damaged or encrypted', () => {
  test('a truncated xlsx (the first half of a real one)', async () => {
    const whole = await ledgerXlsx();
    await rejects(tmp.file('half.xlsx', whole.subarray(0, whole.length >> 1)), TRUNCATED);
  });

  test('an xlsx cut just before the end of its central directory', async () => {
    const whole = await ledgerXlsx();
    await rejects(tmp.file('cut.xlsx', whole.subarray(0, whole.length - 10)), TRUNCATED);
  });

  test('a password-protected workbook (Office stores it as EncryptionInfo + EncryptedPackage)', async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', noise(300));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', noise(5000));
    await rejects(tmp.file('secret.xlsx', XLSX.CFB.write(cfb, { type: 'buffer' })), ENCRYPTED);
  });

  test('a password-protected .xls (FILEPASS record in the workbook stream)', async () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['保单号'], ['P1']]), '台账');
    const cfb = XLSX.CFB.read(XLSX.write(book, { bookType: 'biff8', type: 'buffer' }), { type: 'buffer' });
    const stream = XLSX.CFB.find(cfb, '/Workbook');
    const content = Buffer.from(stream.content);
    const bofEnd = 4 + content.readUInt16LE(2);
    const filepass = Buffer.alloc(4 + 54);
    filepass.writeUInt16LE(0x002f, 0); // FILEPASS
    filepass.writeUInt16LE(54, 2);
    filepass.writeUInt16LE(1, 4); // RC4
    filepass.writeUInt16LE(1, 6);
    filepass.writeUInt16LE(1, 8);
    stream.content = Buffer.concat([content.subarray(0, bofEnd), filepass, content.subarray(bofEnd)]);
    stream.size = stream.content.length;
    await rejects(tmp.file('secret.xls', XLSX.CFB.write(cfb, { type: 'buffer' })), ENCRYPTED);
  });

  test('a zip whose entries are encrypted with a zip password', async () => {
    const zip = rawZip(await xlsxWith({}));
    const cd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt16LE(zip.readUInt16LE(cd + 8) | 1, cd + 8);
    await rejects(tmp.file('zipcrypto.xlsx', zip), ENCRYPTED);
  });

  test('a sheet SheetJS skips silently (its part is missing) is reported, not dropped', async () => {
    const entries = (await xlsxWith({})).filter((e) => e.name !== 'xl/worksheets/sheet1.xml');
    await rejects(tmp.file('no-sheet.xlsx', rawZip(entries)), /^工作表“承保台账”无法读取/);
  });

  test('an xlsx whose workbook part is not well-formed XML names the part', async () => {
    const workbook = (await unzipEntries(await ledgerXlsx())).get('xl/workbook.xml')!.toString();
    const entries = await xlsxWith({ 'xl/workbook.xml': workbook.replace('</sheets>', '</sheet>') });
    await rejects(
      tmp.file('broken.xlsx', rawZip(entries)),
      /^文件已损坏（内部部件 xl\/workbook\.xml 不是完整的 XML：结束标记 <\/sheet> 与 <sheets> 不匹配）/,
    );
  });
});

describe('zip bombs and lying zips', () => {
  test('a real xlsx whose worksheet XML is padded to ~60 MB of whitespace (ratio < 1%)', async () => {
    const entries = await unzipEntries(await ledgerXlsx());
    const sheet = entries.get('xl/worksheets/sheet1.xml')!.toString();
    const padded = sheet.replace('<sheetData>', `<sheetData>${' '.repeat(60 * 1024 * 1024)}`);
    entries.set('xl/worksheets/sheet1.xml', Buffer.from(padded));
    const bomb = await jszipOf(entries);
    expect(bomb.length).toBeLessThan(600 * 1024);
    await rejects(tmp.file('bomb.xlsx', bomb), BOMB);
  });

  test('headers that under-declare the size: found by inflating, not by trusting them', async () => {
    const padding = 'x'.repeat(3 * 1024 * 1024);
    const entries = await xlsxWith({});
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    sheet.data = Buffer.from(sheet.data.toString().replace('<sheetData>', `<sheetData><!--${padding}-->`));
    sheet.declaredSize = 50 * 1024; // under the ratio grace, so the declared sizes look harmless
    await rejects(tmp.file('liar.xlsx', rawZip(entries)), BOMB);
  });

  test('an entry that declares more than the per-entry cap', async () => {
    const entries = await xlsxWith({});
    entries.find((e) => e.name === 'xl/styles.xml')!.declaredSize = 300 * 1024 * 1024;
    await rejects(tmp.file('huge-entry.xlsx', rawZip(entries)), BOMB);
  });

  test('more than 10,000 entries', async () => {
    const entries = await xlsxWith({});
    for (let i = 0; i < 10_000; i++) entries.push({ name: `xl/media/x${i}.bin`, data: '', store: true });
    await rejects(tmp.file('many.xlsx', rawZip(entries)), /^文件内部条目过多（10\d\d\d 个，上限 10000 个）/);
  });

  test('limits can be tightened per read', async () => {
    const path = tmp.file('tight.xlsx', await ledgerXlsx());
    await rejects(path, /上限 3 个/, { zip: { maxEntries: 3 } });
  });
});

describe('declared ranges that are not data', () => {
  function heapGrowthMB(before: number) {
    return (process.memoryUsage().heapUsed - before) / (1024 * 1024);
  }

  test('dimension A1:XFD1048576 with two real cells, and a merge over the whole sheet', async () => {
    const xml = sheetXml({
      dimension: 'A1:XFD1048576',
      cells: [
        ['A1', '保单号'],
        ['B2', 42],
      ],
      after: '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
    });
    const path = tmp.file('dimension.xlsx', rawZip(await xlsxWith({ 'xl/worksheets/sheet1.xml': xml })));
    const before = process.memoryUsage().heapUsed;
    const [g] = (await readWorkbookFile(path)).grids;
    expect(heapGrowthMB(before)).toBeLessThan(100);
    // Excel shows the merge's top-left value across the merge; filled only where data exists.
    expect(g.rows).toEqual([
      ['保单号', '保单号'],
      ['保单号', '保单号'],
    ]);
  });

  test('thousands of overlapping merges over the data are refused, not ground through', async () => {
    const cells: [string, string | number][] = [];
    for (let r = 1; r <= 1000; r++) cells.push([`A${r}`, `P${r}`], [`B${r}`, r], [`C${r}`, 'x']);
    const merges = '<mergeCell ref="A1:C1000"/>'.repeat(3000);
    const xml = sheetXml({ cells, after: `<mergeCells count="3000">${merges}</mergeCells>` });
    await rejects(
      tmp.file('merges.xlsx', rawZip(await xlsxWith({ 'xl/worksheets/sheet1.xml': xml }))),
      /^工作表“承保台账”的合并单元格范围异常/,
    );
  });

  test('a real cell at C1048576 (the last row) stays sparse', async () => {
    const xml = sheetXml({
      dimension: 'A1:XFD1048576',
      cells: [
        ['A1', '保单号'],
        ['C1048576', 7],
      ],
    });
    const path = tmp.file('last-row.xlsx', rawZip(await xlsxWith({ 'xl/worksheets/sheet1.xml': xml })));
    const before = process.memoryUsage().heapUsed;
    const [g] = (await readWorkbookFile(path)).grids;
    expect(heapGrowthMB(before)).toBeLessThan(100);
    expect(g.rows).toHaveLength(1048576);
    expect(Object.keys(g.rows)).toEqual(['0', '1048575']);
    expect(g.rows[0]).toEqual(['保单号']);
    expect(g.rows[1048575]).toEqual([null, null, 7]);
  });

  test('a hyperlink over the whole sheet costs nothing: links are not cells', async () => {
    const xml = sheetXml({
      cells: [['A1', '保单号']],
      after: '<hyperlinks><hyperlink ref="A1:XFD1048576" location="Sheet1!A1" display="x"/></hyperlinks>',
    });
    const before = process.memoryUsage().heapUsed;
    const wb = await readWorkbookFile(
      tmp.file('hyperlink.xlsx', rawZip(await xlsxWith({ 'xl/worksheets/sheet1.xml': xml }))),
    );
    expect(heapGrowthMB(before)).toBeLessThan(100);
    expect(wb.grids[0].rows).toEqual([['保单号']]);
  });

  test('ordinary one-cell hyperlinks are fine', async () => {
    const xml = sheetXml({
      cells: [['A1', '保单号']],
      after: '<hyperlinks><x:hyperlink ref="A1" location="Sheet1!A1"/></hyperlinks>',
    });
    const wb = await readWorkbookFile(
      tmp.file('link.xlsx', rawZip(await xlsxWith({ 'xl/worksheets/sheet1.xml': xml }))),
    );
    expect(wb.grids[0].rows).toEqual([['保单号']]);
  });

  test("a cell beyond Excel's last column is a damaged file", async () => {
    const xml = sheetXml({
      cells: [
        ['A1', 1],
        ['XFE1', 2],
      ],
    });
    await rejects(
      tmp.file('beyond.xlsx', rawZip(await xlsxWith({ 'xl/worksheets/sheet1.xml': xml }))),
      /超出 Excel 表格范围/,
    );
  });

  test('binary (.xlsb) sheet parts are refused, however they are wired in', async () => {
    const rels = (await unzipEntries(await ledgerXlsx())).get('xl/_rels/workbook.xml.rels')!.toString();
    const rerouted = rels.replace('worksheets/sheet1.xml', 'worksheets/sheet1.bin');
    expect(rerouted).not.toBe(rels);
    await rejects(
      tmp.file('rerouted.xlsx', rawZip(await xlsxWith({ 'xl/_rels/workbook.xml.rels': rerouted }))),
      /\.xlsb/,
    );
    await rejects(tmp.file('wbbin.xlsx', rawZip(await xlsxWith({ 'xl/workbook.bin': 'x' }))), /\.xlsb/);
  });
});

test('every failure above is an InputError, also for bytes handed over directly', async () => {
  const err = await inputError(readWorkbookBuffer(noise(100), 'upload.xlsx'));
  expect(err).toBeInstanceOf(InputError);
  expect(err.message).toBe(`upload.xlsx: ${NOT_SHEET}`);
});

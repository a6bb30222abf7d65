import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import * as XLSX from 'xlsx';
import { readWorkbookBuffer, readWorkbookFile } from '../../src/io/workbook';
import { ledgerXlsx, makeTempDir } from './helpers';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

/** Excel's 1900-system serial for a UTC date. */
const serial1900 = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;

describe('xlsx written by exceljs', () => {
  test('title row merged across the header, numbers, text, dates as serials (1900 system)', async () => {
    const buf = await ledgerXlsx((wb) => {
      const ws = wb.getWorksheet('承保台账')!;
      ws.addRow([new Date(Date.UTC(2026, 9, 31)), '０１２３', 0.1 + 0.2, null]);
      ws.getCell('E3').value = true;
      ws.getCell('F3').value = { formula: 'C3*2', result: 2469 };
      ws.getCell('G3').value = { error: '#N/A' };
      const hidden = wb.addWorksheet('参数');
      hidden.state = 'hidden';
      hidden.getCell('B2').value = '人保财险';
    });
    const path = tmp.file('ledger.xlsx', buf);
    const wb = await readWorkbookFile(path);

    expect(wb.file).toBe(path);
    expect(wb.format).toBe('xlsx');
    expect(wb.grids.map((g) => g.sheet)).toEqual(['承保台账', '参数']);
    const [g, params] = wb.grids;
    expect(g.origin).toEqual({ row: 0, col: 0 });
    expect(g.date1904).toBe(false);
    expect(g.hidden).toBeUndefined();
    const title = '承保台账（2026年10月）';
    expect(g.rows[0]).toEqual([title, title, title, title]);
    expect(g.rows[1]).toEqual(['出单日期', '保单号', '保费', '备注']);
    expect(g.rows[2]).toEqual([serial1900(2026, 10, 5), 'PDAA202611010000000001', 1234.5, '首年', true, 2469, '#N/A']);
    expect(g.rows[3].slice(0, 3)).toEqual([serial1900(2026, 10, 31), '０１２３', 0.1 + 0.2]);
    expect(g.rows[3][3] ?? null).toBeNull();
    expect(g.rows).toHaveLength(4);

    expect(params.hidden).toBe(true);
    expect(params.rows[0]).toBeUndefined();
    expect(params.rows[1][1]).toBe('人保财险');
  });

  test('a workbook in the 1904 date system keeps its serials and says so', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('续保清单');
    ws.addRow(['保单号', '终保日期']);
    ws.addRow(['P1', new Date(Date.UTC(2026, 10, 25))]);
    const path = tmp.file('mac1904.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));

    const [g] = (await readWorkbookFile(path)).grids;
    expect(g.date1904).toBe(true);
    expect(g.rows[1]).toEqual(['P1', serial1900(2026, 11, 25) - 1462]);
  });

  test('a vertical merge repeats its value down the rows that hold data, within the data columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('理赔台账');
    ws.addRow(['业务员', '报案号']);
    ws.addRow(['张三', 'R1']);
    ws.addRow([null, 'R2']);
    ws.addRow([null, 'R3']);
    ws.mergeCells('A2:A4');
    ws.mergeCells('B6:Z9'); // empty top-left: nothing to copy, and nothing past the data is created
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer()); // a plain Uint8Array, not a Buffer
    const [g] = (await readWorkbookBuffer(bytes, 'm.xlsx')).grids;
    expect(g.rows).toEqual([
      ['业务员', '报案号'],
      ['张三', 'R1'],
      ['张三', 'R2'],
      ['张三', 'R3'],
    ]);
  });
});

test('an xlsx zipped with data descriptors (sizes after the data, as streaming writers do)', async () => {
  const zip = await JSZip.loadAsync(await ledgerXlsx());
  const streamed = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', streamFiles: true });
  const [g] = (await readWorkbookBuffer(streamed, 'streamed.xlsx')).grids;
  expect(g.rows[1]).toEqual(['出单日期', '保单号', '保费', '备注']);
});

describe('legacy .xls (BIFF8)', () => {
  test('written by SheetJS and read back: values, merges, error cells, hidden sheet, 1904 flag', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['理赔台账', null, null],
      ['报案号', '赔款', '已结案'],
      ['R2026001', 1500.25, true],
      ['R2026002', { t: 'e', v: 0x07 }, false],
    ]);
    ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 2 } }];
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, ws, '理赔台账');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['旧数据']]), '存档');
    book.Workbook = { Sheets: [{}, { Hidden: 1 }] };
    const path = tmp.file('claims.xls', XLSX.write(book, { bookType: 'biff8', type: 'buffer' }));

    const wb = await readWorkbookFile(path);
    expect(wb.format).toBe('xls');
    const [g, archive] = wb.grids;
    expect(g.sheet).toBe('理赔台账');
    expect(g.date1904).toBe(false);
    expect(g.rows).toEqual([
      ['理赔台账', '理赔台账', '理赔台账'],
      ['报案号', '赔款', '已结案'],
      ['R2026001', 1500.25, true],
      ['R2026002', '#DIV/0!', false],
    ]);
    expect(archive).toMatchObject({ sheet: '存档', hidden: true, rows: [['旧数据']] });

    book.Workbook = { WBProps: { date1904: true } };
    const mac = await readWorkbookBuffer(XLSX.write(book, { bookType: 'biff8', type: 'buffer' }), 'mac.xls');
    expect(mac.grids[0].date1904).toBe(true);
  });
});

describe('CSV', () => {
  const header = '保单号,被保险人,联系电话,保费';
  const body = 'PDAA001,"王芳, 李强",13812345678,"1,234.50"\r\n"PDAA""002",刘敏,,88\r\n';
  const expected = [
    ['保单号', '被保险人', '联系电话', '保费'],
    ['PDAA001', '王芳, 李强', '13812345678', '1,234.50'],
    ['PDAA"002', '刘敏', null, '88'],
  ];

  test('UTF-8 with BOM', async () => {
    const path = tmp.file(
      '续保清单.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${header}\r\n${body}`)]),
    );
    const wb = await readWorkbookFile(path);
    expect(wb.format).toBe('csv');
    expect(wb.grids).toEqual([{ sheet: '续保清单', rows: expected, origin: { row: 0, col: 0 } }]);
  });

  test('UTF-8 without BOM, with an embedded line break in a quoted field', async () => {
    const path = tmp.file('renewal.CSV', `${header}\n"PDAA003","张\n伟",13900000000,10\n`);
    const [g] = (await readWorkbookFile(path)).grids;
    expect(g.sheet).toBe('renewal');
    expect(g.rows).toEqual([expected[0], ['PDAA003', '张\n伟', '13900000000', '10']]);
  });

  test('GBK from the core system, with a title line above the header', async () => {
    const text = `续保查询结果（2026年11月）\r\n${header}\r\n${body}`;
    const path = tmp.file('core.csv', iconv.encode(text, 'gbk'));
    const [g] = (await readWorkbookFile(path)).grids;
    expect(g.rows).toEqual([['续保查询结果（2026年11月）'], ...expected]);
  });

  test('tab-separated, UTF-16LE with BOM (Excel "Unicode text")', async () => {
    const text = '保单号\t保费\r\nP1\t1,234\r\n';
    const path = tmp.file('unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const [g] = (await readWorkbookFile(path)).grids;
    expect(g.rows).toEqual([
      ['保单号', '保费'],
      ['P1', '1,234'],
    ]);
  });

  test('text is read only under a text name: a CSV called .xlsx is refused with what to do', async () => {
    const path = tmp.file('mislabelled.xlsx', `${header}\n${body}`);
    await expect(readWorkbookFile(path)).rejects.toThrow(
      '文件名是 .xlsx，内容却是纯文本，不是电子表格；如果它是 CSV，请把扩展名改为 .csv 后再试',
    );
    const renamed = tmp.file('mislabelled.txt', `${header}\n${body}`);
    const wb = await readWorkbookFile(renamed);
    expect(wb.format).toBe('csv');
    expect(wb.grids[0].rows).toEqual(expected);
  });
});

test('reading a big .xlsx reports its progress as it goes, up to the whole of its XML', async () => {
  const { bigIssuanceGrid } = await import('../../src/demo/samples');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { writeBook } = await import('../read/files');
  const dir = mkdtempSync(join(tmpdir(), 'insdesk-progress-'));
  try {
    const file = await writeBook(join(dir, 'big.xlsx'), [{ name: '承保台账', rows: bigIssuanceGrid(20_000) }]);
    const seen: [number, number][] = [];
    const wb = await readWorkbookFile(file, { onBytes: (done, total) => seen.push([done, total]) });
    expect(wb.grids[0].rows.length).toBe(20_001);
    // Many reports, never backwards, ending at the total.
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every(([d], i) => i === 0 || d >= seen[i - 1][0])).toBe(true);
    const [done, total] = seen[seen.length - 1];
    expect(done).toBeGreaterThan(0.9 * total);
    expect(done).toBeLessThanOrEqual(total);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

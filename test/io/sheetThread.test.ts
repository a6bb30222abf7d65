/**
 * The second thread that parses big streamed sheets (src/io/xlsx/sheetThread.ts) exists only in
 * the compiled CLI (dist/, built by `npm install`): these tests load the compiled reader, let
 * every sheet use the thread (minBytes 0) and compare each reading — rows, merges, refusals —
 * with the same file read on one thread.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Cell } from '../../src/grid';
import type * as Read from '../../src/io/xlsx/read';
import type * as Thread from '../../src/io/xlsx/sheetThread';
import type * as Zip from '../../src/io/xlsx/zip';
import { InputError } from '../../src/io/errors';
import { rawZip, xlsxWith } from './helpers';

const DIST = path.join(__dirname, '..', '..', 'dist', 'src', 'io', 'xlsx');
const { readXlsxBook, DEFAULT_SHEET_LIMITS } = require(path.join(DIST, 'read.js')) as typeof Read;
const { SheetThread } = require(path.join(DIST, 'sheetThread.js')) as typeof Thread;
const { DEFAULT_ZIP_LIMITS } = require(path.join(DIST, 'zip.js')) as typeof Zip;

const SHEET = 'xl/worksheets/sheet1.xml';
const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const DEFAULT_MIN = SheetThread.minBytes;
afterEach(() => {
  SheetThread.minBytes = DEFAULT_MIN;
});

interface Reading {
  rows: [number, Cell[]][];
  merges: readonly Read.Merge[] | null;
  grid?: Cell[][];
  error?: string;
}

/** A copy of `plain` in shared memory, as readWorkbookFile and readAhead read an .xlsx. */
function shared(plain: Buffer): Buffer {
  const buf = Buffer.from(new SharedArrayBuffer(plain.length));
  plain.copy(buf);
  return buf;
}

/**
 * The file read with a sink on every sheet (or as a grid where `grid` says), on one or two
 * threads — with `ahead`, by a thread that started reading it before it was asked.
 */
async function reading(buf: Buffer, threaded: boolean, grid = false, ahead = false): Promise<Reading> {
  SheetThread.minBytes = threaded ? 0 : Infinity;
  if (ahead) expect(SheetThread.readAhead(buf, 'x.xlsx', DEFAULT_ZIP_LIMITS, DEFAULT_SHEET_LIMITS)).toBe(true);
  const out: Reading = { rows: [], merges: null };
  try {
    const book = await readXlsxBook(
      buf,
      'x.xlsx',
      {},
      {},
      {
        sink: () =>
          grid
            ? undefined
            : {
                row: (r, cells) => void out.rows.push([r, [...cells]]),
                end: (merges) => {
                  out.merges = merges;
                  return true;
                },
              },
      },
    );
    if (grid) out.grid = book.sheets[0].rows;
  } catch (err) {
    if (!(err instanceof Error) || err.name !== 'InputError') throw err;
    out.error = (err as InputError).reason;
  }
  return out;
}

async function sameBothWays(buf: Buffer, grid = false): Promise<Reading> {
  const one = await reading(buf, false, grid);
  const two = await reading(buf, true, grid);
  expect(two).toEqual(one);
  return two;
}

/** A ledger as exceljs writes it: shared strings, numbers, dates, booleans, a formula, a merge. */
async function ledger(rows = 300): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('承保台账');
  ws.addRow(['承保台账（2026年11月）']);
  ws.mergeCells('A1:F1');
  ws.addRow(['出单日期', '保单号', '被保险人', '保费', '已交付', '合计']);
  for (let i = 0; i < rows; i++) {
    ws.addRow([
      new Date(Date.UTC(2026, 10, 1 + (i % 28))),
      `PDAA2026110100000${String(i).padStart(5, '0')}`,
      ['张三', '李四', '王五'][i % 3],
      1000 + i / 4,
      i % 2 === 0,
      { formula: `D${i + 3}*2`, result: (1000 + i / 4) * 2 },
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook whose sheet part and shared strings are the given XML. */
async function withParts(sheetData: string, strings: string[]): Promise<Buffer> {
  const sst =
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">` +
    strings.map((s) => `<si><t>${s}</t></si>`).join('') +
    '</sst>';
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${sheetData}</sheetData></worksheet>`;
  return rawZip(await xlsxWith({ [SHEET]: sheet, 'xl/sharedStrings.xml': sst }, await ledger(1)));
}

test('a ledger read on two threads gives the rows and merges of one thread', async () => {
  const r = await sameBothWays(await ledger());
  expect(r.rows).toHaveLength(302);
  expect(r.merges).toEqual([{ r0: 0, c0: 0, r1: 0, c1: 5 }]);
  expect(r.rows[2][1]).toEqual([46327, 'PDAA202611010000000000', '张三', 1000, true, 2000]);
});

test('the thread is used only where the compiled worker is, for sheets of minBytes and more', async () => {
  const start = jest.spyOn(SheetThread, 'start');
  try {
    await reading(await ledger(), true);
    expect(start).toHaveBeenCalledTimes(1);
    expect(start.mock.results[0].value).toBeInstanceOf(SheetThread);
    await reading(await ledger(), false);
    expect(start).toHaveBeenCalledTimes(1);
  } finally {
    start.mockRestore();
  }
});

test('a file read into shared memory (as readWorkbookFile reads an .xlsx) hands the thread its bytes and reads the same', async () => {
  const plain = await ledger();
  expect(await reading(shared(plain), true)).toEqual(await reading(plain, false));
});

describe('a file read ahead (the command line starts on it before its modules load)', () => {
  test('its shared strings and its big sheet come from the thread that started first, and read the same', async () => {
    const buf = shared(await ledger());
    const start = jest.spyOn(SheetThread, 'start');
    try {
      expect(await reading(buf, true, false, true)).toEqual(await reading(buf, false));
      // The thread reading ahead was taken over: no second one was started.
      expect(start).not.toHaveBeenCalled();
    } finally {
      start.mockRestore();
    }
  });

  test('a bad shared-string index, a damaged sheet and damaged shared strings are refused as the reader refuses them', async () => {
    const badIndex = await withParts('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>7</v></c></row>', [
      '保单号',
    ]);
    const damagedSheet = await ledger();
    damagedSheet[damagedSheet.indexOf(Buffer.from(SHEET)) + SHEET.length + 200] ^= 0x20;
    const damagedStrings = await withParts('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', ['保单号', '张三']);
    const sst = 'xl/sharedStrings.xml';
    damagedStrings[damagedStrings.indexOf(Buffer.from(sst)) + sst.length + 10] ^= 0x20;
    for (const plain of [badIndex, damagedSheet, damagedStrings]) {
      const buf = shared(plain);
      const ahead = await reading(buf, true, false, true);
      expect(ahead).toEqual(await reading(buf, false));
      expect(ahead.error).toMatch(/共享字符串编号超出范围|文件已损坏/);
    }
  });

  test('a file read ahead that nobody asks for does not keep the program from ending', () => {
    const script = `
      const { SheetThread } = require(${JSON.stringify(path.join(DIST, 'sheetThread.js'))});
      const { DEFAULT_ZIP_LIMITS } = require(${JSON.stringify(path.join(DIST, 'zip.js'))});
      const { DEFAULT_SHEET_LIMITS } = require(${JSON.stringify(path.join(DIST, 'read.js'))});
      const plain = require('node:fs').readFileSync(process.argv[1]);
      const buf = Buffer.from(new SharedArrayBuffer(plain.length));
      plain.copy(buf);
      SheetThread.minBytes = 0;
      if (!SheetThread.readAhead(buf, 'x.xlsx', DEFAULT_ZIP_LIMITS, DEFAULT_SHEET_LIMITS)) process.exit(5);`;
    const file = path.join(require('node:os').tmpdir(), `insdesk-ahead-${process.pid}.xlsx`);
    return ledger(3_000).then((plain) => {
      require('node:fs').writeFileSync(file, plain);
      try {
        const r = require('node:child_process').spawnSync(process.execPath, ['-e', script, file], { timeout: 30_000 });
        expect(r.signal).toBeNull();
        expect(r.status).toBe(0);
      } finally {
        require('node:fs').rmSync(file, { force: true });
      }
    });
  });
});

test('empty shared strings are no cells, and a row of them is no row, on either thread', async () => {
  const r = await sameBothWays(
    await withParts(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>1</v></c></row>' +
        '<row r="2"><c r="A2" t="s"><v>1</v></c></row>' +
        '<row r="3"><c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>2</v></c></row>',
      ['保单号', '', '王五'],
    ),
  );
  expect(r.rows).toEqual([
    [0, ['保单号']],
    [2, [null, null, '王五']],
  ]);
});

test('a shared-string index past the table is refused with the same message', async () => {
  const r = await sameBothWays(
    await withParts('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="C2" t="s"><v>7</v></c></row>', [
      '保单号',
    ]),
  );
  expect(r.error).toMatch(/C2 单元格共享字符串编号超出范围/);
});

test('a damaged sheet part is refused with the same message', async () => {
  const buf = await ledger();
  const at = buf.indexOf(Buffer.from(SHEET)) + SHEET.length + 200;
  buf[at] ^= 0x20;
  const r = await sameBothWays(buf);
  expect(r.error).toMatch(/^文件已损坏/);
});

test('rows out of order end the streamed reading with null merges (the reader then reads a grid)', async () => {
  const r = await sameBothWays(
    await withParts('<row r="2"><c r="A2" t="s"><v>0</v></c></row><row r="1"><c r="A1" t="s"><v>0</v></c></row>', [
      '保单号',
    ]),
  );
  expect(r.merges).toBeNull();
});

test('a sheet started on the thread but then read as a grid reads the same, and the thread is let go', async () => {
  const r = await sameBothWays(await ledger(), true);
  expect(r.grid).toHaveLength(302);
  expect(r.rows).toEqual([]);
});

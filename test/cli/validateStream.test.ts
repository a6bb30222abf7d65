/**
 * validate reads the ledger sheets of an .xlsx row by row (no grid) when no report is asked
 * for. Whatever a workbook holds, the answer must be the one a grid gives: this runs the same
 * workbooks both ways (the report run reads grids) and compares every finding.
 */
import { join } from 'node:path';
import type { Cell } from '../../src/grid';
import { readFileSync, writeFileSync } from 'node:fs';
import { tempDir, writeBook } from '../read/files';
import { rawZip, unzipEntries } from '../io/helpers';
import { sampleLedgers } from '../../src/demo/samples';
import { writeXlsx } from '../../src/io/xlsxOut';
import { readForValidation } from '../../src/cli/validateRead';
import { run } from './streams';

const { dir, cleanup } = tempDir('insdesk-stream-');
afterAll(cleanup);
afterEach(() => {
  process.exitCode = undefined;
});

/** The JSON of validate, streamed and from grids (the report run), without the report's name. */
async function bothWays(file: string, ...args: string[]) {
  const streamed = await run('validate', file, '--json', ...args);
  const report = join(dir, `report-${Math.random().toString(36).slice(2)}.xlsx`);
  const grids = await run('validate', file, '--json', '--report', report, ...args);
  const { report: _report, ...fromGrids } = JSON.parse(grids.stdout);
  expect(streamed.code).toBe(grids.code);
  return { streamed: JSON.parse(streamed.stdout), fromGrids };
}

const HEADER = ['出单日期', '保单号', '险种', '被保险人', '车牌号', '起保日期', '终保日期', '保费'];
const policy = (i: number, over: Partial<Record<number, Cell>> = {}): Cell[] => {
  const row: Cell[] = [
    '2026-10-08',
    `PDAA2026${String(i).padStart(6, '0')}`,
    '商业险',
    '张伟',
    '京A12345',
    '2026-10-09',
    '2027-10-08',
    3000,
  ];
  for (const [k, v] of Object.entries(over)) row[Number(k)] = v;
  return row;
};

test('the demo ledgers: the same findings, and the ledger sheets really were streamed', async () => {
  const { files } = sampleLedgers('2026-11-25');
  for (const f of files) {
    const path = join(dir, f.name);
    await writeXlsx(path, f.sheets);
    const { streamed, fromGrids } = await bothWays(path, '--as-of', '2026-11-25');
    expect(streamed).toEqual(fromGrids);
    const book = await readForValidation(path, { asOf: '2026-11-25', grids: false });
    expect(book.streamed?.size).toBeGreaterThan(0);
  }
});

test('a title merged above the header is streamed; a merge down the data is read again as a grid', async () => {
  const rows = [
    ['承保台账（2026年10月）'],
    HEADER,
    policy(1),
    ['', '', '', '', ''],
    policy(2, { 4: '京A1234' }),
    policy(3),
  ];
  const titled = await writeBook(join(dir, 'titled.xlsx'), [{ name: '承保台账', rows, merges: ['A1:H1'] }]);
  const a = await bothWays(titled, '--as-of', '2026-10-31');
  expect(a.streamed).toEqual(a.fromGrids);
  expect((await readForValidation(titled, { asOf: '2026-10-31', grids: false })).streamed?.has('承保台账')).toBe(true);

  // 被保险人 merged down a block of rows: Excel shows the value on each row, so must we. In a
  // short sheet every row is still held when the merges arrive: they are filled in there.
  const short = await writeBook(join(dir, 'merged-short.xlsx'), [
    {
      name: '承保台账',
      rows: [HEADER, policy(1, { 3: '李雷' }), policy(2, { 3: null }), policy(3)],
      merges: ['D2:D3'],
    },
  ]);
  const b = await bothWays(short, '--as-of', '2026-10-31');
  expect(b.streamed).toEqual(b.fromGrids);
  expect(b.streamed.summary.errors).toBe(0);
  expect((await readForValidation(short, { asOf: '2026-10-31', grids: false })).streamed?.has('承保台账')).toBe(true);
  // Further down, those rows were checked already: the sheet is read again as a grid.
  const rowsLong = [HEADER, ...Array.from({ length: 30 }, (_, i) => policy(i + 1, i === 25 ? { 3: null } : {}))];
  const long = await writeBook(join(dir, 'merged-long.xlsx'), [
    { name: '承保台账', rows: rowsLong, merges: ['D26:D27'] },
  ]);
  const c = await bothWays(long, '--as-of', '2026-10-31');
  expect(c.streamed).toEqual(c.fromGrids);
  expect(c.streamed.summary.errors).toBe(0);
  expect((await readForValidation(long, { asOf: '2026-10-31', grids: false })).streamed?.has('承保台账') ?? false).toBe(
    false,
  );
});

test('the 设置 sheet after the ledger still sets the as-of date of the streamed sheet', async () => {
  const file = await writeBook(join(dir, 'settings-last.xlsx'), [
    { name: '承保台账', rows: [HEADER, policy(1, { 0: '2026-10-20', 5: '2026-10-10' })] },
    {
      name: '设置',
      rows: [
        ['设置项', '值'],
        ['基准日', '2026-10-31'],
      ],
    },
  ]);
  const { streamed, fromGrids } = await bothWays(file);
  expect(streamed).toEqual(fromGrids);
  expect(streamed.files[0].asOf).toBe('2026-10-31');
});

test('--ledger, a sheet with no ledger, an empty sheet, a report of an earlier run', async () => {
  const file = await writeBook(join(dir, 'mixed.xlsx'), [
    { name: '承保台账', rows: [HEADER, policy(1), policy(1)] },
    { name: '备忘', rows: [['明天给王总回电话'], ['记得带章']] },
    { name: '空白', rows: [] },
  ]);
  for (const args of [[], ['--ledger', 'issuance']]) {
    const { streamed, fromGrids } = await bothWays(file, '--as-of', '2026-10-31', ...args);
    expect(streamed).toEqual(fromGrids);
  }
  const report = join(dir, 'earlier-report.xlsx');
  await run('validate', file, '--report', report, '--as-of', '2026-10-31');
  const again = await bothWays(report, '--as-of', '2026-10-31');
  expect(again.streamed).toEqual(again.fromGrids);
});

test('rows out of order in the file are read as a grid, with the same answer', async () => {
  const file = await writeBook(join(dir, 'ordered.xlsx'), [
    { name: '承保台账', rows: [HEADER, policy(1), policy(2, { 4: '京A1234' }), policy(3)] },
  ]);
  const entries = await unzipEntries(readFileSync(file));
  const sheet = entries.get('xl/worksheets/sheet1.xml')!.toString();
  const rowsXml = sheet.match(/<row [\s\S]*?<\/row>/g)!;
  const shuffled = sheet.replace(rowsXml.join(''), [rowsXml[0], rowsXml[2], rowsXml[1], rowsXml[3]].join(''));
  expect(shuffled).not.toBe(sheet);
  entries.set('xl/worksheets/sheet1.xml', Buffer.from(shuffled));
  const out = join(dir, 'unordered.xlsx');
  writeFileSync(out, rawZip([...entries].map(([name, data]) => ({ name, data }))));
  const { streamed, fromGrids } = await bothWays(out, '--as-of', '2026-10-31');
  expect(streamed).toEqual(fromGrids);
  expect(
    streamed.files[0].sheets[0].findings.map((f: { column: string; row: number }) => `${f.column}${f.row}`),
  ).toEqual(['E3']);
  expect((await readForValidation(out, { asOf: '2026-10-31', grids: false })).streamed).toBeUndefined();
});

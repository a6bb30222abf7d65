/** The installed command: the compiled CLI run by bin/insdesk.js in its own process. */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tempDir, writeBook } from '../read/files';
import { MERGES, SHEET, sheetRows } from '../read/messyIssuance';
import { statSync } from 'node:fs';
import { bigIssuanceGrid } from '../../src/demo/samples';
import { issuance } from '../../src/ledgers/issuance';
import { fileToReadAhead } from '../../src/cli/readAhead';
import { run } from './streams';

const root = resolve(__dirname, '../..');
const { dir, cleanup } = tempDir('insdesk-bin-');
afterAll(cleanup);

let messy: string;
beforeAll(async () => {
  // Type errors elsewhere in the tree (work in progress) do not stop tsc from emitting.
  spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], {
    cwd: root,
  });
  messy = await writeBook(join(dir, 'messy.xlsx'), [{ name: SHEET, rows: sheetRows(), merges: MERGES }]);
});

const insdesk = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/insdesk.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, INSDESK_DEBUG: '' },
  });

test('validate --json: exit 1, one JSON document on stdout, nothing on stderr', () => {
  const r = insdesk('validate', messy, '--json', '--as-of', '2026-10-31');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(1);
  const doc = JSON.parse(r.stdout);
  expect(doc.files[0].sheets[0]).toMatchObject({ sheet: SHEET, ledger: 'issuance', headerRow: 4, rows: 20 });
  expect(doc.summary.errors).toBeGreaterThan(0);
});

test('a missing file: exit 2 and one line on stderr', () => {
  const r = insdesk('validate', 'missing.xlsx');
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe('insdesk: missing.xlsx: 找不到该文件，请检查路径和文件名是否正确\n');
});

describe('a big .xlsx read ahead (before the modules load) and on the second thread', () => {
  test('gives the JSON of the same file read on one thread, its planted mistakes included', async () => {
    // 25,000 rows: over 1 MB of file and 16 MB of sheet XML, so the compiled CLI reads it
    // ahead and streams the sheet on its worker; the in-process run (sources) has neither.
    const grid = bigIssuanceGrid(25_000);
    const header = grid[0] as string[];
    const at = (key: string) => header.indexOf(issuance.column(key).header);
    grid[10][at('plateNo')] = '京A1234';
    grid[20_000][at('policyNo')] = grid[19_999][at('policyNo')];
    grid[24_000][at('premium')] = -5;
    const file = await writeBook(join(dir, 'big.xlsx'), [{ name: '承保台账', rows: grid }]);
    expect(statSync(file).size).toBeGreaterThan(1024 * 1024);
    expect(fileToReadAhead(['validate', file, '--json'])).toBe(file);
    const r = insdesk('validate', file, '--json', '--as-of', '2026-11-30');
    const one = await run('validate', file, '--json', '--as-of', '2026-11-30');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(one.code);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(one.stdout));
    const codes = JSON.parse(r.stdout).files[0].sheets[0].findings.map((f: { code: string }) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['plate.invalid', 'issuance.duplicatePolicy', 'money.notPositive']));
  }, 120_000);

  test.each([
    [['validate', 'a.xlsx', 'b.csv'], 'a.xlsx'],
    [['validate', '--ledger', 'issuance', 'a.xlsx', '--json'], 'a.xlsx'],
    [['validate', '--as-of', '2026-11-30', 'a.XLSX'], 'a.XLSX'],
    [['validate', 'b.csv', 'a.xlsx'], undefined],
    [['validate', 'a.xlsx', '--report'], undefined],
    [['validate', 'a.xlsx', '--report=r.xlsx'], undefined],
    [['crm', 'a.xlsx'], undefined],
  ])('the arguments %j: the file read ahead is %s', (argv, file) => {
    expect(fileToReadAhead(argv)).toBe(file);
  });
});

/** The installed command: the compiled CLI run by bin/insdesk.js in its own process. */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tempDir, writeBook } from '../read/files';
import { MERGES, SHEET, sheetRows } from '../read/messyIssuance';

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

/** An unexpected internal error: one line (stack only with INSDESK_DEBUG=1), exit 3. */
import { join } from 'node:path';
import { tempDir, writeBook } from '../read/files';
import { run } from './streams';

jest.mock('../../src/tasks/validate', () => ({
  ...jest.requireActual('../../src/tasks/validate'),
  validateWorkbooks: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'rows')");
  },
}));

const { dir, cleanup } = tempDir('insdesk-cli-');
let file: string;
beforeAll(async () => {
  file = await writeBook(join(dir, 'a.xlsx'), [
    {
      name: '回款记录',
      rows: [
        ['合同编号', '回款日期', '回款金额'],
        ['HT-1', '2026-10-01', 5],
      ],
    },
  ]);
});
afterAll(cleanup);
afterEach(() => {
  delete process.env.INSDESK_DEBUG;
  process.exitCode = undefined;
});

test('prints one line and exits 3', async () => {
  const r = await run('validate', file, '--json');
  expect(r.code).toBe(3);
  expect(r.stdout).toBe('');
  expect(r.errLines).toHaveLength(1);
  expect(r.errLines[0]).toMatch(
    /^insdesk: 内部错误: Cannot read properties of undefined \(reading 'rows'\)（.*INSDESK_DEBUG=1/,
  );
});

test('with INSDESK_DEBUG=1 the stack follows the line', async () => {
  process.env.INSDESK_DEBUG = '1';
  const r = await run('validate', file);
  expect(r.code).toBe(3);
  expect(r.errLines[0]).toMatch(/^insdesk: 内部错误/);
  expect(r.errLines[1]).toMatch(/^TypeError: /);
  expect(r.errLines.slice(2).some((l) => /^\s+at /.test(l))).toBe(true);
});

/**
 * Plausible big inputs end in an answer, not exit 3: the JSON stays bounded, and a long list
 * of duplicates does not overflow the call stack.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { tempDir } from '../read/files';
import { run } from './streams';

const { dir, cleanup } = tempDir('insdesk-bounded-');
afterAll(cleanup);
afterEach(() => {
  process.exitCode = undefined;
});

const HEADER = '序号,保单号,险种,被保险人,联系电话,终保日期';

test('--json lists 1,000 findings of one code per sheet and counts the rest; --all-findings lists all', async () => {
  const rows = [HEADER, '1,PDAA2026000001,商业险,张三,13812345678,2026-12-20'];
  for (let i = 2; i <= 2_501; i++) rows.push(`${i},,,,,`);
  const file = join(dir, '续保清单.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);

  const bounded = JSON.parse((await run('validate', file, '--json', '--as-of', '2026-12-01')).stdout);
  const sheet = bounded.files[0].sheets[0];
  expect(sheet.findings.filter((f: { code: string }) => f.code === 'row.noData')).toHaveLength(1_000);
  expect(sheet.omittedFindings).toEqual({ 'row.noData': 1_500 });
  expect(sheet.infos).toBe(2_500);
  expect(bounded.summary.infos).toBe(2_500);

  const all = JSON.parse((await run('validate', file, '--json', '--all-findings', '--as-of', '2026-12-01')).stdout);
  expect(all.files[0].sheets[0].findings).toHaveLength(2_500);
  expect(all.files[0].sheets[0].omittedFindings).toBeUndefined();
});

test('a 130,000-row renewal list of duplicates is checked (no stack overflow), exit 0 with warnings', async () => {
  const lines = [HEADER];
  for (let i = 1; i <= 130_000; i++) lines.push(`${i},PDAA2026000001,商业险,张三,13812345678,2026-12-20`);
  const file = join(dir, 'dups.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const r = await run('validate', file, '--json', '--as-of', '2026-12-01');
  expect(r.errLines).toEqual([]);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout);
  expect(doc.summary.warnings).toBe(129_999);
  expect(doc.files[0].sheets[0].omittedFindings).toEqual({ 'renewal.duplicate': 128_999 });
});

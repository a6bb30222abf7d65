/**
 * No command ever writes a source file, whatever name the output reaches it by: the same
 * path, a symbolic link, a hard link (or another letter case on a case-insensitive disk,
 * which the same device + inode check covers).
 */
import { createHash } from 'node:crypto';
import { linkSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, writeBook } from '../read/files';
import { run } from './streams';

const { dir, cleanup } = tempDir('insdesk-identity-');
afterAll(cleanup);
afterEach(() => {
  process.exitCode = undefined;
});

const digest = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

let source: string;
beforeAll(async () => {
  source = await writeBook(join(dir, '续保清单.xlsx'), [
    {
      name: '续保清单',
      rows: [
        ['保单号', '车牌号', '被保险人', '联系电话', '险种', '保险止期', '所属人员'],
        ['PDAA202613000001', '京A12345', '张三', '13812345678', '商业险', '2026-12-20', '王五'],
      ],
    },
  ]);
});

const links: [string, (target: string, path: string) => void][] = [
  ['symbolic link', (target, path) => symlinkSync(target, path)],
  ['hard link', (target, path) => linkSync(target, path)],
];

const commands: [string, (out: string) => string[], string][] = [
  ['validate --report', (out) => ['validate', source, '--report', out], '--report'],
  ['upgrade --out', (out) => ['upgrade', source, '--out', out], '--out'],
  ['stats --out', (out) => ['stats', source, '--period', '2026-11', '--out', out], '--out'],
  ['crm --out', (out) => ['crm', source, '--as-of', '2026-12-01', '--specialists', '甲,乙', '--out', out], '--out'],
];

describe.each(links)('an output that is the source through a %s', (kind, link) => {
  test.each(commands)('%s is refused and the source keeps its bytes', async (name, argv, option) => {
    const out = join(dir, `${kind}-${name.replace(/\W+/g, '_')}.xlsx`);
    link(source, out);
    const before = digest(source);
    const r = await run(...argv(out));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toContain(`${option} 不能与输入文件相同`);
    expect(r.errLines[0]).toContain(source);
    expect(digest(source)).toBe(before);
  });
});

test('a CSV output whose list file is a link to the source is refused before anything is written', async () => {
  const base = join(dir, 'crm.csv');
  // The CRM import writes one CSV per list; the first is the base name itself.
  symlinkSync(source, base);
  const before = digest(source);
  const r = await run('crm', source, '--as-of', '2026-12-01', '--specialists', '甲,乙', '--out', base);
  expect(r.code).toBe(2);
  expect(r.errLines[0]).toContain('不能与输入文件相同');
  expect(digest(source)).toBe(before);
});

test('the same file named twice through a link is read once by stats', async () => {
  const alias = join(dir, 'alias.xlsx');
  symlinkSync(source, alias);
  const once = JSON.parse(
    (await run('stats', source, '--period', '2026-12', '--as-of', '2026-12-31', '--json')).stdout,
  );
  const twice = JSON.parse(
    (await run('stats', source, alias, '--period', '2026-12', '--as-of', '2026-12-31', '--json')).stdout,
  );
  expect(twice.renewal.dueCount).toBe(once.renewal.dueCount);
  expect(once.renewal.dueCount).toBe(1);
});

test('one rule for an output not named: beside the first input, named after it and what it holds', async () => {
  const { existsSync } = await import('node:fs');
  const before = digest(source);
  const cases: [string[], string][] = [
    [['validate', source, '--report'], '续保清单-校验报告.xlsx'],
    [['upgrade', source], '续保清单-已升级.xlsx'],
    [['crm', source, '--as-of', '2026-11-25', '--specialists', '张三'], '续保清单-CRM导入.xlsx'],
    [['stats', source, '--period', '2026-12', '--out'], '续保清单-统计报表.xlsx'],
  ];
  for (const [argv, name] of cases) {
    const r = await run(...argv);
    expect([argv, r.code, r.stderr]).toEqual([argv, expect.any(Number), expect.not.stringContaining('insdesk:')]);
    expect([name, existsSync(join(dir, name))]).toEqual([name, true]);
  }
  expect(digest(source)).toBe(before);
});

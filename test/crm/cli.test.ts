/** `insdesk crm` usage errors: exit 2 with one clear line, nothing on stdout, no output written. */
import { existsSync } from 'node:fs';
import { AS_OF, HEADER, cli, row, tempDir, writeXlsx } from './helpers';

describe('insdesk crm: bad usage and inputs without a renewal list', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  beforeAll(async () => {
    await writeXlsx(tmp.path('list.xlsx'), [{ name: '续保清单', rows: [[...HEADER], row()] }]);
    await writeXlsx(tmp.path('claims.xlsx'), [
      {
        name: '理赔台账',
        rows: [
          ['报案号', '车牌号', '出险日期', '报案日期', '状态'],
          ['BA1', '京A12345', '2026-10-01', '2026-10-01', '结案'],
        ],
      },
    ]);
    const noCoverage = HEADER.filter((h) => h !== '险种');
    await writeXlsx(tmp.path('nocoverage.xlsx'), [
      {
        name: '续保',
        rows: [noCoverage, noCoverage.map((h) => (h === '保单号' ? 'P1' : h === '终保日期' ? '2026-12-01' : 'x'))],
      },
    ]);
  });

  const expectUsage = async (args: string[], ...fragments: string[]) => {
    const r = await cli(['crm', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    for (const f of fragments) expect(lines[0]).toContain(f);
    return lines[0];
  };

  test('missing --specialists', async () => {
    await expectUsage([tmp.path('list.xlsx'), '--as-of', AS_OF, '--out', tmp.path('o1.xlsx')], '--specialists');
    expect(existsSync(tmp.path('o1.xlsx'))).toBe(false);
  });

  test('missing --as-of', async () => {
    await expectUsage([tmp.path('list.xlsx'), '--specialists', '张三', '--out', tmp.path('o2.xlsx')], '--as-of');
  });

  test('an --as-of that is not a date', async () => {
    await expectUsage([tmp.path('list.xlsx'), '--as-of', '明天', '--specialists', '张三'], '--as-of', '明天');
  });

  test('an empty or repeated specialist list', async () => {
    await expectUsage([tmp.path('list.xlsx'), '--as-of', AS_OF, '--specialists', ' , '], '--specialists');
    await expectUsage(
      [tmp.path('list.xlsx'), '--as-of', AS_OF, '--specialists', '张三,李四,张三', '--out', tmp.path('o3.xlsx')],
      '张三',
      '两次',
    );
  });

  test.each([
    ['--seed', 'abc'],
    ['--seed', '-1'],
    ['--window', '3.5'],
    ['--lead', 'x'],
  ])('%s %s', async (option, value) => {
    await expectUsage([tmp.path('list.xlsx'), '--as-of', AS_OF, '--specialists', '张三', option, value], option);
  });

  test('a file with no renewal list in it (a claims ledger)', async () => {
    await expectUsage(
      [tmp.path('claims.xlsx'), '--as-of', AS_OF, '--specialists', '张三', '--out', tmp.path('o4.xlsx')],
      'claims.xlsx',
      '没有找到续保清单',
    );
    expect(existsSync(tmp.path('o4.xlsx'))).toBe(false);
  });

  test('a sheet that is nearly a renewal list says which column is missing', async () => {
    await expectUsage(
      [tmp.path('nocoverage.xlsx'), '--as-of', AS_OF, '--specialists', '张三', '--out', tmp.path('o5.xlsx')],
      'nocoverage.xlsx',
      '险种',
    );
  });

  test('a missing input file', async () => {
    await expectUsage([tmp.path('nope.xlsx'), '--as-of', AS_OF, '--specialists', '张三'], 'nope.xlsx');
  });

  test('--out naming the input file, or with another extension', async () => {
    await expectUsage(
      [tmp.path('list.xlsx'), '--as-of', AS_OF, '--specialists', '张三', '--out', tmp.path('list.xlsx')],
      '不能与输入文件相同',
    );
    await expectUsage(
      [tmp.path('list.xlsx'), '--as-of', AS_OF, '--specialists', '张三', '--out', tmp.path('o.txt')],
      '.xlsx',
      '.csv',
    );
  });

  test('without --out the result goes beside the list', async () => {
    const r = await cli(['crm', tmp.path('list.xlsx'), '--as-of', AS_OF, '--specialists', '张三']);
    expect(r.code).toBe(0);
    expect(existsSync(tmp.path('list-CRM导入.xlsx'))).toBe(true);
    expect(r.stdout).toContain('导入CRM 1');
  });

  test('--json: exactly one JSON document with the cli.md shape', async () => {
    const r = await cli([
      'crm',
      tmp.path('list.xlsx'),
      '--as-of',
      '2026/11/25',
      '--specialists',
      '张三，李四',
      '--out',
      tmp.path('j.csv'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json).slice(0, 11)).toEqual([
      'asOf',
      'counts',
      'assignments',
      'vehicleAssignments',
      'leadVehicles',
      'renewedHerePolicies',
      'unmappedHandlers',
      'callbacksToday',
      'inaccurate',
      'phoneFixed',
      'outputs',
    ]);
    expect(Object.keys(json.counts).sort()).toEqual([
      'alreadyAssigned',
      'blocked',
      'duplicate',
      'input',
      'invalid',
      'lapsed',
      'leads',
      'lost',
      'needsPhone',
      'outOfWindow',
      'renewed',
      'renewedHere',
    ]);
    expect(json.asOf).toBe(AS_OF);
    expect(Object.keys(json.assignments)).toEqual(['张三', '李四']);
    expect(json.outputs[0]).toBe(tmp.path('j.csv'));
    expect(json.outputs).toContain(tmp.path('j.汇总.csv'));
    for (const f of json.outputs) expect(existsSync(f)).toBe(true);
  });
});

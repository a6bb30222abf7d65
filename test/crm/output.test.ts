/**
 * What the files look like: CSV in UTF-8 with BOM, text that looks like a formula written as
 * text in CSV and xlsx alike (numbers untouched), CRM profiles, and --previous.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { csvField } from '../../src/tasks/crm/csv';
import { DEFAULT_PROFILE, parseProfile } from '../../src/tasks/crm';
import { formatDate } from '../../src/tasks/crm/profile';
import { AS_OF, HEADER, cli, inDays, readXlsx, row, sheetValues, tempDir, writeXlsx } from './helpers';

const HYPERLINK = '=HYPERLINK("http://evil.example/","点我")';

describe('CSV and xlsx never hold a formula by accident', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  beforeAll(async () => {
    await writeXlsx(tmp.path('list.xlsx'), [
      {
        name: '续保清单',
        rows: [
          [...HEADER],
          row({ 被保险人: HYPERLINK, 上年保费: -500, 经办人: 'hyperlink' }),
          row({ 被保险人: '+8613812345678', 经办人: 'plus' }),
          row({ 被保险人: '-5', 厂牌型号: '@SUM(A1)', 经办人: 'minus' }),
        ],
      },
    ]);
    for (const out of ['crm.csv', 'crm.xlsx']) {
      const r = await cli([
        'crm',
        tmp.path('list.xlsx'),
        '--as-of',
        AS_OF,
        '--specialists',
        '张三',
        '--out',
        tmp.path(out),
      ]);
      expect(r.code).toBe(0);
    }
  });

  test('CSV: UTF-8 with BOM (EF BB BF), then the header', () => {
    const buf = readFileSync(tmp.path('crm.csv'));
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buf.subarray(3).toString('utf8').split('\r\n')[0]).toBe(
      '客户名称,联系电话,车牌号,车架号,厂牌型号,保单号,险种,保险止期,上年保费,业务归属,所属人员,发放日期,备注',
    );
    expect([...readFileSync(tmp.path('crm.汇总.csv')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  test('CSV: formula-like text gets a leading single quote (OWASP); a negative premium stays a number', () => {
    const lines = readFileSync(tmp.path('crm.csv'), 'utf8').split('\r\n');
    const hyper = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(hyper.startsWith(`"'=HYPERLINK(""http://evil.example/"",""点我"")",`)).toBe(true);
    expect(hyper).toContain(',-500,');
    expect(lines.some((l) => l.startsWith(`"'+8613812345678",`))).toBe(true);
    const minus = lines.find((l) => l.startsWith(`"'-5",`))!;
    expect(minus).toContain(`,"'@SUM(A1)",`);
  });

  test('xlsx: the same texts are string cells, not formulas; the negative premium is a number', async () => {
    const wb = await readXlsx(tmp.path('crm.xlsx'));
    const ws = wb.getWorksheet('CRM导入')!;
    const values = sheetValues(ws);
    const h = values[0] as string[];
    const find = (name: string) => ws.getRow(values.findIndex((r) => r[h.indexOf('客户名称')] === name) + 1);
    for (const text of [HYPERLINK, '+8613812345678', '-5']) {
      const cell = find(text).getCell(h.indexOf('客户名称') + 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
      expect(cell.numFmt).toBe('@');
    }
    const premium = find(HYPERLINK).getCell(h.indexOf('上年保费') + 1);
    expect(premium.type).toBe(ExcelJS.ValueType.Number);
    expect(premium.value).toBe(-500);
    // No cell of the file carries a formula at all.
    const zip = await JSZip.loadAsync(readFileSync(tmp.path('crm.xlsx')));
    for (const name of Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/'))) {
      expect(await zip.file(name)!.async('string')).not.toMatch(/<f[ >]/);
    }
  });

  test.each([
    ['=1+1', `"'=1+1"`],
    ['+1', `"'+1"`],
    ['-x', `"'-x"`],
    ['@x', `"'@x"`],
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['京A12345', '京A12345'],
    [-5, '-5'],
    [1234.5, '1234.5'],
    [null, ''],
  ])('csvField(%j) → %s', (cell, out) => {
    expect(csvField(cell)).toBe(out);
  });
});

describe('CRM profiles', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const profile = {
    name: '乙分公司CRM',
    sheet: '导入',
    dateFormat: 'yyyy/mm/dd',
    columns: [
      { header: '客户姓名', field: '被保险人' },
      { header: '手机', field: 'phone' },
      { header: '保单号码', field: 'policyNo' },
      { header: '险种', field: '险种' },
      { header: '到期日', field: 'expiryDate', dateFormat: 'yyyymmdd' },
      { header: '分配日期', field: '发放日期' },
      { header: '坐席', field: 'assignee' },
      { header: '数据来源', value: '续保' },
      { header: '备注', field: 'note' },
    ],
  };
  const lead = row({ 被保险人: '王小明', 终保日期: inDays(30) });

  beforeAll(async () => {
    await writeXlsx(tmp.path('list.xlsx'), [{ name: '续保清单', rows: [[...HEADER], lead] }]);
    writeFileSync(tmp.path('b.json'), JSON.stringify(profile, null, 2));
  });

  test('renamed and reordered columns, a fixed column and another date format, in xlsx and CSV', async () => {
    for (const out of ['b.xlsx', 'b.csv']) {
      const r = await cli([
        'crm',
        tmp.path('list.xlsx'),
        '--as-of',
        AS_OF,
        '--specialists',
        '张三',
        '--profile',
        tmp.path('b.json'),
        '--out',
        tmp.path(out),
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const expected = [
      ['客户姓名', '手机', '保单号码', '险种', '到期日', '分配日期', '坐席', '数据来源', '备注'],
      [
        '王小明',
        lead[3],
        lead[0],
        '商业险',
        inDays(30).replace(/-/g, ''),
        inDays(5).replace(/-/g, '/'),
        '张三',
        '续保',
        null,
      ],
    ];
    const wb = await readXlsx(tmp.path('b.xlsx'));
    expect(wb.worksheets[0].name).toBe('导入');
    // exceljs leaves out a trailing empty cell (the empty 备注).
    expect(sheetValues(wb.worksheets[0])).toEqual([expected[0], expected[1].slice(0, -1)]);
    const csv = readFileSync(tmp.path('b.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(csv).toEqual(expected.map((r) => r.map((c) => c ?? '')));
  });

  test('--previous: policies already in the CRM file (matched by the profile headers 保单号码 + 险种) are not imported again', async () => {
    const newLead = row({ 终保日期: inDays(29) });
    const sameNoOtherCoverage = row({ 保单号: lead[0], 险种: '交强险', 终保日期: inDays(29) });
    await writeXlsx(tmp.path('list2.xlsx'), [
      { name: '续保清单', rows: [[...HEADER], lead, newLead, sameNoOtherCoverage] },
    ]);
    const r = await cli([
      'crm',
      tmp.path('list2.xlsx'),
      '--as-of',
      AS_OF,
      '--specialists',
      '张三',
      '--profile',
      tmp.path('b.json'),
      '--previous',
      tmp.path('b.xlsx'),
      '--out',
      tmp.path('c.xlsx'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.counts).toMatchObject({ input: 3, alreadyAssigned: 1, leads: 2 });
    expect(json.previousPolicies).toBe(1);
    const other = sheetValues((await readXlsx(tmp.path('c.xlsx'))).getWorksheet('其他记录')!);
    expect(other[1].slice(-2)).toEqual(['已发放', '已在上次的 CRM 导入文件中']);
  });

  test('--previous without a 险种 column matches on 保单号 alone', async () => {
    writeFileSync(tmp.path('prev.csv'), `\uFEFF保单号,所属人员\r\n${lead[0]},张三\r\n`);
    const sameNoOtherCoverage = row({ 保单号: lead[0], 险种: '交强险' });
    await writeXlsx(tmp.path('list3.xlsx'), [{ name: '续保清单', rows: [[...HEADER], lead, sameNoOtherCoverage] }]);
    const r = await cli([
      'crm',
      tmp.path('list3.xlsx'),
      '--as-of',
      AS_OF,
      '--specialists',
      '张三',
      '--previous',
      tmp.path('prev.csv'),
      '--out',
      tmp.path('d.xlsx'),
      '--json',
    ]);
    expect(JSON.parse(r.stdout).counts).toMatchObject({ alreadyAssigned: 2, leads: 0 });
  });

  test.each([
    ['an unknown field', { columns: [{ header: 'x', field: '车主年龄' }] }, '字段“车主年龄”不认识'],
    ['a column with neither field nor value', { columns: [{ header: 'x' }] }, '应有 field'],
    [
      'a date format without a day',
      { dateFormat: 'yyyy-mm', columns: [{ field: 'expiryDate' }] },
      '日期格式“yyyy-mm”不完整',
    ],
    ['no columns', { columns: [] }, 'CRM 模板格式不正确'],
  ])('a bad profile (%s): exit 2, one line naming the file', async (_, json, message) => {
    writeFileSync(tmp.path('bad.json'), JSON.stringify(json));
    const r = await cli([
      'crm',
      tmp.path('list.xlsx'),
      '--as-of',
      AS_OF,
      '--specialists',
      '张三',
      '--profile',
      tmp.path('bad.json'),
      '--out',
      tmp.path('e.xlsx'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('bad.json');
    expect(r.stderr).toContain(message);
  });
});

describe('profile parts', () => {
  test.each([
    ['yyyy-mm-dd', '2026-03-05'],
    ['yyyy/m/d', '2026/3/5'],
    ['yyyymmdd', '20260305'],
    ['yyyy年m月d日', '2026年3月5日'],
    ['dd.mm.yyyy', '05.03.2026'],
  ])('formatDate(2026-03-05, %s) → %s', (format, out) => {
    expect(formatDate('2026-03-05', format)).toBe(out);
  });

  test('fields by key, canonical header or alias; header defaults to the canonical one', () => {
    const p = parseProfile({
      columns: [{ field: '被保人' }, { field: 'expiryDate' }, { header: '止期', field: '保险止期' }, { field: '备注' }],
    });
    expect(p.columns.map((c) => [c.header, c.field])).toEqual([
      ['被保险人', 'insuredName'],
      ['终保日期', 'expiryDate'],
      ['止期', 'expiryDate'],
      ['备注', 'note'],
    ]);
    expect(p.sheet).toBe('CRM导入');
    expect(DEFAULT_PROFILE.columns.map((c) => c.header)).toEqual([
      '客户名称',
      '联系电话',
      '车牌号',
      '车架号',
      '厂牌型号',
      '保单号',
      '险种',
      '保险止期',
      '上年保费',
      '业务归属',
      '所属人员',
      '发放日期',
      '备注',
    ]);
  });

  test('a header used twice is refused', () => {
    expect(() =>
      parseProfile({
        columns: [
          { header: 'A', field: 'phone' },
          { header: 'A', value: 1 },
        ],
      }),
    ).toThrow('列名“A”出现了两次');
  });
});

/**
 * Every bucket of ledgers.md §1 step 9 with its precedence, on the core system's export as it
 * really arrives (GBK CSV with a title line), run through the CLI and read back from the xlsx.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import type { Cell, Grid } from '../../src/grid';
import { runCrm } from '../../src/tasks/crm';
import { AS_OF, HEADER, cli, inDays, policy, readXlsx, row, sheetValues, tempDir, writeGbkCsv } from './helpers';

const A = policy();
/** Label → row; labels are written into 经办人 so each row can be found in the outputs. */
const CASES: [string, Cell[]][] = [
  ['lead', row({ 保单号: A, 经办人: 'lead' })],
  ['lead-window-edge', row({ 终保日期: inDays(30), 经办人: 'lead-window-edge' })],
  ['lead-today', row({ 终保日期: inDays(0), 经办人: 'lead-today' })],
  ['invalid-no-insured', row({ 被保险人: null, 经办人: 'invalid-no-insured' })],
  ['invalid-and-duplicate', row({ 保单号: A, 终保日期: '2026-13-45', 经办人: 'invalid-and-duplicate' })],
  ['duplicate-and-renewed', row({ 保单号: A, 联系结果: '成功续保', 经办人: 'duplicate-and-renewed' })],
  ['same-policy-other-coverage', row({ 保单号: A, 险种: '交强', 经办人: 'same-policy-other-coverage' })],
  ['renewed', row({ 续保保单号: 'PDAA2027XYZ0001', 经办人: 'renewed' })],
  ['renewed-and-lost', row({ 续保保单号: 'PDAA2027XYZ0002', 联系结果: '明确拒绝', 经办人: 'renewed-and-lost' })],
  ['lost-and-lapsed', row({ 联系结果: '明确拒绝', 终保日期: inDays(-10), 经办人: 'lost-and-lapsed' })],
  [
    'lapsed-and-assigned',
    row({ 所属人员: '王五', 发放日期: inDays(-30), 终保日期: inDays(-3), 经办人: 'lapsed-and-assigned' }),
  ],
  ['lapsed-agency', row({ 业务归属: '代理公司业务', 终保日期: inDays(-5), 经办人: 'lapsed-agency' })],
  ['lapsed-no-channel', row({ 业务归属: null, 终保日期: inDays(-4), 经办人: 'lapsed-no-channel' })],
  ['assigned-worked', row({ 所属人员: '张三', 发放日期: inDays(-5), 联系结果: '有意向', 经办人: 'assigned-worked' })],
  ['assigned-and-out-of-window', row({ 所属人员: '李四', 终保日期: inDays(40), 经办人: 'assigned-and-out-of-window' })],
  ['expired-not-lapsed', row({ 终保日期: inDays(-2), 经办人: 'expired-not-lapsed' })],
  ['beyond-window', row({ 终保日期: inDays(31), 经办人: 'beyond-window' })],
  ['out-of-window-and-no-phone', row({ 终保日期: inDays(40), 联系电话: null, 经办人: 'out-of-window-and-no-phone' })],
  ['needs-phone', row({ 联系电话: '12345', 经办人: 'needs-phone' })],
];

const EXPECTED: Record<string, string> = {
  lead: 'CRM导入',
  'lead-window-edge': 'CRM导入',
  'lead-today': 'CRM导入',
  'same-policy-other-coverage': 'CRM导入',
  'invalid-no-insured': '无效记录',
  'invalid-and-duplicate': '无效记录',
  'duplicate-and-renewed': '重复记录',
  renewed: '其他记录',
  'renewed-and-lost': '其他记录',
  'lost-and-lapsed': '其他记录',
  'lapsed-and-assigned': '脱保-冀东业务',
  'lapsed-agency': '脱保-代理公司业务',
  'lapsed-no-channel': '脱保-未填业务归属',
  'assigned-worked': '其他记录',
  'assigned-and-out-of-window': '其他记录',
  'expired-not-lapsed': '其他记录',
  'beyond-window': '其他记录',
  'out-of-window-and-no-phone': '其他记录',
  'needs-phone': '需查找电话清单',
};

describe('crm buckets on a GBK CSV with a title line', () => {
  const tmp = tempDir();
  let json: {
    counts: Record<string, number>;
    assignments: Record<string, number>;
    outputs: string[];
  };
  let wb: ExcelJS.Workbook;
  let inputHash: string;
  const input = tmp.path('续保查询.csv');

  beforeAll(async () => {
    writeGbkCsv(
      input,
      CASES.map(([, r]) => r),
    );
    inputHash = createHash('sha256').update(readFileSync(input)).digest('hex');
    const run = await cli([
      'crm',
      input,
      '--as-of',
      AS_OF,
      '--specialists',
      '张三,李四,王五',
      '--out',
      tmp.path('crm.xlsx'),
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    json = JSON.parse(run.stdout);
    wb = await readXlsx(tmp.path('crm.xlsx'));
  });
  afterAll(() => tmp.cleanup());

  test('the counts have all twelve buckets and add up to the input', () => {
    expect(json.counts).toEqual({
      input: 19,
      leads: 4,
      invalid: 2,
      duplicate: 1,
      renewed: 2,
      renewedHere: 0,
      lost: 1,
      lapsed: 3,
      alreadyAssigned: 2,
      outOfWindow: 3,
      needsPhone: 1,
      blocked: 0,
    });
    const { input: total, ...buckets } = json.counts;
    expect(Object.values(buckets).reduce((a, b) => a + b, 0)).toBe(total);
    expect(json.outputs).toEqual([tmp.path('crm.xlsx')]);
  });

  test('each row lands in the list of its first matching bucket, and in no other', () => {
    const seen = new Map<string, string[]>();
    for (const ws of wb.worksheets) {
      if (ws.name === '汇总') continue;
      const rows = sheetValues(ws);
      const header = rows[0] as string[];
      // The CRM sheet has no 经办人 column: find its rows by 保单号 + 险种.
      for (const r of rows.slice(1)) {
        let label: string | undefined;
        if (ws.name === 'CRM导入') {
          const no = r[header.indexOf('保单号')],
            cov = r[header.indexOf('险种')];
          label = CASES.find(
            ([, c]) =>
              c[0] === no &&
              (c[1] === cov || (c[1] === '交强' && cov === '交强险')) &&
              !['invalid-and-duplicate', 'duplicate-and-renewed'].includes(String(c[9])),
          )?.[0];
        } else {
          label = String(r[header.indexOf('经办人')]);
        }
        expect(label).toBeDefined();
        seen.set(label!, [...(seen.get(label!) ?? []), ws.name]);
      }
    }
    for (const [label] of CASES) expect([label, seen.get(label)]).toEqual([label, [EXPECTED[label]]]);
  });

  test('the other list says which bucket each row is in and why', () => {
    const rows = sheetValues(wb.getWorksheet('其他记录')!);
    const header = rows[0] as string[];
    const of = (label: string) => rows.find((r) => r[header.indexOf('经办人')] === label)!;
    const cls = header.indexOf('分类'),
      why = header.indexOf('原因');
    expect(of('renewed-and-lost')[cls]).toBe('已续保');
    expect(of('lost-and-lapsed')[cls]).toBe('战败');
    expect(of('assigned-and-out-of-window')[cls]).toBe('已发放');
    expect(of('expired-not-lapsed')[cls]).toBe('不在期限内');
    expect(of('expired-not-lapsed')[why]).toContain('已过期 2 天');
    expect(of('beyond-window')[why]).toContain('距到期 31 天');
  });

  test('invalid and duplicate rows carry the reason and the source row', () => {
    const invalid = sheetValues(wb.getWorksheet('无效记录')!);
    expect(invalid[0][0]).toBe('行号');
    const reasons = invalid.slice(1).map((r) => r[r.length - 1]);
    expect(reasons[0]).toContain('被保险人');
    expect(reasons[1]).toContain('日期');
    const dup = sheetValues(wb.getWorksheet('重复记录')!);
    // Title line, header, then the cases: the first row of policy A is Excel row 3.
    expect(dup[1][dup[1].length - 1]).toContain('与第 3 行重复');
  });

  test('lapsed lists: one sheet per 业务归属 with the days without cover', () => {
    const rows = sheetValues(wb.getWorksheet('脱保-冀东业务')!);
    const header = rows[0] as string[];
    expect(rows[1][header.indexOf('脱保天数')]).toBe(3);
    expect(rows[1][header.indexOf('终保日期')]).toBe(inDays(-3));
  });

  test('the input file is not changed', () => {
    expect(createHash('sha256').update(readFileSync(input)).digest('hex')).toBe(inputHash);
  });

  test('汇总 shows the counts and that they match the input', () => {
    const rows = sheetValues(wb.getWorksheet('汇总')!);
    const line = (label: string) => rows.find((r) => r[0] === label)!;
    expect(line('输入数据行')[1]).toBe(19);
    expect(line('导入CRM')[1]).toBe(4);
    expect([line('合计（应等于输入数据行）')[1], line('合计（应等于输入数据行）')[3]]).toEqual([19, '相符']);
    const specialists = rows.filter((r) => ['张三', '李四', '王五'].includes(String(r[0])));
    expect(specialists.map((r) => r[2]).reduce((a, b) => Number(a) + Number(b), 0)).toBe(4);
  });
});

describe('a workbook with several renewal sheets (engine on grids, as the ribbon button runs it)', () => {
  test('read as one list: duplicates across sheets, lists name the sheet', () => {
    const a = policy();
    const grids: Grid[] = [
      {
        sheet: '冀东',
        rows: [['冀东业务续保清单'], [...HEADER], row({ 保单号: a, 经办人: 'first' }), row({ 经办人: 'other' })],
      },
      { sheet: '说明', rows: [['本工作簿由续保岗整理']] },
      { sheet: '代理', rows: [[...HEADER], row({ 保单号: a, 业务归属: '代理公司业务', 经办人: 'second' })] },
    ];
    const r = runCrm({ renewal: { name: 'book.xlsx', grids } }, { asOf: AS_OF, specialists: ['张三', '李四'] });
    expect(r.sources).toEqual([
      { sheet: '冀东', headerRow: 2, rows: 2 },
      { sheet: '代理', headerRow: 1, rows: 1 },
    ]);
    expect(r.counts).toMatchObject({ input: 3, leads: 2, duplicate: 1 });
    const dup = r.sheets.find((s) => s.role === 'duplicate')!.rows;
    expect(dup[0].slice(0, 2)).toEqual(['工作表', '行号']);
    expect(dup[1].slice(0, 2)).toEqual(['代理', 2]);
    expect(dup[1][dup[1].length - 1]).toContain('与“冀东”第 3 行重复');
  });
});

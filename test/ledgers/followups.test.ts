/**
 * 回访记录 as a ledger of its own (workflows.md §1): found by its headers, every rule with the
 * cell it points at, a warning for a call about a policy the run does not know, and a template.
 */
import ExcelJS from 'exceljs';
import { cli, readXlsx, sheetValues, tempDir, writeXlsx } from '../crm/helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const at = (iso: string, hh: number, mm = 0): Date => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, hh, mm));
};

test('validate finds the log beside the list and checks each rule at its cell', async () => {
  const file = await writeXlsx(tmp.path('desk.xlsx'), [
    {
      name: '续保清单',
      rows: [
        ['保单号', '险种', '被保险人', '车牌号', '终保日期'],
        ['PDAA202600000001', '商业险', '张三', '冀B12345', '2026-12-20'],
      ],
    },
    {
      name: '回访',
      rows: [
        ['回访时间', '保单号', '车牌号', '回访结果', '预约时间', '回访员'],
        [at('2026-12-01', 9, 30), 'PDAA202600000001', null, '预约回电', null, '李强'], // 2: no appointment
        [at('2026-12-01', 10, 0), null, null, '有意向', null, '李强'], // 3: no policy, no plate
        [at('2026-12-01', 11, 0), null, '冀B12345', '预约回电', at('2026-11-30', 9, 0), '李强'], // 4: next before
        [at('2026-12-01', 15, 0), 'PDAA209900000009', null, '无人接听', null, '李强'], // 5: unknown policy
        [at('2026-12-02', 15, 0), null, '冀B12345', '通了', null, '李强'], // 6: not a result
        [at('2026-12-02', 16, 0), null, '冀B12345', '成功续保', null, '李强'], // 7: clean
      ],
    },
  ]);
  const r = await cli(['validate', file, '--json']);
  expect(r.code).toBe(1);
  const json = JSON.parse(r.stdout);
  const log = json.files[0].sheets.find((s: { sheet: string }) => s.sheet === '回访');
  expect(log.ledger).toBe('followups');
  expect(log.columns).toMatchObject({ 回访时间: 'contactedAt', 回访结果: 'result', 预约时间: 'nextContactAt' });
  const found = log.findings.map((f: { row: number; column: string; code: string; level: string }) => [
    f.row,
    f.column,
    f.code,
    f.level,
  ]);
  expect(found).toEqual(
    expect.arrayContaining([
      [2, 'E', 'followups.noAppointment', 'warning'],
      [3, 'B', 'followups.noTarget', 'error'],
      [4, 'E', 'followups.nextBeforeContact', 'error'],
      [5, 'B', 'followups.unknownTarget', 'warning'],
    ]),
  );
  expect(found.filter((f: unknown[]) => f[0] === 6).map((f: unknown[]) => f[1])).toEqual(['D']);
  expect(found.filter((f: unknown[]) => f[0] === 7)).toEqual([]);
});

test('template followups: a 回访记录 workbook with its drop-downs and the 是否接通 formula', async () => {
  const out = tmp.path('回访记录.xlsx');
  const r = await cli(['template', 'followups', '--out', out]);
  expect(r.code).toBe(0);
  const wb: ExcelJS.Workbook = await readXlsx(out);
  const ws = wb.getWorksheet('回访记录')!;
  const header = sheetValues(ws)[0] as string[];
  expect(header.slice(0, 9)).toEqual([
    '保单号',
    '车牌号',
    '回访类型',
    '联系时间',
    '联系方式',
    '联系结果',
    '下次联系时间',
    '联系人',
    '备注',
  ]);
  expect(header).toContain('是否接通');
  const result = ws.getCell(2, header.indexOf('联系结果') + 1).dataValidation;
  expect(result.type).toBe('list');
  const formula = ws.getCell(2, header.indexOf('是否接通') + 1).formula;
  expect(formula).toContain('无人接听');
});

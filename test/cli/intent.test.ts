/**
 * The 投保意向表 as a ledger of its own (workflows.md §6): `template intent` writes it with the
 * four fields the issuing desk asked for, `validate` finds an intent workbook by its headers
 * (and `--ledger intent` forces it), and its rules flag a 年审 that lapses before the policy
 * starts. Real files written and read back.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { cli } from './streams';
import { fieldsOf } from '../../taskpane/forms/fields';
import { formById } from '../../taskpane/forms/specs';
import { tempDir, writeBook } from '../stats/helpers';

const { dir, cleanup } = tempDir('intent');
afterAll(cleanup);

const HEADER = [
  '被保险人',
  '车牌号',
  '厂牌型号',
  '使用性质',
  '投保人',
  '投保人联系电话',
  '省份',
  '城市',
  '区县',
  '详细地址',
  '起保日期',
  '投保险种',
  '行驶本年审日期',
  '驾驶本年审日期',
  '非车险卡单',
  '赠品名称',
];
const ROW = [
  '张伟',
  '冀B12345',
  '大众FV7146',
  '家庭自用',
  '张伟',
  '13812345678',
  '河北省',
  '唐山市',
  '路北区',
  '建设路12号',
  '2026-12-20',
  '交强险+商业险',
  '2026-12-01',
  '2027-05-01',
  '赠送',
  '车载香水',
];

test('template intent: the 投保意向表 with 年审 dates, 非车险卡单 and 赠品, and a 设置 of its own', async () => {
  const file = join(dir, '投保意向表.xlsx');
  expect((await cli(['template', 'intent', '--out', file])).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('投保意向表')!;
  const headers: string[] = [];
  ws.getRow(1).eachCell((c) => headers.push(String(c.value)));
  expect(headers).toEqual(expect.arrayContaining(['行驶本年审日期', '驾驶本年审日期', '非车险卡单', '赠品名称']));
  const cardCol = headers.indexOf('非车险卡单') + 1;
  expect(ws.getRow(2).getCell(cardCol).dataValidation).toMatchObject({ type: 'list', formulae: ['"赠送,销售,无"'] });
  // Its 设置 holds what an intent workbook uses: the 基准日 only.
  expect(wb.getWorksheet('设置')!.getColumn(1).values.filter(Boolean)).toEqual(['设置项', '基准日']);
});

test('validate finds an intent workbook by its headers and flags a 年审 lapsing before the start', async () => {
  const file = await writeBook(join(dir, '意向.xlsx'), [{ name: '意向登记', rows: [HEADER, ROW] }]);
  const { code, out } = await cli(['validate', file, '--as-of', '2026-12-06', '--json']);
  expect(code).toBe(0); // a warning only
  const sheet = JSON.parse(out).files[0].sheets[0];
  expect(sheet).toMatchObject({ sheet: '意向登记', ledger: 'intent', rows: 1 });
  expect(sheet.findings).toEqual([
    expect.objectContaining({
      row: 2,
      column: 'M',
      level: 'warning',
      code: 'intent.inspectionDue',
      message: expect.stringContaining('行驶本年审日期 2026-12-01 早于起保日期 2026-12-20'),
    }),
  ]);
  // Forced, as with any ledger key.
  const forced = await cli(['validate', file, '--ledger', 'intent', '--as-of', '2026-12-06', '--json']);
  expect(JSON.parse(forced.out).files[0].sheets[0].ledger).toBe('intent');
});

test('the side panel’s 投保意向表 form carries the four fields, 非车险卡单 as a choice', () => {
  const fields = fieldsOf(formById('intent')!);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const key of ['vehicleInspection', 'licenceInspection', 'nonAutoCard', 'gift'])
    expect(byKey.has(key)).toBe(true);
  expect(byKey.get('nonAutoCard')!.options).toEqual(['赠送', '销售', '无']);
});

test('every key of workflows.md is a --ledger and template name: staff is the 差勤 roster', async () => {
  const file = join(dir, '人力表.xlsx');
  expect((await cli(['template', 'staff', '--out', file])).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets[0].name).toBe('人力表');
  const headers: string[] = [];
  wb.worksheets[0].getRow(1).eachCell((c) => headers.push(String(c.value)));
  expect(headers).toEqual(expect.arrayContaining(['执业证号', '证书有效期至', '签约日期', '解约日期', '推荐人']));
  for (const key of ['intent', 'items', 'documents', 'staff']) {
    const { code, out } = await cli(['validate', file, '--ledger', key, '--json']);
    expect([key, code === 2 ? out : 'accepted']).toEqual([key, 'accepted']);
  }
});

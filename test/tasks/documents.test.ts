/**
 * 单证登记 and the 手续不全清单 (workflows.md §6): a paper not in hand is a warning on its cell,
 * a company car also needs its 单位用车证明, and the statistics list the incomplete policies per
 * 业务员. A real register written to a file and read back.
 */
import { join } from 'node:path';
import { readWorkbookFile } from '../../src/io/workbook';
import { validateWorkbooks } from '../../src/tasks/validate';
import { SHEET_NAMES } from '../../src/tasks/stats';
import { ledger, statsOf, tempDir, writeBook } from '../stats/helpers';

const { dir, cleanup } = tempDir('documents');
afterAll(cleanup);

const HEADER = [
  '保单号',
  '被保险人',
  '业务员',
  '使用性质',
  '投保单签字',
  '客户告知单',
  '行驶本',
  '身份证或组织机构代码证',
  '单位用车证明',
];
const ROWS = [
  ['P1', '张伟', '马颖', '家庭自用', '是', '是', '是', '是', null], // complete
  ['P2', '李娜', '马颖', '家庭自用', '是', '否', '是', '√', null], // 告知单 missing
  ['P3', '唐山建材', '吴霞', '非营业企业客车', '是', '是', '是', '是', '否'], // company car without proof
];

let file: string;
beforeAll(async () => {
  file = await writeBook(join(dir, '单证登记.xlsx'), [{ name: '单证登记', rows: [HEADER, ...ROWS] }]);
});

test('validate: each paper not in hand is a warning on its cell', async () => {
  const { grids } = await readWorkbookFile(file);
  const sheet = validateWorkbooks([{ file, grids }], { asOf: '2026-11-25' }).files[0].sheets[0];
  expect(sheet.ledger).toBe('documents');
  expect(sheet.findings.map((f) => [f.row, f.column, f.level, f.code])).toEqual([
    [3, 'F', 'warning', 'documents.incomplete'],
    [4, 'I', 'warning', 'documents.incomplete'],
  ]);
  expect(sheet.findings[1].message).toBe('手续不全：缺单位用车证明（请催收后改为“是”）');
});

test('the statistics: the 手续不全清单 per 业务员', async () => {
  const r = await statsOf([file], '2026-11', '2026-11-25');
  expect(ledger(r, 'documents')).toMatchObject({
    registered: 3,
    incompleteCount: 2,
    bySpecialist: { 吴霞: 1, 马颖: 1 },
  });
  const sheet = r.report.sheets.find((s) => s.name === SHEET_NAMES.documents)!;
  // 业务员 in pinyin order (马 before 吴).
  expect(sheet.tables[1].rows).toEqual([
    ['马颖', 'P2', '李娜', '客户告知单'],
    ['吴霞', 'P3', '唐山建材', '单位用车证明'],
  ]);
});

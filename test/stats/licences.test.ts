/**
 * The staff register (workflows.md §7): licence expiry warned 30 days ahead and an error once
 * lapsed, for staff still working; 解约 before 签约 refused; the 证件到期清单 in the statistics.
 * A real 人力表 written to a file and read back.
 */
import { join } from 'node:path';
import { readWorkbookFile } from '../../src/io/workbook';
import { validateWorkbooks } from '../../src/tasks/validate';
import { SHEET_NAMES } from '../../src/tasks/stats';
import { ledger, statsOf, tempDir, writeBook } from './helpers';

const { dir, cleanup } = tempDir('licences');
afterAll(cleanup);

const AS_OF = '2026-11-25';
const HEADER = ['工号', '姓名', '部门', '入司日期', '离司日期', '执业证号', '证书有效期至', '签约日期', '解约日期'];
const ROWS = [
  ['JD01', '马颖', '续保部', '2020-01-02', null, 'ZY001', '2026-11-15', '2020-01-02', null], // lapsed 10 days ago
  ['JD02', '吴霞', '续保部', '2021-03-01', null, 'ZY002', '2026-12-05', '2021-03-01', null], // 10 days left
  ['JD03', '孔卫东', '承保部', '2019-05-01', '2026-10-31', 'ZY003', '2026-11-01', '2019-05-01', null], // has left
  ['JD04', '何建国', '承保部', '2018-07-01', null, 'ZY004', '2028-01-01', '2018-07-01', '2017-01-01'], // 解约 < 签约
  ['JD05', '郭晓明', '理赔部', '2022-02-01', null, 'ZY005', '2027-06-30', '2022-02-01', null], // far off
];

let file: string;
beforeAll(async () => {
  file = await writeBook(join(dir, '差勤.xlsx'), [{ name: '人力表', rows: [HEADER, ...ROWS] }]);
});

test('validate: lapsed is an error, lapsing within 30 days a warning — only for staff still working', async () => {
  const { grids } = await readWorkbookFile(file);
  const result = validateWorkbooks([{ file, grids }], { asOf: AS_OF });
  const findings = result.files[0].sheets[0].findings.map((f) => [f.row, f.column, f.level, f.code]);
  expect(findings).toEqual([
    [2, 'G', 'error', 'staff.licenceExpired'],
    [3, 'G', 'warning', 'staff.licenceExpiring'],
    [5, 'I', 'error', 'staff.terminationBeforeSign'],
  ]);
  expect(result.files[0].sheets[0].findings[0].message).toBe(
    '证书已于 2026-11-15 过期（已过 10 天）：过期不能展业，请尽快办理换证',
  );
});

test('the statistics list them on 证件到期清单, lapsed first, and in the JSON', async () => {
  const r = await statsOf([file], '2026-11', AS_OF);
  const sheet = r.report.sheets.find((s) => s.name === SHEET_NAMES.licences)!;
  expect(sheet.tables[0].rows).toEqual([
    ['JD01', '马颖', '续保部', 'ZY001', '2026-11-15', -10, '已过期'],
    ['JD02', '吴霞', '续保部', 'ZY002', '2026-12-05', 10, '即将到期'],
  ]);
  expect(ledger(r, 'attendance').licences.map((l: { employeeId: string }) => l.employeeId)).toEqual(['JD01', 'JD02']);
});

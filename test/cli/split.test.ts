/**
 * `insdesk split` (workflows.md §7): a list cut into one printable list per 部门 — by its own
 * column, or joined to the 人力表 by 工号 and else 姓名 — each with 签收 and 主管确认 columns, a
 * count and a signature line; one workbook or one file per group. Real files written and read back.
 */
import ExcelJS from 'exceljs';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './streams';
import { tempDir, writeBook } from '../stats/helpers';

const { dir, cleanup } = tempDir('split');
afterAll(cleanup);

let roster: string;
let prizes: string;
beforeAll(async () => {
  roster = await writeBook(join(dir, '人力表.xlsx'), [
    {
      name: '人力表',
      rows: [
        ['工号', '姓名', '部门'],
        ['JD01', '马颖', '续保部'],
        ['JD02', '吴霞', '续保部'],
        ['JD03', '孟明辉', '承保部'],
      ],
    },
  ]);
  prizes = await writeBook(join(dir, '奖品名单.xlsx'), [
    {
      name: '十一月奖品',
      rows: [
        ['十一月续保之星奖品发放'],
        ['工号', '姓名', '奖品'],
        ['JD03', '孟明辉', '保温杯'],
        [null, '马颖', '购物卡'], // no 工号: found by 姓名
        ['JD02', '吴霞', '雨伞'],
        ['JD99', '顾思远', '雨伞'], // not on the roster
        ['合计', null, '4 件'],
      ],
    },
  ]);
});

test('joined to the 人力表: one sheet per 部门 in roster order, sign columns, count and signature line', async () => {
  const out = join(dir, '按部门.xlsx');
  const { code, out: stdout } = await cli([
    'split',
    prizes,
    '--by',
    '部门',
    '--roster',
    roster,
    '--out',
    out,
    '--json',
  ]);
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toEqual({
    sheet: '十一月奖品',
    by: '部门',
    via: 'employeeId',
    groups: { 续保部: 2, 承保部: 1, '（不在人力表）': 1 },
    outputs: [out],
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['续保部', '承保部', '（不在人力表）']);
  const ws = wb.getWorksheet('续保部')!;
  const rows = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
  expect(rows(1)).toEqual(['续保部（共 2 条）']);
  expect(rows(2)).toEqual(['工号', '姓名', '奖品', '签收', '主管确认']);
  expect(rows(3)).toEqual([undefined, '马颖', '购物卡']);
  expect(rows(4)).toEqual(['JD02', '吴霞', '雨伞']);
  expect(rows(6)).toEqual(['合计 2 条', undefined, '主管签字：', undefined, '日期：']);
  // Printable: A4, the header row on every page.
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, printTitlesRow: '2:2' });
});

test('by the list’s own column, one file per value in a folder; the list is never written', async () => {
  const leads = await writeBook(join(dir, '不准确清单.xlsx'), [
    {
      name: '不准确',
      rows: [
        ['保单号', '被保险人', '业务归属'],
        ['P1', '张三', '冀东业务'],
        ['P2', '李四', '代理公司业务'],
        ['P3', '王五', null],
        ['P4', '赵六', '冀东业务'],
      ],
    },
  ]);
  const folder = join(dir, '拆分');
  const { code } = await cli(['split', leads, '--by', '业务归属', '--out', folder]);
  expect(code).toBe(0);
  expect(readdirSync(folder).sort()).toEqual(
    ['不准确清单-冀东业务.xlsx', '不准确清单-代理公司业务.xlsx', '不准确清单-（未填写）.xlsx'].sort(),
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(folder, '不准确清单-冀东业务.xlsx'));
  expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('冀东业务（共 2 条）');
});

test('a list without the column (and no roster) is one clear line, exit 2', async () => {
  const { code, out } = await cli(['split', prizes, '--by', '部门', '--out', join(dir, 'x.xlsx')]);
  expect(code).toBe(2);
  expect(out).toContain('名单中没有“部门”列（没有该列时可用 --roster 人力表.xlsx 按工号或姓名查部门）');
  expect(out.trim().split('\n')).toHaveLength(1);
});

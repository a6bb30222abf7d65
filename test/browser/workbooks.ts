/** Workbooks the browser tests open the pane on, as the strict Excel fake takes them. */
import type { Scalar } from '../excel/fakeExcel';
import { dateSerial } from '../excel/fakeState';
import type { Page } from 'playwright-core';
import type { FakeSetup } from './shim';

export const serial = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number);
  return dateSerial(y, m, d, false)!;
};

type Rows = (Scalar | null)[][];

/** A hand-kept 承保台账: title row, header in row 2, two policies, 序号 filled ahead. */
export const ISSUANCE: Rows = [
  ['承保台账（2026年10月）'],
  [
    '序号',
    '出单日期',
    '保单号',
    '险种',
    '投保人',
    '被保险人',
    '车牌号',
    '厂牌型号',
    '起保日期',
    '终保日期',
    '保费',
    '实收保费',
    '业务员',
    '交付状态',
    '备注',
  ],
  [
    1,
    serial('2026-10-05'),
    'PDAA202611000001',
    '商业险',
    '张伟',
    '张伟',
    '京A12345',
    '大众FV7146',
    serial('2026-10-06'),
    serial('2027-10-05'),
    3000,
    3000,
    '刘洋',
    '是',
    '老客户',
  ],
  [
    2,
    serial('2026-10-06'),
    'PDAA202611000002',
    '交强险',
    '李娜',
    '李娜',
    '冀B23456',
    '丰田TV7250',
    serial('2026-10-07'),
    serial('2027-10-06'),
    950,
    0,
    '刘洋',
    '否',
    null,
  ],
  [3],
  [4],
];

export const RENEWAL: Rows = [
  [
    '保单号',
    '险种',
    '被保险人',
    '联系电话',
    '车牌号',
    '厂牌型号',
    '终保日期',
    '所属人员',
    '联系结果',
    '续保保单号',
    '续保日期',
    '续保保费',
    '战败原因',
  ],
  [
    'PDZA2025000101',
    '商业险',
    '赵敏',
    '13812345678',
    '冀B12345',
    '大众FV7146',
    serial('2026-10-30'),
    '于丽',
    null,
    null,
    null,
    null,
    null,
  ],
  [
    'PDZA2025000102',
    '商业险',
    '钱进',
    '13912345678',
    '冀B22345',
    '本田HG7150',
    serial('2026-11-02'),
    '于丽',
    null,
    null,
    null,
    null,
    null,
  ],
];

export const CONTRACTS: Rows = [
  ['合同编号', '客户名称', '片区', '签订日期', '合同金额', '约定交付日期', '实际交付日期', '状态'],
  ['HT-2026-001', '唐山钢铁', '路北', serial('2026-09-01'), 500000, serial('2026-11-30'), null, '执行中'],
];

export const ROSTER: Rows = [
  ['工号', '姓名', '部门', '入司日期', '离司日期'],
  ['A001', '周杰', '车险部', serial('2024-03-01'), null],
  ['A002', '吴芳', '车险部', serial('2025-07-15'), null],
];

export const setup = (sheets: Record<string, Rows>, selection?: FakeSetup['selection']): FakeSetup => ({
  sheets,
  ...(selection ? { selection } : {}),
});

/** The fake workbook's cells, read in the page. */
export const cells = (page: Page, sheet: string, address: string): Promise<Scalar[][]> =>
  page.evaluate(([s, a]) => window.__fake.values(s, a), [sheet, address] as const);

export const formats = (page: Page, sheet: string, address: string): Promise<(string | null)[][]> =>
  page.evaluate(([s, a]) => window.__fake.formats(s, a), [sheet, address] as const);

export const sheetNames = (page: Page): Promise<string[]> => page.evaluate(() => window.__fake.sheetNames());

/** What each request to the fake did, one list of operations per sync. */
export const syncOps = (page: Page): Promise<string[][]> =>
  page.evaluate(() => window.__fake.syncs().map((s) => s.ops));

export const writes = (ops: string[][]): string[][] =>
  ops.filter((o) => o.some((x) => x.startsWith('set ') || x.startsWith('call ')));

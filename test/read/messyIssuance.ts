/**
 * A real-looking issuance workbook as clerks keep it: a merged title, a note, a blank row,
 * aliased and decorated headers, text dates, money as text, a total row — and planted
 * mistakes, each with the cell and level validate must report.
 */
import type { Cell } from '../../src/grid';
import { day } from './files';

export const SHEET = '10月承保';

export const HEADER = [
  '序号',
  '签单日期',
  '保险单号',
  '险别',
  '投保人',
  '被保险人姓名',
  '号牌号码',
  '车架号',
  '保险起期',
  '保险止期',
  '应收保费（元）',
  '已收保费（元）',
  '业务类型',
  '销售顾问',
  '承保公司',
  '手续费率',
  '已交付',
  '证件号码',
  '备注',
];
// Column letters:  A 序号 … S 备注.
const COLS = 'ABCDEFGHIJKLMNOPQRS'.split('');

export const HEADER_ROW = 4;
const FIRST_DATA_ROW = 5;

const VIN_OK = 'LFV2A21K8D4123456';
const VIN_BAD_CHECK = 'LSVAU2180N2183294';
const ID_OK = '11010519491231002X';
const PLATES = ['京A12345', '冀B6K789', '津C23456', '冀BD12345', '京N8P765', '冀A99999', '鲁B12345'];
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周杰', '吴倩'];

export interface Plant {
  /** 0-based data row index. */
  index: number;
  set: Partial<Record<string, Cell>>;
  column: string;
  level: 'error' | 'warning';
  code: string;
}

export const PLANTS: Plant[] = [
  { index: 1, set: { G: '京A1234' }, column: 'G', level: 'error', code: 'plate.invalid' },
  { index: 3, set: { H: VIN_BAD_CHECK }, column: 'H', level: 'warning', code: 'vin.checkDigit' },
  { index: 4, set: { J: '2026-10-01' }, column: 'J', level: 'error', code: 'issuance.endBeforeStart' },
  { index: 6, set: { L: '1,000.00', Q: '是' }, column: 'Q', level: 'error', code: 'issuance.deliveredUnpaid' },
  { index: 7, set: { L: 99999, Q: '否' }, column: 'L', level: 'error', code: 'issuance.overpaid' },
  { index: 9, set: { I: '2026/10/2', J: '2027/10/1' }, column: 'I', level: 'warning', code: 'issuance.backdated' },
  { index: 10, set: { D: '交强', J: '2027-04-08' }, column: 'J', level: 'warning', code: 'issuance.compulsoryTerm' },
  { index: 11, set: { B: '10/12/2026' }, column: 'B', level: 'error', code: 'date.invalid' },
  { index: 12, set: { K: '3,2l0.00' }, column: 'K', level: 'error', code: 'money.invalid' },
  { index: 13, set: { C: 'PDAA202610080000000003' }, column: 'C', level: 'error', code: 'issuance.duplicatePolicy' },
  { index: 14, set: { C: 123000000000000000 }, column: 'C', level: 'error', code: 'code.precisionLost' },
  { index: 15, set: { R: '110105194912310021' }, column: 'R', level: 'error', code: 'idNo.invalid' },
  { index: 16, set: { F: null }, column: 'F', level: 'error', code: 'field.required' },
  { index: 17, set: { D: '车损险' }, column: 'D', level: 'error', code: 'enum.invalid' },
];

export const DATA_ROWS = 20;

/** A clean row, spelled a different way each time as clerks do. */
function cleanRow(i: number): Record<string, Cell> {
  const issue = 8 + (i % 12); // October 8th–19th
  const iso = (d: number, y = 2026) => `${y}-10-${String(d).padStart(2, '0')}`;
  const dateCell = (d: number, y = 2026): Cell =>
    [day(iso(d, y)), iso(d, y), `${y}/10/${d}`, `${y}年10月${d}日`, `${y}.10.${String(d).padStart(2, '0')}`][i % 5];
  const premium = [950, 3210.5, 1288, 4560, 665][i % 5];
  const premiumCell: Cell = [
    premium,
    `¥${premium.toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    `${premium}元`,
    String(premium),
  ][i % 4];
  const compulsory = i % 3 === 0;
  return {
    A: i + 1,
    B: dateCell(issue),
    C: `PDAA2026100800000000${String(i).padStart(2, '0')}`,
    D: compulsory ? '交强险' : '商业险',
    E: NAMES[i % NAMES.length],
    F: NAMES[i % NAMES.length],
    G: PLATES[i % PLATES.length],
    H: i % 2 ? VIN_OK : null,
    I: dateCell(issue + 1),
    J: dateCell(issue, 2027),
    K: premiumCell,
    L: premiumCell,
    M: ['新保', '续保', '转保'][i % 3],
    N: ['赵敏', '钱进'][i % 2],
    O: ['人保财险', '平安产险', '太平洋产险'][i % 3],
    P: ['4%', 0.15, '0.2'][i % 3],
    Q: i % 4 ? '是' : '否',
    R: i % 5 === 0 ? ID_OK : null,
    S: i % 6 === 0 ? '老客户转介绍' : null,
  };
}

export function dataRows(): Record<string, Cell>[] {
  const rows = Array.from({ length: DATA_ROWS }, (_, i) => cleanRow(i));
  for (const p of PLANTS) Object.assign(rows[p.index], p.set);
  return rows;
}

export const excelRow = (index: number): number => FIRST_DATA_ROW + index + (index >= 10 ? 1 : 0);
export const TOTAL_ROW = excelRow(DATA_ROWS - 1) + 1;

/** The sheet as rows of cells: title, note, blank, header, data (a blank row after the 10th), total. */
export function sheetRows(): Cell[][] {
  const data = dataRows().map((r) => COLS.map((c) => r[c] ?? null));
  return [
    ['冀东保险代理有限公司 承保台账（2026年10月）'],
    ['制表：赵敏　　金额单位：元'],
    [],
    HEADER,
    ...data.slice(0, 10),
    [],
    ...data.slice(10),
    ['合计', null, null, null, null, null, null, null, null, null, 45678.9],
  ];
}

export const MERGES = ['A1:S1'];

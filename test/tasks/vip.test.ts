/**
 * The VIP mark (workflows.md §6): a car's 交强险 and 商业险 must carry the same 会员卡号. An
 * issuance ledger written to a real file and read back, then validated.
 */
import { join } from 'node:path';
import { readWorkbookFile } from '../../src/io/workbook';
import { validateWorkbooks } from '../../src/tasks/validate';
import { tempDir, writeBook } from '../stats/helpers';

const { dir, cleanup } = tempDir('vip');
afterAll(cleanup);

const HEADER = ['出单日期', '保单号', '险种', '被保险人', '车牌号', '起保日期', '保费', '会员卡号'];
const policy = (no: string, coverage: string, plate: string, start: string, card = '') => [
  '2026-11-01',
  no,
  coverage,
  '张伟',
  plate,
  start,
  coverage === '交强险' ? 950 : 3200,
  card,
];

test('a car whose 交强险 and 商业险 carry different cards (or one none) is a warning on the policy to fix', async () => {
  const file = await writeBook(join(dir, '承保台账.xlsx'), [
    {
      name: '承保台账',
      rows: [
        HEADER,
        policy('P01', '交强险', '冀B10001', '2026-11-02', 'JD001'), // row 2
        policy('P02', '商业险', '冀B10001', '2026-11-02', 'JD001'), // same card: fine
        policy('P03', '交强险', '冀B10002', '2026-11-03', 'JD002'), // row 4
        policy('P04', '商业险', '冀B10002', '2026-11-03'), // row 5: card missing → here
        policy('P05', '交强险', '冀B10003', '2026-11-04', 'JD003'), // row 6
        policy('P06', '商业险', '冀B10003', '2026-11-05', 'JD009'), // row 7: differs → the later
        policy('P07', '交强险', '冀B10004', '2026-11-06'), // no card on either: no member
        policy('P08', '商业险', '冀B10004', '2026-11-06'),
        policy('P09', '交强险', '冀B10005', '2026-01-06', 'JD005'), // last year's 交强险: not a pair
        policy('P10', '商业险', '冀B10005', '2026-11-06'),
      ],
    },
  ]);
  const { grids } = await readWorkbookFile(file);
  const result = validateWorkbooks([{ file, grids }], { asOf: '2026-11-10' });
  const vip = result.files[0].sheets[0].findings.filter((f) => f.code === 'issuance.vipMismatch');
  expect(vip.map((f) => [f.row, f.column, f.level])).toEqual([
    [5, 'H', 'warning'],
    [7, 'H', 'warning'],
  ]);
  expect(vip[0].message).toBe(
    '车牌 冀B10002 的交强险（第 4 行）与商业险（第 5 行）会员卡号不一致：JD002 / （空）（两张保单都要加上 VIP 标识）',
  );
  expect(vip[1].message).toContain('JD003 / JD009');
});

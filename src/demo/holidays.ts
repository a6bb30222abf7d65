/**
 * China's public holidays of 2026 as the State Council's notice on the 2026 holiday
 * arrangement (国务院办公厅关于2026年部分节假日安排的通知, published 4 November 2025) fixes
 * them: the days off, and the weekend days that are worked instead (调休上班). The demo's
 * 设置 sheet lists them, as a clerk would for the year.
 */
export const HOLIDAYS_2026: readonly { name: string; days: readonly string[]; makeup: readonly string[] }[] = [
  { name: '元旦', days: ['2026-01-01', '2026-01-02', '2026-01-03'], makeup: ['2026-01-04'] },
  {
    name: '春节',
    days: [
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ],
    makeup: ['2026-02-14', '2026-02-28'],
  },
  { name: '清明节', days: ['2026-04-04', '2026-04-05', '2026-04-06'], makeup: [] },
  {
    name: '劳动节',
    days: ['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'],
    makeup: ['2026-05-09'],
  },
  { name: '端午节', days: ['2026-06-19', '2026-06-20', '2026-06-21'], makeup: [] },
  { name: '中秋节', days: ['2026-09-25', '2026-09-26', '2026-09-27'], makeup: [] },
  {
    name: '国庆节',
    days: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
    makeup: ['2026-09-20', '2026-10-10'],
  },
];

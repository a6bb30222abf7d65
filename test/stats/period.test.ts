import {
  parsePeriod,
  previousAsOf,
  previousPeriod,
  shiftMonths,
  windowOf,
  monthsEnding,
} from '../../src/tasks/stats/period';

describe('parsePeriod', () => {
  test('a month, a quarter and a year, with their first and last days', () => {
    expect(parsePeriod('2026-10')).toMatchObject({
      key: '2026-10',
      kind: 'month',
      start: '2026-10-01',
      end: '2026-10-31',
      label: '2026年10月',
      months: ['2026-10'],
    });
    expect(parsePeriod('2026Q4')).toMatchObject({
      key: '2026Q4',
      kind: 'quarter',
      start: '2026-10-01',
      end: '2026-12-31',
      months: ['2026-10', '2026-11', '2026-12'],
    });
    expect(parsePeriod('2026q1')).toMatchObject({
      key: '2026Q1',
      start: '2026-01-01',
      end: '2026-03-31',
      label: '2026年第1季度',
    });
    expect(parsePeriod('2026')).toMatchObject({
      key: '2026',
      kind: 'year',
      start: '2026-01-01',
      end: '2026-12-31',
      label: '2026年',
    });
    expect(parsePeriod('2026')!.months).toHaveLength(12);
  });

  test('February ends on the 28th, or the 29th in a leap year; 2026-2 and 2026年2月 are the same month', () => {
    expect(parsePeriod('2026-02')!.end).toBe('2026-02-28');
    expect(parsePeriod('2024-02')!.end).toBe('2024-02-29');
    expect(parsePeriod('2026-2')!.key).toBe('2026-02');
    expect(parsePeriod(' 2026年2月 ')!.key).toBe('2026-02');
  });

  test.each(['2026-13', '2026-00', '2026Q5', '2026Q0', '26-10', '2026/10', 'abc', '', '2026-10-01', '1899'])(
    '%p is not a period',
    (text) => {
      expect(parsePeriod(text)).toBeUndefined();
    },
  );
});

describe('previous period (环比) and its as-of date', () => {
  test('the previous month, quarter and year, across a year end', () => {
    expect(previousPeriod(parsePeriod('2026-10')!).key).toBe('2026-09');
    expect(previousPeriod(parsePeriod('2026-01')!).key).toBe('2025-12');
    expect(previousPeriod(parsePeriod('2026Q1')!).key).toBe('2025Q4');
    expect(previousPeriod(parsePeriod('2026Q4')!).key).toBe('2026Q3');
    expect(previousPeriod(parsePeriod('2026')!).key).toBe('2025');
  });

  test('the as-of date keeps its distance from the period start; a month end maps to a month end', () => {
    expect(previousAsOf(parsePeriod('2026-10')!, '2026-10-31')).toBe('2026-09-30');
    expect(previousAsOf(parsePeriod('2026-10')!, '2026-10-15')).toBe('2026-09-15');
    expect(previousAsOf(parsePeriod('2026-03')!, '2026-03-31')).toBe('2026-02-28');
    expect(previousAsOf(parsePeriod('2026-03')!, '2026-03-30')).toBe('2026-02-28'); // no 02-30: clamped
    expect(previousAsOf(parsePeriod('2026Q4')!, '2026-12-31')).toBe('2026-09-30');
    expect(previousAsOf(parsePeriod('2026')!, '2026-12-31')).toBe('2025-12-31');
    expect(shiftMonths('2024-02-29', -12)).toBe('2023-02-28');
  });

  test('flow figures stop at the as-of date when it falls inside the period', () => {
    expect(windowOf(parsePeriod('2026-10')!, '2026-10-15')).toEqual({ start: '2026-10-01', end: '2026-10-15' });
    expect(windowOf(parsePeriod('2026-10')!, '2026-11-25')).toEqual({ start: '2026-10-01', end: '2026-10-31' });
  });

  test('the 12 months of the premium trend end with the period', () => {
    expect(monthsEnding('2026-03', 4)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
  });
});

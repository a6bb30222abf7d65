import {
  defaultPeriod,
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

  test.each([
    '2026-13',
    '2026-00',
    '2026Q5',
    '2026Q0',
    '26-10',
    '2026/10',
    'abc',
    '',
    '2026-10-32',
    '1899',
    '2025W53',
    '2026W00',
    '2026-11-15..2026-11-01',
  ])('%p is not a period', (text) => {
    expect(parsePeriod(text)).toBeUndefined();
  });
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

describe('days, ISO weeks, ranges and the other spellings of cli.md', () => {
  test('202611 and 2026年11月 are November; 2026年第4季度 is Q4', () => {
    expect(parsePeriod('202611')!.key).toBe('2026-11');
    expect(parsePeriod('2026年11月')!.key).toBe('2026-11');
    expect(parsePeriod('2026年第4季度')!.key).toBe('2026Q4');
  });

  test('a day, in any date spelling', () => {
    for (const t of ['2026-12-04', '2026/12/4', '20261204', '2026年12月4日'])
      expect(parsePeriod(t)).toMatchObject({ key: '2026-12-04', kind: 'day', start: '2026-12-04', end: '2026-12-04' });
    expect(previousPeriod(parsePeriod('2026-12-01')!).key).toBe('2026-11-30');
    expect(previousAsOf(parsePeriod('2026-12-04')!, '2026-12-04')).toBe('2026-12-03');
  });

  test('ISO weeks run Monday to Sunday; week 1 holds the first Thursday; 53 only in long years', () => {
    expect(parsePeriod('2026W49')).toMatchObject({
      start: '2026-11-30',
      end: '2026-12-06',
      months: ['2026-11', '2026-12'],
    });
    expect(parsePeriod('2026-W01')).toMatchObject({ key: '2026W01', start: '2025-12-29', end: '2026-01-04' });
    expect(parsePeriod('2026W53')).toMatchObject({ start: '2026-12-28', end: '2027-01-03' });
    expect(parsePeriod('2025W53')).toBeUndefined();
    expect(previousPeriod(parsePeriod('2026W01')!).key).toBe('2025W52');
    expect(previousPeriod(parsePeriod('2027W01')!).key).toBe('2026W53');
  });

  test('a range of days, and the range of the same length before it', () => {
    const r = parsePeriod('2026-11-01..2026-11-15')!;
    expect(r).toMatchObject({ kind: 'range', start: '2026-11-01', end: '2026-11-15' });
    expect(parsePeriod('2026-11-01至2026-11-15')!.key).toBe(r.key);
    expect(previousPeriod(r)).toMatchObject({ start: '2026-10-17', end: '2026-10-31' });
  });

  test('no period: the last complete month on the as-of date', () => {
    expect(defaultPeriod('2026-12-05').key).toBe('2026-11');
    expect(defaultPeriod('2026-11-30').key).toBe('2026-11');
    expect(defaultPeriod('2026-01-03').key).toBe('2025-12');
  });
});

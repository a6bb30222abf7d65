import {
  addDays,
  dayNumber,
  daysBetween,
  fromDayNumber,
  isoToSerial,
  isValidIso,
  lastDayOfMonth,
  parseDate,
  parseDateTime,
  parseTime,
  serialToIso,
  todayIso,
  weekday,
} from '../../src/rules/date';

// Independent references, computed with the JS Date API.
const DAY = 86_400_000;
const utcIso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** 1900 system: serial 1 = 1900-01-01 … 59 = 1900-02-28; from 61 on, 1899-12-30 + serial. */
const ref1900 = (serial: number): string =>
  utcIso((serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)) + Math.floor(serial) * DAY);
const ref1904 = (serial: number): string => utcIso(Date.UTC(1904, 0, 1) + Math.floor(serial) * DAY);
const timeFraction = (h: number, m: number, s = 0): number => (h * 3600 + m * 60 + s) / 86400;

describe('parseDate: Excel serials, 1900 system', () => {
  it.each([1, 2, 31, 59, 61, 62, 366, 25569, 36526, 45200, 45930, 46300, 2958465])('serial %d', (serial) => {
    expect(parseDate(serial)).toEqual({ ok: true, value: ref1900(serial) });
  });

  it('pins the landmarks', () => {
    expect(parseDate(1)).toEqual({ ok: true, value: '1900-01-01' });
    expect(ref1900(1)).toBe('1900-01-01');
    expect(ref1900(59)).toBe('1900-02-28');
    expect(ref1900(61)).toBe('1900-03-01');
    expect(ref1900(25569)).toBe('1970-01-01');
    expect(ref1900(2958465)).toBe('9999-12-31');
  });

  it("rejects serial 60, Lotus' 1900-02-29", () => {
    const r = parseDate(60);
    expect(r).toMatchObject({ ok: false, level: 'error', code: 'date.invalid' });
    expect(r.message).toContain('1900-02-29');
    expect(parseDate(60.5)).toMatchObject({ ok: false, code: 'date.invalid' });
  });

  it.each([0, 0.5, -1, 2958466, 10_000_000, NaN, Infinity])('rejects serial %d', (serial) => {
    expect(parseDate(serial)).toMatchObject({ ok: false, code: 'date.invalid' });
  });

  it('ignores the time part of a serial', () => {
    expect(parseDate(45200 + timeFraction(23, 59, 59))).toEqual({ ok: true, value: ref1900(45200) });
  });

  it('treats binary noise just below midnight as the next day', () => {
    expect(parseDate(45200.9999999999)).toEqual({ ok: true, value: ref1900(45201) });
  });
});

describe('parseDate: Excel serials, 1904 system', () => {
  it.each([0, 1, 59, 60, 61, 365, 366, 1462, 43738, 45200, 2957003])('serial %d', (serial) => {
    expect(parseDate(serial, true)).toEqual({ ok: true, value: ref1904(serial) });
  });

  it('pins the landmarks', () => {
    expect(ref1904(0)).toBe('1904-01-01');
    expect(ref1904(59)).toBe('1904-02-29');
    expect(ref1904(2957003)).toBe('9999-12-31');
    // The same day is 1462 apart in the two systems.
    expect(ref1904(45200 - 1462)).toBe(ref1900(45200));
  });

  it.each([-1, 2957004])('rejects serial %d', (serial) => {
    expect(parseDate(serial, true)).toMatchObject({ ok: false, code: 'date.invalid' });
  });
});

describe('parseDate: yyyymmdd numbers', () => {
  it.each([
    [20261005, '2026-10-05'],
    [19000101, '1900-01-01'],
    [20240229, '2024-02-29'],
    [29991231, '2999-12-31'],
  ])('%d → %s', (n, iso) => {
    expect(parseDate(n)).toEqual({ ok: true, value: iso });
    expect(parseDate(n, true)).toEqual({ ok: true, value: iso });
  });

  it.each([20260230, 20251301, 20250229, 30000101, 18991231])('rejects %d', (n) => {
    expect(parseDate(n)).toMatchObject({ ok: false, code: 'date.invalid' });
  });
});

describe('parseDate: text', () => {
  it.each([
    '2026-10-05',
    '2026-10-5',
    '2026/10/5',
    '2026/10/05',
    '2026.10.05',
    '20261005',
    '2026年10月5日',
    '2026年10月05日',
    '2026年10月5号',
    '2026年10月5',
    '2026 年 10 月 5 日',
    ' 2026-10-05 ',
    '２０２６－１０－０５',
    '２０２６年１０月５日',
    '2026-10-05 08:30',
    '2026-10-05T08:30:00',
    '2026-10-05T08:30:00.000',
    '2026-10-05 00:00:00',
    '2026/10/5 8:30:15',
    '2026.10.05 8:30',
    '20261005 08:30',
    '2026年10月5日 8:30',
    '2026年10月5日8点30分',
    '2026/10/5 下午 3:30',
    '2026-10-05 3:30 PM',
  ])('%j → 2026-10-05', (text) => {
    expect(parseDate(text)).toEqual({ ok: true, value: '2026-10-05' });
  });

  it('reads a serial written as text, in either date system', () => {
    expect(parseDate('46300')).toEqual({ ok: true, value: ref1900(46300) });
    expect(parseDate('46300', true)).toEqual({ ok: true, value: ref1904(46300) });
    expect(parseDate('45200.5')).toEqual({ ok: true, value: ref1900(45200) });
  });

  it('accepts real leap days and rejects invented ones', () => {
    expect(parseDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseDate('2000-02-29')).toEqual({ ok: true, value: '2000-02-29' });
    for (const text of ['2025-02-29', '1900-02-29', '2100-02-29']) {
      expect(parseDate(text)).toMatchObject({ ok: false, code: 'date.invalid' });
    }
  });

  it.each(['2026-02-30', '2026-13-01', '2026-00-10', '2026-04-31', '2026年2月30日', '20260230'])(
    'rejects the calendar date that does not exist: %s',
    (text) => {
      const r = parseDate(text);
      expect(r).toMatchObject({ ok: false, level: 'error', code: 'date.invalid' });
      expect(r.message).toContain(text);
    },
  );

  it('says what is wrong and what is expected', () => {
    expect(parseDate('10/5')).toEqual({
      ok: false,
      level: 'error',
      code: 'date.invalid',
      message: '日期无法识别: 10/5（应为 2026-10-05 这样的日期）',
    });
  });

  it.each([
    '10/5/2026', // month-first: never guessed
    '05/10/2026',
    '05.10.2026',
    '26-10-05', // two-digit year
    '2026-10/05', // mixed separators
    '2026-10',
    '2026年10月',
    '十月五日',
    '2026-10-05 25:00', // not a time
    '2026-10-05 08:60',
    '2026-10-05 foo',
    '2026-10-05Z',
    '2026100508:30', // time glued to a digits-only date
    '2026105', // seven digits: a mistyped date, not a serial
    '1899-12-31',
    'abc',
    '-1',
  ])('rejects %j', (text) => {
    expect(parseDate(text)).toMatchObject({ ok: false, code: 'date.invalid' });
  });

  it.each(['', '   ', '\u3000', null, undefined])('reports %j as empty', (cell) => {
    expect(parseDate(cell)).toMatchObject({ ok: false, code: 'date.empty' });
  });
});

describe('parseDate: Date objects and other cells', () => {
  it('uses the UTC date', () => {
    expect(parseDate(new Date(Date.UTC(2026, 9, 5)))).toEqual({ ok: true, value: '2026-10-05' });
    expect(parseDate(new Date(Date.UTC(2026, 9, 5, 23, 59, 59)))).toEqual({ ok: true, value: '2026-10-05' });
    expect(parseDate(new Date(Date.UTC(1900, 0, 1)))).toEqual({ ok: true, value: '1900-01-01' });
  });

  it('rejects a time-only Date (1899-12-30), an invalid Date and booleans', () => {
    expect(parseDate(new Date(Date.UTC(1899, 11, 30, 8, 30)))).toMatchObject({ ok: false, code: 'date.invalid' });
    expect(parseDate(new Date(NaN))).toMatchObject({ ok: false, code: 'date.invalid' });
    expect(parseDate(true)).toMatchObject({ ok: false, code: 'date.invalid' });
  });
});

describe('parseTime', () => {
  it.each([
    [0, 0],
    [0.375, 540],
    [0.5, 720],
    [timeFraction(8, 55, 10), 535],
    [timeFraction(8, 55), 535],
    [timeFraction(23, 59, 59), 1439],
    [45200 + timeFraction(18, 0), 1080],
    [1.25, 360],
  ])('number %d → %d minutes', (cell, minutes) => {
    expect(parseTime(cell)).toEqual({ ok: true, value: minutes });
  });

  it('reads every minute of the day exactly, alone and after a date serial', () => {
    for (let m = 0; m < 1440; m++) {
      expect(parseTime(m / 1440)).toEqual({ ok: true, value: m });
      // 45200 + 0 is a date without a time, rejected on purpose (see below).
      if (m > 0) expect(parseTime(45200 + m / 1440)).toEqual({ ok: true, value: m });
    }
  });

  it('reads a Date by its UTC time', () => {
    expect(parseTime(new Date(Date.UTC(1899, 11, 30, 8, 30)))).toEqual({ ok: true, value: 510 });
    expect(parseTime(new Date(Date.UTC(2026, 9, 8, 17, 45, 59)))).toEqual({ ok: true, value: 1065 });
  });

  it.each([
    ['8:30', 510],
    ['08:30', 510],
    ['08:30:15', 510],
    ['0:00', 0],
    ['23:59', 1439],
    ['８：３０', 510],
    ['8点30', 510],
    ['8点30分', 510],
    ['8时30分', 510],
    ['8点', 480],
    ['8点半', 510],
    ['下午3:30', 930],
    ['上午 8:30', 510],
    ['3:30 PM', 930],
    ['12:00 AM', 0],
    ['12:30 PM', 750],
    ['2026-10-08 08:55:10', 535],
    ['2026/10/8 17:45', 1065],
    ['0.375', 540],
  ])('text %j → %d minutes', (text, minutes) => {
    expect(parseTime(text)).toEqual({ ok: true, value: minutes });
  });

  it.each([
    '24:00',
    '8:60',
    '8:30:60',
    '13:00 PM',
    '下午0:30',
    '8',
    '0830',
    '2026-10-08',
    'abc',
    '',
    null,
    true,
    -0.1,
    45200,
    1,
    NaN,
  ])('rejects %j', (cell) => {
    expect(parseTime(cell)).toMatchObject({ ok: false, level: 'error', code: 'time.invalid' });
  });

  it('says what is expected', () => {
    expect(parseTime('25:00').message).toBe('时间无法识别: 25:00（应为 08:30 这样的时间）');
  });
});

describe('parseDateTime', () => {
  it('reads date and time from one text cell', () => {
    expect(parseDateTime('2026-10-08 08:55:10')).toEqual({ ok: true, value: { date: '2026-10-08', minutes: 535 } });
    expect(parseDateTime('2026/10/8 17:45')).toEqual({ ok: true, value: { date: '2026-10-08', minutes: 1065 } });
    expect(parseDateTime('2026-10-08')).toEqual({ ok: true, value: { date: '2026-10-08', minutes: null } });
  });

  it('reads serials with and without a time part, in both systems', () => {
    expect(parseDateTime(45200 + 0.375)).toEqual({ ok: true, value: { date: ref1900(45200), minutes: 540 } });
    expect(parseDateTime(45200)).toEqual({ ok: true, value: { date: ref1900(45200), minutes: null } });
    expect(parseDateTime(43738 + timeFraction(8, 55, 10), true)).toEqual({
      ok: true,
      value: { date: ref1904(43738), minutes: 535 },
    });
  });

  it('reads Dates, with no time at UTC midnight', () => {
    expect(parseDateTime(new Date(Date.UTC(2026, 9, 8, 8, 55, 10)))).toEqual({
      ok: true,
      value: { date: '2026-10-08', minutes: 535 },
    });
    expect(parseDateTime(new Date(Date.UTC(2026, 9, 8)))).toEqual({
      ok: true,
      value: { date: '2026-10-08', minutes: null },
    });
    expect(parseDateTime(new Date(Date.UTC(1960, 0, 1, 8, 30)))).toEqual({
      ok: true,
      value: { date: '1960-01-01', minutes: 510 },
    });
  });

  it('needs a date', () => {
    expect(parseDateTime('08:30')).toMatchObject({ ok: false, code: 'date.invalid' });
    expect(parseDateTime(0.375)).toMatchObject({ ok: false, code: 'date.invalid' });
    expect(parseDateTime('')).toMatchObject({ ok: false, code: 'date.empty' });
  });
});

describe('day arithmetic', () => {
  it('dayNumber and fromDayNumber agree with Date.UTC over six centuries', () => {
    for (let ms = Date.UTC(1700, 0, 1); ms <= Date.UTC(2300, 11, 31); ms += 37 * DAY) {
      const iso = utcIso(ms);
      expect(dayNumber(iso)).toBe(ms / DAY);
      expect(fromDayNumber(ms / DAY)).toBe(iso);
    }
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(-1)).toBe('1969-12-31');
    expect(fromDayNumber(dayNumber('9999-12-31'))).toBe('9999-12-31');
    expect(fromDayNumber(dayNumber('0000-01-01'))).toBe('0000-01-01');
  });

  it.each(['2026-02-30', '2026-2-3', '2026/10/05', '', '2026-10-05x', '20261005', 'abcd-ef-gh', '2026-13-01'])(
    'dayNumber(%j) is NaN and isValidIso false',
    (s) => {
      expect(dayNumber(s)).toBeNaN();
      expect(isValidIso(s)).toBe(false);
    },
  );

  it('isValidIso accepts real dates', () => {
    expect(isValidIso('2024-02-29')).toBe(true);
    expect(isValidIso('2026-10-05')).toBe(true);
  });

  it('fromDayNumber refuses non-integers and out-of-range days', () => {
    expect(() => fromDayNumber(1.5)).toThrow(RangeError);
    expect(() => fromDayNumber(NaN)).toThrow(RangeError);
    expect(() => fromDayNumber(dayNumber('9999-12-31') + 1)).toThrow(RangeError);
  });

  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-10-05', 0)).toBe('2026-10-05');
    expect(addDays('2026-10-05', 365)).toBe('2027-10-05');
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('daysBetween is b − a', () => {
    expect(daysBetween('2026-10-01', '2026-10-05')).toBe(4);
    expect(daysBetween('2026-10-05', '2026-10-01')).toBe(-4);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('1899-12-30', '2023-10-01')).toBe(45200);
    expect(daysBetween('2026-10-05', 'not a date')).toBeNaN();
  });

  it('weekday agrees with getUTCDay', () => {
    for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2100, 0, 1); ms += 11 * DAY) {
      expect(weekday(utcIso(ms))).toBe(new Date(ms).getUTCDay());
    }
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('2026-10-04')).toBe(0);
  });

  it('lastDayOfMonth knows leap years and month lengths', () => {
    expect(lastDayOfMonth(2024, 2)).toBe('2024-02-29');
    expect(lastDayOfMonth(2026, 2)).toBe('2026-02-28');
    expect(lastDayOfMonth(2000, 2)).toBe('2000-02-29');
    expect(lastDayOfMonth(2100, 2)).toBe('2100-02-28');
    expect(lastDayOfMonth(2026, 4)).toBe('2026-04-30');
    expect(lastDayOfMonth(2026, 12)).toBe('2026-12-31');
    expect(() => lastDayOfMonth(2026, 13)).toThrow(RangeError);
    expect(() => lastDayOfMonth(2026, 0)).toThrow(RangeError);
  });

  it("todayIso is the machine's local date", () => {
    const local = (d: Date): string =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const before = local(new Date());
    const today = todayIso();
    const after = local(new Date());
    expect([before, after]).toContain(today);
  });
});

describe('isoToSerial and serialToIso', () => {
  it('match the reference in the 1900 system', () => {
    expect(isoToSerial('1900-01-01')).toBe(1);
    expect(isoToSerial('1900-02-28')).toBe(59);
    expect(isoToSerial('1900-03-01')).toBe(61);
    expect(isoToSerial('2023-10-01')).toBe((Date.UTC(2023, 9, 1) - Date.UTC(1899, 11, 30)) / DAY);
    expect(isoToSerial('9999-12-31')).toBe(2958465);
    expect(serialToIso(45200)).toBe(ref1900(45200));
    expect(serialToIso(45200.75)).toBe(ref1900(45200));
  });

  it('match the reference in the 1904 system', () => {
    expect(isoToSerial('1904-01-01', true)).toBe(0);
    expect(isoToSerial('2023-10-01', true)).toBe((Date.UTC(2023, 9, 1) - Date.UTC(1904, 0, 1)) / DAY);
    expect(serialToIso(0, true)).toBe('1904-01-01');
    expect(serialToIso(45200, true)).toBe(ref1904(45200));
  });

  it('round-trip every date Excel can hold, in both systems', () => {
    for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2200, 0, 1); ms += 13 * DAY) {
      const iso = utcIso(ms);
      expect(serialToIso(isoToSerial(iso))).toBe(iso);
      if (ms >= Date.UTC(1904, 0, 1)) expect(serialToIso(isoToSerial(iso, true), true)).toBe(iso);
    }
  });

  it('throw for what Excel cannot hold', () => {
    expect(() => isoToSerial('1899-12-31')).toThrow(RangeError);
    expect(() => isoToSerial('1903-12-31', true)).toThrow(RangeError);
    expect(() => isoToSerial('2026-02-30')).toThrow(RangeError);
    expect(() => serialToIso(60)).toThrow(RangeError);
    expect(() => serialToIso(0)).toThrow(RangeError);
    expect(() => serialToIso(-1, true)).toThrow(RangeError);
    expect(() => serialToIso(NaN)).toThrow(RangeError);
  });
});

import type { Cell } from '../grid';
import { type Check, fail, pass } from './check';
import { cellText, toHalfWidth } from './text';

// Calendar arithmetic on proleptic Gregorian days (H. Hinnant's civil/days algorithms):
// pure integer maths, so hot loops over 100k rows allocate no Date objects.

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (y: number, m: number): number => (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]);
export const validYmd = (y: number, m: number, d: number): boolean =>
  m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
const ymdIso = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;

function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Days since 1970-01-01 of an ISO date; NaN when `iso` is not a valid 'YYYY-MM-DD' date. */
export function dayNumber(iso: string): number {
  // Read by char codes: this runs for every date of every row, a regex match array each time adds up.
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return NaN;
  const y = digitsAt(iso, 0, 4),
    m = digitsAt(iso, 5, 7),
    d = digitsAt(iso, 8, 10);
  return y >= 0 && validYmd(y, m, d) ? daysFromCivil(y, m, d) : NaN;
}

/** ISO dates of the day numbers 0 … 73,049 (1970–2169) met so far: a ledger has a few thousand distinct days. */
const ISO_OF_DAY: string[] = [];
const CACHED_DAYS = 73_050;

/** The ISO date of a day number (days since 1970-01-01). Throws RangeError outside years 0000–9999. */
export function fromDayNumber(n: number): string {
  if (!Number.isInteger(n) || n < -719528 || n > 2932896)
    throw new RangeError(`not a day number in years 0000–9999: ${n}`);
  if (n >= 0 && n < CACHED_DAYS) return (ISO_OF_DAY[n] ??= isoOfDay(n));
  return isoOfDay(n);
}

function isoOfDay(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return ymdIso(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

/** Minutes since midnight as `09:05`. */
export const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export const isValidIso = (s: string): boolean => !Number.isNaN(dayNumber(s));
export const addDays = (iso: string, n: number): string => fromDayNumber(dayNumber(iso) + n);
/** b − a in days (NaN when either is not a valid ISO date). */
export const daysBetween = (a: string, b: string): number => dayNumber(b) - dayNumber(a);
/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekday = (iso: string): number => (((dayNumber(iso) + 4) % 7) + 7) % 7;
/** Last day of `month` (1–12) of `year`, as ISO. */
export function lastDayOfMonth(year: number, month: number): string {
  if (!Number.isInteger(year) || year < 0 || year > 9999 || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`not a month: ${year}-${month}`);
  }
  return ymdIso(year, month, daysInMonth(year, month));
}

let today = { at: -Infinity, iso: '' };

/**
 * Today's date on this machine's clock, in its own time zone. Rules ask it once per row, so
 * the answer is kept for a second rather than built from a new Date each time.
 */
export function todayIso(): string {
  const at = Date.now();
  if (at - today.at >= 1000 || at < today.at) {
    const now = new Date(at);
    today = { at, iso: ymdIso(now.getFullYear(), now.getMonth() + 1, now.getDate()) };
  }
  return today.iso;
}

// Excel serials. 1900 system: serial 1 = 1900-01-01 and serial 60 is Lotus' 1900-02-29, a day
// that never existed, so from serial 61 on the epoch is 1899-12-30. 1904 system: 0 = 1904-01-01.
const EPOCH_1900 = -25569; // day number of 1899-12-30
const EPOCH_1904 = -24107; // day number of 1904-01-01
const MAX_SERIAL_1900 = 2958465; // 9999-12-31
const MAX_SERIAL_1904 = MAX_SERIAL_1900 - 1462;
const LOTUS_LEAP_DAY = 60;

/** The Excel serial of an ISO date. Throws RangeError for invalid dates or dates Excel cannot hold. */
export function isoToSerial(iso: string, date1904 = false): number {
  const n = dayNumber(iso);
  const serial = date1904 ? n - EPOCH_1904 : n - EPOCH_1900 - (n < EPOCH_1900 + LOTUS_LEAP_DAY + 1 ? 1 : 0);
  if (Number.isNaN(n) || serial < (date1904 ? 0 : 1) || serial > (date1904 ? MAX_SERIAL_1904 : MAX_SERIAL_1900)) {
    throw new RangeError(`not a date Excel can hold: ${iso}`);
  }
  return serial;
}

// Rounding to the second first keeps 45200.99999999 (binary noise of a computed date-time) on the next day.
const wholeDay = (serial: number): number => Math.floor(Math.round(serial * 86400) / 86400);

/** Day number of a serial, or null for serials outside Excel's range and the fictitious 1900-02-29. */
function serialDay(serial: number, date1904: boolean): number | null {
  const day = wholeDay(serial);
  if (date1904) return day >= 0 && day <= MAX_SERIAL_1904 ? day + EPOCH_1904 : null;
  if (day < 1 || day > MAX_SERIAL_1900 || day === LOTUS_LEAP_DAY) return null;
  return day + EPOCH_1900 + (day < LOTUS_LEAP_DAY ? 1 : 0);
}

/** The ISO date of an Excel serial (time part ignored). Throws RangeError outside Excel's range and for serial 60 of the 1900 system. */
export function serialToIso(serial: number, date1904 = false): string {
  const n = Number.isFinite(serial) ? serialDay(serial, date1904) : null;
  if (n === null) throw new RangeError(`not an Excel date serial: ${serial}`);
  return fromDayNumber(n);
}

// ---- reading cells -------------------------------------------------------------------------

const EXAMPLE_DATE = '应为 2026-10-05 这样的日期';
const EXAMPLE_TIME = '应为 08:30 这样的时间';
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

const dateUnreadable = (shown: string): Check<never> =>
  fail('date.invalid', `日期无法识别: ${shown}（${EXAMPLE_DATE}）`);
const dateMissingDay = (shown: string): Check<never> =>
  fail('date.invalid', `日期不存在: ${shown}（${EXAMPLE_DATE}，且须是日历上真实的日子）`);
const lotusDay = (): Check<never> =>
  fail('date.invalid', `日期不存在: Excel 序号 60 是 1900-02-29，1900 年并无 2 月 29 日（${EXAMPLE_DATE}）`);
const timeUnreadable = (shown: string): Check<never> =>
  fail('time.invalid', `时间无法识别: ${shown}（${EXAMPLE_TIME}）`);

// Date part of a text; the rest (if any) must be a time. Year-first only: 10/5/2026 is never guessed.
const DATE_TEXT =
  /^(?:(\d{4})([-/.])(\d{1,2})\2(\d{1,2})|(\d{4})(\d{2})(\d{2})|(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*([日号])?)/;
const DATE_TIME_GAP = /^(?:\s+|T)/;
const TIME_TEXT =
  /^(上午|下午|AM|PM)?\s*(\d{1,2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?)?|[点时](?:(\d{1,2})分?|(半))?)\s*(AM|PM)?$/i;
// A serial written as text. Five digits reach 2173; a longer digit run is far likelier a mistyped 2026105.
const SERIAL_TEXT = /^\d{1,5}(?:\.\d+)?$/;

/** Minutes since midnight of a time text, or -1. */
function timeTextMinutes(s: string): number {
  const m = TIME_TEXT.exec(s);
  if (!m) return -1;
  let h = +m[2];
  const min = m[3] !== undefined ? +m[3] : m[5] !== undefined ? +m[5] : m[6] !== undefined ? 30 : 0;
  const sec = m[4] !== undefined ? +m[4] : 0;
  const half = (m[1] ?? m[7])?.toUpperCase();
  if (half !== undefined) {
    if (h < 1 || h > 12) return -1;
    if (half === '下午' || half === 'PM') h = h === 12 ? 12 : h + 12;
    else if (h === 12) h = 0;
  }
  return h <= 23 && min <= 59 && sec <= 59 ? h * 60 + min : -1;
}

/** Minutes since midnight of the time part of a serial (seconds truncated, as a clock shows them). */
function serialMinutes(serial: number): number {
  const secs = Math.round(serial * 86400) % 86400;
  return Math.floor(secs / 60);
}

export type DateTime = { date: string; minutes: number | null };

/** yyyymmdd held in a number (20261005) → ISO, or null. */
function compactNumberDate(x: number): string | null {
  if (!Number.isInteger(x) || x < 19000101 || x > 29991231) return null;
  const y = Math.floor(x / 10000),
    m = Math.floor(x / 100) % 100,
    d = x % 100;
  return validYmd(y, m, d) ? ymdIso(y, m, d) : null;
}

/** `shown`: the text the number was read from; a number cell is written out only for a message. */
function fromNumber(x: number, date1904: boolean, shown?: string): Check<DateTime> {
  const compact = compactNumberDate(x);
  if (compact !== null) return pass({ date: compact, minutes: null });
  if (!Number.isFinite(x)) return dateUnreadable(shown ?? cellText(x));
  const n = serialDay(x, date1904);
  if (n === null)
    return !date1904 && wholeDay(x) === LOTUS_LEAP_DAY ? lotusDay() : dateUnreadable(shown ?? cellText(x));
  return pass({ date: fromDayNumber(n), minutes: Number.isInteger(x) ? null : serialMinutes(x) });
}

function fromDate(d: Date): Check<DateTime> {
  const t = d.getTime();
  if (Number.isNaN(t)) return dateUnreadable(cellText(d));
  const y = d.getUTCFullYear();
  // Excel has no dates before 1900: a 1899-12-30 Date is a time-only cell.
  if (y < MIN_YEAR || y > MAX_YEAR) return dateUnreadable(cellText(d));
  const ms = ((t % 86_400_000) + 86_400_000) % 86_400_000;
  return pass({
    date: ymdIso(y, d.getUTCMonth() + 1, d.getUTCDate()),
    minutes: ms === 0 ? null : Math.floor(ms / 60_000),
  });
}

function fromText(raw: string, date1904: boolean): Check<DateTime> {
  const s = toHalfWidth(raw).trim();
  if (s === '') return fail('date.empty', `日期未填写（${EXAMPLE_DATE}）`);
  const m = DATE_TEXT.exec(s);
  if (!m) return SERIAL_TEXT.test(s) ? fromNumber(Number(s), date1904, s) : dateUnreadable(s);
  const y = +(m[1] ?? m[5] ?? m[8]);
  const mo = +(m[3] ?? m[6] ?? m[9]);
  const d = +(m[4] ?? m[7] ?? m[10]);
  let minutes: number | null = null;
  const rest = s.slice(m[0].length);
  if (rest !== '') {
    // 2026年10月5日8:30 needs no gap; digits-only dates do, or 2026100508:30 would pass.
    const gap = DATE_TIME_GAP.exec(rest);
    if (!gap && m[11] === undefined) return dateUnreadable(s);
    minutes = timeTextMinutes(gap ? rest.slice(gap[0].length) : rest);
    if (minutes < 0) return dateUnreadable(s);
  }
  if (!validYmd(y, mo, d)) return dateMissingDay(s);
  if (y < MIN_YEAR) return dateUnreadable(s);
  return pass({ date: ymdIso(y, mo, d), minutes });
}

function readDateTime(cell: Cell, date1904: boolean): Check<DateTime> {
  if (cell === null || cell === undefined) return fail('date.empty', `日期未填写（${EXAMPLE_DATE}）`);
  if (typeof cell === 'string') return fromText(cell, date1904);
  if (typeof cell === 'number') return fromNumber(cell, date1904);
  if (cell instanceof Date) return fromDate(cell);
  return dateUnreadable(cellText(cell));
}

/**
 * A date cell → ISO 'YYYY-MM-DD'. Accepts Excel date cells (Date or serial, either date
 * system), yyyymmdd numbers and the usual year-first texts; a time part is ignored.
 */
export function parseDate(cell: Cell, date1904 = false): Check<string> {
  // The cell of nearly every ledger date: a whole serial of the 1900 system past its leap-year
  // bug, read without the DateTime that readDateTime builds.
  if (
    typeof cell === 'number' &&
    !date1904 &&
    Number.isInteger(cell) &&
    cell > LOTUS_LEAP_DAY &&
    cell <= MAX_SERIAL_1900
  )
    return pass(fromDayNumber(cell + EPOCH_1900));
  const r = readDateTime(cell, date1904);
  return r.ok ? pass(r.value.date) : r;
}

/** A cell holding a date and (optionally) a time, as punch clocks export them; minutes null when there is no time part. */
export function parseDateTime(cell: Cell, date1904 = false): Check<DateTime> {
  return readDateTime(cell, date1904);
}

/**
 * A time cell → minutes since midnight. A whole serial ≥ 1 is a date without a time and
 * fails; 0 is midnight.
 */
export function parseTime(cell: Cell): Check<number> {
  if (cell === null || cell === undefined) return fail('time.invalid', `时间未填写（${EXAMPLE_TIME}）`);
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 0 || (cell >= 1 && Number.isInteger(cell)))
      return timeUnreadable(cellText(cell));
    return pass(serialMinutes(cell));
  }
  if (cell instanceof Date) {
    const t = cell.getTime();
    if (Number.isNaN(t)) return timeUnreadable(cellText(cell));
    return pass(Math.floor((((t % 86_400_000) + 86_400_000) % 86_400_000) / 60_000));
  }
  if (typeof cell !== 'string') return timeUnreadable(cellText(cell));
  const s = toHalfWidth(cell).trim();
  if (s === '') return fail('time.invalid', `时间未填写（${EXAMPLE_TIME}）`);
  const own = timeTextMinutes(s);
  if (own >= 0) return pass(own);
  if (SERIAL_TEXT.test(s)) return parseTime(Number(s));
  const dt = fromText(s, false);
  return dt.ok && dt.value.minutes !== null ? pass(dt.value.minutes) : timeUnreadable(s);
}

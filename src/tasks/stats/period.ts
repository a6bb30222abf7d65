/**
 * The period of a statistics run (cli.md): a month `2026-10` (also `202610`, `2026年10月`), a
 * quarter `2026Q4`, a year `2026`, a day `2026-12-04`, an ISO week `2026W49` or a range
 * `2026-11-01..2026-11-15` (docs/stats.md). Flow figures count what happened between the first
 * day and the cut-off (the earlier of the last day and the as-of date); state figures are
 * taken on the as-of date.
 */
import { addDays, dayNumber, isValidIso, lastDayOfMonth, weekday } from '../../rules/date';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'day' | 'week' | 'range';
/** The kinds made of whole months (环比 steps by months; the others by days). */
type MonthKind = 'month' | 'quarter' | 'year';

export interface Period {
  /** As written on the command line, canonical: `2026-10`, `2026Q4`, `2026`. */
  key: string;
  kind: PeriodKind;
  /** First and last day, ISO. */
  start: string;
  end: string;
  /** What a clerk reads: `2026年10月`, `2026年第4季度`, `2026年`. */
  label: string;
  /** The months of the period, `YYYY-MM`. */
  months: string[];
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
const MONTHS_OF: Record<MonthKind, number> = { month: 1, quarter: 3, year: 12 };
const isMonthKind = (k: PeriodKind): k is MonthKind => k in MONTHS_OF;

function build(kind: MonthKind, year: number, firstMonth: number): Period {
  const span = MONTHS_OF[kind];
  const months = Array.from({ length: span }, (_, i) => `${year}-${pad2(firstMonth + i)}`);
  const lastMonth = firstMonth + span - 1;
  const key = kind === 'month' ? months[0] : kind === 'quarter' ? `${year}Q${(firstMonth + 2) / 3}` : String(year);
  const label =
    kind === 'month'
      ? `${year}年${firstMonth}月`
      : kind === 'quarter'
        ? `${year}年第${(firstMonth + 2) / 3}季度`
        : `${year}年`;
  return { key, kind, start: `${year}-${pad2(firstMonth)}-01`, end: lastDayOfMonth(year, lastMonth), label, months };
}

/** The months `YYYY-MM` a span of days touches. */
function monthsBetween(start: string, end: string): string[] {
  const months: string[] = [];
  for (let m = start.slice(0, 7); m <= end.slice(0, 7);) {
    months.push(m);
    const [y, mm] = m.split('-').map(Number);
    m = mm === 12 ? `${y + 1}-01` : `${y}-${pad2(mm + 1)}`;
  }
  return months;
}

const dayLabel = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** A span of days: a day, an ISO week or a range. */
function span(kind: 'day' | 'week' | 'range', start: string, end: string, key: string, label: string): Period {
  return { key, kind, start, end, label, months: monthsBetween(start, end) };
}

const day = (iso: string): Period | undefined =>
  isValidIso(iso) ? span('day', iso, iso, iso, dayLabel(iso)) : undefined;

/** ISO 8601 week: Monday to Sunday; week 1 holds the year's first Thursday. */
function week(year: number, n: number): Period | undefined {
  const jan4 = `${year}-01-04`;
  const monday1 = addDays(jan4, -((weekday(jan4) + 6) % 7));
  const start = addDays(monday1, (n - 1) * 7);
  const end = addDays(start, 6);
  // A year has 52 or 53 weeks: week 53 must still hold a Thursday of `year`.
  if (n < 1 || addDays(start, 3).slice(0, 4) !== String(year)) return undefined;
  const key = `${year}W${pad2(n)}`;
  return span('week', start, end, key, `${year}年第${n}周（${start.slice(5)}至${end.slice(5)}）`);
}

function range(a: string, b: string): Period | undefined {
  if (!isValidIso(a) || !isValidIso(b) || b < a) return undefined;
  return span('range', a, b, `${a}..${b}`, `${dayLabel(a)}至${dayLabel(b)}`);
}

const iso = (y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
const month = (y: string, m: string) => (+m >= 1 && +m <= 12 ? build('month', +y, +m) : undefined);

const PATTERNS: readonly [RegExp, (m: RegExpExecArray) => Period | undefined][] = [
  [/^(\d{4})-(\d{1,2})$/, (m) => month(m[1], m[2])],
  [/^(\d{4})(\d{2})$/, (m) => month(m[1], m[2])],
  [/^(\d{4})年(\d{1,2})月$/, (m) => month(m[1], m[2])],
  [/^(\d{4})Q([1-4])$/i, (m) => build('quarter', +m[1], (+m[2] - 1) * 3 + 1)],
  [
    /^(\d{4})年第?([1-4一二三四])季度?$/,
    (m) => build('quarter', +m[1], ('1234'.indexOf(m[2]) + 1 || '一二三四'.indexOf(m[2]) + 1) * 3 - 2),
  ],
  [/^(\d{4})年?$/, (m) => build('year', +m[1], 1)],
  [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, (m) => day(iso(m[1], m[2], m[3]))],
  [/^(\d{4})(\d{2})(\d{2})$/, (m) => day(iso(m[1], m[2], m[3]))],
  [/^(\d{4})年(\d{1,2})月(\d{1,2})日$/, (m) => day(iso(m[1], m[2], m[3]))],
  [/^(\d{4})-?W(\d{1,2})$/i, (m) => week(+m[1], +m[2])],
  [
    /^(\d{4})-(\d{1,2})-(\d{1,2})\s*(?:\.\.|~|至|到)\s*(\d{4})-(\d{1,2})-(\d{1,2})$/,
    (m) => range(iso(m[1], m[2], m[3]), iso(m[4], m[5], m[6])),
  ],
];

/** Parses a period, or undefined when the text is none of the accepted forms. */
export function parsePeriod(text: string): Period | undefined {
  const t = text.trim();
  for (const [re, make] of PATTERNS) {
    const m = re.exec(t);
    if (m && +m[1] >= 1900) return make(m);
  }
  return undefined;
}

export const PERIOD_HINT =
  '期间应写成 2026-10 或 202610（月）、2026Q4（季度）、2026（年）、2026-12-04（日）、2026W49（周）或 2026-11-01..2026-11-15（起止日期）';

/** Days in a span period (day, week, range). */
const lengthOf = (p: Period): number => dayNumber(p.end) - dayNumber(p.start) + 1;

/** The period of the same length just before (环比): the previous month, quarter, year, day, week or range. */
export function previousPeriod(p: Period): Period {
  if (!isMonthKind(p.kind)) {
    const n = lengthOf(p);
    const start = addDays(p.start, -n);
    const end = addDays(p.start, -1);
    if (p.kind === 'day') return day(start)!;
    if (p.kind === 'week') return weekOf(start);
    return range(start, end)!;
  }
  const [y, m] = p.start.split('-').map(Number);
  const months = MONTHS_OF[p.kind];
  const index = y * 12 + (m - 1) - months;
  return build(p.kind, Math.floor(index / 12), (index % 12) + 1);
}

/** The ISO week a day is in: the one holding that week's Thursday, numbered in the Thursday's year. */
function weekOf(iso: string): Period {
  const thursday = addDays(iso, 3 - ((weekday(iso) + 6) % 7));
  const year = Number(thursday.slice(0, 4));
  const n = Math.floor((dayNumber(thursday) - dayNumber(week(year, 1)!.start)) / 7) + 1;
  return week(year, n)!;
}

/** The same period a year earlier (同比): the month, quarter or year before, the same days, the same ISO week. */
export function lastYearPeriod(p: Period): Period {
  const back = (iso: string) => shiftMonths(iso, -12);
  if (isMonthKind(p.kind)) {
    const [y, m] = p.start.split('-').map(Number);
    return build(p.kind, y - 1, m);
  }
  if (p.kind === 'day') return day(back(p.start))!;
  if (p.kind === 'week') {
    const [y, n] = p.key.split('W').map(Number);
    return week(y - 1, n) ?? weekOf(back(p.start));
  }
  return range(back(p.start), back(p.end))!;
}

/** The as-of date a year earlier, for 同比. */
export const lastYearAsOf = (asOf: string): string => shiftMonths(asOf, -12);

/**
 * The period a run without one covers: the last complete month on the as-of date (ledgers.md
 * "Comparisons and reading": on 2026-12-05, November) — the as-of month itself only on its last day.
 */
export function defaultPeriod(asOf: string): Period {
  const [y, m] = asOf.split('-').map(Number);
  if (asOf === lastDayOfMonth(y, m)) return build('month', y, m);
  return m === 1 ? build('month', y - 1, 12) : build('month', y, m - 1);
}

/**
 * `iso` moved back by `months` calendar months, day clamped to the month's length; a month's
 * last day maps to the last day of the target month (2026-10-31 → 2026-09-30, 2026-10-15 → 2026-09-15).
 */
export function shiftMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const last = lastDayOfMonth(ty, tm);
  const isLast = iso === lastDayOfMonth(y, m);
  const lastDay = Number(last.slice(8));
  return isLast || d >= lastDay ? last : `${ty}-${pad2(tm)}-${pad2(d)}`;
}

/** The as-of date of the previous period that matches `asOf` of `p` (same distance from its start). */
export const previousAsOf = (p: Period, asOf: string): string =>
  isMonthKind(p.kind) ? shiftMonths(asOf, -MONTHS_OF[p.kind]) : addDays(asOf, -lengthOf(p));

/** The window flow figures count: the period's days up to the as-of date. */
export interface Window {
  start: string;
  /** min(period end, as-of). */
  end: string;
}

export function windowOf(p: Period, asOf: string): Window {
  return { start: p.start, end: asOf < p.end ? asOf : p.end };
}

export const inWindow = (iso: string | undefined, w: Window): boolean => !!iso && iso >= w.start && iso <= w.end;

/** The month `YYYY-MM` of an ISO date. */
export const monthOf = (iso: string): string => iso.slice(0, 7);

/** The `count` months ending with `lastMonth`, oldest first. */
export function monthsEnding(lastMonth: string, count: number): string[] {
  const [y, m] = lastMonth.split('-').map(Number);
  const end = y * 12 + (m - 1);
  return Array.from({ length: count }, (_, i) => {
    const idx = end - count + 1 + i;
    return `${Math.floor(idx / 12)}-${pad2((idx % 12) + 1)}`;
  });
}

/**
 * The period of a statistics run: a month `2026-10`, a quarter `2026Q4` or a year `2026`
 * (docs/stats.md). Flow figures count what happened between the first day and the cut-off
 * (the earlier of the last day and the as-of date); state figures are taken on the as-of date.
 */
import { lastDayOfMonth } from '../../rules/date';

export type PeriodKind = 'month' | 'quarter' | 'year';

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
const MONTHS_OF: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };

function build(kind: PeriodKind, year: number, firstMonth: number): Period {
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

const PATTERNS: readonly [RegExp, (m: RegExpExecArray) => Period | undefined][] = [
  [/^(\d{4})-(\d{1,2})$/, (m) => (+m[2] >= 1 && +m[2] <= 12 ? build('month', +m[1], +m[2]) : undefined)],
  [/^(\d{4})年(\d{1,2})月$/, (m) => (+m[2] >= 1 && +m[2] <= 12 ? build('month', +m[1], +m[2]) : undefined)],
  [/^(\d{4})Q([1-4])$/i, (m) => build('quarter', +m[1], (+m[2] - 1) * 3 + 1)],
  [/^(\d{4})年?$/, (m) => build('year', +m[1], 1)],
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

export const PERIOD_HINT = '期间应写成 2026-10（月）、2026Q4（季度）或 2026（年）';

/** The period of the same length just before (环比): the previous month, quarter or year. */
export function previousPeriod(p: Period): Period {
  const [y, m] = p.start.split('-').map(Number);
  const span = MONTHS_OF[p.kind];
  const index = y * 12 + (m - 1) - span;
  return build(p.kind, Math.floor(index / 12), (index % 12) + 1);
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
export const previousAsOf = (p: Period, asOf: string): string => shiftMonths(asOf, -MONTHS_OF[p.kind]);

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

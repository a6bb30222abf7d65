/**
 * 设置!工作日 (`一至五`, `一至六`, `一,三,五`, `1-5`, `周一至周五` …) read by formulas, as
 * `parseWorkdays` reads it: the text is cleaned once (WORKDAYS_TEXT), the list separators
 * dropped (WORKDAYS_LIST), and one cell per weekday says whether it is a workday. Text that is
 * neither a range nor a list of days gives the default weekdays, as the engine does.
 *
 * Day characters map to 0 = Sunday … 6 = Saturday by their position in DAY_CHARS: after the
 * cleaning turned 天 into 日 and 0 into 7, position p means weekday (p − 1) mod 7.
 */
import { defaultSettings } from '../../ledgers/settings';

/** Replacements of the cleaning, in order: what `toHalfWidth` and `/[周星期\s]/` do for day texts. */
const CLEANING: readonly [from: string, to: string][] = [
  ['周', ''],
  ['星', ''],
  ['期', ''],
  [' ', ''],
  ['\u3000', ''],
  ['\n', ''],
  ['\r', ''],
  ['\t', ''],
  ...[...'01234567'].map((d): [string, string] => [String.fromCharCode(0xff10 + Number(d)), d]),
  ['－', '-'],
  ['～', '~'],
  ['天', '日'],
  ['0', '7'],
];

const LIST_SEPARATORS = [',', '，', '、'];
const RANGE_SEPARATORS = '至到-~—';
const DAY_CHARS = '日一二三四五六7123456';

const literal = (s: string): string => (s.length === 1 && s.charCodeAt(0) < 32 ? `CHAR(${s.charCodeAt(0)})` : `"${s}"`);

const substitute = (expr: string, pairs: readonly (readonly [string, string])[]): string =>
  pairs.reduce((acc, [from, to]) => `SUBSTITUTE(${acc},${literal(from)},${literal(to)})`, expr);

/** The cleaned 工作日 text: a formula on the defined name `Workdays`. */
export const WORKDAYS_TEXT = substitute('Workdays&""', CLEANING);

/** The cleaned text without list separators; `text` is the cell holding WORKDAYS_TEXT. */
export const workdaysListFormula = (text: string): string =>
  substitute(
    text,
    LIST_SEPARATORS.map((s) => [s, ''] as const),
  );

/** What WORKDAYS_TEXT computes, for the cached value. */
export function cleanWorkdaysText(raw: string): string {
  return CLEANING.reduce((acc, [from, to]) => acc.split(from).join(to), raw);
}

/** What workdaysListFormula computes. */
export function workdaysListText(text: string): string {
  return LIST_SEPARATORS.reduce((acc, s) => acc.split(s).join(''), text);
}

/**
 * 1 when `weekday` (0 = Sunday) is a workday, else 0. `text` and `list` are the cells holding
 * the cleaned text and the list text. A range `a至b` runs from a to b, wrapping past Saturday.
 */
export function weekdayFlagFormula(weekday: number, text: string, list: string): string {
  const fallback = defaultSettings().workdays.includes(weekday) ? 1 : 0;
  const code = (ch: string) => `MOD(FIND(${ch},"${DAY_CHARS}")-1,7)`;
  const found = (ch: string) => `ISNUMBER(FIND(${ch},"${DAY_CHARS}"))`;
  const [first, last] = [`LEFT(${text},1)`, `RIGHT(${text},1)`];
  const range =
    `IF(AND(${found(first)},${found(last)}),` +
    `IF(MOD(${weekday}-${code(first)},7)<=MOD(${code(last)}-${code(first)},7),1,0),${fallback})`;
  const rest = substitute(
    list,
    [...DAY_CHARS].map((ch) => [ch, ''] as const),
  );
  const names = [DAY_CHARS[weekday], DAY_CHARS[weekday + 7]];
  const listed =
    `IF(AND(LEN(${list})>0,LEN(${rest})=0),` +
    `IF(OR(${names.map((n) => `ISNUMBER(FIND("${n}",${list}))`).join(',')}),1,0),${fallback})`;
  return `IF(AND(LEN(${text})=3,ISNUMBER(FIND(MID(${text},2,1),"${RANGE_SEPARATORS}"))),${range},${listed})`;
}

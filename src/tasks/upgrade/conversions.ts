/**
 * Text that is plainly a date, time, amount or rate in such a column becomes the real value
 * (and a yyyymmdd number a date); text that cannot be read stays and is listed on 升级记录.
 * The file writer and the add-in write the values their own way (a JS Date for exceljs, a
 * serial for Office.js), so a date comes out as its day and minutes.
 */
import type { Cell } from '../../grid';
import { columnLetter, isBlank } from '../../grid';
import type { Column } from '../../ledgers/schema';
import type { ParsedTable } from '../../read/table';
import { hhmm, parseDate, parseDateTime, parseTime } from '../../rules/date';
import { parseMoney, parseRate } from '../../rules/money';
import { cellText } from '../../rules/text';
import type { UpgradeRecord } from './ledgerSheet';
import { NUM_FMT } from './rules';

/** A date, or a date and time: the ISO day and the minutes into it. */
export interface DayTime {
  date: string;
  minutes: number;
}

export interface Conversion {
  /** 1-based row, 0-based column. */
  row: number;
  col: number;
  /** A number (a time as the fraction of a day), or a date. */
  value: number | DayTime;
  numFmt?: string;
}

/** A conversion as Office.js writes it: a date as its serial. */
export type SerialConversion = Omit<Conversion, 'value'> & { value: number };

const CONVERTED_KINDS: ReadonlySet<Column['kind']> = new Set(['date', 'datetime', 'money', 'rate', 'time']);

export { hhmm };

function convertValue(
  column: Column,
  v: Cell,
  date1904: boolean,
): { value: number | DayTime; shown: string; note: string } | undefined {
  switch (column.kind) {
    case 'date': {
      const d = parseDate(v, date1904);
      if (!d.ok) return undefined;
      if (typeof v === 'number') {
        // A serial already is the date; only a yyyymmdd number reads differently.
        const serial = parseDate(Math.floor(v), date1904);
        if (v >= 1 && v < 2958466 && serial.ok && serial.value === d.value) return undefined;
        return { value: { date: d.value, minutes: 0 }, shown: d.value, note: '数字日期（年月日连写）转为日期' };
      }
      return { value: { date: d.value, minutes: 0 }, shown: d.value, note: '文本日期转为日期' };
    }
    case 'datetime': {
      if (typeof v !== 'string') return undefined;
      const d = parseDateTime(v, date1904);
      if (!d.ok) return undefined;
      const minutes = d.value.minutes ?? 0;
      return {
        value: { date: d.value.date, minutes },
        shown: `${d.value.date}${d.value.minutes === null ? '' : ` ${hhmm(minutes)}`}`,
        note: '文本日期时间转为日期',
      };
    }
    case 'time': {
      if (typeof v !== 'string') return undefined;
      const t = parseTime(v);
      return t.ok ? { value: t.value / 1440, shown: hhmm(t.value), note: '文本时间转为时间' } : undefined;
    }
    case 'money': {
      if (typeof v !== 'string') return undefined;
      const m = parseMoney(v);
      return m.ok ? { value: m.value / 100, shown: (m.value / 100).toFixed(2), note: '文本金额转为数字' } : undefined;
    }
    case 'rate': {
      if (typeof v !== 'string') return undefined;
      const r = parseRate(v);
      return r.ok ? { value: r.value, shown: String(r.value), note: '文本费率转为数字' } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The conversions of a parsed table's cells, each listed in `records` with the cells that
 * cannot be read. `cellOf` gives the cell by 1-based row and 0-based column; a blank one is
 * left alone (so a caller hides cells it must not convert, such as formulas, as blank).
 */
export function conversionsOf(
  pt: ParsedTable,
  cellOf: (row: number, col: number) => Cell,
  sheet: string,
  records: UpgradeRecord[],
): Conversion[] {
  const out: Conversion[] = [];
  for (const m of pt.columns) {
    if (!m.key) continue;
    const column = pt.table.column(m.key);
    if (!CONVERTED_KINDS.has(column.kind)) continue;
    for (const row of pt.rows) {
      const v = cellOf(row.row, m.col);
      if (isBlank(v)) continue;
      const record = (after: string, note: string) =>
        records.push({
          sheet,
          cell: `${columnLetter(m.col)}${row.row}`,
          column: m.header,
          before: cellText(v),
          after,
          note,
        });
      if (row.invalid?.[m.key] !== undefined) {
        const issue = pt.findings.find((f) => f.row === row.row && f.key === m.key && f.level === 'error');
        record('', `无法识别，保持原样${issue ? `：${issue.message}` : ''}`);
        continue;
      }
      const converted = convertValue(column, v, pt.date1904);
      if (!converted) continue;
      out.push({ row: row.row, col: m.col, value: converted.value, numFmt: NUM_FMT[column.kind] });
      record(converted.shown, converted.note);
    }
  }
  return out;
}

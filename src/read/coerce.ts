/**
 * Cell → typed value, one coercer per column kind, built once per column so the per-cell
 * work on a 100k-row ledger is a closure call and a rule check.
 */
import type { Cell } from '../grid';
import type { Level } from '../findings';
import type { Column } from '../ledgers/schema';
import { cellText, cleanText, normalizeCode, toHalfWidth } from '../rules/text';
import { checkPhone } from '../rules/phone';
import { checkPlate } from '../rules/plate';
import { checkVin } from '../rules/vin';
import { checkIdCard, hasShape } from '../rules/idcard';
import { checkUscc } from '../rules/uscc';
import { parseDate, parseDateTime, parseTime, todayIso } from '../rules/date';
import { parseMoney, parseRate } from '../rules/money';

/** What a coercer answers for a non-empty cell. */
export type Coerced =
  { value: unknown; issue?: undefined } | { value?: unknown; issue: { level: Level; code: string; message: string } };

export type Coercer = (cell: Cell, date1904: boolean) => Coerced;

const issue = (level: Level, code: string, message: string): Coerced => ({ issue: { level, code, message } });

/** Digits of a number that Excel stored for a code, or undefined when its precision is gone. */
function codeFromNumber(n: number): string | undefined {
  if (Number.isSafeInteger(n)) return String(n);
  if (Number.isInteger(n)) return undefined;
  return String(n);
}

const SCIENTIFIC = /^\d(?:\.\d+)?E\+\d+$/i;

function precisionLost(col: Column, shown: string): Coerced {
  return issue(
    'error',
    'code.precisionLost',
    `${col.header}被 Excel 存成了数字，末尾数字已丢失: ${shown}（请把该列设为“文本”格式后按原号码重新录入）`,
  );
}

/** Code-like text of a cell: numbers back to their exact digits where possible. */
function codeText(cell: Cell, col: Column): Coerced {
  if (typeof cell === 'number') {
    const digits = codeFromNumber(cell);
    return digits === undefined ? precisionLost(col, cell.toExponential(2).toUpperCase()) : { value: digits };
  }
  const text = normalizeCode(cellText(cell));
  // 1.23E+17: the second character says whether the pattern is worth trying.
  const second = text.charCodeAt(1);
  if ((second === 46 || second === 69 || second === 101) && SCIENTIFIC.test(text)) return precisionLost(col, text);
  return { value: text };
}

function fromCheck<T>(
  c:
    | { ok: true; value: T; level?: Level; code?: string; message?: string }
    | { ok: false; level: 'error'; code: string; message: string },
): Coerced {
  if (!c.ok) return issue('error', c.code, c.message);
  if (c.level && c.code && c.message)
    return { value: c.value, issue: { level: c.level, code: c.code, message: c.message } };
  return { value: c.value };
}

/** Enum spellings are compared without white space and in half-width. */
const enumKey = (s: string) => toHalfWidth(s).replace(/\s/g, '').toUpperCase();

export function coercerFor(col: Column): Coercer {
  const prefix = (c: Coerced): Coerced =>
    c.issue && !c.issue.message.startsWith(col.header)
      ? { ...c, issue: { ...c.issue, message: `${col.header}: ${c.issue.message}` } }
      : c;
  switch (col.kind) {
    case 'text':
      return (cell) => ({ value: cleanText(cellText(cell)) });
    case 'code':
      return (cell) => codeText(cell, col);
    case 'phone':
      return (cell) => {
        const t = codeText(cell, col);
        if (t.issue) return t;
        const c = checkPhone(String(t.value));
        // A wrong phone does not make the row unusable: the CRM import fixes or lists it.
        return c.ok ? { value: c.value } : issue('warning', c.code, c.message);
      };
    case 'plate':
      return (cell) => {
        const c = checkPlate(cellText(cell));
        // No plate yet is no error of the cell: the ledger's rule decides whether a VIN makes up for it.
        return !c.ok && c.code === 'plate.none' ? { value: undefined } : fromCheck(c);
      };
    case 'vin':
      return (cell) => fromCheck(checkVin(cellText(cell)));
    case 'idNo': {
      // A birth date after today is wrong; today is read once per column, not once per cell.
      const today = todayIso();
      return (cell) => {
        const t = codeText(cell, col);
        if (t.issue) return t;
        const text = String(t.value);
        // Only what has a resident ID's shape can be one; a failure speaks of the rule the
        // value looks like (a person's ID is digits).
        if (hasShape(text)) {
          const asId = checkIdCard(text, today);
          if (asId.ok) return { value: asId.value };
          const asOrg = checkUscc(text);
          return asOrg.ok ? { value: asOrg.value } : issue('error', 'idNo.invalid', asId.message);
        }
        const asOrg = checkUscc(text);
        return asOrg.ok ? { value: asOrg.value } : issue('error', 'idNo.invalid', asOrg.message);
      };
    }
    case 'date':
      return (cell, date1904) => prefix(fromCheck(parseDate(cell, date1904)));
    case 'time':
      return (cell) => prefix(fromCheck(parseTime(cell)));
    case 'datetime':
      return (cell, date1904) => prefix(fromCheck(parseDateTime(cell, date1904)));
    case 'money':
      return (cell) => {
        const m = parseMoney(cell);
        if (!m.ok) return prefix(fromCheck(m));
        if (col.positive && m.value <= 0)
          return issue('error', 'money.notPositive', `${col.header}应大于 0: ${cellText(cell)}`);
        if (!col.signed && m.value < 0)
          return issue('error', 'money.negative', `${col.header}不能为负数: ${cellText(cell)}`);
        return { value: m.value };
      };
    case 'rate':
      return (cell) => prefix(fromCheck(parseRate(cell)));
    case 'int':
      return (cell) => {
        const n = typeof cell === 'number' ? cell : Number(toHalfWidth(cellText(cell)).trim());
        if (!Number.isInteger(n)) return issue('error', 'int.invalid', `${col.header}应为整数: ${cellText(cell)}`);
        if (col.positive && n <= 0)
          return issue('error', 'int.notPositive', `${col.header}应大于 0: ${cellText(cell)}`);
        return { value: n };
      };
    case 'enum': {
      const lookup = new Map<string, string>();
      for (const v of col.values ?? []) lookup.set(enumKey(v), v);
      for (const [k, v] of Object.entries(col.synonyms ?? {})) lookup.set(enumKey(k), v);
      // The canonical spellings as typed, so the common cell needs no key built.
      for (const v of col.values ?? []) lookup.set(v, v);
      const allowed = (col.values ?? []).join(' / ');
      return (cell) => {
        const text = cellText(cell);
        const v = lookup.get(text) ?? lookup.get(enumKey(text));
        return v !== undefined
          ? { value: v }
          : issue('error', 'enum.invalid', `${col.header}只能填 ${allowed}，这里是“${text.trim()}”`);
      };
    }
  }
}

/**
 * Ledger columns → form fields. Everything a field is (label, control, drop-down values,
 * hint, whether it is required) is read off the column of the ledger schema.
 */
import type { Column, Kind } from '../../src/ledgers/schema';
import type { FormSpec } from './specs';

/**
 * `list`: a text input offering the values (too many for a drop-down, typed faster than
 * picked). `date`: a text input read like a date cell (2026-10-08, 20261008, 2026年10月8日)
 * with a calendar beside it — the browser's date input makes a year-first locale type the
 * year, then an arrow key, then the month.
 */
export type Control = 'select' | 'list' | 'date' | 'text';

export interface Field {
  key: string;
  label: string;
  required: boolean;
  control: Control;
  inputMode?: 'decimal' | 'numeric' | 'tel' | 'text';
  /** Letters are upper-cased as they are typed (codes, plates, VINs, IDs). */
  upper: boolean;
  options?: readonly string[];
  placeholder?: string;
  hint?: string;
  column: Column;
}

export interface FieldGroup {
  title?: string;
  fields: Field[];
}

/** More values than this and a drop-down is slower than typing. */
const MAX_SELECT_OPTIONS = 12;

const UPPER: ReadonlySet<Kind> = new Set(['code', 'plate', 'vin', 'idNo']);

const PLACEHOLDER: Partial<Record<Kind, string>> = {
  money: '如 1,234.50',
  rate: '如 15% 或 0.15',
  phone: '如 13812345678',
  plate: '如 京A12345',
  vin: '17 位车架号',
  idNo: '18 位证件号码',
  int: '整数',
  date: '如 2026-10-08 或 20261008',
  time: '如 08:30',
  datetime: '如 2026-10-08 08:55',
};

const INPUT_MODE: Partial<Record<Kind, Field['inputMode']>> = {
  money: 'decimal',
  rate: 'decimal',
  int: 'numeric',
  phone: 'tel',
  date: 'numeric',
};

function controlOf(c: Column): Control {
  switch (c.kind) {
    case 'enum':
      return (c.values?.length ?? 0) > MAX_SELECT_OPTIONS ? 'list' : 'select';
    case 'date':
      return 'date';
    default:
      return 'text';
  }
}

export function fieldOf(c: Column): Field {
  return {
    key: c.key,
    label: c.header,
    required: c.required,
    control: controlOf(c),
    ...(INPUT_MODE[c.kind] ? { inputMode: INPUT_MODE[c.kind] } : {}),
    upper: UPPER.has(c.kind),
    ...(c.values ? { options: c.values } : {}),
    ...(PLACEHOLDER[c.kind] ? { placeholder: PLACEHOLDER[c.kind] } : {}),
    ...(c.hint ? { hint: c.hint } : {}),
    column: c,
  };
}

/** A form's field of its log table (回访记录) is keyed apart from the table's own columns. */
export const LOG_PREFIX = 'log-';

/**
 * The form's fields: the lead columns first (when the form names some), then the fields of the
 * record it also writes (the call in 回访记录), then the rest in schema order.
 */
export function fieldGroups(spec: FormSpec): FieldGroup[] {
  const all = spec.table.columns.map(fieldOf);
  const log = spec.log
    ? [
        {
          title: spec.log.table.title,
          fields: spec.log.fields.map((k) => ({ ...fieldOf(spec.log!.table.column(k)), key: LOG_PREFIX + k })),
        },
      ]
    : [];
  if (!spec.lead?.length) return [{ fields: all }, ...log];
  const lead = spec.lead.map((k) => all.find((f) => f.key === k)).filter((f): f is Field => f !== undefined);
  const rest = all.filter((f) => !spec.lead!.includes(f.key));
  return [{ title: spec.leadTitle, fields: lead }, ...log, { title: spec.restTitle, fields: rest }];
}

export const fieldsOf = (spec: FormSpec): Field[] => fieldGroups(spec).flatMap((g) => g.fields);

/** Upper-cases the ASCII letters of what is being typed into a code field, nothing else. */
export const upperAscii = (s: string): string => s.replace(/[a-z]+/g, (m) => m.toUpperCase());

/** What a searching form's look-up accepts: `车牌号、被保险人、联系电话或保单号`. */
export function searchLabel(spec: FormSpec): string {
  const headers = (spec.search ?? [spec.lookup ?? '']).map((k) => spec.table.column(k).header);
  return headers.length > 1 ? `${headers.slice(0, -1).join('、')}或${headers[headers.length - 1]}` : headers[0];
}

/**
 * A CRM profile: which columns the CRM import file has, in which order, and where each one's
 * value comes from (a renewal-list field, or a fixed value), plus the date format. The
 * default is ledgers.md §1 step 8; a branch on another CRM supplies its template as JSON
 * (docs/crm.md) and is served without code changes.
 */
import { z } from 'zod';
import { renewal } from '../../ledgers/renewal';
import { matchHeader, normalizeHeader } from '../../read/headers';
import { CrmError } from './errors';

/** The one field the renewal list does not have: what insdesk did to the row (电话已更正 …). */
export const NOTE_FIELD = 'note';
const NOTE_HEADER = '备注';

export interface CrmColumn {
  header: string;
  /** A renewal column key, or `note`. */
  field?: string;
  /** A fixed value written in every row (when there is no field). */
  value?: string | number;
  dateFormat: string;
}

export interface CrmProfile {
  name: string;
  /** Sheet name of the CRM rows in the .xlsx output. */
  sheet: string;
  columns: CrmColumn[];
}

export const DEFAULT_DATE_FORMAT = 'yyyy-mm-dd';

const columnSchema = z
  .object({
    header: z.string().trim().min(1).optional(),
    field: z.string().trim().min(1).optional(),
    value: z.union([z.string(), z.number()]).optional(),
    dateFormat: z.string().min(1).optional(),
  })
  .strict();

const profileSchema = z
  .object({
    name: z.string().optional(),
    sheet: z.string().trim().min(1).max(31).optional(),
    dateFormat: z.string().min(1).optional(),
    columns: z.array(columnSchema).min(1),
  })
  .strict();

export type ProfileJson = z.input<typeof profileSchema>;

/** ledgers.md §1 step 8, written in the profile format itself. */
export const DEFAULT_PROFILE_JSON: ProfileJson = {
  name: '默认（续保CRM）',
  sheet: 'CRM导入',
  columns: [
    { header: '客户名称', field: 'insuredName' },
    { field: 'phone' },
    { field: 'plateNo' },
    { field: 'vin' },
    { field: 'makeModel' },
    { field: 'policyNo' },
    { field: 'coverage' },
    { header: '保险止期', field: 'expiryDate' },
    { field: 'lastPremium' },
    { field: 'channel' },
    { field: 'assignee' },
    { field: 'assignedDate' },
    { field: NOTE_FIELD },
  ],
};

const TOKENS = /yyyy|mm|dd|m|d/g;

type Part = string | ((y: string, m: string, d: string) => string);
const PARTS: Record<string, Part> = {
  yyyy: (y) => y,
  mm: (_, m) => m,
  dd: (_, __, d) => d,
  m: (_, m) => String(+m),
  d: (_, __, d) => String(+d),
};
const compiled = new Map<string, (iso: string) => string>();

/** A format → a function, built once: formatting runs for every date of every row. */
function compile(format: string): (iso: string) => string {
  if (format === DEFAULT_DATE_FORMAT) return (iso) => iso;
  const parts: Part[] = [];
  let at = 0;
  for (const m of format.matchAll(TOKENS)) {
    if (m.index > at) parts.push(format.slice(at, m.index));
    parts.push(PARTS[m[0]]);
    at = m.index + m[0].length;
  }
  if (at < format.length) parts.push(format.slice(at));
  return (iso) => {
    const y = iso.slice(0, 4),
      mo = iso.slice(5, 7),
      d = iso.slice(8, 10);
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : p(y, mo, d);
    return out;
  };
}

/** ISO date → text in a format of yyyy / mm / m / dd / d tokens (`yyyy年m月d日`, `yyyymmdd`). */
export function formatDate(iso: string, format: string): string {
  let f = compiled.get(format);
  if (!f) compiled.set(format, (f = compile(format)));
  return f(iso);
}

function checkDateFormat(format: string, where: string): string {
  const tokens: string[] = format.match(TOKENS) ?? [];
  if (!tokens.includes('yyyy') || !tokens.some((t) => t[0] === 'm') || !tokens.some((t) => t[0] === 'd')) {
    throw new CrmError(
      `${where}的日期格式“${format}”不完整（应含 yyyy、mm 或 m、dd 或 d，如 yyyy-mm-dd、yyyy/m/d、yyyymmdd）`,
    );
  }
  return format;
}

const FIELD_NAMES = (): string =>
  [...renewal.columns.map((c) => `${c.key}（${c.header}）`), `${NOTE_FIELD}（${NOTE_HEADER}）`].join('、');

/** A field named by its key (`insuredName`), its canonical header (`被保险人`) or a listed alias (`被保人`). */
function resolveField(name: string): string | undefined {
  if (name === NOTE_FIELD || normalizeHeader(name) === NOTE_HEADER) return NOTE_FIELD;
  if (renewal.columns.some((c) => c.key === name)) return name;
  const m = matchHeader(renewal, name);
  return m && m.match !== 'fuzzy' ? m.key : undefined;
}

/** Profile JSON (already parsed) → a checked profile. Throws CrmError with a clerk-readable reason. */
export function parseProfile(json: unknown, source = 'CRM 模板'): CrmProfile {
  const parsed = profileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.length ? issue.path.join('.') : '（顶层）';
    throw new CrmError(
      `${source}格式不正确: ${at} — ${issue.message}（应为 {"columns": [{"header": "客户名称", "field": "insuredName"}, {"header": "来源", "value": "续保"}]}，详见 docs/crm.md）`,
    );
  }
  const p = parsed.data;
  const dateFormat = checkDateFormat(p.dateFormat ?? DEFAULT_DATE_FORMAT, source);
  const seen = new Set<string>();
  const columns = p.columns.map((c, i): CrmColumn => {
    const where = `${source}第 ${i + 1} 列`;
    if ((c.field === undefined) === (c.value === undefined)) {
      throw new CrmError(`${where}应有 field（取哪个字段）或 value（固定值）二者之一`);
    }
    let field: string | undefined;
    if (c.field !== undefined) {
      field = resolveField(c.field);
      if (!field) throw new CrmError(`${where}的字段“${c.field}”不认识（可用: ${FIELD_NAMES()}）`);
    }
    const header = c.header ?? (field === NOTE_FIELD ? NOTE_HEADER : field ? renewal.column(field).header : undefined);
    if (!header) throw new CrmError(`${where}是固定值列，须写 header（列名）`);
    if (seen.has(header)) throw new CrmError(`${source}中列名“${header}”出现了两次`);
    seen.add(header);
    return {
      header,
      ...(field ? { field } : { value: c.value }),
      dateFormat: c.dateFormat ? checkDateFormat(c.dateFormat, where) : dateFormat,
    };
  });
  return { name: p.name ?? source, sheet: p.sheet ?? 'CRM导入', columns };
}

export const DEFAULT_PROFILE: CrmProfile = parseProfile(DEFAULT_PROFILE_JSON, '默认 CRM 模板');

/** The profile's header of a field, when the profile has that field. */
export const headerOf = (profile: CrmProfile, field: string): string | undefined =>
  profile.columns.find((c) => c.field === field)?.header;

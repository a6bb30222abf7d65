/**
 * Masking personal data for sharing (PIPL: share no more than the purpose needs): enough
 * stays visible to tell records apart, not enough to identify or call anyone.
 *   phone 13812345678 → 138****5678 · landline 010-12345678 → 010-****5678
 *   ID 110105199001011234 → 110105********1234 · name 张三丰 → 张*丰, 张三 → 张*
 */
import { checkPhone, normalizeCode } from '../src/rules';

export type MaskKind = 'phone' | 'id' | 'name';

const stars = (n: number): string => '*'.repeat(Math.max(n, 0));

const ID_SHAPE = /^(?:\d{17}[\dX]|\d{15})$/;
const NAME = /^(?:[\u3400-\u9fff·•]{1,20}|[A-Za-z][A-Za-z .'-]{0,39})$/;

/** The masked phone number, or null when `raw` is not a valid phone number. */
export function maskPhone(raw: string): string | null {
  const r = checkPhone(raw);
  if (!r.ok) return null;
  const v = r.value;
  const dash = v.indexOf('-');
  if (dash < 0) return v.slice(0, 3) + stars(v.length - 7) + v.slice(-4);
  // AREA-NUMBER[-EXT]: the area code says little; the extension is dropped with the number.
  const number = v.slice(dash + 1).split('-')[0];
  return `${v.slice(0, dash)}-${stars(number.length - 4)}${number.slice(-4)}`;
}

/** First 6 (region) and last 4 characters of an 18-character ID, last 3 of an old 15-digit one. */
export function maskId(raw: string): string | null {
  const id = normalizeCode(raw);
  if (!ID_SHAPE.test(id)) return null;
  const tail = id.length === 18 ? 4 : 3;
  return id.slice(0, 6) + stars(id.length - 6 - tail) + id.slice(-tail);
}

/** Surname and last character kept (张*丰); two-character names keep the surname (张*). */
export function maskName(raw: string): string | null {
  const name = raw.trim();
  if (!NAME.test(name)) return null;
  const chars = Array.from(name);
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + stars(chars.length - 2) + chars[chars.length - 1];
}

const MASKERS: Record<MaskKind, (raw: string) => string | null> = { phone: maskPhone, id: maskId, name: maskName };

/** Masks as `kind`, or as the first kind `raw` fits (phone, ID, name); null when it fits none. */
export function mask(raw: string, kind?: MaskKind): string | null {
  if (kind) return MASKERS[kind](raw);
  return maskPhone(raw) ?? maskId(raw) ?? maskName(raw);
}

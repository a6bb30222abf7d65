import { type Check, fail, pass } from './check';
import { toHalfWidth } from './text';

const SPACES = /[\s\u200B-\u200D\u2060]+/g;
// Hyphen look-alikes that Chinese input methods and Word put into numbers.
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63]/g;
const ALL_DASHES = /-/g;

const MOBILE = /^(?:\(\+?86\)|(?:\+|00)?86)?(1[3-9]\d{9})$/;
// Area codes: 010 and 02x have three digits, every other one (03xx–09xx) four, which is
// what splits an unseparated 07551234567 correctly.
const AREA = '010|02\\d|0[3-9]\\d\\d';
const LANDLINE = new RegExp(`^(?:\\((${AREA})\\)|(${AREA}))-?(\\d{7,8})(?:(?:-|转|分机|EXT\\.?|#)(\\d{1,6}))?$`, 'i');
const SERVICE = /^([48]00\d{7})$/;

const compact = (raw: string): string => toHalfWidth(raw).replace(SPACES, '').replace(DASHES, '-');

function mobileOf(c: string): string | null {
  const m = MOBILE.exec(c.replace(ALL_DASHES, ''));
  return m ? m[1] : null;
}

function landlineOf(c: string): string | null {
  const service = SERVICE.exec(c.replace(ALL_DASHES, ''));
  if (service) return service[1];
  const m = LANDLINE.exec(c);
  if (!m) return null;
  const base = `${m[1] ?? m[2]}-${m[3]}`;
  return m[4] === undefined ? base : `${base}-${m[4]}`;
}

const empty = (): Check<never> => fail('phone.empty', '电话号码未填写（应为11位手机号或带区号的固话）');

/** An 11-digit mainland mobile number; +86/86/0086, spaces and dashes are dropped. */
export function checkMobile(raw: string): Check<string> {
  const c = compact(raw);
  if (c === '') return empty();
  const v = mobileOf(c);
  return v !== null
    ? pass(v)
    : fail('phone.invalid', `手机号格式不正确: ${raw.trim()}（应为11位手机号，如 13812345678）`);
}

/** A landline with area code → 'AREA-NUMBER[-EXT]', or a 400/800 number → '400xxxxxxx'. */
export function checkLandline(raw: string): Check<string> {
  const c = compact(raw);
  if (c === '') return empty();
  const v = landlineOf(c);
  return v !== null
    ? pass(v)
    : fail(
        'phone.invalid',
        `固定电话格式不正确: ${raw.trim()}（应带区号，如 010-12345678、0755-1234567-123，或 400-123-4567）`,
      );
}

/** A mobile or a landline. */
export function checkPhone(raw: string): Check<string> {
  const c = compact(raw);
  if (c === '') return empty();
  const v = mobileOf(c) ?? landlineOf(c);
  return v !== null
    ? pass(v)
    : fail('phone.invalid', `电话号码格式不正确: ${raw.trim()}（应为11位手机号或带区号的固话）`);
}

export function isValidPhone(raw: string): boolean {
  const c = compact(raw);
  return mobileOf(c) !== null || landlineOf(c) !== null;
}

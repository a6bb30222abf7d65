import type { Cell } from '../grid';

// Full-width forms of the printable ASCII range sit exactly 0xFEE0 above it.
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;
const halfOf = (ch: string): string => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

// \s already covers U+3000, NBSP and BOM; zero-width characters come along with copy-paste
// from web pages and chat apps and are just as invisible in a code.
const ANY_SPACE = /[\s\u200B-\u200D\u2060]+/g;

// The tests below answer "nothing to change" in one native pass for the common cell, so a
// 100k-row ledger does not build three new strings per code.
const HAS_FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;
const HAS_SPACE = /[\s\u200B-\u200D\u2060]/;

/** Full-width ASCII (U+FF01–U+FF5E) → ASCII, ideographic space → space. */
export function toHalfWidth(s: string): string {
  return HAS_FULL_WIDTH.test(s) ? s.replace(FULL_WIDTH, halfOf) : s;
}

/** The comparable form of a code (policy no., plate, VIN, ID): half-width, no white space at all, upper case. */
export function normalizeCode(s: string): string {
  return isComparable(s) ? s : toHalfWidth(s).replace(ANY_SPACE, '').toUpperCase();
}

/**
 * Whether a code is already in its comparable form: printable ASCII but lower-case letters,
 * and CJK (a plate's 京, a VIN never). One pass over the characters, no string built — this
 * runs for every code cell of a ledger.
 */
function isComparable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c < 127) {
      if (c >= 97 && c <= 122) return false;
    } else if (c < 0x3400 || c >= 0xa000) return false; // spaces, full-width forms, the rest: the slow way
  }
  return true;
}

/** Names and free text: trimmed, inner runs of white space collapsed to one space; characters untouched. */
export function cleanText(s: string): string {
  return HAS_SPACE.test(s) ? s.replace(ANY_SPACE, ' ').trim() : s;
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
const pad4 = (n: number): string => String(n).padStart(4, '0');

/**
 * What a clerk sees in the cell. Excel stores phone numbers and IDs typed without a leading
 * apostrophe as numbers; String() writes every integer below 10^21 out in full, so they read
 * back as typed (when still exact: beyond 2^53 the reader must flag lost precision).
 */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  const t = cell.getTime();
  // An invalid Date must not look like an empty cell.
  if (Number.isNaN(t)) return String(cell);
  const day = `${pad4(cell.getUTCFullYear())}-${pad2(cell.getUTCMonth() + 1)}-${pad2(cell.getUTCDate())}`;
  return t % 86_400_000 === 0 ? day : `${day} ${pad2(cell.getUTCHours())}:${pad2(cell.getUTCMinutes())}`;
}

/**
 * The CRM sheet as the CSV the CRM system imports — the same text whether the CLI writes it
 * to a file (src/io/crmOut.ts) or the add-in exports the sheet the clerk may have edited
 * (commands/crm.ts).
 *
 * Never a formula by accident (OWASP "CSV injection"): text starting with = + - @ TAB or CR is
 * what Excel, WPS and LibreOffice would run as a formula when a CSV is opened or a cell is
 * edited; such text gets a leading single quote (and is quoted). Numbers are never touched,
 * so a real negative premium stays a number.
 */
import type { Cell } from '../../grid';
import { cellText } from '../../rules/text';

/** = + - @ TAB CR: the first characters OWASP lists. */
const FORMULA_START = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);

/** True for text a spreadsheet would take as the start of a formula (checked for every cell written). */
export const looksLikeFormula = (s: string): boolean => FORMULA_START.has(s.charCodeAt(0));

/** One CSV field: numbers as they are, text guarded and quoted when needed (RFC 4180). */
export function csvField(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  let s = cellText(cell);
  const guarded = looksLikeFormula(s);
  if (guarded) s = `'${s}`;
  return guarded || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV text: UTF-8 with BOM (Excel and the CRM read the Chinese correctly), CRLF line ends. */
export const csvText = (rows: readonly (readonly Cell[])[]): string =>
  `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;

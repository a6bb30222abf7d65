/**
 * Finding the header row of a sheet and mapping its headers to ledger columns
 * (ledgers.md "Reading existing workbooks"): the first row within the first 20 that maps at
 * least half of its non-empty cells to one table's columns and has that table's required
 * columns. Matching is tolerant: canonical header, aliases and English key after
 * normalisation, then a suffix/prefix match for wordings nobody listed (`被保险人姓名`,
 * `车牌号码`, `投保人电话`).
 */
import type { Cell, Grid } from '../grid';
import { columnLetter } from '../grid';
import type { Column, Table } from '../ledgers/schema';
import { cellText, toHalfWidth } from '../rules/text';

export const HEADER_SCAN_ROWS = 20;

/** How a source header was matched: listed wording, or the tolerant suffix/prefix match. */
export type MatchKind = 'exact' | 'alias' | 'fuzzy';

export interface ColumnMapping {
  /** 0-based column index within the grid row. */
  col: number;
  /** Excel column letters in the source sheet. */
  letter: string;
  /** The source header as written. */
  header: string;
  key?: string;
  match?: MatchKind;
}

export interface HeaderMatch {
  table: Table;
  /** 0-based index into grid.rows. */
  index: number;
  columns: ColumnMapping[];
  /** Required columns the header row lacks (only when the match was accepted without them). */
  missing: Column[];
}

/**
 * Trim; drop all white space (incl. U+3000) and line breaks; full-width to half-width; drop a
 * trailing unit or mark such as `(元)`, `（元）`, `*`, `：`; a leading `*` (required mark)
 * too; ASCII upper-cased so `vin` matches `VIN`.
 */
export function normalizeHeader(text: string): string {
  let s = toHalfWidth(text).replace(/\s+/g, '');
  s = s.replace(/^\*+/, '');
  for (let prev = ''; prev !== s;) {
    prev = s;
    s = s.replace(/(?:\([^()]*\)|\*|:|：)$/, '');
  }
  return s.toUpperCase();
}

/** Per table: normalised wording → column key, and the wordings for the tolerant match. */
interface Lexicon {
  exact: Map<string, { key: string; match: MatchKind }>;
  words: { word: string; key: string }[];
}

const lexicons = new WeakMap<Table, Lexicon>();

function lexiconOf(table: Table): Lexicon {
  let lex = lexicons.get(table);
  if (lex) return lex;
  const exact = new Map<string, { key: string; match: MatchKind }>();
  const words: { word: string; key: string }[] = [];
  for (const c of table.columns) {
    exact.set(normalizeHeader(c.header), { key: c.key, match: 'exact' });
    exact.set(normalizeHeader(c.key), { key: c.key, match: 'exact' });
    for (const a of c.aliases ?? [])
      if (!exact.has(normalizeHeader(a))) exact.set(normalizeHeader(a), { key: c.key, match: 'alias' });
    for (const w of [c.header, ...(c.aliases ?? [])]) {
      const word = normalizeHeader(w);
      if (word.length >= 2) words.push({ word, key: c.key });
    }
  }
  // Longest wordings first, so `被保险人电话` beats `被保险人`.
  words.sort((a, b) => b.word.length - a.word.length);
  lex = { exact, words };
  lexicons.set(table, lex);
  return lex;
}

/**
 * What may follow a listed wording without changing what the column holds (`被保险人姓名`,
 * `车牌号码`, `保费金额`). Anything else is a different thing: `投保人电话` is a phone, not
 * the applicant, and `保险公司应付` is an amount, not the insurer.
 */
const NEUTRAL_TAIL = /^(?:姓名|名称|全称|简称|号码|码|号|编号|代码|金额)$/;

/**
 * Maps one header to a column of `table`. Chinese puts the head noun last, so a wording that
 * ends the header wins (`投保人电话` is a phone); failing that, one that starts it and is
 * followed only by a neutral tail (`被保险人姓名` is the insured).
 */
export function matchHeader(table: Table, header: string): { key: string; match: MatchKind } | undefined {
  const norm = normalizeHeader(header);
  if (!norm) return undefined;
  const lex = lexiconOf(table);
  const hit = lex.exact.get(norm);
  if (hit) return hit;
  const suffix = lex.words.find((w) => norm.endsWith(w.word));
  if (suffix) return { key: suffix.key, match: 'fuzzy' };
  const prefix = lex.words.find((w) => norm.startsWith(w.word) && NEUTRAL_TAIL.test(norm.slice(w.word.length)));
  if (prefix) return { key: prefix.key, match: 'fuzzy' };
  return undefined;
}

/** Maps a header row; a key already taken by an earlier column is not given twice. */
export function mapHeaderRow(table: Table, row: readonly Cell[], colOffset: number): ColumnMapping[] {
  const taken = new Set<string>();
  const out: ColumnMapping[] = [];
  // Exact and alias matches first, so a fuzzy match never steals a column written out in full.
  const cells = Array.from(row, (cell, col) => ({ col, header: cellText(cell).trim() })).filter((c) => c.header);
  const matches = cells.map((c) => matchHeader(table, c.header));
  for (const pass of ['listed', 'fuzzy'] as const) {
    cells.forEach((c, i) => {
      const m = matches[i];
      if (!m || taken.has(m.key) || (pass === 'listed') === (m.match === 'fuzzy')) return;
      taken.add(m.key);
      out.push({ col: c.col, letter: columnLetter(colOffset + c.col), header: c.header, key: m.key, match: m.match });
    });
  }
  for (const c of cells) {
    if (!out.some((m) => m.col === c.col))
      out.push({ col: c.col, letter: columnLetter(colOffset + c.col), header: c.header });
  }
  return out.sort((a, b) => a.col - b.col);
}

function missingRequired(table: Table, keys: Set<string>): Column[] {
  const missing = table.columns.filter((c) => c.required && !keys.has(c.key));
  for (const group of table.requiredAny ?? []) {
    if (!group.some((k) => keys.has(k))) missing.push(table.column(group[0]));
  }
  return missing;
}

/**
 * Finds the header row: the first of the first rows that, for some table, maps at least half
 * of its non-empty cells and has the required columns; when several tables fit that row, the
 * one mapping more columns wins (ties keep the earlier table). With `lenient` (a forced
 * `--ledger`) and no such row, the row mapping the most columns (at least three) is
 * accepted, and its missing required columns are reported.
 */
export function detectHeader(grid: Grid, tables: readonly Table[], lenient = false): HeaderMatch | undefined {
  let fallback: (HeaderMatch & { mapped: number }) | undefined;
  const colOffset = grid.origin?.col ?? 0;
  const scan = Math.min(grid.rows.length, HEADER_SCAN_ROWS);
  for (let index = 0; index < scan; index++) {
    const row = grid.rows[index];
    if (!row) continue;
    let nonEmpty = 0;
    for (const cell of row) if (cellText(cell).trim()) nonEmpty++;
    if (nonEmpty < 2) continue;
    let complete: (HeaderMatch & { mapped: number }) | undefined;
    for (const table of tables) {
      const columns = mapHeaderRow(table, row, colOffset);
      const keys = new Set(columns.filter((c) => c.key).map((c) => c.key!));
      if (keys.size * 2 < nonEmpty) continue;
      const missing = missingRequired(table, keys);
      const candidate = { table, index, columns, missing, mapped: keys.size };
      if (!missing.length) {
        if (!complete || candidate.mapped > complete.mapped) complete = candidate;
      } else if (lenient && keys.size >= 3 && (!fallback || candidate.mapped > fallback.mapped)) {
        fallback = candidate;
      }
    }
    if (complete) return strip(complete);
  }
  return fallback && strip(fallback);
}

function strip({ mapped: _mapped, ...match }: HeaderMatch & { mapped: number }): HeaderMatch {
  return match;
}

/**
 * 续保 CRM 一键导入 (ledgers.md §1 "One-click CRM import"): the renewal desk's morning job as
 * one pure function, grids in → grids out. The CLI feeds it files; the Excel ribbon button
 * feeds it the open workbook's sheets. No file I/O here.
 */
import type { Grid } from '../../grid';
import { renewal } from '../../ledgers/renewal';
import { readLedgerSheets, tablesOf } from '../../read/sheets';
import { readTable, type ParsedTable } from '../../read/table';
import { dayNumber, fromDayNumber, isValidIso } from '../../rules/date';
import { deal } from './assign';
import { classify, rowRef, unfinishedWork } from './buckets';
import { CrmError } from './errors';
import { buildPhoneBook, emptyPhoneBook, type PhoneBook } from './lookup';
import { readPrevious } from './previous';
import { DEFAULT_PROFILE } from './profile';
import { crmSheet, listLayout, listSheets, summarySheet, uniqueSheetNames } from './sheets';
import {
  BUCKETS,
  type Counts,
  type CrmBook,
  type CrmOptions,
  type CrmResult,
  type DayDeal,
  type Item,
  type RenewalData,
  type SourceTable,
} from './types';

export * from './types';
export { CrmError } from './errors';
export { csvField, csvText, looksLikeFormula } from './csv';
export { parseProfile, DEFAULT_PROFILE, DEFAULT_PROFILE_JSON, type CrmProfile } from './profile';

export const DEFAULT_WINDOW = 30;
export const DEFAULT_LEAD = 25;
const MAX_SEED = 0xffffffff;

export interface CrmInput {
  /** The renewal list: its file name (for messages) and sheets. */
  renewal: CrmBook;
  /** Phone look-up tables (--lookup). */
  lookups?: readonly CrmBook[];
  /** The previous CRM import file (--previous). */
  previous?: CrmBook;
}

/** The default seed: the as-of date's digits, so a rerun on the same day deals the same way. */
export const defaultSeed = (asOf: string): number => Number(asOf.replace(/-/g, ''));

/** Splits `张三,李四，王五、赵六` into names; blanks dropped. */
export function parseSpecialists(text: string): string[] {
  return text
    .split(/[,，、;；]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function checkOptions(opts: CrmOptions) {
  if (!isValidIso(opts.asOf)) throw new CrmError(`基准日不是有效日期: ${opts.asOf}（应为 2026-11-25 这样的日期）`);
  const specialists = opts.specialists.map((s) => s.trim()).filter(Boolean);
  if (!specialists.length) throw new CrmError('续保专员名单为空（请用 --specialists 张三,李四 列出参与分配的专员）');
  const dup = specialists.find((s, i) => specialists.indexOf(s) !== i);
  if (dup) throw new CrmError(`续保专员名单中“${dup}”出现了两次（每位专员只写一次，否则会多分信息）`);
  const whole = (v: number | undefined, fallback: number, what: string, max: number) => {
    const n = v ?? fallback;
    if (!Number.isInteger(n) || n < 0 || n > max) throw new CrmError(`${what}应为 0 到 ${max} 之间的整数: ${v}`);
    return n;
  };
  return {
    asOf: opts.asOf,
    specialists,
    seed: whole(opts.seed, defaultSeed(opts.asOf), '随机种子', MAX_SEED),
    window: whole(opts.window, DEFAULT_WINDOW, '续保期限天数', 366),
    lead: whole(opts.lead, DEFAULT_LEAD, '提前发放天数', 366),
    profile: opts.profile ?? DEFAULT_PROFILE,
    override: !!opts.overrideUnfinished,
  };
}

function renewalTables(source: CrmBook, asOf: string): ParsedTable<RenewalData>[] {
  const read = readLedgerSheets(source.grids, { asOf, crossTable: false });
  const tables = tablesOf(read, 'renewal') as ParsedTable<RenewalData>[];
  if (tables.length) return tables;
  // Say which columns are missing when a sheet is nearly a renewal list.
  for (const grid of source.grids) {
    const near = readTable(grid, [renewal], { asOf, lenient: true });
    const missing = near?.findings.find((f) => f.code === 'header.missingRequired');
    if (missing) throw new CrmError(`工作表“${grid.sheet}”像是续保清单，但${missing.message}`, source.name);
  }
  const required = renewal.columns
    .filter((c) => c.required)
    .map((c) => c.header)
    .join('、');
  throw new CrmError(`没有找到续保清单（任一工作表的前 20 行内应有含 ${required} 的表头）`, source.name);
}

function sourceTable(parsed: ParsedTable<RenewalData>, grids: readonly Grid[]): SourceTable {
  const grid = grids.find((g) => g.sheet === parsed.sheet)!;
  const colOf = new Map<string, number>();
  for (const c of parsed.columns) if (c.key) colOf.set(c.key, c.col);
  return { parsed, grid, colOf };
}

/** The list's own plate/VIN → phone, so a car's 交强险 row can lend its phone to the 商业险 row. */
function ownPhoneBook(items: readonly Item[], multiSheet: boolean): PhoneBook {
  const book = emptyPhoneBook();
  for (const i of items) {
    const { phone, plateNo, vin } = i.data;
    if (!phone || (!plateNo && !vin)) continue;
    const hit = { phone, from: `本清单${rowRef(i, multiSheet)}` };
    if (plateNo && !book.byPlate.has(plateNo)) book.byPlate.set(plateNo, hit);
    if (vin && !book.byVin.has(vin)) book.byVin.set(vin, hit);
  }
  return book;
}

/** The 所属人员 named in the list, in order of first appearance: the team, when none is given. */
export function assigneesIn(source: CrmBook, asOf: string): string[] {
  const names = new Set<string>();
  for (const t of renewalTables(source, asOf)) for (const r of t.rows) if (r.data.assignee) names.add(r.data.assignee);
  return [...names];
}

export function runCrm(input: CrmInput, options: CrmOptions): CrmResult {
  const o = checkOptions(options);
  const sources = renewalTables(input.renewal, o.asOf).map((t) => sourceTable(t, input.renewal.grids));
  const multiSheet = sources.length > 1;
  const items: Item[] = [];
  for (const source of sources) {
    for (const row of source.parsed.rows) {
      items.push({ index: items.length, source, row, data: row.data, bucket: 'invalid', reason: '', notes: [] });
    }
  }

  const lookups = buildPhoneBook(input.lookups ?? []);
  const previous = input.previous ? readPrevious(input.previous, o.profile) : undefined;
  const { phoneFixed } = classify(items, {
    asOf: o.asOf,
    window: o.window,
    lead: o.lead,
    lookups,
    ownPhones: ownPhoneBook(items, multiSheet),
    previous,
    multiSheet,
  });

  // Step 7: who still has yesterday's work open gets nothing new, unless overridden.
  const open = unfinishedWork(items);
  const blockedSpecialists = o.override ? [] : o.specialists.filter((s) => open.has(s));
  const free = o.specialists.filter((s) => !blockedSpecialists.includes(s));
  const candidates = items.filter((i) => i.bucket === 'leads');
  const assignments: Record<string, number> = Object.fromEntries(o.specialists.map((s) => [s, 0]));
  const byDay: DayDeal[] = [];
  if (!free.length) {
    for (const i of candidates) {
      i.bucket = 'blocked';
      i.reason =
        '所有专员都有未处理完的信息（见未处理清单），暂不分配；处理完后重新运行，或选择照常分配（命令行 --override-unfinished）';
    }
  } else {
    const dealt = deal(
      candidates.map((i) => dayNumber(i.assignedDate!)),
      free.length,
      o.seed,
    );
    candidates.forEach((i, n) => (i.assignee = free[dealt.assignee[n]]));
    free.forEach((s, k) => (assignments[s] = dealt.totals[k]));
    for (const d of dealt.byDay) {
      byDay.push({
        date: fromDayNumber(d.day),
        counts: Object.fromEntries(o.specialists.map((s) => [s, d.counts[free.indexOf(s)] ?? 0])),
      });
    }
  }

  const counts = Object.fromEntries([['input', items.length], ...BUCKETS.map((b) => [b, 0])]) as Counts;
  for (const i of items) counts[i.bucket]++;

  const rank = new Map(o.specialists.map((s, k) => [s, k]));
  const leads = items
    .filter((i) => i.bucket === 'leads')
    .sort(
      (a, b) =>
        (a.assignedDate! < b.assignedDate! ? -1 : a.assignedDate! > b.assignedDate! ? 1 : 0) ||
        rank.get(a.assignee!)! - rank.get(b.assignee!)! ||
        a.index - b.index,
    );

  const unfinished = Object.fromEntries(open);
  const sheets = [crmSheet(o.profile, leads), ...listSheets(items, listLayout(sources), o.asOf, o.specialists)];
  sheets.push(
    summarySheet(
      {
        asOf: o.asOf,
        seed: o.seed,
        window: o.window,
        lead: o.lead,
        profile: o.profile.name,
        counts,
        phoneFixed,
        specialists: o.specialists,
        assignments,
        unfinished,
        blockedSpecialists,
        overridden: o.override,
        byDay,
      },
      sheets[0].name,
    ),
  );
  uniqueSheetNames(sheets.map((s) => s.name)).forEach((name, k) => (sheets[k].name = name));

  return {
    asOf: o.asOf,
    seed: o.seed,
    window: o.window,
    lead: o.lead,
    profile: o.profile.name,
    counts,
    assignments,
    phoneFixed,
    lookupPhones: lookups.entries,
    previousPolicies: previous?.rows ?? 0,
    unfinished,
    blockedSpecialists,
    byDay,
    sources: sources.map((s) => ({ sheet: s.parsed.sheet, headerRow: s.parsed.headerRow, rows: s.parsed.rows.length })),
    sheets,
  };
}

/**
 * 续保 CRM 一键导入 (ledgers.md §1 "One-click CRM import"): the renewal desk's morning job as
 * one pure function, grids in → grids out. The CLI feeds it files; the Excel ribbon button
 * feeds it the open workbook's sheets. No file I/O here.
 */
import type { Grid } from '../../grid';
import { CONTACT_RESULTS, renewal, vehicleOf } from '../../ledgers/renewal';
import { FAILED_RESULTS, INACCURATE_ATTEMPTS, showMoment } from '../../ledgers/followups';
import { readLedgerSheets, tablesOf } from '../../read/sheets';
import { readTable, type ParsedTable } from '../../read/table';
import { dayNumber, hhmm, isValidIso, todayIso } from '../../rules/date';
import { deal } from './assign';
import { classify, DEADLINE_MINUTES, rowRef, unfinishedWork } from './buckets';
import { readChannelMap, type ChannelMap } from './channels';
import { buildLog, loggedRows, type FollowupLog, type LoggedRow } from './followupLog';
import { readIssued, type IssuedIndex } from './issued';
import { CrmError } from './errors';
import { buildPhoneBook, emptyPhoneBook, type PhoneBook } from './lookup';
import { readPrevious } from './previous';
import { DEFAULT_PROFILE } from './profile';
import {
  crmSheet,
  listLayout,
  listSheets,
  NO_CALLER,
  NO_CHANNEL,
  summarySheet,
  uniqueSheetNames,
  type SummaryInput,
} from './sheets';
import {
  BUCKETS,
  type Counts,
  type CrmBook,
  type CrmOptions,
  type CrmResult,
  type CrmWarning,
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
  /** The renewal list: its file name (for messages) and sheets. A 回访记录 sheet in it is read too. */
  renewal: CrmBook;
  /** Phone look-up tables (--lookup). */
  lookups?: readonly CrmBook[];
  /** The previous CRM import file (--previous). */
  previous?: CrmBook;
  /** The issuance ledger (--issued): rows renewed here leave the import. */
  issued?: readonly CrmBook[];
  /** 经办人 → 业务归属 (--channels). */
  channels?: CrmBook;
  /** The follow-up log (--followups). */
  followups?: readonly CrmBook[];
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

function readRenewalBook(source: CrmBook, asOf: string): { tables: ParsedTable<RenewalData>[]; log: ParsedTable[] } {
  const read = readLedgerSheets(source.grids, { asOf, crossTable: false });
  const tables = tablesOf(read, 'renewal') as ParsedTable<RenewalData>[];
  if (tables.length) return { tables, log: tablesOf(read, 'followups') };
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
  for (const t of readRenewalBook(source, asOf).tables)
    for (const r of t.rows) if (r.data.assignee) names.add(r.data.assignee);
  return [...names];
}

/** The run's clock (step 7): `--at`, else now when D is today, else 17:00 of D. */
function clockOf(asOf: string, at: string | undefined, today: string): { minutes: number; shown: string } {
  let minutes = DEADLINE_MINUTES;
  if (at !== undefined) {
    const m = /^\s*(\d{1,2})[:：](\d{2})\s*$/.exec(at);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new CrmError(`时间应为 17:00 这样的时:分: ${at}`);
    minutes = Number(m[1]) * 60 + Number(m[2]);
  } else if (asOf === today) {
    const now = new Date();
    minutes = now.getHours() * 60 + now.getMinutes();
  }
  return { minutes: dayNumber(asOf) * 1440 + minutes, shown: `${asOf} ${hhmm(minutes)}` };
}

/** How a vehicle is named in messages. */
const vehicleLabel = (i: Item) =>
  i.data.plateNo ?? i.data.vin ?? `${i.data.insuredName ?? ''}${i.data.phone ? ` ${i.data.phone}` : ''}`;

/** Step 0: an empty 业务归属 filled from the channel map by 经办人. */
function fillChannels(items: Item[], map: ChannelMap): { filled: number; unmapped: string[] } {
  let filled = 0;
  const unmapped = new Set<string>();
  for (const i of items) {
    const { channel, handler } = i.data;
    if (channel || !handler) continue;
    const found = map.get(handler);
    if (found === undefined) {
      unmapped.add(handler);
      continue;
    }
    i.data = { ...i.data, channel: found };
    i.notes.push(`业务归属按经办人对照表填入（${handler} → ${found}）`);
    filled++;
  }
  return { filled, unmapped: [...unmapped] };
}

/** The log's last result stands for an empty 联系结果 (workflows.md §1). */
function applyLog(items: Item[], log: FollowupLog): void {
  for (const i of items) {
    i.log = log.summaryOf(i.data.policyNo, i.data.plateNo);
    if (!i.log || i.data.contactResult || i.row.invalid?.contactResult) continue;
    const result = i.log.last.data.result;
    if (!(CONTACT_RESULTS as readonly string[]).includes(result)) continue;
    i.data = { ...i.data, contactResult: result as RenewalData['contactResult'] };
    i.notes.push(`联系结果“${result}”取自回访记录`);
  }
}

/** A car's policies with different 所属人员: one car, one caller — the desk must settle it. */
function ownerConflicts(items: readonly Item[], multiSheet: boolean): CrmWarning[] {
  const owners = new Map<string, Map<string, Item>>();
  for (const i of items) {
    if (!i.data.assignee || i.vehicle.startsWith('row:')) continue;
    const m = owners.get(i.vehicle) ?? new Map<string, Item>();
    if (!m.has(i.data.assignee)) m.set(i.data.assignee, i);
    owners.set(i.vehicle, m);
  }
  const out: CrmWarning[] = [];
  for (const m of owners.values()) {
    if (m.size < 2) continue;
    const first = [...m.values()][0];
    out.push({
      where: rowRef(first, multiSheet),
      message: `车辆 ${vehicleLabel(first)} 的保单分属不同专员（${[...m]
        .map(([who, i]) => `${who}: ${rowRef(i, multiSheet)}`)
        .join('；')}），同一辆车应由一人跟进，请在清单中统一所属人员`,
    });
  }
  return out;
}

/** Log entries about a policy or plate that neither the list nor the issuance ledger has. */
function strangers(log: FollowupLog, items: readonly Item[], issued: IssuedIndex | undefined): CrmWarning[] {
  const policies = new Set(items.map((i) => i.data.policyNo));
  const plates = new Set(items.map((i) => i.data.plateNo));
  const out: CrmWarning[] = [];
  for (const e of log.entries) {
    const { policyNo, plateNo } = e.data;
    const known =
      (policyNo && (policies.has(policyNo) || issued?.policies.has(policyNo))) ||
      (plateNo && (plates.has(plateNo) || issued?.plates.has(plateNo)));
    if (known) continue;
    const what = [policyNo && `保单号 ${policyNo}`, plateNo && `车牌号 ${plateNo}`].filter(Boolean).join('、');
    out.push({ where: e.where, message: `回访记录中的${what}不在续保清单${issued ? '或承保台账' : ''}中，请核对` });
  }
  return out;
}

/** Buckets whose rows are still in play for a call (not invalid, repeated, renewed or lost). */
const LIVE: ReadonlySet<string> = new Set([
  'lapsed',
  'alreadyAssigned',
  'outOfWindow',
  'needsPhone',
  'blocked',
  'leads',
]);

/** Step 10: 不准确 and 今日待回电 from the log. */
function markFollowups(items: readonly Item[], asOf: string): void {
  for (const i of items) {
    const log = i.log;
    if (!log || !LIVE.has(i.bucket)) continue;
    // Given up on: back to the branch, nobody calls it back.
    if (log.inaccurate) {
      i.inaccurate = true;
      continue;
    }
    // A lapsed customer has gone to the branch's list (step 2).
    if (i.bucket === 'lapsed') continue;
    const last = log.last.data;
    if (log.next?.date === asOf) i.callback = `约定 ${showMoment(log.next)} 回电`;
    else if (FAILED_RESULTS.has(last.result) && last.contactedAt.date < asOf && log.failed < INACCURATE_ATTEMPTS)
      i.callback = `${showMoment(last.contactedAt)} ${last.result}，已拨 ${log.failed} 次未接通`;
  }
}

const calleeOf = (i: Item): string => i.data.assignee ?? i.log?.last.data.caller ?? NO_CALLER;

function tally(items: readonly Item[], keyOf: (i: Item) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[keyOf(i)] = (out[keyOf(i)] ?? 0) + 1;
  return out;
}

export function runCrm(input: CrmInput, options: CrmOptions): CrmResult {
  const o = checkOptions(options);
  const clock = clockOf(o.asOf, options.at, options.today ?? todayIso());
  const book = readRenewalBook(input.renewal, o.asOf);
  const sources = book.tables.map((t) => sourceTable(t, input.renewal.grids));
  const multiSheet = sources.length > 1;
  const items: Item[] = [];
  for (const source of sources) {
    for (const row of source.parsed.rows) {
      items.push({
        index: items.length,
        source,
        row,
        data: row.data,
        bucket: 'invalid',
        reason: '',
        notes: [],
        vehicle: vehicleOf(row.data) ?? `row:${items.length}`,
      });
    }
  }

  const warnings: CrmWarning[] = [];
  const channels = input.channels ? fillChannels(items, readChannelMap(input.channels)) : undefined;
  const issued = input.issued?.length ? readIssued(input.issued, o.asOf) : undefined;
  const logged = [
    ...book.log.flatMap((table) => loggedRows(fileName(input.renewal.name), table)),
    ...(input.followups ?? []).flatMap((b) => followupTables(b, o.asOf)),
  ];
  const log = book.log.length || input.followups?.length ? buildLog(logged) : undefined;
  if (log) applyLog(items, log);

  const lookups = buildPhoneBook(input.lookups ?? []);
  const previous = input.previous ? readPrevious(input.previous, o.profile) : undefined;
  const { phoneFixed } = classify(items, {
    asOf: o.asOf,
    window: o.window,
    lead: o.lead,
    lookups,
    ownPhones: ownPhoneBook(items, multiSheet),
    previous,
    ...(issued ? { issued } : {}),
    clock: clock.minutes,
    multiSheet,
  });
  warnings.push(...ownerConflicts(items, multiSheet));
  if (log) {
    warnings.push(...strangers(log, items, issued));
    markFollowups(items, o.asOf);
  }

  // Step 7: who still has yesterday's work open gets nothing new, unless overridden.
  const open = unfinishedWork(items);
  const blockedSpecialists = o.override ? [] : o.specialists.filter((s) => open.has(s));
  const free = o.specialists.filter((s) => !blockedSpecialists.includes(s));
  const candidates = items.filter((i) => i.bucket === 'leads');
  const zero = () => Object.fromEntries(o.specialists.map((s) => [s, 0])) as Record<string, number>;
  const assignments = zero();
  const vehicleAssignments = zero();
  const byDay: DayDeal[] = [];

  // Step 6, per vehicle: a car's leads travel together, on the earliest 发放日期 among them.
  const cars = new Map<string, Item[]>();
  for (const i of candidates) {
    const car = cars.get(i.vehicle);
    if (car) car.push(i);
    else cars.set(i.vehicle, [i]);
  }
  const vehicles = [...cars.values()];
  for (const car of vehicles) {
    const first = car.reduce((d, i) => (i.assignedDate! < d ? i.assignedDate! : d), car[0].assignedDate!);
    for (const i of car) i.assignedDate = first;
  }
  if (!free.length) {
    for (const i of candidates) {
      i.bucket = 'blocked';
      i.reason =
        '所有专员都有未处理完的信息（见未处理清单），暂不分配；处理完后重新运行，或选择照常分配（命令行 --override-unfinished）';
    }
  } else {
    const dealt = deal(
      vehicles.map((car) => dayNumber(car[0].assignedDate!)),
      free.length,
      o.seed,
    );
    const days = new Map<string, DayDeal>();
    vehicles.forEach((car, n) => {
      const who = free[dealt.assignee[n]];
      const date = car[0].assignedDate!;
      let day = days.get(date);
      if (!day) days.set(date, (day = { date, counts: zero(), vehicles: zero() }));
      day.vehicles[who]++;
      vehicleAssignments[who]++;
      for (const i of car) {
        i.assignee = who;
        day.counts[who]++;
        assignments[who]++;
      }
    });
    byDay.push(...[...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1)));
  }

  const counts = Object.fromEntries([['input', items.length], ...BUCKETS.map((b) => [b, 0])]) as Counts;
  for (const i of items) counts[i.bucket]++;
  const carsIn = (of: (i: Item) => boolean) => new Set(items.filter(of).map((i) => i.vehicle)).size;
  const vehicleCounts = Object.fromEntries([
    ['input', carsIn(() => true)],
    ...BUCKETS.map((b) => [b, carsIn((i) => i.bucket === b)]),
  ]) as Counts;

  const rank = new Map(o.specialists.map((s, k) => [s, k]));
  const leads = items
    .filter((i) => i.bucket === 'leads')
    .sort(
      (a, b) =>
        (a.assignedDate! < b.assignedDate! ? -1 : a.assignedDate! > b.assignedDate! ? 1 : 0) ||
        rank.get(a.assignee!)! - rank.get(b.assignee!)! ||
        a.index - b.index,
    );

  const callbacks = items.filter((i) => i.callback);
  const inaccurate = items.filter((i) => i.inaccurate);
  const unfinished = Object.fromEntries(open);
  const summary: SummaryInput = {
    asOf: o.asOf,
    clock: clock.shown,
    seed: o.seed,
    window: o.window,
    lead: o.lead,
    profile: o.profile.name,
    counts,
    vehicleCounts,
    phoneFixed,
    specialists: o.specialists,
    assignments,
    vehicleAssignments,
    unfinished,
    blockedSpecialists,
    overridden: o.override,
    byDay,
    callbacksToday: tally(callbacks, calleeOf),
    inaccurate: tally(inaccurate, (i) => i.data.channel ?? NO_CHANNEL),
    channelsFilled: channels?.filled ?? 0,
    unmappedHandlers: channels?.unmapped ?? [],
    warnings,
  };
  const sheets = [
    crmSheet(o.profile, leads),
    ...listSheets(items, listLayout(sources), {
      asOf: o.asOf,
      specialists: o.specialists,
      callee: calleeOf,
      log: !!log,
    }),
  ];
  sheets.push(summarySheet(summary, sheets[0].name));
  uniqueSheetNames(sheets.map((s) => s.name)).forEach((name, k) => (sheets[k].name = name));

  return {
    ...summary,
    assignments,
    leadVehicles: vehicles.length,
    renewedHerePolicies: items
      .filter((i) => i.bucket === 'renewedHere')
      .map((i) => ({ policyNo: i.data.policyNo!, coverage: i.data.coverage!, newPolicyNo: i.renewedBy!.policyNo })),
    lookupPhones: lookups.entries,
    previousPolicies: previous?.rows ?? 0,
    followupEntries: log?.entries.length ?? 0,
    issuedPolicies: issued?.rows ?? 0,
    sources: sources.map((s) => ({ sheet: s.parsed.sheet, headerRow: s.parsed.headerRow, rows: s.parsed.rows.length })),
    sheets,
  };
}

/** The 回访记录 tables of a --followups file; a file without one is the wrong file. */
function followupTables(book: CrmBook, asOf: string): LoggedRow[] {
  const tables = tablesOf(readLedgerSheets(book.grids, { asOf, crossTable: false }), 'followups');
  if (!tables.length) {
    throw new CrmError('没有找到回访记录（表头须含 保单号或车牌号、联系时间、联系结果）', book.name);
  }
  return tables.flatMap((table) => loggedRows(fileName(book.name), table));
}

/** A path's last part: messages name the file, not the folder it was in. */
const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

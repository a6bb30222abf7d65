/**
 * Puts every input row into exactly one bucket (ledgers.md §1 step 9, first match wins),
 * fixing phones on the way (step 4) and working out who is blocked by unfinished work (step 7).
 */
import { renewalStatus } from '../../ledgers/renewal';
import { dayNumber, daysBetween, fromDayNumber } from '../../rules/date';
import { cellText } from '../../rules/text';
import { findPhone, type PhoneBook } from './lookup';
import type { PreviousCrm } from './previous';
import type { IssuedIndex } from './issued';
import type { Bucket, Item, RenewalData, SourceTable } from './types';

/** An error in one of these makes the row unusable (the `invalid` bucket). */
const KEY_FIELDS = ['policyNo', 'coverage', 'insuredName', 'expiryDate'] as const;

export interface ClassifyContext {
  asOf: string;
  window: number;
  lead: number;
  /** --lookup tables. */
  lookups: PhoneBook;
  /** The renewal list's own phones by plate/VIN: a car's 交强险 and 商业险 rows usually share one. */
  ownPhones: PhoneBook;
  previous?: PreviousCrm;
  /** --issued: the policies this desk has issued (step 0). */
  issued?: IssuedIndex;
  /** The run's clock in minutes since day 0 (dayNumber × 1440 + minutes): step 7's deadline. */
  clock: number;
  /** Several renewal sheets: row references name the sheet. */
  multiSheet: boolean;
}

export function rowRef(item: { source: SourceTable; row: { row: number } }, multiSheet: boolean): string {
  return multiSheet ? `“${item.source.parsed.sheet}”第 ${item.row.row} 行` : `第 ${item.row.row} 行`;
}

/** Error messages per source row, indexed once per sheet (a bad file can have an error on every row). */
const errorsByRow = new WeakMap<SourceTable, Map<number, { key: string; message: string }[]>>();

function errorsOf(source: SourceTable, excelRow: number): { key: string; message: string }[] {
  let index = errorsByRow.get(source);
  if (!index) {
    index = new Map();
    for (const f of source.parsed.findings) {
      if (f.level !== 'error' || !f.key) continue;
      const list = index.get(f.row);
      if (list) list.push({ key: f.key, message: f.message });
      else index.set(f.row, [{ key: f.key, message: f.message }]);
    }
    errorsByRow.set(source, index);
  }
  return index.get(excelRow) ?? [];
}

function invalidReason(source: SourceTable, excelRow: number, data: RenewalData): string | undefined {
  const missing: readonly string[] = KEY_FIELDS.filter((k) => data[k] === undefined);
  if (!missing.length) return undefined;
  const messages = errorsOf(source, excelRow)
    .filter((e) => missing.includes(e.key))
    .map((e) => e.message);
  return messages.length
    ? [...new Set(messages)].join('；')
    : `缺少必填项: ${missing.map((k) => source.parsed.table.column(k).header).join('、')}`;
}

/** The source text of a cell of the row (what the clerk typed), '' when the sheet has no such column. */
function rawText(item: Item, key: string): string {
  const col = item.source.colOf.get(key);
  if (col === undefined) return '';
  const rowIndex = item.row.row - 1 - (item.source.grid.origin?.row ?? 0);
  return cellText(item.source.grid.rows[rowIndex]?.[col]).trim();
}

function phoneProblem(item: Item): string {
  const raw = rawText(item, 'phone');
  return raw ? `联系电话格式不正确: ${raw}` : '联系电话为空';
}

/**
 * Tries the look-up tables, then the list's own rows. Returns the note for 备注, or the reason
 * the row needs a phone.
 */
function fixPhone(item: Item, ctx: ClassifyContext): { phone: string; note: string } | { reason: string } {
  const { plateNo, vin } = item.data;
  const found = findPhone(ctx.lookups, plateNo, vin) ?? findPhone(ctx.ownPhones, plateNo, vin);
  const problem = phoneProblem(item);
  if (found) {
    const by = found.by === 'plate' ? `车牌号 ${plateNo}` : `车架号 ${vin}`;
    const was = problem === '联系电话为空' ? '原为空' : `原号码 ${rawText(item, 'phone')}`;
    return { phone: found.hit.phone, note: `电话已更正（${was}；按${by} 取自${found.hit.from}）` };
  }
  if (!plateNo && !vin) return { reason: `${problem}，且没有可用的车牌号或车架号，无法查找` };
  return {
    reason: `${problem}，按${plateNo ? '车牌号' : ''}${plateNo && vin ? '和' : ''}${vin ? '车架号' : ''}也未查到电话`,
  };
}

/** Fills bucket, reason, phone and notes of each item, in input order (duplicates keep the first). */
export function classify(items: Item[], ctx: ClassifyContext): { phoneFixed: number } {
  const firstOf = new Map<string, Item>();
  let phoneFixed = 0;
  const put = (item: Item, bucket: Bucket, reason: string) => {
    item.bucket = bucket;
    item.reason = reason;
  };
  /** The row's phone, else one found by plate/VIN (noted); the reason when there is none. */
  const withPhone = (item: Item): string | undefined => {
    if (item.data.phone) {
      item.phone = item.data.phone;
      return undefined;
    }
    const fix = fixPhone(item, ctx);
    if ('reason' in fix) return fix.reason;
    item.phone = fix.phone;
    item.notes.push(fix.note);
    phoneFixed++;
    return undefined;
  };

  for (const item of items) {
    const d = item.data;
    const bad = invalidReason(item.source, item.row.row, d);
    if (bad) {
      put(item, 'invalid', bad);
      continue;
    }
    const policyNo = d.policyNo!,
      coverage = d.coverage!,
      expiryDate = d.expiryDate!;
    const id = `${policyNo}\u0000${coverage}`;
    const first = firstOf.get(id);
    if (first) {
      put(
        item,
        'duplicate',
        `保单号+险种 ${policyNo} ${coverage} 与${rowRef(first, ctx.multiSheet)}重复（保留第一条）`,
      );
      continue;
    }
    firstOf.set(id, item);

    const status = renewalStatus(d as RenewalData & { expiryDate: string }, ctx.asOf);
    if (status === '已续保') {
      put(
        item,
        'renewed',
        d.contactResult === '成功续保'
          ? '联系结果为成功续保'
          : d.renewedPolicyNo
            ? `已有续保保单号 ${d.renewedPolicyNo}`
            : `已于 ${d.renewedDate} 续保`,
      );
      continue;
    }
    const here = ctx.issued?.renewalOf(d);
    if (here) {
      item.renewedBy = here;
      put(item, 'renewedHere', `本店已出续保保单 ${here.policyNo}（${here.coverage}，起保 ${here.startDate}）`);
      continue;
    }
    if (status === '战败') {
      put(item, 'lost', `联系结果为${d.contactResult}${d.lostReason ? `（${d.lostReason}）` : ''}`);
      continue;
    }
    const overdue = daysBetween(expiryDate, ctx.asOf);
    if (status === '脱保') {
      put(item, 'lapsed', `已脱保 ${overdue} 天（止期 ${expiryDate}）`);
      // The branches call lapsed customers too (seed 004): give them the best phone there is.
      withPhone(item);
      continue;
    }
    const inPrevious = ctx.previous?.has(policyNo, coverage) ?? false;
    if (d.assignee || inPrevious || item.log) {
      // Step 7: no result, in the list or the log, by 17:00 of the day after it was given out.
      const unfinished =
        !!d.assignee &&
        !!d.assignedDate &&
        !d.contactResult &&
        !item.row.invalid?.contactResult &&
        !item.log &&
        ctx.clock >= deadline(d.assignedDate);
      item.unfinished = unfinished;
      put(
        item,
        'alreadyAssigned',
        unfinished
          ? `${d.assignee} 于 ${d.assignedDate} 领取，联系结果仍为空（最晚应于 ${fromDayNumber(dayNumber(d.assignedDate!) + 1)} 17:00 前更新）`
          : d.assignee
            ? `所属人员已填写: ${d.assignee}${d.assignedDate ? `（发放日期 ${d.assignedDate}）` : ''}`
            : inPrevious
              ? '已在上次的 CRM 导入文件中'
              : `已有回访记录（${item.log!.attempts} 次，最近一次 ${item.log!.last.data.result}）`,
      );
      continue;
    }
    const days = -overdue;
    if (days < 0 || days > ctx.window) {
      put(
        item,
        'outOfWindow',
        days < 0 ? `已过期 ${-days} 天（满 3 天才算脱保）` : `距到期 ${days} 天，超出 ${ctx.window} 天期限`,
      );
      continue;
    }
    const noPhone = withPhone(item);
    if (noPhone) {
      put(item, 'needsPhone', noPhone);
      continue;
    }
    const issue = Math.max(dayNumber(ctx.asOf), dayNumber(expiryDate) - ctx.lead);
    item.assignedDate = fromDayNumber(issue);
    put(item, 'leads', `距到期 ${days} 天`);
  }
  return { phoneFixed };
}

/** Rows given out on `day` must carry a result by 17:00 of the next day (seed 004 node 三). */
export const DEADLINE_MINUTES = 17 * 60;
export const deadline = (day: string): number => (dayNumber(day) + 1) * 1440 + DEADLINE_MINUTES;

/** Unfinished rows (step 7) per 所属人员. */
export function unfinishedWork(items: readonly Item[]): Map<string, number> {
  const by = new Map<string, number>();
  for (const i of items) if (i.unfinished) by.set(i.data.assignee!, (by.get(i.data.assignee!) ?? 0) + 1);
  return by;
}

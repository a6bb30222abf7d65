/**
 * The run's outputs as grids: the CRM import sheet (the profile's columns), one list per
 * bucket that is not imported, and 汇总. Every input row is in exactly one of them.
 *
 * The lists show the renewal columns the input had (canonical headers, typed values: dates as
 * yyyy-mm-dd text, money in yuan) and its other columns untouched, so a branch or a colleague
 * recognises its rows, plus 行号 (the source row) and why the row is on that list.
 */
import type { Cell } from '../../grid';
import { renewal } from '../../ledgers/renewal';
import { fenToYuan, parseMoney } from '../../rules/money';
import { cellText } from '../../rules/text';
import { daysBetween } from '../../rules/date';
import { showMoment } from '../../ledgers/followups';
import { DEFAULT_DATE_FORMAT, NOTE_FIELD, formatDate, type CrmProfile } from './profile';
import {
  BUCKETS,
  BUCKET_LABELS,
  type ColumnFormat,
  type CrmResult,
  type CrmSheet,
  type Item,
  type SheetRole,
  type SourceTable,
} from './types';

const NOTE_SEPARATOR = '；';

const KIND = new Map(renewal.columns.map((c) => [c.key, c.kind]));

/** A field of the row as the outputs show it; the source text when the field could not be read. */
function fieldValue(item: Item, key: string, dateFormat: string): Cell {
  const kind = KIND.get(key);
  const v = (item.data as Record<string, unknown>)[key];
  if (v !== undefined) {
    if (kind === 'date') return formatDate(v as string, dateFormat);
    if (kind === 'money') return fenToYuan(v as number);
    return v as string;
  }
  const col = item.source.colOf.get(key);
  if (col === undefined) return null;
  const raw = item.source.grid.rows[item.row.row - 1 - (item.source.grid.origin?.row ?? 0)]?.[col];
  if (raw === null || raw === undefined || cellText(raw).trim() === '') return null;
  if (kind === 'money') {
    // A negative premium (a refund) is not a valid 上年保费, but it is still a number to the clerk.
    const m = parseMoney(raw);
    if (m.ok) return fenToYuan(m.value);
  }
  return cellText(raw).trim();
}

function crmValue(item: Item, field: string, dateFormat: string): Cell {
  switch (field) {
    case NOTE_FIELD:
      return item.notes.length ? item.notes.join(NOTE_SEPARATOR) : null;
    case 'phone':
      return item.phone ?? null;
    case 'assignee':
      return item.assignee ?? null;
    case 'assignedDate':
      return item.assignedDate ? formatDate(item.assignedDate, dateFormat) : null;
    default:
      return fieldValue(item, field, dateFormat);
  }
}

const formatOfKind = (key: string): ColumnFormat => (KIND.get(key) === 'money' ? 'money' : 'text');

export function crmSheet(profile: CrmProfile, leads: readonly Item[]): CrmSheet {
  const formats: Record<number, ColumnFormat> = {};
  profile.columns.forEach((c, i) => {
    if (c.field) formats[i] = c.field === NOTE_FIELD ? 'text' : formatOfKind(c.field);
    else if (typeof c.value === 'string') formats[i] = 'text';
  });
  const rows: Cell[][] = [profile.columns.map((c) => c.header)];
  for (const item of leads) {
    rows.push(profile.columns.map((c) => (c.field ? crmValue(item, c.field, c.dateFormat) : (c.value ?? null))));
  }
  return { name: profile.sheet, role: 'crm', rows, formats };
}

/** What every list shows of a row: where it was, and the columns it had. */
export interface ListLayout {
  headers: string[];
  formats: Record<number, ColumnFormat>;
  cells: (item: Item) => Cell[];
}

export function listLayout(sources: readonly SourceTable[]): ListLayout {
  const multiSheet = sources.length > 1;
  const present = new Set<string>();
  const extras: string[] = [];
  for (const s of sources) {
    for (const c of s.parsed.columns) {
      if (c.key) present.add(c.key);
      else if (!extras.includes(c.header)) extras.push(c.header);
    }
  }
  const keys = renewal.columns.filter((c) => present.has(c.key)).map((c) => c.key);
  const headers = [...(multiSheet ? ['工作表'] : []), '行号', ...keys.map((k) => renewal.column(k).header), ...extras];
  const formats: Record<number, ColumnFormat> = {};
  let at = 0;
  if (multiSheet) formats[at++] = 'text';
  formats[at++] = 'int';
  for (const k of keys) formats[at++] = formatOfKind(k);
  return {
    headers,
    formats,
    cells: (item) => {
      const out: Cell[] = multiSheet ? [item.source.parsed.sheet, item.row.row] : [item.row.row];
      for (const k of keys)
        out.push(k === 'phone' && item.phone ? item.phone : fieldValue(item, k, DEFAULT_DATE_FORMAT));
      for (const h of extras) {
        const v = item.row.extra?.[h];
        out.push(v instanceof Date || typeof v === 'boolean' ? cellText(v) : (v ?? null));
      }
      return out;
    },
  };
}

interface ListColumn {
  header: string;
  format?: ColumnFormat;
  value: (item: Item) => Cell;
}

function list(
  name: string,
  role: SheetRole,
  layout: ListLayout,
  items: readonly Item[],
  more: readonly ListColumn[],
): CrmSheet {
  const formats: Record<number, ColumnFormat> = { ...layout.formats };
  more.forEach((m, i) => {
    if (m.format) formats[layout.headers.length + i] = m.format;
  });
  const rows: Cell[][] = [[...layout.headers, ...more.map((m) => m.header)]];
  for (const item of items) {
    const cells = layout.cells(item);
    for (const m of more) cells.push(m.value(item));
    rows.push(cells);
  }
  return { name, role, rows, formats };
}

const REASON: ListColumn = { header: '原因', format: 'text', value: (i) => i.reason };
const NOTE: ListColumn = {
  header: '备注',
  format: 'text',
  value: (i) => (i.notes.length ? i.notes.join(NOTE_SEPARATOR) : null),
};

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]; file names also avoid " < > |. */
const FORBIDDEN = /[:\\/?*[\]"<>|]/g;

export function uniqueSheetNames(wanted: readonly string[]): string[] {
  const taken = new Set<string>();
  return wanted.map((w) => {
    const base = (w.replace(FORBIDDEN, '_').trim() || '工作表').slice(0, 31);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 2)}(${n})`;
    taken.add(name.toLowerCase());
    return name;
  });
}

export const NO_CHANNEL = '未填业务归属';
export const NO_CALLER = '未指定专员';

/** Rows per 业务归属, in order of first appearance: one list per branch, to send it. */
function byChannel(items: readonly Item[]): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const i of items) {
    const ch = i.data.channel ?? NO_CHANNEL;
    const group = groups.get(ch);
    if (group) group.push(i);
    else groups.set(ch, [i]);
  }
  return groups;
}

export interface ListOptions {
  asOf: string;
  specialists: readonly string[];
  /** Who calls a row back (its 所属人员, else the last caller). */
  callee: (item: Item) => string;
  /** A follow-up log was read: 今日待回电 is shown even when empty. */
  log: boolean;
}

const ATTEMPTS: ListColumn = { header: '回访次数', format: 'int', value: (i) => i.log?.attempts ?? 0 };
const LAST_CONTACT: ListColumn = {
  header: '最近联系',
  format: 'text',
  value: (i) => (i.log ? `${showMoment(i.log.last.data.contactedAt)} ${i.log.last.data.result}` : null),
};

export function listSheets(items: readonly Item[], layout: ListLayout, o: ListOptions): CrmSheet[] {
  const of = (bucket: string) => items.filter((i) => i.bucket === bucket);
  const sheets: CrmSheet[] = [];
  // Grouped per person: specialists in the order given, then others in code-point order (not
  // localeCompare, whose order depends on the machine's ICU data).
  const rank = (name: string) => {
    const i = o.specialists.indexOf(name);
    return i >= 0 ? i : o.specialists.length;
  };
  const byPerson = (who: (i: Item) => string) => (a: Item, b: Item) => {
    const x = who(a),
      y = who(b);
    return rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0) || a.index - b.index;
  };

  for (const [channel, group] of byChannel(of('lapsed'))) {
    sheets.push(
      list(`脱保-${channel}`, 'lapsed', layout, group, [
        { header: '脱保天数', format: 'int', value: (i) => daysBetween(i.data.expiryDate!, o.asOf) },
        NOTE,
      ]),
    );
  }
  sheets.push(list('需查找电话清单', 'needsPhone', layout, of('needsPhone'), [REASON]));
  const renewedHere = of('renewedHere');
  if (renewedHere.length) {
    sheets.push(
      list('已在本店续保', 'renewedHere', layout, renewedHere, [
        { header: '本店续保保单号', format: 'text', value: (i) => i.renewedBy!.policyNo },
        { header: '续保起保日期', format: 'text', value: (i) => i.renewedBy!.startDate },
      ]),
    );
  }
  if (o.log) {
    const callbacks = items.filter((i) => i.callback).sort(byPerson(o.callee));
    sheets.push(
      list('今日待回电', 'callbacks', layout, callbacks, [
        { header: '回电专员', format: 'text', value: o.callee },
        { header: '回电原因', format: 'text', value: (i) => i.callback! },
        ATTEMPTS,
        LAST_CONTACT,
      ]),
    );
    for (const [channel, group] of byChannel(items.filter((i) => i.inaccurate))) {
      sheets.push(
        list(`不准确-${channel}`, 'inaccurate', layout, group, [
          ATTEMPTS,
          LAST_CONTACT,
          {
            header: '原因',
            format: 'text',
            value: (i) =>
              `${i.log!.failedDays} 天内拨打 ${i.log!.failed} 次均未接通，信息视为不准确，退回${i.data.channel ?? '业务归属'}核实`,
          },
        ]),
      );
    }
  }
  const unfinished = items.filter((i) => i.unfinished).sort(byPerson((i) => i.data.assignee!));
  sheets.push(list('未处理清单', 'unfinished', layout, unfinished, [REASON]));
  sheets.push(
    list('暂缓分配清单', 'blocked', layout, of('blocked'), [
      { header: '拟发放日期', format: 'text', value: (i) => i.assignedDate ?? null },
      REASON,
    ]),
  );
  sheets.push(list('重复记录', 'duplicate', layout, of('duplicate'), [REASON]));
  sheets.push(list('无效记录', 'invalid', layout, of('invalid'), [REASON]));
  const other = items.filter(
    (i) => ['renewed', 'lost', 'outOfWindow'].includes(i.bucket) || (i.bucket === 'alreadyAssigned' && !i.unfinished),
  );
  sheets.push(
    list('其他记录', 'other', layout, other, [
      { header: '分类', format: 'text', value: (i) => BUCKET_LABELS[i.bucket] },
      REASON,
    ]),
  );
  return sheets;
}

/** Where each bucket's rows are listed, for 汇总. */
const WHERE: Record<(typeof BUCKETS)[number], string> = {
  invalid: '无效记录',
  duplicate: '重复记录',
  renewed: '其他记录',
  renewedHere: '已在本店续保',
  lost: '其他记录',
  lapsed: '脱保-<业务归属>',
  alreadyAssigned: '未处理清单（未处理的）/ 其他记录',
  outOfWindow: '其他记录',
  needsPhone: '需查找电话清单',
  blocked: '暂缓分配清单',
  leads: 'CRM导入',
};

/** What 汇总 shows: the run's figures, the specialists as given and whether unfinished work was overridden. */
export type SummaryInput = Pick<
  CrmResult,
  | 'asOf'
  | 'clock'
  | 'seed'
  | 'window'
  | 'lead'
  | 'profile'
  | 'counts'
  | 'vehicleCounts'
  | 'phoneFixed'
  | 'assignments'
  | 'vehicleAssignments'
  | 'unfinished'
  | 'blockedSpecialists'
  | 'byDay'
  | 'callbacksToday'
  | 'inaccurate'
  | 'channelsFilled'
  | 'unmappedHandlers'
  | 'warnings'
> & { specialists: readonly string[]; overridden: boolean };

export function summarySheet(s: SummaryInput, crmSheetName: string): CrmSheet {
  const where = { ...WHERE, leads: crmSheetName };
  const rows: Cell[][] = [['分类', '件数', '辆数', '列在']];
  rows.push(['输入数据行', s.counts.input, s.vehicleCounts.input, '']);
  let total = 0;
  for (const b of BUCKETS) {
    rows.push([BUCKET_LABELS[b], s.counts[b], s.vehicleCounts[b], where[b]]);
    total += s.counts[b];
  }
  rows.push(['合计（应等于输入数据行）', total, null, total === s.counts.input ? '相符' : '不符']);
  rows.push(['其中电话已更正', s.phoneFixed, null, '备注列']);
  if (s.channelsFilled) rows.push(['业务归属按对照表填入', s.channelsFilled, null, '备注列']);
  const callbacks = Object.values(s.callbacksToday).reduce((a, b) => a + b, 0);
  if (callbacks) rows.push(['今日待回电', callbacks, null, '今日待回电']);
  for (const [channel, n] of Object.entries(s.inaccurate))
    rows.push([`不准确（${channel}）`, n, null, `不准确-${channel}`]);
  rows.push([]);
  const dates = s.byDay.map((d) => d.date);
  rows.push([
    '专员',
    '新分配（辆）',
    '新分配（件）',
    ...dates.map((d) => `发放 ${d}（辆）`),
    '今日待回电',
    '之前未处理',
    '状态',
  ]);
  const names = [...s.specialists, ...Object.keys(s.unfinished).filter((n) => !s.specialists.includes(n))];
  for (const name of names) {
    const listed = s.specialists.includes(name);
    const open = s.unfinished[name] ?? 0;
    const state = !listed
      ? '不在本次专员名单中'
      : s.blockedSpecialists.includes(name)
        ? '有未处理信息，本次不分配'
        : open && s.overridden
          ? '有未处理信息，已人工放行'
          : '正常分配';
    rows.push([
      name,
      listed ? (s.vehicleAssignments[name] ?? 0) : 0,
      listed ? (s.assignments[name] ?? 0) : 0,
      ...s.byDay.map((d) => d.vehicles[name] ?? 0),
      s.callbacksToday[name] ?? 0,
      open,
      state,
    ]);
  }
  rows.push([]);
  rows.push(['基准日', s.asOf]);
  rows.push(['截止时间按', s.clock]);
  rows.push(['随机种子', s.seed]);
  rows.push(['续保期限（天）', s.window]);
  rows.push(['提前发放（天）', s.lead]);
  rows.push(['CRM 模板', s.profile]);
  if (s.unmappedHandlers.length) rows.push(['对照表中没有的经办人', s.unmappedHandlers.join('、')]);
  if (s.warnings.length) {
    rows.push([]);
    rows.push(['需要注意', '位置']);
    for (const w of s.warnings) rows.push([w.message, w.where]);
  }
  return { name: '汇总', role: 'summary', rows, formats: { 0: 'text' } };
}

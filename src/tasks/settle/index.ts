/**
 * 结算清单 and 代理费对账 (workflows.md §3, cli.md `settle`): the issuance ledger's policies of
 * a period per insurer, and the insurer's statements matched to them policy by policy. Pure
 * and browser-safe: the command line and the ribbon's 结算对账 run it on parsed tables.
 *
 * Choices the spec leaves open (docs/settle.md):
 * - A statement line is matched against the whole ledger, not only the period: insurers pay
 *   last month's policies too, and such a line is not "theirs only".
 * - `oursOnly` lists the period's policies of the insurers being reconciled: the one named with
 *   `--insurer`, else those the statements name (their 保险公司 column, or the insurer of the
 *   policies they match) — a 平安 statement does not make every 太平 policy "unpaid".
 * - `difference` is theirs − ours (negative: the insurer paid less); `differenceTotal` sums it
 *   over `amountDiffers`.
 */
import type { Grid } from '../../grid';
import type { ParsedTable } from '../../read/table';
import { readLedgerSheets } from '../../read/sheets';
import type { Period } from '../stats/period';
import { commissionFen, unpaidFen } from '../../ledgers/issuance';
import { agingOf, NO_INSURER, type Aging } from './aging';

export const CLASSES = ['matched', 'amountDiffers', 'oursOnly', 'theirsOnly', 'duplicate'] as const;
export type ReconClass = (typeof CLASSES)[number];

/** What the clerk reads for each class. */
export const CLASS_LABELS: Record<ReconClass, string> = {
  matched: '相符',
  amountDiffers: '金额不符',
  oursOnly: '我方独有',
  theirsOnly: '对方独有',
  duplicate: '重复',
};

/** A policy of the issuance ledger; money in fen. */
export interface Policy {
  file: string;
  sheet: string;
  row: number;
  policyNo: string;
  issueDate?: string;
  coverage?: string;
  insuredName?: string;
  plateNo?: string;
  insurer: string;
  premium?: number;
  paidPremium?: number;
  commissionRate?: number;
  commissionReceived?: number;
  /** 代理费 (premium × rate), undefined without a rate or premium. */
  commission?: number;
}

/** A line of an insurer's statement; `amount` in fen. */
export interface StatementLine {
  file: string;
  sheet: string;
  row: number;
  policyNo: string;
  amount: number;
  insurer?: string;
}

/** A statement line that could not be read: its cell and why. */
export interface UnreadableLine {
  file: string;
  sheet: string;
  row: number;
  /** A1 address of the cell at fault. */
  cell: string;
  text: string;
  reason: string;
}

export interface ReconRow {
  policyNo: string;
  class: ReconClass;
  /** Our 代理费 (0 when the ledger has no such policy or no rate), fen. */
  ours: number;
  /** The statement's amount (the sum of its lines for a duplicate), fen. */
  theirs: number;
  difference: number;
  policy?: Policy;
  lines: StatementLine[];
  note?: string;
}

export interface InsurerTotals {
  policies: number;
  premium: number;
  paidPremium: number;
  unpaid: number;
  commission: number;
  commissionReceived: number;
  commissionDue: number;
}

export interface SettleResult {
  period: Period;
  asOf: string;
  insurer?: string;
  /** The 结算清单: the period's policies per insurer, in ledger order. */
  lists: { insurer: string; policies: Policy[]; totals: InsurerTotals }[];
  /** Undefined when no statement was given. */
  reconciliation?: {
    rows: ReconRow[];
    unreadable: UnreadableLine[];
    /** Insurers whose period policies were checked for `oursOnly`. */
    insurers: string[];
  };
  aging: Aging;
  /** Policies of the period (insurer filter applied) left out of the totals, with why. */
  notes: string[];
}

export interface SettleOptions {
  period: Period;
  asOf: string;
  /** Only this insurer (平安 finds 平安产险). */
  insurer?: string;
}

/** A parsed table and the file it came from. */
export interface SourcedTable {
  file: string;
  table: ParsedTable;
}

/** An insurer's name without the words every insurer's name ends with: 太平财险 → 太平, 太平洋产险 → 太平洋. */
const coreOf = (name: string): string =>
  name
    .replace(/\s/g, '')
    .replace(/(?:财产保险股份有限公司|保险股份有限公司|财产保险|保险公司|财险|产险|保险|公司)$/, '');

/** The same insurer however it is written (平安 = 平安产险 = 平安财产保险), but 太平 is not 太平洋. */
export const insurerMatches = (name: string, wanted: string): boolean =>
  name === wanted || coreOf(name) === coreOf(wanted);

/** The fields the settlement reads, per table; other ledgers in the files are not read at all. */
const FIELDS: Readonly<Record<string, readonly string[] | undefined>> = {
  issuance: [
    'issueDate',
    'policyNo',
    'coverage',
    'insuredName',
    'plateNo',
    'insurer',
    'premium',
    'paidPremium',
    'commissionRate',
    'commissionReceived',
  ],
  statement: undefined,
};

/** A workbook's issuance ledgers and statements, read for the settlement. */
export function settleTables(grids: readonly Grid[], asOf: string): ParsedTable[] {
  const only = (key: string) => (key in FIELDS ? FIELDS[key] : []);
  return readLedgerSheets(grids, { asOf, crossTable: false, only }).tables.filter((t) => t.table.key in FIELDS);
}

const letterOf = (t: ParsedTable, key: string): string => t.columns.find((c) => c.key === key)?.letter ?? '';

/** The policies of every issuance table; a policy number seen before counts once (the first). */
export function policiesOf(tables: readonly SourcedTable[]): Policy[] {
  const out: Policy[] = [];
  const seen = new Set<string>();
  for (const { file, table: t } of tables) {
    if (t.table.key !== 'issuance') continue;
    for (const r of t.rows) {
      const d = r.data as Omit<Policy, 'file' | 'sheet' | 'row' | 'commission'>;
      if (!d.policyNo || seen.has(d.policyNo)) continue;
      seen.add(d.policyNo);
      const commission =
        d.premium !== undefined && d.commissionRate !== undefined
          ? commissionFen({ premium: d.premium, commissionRate: d.commissionRate })
          : undefined;
      out.push({ ...d, insurer: d.insurer || NO_INSURER, file, sheet: t.sheet, row: r.row, commission });
    }
  }
  return out;
}

/** The statement lines of every statement table, and those that cannot be read (listed, never dropped). */
export function statementLinesOf(tables: readonly SourcedTable[]): {
  lines: StatementLine[];
  unreadable: UnreadableLine[];
} {
  const lines: StatementLine[] = [];
  const unreadable: UnreadableLine[] = [];
  for (const { file, table: t } of tables) {
    if (t.table.key !== 'statement') continue;
    const policyCol = letterOf(t, 'policyNo');
    const amountCol = letterOf(t, 'amount');
    for (const r of t.rows) {
      const d = r.data as { policyNo?: string; amount?: number; insurer?: string };
      const bad = r.invalid ?? {};
      const at = { file, sheet: t.sheet, row: r.row };
      if (!d.policyNo) {
        unreadable.push({
          ...at,
          cell: `${policyCol}${r.row}`,
          text: bad.policyNo ?? '',
          reason: bad.policyNo !== undefined ? `保单号无法识别: ${bad.policyNo}` : '保单号为空',
        });
      } else if (d.amount === undefined) {
        unreadable.push({
          ...at,
          cell: `${amountCol}${r.row}`,
          text: bad.amount ?? '',
          reason: bad.amount !== undefined ? `金额无法识别: ${bad.amount}（应为如 1,234.50 的金额）` : '金额为空',
        });
      } else {
        lines.push({ ...at, policyNo: d.policyNo, amount: d.amount, ...(d.insurer ? { insurer: d.insurer } : {}) });
      }
    }
  }
  return { lines, unreadable };
}

const inPeriod = (p: Policy, period: Period): boolean =>
  !!p.issueDate && p.issueDate >= period.start && p.issueDate <= period.end;

function totalsOf(policies: readonly Policy[]): InsurerTotals {
  const t: InsurerTotals = {
    policies: 0,
    premium: 0,
    paidPremium: 0,
    unpaid: 0,
    commission: 0,
    commissionReceived: 0,
    commissionDue: 0,
  };
  for (const p of policies) {
    t.policies++;
    if (p.premium !== undefined) {
      const unpaid = unpaidFen({ premium: p.premium, paidPremium: p.paidPremium });
      t.premium += p.premium;
      t.paidPremium += p.premium - unpaid;
      t.unpaid += unpaid;
    }
    t.commission += p.commission ?? 0;
    t.commissionReceived += p.commissionReceived ?? 0;
    t.commissionDue += (p.commission ?? 0) - (p.commissionReceived ?? 0);
  }
  return t;
}

/** Reconciles the statements' lines with the ledger's policies: each policy in exactly one class. */
function reconcile(
  policies: readonly Policy[],
  lines: readonly StatementLine[],
  period: Period,
  insurer: string | undefined,
): { rows: ReconRow[]; insurers: string[] } {
  const byNo = new Map(policies.map((p) => [p.policyNo, p]));
  const linesOf = new Map<string, StatementLine[]>();
  for (const l of lines) {
    const list = linesOf.get(l.policyNo);
    if (list) list.push(l);
    else linesOf.set(l.policyNo, [l]);
  }
  const rows: ReconRow[] = [];
  const named = new Set<string>();
  for (const [policyNo, ls] of linesOf) {
    const policy = byNo.get(policyNo);
    const theirs = ls.reduce((a, l) => a + l.amount, 0);
    const ours = policy?.commission ?? 0;
    for (const l of ls) if (l.insurer) named.add(l.insurer);
    if (policy) named.add(policy.insurer);
    const note =
      policy && policy.commission === undefined
        ? '台账中代理费率或保费为空，无法计算应收代理费'
        : insurer && policy && !insurerMatches(policy.insurer, insurer)
          ? `台账中该保单的保险公司为 ${policy.insurer}`
          : undefined;
    const cls: ReconClass =
      ls.length > 1 ? 'duplicate' : !policy ? 'theirsOnly' : ours === theirs ? 'matched' : 'amountDiffers';
    rows.push({
      policyNo,
      class: cls,
      ours,
      theirs,
      difference: theirs - ours,
      lines: ls,
      ...(policy ? { policy } : {}),
      ...(note ? { note } : {}),
    });
  }
  // Whose period policies should be on a statement: the insurer asked for, else the ones the statements name.
  const reconciled = insurer
    ? (p: Policy) => insurerMatches(p.insurer, insurer)
    : named.size
      ? (p: Policy) => [...named].some((n) => insurerMatches(p.insurer, n))
      : () => true;
  const insurers = new Set<string>();
  for (const p of policies) {
    if (!inPeriod(p, period) || !reconciled(p)) continue;
    insurers.add(p.insurer);
    if (linesOf.has(p.policyNo)) continue;
    const ours = p.commission ?? 0;
    rows.push({ policyNo: p.policyNo, class: 'oursOnly', ours, theirs: 0, difference: -ours, policy: p, lines: [] });
  }
  return { rows, insurers: [...insurers] };
}

/**
 * The settlement of a period: the 结算清单 per insurer, the reconciliation with the statement
 * tables found (when any is), and the aging on the as-of date.
 */
export function settle(tables: readonly SourcedTable[], opts: SettleOptions): SettleResult {
  const { period, asOf, insurer } = opts;
  const policies = policiesOf(tables);
  const wanted = (p: Policy) => !insurer || insurerMatches(p.insurer, insurer);
  const ofPeriod = policies.filter((p) => inPeriod(p, period) && wanted(p));
  const byInsurer = new Map<string, Policy[]>();
  for (const p of ofPeriod) {
    const list = byInsurer.get(p.insurer);
    if (list) list.push(p);
    else byInsurer.set(p.insurer, [p]);
  }
  const lists = [...byInsurer]
    .sort(([a], [b]) => a.localeCompare(b, 'zh'))
    .map(([name, ps]) => ({ insurer: name, policies: ps, totals: totalsOf(ps) }));
  const notes: string[] = [];
  const noPremium = ofPeriod.filter((p) => p.premium === undefined).length;
  if (noPremium) notes.push(`有 ${noPremium} 张保单的保费为空或无法识别，未计入保费合计（请先用“校验”改正）`);
  const noRate = ofPeriod.filter((p) => p.premium !== undefined && p.commission === undefined).length;
  if (noRate) notes.push(`有 ${noRate} 张保单的代理费率为空或无法识别，代理费按 0 计`);

  const statementTables = tables.filter((t) => t.table.table.key === 'statement');
  let reconciliation: SettleResult['reconciliation'];
  if (statementTables.length) {
    const { lines, unreadable } = statementLinesOf(statementTables);
    reconciliation = { ...reconcile(policies, lines, period, insurer), unreadable };
  }
  const aging = agingOf(
    policies.filter(wanted).map((data) => ({ data })),
    asOf,
  );
  return { period, asOf, ...(insurer ? { insurer } : {}), lists, reconciliation, aging, notes };
}

export { agingOf, AGING_BUCKETS, type Aging } from './aging';

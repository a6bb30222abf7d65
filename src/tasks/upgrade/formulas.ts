/**
 * The formula columns of each ledger table (ledgers.md "Formula columns and settings") as plain
 * data, so the file writer and, later, the add-in's 升级为工具 button apply the same plan.
 *
 * A formula is a template for one row. `{key}` is this row's cell of the ledger column `key`,
 * `{$key}` this row's cell of another formula column, `{table.key}` the whole data column `key`
 * of another table (e.g. the collections). Everything else is Excel text, written with functions
 * that Excel 2016, WPS and LibreOffice all compute; the settings are the defined names of the
 * 设置 sheet. Each formula mirrors one engine function (see values.ts) and guards its inputs with
 * ISNUMBER/N so that an empty or unreadable cell gives what the engine gives, never an error.
 * `{row}` is the row's ledger cells: a 是/否 column says nothing on a blank row, so the empty
 * rows of a new ledger stay empty (the other columns are "" there by their own guards).
 */
import type { TableKey } from '../../ledgers/schema';
import { LOST_RESULTS } from '../../ledgers/renewal';

export type FormulaKind = 'days' | 'money' | 'flag' | 'status';

export interface FormulaColumn {
  key: string;
  /** Canonical header of the column. */
  header: string;
  kind: FormulaKind;
  formula: string;
  /** What the column computes, for the input message and docs/formulas.md. */
  hint: string;
}

/** The as-of date: 设置!基准日, or today when it is empty. */
export const AS_OF = 'IF(AsOfDate="",TODAY(),INT(AsOfDate))';

const lostTest = [...LOST_RESULTS].map((r) => `TRIM({contactResult})="${r}"`).join(',');

const renewal: FormulaColumn[] = [
  {
    key: 'daysToExpiry',
    header: '距到期天数',
    kind: 'days',
    formula: `IF(ISNUMBER({expiryDate}),INT({expiryDate})-${AS_OF},"")`,
    hint: '终保日期 − 基准日（天）；负数表示已过期',
  },
  {
    key: 'renewalStatus',
    header: '续保状态',
    kind: 'status',
    // First match wins, as renewalStatus: renewed, lost, then by days past expiry.
    formula:
      `IF(OR(TRIM({contactResult})="成功续保",LEN(TRIM({renewedPolicyNo}))>0,ISNUMBER({renewedDate})),"已续保",` +
      `IF(OR(${lostTest}),"战败",` +
      `IF(NOT(ISNUMBER({expiryDate})),"",` +
      `IF(${AS_OF}-INT({expiryDate})>=3,"脱保",IF(${AS_OF}-INT({expiryDate})>=1,"已过期","待续保")))))`,
    hint: '已续保 / 战败 / 脱保（过期满 3 天）/ 已过期 / 待续保',
  },
];

const issuance: FormulaColumn[] = [
  {
    key: 'unpaid',
    header: '未缴保费',
    kind: 'money',
    formula: 'IF(ISNUMBER({premium}),ROUND({premium}-N({paidPremium}),2),"")',
    hint: '保费 − 实收保费（元）',
  },
  {
    key: 'commission',
    header: '代理费',
    kind: 'money',
    formula: 'IF(ISNUMBER({premium}),ROUND({premium}*N({commissionRate}),2),"")',
    hint: '保费 × 代理费率，四舍五入到分',
  },
];

const claims: FormulaColumn[] = [
  {
    key: 'insurerDue',
    header: '保险公司应付',
    kind: 'money',
    formula: 'IF(ISNUMBER({repairAmount}),ROUND({repairAmount}-N({customerPaid}),2),"")',
    hint: '维修金额 − 客户自付（元）',
  },
  {
    key: 'outstanding',
    header: '未回款',
    kind: 'money',
    formula: 'IF(ISNUMBER({repairAmount}),ROUND({repairAmount}-N({customerPaid})-N({paidAmount}),2),"")',
    hint: '保险公司应付 − 回款金额（元）',
  },
  {
    key: 'overdue',
    header: '是否逾期',
    kind: 'flag',
    // Nested IFs, not AND: AND evaluates every argument and INT of a text date is an error.
    formula:
      `IF(COUNTA({row})=0,"",IF(NOT(ISNUMBER({submittedDate})),"否",IF(OR(TRIM({status})="退案",TRIM({status})="结案"),"否",` +
      `IF(ISNUMBER({paidDate}),IF(INT({paidDate})<=${AS_OF},"否",IF(${AS_OF}-INT({submittedDate})>ClaimOverdueDays,"是","否")),` +
      `IF(${AS_OF}-INT({submittedDate})>ClaimOverdueDays,"是","否")))))`,
    hint: '已递交、未退案/结案、基准日前未回款，且递交已超过“理赔逾期天数”',
  },
];

const contracts: FormulaColumn[] = [
  {
    key: 'collected',
    header: '已回款',
    kind: 'money',
    // "<" as-of + 1 counts a collection dated on the as-of day whatever its time of day.
    formula:
      `IF(LEN(TRIM({contractNo}))=0,"",ROUND(SUMIFS({collections.amount},{collections.contractNo},{contractNo},` +
      `{collections.date},"<"&(${AS_OF}+1)),2))`,
    hint: '回款记录中该合同在基准日及以前的回款合计（元）',
  },
  {
    key: 'receivable',
    header: '应收余额',
    kind: 'money',
    formula: 'IF(ISNUMBER({amount}),ROUND({amount}-N({$collected}),2),"")',
    hint: '合同金额 − 已回款（元）；负数表示多收',
  },
  {
    key: 'deliveryOverdue',
    header: '交付逾期',
    kind: 'flag',
    formula: `IF(COUNTA({row})=0,"",IF(ISNUMBER({deliveredDate}),"否",IF(ISNUMBER({dueDate}),IF(INT({dueDate})<${AS_OF},"是","否"),"否")))`,
    hint: '约定交付日期已过且没有实际交付日期',
  },
];

export const FORMULA_COLUMNS: Partial<Record<TableKey, readonly FormulaColumn[]>> = { renewal, issuance, claims, contracts };

export const formulaColumnsOf = (table: TableKey): readonly FormulaColumn[] => FORMULA_COLUMNS[table] ?? [];

/** Every header a formula column can have, to tell our columns from a ledger's own. */
export const FORMULA_HEADERS: ReadonlySet<string> = new Set(
  Object.values(FORMULA_COLUMNS).flatMap((cols) => cols!.map((c) => c.header)),
);

/** Filled in by the layout, not references to columns: the row's ledger cells, the cell itself. */
const PLACEHOLDERS: ReadonlySet<string> = new Set(['{row}', '{self}']);

const REF = /\{(\$?)([A-Za-z]+)(?:\.([A-Za-z]+))?\}/g;

export interface FormulaRefs {
  /** Ledger columns of the same table the formula reads. */
  columns: string[];
  /** Other formula columns of the same row. */
  formulas: string[];
  /** Whole columns of other tables. */
  tables: { table: TableKey; key: string }[];
}

export function refsOf(formula: string): FormulaRefs {
  const out: FormulaRefs = { columns: [], formulas: [], tables: [] };
  for (const m of formula.matchAll(REF)) {
    if (PLACEHOLDERS.has(m[0])) continue;
    if (m[3]) out.tables.push({ table: m[2] as TableKey, key: m[3] });
    else if (m[1]) out.formulas.push(m[2]);
    else out.columns.push(m[2]);
  }
  return out;
}

export interface Resolver {
  /** This row's cell of a ledger column, e.g. `K5`. */
  column: (key: string) => string;
  /** This row's cell of a formula column. */
  formula: (key: string) => string;
  /** A whole data column of another table, e.g. `'回款记录'!$C$2:$C$1048576`. */
  table: (table: TableKey, key: string) => string;
}

/** The template with every reference filled in. */
export function resolveFormula(formula: string, r: Resolver): string {
  return formula.replace(REF, (_all, dollar: string, a: string, b: string | undefined) =>
    b ? r.table(a as TableKey, b) : dollar ? r.formula(a) : r.column(a),
  );
}

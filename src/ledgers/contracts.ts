/** 合同履行一览表 — contracts and their collections (回款), ledgers.md §4. */
import { z } from 'zod';
import { col, defineTable } from './schema';
import type { LedgerDef } from './registry';
import { AS_OF, flagValue, yuanValue } from './tools';

export const contracts = defineTable({
  ledger: 'contracts',
  key: 'contracts',
  title: '合同履行一览表',
  schema: z.object({
    contractNo: col.code('合同编号', { aliases: ['合同号'] }),
    customer: col.text('客户名称', { aliases: ['客户', '单位名称'] }),
    region: col.text('片区', { aliases: ['区域', '地区'] }).optional(),
    salesEngineer: col.text('销售工程师', { aliases: ['业务员', '销售人员'] }).optional(),
    signDate: col.date('签订日期', { aliases: ['签约日期', '合同日期'] }),
    amount: col.money('合同金额', { aliases: ['合同总额', '金额'], positive: true }),
    dueDate: col.date('约定交付日期', { aliases: ['交货日期', '约定交货日期'] }).optional(),
    deliveredDate: col.date('实际交付日期', { aliases: ['实际交货日期'] }).optional(),
    status: col.oneOf('状态', ['执行中', '已完成', '已终止'], { aliases: ['合同状态'] }).optional(),
  }),
  unique: [{ keys: ['contractNo'], level: 'error', code: 'contracts.duplicateContract' }],
  rowRules: [
    (r) =>
      r.signDate && r.deliveredDate && r.deliveredDate < r.signDate
        ? {
            key: 'deliveredDate',
            level: 'warning',
            code: 'contracts.deliveredBeforeSigned',
            message: `实际交付日期 ${r.deliveredDate} 早于签订日期 ${r.signDate}`,
          }
        : undefined,
  ],
});

export const collections = defineTable({
  ledger: 'contracts',
  key: 'collections',
  title: '回款记录',
  schema: z.object({
    contractNo: col.code('合同编号', { aliases: ['合同号'] }),
    date: col.date('回款日期', { aliases: ['到账日期', '收款日期'] }),
    amount: col.money('回款金额', { aliases: ['到账金额', '收款金额'], positive: true }),
    method: col.text('回款方式', { aliases: ['收款方式', '付款方式'] }).optional(),
  }),
});

/** Collected amount (fen) per contract number, counting collections dated on or before `asOf`. */
export function collectedByContract(
  rows: Iterable<{ contractNo?: string; date?: string; amount?: number }>,
  asOf: string,
): Map<string, number> {
  const sums = new Map<string, number>();
  for (const c of rows) {
    if (!c.contractNo || !c.date || c.amount === undefined || c.date > asOf) continue;
    sums.set(c.contractNo, (sums.get(c.contractNo) ?? 0) + c.amount);
  }
  return sums;
}

/** A terminated contract is closed: nothing more is delivered or owed on it (ledgers.md §4). */
export const TERMINATED = '已终止';

/** Delivery is overdue when the agreed date has passed, nothing was delivered, and the contract still runs. */
export const isDeliveryOverdue = (
  r: { dueDate?: string; deliveredDate?: string; status?: string },
  asOf: string,
): boolean => !!r.dueDate && !r.deliveredDate && r.dueDate < asOf && r.status !== TERMINATED;

/**
 * What is still owed on a contract: amount − collected, negative when over-collected. A
 * terminated contract owes nothing: what was not collected on it is 终止未收, shown apart.
 */
export function receivableOf(
  amount: number,
  collected: number,
  status: string | undefined,
): { receivable: number; terminatedOpen: number } {
  const open = amount - collected;
  return status === TERMINATED && open > 0
    ? { receivable: 0, terminatedOpen: open }
    : { receivable: open, terminatedOpen: 0 };
}

export const contractsLedger: LedgerDef = {
  key: 'contracts',
  title: '合同履行一览表',
  tables: [contracts, collections],
  tools: {
    contracts: {
      formulas: [
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
          formula: `IF(ISNUMBER({amount}),IF(TRIM({status})="${TERMINATED}",MIN(0,ROUND({amount}-N({$collected}),2)),ROUND({amount}-N({$collected}),2)),"")`,
          hint: '合同金额 − 已回款（元）；负数表示多收；已终止的合同不再有应收（未收部分为终止未收）',
        },
        {
          key: 'deliveryOverdue',
          header: '交付逾期',
          kind: 'flag',
          formula: `IF(COUNTA({row})=0,"",IF(OR(ISNUMBER({deliveredDate}),TRIM({status})="${TERMINATED}"),"否",IF(ISNUMBER({dueDate}),IF(INT({dueDate})<${AS_OF},"是","否"),"否")))`,
          hint: '约定交付日期已过、没有实际交付日期，且合同未终止',
        },
      ],
      values: ({ asOf, rowsOf }) => {
        const collected = collectedByContract(rowsOf('collections'), asOf);
        return (r) => {
          const no = r.contractNo as string | undefined;
          const got = no ? (collected.get(no) ?? 0) : undefined;
          const amount = r.amount as number | undefined;
          return {
            collected: yuanValue(got),
            receivable:
              amount === undefined ? '' : yuanValue(receivableOf(amount, got ?? 0, r.status as string).receivable),
            deliveryOverdue: flagValue(isDeliveryOverdue(r, asOf)),
          };
        };
      },
      formats: [
        { target: '$receivable', formula: 'N({$receivable})<0', look: 'warning', meaning: '应收余额为负：多收款' },
        {
          target: '$deliveryOverdue',
          formula: '{$deliveryOverdue}="是"',
          look: 'soon',
          meaning: '约定交付日期已过，尚未交付',
        },
      ],
    },
  },
  forms: [
    { id: 'contracts', label: '合同登记', table: contracts, suggest: ['region', 'salesEngineer'] },
    {
      id: 'collections',
      label: '合同回款',
      table: collections,
      related: [contracts],
      today: ['date'],
      suggest: ['method'],
    },
  ],
  statsFields: { collections: ['contractNo', 'date', 'amount'] },
};

/**
 * 新车交车 — the dealer's new-car deliveries (workflows.md §4; seed 001 承保组长 "新车保险战败管理…
 * 每月核查未遵守战败管理的销售顾问及对应客户名单…每月总结新车战败原因", "新车投保率排行板"): a DMS
 * delivery export or a hand-kept list. A delivery is insured here when the 承保台账 has a policy
 * for its VIN starting within 30 days of 交车日期; the rest are 战败, and each needs a reason.
 */
import { z } from 'zod';
import { col, defineTable } from './schema';
import type { LedgerDef } from './registry';
import { daysBetween } from '../rules/date';

export const INSURED_HERE = '本店投保';
export const LOST = '战败';
/** A policy starting this many days before or after delivery insures the new car. */
export const DELIVERY_MATCH_DAYS = 30;

export const deliveries = defineTable({
  ledger: 'deliveries',
  key: 'deliveries',
  title: '新车交车',
  schema: z.object({
    deliveryDate: col.date('交车日期', { aliases: ['开票日期', '销售日期'] }),
    vin: col.vin('车架号', { aliases: ['VIN', '车辆识别代号'] }),
    customer: col.text('客户名称', { aliases: ['车主', '客户'] }),
    consultant: col.text('销售顾问', { aliases: ['销售员'] }),
    model: col.text('车型', { aliases: ['厂牌型号'] }).optional(),
    phone: col.phone('联系电话', { aliases: ['电话', '手机'] }).optional(),
    insured: col
      .oneOf('投保情况', [INSURED_HERE, LOST], {
        synonyms: { 本店: INSURED_HERE, 已投保: INSURED_HERE, 在店投保: INSURED_HERE, 未在本店投保: LOST, 外保: LOST },
        hint: '空着则按承保台账判断：车架号有交车前后 30 天内起保的保单即本店投保',
      })
      .optional(),
    lostReason: col.text('战败原因', { hint: '战败必须写明原因，如 客户自行投保、价格、4S 店外代理' }).optional(),
  }),
  unique: [{ keys: ['vin'], level: 'warning', code: 'deliveries.duplicateVin' }],
  rowRules: [
    // 新车保险战败管理 (seed 001): a 战败 without its reason is a consultant not following it.
    (r) =>
      r.insured === LOST && !r.lostReason
        ? {
            key: 'lostReason',
            level: 'warning',
            code: 'deliveries.lostNoReason',
            message: '战败未写原因：按新车保险战败管理要求，销售顾问须写明战败原因',
          }
        : undefined,
  ],
});

export type DeliveryRow = z.infer<typeof deliveries.schema>;

/** Start dates of the issuance ledger's policies by VIN. */
export type PolicyStarts = ReadonlyMap<string, readonly string[]>;

export function policyStarts(rows: Iterable<{ data: { vin?: string; startDate?: string } }>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { data } of rows)
    if (data.vin && data.startDate) {
      const list = out.get(data.vin);
      if (list) list.push(data.startDate);
      else out.set(data.vin, [data.startDate]);
    }
  return out;
}

/** Whether the ledger holds a policy insuring this delivery. */
export const hasPolicy = (d: { vin?: string; deliveryDate?: string }, starts: PolicyStarts): boolean =>
  !!d.vin &&
  !!d.deliveryDate &&
  (starts.get(d.vin) ?? []).some((s) => Math.abs(daysBetween(d.deliveryDate!, s)) <= DELIVERY_MATCH_DAYS);

/** 本店投保 or 战败: as marked, else as the issuance ledger says (undefined: not known without one). */
export function insuredStatus(
  d: { vin?: string; deliveryDate?: string; insured?: string },
  starts: PolicyStarts | undefined,
): typeof INSURED_HERE | typeof LOST | undefined {
  if (d.insured === INSURED_HERE || d.insured === LOST) return d.insured;
  if (!starts) return undefined;
  return hasPolicy(d, starts) ? INSURED_HERE : LOST;
}

export const deliveriesLedger: LedgerDef = {
  key: 'deliveries',
  title: '新车交车',
  tables: [deliveries],
  forms: [
    {
      id: 'deliveries',
      label: '新车交车',
      table: deliveries,
      today: ['deliveryDate'],
      suggest: ['consultant', 'model', 'lostReason'],
    },
  ],
};

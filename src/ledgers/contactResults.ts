/**
 * The standard contact results (联系结果) of a renewal call (ledgers.md §1): the renewal list's
 * column and the follow-up log's both draw on them, so they live apart from either ledger.
 */
export const CONTACT_RESULTS = [
  '成功续保',
  '有意向',
  '预约回电',
  '无人接听',
  '关机停机',
  '空号错号',
  '已在他司投保',
  '车辆已转让',
  '明确拒绝',
  '其他',
] as const;
/** Contact results that mean the customer is lost (战败). */
export const LOST_RESULTS: ReadonlySet<string> = new Set(['已在他司投保', '车辆已转让', '明确拒绝']);

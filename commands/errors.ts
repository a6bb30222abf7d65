/**
 * Any failure as the one Chinese sentence the clerk sees: what went wrong and what to do.
 * Our own errors (engine, commands) are written for the clerk already; Office.js errors carry
 * an English message and a code, which is what we translate.
 */
const HAS_CHINESE = /[\u4e00-\u9fff]/;

const OFFICE_MESSAGES: Record<string, string> = {
  InvalidOperationInCellEditMode: 'Excel 正在编辑单元格：请先按 Enter 或 Esc 结束编辑，再点一次按钮。',
  RequestPayloadSizeLimitExceeded: '要写入的数据超过了 Excel 单次传输的上限（5 MB）。请把台账拆成较小的工作表后重试。',
  ResponsePayloadSizeLimitExceeded: '要读取的数据超过了 Excel 单次传输的上限（5 MB）。请把台账拆成较小的工作表后重试。',
  RangeExceedsLimit:
    '工作表的范围超过了 Excel 一次能读取的单元格数（500 万个）。请删除表格右侧或下方多余的内容后重试。',
  AccessDenied: '工作簿或工作表受保护（或为只读），无法写入结果。请先撤销保护，或另存一份后重试。',
  ApiNotFound: '此版本的 Excel 不支持本功能所需的接口（需要 Excel 2021、Microsoft 365 或网页版 Excel）。',
  ItemAlreadyExists: '要新建的工作表、表格或名称已经存在。请改名后重试。',
  MergedRangeConflict:
    '台账区域中有合并单元格，无法转换为 Excel 表格。请取消合并（开始 → 合并后居中）后重试；本次添加的工作表已撤回。',
};

export function describeError(e: unknown): string {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && OFFICE_MESSAGES[code]) return OFFICE_MESSAGES[code];
  const message = e instanceof Error ? e.message : String(e);
  if (HAS_CHINESE.test(message)) return message;
  return typeof code === 'string' ? `Excel 操作失败（${code}）：${message}` : `操作失败：${message}`;
}

/** 差勤 — roster (人力表), punch records (打卡记录) and roll call (早会点到), ledgers.md §5. */
import { z } from 'zod';
import { col, defineTable, type RowIssue } from './schema';
import type { LedgerDef } from './registry';

/** A punch or roll-call row must say whose it is; the header only guarantees the column. */
const personNamed = (r: { employeeId?: string; name?: string }): RowIssue | undefined =>
  !r.employeeId && !r.name
    ? {
        key: 'employeeId',
        level: 'error',
        code: 'attendance.noPerson',
        message: '工号和姓名都为空：无法知道是谁的记录（至少填写一项）',
      }
    : undefined;

export const roster = defineTable({
  ledger: 'attendance',
  key: 'roster',
  title: '人力表',
  schema: z.object({
    employeeId: col.code('工号', { aliases: ['员工编号', '代理人编码', '人员编号'] }),
    name: col.text('姓名', { aliases: ['员工姓名'] }),
    dept: col.text('部门', { aliases: ['所属部门', '营业部'] }),
    joinDate: col.date('入司日期', { aliases: ['入职日期'] }).optional(),
    leaveDate: col.date('离司日期', { aliases: ['离职日期'] }).optional(),
    // The staff register (workflows.md §7): licences and the agency contract.
    qualificationNo: col.code('资格证号', { aliases: ['资格证书号', '资格证编号'] }).optional(),
    practiceNo: col.code('执业证号', { aliases: ['展业证号', '执业证编号'] }).optional(),
    licenceExpiry: col
      .date('证书有效期至', {
        aliases: ['证件有效期至', '执业证有效期', '展业证有效期'],
        hint: '执业证（展业证）上的有效期',
      })
      .optional(),
    signDate: col.date('签约日期', { aliases: ['签约时间'] }).optional(),
    terminationDate: col.date('解约日期', { aliases: ['解约时间'] }).optional(),
    referrer: col.text('推荐人').optional(),
  }),
  unique: [{ keys: ['employeeId'], level: 'error', code: 'attendance.duplicateEmployee' }],
  rowRules: [
    (r, ctx) => licenceIssue(r, ctx.asOf),
    (r) =>
      r.signDate && r.terminationDate && r.terminationDate < r.signDate
        ? {
            key: 'terminationDate',
            level: 'error',
            code: 'staff.terminationBeforeSign',
            message: `解约日期 ${r.terminationDate} 早于签约日期 ${r.signDate}`,
          }
        : undefined,
    (r) =>
      r.joinDate && r.leaveDate && r.leaveDate < r.joinDate
        ? {
            key: 'leaveDate',
            level: 'error',
            code: 'attendance.leaveBeforeJoin',
            message: `离司日期 ${r.leaveDate} 早于入司日期 ${r.joinDate}`,
          }
        : undefined,
  ],
});

/** Days before a licence expires from which the roster warns. */
export const LICENCE_WARN_DAYS = 30;

/** Whether someone still works here on `asOf`: not left, contract not ended. */
export const employedOn = (r: { leaveDate?: string; terminationDate?: string }, asOf: string): boolean =>
  !(r.leaveDate && r.leaveDate <= asOf) && !(r.terminationDate && r.terminationDate <= asOf);

/**
 * A licence about to lapse, or lapsed, for someone still working: an agent without a valid
 * 执业证 may not sell, so the desk must renew it in time.
 */
function licenceIssue(
  r: { licenceExpiry?: string; leaveDate?: string; terminationDate?: string },
  asOf: string,
): RowIssue | undefined {
  if (!r.licenceExpiry || !employedOn(r, asOf)) return undefined;
  const days = Math.round((Date.parse(r.licenceExpiry) - Date.parse(asOf)) / 86_400_000);
  if (days < 0)
    return {
      key: 'licenceExpiry',
      level: 'error',
      code: 'staff.licenceExpired',
      message: `证书已于 ${r.licenceExpiry} 过期（已过 ${-days} 天）：过期不能展业，请尽快办理换证`,
    };
  if (days <= LICENCE_WARN_DAYS)
    return {
      key: 'licenceExpiry',
      level: 'warning',
      code: 'staff.licenceExpiring',
      message: `证书将于 ${r.licenceExpiry} 到期（还有 ${days} 天）：请提前办理换证`,
    };
  return undefined;
}

/** One row per punch. The time may sit in its own column or in the date cell (`2026-10-08 08:55`). */
export const punches = defineTable({
  ledger: 'attendance',
  key: 'punches',
  title: '打卡记录',
  schema: z.object({
    employeeId: col.code('工号', { aliases: ['员工编号', '代理人编码', '人员编号'] }).optional(),
    name: col.text('姓名', { aliases: ['员工姓名'] }).optional(),
    date: col.datetime('日期', { aliases: ['打卡日期'] }),
    time: col.time('打卡时间', { aliases: ['时间'] }).optional(),
  }),
  requiredAny: [['employeeId', 'name']],
  rowRules: [personNamed],
});

/** A day per row with 上班打卡 / 下班打卡 columns, as some clock machines export. */
export const punchPairs = defineTable({
  ledger: 'attendance',
  key: 'punchPairs',
  title: '打卡记录',
  schema: z.object({
    employeeId: col.code('工号', { aliases: ['员工编号', '代理人编码', '人员编号'] }).optional(),
    name: col.text('姓名', { aliases: ['员工姓名'] }).optional(),
    date: col.date('日期', { aliases: ['打卡日期'] }),
    firstPunch: col.time('上班打卡', { aliases: ['上班时间', '签到时间'] }).optional(),
    lastPunch: col.time('下班打卡', { aliases: ['下班时间', '签退时间'] }).optional(),
  }),
  requiredAny: [
    ['employeeId', 'name'],
    ['firstPunch', 'lastPunch'],
  ],
  rowRules: [personNamed],
});

export const ROLL_CALL_MARKS = ['到', '迟', '假', '缺'] as const;

export const rollCall = defineTable({
  ledger: 'attendance',
  key: 'rollCall',
  title: '早会点到',
  schema: z.object({
    date: col.date('日期', { aliases: ['早会日期'] }),
    employeeId: col.code('工号', { aliases: ['员工编号', '代理人编码', '人员编号'] }).optional(),
    name: col.text('姓名', { aliases: ['员工姓名'] }).optional(),
    mark: col.oneOf('点到', ROLL_CALL_MARKS, {
      aliases: ['点到情况', '出勤', '考勤'],
      synonyms: { 出勤: '到', 已到: '到', 迟到: '迟', 请假: '假', 缺勤: '缺', 未到: '缺' },
    }),
  }),
  requiredAny: [['employeeId', 'name']],
  rowRules: [personNamed],
});

export const attendanceLedger: LedgerDef = {
  key: 'attendance',
  title: '差勤',
  // The 人力表 is also the staff register (workflows.md §7, key `staff`).
  aliases: ['staff', '人力表'],
  tables: [roster, punches, punchPairs, rollCall],
  // A template offers one punch layout: one punch per row, the form every clock machine can export.
  notInTemplate: ['punchPairs'],
  forms: [
    { id: 'rollCall', label: '早会点到', table: rollCall, related: [roster], today: ['date'] },
    { id: 'roster', label: '人员登记', table: roster },
  ],
};

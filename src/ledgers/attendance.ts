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
  }),
  unique: [{ keys: ['employeeId'], level: 'error', code: 'attendance.duplicateEmployee' }],
  rowRules: [
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
  tables: [roster, punches, punchPairs, rollCall],
  // A template offers one punch layout: one punch per row, the form every clock machine can export.
  notInTemplate: ['punchPairs'],
  forms: [
    { id: 'rollCall', label: '早会点到', table: rollCall, related: [roster], today: ['date'] },
    { id: 'roster', label: '人员登记', table: roster },
  ],
};

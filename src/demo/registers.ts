/**
 * The issuing desk's registers (workflows.md §6): a few 投保意向表 the renewal specialists handed
 * in, and the 物品台账 of member cards and gifts — one workbook, as the desk keeps them. Fixed
 * rows around the as-of date (no draws: the other samples stay as they were), with three
 * planted slips: a 行驶本 whose 年审 lapses before the policy starts, a promised gift never
 * handed out, and a 发放 of 商户手册 nobody took into stock.
 */
import { intent } from '../ledgers/intent';
import { items } from '../ledgers/items';
import { addDays } from '../rules/date';
import type { SheetOut } from '../sheetOut';
import { dateCell, ledgerSheet, type Planted, type Rec } from './sheet';
import type { Staff } from './staff';

export function registersSample(asOf: string, staff: Staff, file: string): { sheets: SheetOut[]; planted: Planted[] } {
  const specialist = staff.specialists[0];
  const issuer = staff.issuers[0];
  const start = dateCell(addDays(asOf, 10));
  const person = (name: string, phone: string, plate: string, street: string) => ({
    insuredName: name,
    plateNo: plate,
    makeModel: '大众FV7146FCDBG',
    useNature: '家庭自用',
    applicantName: name,
    applicantPhone: phone,
    province: '河北省',
    city: '唐山市',
    district: '路北区',
    street,
    startDate: start,
    coverage: '交强险+商业险',
    specialist,
    licenceInspection: dateCell(addDays(asOf, 400)),
  });
  const intents: Rec[] = [
    {
      values: {
        ...person('张伟', '13812345678', '冀B3K721', '建设路12号3单元501室'),
        vehicleInspection: dateCell(addDays(asOf, 200)),
        nonAutoCard: '赠送',
        gift: '会员卡',
      },
    },
    {
      values: {
        ...person('刘洋', '13933211876', '冀B7M258', '新华道88号2栋302室'),
        // 年审 due before the policy starts: the customer must be told.
        vehicleInspection: dateCell(addDays(asOf, 3)),
        nonAutoCard: '无',
      },
      mistakes: [{ key: 'vehicleInspection', code: 'intent.inspectionDue', level: 'warning' }],
    },
    {
      values: {
        ...person('王芳', '15031598822', '冀B2N663', '文化路6号1单元101室'),
        vehicleInspection: dateCell(addDays(asOf, 150)),
        nonAutoCard: '销售',
        // Promised, but the register shows no 发放 to her.
        gift: '车载香水',
      },
      mistakes: [{ key: 'gift', code: 'intent.giftNotGiven', level: 'warning' }],
    },
  ];
  const move = (days: number, item: string, action: string, quantity: number, recipient?: string): Rec => ({
    values: {
      date: dateCell(addDays(asOf, days)),
      item,
      action,
      quantity,
      handler: action === '发放' && recipient !== undefined && item === '会员卡' ? specialist : issuer,
      ...(recipient ? { recipient } : {}),
    },
  });
  const moves: Rec[] = [
    move(-20, '会员卡', '入库', 50),
    move(-20, '车载香水', '入库', 20),
    move(-15, '会员卡', '领用', 10, specialist),
    move(-5, '会员卡', '发放', 1, '张伟'),
    {
      ...move(-3, '商户手册', '发放', 5, '李娜'),
      mistakes: [{ key: 'quantity', code: 'items.noStock', level: 'error' }],
    },
  ];
  const sheets = [ledgerSheet(file, intent.title, intent, intents), ledgerSheet(file, items.title, items, moves)];
  return { sheets: sheets.map((s) => s.sheet), planted: sheets.flatMap((s) => s.planted) };
}

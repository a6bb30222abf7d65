/**
 * The dealer's insurance service centre (workflows.md §4–5): the month's 新车交车 list, as a
 * DMS exports it, and the 24-hour 出险咨询登记. Deliveries are the issuance ledger's new cars
 * (insured here: a 交强险 of the VIN starting at delivery) plus the 战败 a consultant lost,
 * with their reasons; hotline calls are the claims desk's claims as they were phoned in, plus
 * calls that went elsewhere. Planted: a 战败 with no reason, a delivery marked 本店投保 with no
 * policy, an imported car's VIN without a check digit, and a call logged with neither plate nor
 * phone.
 */
import type { Cell } from '../grid';
import { deliveries } from '../ledgers/deliveries';
import { hotline } from '../ledgers/hotline';
import { addDays, dayNumber } from '../rules/date';
import type { SheetOut } from '../sheetOut';
import type { Rng } from './random';
import { dateCell, ledgerSheet, type Planted, type Rec } from './sheet';
import type { Staff } from './staff';
import { mobile, personName } from './people';
import { vehicle, withWrongCheckDigit } from './vehicles';
import { checkPlate } from '../rules/plate';
import { checkPhone } from '../rules/phone';

const LOST_REASONS = ['客户自行在网上投保', '价格比外面贵', '客户单位统一投保', '熟人在保险公司'];
const NOT_BACK = ['就近维修', '保险公司推荐修理厂', '外地出险，当地维修'];
const DAY_MS = 86_400_000;

const isoOf = (c: Cell): string => (c instanceof Date ? c.toISOString().slice(0, 10) : String(c));

/** The header-indexed rows of a sample sheet. */
function rowsOf(sheet: SheetOut): ((h: string) => Cell)[] {
  const [head, ...rows] = sheet.rows;
  return rows.map((r) => (h: string) => r[head.indexOf(h)] ?? null);
}

export function dealerSample(
  rng: Rng,
  asOf: string,
  staff: Staff,
  issuance: SheetOut,
  claims: SheetOut,
  file: string,
): { sheets: SheetOut[]; planted: Planted[] } {
  const from = `${addDays(`${asOf.slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
  const consultants = staff.salespeople;
  // New cars insured here: the 新保 交强险 policies with a VIN, delivered the day they start.
  const sold: Rec[] = rowsOf(issuance)
    .filter((r) => r('业务类型') === '新保' && r('险种') === '交强险' && r('车架号') && isoOf(r('起保日期')) >= from)
    .map((r) => ({
      values: {
        deliveryDate: dateCell(isoOf(r('起保日期'))),
        vin: r('车架号'),
        customer: r('被保险人'),
        consultant: r('业务员'),
        model: r('厂牌型号'),
        phone: mobile(rng),
      },
    }));
  const lost: Rec[] = Array.from({ length: Math.max(4, Math.round(sold.length * 0.4)) }, (_, i) => {
    const v = vehicle(rng);
    const day = addDays(asOf, -rng.int(0, dayNumber(asOf) - dayNumber(from)));
    return {
      values: {
        deliveryDate: dateCell(day),
        vin: v.vin,
        customer: personName(rng),
        consultant: consultants[i % consultants.length],
        model: v.makeModel,
        phone: mobile(rng),
        insured: '战败',
        lostReason: LOST_REASONS[i % LOST_REASONS.length],
      },
    };
  });
  // 战败 with no reason: the consultant did not follow the 战败 rules.
  delete lost[0].values.lostReason;
  lost[0].mistakes = [{ key: 'lostReason', code: 'deliveries.lostNoReason', level: 'warning' }];
  // Marked 本店投保, but no policy of that VIN in the ledger.
  lost[1].values.insured = '本店投保';
  delete lost[1].values.lostReason;
  lost[1].mistakes = [{ key: 'insured', code: 'deliveries.noPolicy', level: 'warning' }];
  // An imported car: its VIN carries no check digit.
  lost[2].values.vin = withWrongCheckDigit(String(lost[2].values.vin));
  lost[2].mistakes = [{ key: 'vin', code: 'vin.checkDigit', level: 'warning' }];
  const recs = [...sold, ...lost].sort(
    (a, b) => (a.values.deliveryDate as Date).getTime() - (b.values.deliveryDate as Date).getTime(),
  );
  const deliveryList = ledgerSheet(file, deliveries.title, deliveries, recs);

  // Calls: each recent claim as it was phoned in, and calls that went to other garages.
  const calls: Rec[] = rowsOf(claims)
    .filter((r) => isoOf(r('报案日期')) >= from)
    .map((r, i) => {
      const back = r('回店维修');
      return {
        values: {
          calledAt: new Date(dayNumber(isoOf(r('报案日期'))) * DAY_MS + ((480 + ((i * 97) % 840)) / 1440) * DAY_MS),
          // The claims sheet's planted typos stay there: the call was logged right.
          plateNo: checkPlate(String(r('车牌号'))).ok ? r('车牌号') : vehicle(rng).plateNo,
          phone: checkPhone(String(r('联系电话'))).ok ? r('联系电话') : mobile(rng),
          insurer: r('保险公司'),
          place: '唐山市路北区',
          returned: back === '否' ? '否' : back === '是' ? '是' : '跟进中',
          ...(back === '否' ? { noReturnReason: NOT_BACK[i % NOT_BACK.length] } : {}),
          claimNo: r('报案号'),
          receiver: staff.intakeClerks[i % staff.intakeClerks.length],
        },
      };
    });
  for (let i = 0; i < 4; i++) {
    const day = addDays(asOf, -rng.int(0, 20));
    calls.push({
      values: {
        calledAt: new Date(dayNumber(day) * DAY_MS + ((1200 + i * 30) / 1440) * DAY_MS),
        plateNo: vehicle(rng).plateNo,
        phone: mobile(rng),
        returned: i % 2 ? '跟进中' : '否',
        ...(i % 2 ? {} : { noReturnReason: NOT_BACK[i % NOT_BACK.length] }),
        receiver: staff.intakeClerks[i % staff.intakeClerks.length],
      },
    });
  }
  // Logged in a hurry: neither the plate nor the phone written down.
  const hurried = calls[calls.length - 1];
  delete hurried.values.plateNo;
  delete hurried.values.phone;
  hurried.mistakes = [{ key: 'plateNo', code: 'hotline.noContact', level: 'error' }];
  calls.sort((a, b) => (a.values.calledAt as Date).getTime() - (b.values.calledAt as Date).getTime());
  const log = ledgerSheet(file, hotline.title, hotline, calls);
  return { sheets: [deliveryList.sheet, log.sheet], planted: [...deliveryList.planted, ...log.planted] };
}

/**
 * 续保清单 as the renewal desk has it on the as-of date (seed 004): the core system's 续保查询
 * export of 太平财险 policies expiring from 10 days ago to 40 days ahead, already worked for
 * the earlier days (所属人员, 发放日期, 联系结果, some renewed, some lost, some lapsed), with
 * the last three days not yet handed out — the desk is behind, as desks are.
 */
import type { Cell } from '../grid';
import { renewal } from '../ledgers/renewal';
import { addDays } from '../rules/date';
import type { Rng } from './random';
import type { Staff } from './staff';
import { companyName, creditCode, landline, mobile, personName, residentId } from './people';
import { vehicle, type Vehicle } from './vehicles';
import {
  Sequence,
  commercialPremiumFen,
  compulsoryPremiumFen,
  dayBetween,
  minIso,
  oneYearStart,
  policyNumber,
} from './policies';
import { dateCell, ledgerSheet, yuan, type Mistake, type Planted, type Rec } from './sheet';
import type { SheetOut } from '../sheetOut';

type Coverage = '交强险' | '商业险';

/** A policy the desk renewed: it is also a row of the issuance ledger. */
export interface RenewedPolicy {
  policyNo: string;
  coverage: Coverage;
  insuredName: string;
  applicantName: string;
  plateNo: string;
  vin: string;
  makeModel: string;
  idNo: string;
  issueDate: string;
  startDate: string;
  premiumFen: number;
  salesperson: string;
}

/** A vehicle whose right phone only the claims ledger knows (the CRM phone fix finds it there). */
export interface PhoneKnown {
  plateNo: string;
  insuredName: string;
  phone: string;
}

/** A car the desk has called: what the follow-up log records of it. */
export interface WorkedCar {
  plateNo: string;
  policyNos: string[];
  assignee: string;
  assignedDate: string;
  result: string;
  renewedDate?: string;
}

export interface RenewalSample {
  sheet: SheetOut;
  planted: Planted[];
  /** Renewals issued by the desk: recorded in the list, and some (`inHouse`) not yet. */
  renewed: RenewedPolicy[];
  /** Cars renewed here whose list rows nobody has marked: the CRM import must leave them out. */
  inHouse: string[];
  phoneKnownByClaims: PhoneKnown[];
  worked: WorkedCar[];
}

interface Car {
  v: Vehicle;
  insured: string;
  applicant: string;
  phone: string | null;
  /** Written 138-1234-5678, as some clerks do. */
  dashed: boolean;
  idNo: string;
  person: boolean;
  startDate: string;
  expiry: string;
  /** Days from the as-of date to expiry. */
  offset: number;
  coverages: Coverage[];
  channel: string;
  handler: string;
  lastPremium: Record<Coverage, number>;
  policyNo: Record<Coverage, string>;
  assignee?: string;
  assignedDate?: string;
  result?: string;
  lostReason?: string;
  renewedDate?: string;
}

const VEHICLES = 66;
const LEAD_DAYS = 25;
/** The desk has not run the CRM import for the last three days. */
const BEHIND_DAYS = 3;

const OPEN_RESULTS = [
  ['有意向', 5],
  ['预约回电', 4],
  ['无人接听', 4],
  ['关机停机', 2],
  ['空号错号', 1],
  ['其他', 1],
] as const;
const LOST: readonly (readonly [string, readonly string[]])[] = [
  ['已在他司投保', ['人保报价低 300 元', '4S 店店内投保', '朋友在平安做业务', '单位统一在国寿投保']],
  ['车辆已转让', ['车辆已过户', '车已卖给外地']],
  ['明确拒绝', ['对去年理赔不满意', '嫌保费高', '车辆准备报废']],
];

export function renewalSample(rng: Rng, asOf: string, staff: Staff, file: string): RenewalSample {
  const seq = new Sequence(rng, 3_100_000 + rng.int(0, 99_999));
  const renewSeq = new Sequence(rng, 4_200_000 + rng.int(0, 99_999));
  const cars: Car[] = [];
  for (let i = 0; i < VEHICLES; i++) cars.push(carOf(rng, asOf, staff, seq, i));

  for (const car of cars) work(rng, car, asOf, staff);
  const unfinished = rng
    .shuffle(cars.filter((c) => c.assignee && !LOST.some(([r]) => r === c.result) && !c.renewedDate && c.offset >= 8))
    .slice(0, 2);
  for (const c of unfinished) {
    c.assignee = staff.specialists[1];
    c.result = undefined;
  }

  // Leads not yet handed out, private customers: their phones are what the CRM fix repairs.
  const leads = rng.shuffle(cars.filter((c) => !c.assignee && c.offset >= 0 && c.offset <= 30 && c.person));
  const phoneKnownByClaims: PhoneKnown[] = [];
  const wrongPhone = new Map<Car, string>();
  leads.slice(0, 4).forEach((c, i) => {
    phoneKnownByClaims.push({ plateNo: c.v.plateNo, insuredName: c.insured, phone: c.phone! });
    if (i < 2) c.phone = null;
    // One digit dropped, one digit too many: the usual slips when a number is read out.
    else wrongPhone.set(c, i === 2 ? c.phone!.slice(0, 10) : `${c.phone!}6`);
  });
  if (leads[4]) leads[4].phone = null;

  const special = new Set([...unfinished, ...leads.slice(0, 5)]);
  const others = rng.shuffle(cars.filter((c) => !special.has(c) && c.assignee));
  const badPlate = others.find((c) => /^.{2}\d{5}$/.test(c.v.plateNo));
  const swappedStart = others.find((c) => c !== badPlate && Number(c.startDate.slice(8)) > 12);
  const duplicated = others.find((c) => c !== badPlate && c !== swappedStart && c.result && !c.renewedDate);

  const recs: (Rec & { car: Car; coverage: Coverage })[] = [];
  for (const car of [...cars].sort((a, b) => a.offset - b.offset || a.v.plateNo.localeCompare(b.v.plateNo))) {
    for (const coverage of car.coverages) {
      const mistakes: Mistake[] = [];
      const values = rowValues(rng, car, coverage, renewSeq);
      if (wrongPhone.has(car)) {
        values.phone = wrongPhone.get(car)!;
        mistakes.push({ key: 'phone', code: 'phone.invalid', level: 'warning' });
      }
      if (car === badPlate && coverage === car.coverages[car.coverages.length - 1]) {
        // A letter O where a digit belongs: plates never use O (it reads as 0).
        values.plateNo = `${car.v.plateNo.slice(0, 3)}O${car.v.plateNo.slice(4)}`;
        mistakes.push({ key: 'plateNo', code: 'plate.invalid', level: 'error' });
      }
      if (car === swappedStart && coverage === '交强险') {
        const [y, m, d] = car.startDate.split('-');
        values.startDate = `${y}.${d}.${m}`;
        mistakes.push({ key: 'startDate', code: 'date.invalid', level: 'error' });
      }
      recs.push({ values, mistakes, car, coverage });
      if (car === duplicated && coverage === '交强险') {
        recs.push({
          values: { ...values },
          mistakes: [{ key: 'policyNo', code: 'renewal.duplicate', level: 'warning' }],
          car,
          coverage,
        });
      }
    }
  }

  const renewed: RenewedPolicy[] = [];
  const seen = new Set<string>();
  for (const r of recs) {
    const no = r.values.renewedPolicyNo;
    if (typeof no !== 'string' || seen.has(no)) continue;
    seen.add(no);
    const c = r.car;
    renewed.push({
      policyNo: no,
      coverage: r.coverage,
      insuredName: c.insured,
      applicantName: c.applicant,
      plateNo: c.v.plateNo,
      vin: c.v.vin,
      makeModel: c.v.makeModel,
      idNo: c.idNo,
      issueDate: c.renewedDate!,
      startDate: addDays(c.expiry, 1),
      premiumFen: Math.round((r.values.renewedPremium as number) * 100),
      salesperson: c.assignee!,
    });
  }

  // Two cars not yet handed out came in and renewed at the counter: the issuance ledger has
  // their new policies, the list does not know (what --issued is for).
  const inHouse = leads.slice(5, 7);
  for (const c of inHouse) {
    for (const coverage of c.coverages) {
      renewed.push({
        policyNo: policyNumber(renewSeq, '太平财险', coverage, addDays(c.expiry, 1).slice(0, 4)),
        coverage,
        insuredName: c.insured,
        applicantName: c.applicant,
        plateNo: c.v.plateNo,
        vin: c.v.vin,
        makeModel: c.v.makeModel,
        idNo: c.idNo,
        issueDate: addDays(asOf, -1),
        startDate: addDays(c.expiry, 1),
        premiumFen: c.lastPremium[coverage],
        salesperson: staff.specialists[0],
      });
    }
  }

  const worked: WorkedCar[] = cars
    .filter((c) => c.assignee && c.result)
    .map((c) => ({
      plateNo: c.v.plateNo,
      policyNos: c.coverages.map((k) => c.policyNo[k]),
      assignee: c.assignee!,
      assignedDate: c.assignedDate!,
      result: c.result!,
      ...(c.renewedDate ? { renewedDate: c.renewedDate } : {}),
    }));

  const { sheet, planted } = ledgerSheet(file, renewal.title, renewal, recs);
  return { sheet, planted, renewed, inHouse: inHouse.map((c) => c.v.plateNo), phoneKnownByClaims, worked };
}

function carOf(rng: Rng, asOf: string, staff: Staff, seq: Sequence, i: number): Car {
  const v = vehicle(rng);
  const person = rng.chance(0.85);
  const insured = person ? personName(rng) : companyName(rng);
  // Spread expiries evenly over −10 … +40 days so every status shows up for any seed.
  const offset = -10 + Math.floor(((i + rng.next()) * 51) / VEHICLES);
  const expiry = addDays(asOf, offset);
  const startDate = oneYearStart(expiry);
  const coverages: Coverage[] = rng.chance(0.85) ? ['交强险', '商业险'] : ['交强险'];
  const channel = rng.weighted([
    ['冀东业务', 50],
    ['代理公司业务', 30],
    ['脱落销售部', 20],
  ] as const);
  const handler =
    channel === '冀东业务'
      ? rng.pick(staff.salespeople)
      : channel === '代理公司业务'
        ? rng.pick(staff.agentHandlers.slice(0, 2))
        : rng.pick(staff.agentHandlers.slice(2));
  const year = startDate.slice(0, 4);
  return {
    v,
    insured,
    person,
    startDate,
    expiry,
    offset,
    coverages,
    channel,
    handler,
    applicant: person && rng.chance(0.15) ? personName(rng) : insured,
    phone: person || rng.chance(0.5) ? mobile(rng) : landline(rng),
    dashed: rng.chance(0.08),
    idNo: person ? residentId(rng) : creditCode(rng),
    lastPremium: {
      交强险: compulsoryPremiumFen(rng, v.compulsoryPremium),
      商业险: commercialPremiumFen(rng, v.premiumRange),
    },
    policyNo: {
      交强险: policyNumber(seq, '太平财险', '交强险', year),
      商业险: policyNumber(seq, '太平财险', '商业险', year),
    },
  };
}

/** What the desk has done with the car by the as-of date. */
function work(rng: Rng, car: Car, asOf: string, staff: Staff): void {
  if (car.offset >= LEAD_DAYS - BEHIND_DAYS) return;
  car.assignee = rng.pick(staff.specialists);
  car.assignedDate = addDays(car.expiry, -LEAD_DAYS);
  const outcome = rng.weighted([
    ['renewed', 30],
    ['lost', 12],
    ['open', 58],
  ] as const);
  if (outcome === 'renewed') {
    car.result = '成功续保';
    car.renewedDate = dayBetween(rng, addDays(car.assignedDate, 1), minIso(addDays(asOf, -1), addDays(car.expiry, -1)));
  } else if (outcome === 'lost') {
    const [result, reasons] = rng.pick(LOST);
    car.result = result;
    car.lostReason = rng.pick(reasons);
  } else {
    car.result = rng.weighted(OPEN_RESULTS);
  }
}

function rowValues(rng: Rng, car: Car, coverage: Coverage, renewSeq: Sequence): Record<string, Cell> {
  const phone =
    car.phone && car.dashed && /^1\d{10}$/.test(car.phone)
      ? `${car.phone.slice(0, 3)}-${car.phone.slice(3, 7)}-${car.phone.slice(7)}`
      : car.phone;
  const values: Record<string, Cell> = {
    policyNo: car.policyNo[coverage],
    coverage,
    insuredName: car.insured,
    applicantName: car.applicant,
    phone,
    plateNo: car.v.plateNo,
    vin: car.v.vin,
    makeModel: car.v.makeModel,
    useNature: car.v.useNature,
    startDate: dateCell(car.startDate),
    expiryDate: dateCell(car.expiry),
    lastPremium: yuan(car.lastPremium[coverage]),
    handler: car.handler,
    channel: car.channel,
  };
  if (car.assignee) {
    values.assignee = car.assignee;
    values.assignedDate = dateCell(car.assignedDate!);
  }
  if (car.result) values.contactResult = car.result;
  if (car.lostReason) values.lostReason = car.lostReason;
  if (car.renewedDate) {
    values.renewedPolicyNo = policyNumber(renewSeq, '太平财险', coverage, car.renewedDate.slice(0, 4));
    values.renewedDate = dateCell(car.renewedDate);
    values.renewedPremium = yuan(Math.round((car.lastPremium[coverage] * rng.int(85, 105)) / 100));
  }
  return values;
}

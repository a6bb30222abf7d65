/**
 * 承保台账 over the previous and the current month, in issuing order (seeds 000, 001): car
 * policies in 交强险 + 商业险 pairs, a few 交强险 alone and some 非车险, across five insurers,
 * with the policies the renewal desk renewed among them. Most are paid and handed over; some
 * are still unpaid and not delivered; commission is settled for last month's business.
 */
import type { Cell } from '../grid';
import { commissionFen, issuance } from '../ledgers/issuance';
import { checkIdCard } from '../rules/idcard';
import { checkUscc } from '../rules/uscc';
import { addDays, dayNumber, isValidIso, weekday } from '../rules/date';
import type { Rng } from './random';
import type { Staff } from './staff';
import type { RenewedPolicy } from './renewal';
import { companyName, creditCode, personName, residentId } from './people';
import { vehicle, withWrongCheckDigit, type Vehicle } from './vehicles';
import {
  COMMERCIAL_RATES,
  COMPULSORY_RATE,
  INSURER_CHOICES,
  NON_MOTOR_RATES,
  Sequence,
  commercialPremiumFen,
  compulsoryPremiumFen,
  dayBetween,
  oneYearEnd,
  policyNumber,
  previousMonthStart,
  type Coverage,
  type Insurer,
} from './policies';
import { dateCell, ledgerSheet, yuan, type Planted, type Rec } from './sheet';
import type { SheetOut } from '../sheetOut';

const TARGET_ROWS = 150;

type Car = Pick<Vehicle, 'plateNo' | 'vin' | 'makeModel'>;

interface Policy {
  issueDate: string;
  policyNo: string;
  coverage: Coverage;
  applicant: string;
  insured: string;
  car?: Car;
  startDate: string;
  endDate: string;
  premium: number;
  paid: number;
  businessType: '新保' | '续保' | '转保';
  salesperson: string;
  insurer: Insurer;
  rate: number;
  commissionReceived?: number;
  delivered: '是' | '否';
  memberCard?: string;
  idNo: string;
  /** Order of entry, to keep one day's policies in the order they were written. */
  n: number;
}

type Payment = 'paid' | 'unpaid' | 'partial';

export function issuanceSample(
  rng: Rng,
  asOf: string,
  staff: Staff,
  renewed: readonly RenewedPolicy[],
  file: string,
): { sheet: SheetOut; planted: Planted[] } {
  const from = previousMonthStart(asOf);
  const monthStart = `${asOf.slice(0, 7)}-01`;
  const seq = new Sequence(rng, 5_000_000 + rng.int(0, 999_999));
  const policies: Policy[] = [];
  const settle = (p: Policy, payment: Payment) => settleOf(rng, p, payment, asOf, monthStart);

  for (const r of renewed) {
    if (r.issueDate < from) continue;
    const p: Policy = {
      issueDate: r.issueDate,
      policyNo: r.policyNo,
      coverage: r.coverage,
      applicant: r.applicantName,
      insured: r.insuredName,
      car: { plateNo: r.plateNo, vin: r.vin, makeModel: r.makeModel },
      startDate: r.startDate,
      endDate: oneYearEnd(r.startDate),
      premium: r.premiumFen,
      paid: 0,
      businessType: '续保',
      salesperson: r.salesperson,
      insurer: '太平财险',
      rate: rateOf(rng, r.coverage),
      delivered: '否',
      idNo: r.idNo,
      n: policies.length,
    };
    settle(p, 'paid');
    policies.push(p);
  }

  const carSales: Policy[][] = [];
  while (policies.length < TARGET_ROWS) {
    const issueDate = workingDay(rng, from, asOf);
    const insurer = rng.weighted(INSURER_CHOICES);
    const salesperson = rng.pick(staff.salespeople);
    const payment = rng.weighted([
      ['paid', 86],
      ['unpaid', 9],
      ['partial', 5],
    ] as const);
    const kind = rng.weighted([
      ['car', 75],
      ['compulsory', 10],
      ['nonMotor', 15],
    ] as const);
    const person = kind === 'nonMotor' || rng.chance(0.85);
    const insured = person ? personName(rng) : companyName(rng);
    const base = {
      issueDate,
      insurer,
      salesperson,
      insured,
      applicant: person && rng.chance(0.1) ? personName(rng) : insured,
      idNo: person ? residentId(rng) : creditCode(rng),
      startDate: addDays(
        issueDate,
        rng.weighted([
          [0, 2],
          [1, 4],
          [2, 2],
          [5, 1],
          [10, 1],
        ] as const),
      ),
      memberCard: kind !== 'nonMotor' && rng.chance(0.35) ? `JD${rng.digits(8)}` : undefined,
      businessType: rng.weighted([
        ['新保', 20],
        ['续保', 60],
        ['转保', 20],
      ] as const),
    };
    const year = issueDate.slice(0, 4);
    const v = kind === 'nonMotor' ? undefined : vehicle(rng);
    const coverages: Coverage[] =
      kind === 'car' ? ['交强险', '商业险'] : kind === 'compulsory' ? ['交强险'] : ['非车险'];
    const sale = coverages.map((coverage): Policy => {
      const premium =
        coverage === '交强险'
          ? compulsoryPremiumFen(rng, v!.compulsoryPremium)
          : coverage === '商业险'
            ? commercialPremiumFen(rng, v!.premiumRange)
            : rng.pick([10000, 20000, 30000, 50000, 98000]);
      const p: Policy = {
        ...base,
        car: v,
        coverage,
        premium,
        policyNo: policyNumber(seq, insurer, coverage, year),
        endDate: oneYearEnd(base.startDate),
        paid: 0,
        rate: rateOf(rng, coverage),
        delivered: '否',
        n: policies.length,
      };
      settle(p, payment);
      policies.push(p);
      return p;
    });
    if (kind === 'car' && payment === 'paid') carSales.push(sale);
  }

  policies.sort((a, b) => dayNumber(a.issueDate) - dayNumber(b.issueDate) || a.n - b.n);
  const recs: Rec[] = policies.map((p) => ({ values: rowValues(p) }));
  plantMistakes(rng, recs, policies, rng.shuffle(carSales));
  return ledgerSheet(file, issuance.title, issuance, recs);
}

function rateOf(rng: Rng, coverage: Coverage): number {
  return coverage === '交强险'
    ? COMPULSORY_RATE
    : coverage === '商业险'
      ? rng.pick(COMMERCIAL_RATES)
      : rng.pick(NON_MOTOR_RATES);
}

/** Payment, delivery and commission as they stand on the as-of date. */
function settleOf(rng: Rng, p: Policy, payment: Payment, asOf: string, monthStart: string): void {
  p.paid = payment === 'paid' ? p.premium : payment === 'unpaid' ? 0 : Math.round((p.premium * rng.int(3, 8)) / 10);
  // Policies are handed over once paid, usually within two days.
  p.delivered = payment === 'paid' && (p.issueDate <= addDays(asOf, -2) || rng.chance(0.5)) ? '是' : '否';
  // Insurers settle commission the month after; a few settlements are late.
  if (payment === 'paid' && p.issueDate < monthStart && rng.chance(0.9)) {
    p.commissionReceived = commissionFen({ premium: p.premium, commissionRate: p.rate });
  }
}

/** Mostly Monday to Saturday; the counter is open on Sunday mornings only now and then. */
function workingDay(rng: Rng, from: string, to: string): string {
  for (;;) {
    const d = dayBetween(rng, from, to);
    if (weekday(d) !== 0 || rng.chance(0.2)) return d;
  }
}

function rowValues(p: Policy): Record<string, Cell> {
  const values: Record<string, Cell> = {
    issueDate: dateCell(p.issueDate),
    policyNo: p.policyNo,
    coverage: p.coverage,
    applicantName: p.applicant,
    insuredName: p.insured,
    startDate: dateCell(p.startDate),
    endDate: dateCell(p.endDate),
    premium: yuan(p.premium),
    paidPremium: yuan(p.paid),
    businessType: p.businessType,
    salesperson: p.salesperson,
    insurer: p.insurer,
    commissionRate: p.rate,
    delivered: p.delivered,
    idNo: p.idNo,
  };
  if (p.car) Object.assign(values, { plateNo: p.car.plateNo, vin: p.car.vin, makeModel: p.car.makeModel });
  if (p.commissionReceived !== undefined) values.commissionReceived = yuan(p.commissionReceived);
  if (p.memberCard) values.memberCard = p.memberCard;
  return values;
}

/** One mistake each on a different paid car sale (交强险 + 商业险 pair). */
function plantMistakes(rng: Rng, recs: Rec[], policies: readonly Policy[], sales: readonly Policy[][]): void {
  const recOf = (p: Policy) => recs[policies.indexOf(p)];
  const [unpaid, endTypo, vinTypo] = sales;
  const idTypo = sales.slice(3).find((s) => /^\d{17}/.test(s[1].idNo))!;

  // Handed over although the customer paid only a round sum.
  const u = recOf(unpaid[1]);
  const premium = unpaid[1].premium;
  const round = Math.floor(premium / 10000) * 10000;
  u.values.paidPremium = yuan(round < premium ? round : premium - 10000);
  u.values.delivered = '是';
  u.mistakes = [{ key: 'delivered', code: 'issuance.deliveredUnpaid', level: 'error' }];

  // The end date's year typed as the start year.
  const e = recOf(endTypo[1]);
  const end = endTypo[1].endDate;
  const typo = `${Number(end.slice(0, 4)) - 1}${end.slice(4)}`;
  e.values.endDate = dateCell(isValidIso(typo) ? typo : addDays(end, -366));
  e.mistakes = [{ key: 'endDate', code: 'issuance.endBeforeStart', level: 'error' }];

  const v = recOf(vinTypo[0]);
  v.values.vin = withWrongCheckDigit(vinTypo[0].car!.vin);
  v.mistakes = [{ key: 'vin', code: 'vin.checkDigit', level: 'warning' }];

  // A slip in the last character of the ID, which neither ID rule accepts.
  const i = recOf(idTypo[1]);
  const id = idTypo[1].idNo;
  const wrong = [...'0123456789X']
    .map((c) => id.slice(0, 17) + c)
    .filter((c) => c !== id && !checkIdCard(c).ok && !checkUscc(c).ok);
  i.values.idNo = rng.pick(wrong);
  i.mistakes = [{ key: 'idNo', code: 'idNo.invalid', level: 'error' }];
}

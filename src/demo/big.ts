/**
 * Large clean ledgers for the benches: every column filled with valid, varied values, built
 * row by row from pools so that 100,000 rows take well under a second or two.
 */
import type { Cell } from '../grid';
import { issuance } from '../ledgers/issuance';
import { renewal, CONTACT_RESULTS, LOST_RESULTS } from '../ledgers/renewal';
import { mulRateFen } from '../rules/money';
import { addDays, todayIso } from '../rules/date';
import { Rng } from './random';
import { companyName, creditCode, distinctNames, mobile, personName, residentId } from './people';
import { vehicle, type Vehicle } from './vehicles';
import {
  COMMERCIAL_RATES,
  COMPULSORY_RATE,
  INSURER_CHOICES,
  NON_MOTOR_RATES,
  Sequence,
  commercialPremiumFen,
  compulsoryPremiumFen,
  oneYearEnd,
  oneYearStart,
  policyNumber,
  type Coverage,
} from './policies';
import { dateCell, yuan } from './sheet';

const DEFAULT_SEED = 20261125;
/** The issuance bench covers one business year ending here. */
const BIG_ISSUANCE_END = '2026-10-31';

interface Pools {
  names: string[];
  companies: string[];
  vehicles: Vehicle[];
}

function poolsOf(rng: Rng): Pools {
  return {
    names: Array.from({ length: 3000 }, () => personName(rng)),
    companies: Array.from({ length: 400 }, () => companyName(rng)),
    vehicles: Array.from({ length: 4000 }, () => vehicle(rng)),
  };
}

const headerOf = (columns: readonly { header: string }[]): Cell[] => columns.map((c) => c.header);

/** Header + `rows` issuance rows, all twenty columns filled, in issuing order. */
export function bigIssuanceGrid(rows: number, seed = DEFAULT_SEED): Cell[][] {
  const rng = new Rng(seed);
  const pools = poolsOf(rng);
  const salespeople = distinctNames(rng, 12);
  const seq = new Sequence(rng, 1_000_000);
  const keys = issuance.columns.map((c) => c.key);
  const grid: Cell[][] = [headerOf(issuance.columns)];
  // A car's policies carry one 会员卡号 (the VIP mark goes on both): the first one drawn stays.
  const cards = new Map<string, string>();
  for (let i = 0; i < rows; i++) {
    const issueDate = addDays(BIG_ISSUANCE_END, -364 + Math.floor((i * 365) / rows));
    const coverage: Coverage = rng.weighted([
      ['交强险', 45],
      ['商业险', 42],
      ['非车险', 13],
    ] as const);
    const v = rng.pick(pools.vehicles);
    const person = rng.chance(0.85);
    const insured = person ? rng.pick(pools.names) : rng.pick(pools.companies);
    const premium =
      coverage === '交强险'
        ? compulsoryPremiumFen(rng, v.compulsoryPremium)
        : coverage === '商业险'
          ? commercialPremiumFen(rng, v.premiumRange)
          : rng.pick([10000, 20000, 30000, 50000, 98000]);
    const paidInFull = rng.chance(0.9);
    const paid = paidInFull ? premium : Math.round((premium * rng.int(0, 8)) / 10);
    const rate =
      coverage === '交强险'
        ? COMPULSORY_RATE
        : coverage === '商业险'
          ? rng.pick(COMMERCIAL_RATES)
          : rng.pick(NON_MOTOR_RATES);
    const startDate = addDays(issueDate, rng.int(0, 10));
    const insurer = rng.weighted(INSURER_CHOICES);
    const values: Record<string, Cell> = {
      issueDate: dateCell(issueDate),
      policyNo: policyNumber(seq, insurer, coverage, issueDate.slice(0, 4)),
      coverage,
      applicantName: insured,
      insuredName: insured,
      plateNo: v.plateNo,
      vin: v.vin,
      makeModel: v.makeModel,
      startDate: dateCell(startDate),
      endDate: dateCell(oneYearEnd(startDate)),
      premium: yuan(premium),
      paidPremium: yuan(paid),
      businessType: rng.weighted([
        ['新保', 20],
        ['续保', 60],
        ['转保', 20],
      ] as const),
      salesperson: rng.pick(salespeople),
      insurer,
      commissionRate: rate,
      commissionReceived: yuan(paidInFull ? mulRateFen(premium, rate) : 0),
      delivered: paidInFull ? '是' : '否',
      memberCard: cardOf(cards, v.vin, `JD${rng.digits(8)}`),
      idNo: person ? residentId(rng) : creditCode(rng),
    };
    grid.push(keys.map((k) => values[k]));
  }
  return grid;
}

const OPEN_RESULTS = CONTACT_RESULTS.filter((r) => r !== '成功续保' && !LOST_RESULTS.has(r));
const LOST = [...LOST_RESULTS];

/** Header + `rows` renewal rows expiring from 10 days before to 40 days after `asOf`, in every state. */
export function bigRenewalGrid(rows: number, seed = DEFAULT_SEED, asOf: string = todayIso()): Cell[][] {
  const rng = new Rng(seed);
  const pools = poolsOf(rng);
  const specialists = distinctNames(rng, 6);
  const handlers = distinctNames(rng, 10, specialists);
  const seq = new Sequence(rng, 3_000_000);
  const keys = renewal.columns.map((c) => c.key);
  const grid: Cell[][] = [headerOf(renewal.columns)];
  for (let i = 0; i < rows; i++) {
    const offset = -10 + Math.floor((i * 51) / rows);
    const expiry = addDays(asOf, offset);
    const start = oneYearStart(expiry);
    const coverage: '交强险' | '商业险' = i % 2 === 0 ? '交强险' : '商业险';
    const v = rng.pick(pools.vehicles);
    const insured = rng.chance(0.85) ? rng.pick(pools.names) : rng.pick(pools.companies);
    const last =
      coverage === '交强险'
        ? compulsoryPremiumFen(rng, v.compulsoryPremium)
        : commercialPremiumFen(rng, v.premiumRange);
    const values: Record<string, Cell> = {
      policyNo: policyNumber(seq, '太平财险', coverage, start.slice(0, 4)),
      coverage,
      insuredName: insured,
      applicantName: insured,
      phone: mobile(rng),
      plateNo: v.plateNo,
      vin: v.vin,
      makeModel: v.makeModel,
      useNature: v.useNature,
      startDate: dateCell(start),
      expiryDate: dateCell(expiry),
      lastPremium: yuan(last),
      handler: rng.pick(handlers),
      channel: rng.weighted([
        ['冀东业务', 50],
        ['代理公司业务', 30],
        ['脱落销售部', 20],
      ] as const),
    };
    if (offset < 22) {
      const assigned = addDays(expiry, -25);
      values.assignee = rng.pick(specialists);
      values.assignedDate = dateCell(assigned);
      const outcome = rng.weighted([
        ['renewed', 30],
        ['lost', 12],
        ['open', 58],
      ] as const);
      if (outcome === 'renewed') {
        // Renewed after it was handed out, before it expired and before the as-of date.
        const renewedDate = addDays(assigned, rng.int(1, Math.min(24 - offset, 24)));
        values.contactResult = '成功续保';
        values.renewedPolicyNo = policyNumber(seq, '太平财险', coverage, renewedDate.slice(0, 4));
        values.renewedDate = dateCell(renewedDate);
        values.renewedPremium = yuan(Math.round((last * rng.int(85, 105)) / 100));
      } else if (outcome === 'lost') {
        values.contactResult = rng.pick(LOST);
        values.lostReason = rng.pick(['报价高', '他司投保', '车辆已过户', '对理赔不满意']);
      } else {
        values.contactResult = rng.pick(OPEN_RESULTS);
      }
    }
    grid.push(keys.map((k) => values[k]));
  }
  return grid;
}

function cardOf(cards: Map<string, string>, vin: string, drawn: string): string {
  const known = cards.get(vin);
  if (known) return known;
  cards.set(vin, drawn);
  return drawn;
}

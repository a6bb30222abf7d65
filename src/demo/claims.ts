/**
 * 理赔台账, the claims desk's 理赔电子动态表 (seed 001): about 80 claims reported over the
 * last five months, each as far along as its age allows — 接车, 定损, 维修, 递交, 回款, 结案 —
 * with some 退案 (with reasons), some submitted more than 30 days ago and still unpaid, and
 * the claims of the renewal list's cars whose phones the renewal list lost.
 */
import type { Cell } from '../grid';
import { claims, isClaimOverdue } from '../ledgers/claims';
import { addDays, dayNumber } from '../rules/date';
import type { Rng } from './random';
import type { Staff } from './staff';
import type { PhoneKnown } from './renewal';
import { companyName, landline, mobile, personName } from './people';
import { vehicle } from './vehicles';
import { INSURER_CHOICES, Sequence, claimNumber, dayBetween, minIso, policyNumber } from './policies';
import { dateCell, ledgerSheet, yuan, type Planted, type Rec } from './sheet';
import type { SheetOut } from '../sheetOut';

const CLAIMS = 80;

const STAGES = ['已接车', '已定损', '维修中', '已递交', '已回款', '结案'] as const;
const RETURN_REASONS = [
  '资料不全，客户逾期未补',
  '非保险责任（轮胎自然磨损）',
  '客户与对方私了',
  '保险公司拒赔（驾驶证过期）',
  '重复报案',
  '客户转至外地维修',
];

interface Claim {
  n: number;
  reportDate: string;
  values: Record<string, Cell>;
  stage: number;
  returned: boolean;
}

export function claimsSample(
  rng: Rng,
  asOf: string,
  staff: Staff,
  phoneKnown: readonly PhoneKnown[],
  file: string,
): { sheet: SheetOut; planted: Planted[] } {
  const seq = new Sequence(rng, 10_000_000 + rng.int(0, 999_999));
  const policySeq = new Sequence(rng, 2_000_000 + rng.int(0, 999_999));
  const list: Claim[] = [];
  for (let n = 0; n < CLAIMS; n++) {
    const known = phoneKnown[n];
    const person = known ? true : rng.chance(0.85);
    const reportDate = known
      ? dayBetween(rng, addDays(asOf, -150), addDays(asOf, -60))
      : dayBetween(rng, addDays(asOf, -150), asOf);
    const lossDate = addDays(
      reportDate,
      -rng.weighted([
        [0, 6],
        [1, 3],
        [2, 1],
      ] as const),
    );
    const intakeDate = minIso(
      addDays(
        reportDate,
        rng.weighted([
          [0, 5],
          [1, 3],
          [2, 1],
        ] as const),
      ),
      asOf,
    );
    const insurer = rng.weighted(INSURER_CHOICES);
    const values: Record<string, Cell> = {
      claimNo: claimNumber(seq, insurer, reportDate.slice(0, 4)),
      plateNo: known ? known.plateNo : vehicle(rng).plateNo,
      insuredName: known ? known.insuredName : person ? personName(rng) : companyName(rng),
      phone: known ? known.phone : person || rng.chance(0.5) ? mobile(rng) : landline(rng),
      lossDate: dateCell(lossDate),
      reportDate: dateCell(reportDate),
      intakeDate: dateCell(intakeDate),
      insurer,
      intakeClerk: rng.pick(staff.intakeClerks),
    };
    if (rng.chance(0.6))
      values.policyNo = policyNumber(
        policySeq,
        insurer,
        '商业险',
        String(Number(reportDate.slice(0, 4)) - (rng.chance(0.3) ? 1 : 0)),
      );
    list.push(progress(rng, { n, reportDate, values, stage: 0, returned: false }, intakeDate, asOf, staff, !!known));
  }

  const byAge = [...list].sort((a, b) => dayNumber(a.reportDate) - dayNumber(b.reportDate) || a.n - b.n);
  const recs: Rec[] = byAge.map((c) => ({ values: c.values }));
  const candidates = rng.shuffle(
    byAge.map((c, i) => ({ c, rec: recs[i] })).filter(({ c }) => c.n >= phoneKnown.length),
  );

  const paid = candidates.find(({ c }) => c.stage === 4)!;
  delete paid.rec.values.paidDate;
  paid.rec.mistakes = [{ key: 'paidDate', code: 'claims.paidWithoutDate', level: 'error' }];

  const rest = candidates.filter((x) => x !== paid);
  // One character short, as when a plate is copied from a blurred photo.
  const plate = rest.find(({ rec }) => String(rec.values.plateNo).length === 7)!;
  plate.rec.values.plateNo = String(plate.rec.values.plateNo).slice(0, 6);
  plate.rec.mistakes = [{ key: 'plateNo', code: 'plate.invalid', level: 'error' }];

  const phone = rest.find((x) => x !== plate)!;
  phone.rec.values.phone = `0315-${rng.int(2, 8)}${rng.digits(4)}`;
  phone.rec.mistakes = [{ key: 'phone', code: 'phone.invalid', level: 'warning' }];

  // Reported five days after the loss: past the 48-hour rule.
  const late = rest.find((x) => x !== plate && x !== phone)!;
  late.rec.values.lossDate = dateCell(addDays(late.c.reportDate, -5));
  late.rec.mistakes = [{ key: 'reportDate', code: 'claims.lateReport', level: 'warning' }];

  giveReasons(recs, asOf);
  return ledgerSheet(file, claims.title, claims, recs);
}

const OVERDUE_REASONS = ['保险公司审核慢', '资料待补（客户未交发票）', '客户未签字', '保险公司系统结算中'];
const NO_RETURN_REASONS = ['就近维修', '保险公司推荐修理厂', '客户自行维修', '外地出险，当地维修'];

const isoOf = (c: Cell): string | undefined => (c instanceof Date ? c.toISOString().slice(0, 10) : undefined);

/**
 * The reasons the 理赔组长 reviews (seed 001): every overdue claim carries its 逾期原因 but one
 * (planted), every car not brought back its 未回店原因. Picked by position, not drawn: the claims
 * themselves stay as they were.
 */
function giveReasons(recs: Rec[], asOf: string): void {
  let planted = false;
  recs.forEach((rec, i) => {
    const v = rec.values;
    const c = { status: String(v.status), submittedDate: isoOf(v.submittedDate), paidDate: isoOf(v.paidDate) };
    if (isClaimOverdue(c, asOf)) {
      // One left without, on a claim with no other mistake planted.
      if (!planted && !rec.mistakes) {
        planted = true;
        rec.mistakes = [{ key: 'overdueReason', code: 'claims.overdueNoReason', level: 'warning' }];
      } else {
        v.overdueReason = OVERDUE_REASONS[i % OVERDUE_REASONS.length];
      }
    }
    if (v.returnedForRepair === '否' && v.status !== '退案')
      v.noReturnReason = NO_RETURN_REASONS[i % NO_RETURN_REASONS.length];
  });
}

/** Takes a claim as far as its age allows on the as-of date. */
function progress(rng: Rng, c: Claim, intakeDate: string, asOf: string, staff: Staff, closed: boolean): Claim {
  const age = dayNumber(asOf) - dayNumber(c.reportDate);
  const v = c.values;
  c.returned = !closed && age > 20 && rng.chance(0.1);
  c.stage = closed
    ? rng.pick([4, 5])
    : age <= 2
      ? rng.int(0, 1)
      : age <= 10
        ? rng.int(1, 2)
        : age <= 20
          ? rng.int(2, 3)
          : rng.weighted([
              [3, 35],
              [4, 35],
              [5, 30],
            ] as const);
  if (c.returned) c.stage = rng.int(0, 1);

  const assessed = rng.int(800, 25_000) * 100 + rng.pick([0, 0, 50]);
  if (c.stage >= 1) {
    v.assessedAmount = yuan(assessed);
    v.claimsClerk = rng.pick(staff.claimsClerks);
  }
  let due = 0;
  if (c.stage >= 2) {
    const repair = rng.chance(0.7) ? assessed : assessed + rng.int(1, 15) * 10_000;
    const own = rng.chance(0.75) ? 0 : Math.min(rng.int(2, 15) * 10_000, repair);
    v.repairAmount = yuan(repair);
    v.customerPaid = yuan(own);
    due = repair - own;
  }
  if (c.stage >= 3) {
    const submitted = minIso(addDays(intakeDate, rng.int(5, 20)), asOf);
    v.submittedDate = dateCell(submitted);
    const paidDate = addDays(submitted, rng.int(7, 40));
    if (c.stage >= 4 && paidDate <= asOf) {
      v.paidDate = dateCell(paidDate);
      // Insurers sometimes cut a part of the bill.
      v.paidAmount = yuan(rng.chance(0.8) ? due : Math.max(0, due - rng.int(1, 8) * 10_000));
    } else {
      c.stage = 3;
    }
  }
  v.status = c.returned ? '退案' : STAGES[c.stage];
  if (c.returned) v.returnReason = rng.pick(RETURN_REASONS);
  v.returnedForRepair = !c.returned && rng.chance(0.85) ? '是' : '否';
  return c;
}

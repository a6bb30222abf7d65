/**
 * 合同履行一览表 (seed 000, 内勤 duties 1, 2, 8, 9): about 30 contracts over the last thirteen
 * months across 华北/华东/华南/西南, and their collections (回款) — 30 % advance, 60 % on
 * delivery (sometimes in two parts), 10 % retention after a year — with late deliveries, one
 * terminated contract and one customer who paid an instalment twice.
 */
import type { Cell } from '../grid';
import { collections, contracts } from '../ledgers/contracts';
import { addDays, dayNumber } from '../rules/date';
import type { Rng } from './random';
import { companyName, distinctNames } from './people';
import { dayBetween, minIso, maxIso } from './policies';
import { dateCell, ledgerSheet, yuan, type Planted, type Rec } from './sheet';
import type { SheetOut } from '../sheetOut';

const CONTRACTS = 30;

const REGIONS = [
  { region: '华北', code: 'HB', cities: ['北京', '天津', '唐山', '石家庄', '太原'] },
  { region: '华东', code: 'HD', cities: ['上海', '南京', '杭州', '济南', '合肥'] },
  { region: '华南', code: 'HN', cities: ['广州', '深圳', '南宁', '福州'] },
  { region: '西南', code: 'XN', cities: ['成都', '重庆', '昆明', '贵阳'] },
] as const;
const METHODS = [
  ['银行转账', 60],
  ['银行承兑汇票', 25],
  ['电汇', 10],
  ['支票', 5],
] as const;

interface Contract {
  values: Record<string, Cell>;
  no: string;
  signDate: string;
  amount: number;
  deliveredDate?: string;
}

interface Collection {
  contractNo: string;
  date: string;
  amount: number;
  method: string;
}

export function contractsSample(rng: Rng, asOf: string, file: string): { sheets: SheetOut[]; planted: Planted[] } {
  const engineers = distinctNames(rng, REGIONS.length * 2);
  const signDates = Array.from({ length: CONTRACTS }, () =>
    dayBetween(rng, addDays(asOf, -400), addDays(asOf, -5)),
  ).sort();
  const list: Contract[] = signDates.map((signDate, i) => contractOf(rng, signDate, i, asOf, engineers));

  const stalled = list.filter((c) => !c.deliveredDate && dayNumber(asOf) - dayNumber(c.signDate) > 90);
  const terminated = stalled.length ? rng.pick(stalled) : undefined;
  if (terminated) terminated.values.status = '已终止';

  const pays: Collection[] = list.flatMap((c) => paymentsOf(rng, c, asOf, c === terminated));
  // The customer's finance paid the delivery instalment twice: the contract is over-collected.
  const bigOnes = pays.filter(
    (p, i) => i > 0 && pays[i - 1].contractNo === p.contractNo && p.amount >= contractOfNo(list, p).amount / 2,
  );
  const twice = bigOnes.length ? rng.pick(bigOnes) : undefined;
  if (twice) pays.push({ ...twice, date: minIso(addDays(twice.date, rng.int(2, 9)), asOf) });
  for (const c of list) {
    const collected = pays.filter((p) => p.contractNo === c.no).reduce((s, p) => s + p.amount, 0);
    if (!c.values.status) c.values.status = c.deliveredDate && collected >= c.amount ? '已完成' : '执行中';
  }

  pays.sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
  const recs: (Rec & { date: string })[] = pays.map((p) => ({
    date: p.date,
    values: { contractNo: p.contractNo, date: dateCell(p.date), amount: yuan(p.amount), method: p.method },
  }));
  // Mistakes go on other contracts' collections, so the over-collected one stays over-collected.
  const picks = rng.shuffle(recs.map((_, i) => i).filter((i) => recs[i].values.contractNo !== twice?.contractNo));
  // Two letters of the region code swapped: a number no contract has.
  const unknown = recs[picks[0]];
  const no = String(unknown.values.contractNo);
  unknown.values.contractNo = `${no.slice(0, 6)}${no[7]}${no[6]}${no.slice(8)}`;
  unknown.mistakes = [{ key: 'contractNo', code: 'collections.unknownContract', level: 'error' }];
  // The 31st of a month that has 30 days.
  const shortMonth = picks
    .slice(1)
    .map((i) => recs[i])
    .filter((r) => /-(04|06|09|11)-/.test(r.date));
  const badDate = shortMonth[0] ?? recs[picks[1]];
  const month = shortMonth[0] ? badDate.date.slice(0, 7) : `${badDate.date.slice(0, 4)}-09`;
  badDate.values.date = `${month}-31`;
  badDate.mistakes = [{ key: 'date', code: 'date.invalid', level: 'error' }];

  const c = ledgerSheet(
    file,
    '合同',
    contracts,
    list.map((x) => ({ values: x.values })),
  );
  const p = ledgerSheet(file, collections.title, collections, recs);
  return { sheets: [c.sheet, p.sheet], planted: [...c.planted, ...p.planted] };
}

const contractOfNo = (list: readonly Contract[], p: Collection): Contract => list.find((c) => c.no === p.contractNo)!;

function contractOf(rng: Rng, signDate: string, i: number, asOf: string, engineers: readonly string[]): Contract {
  const r = rng.int(0, REGIONS.length - 1);
  const { region, code, cities } = REGIONS[r];
  const no = `HT${signDate.slice(0, 4)}${code}${String(i + 1).padStart(3, '0')}`;
  const amount = rng.int(50, 1800) * 100_000 + rng.pick([0, 0, 50_000]);
  const dueDate = addDays(signDate, rng.int(30, 120));
  let deliveredDate: string | undefined;
  if (dueDate <= asOf ? rng.chance(0.85) : rng.chance(0.2)) {
    deliveredDate = minIso(maxIso(addDays(dueDate, rng.int(-10, 15)), addDays(signDate, 7)), asOf);
  }
  const values: Record<string, Cell> = {
    contractNo: no,
    customer: companyName(rng, cities),
    region,
    salesEngineer: engineers[r * 2 + rng.int(0, 1)],
    signDate: dateCell(signDate),
    amount: yuan(amount),
    dueDate: dateCell(dueDate),
  };
  if (deliveredDate) values.deliveredDate = dateCell(deliveredDate);
  return { values, no, signDate, amount, deliveredDate };
}

/** The collections of a contract dated up to the as-of date. */
function paymentsOf(rng: Rng, c: Contract, asOf: string, terminated: boolean): Collection[] {
  const out: Collection[] = [];
  const add = (date: string, amount: number) => {
    if (date <= asOf && amount > 0) out.push({ contractNo: c.no, date, amount, method: rng.weighted(METHODS) });
  };
  const advance = Math.round(c.amount * 0.3);
  const retention = Math.round(c.amount * 0.1);
  const onDelivery = c.amount - advance - retention;
  add(addDays(c.signDate, rng.int(3, 20)), advance);
  if (terminated || !c.deliveredDate) return out;
  const first = addDays(c.deliveredDate, rng.int(10, 60));
  if (rng.chance(0.3)) {
    const part = Math.round((onDelivery * rng.int(4, 6)) / 10);
    add(first, part);
    add(addDays(first, rng.int(20, 60)), onDelivery - part);
  } else {
    add(first, onDelivery);
  }
  add(addDays(c.deliveredDate, 365 + rng.int(0, 30)), retention);
  return out;
}

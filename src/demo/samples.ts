/**
 * The demo's sample ledgers: the workbooks a back office keeps, as they stand on an
 * as-of date, generated from a seed (same seed and date → same files). A handful of mistakes
 * is planted in each on purpose and listed in `planted` with the cell the validator must
 * point at; everything else is clean.
 */
import type { SheetOut } from '../sheetOut';
import { todayIso } from '../rules/date';
import { Rng } from './random';
import { staffOf } from './staff';
import { renewalSample } from './renewal';
import { issuanceSample } from './issuance';
import { claimsSample } from './claims';
import { contractsSample } from './contracts';
import { attendanceSample } from './attendance';
import { followupSample } from './followups';
import { registersSample } from './registers';
import { statementSample } from './statement';
import { dealerSample } from './dealer';
import type { Planted } from './sheet';

export type { Planted } from './sheet';
export { bigIssuanceGrid, bigRenewalGrid } from './big';

export const DEMO_SEED = 20261125;

export const SAMPLE_FILES = {
  renewal: '续保清单.xlsx',
  issuance: '承保台账.xlsx',
  claims: '理赔台账.xlsx',
  contracts: '合同履行一览表.xlsx',
  attendance: '差勤.xlsx',
  registers: '出单登记.xlsx',
  statement: '太平财险手续费结算单.xlsx',
  dealer: '新车交车与出险咨询.xlsx',
} as const;

export interface SampleFile {
  name: string;
  sheets: SheetOut[];
}

export interface Samples {
  files: SampleFile[];
  planted: Planted[];
}

export function sampleLedgers(asOf: string = todayIso(), seed: number = DEMO_SEED): Samples {
  // One generator per ledger, so a change to one ledger's data leaves the others as they were.
  const rng = (n: number) => new Rng((seed + n * 0x9e3779b9) >>> 0);
  const staff = staffOf(rng(0));
  const f = SAMPLE_FILES;

  const renewal = renewalSample(rng(1), asOf, staff, f.renewal);
  const issuance = issuanceSample(rng(2), asOf, staff, renewal.renewed, f.issuance);
  const claims = claimsSample(rng(3), asOf, staff, renewal.phoneKnownByClaims, f.claims);
  const contracts = contractsSample(rng(4), asOf, f.contracts);
  const attendance = attendanceSample(rng(5), asOf, staff, f.attendance);
  const log = followupSample(rng(6), asOf, renewal.worked, renewal.renewed, f.renewal);
  const registers = registersSample(asOf, staff, f.registers);
  const statement = statementSample(issuance.sheet, asOf, f.statement);
  const dealer = dealerSample(rng(7), asOf, staff, issuance.sheet, claims.sheet, f.dealer);

  return {
    files: [
      { name: f.renewal, sheets: [renewal.sheet, log.sheet] },
      { name: f.issuance, sheets: [issuance.sheet] },
      { name: f.claims, sheets: [claims.sheet] },
      { name: f.contracts, sheets: contracts.sheets },
      { name: f.attendance, sheets: attendance.sheets },
      { name: f.registers, sheets: registers.sheets },
      { name: f.statement, sheets: statement.sheets },
      { name: f.dealer, sheets: dealer.sheets },
    ],
    planted: [
      ...renewal.planted,
      ...log.planted,
      ...issuance.planted,
      ...claims.planted,
      ...contracts.planted,
      ...attendance.planted,
      ...registers.planted,
      ...statement.planted,
      ...dealer.planted,
    ],
  };
}

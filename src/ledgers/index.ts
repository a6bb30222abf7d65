/**
 * The built-in ledgers, registered in the order sheets are matched against their tables (a
 * tie between two tables goes to the earlier). A new ledger is its own module plus one line
 * in this list; every consumer reads the registry.
 */
import { registerLedger } from './registry';
import { renewalLedger } from './renewal';
import { followupsLedger } from './followups';
import { targetsLedger } from './targets';
import { issuanceLedger } from './issuance';
import { intentLedger } from './intent';
import { itemsLedger } from './items';
import { documentsLedger } from './documents';
import { statementsLedger } from './statements';
import { deliveriesLedger } from './deliveries';
import { hotlineLedger } from './hotline';
import { claimsLedger } from './claims';
import { contractsLedger } from './contracts';
import { attendanceLedger } from './attendance';

for (const ledger of [
  renewalLedger,
  issuanceLedger,
  intentLedger,
  claimsLedger,
  contractsLedger,
  attendanceLedger,
  followupsLedger,
  targetsLedger,
  itemsLedger,
  documentsLedger,
  statementsLedger,
  deliveriesLedger,
  hotlineLedger,
])
  registerLedger(ledger);

export * from './schema';
export * from './registry';
export { renewal } from './renewal';
export { followups } from './followups';
export { targets } from './targets';
export { issuance } from './issuance';
export { intent } from './intent';
export { items } from './items';
export { documents } from './documents';
export { statement } from './statements';
export { deliveries } from './deliveries';
export { hotline } from './hotline';
export { claims } from './claims';
export { contracts, collections } from './contracts';
export { roster, punches, punchPairs, rollCall } from './attendance';

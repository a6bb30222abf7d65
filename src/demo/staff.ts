/**
 * The agency's own people. The same names run through every sample ledger — the renewal
 * specialists are in the roster's 续保部, the salespeople sell in the issuance ledger, the
 * claims desk signs the claims — as they would in one office's files.
 */
import type { Rng } from './random';
import { distinctNames } from './people';

export interface Staff {
  /** 续保专员: the renewal list's 所属人员. */
  specialists: string[];
  /** 续保信息提供岗, CRM维护岗, 承保回访岗. */
  renewalSupport: string[];
  salespeople: string[];
  /** 出单员. */
  issuers: string[];
  intakeClerks: string[];
  claimsClerks: string[];
  /** 理赔部 staff with no named role in the ledgers. */
  claimsSupport: string[];
  /** Joins during the as-of month. */
  newcomer: string;
  /** Handlers of business brought by agents and the 脱落 sales office. */
  agentHandlers: string[];
}

export function staffOf(rng: Rng): Staff {
  const names = distinctNames(rng, 24);
  return {
    specialists: names.slice(0, 4),
    renewalSupport: names.slice(4, 7),
    salespeople: names.slice(7, 12),
    issuers: names.slice(12, 14),
    intakeClerks: names.slice(14, 16),
    claimsClerks: names.slice(16, 18),
    claimsSupport: names.slice(18, 19),
    newcomer: names[19],
    agentHandlers: names.slice(20, 24),
  };
}

/** The roster departments and who is in them, in roster order. */
export function departments(s: Staff): { dept: string; code: string; people: string[] }[] {
  return [
    { dept: '续保部', code: '01', people: [...s.specialists, ...s.renewalSupport] },
    { dept: '承保部', code: '02', people: [...s.salespeople, ...s.issuers] },
    { dept: '理赔部', code: '03', people: [...s.intakeClerks, ...s.claimsClerks, ...s.claimsSupport, s.newcomer] },
  ];
}

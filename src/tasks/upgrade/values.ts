/**
 * The cached value of every formula cell, computed with the engine's own functions on the
 * engine's reading of the row, so a viewer that does not recalculate (a previewer, a mail
 * client, exceljs) shows what Excel, WPS and LibreOffice compute. Money in yuan (2 decimals),
 * days as whole numbers, flags 是/否, and '' where the formula gives "".
 */
import type { TableKey } from '../../ledgers/schema';
import { renewalStatus, daysToExpiry } from '../../ledgers/renewal';
import { unpaidFen, commissionFen } from '../../ledgers/issuance';
import { insurerDueFen, outstandingFen, isClaimOverdue } from '../../ledgers/claims';
import { collectedByContract, isDeliveryOverdue } from '../../ledgers/contracts';
import type { Settings } from '../../ledgers/settings';
import { fenToYuan } from '../../rules/money';

export type CachedValue = number | string;
type Row = Record<string, unknown>;

export interface ValueContext {
  asOf: string;
  settings: Settings;
  /** Typed rows of every table in the workbook, for formulas that read another table. */
  rowsOf: (table: TableKey) => readonly Row[];
}

const yuan = (fen: number | undefined): CachedValue => (fen === undefined ? '' : fenToYuan(fen));
const flag = (b: boolean): CachedValue => (b ? '是' : '否');

type RowValues = (row: Row) => Record<string, CachedValue>;

function renewalValues(ctx: ValueContext): RowValues {
  return (r) => {
    const expiry = r.expiryDate as string | undefined;
    // Without an expiry date only the first two rules can decide, exactly as the formula.
    const early = renewalStatus({ ...(r as object), expiryDate: ctx.asOf }, ctx.asOf);
    return {
      daysToExpiry: expiry ? daysToExpiry(expiry, ctx.asOf) : '',
      renewalStatus: expiry ? renewalStatus(r as { expiryDate: string }, ctx.asOf) : early === '待续保' ? '' : early,
    };
  };
}

function issuanceValues(): RowValues {
  return (r) => {
    const p = r as { premium?: number; paidPremium?: number; commissionRate?: number };
    return p.premium === undefined
      ? { unpaid: '', commission: '' }
      : { unpaid: yuan(unpaidFen({ ...p, premium: p.premium })), commission: yuan(commissionFen({ ...p, premium: p.premium })) };
  };
}

function claimsValues(ctx: ValueContext): RowValues {
  return (r) => ({
    insurerDue: yuan(insurerDueFen(r)),
    outstanding: yuan(outstandingFen(r)),
    overdue: flag(isClaimOverdue(r, ctx.asOf, ctx.settings.claimOverdueDays)),
  });
}

function contractsValues(ctx: ValueContext): RowValues {
  const collected = collectedByContract(ctx.rowsOf('collections'), ctx.asOf);
  return (r) => {
    const no = r.contractNo as string | undefined;
    const got = no ? collected.get(no) ?? 0 : undefined;
    const amount = r.amount as number | undefined;
    return {
      collected: yuan(got),
      receivable: amount === undefined ? '' : yuan(amount - (got ?? 0)),
      deliveryOverdue: flag(isDeliveryOverdue(r, ctx.asOf)),
    };
  };
}

/** The cached values of one table's formula columns, per typed row; undefined for tables without any. */
export function formulaValues(table: TableKey, ctx: ValueContext): RowValues | undefined {
  switch (table) {
    case 'renewal':
      return renewalValues(ctx);
    case 'issuance':
      return issuanceValues();
    case 'claims':
      return claimsValues(ctx);
    case 'contracts':
      return contractsValues(ctx);
    default:
      return undefined;
  }
}

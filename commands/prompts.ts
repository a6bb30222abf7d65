/**
 * How the ribbon buttons that take options ask for them. The task pane registers a prompt per
 * button that shows the pane and resolves to what the clerk chose, or null when they cancel;
 * with none registered (no pane in this host) the button goes ahead with its defaults.
 */
import type { CrmImportOptions } from './crm';
import type { SettleOptions } from './settle';

/** 月度统计: the period typed ('' = the default: the last complete month of the 基准日). */
export type PeriodPrompt = () => Promise<string | null>;
/** CRM导入: the as-of date, the specialists and the files picked in the pane. */
export type CrmPrompt = () => Promise<CrmImportOptions | null>;

/** 结算对账: the period, the insurer and the statements picked in the pane. */
export type SettlePrompt = () => Promise<SettleOptions | null>;

let settlePrompt: SettlePrompt | undefined;
let periodPrompt: PeriodPrompt | undefined;
let crmPrompt: CrmPrompt | undefined;

export function setPeriodPrompt(p: PeriodPrompt | undefined): void {
  periodPrompt = p;
}

export function setCrmPrompt(p: CrmPrompt | undefined): void {
  crmPrompt = p;
}

/** The period to run, '' for the default, null when the clerk cancelled. */
export function askPeriod(): Promise<string | null> {
  return periodPrompt ? periodPrompt() : Promise.resolve('');
}

/** The CRM import's options, {} for the defaults, null when the clerk cancelled. */
export function askCrmOptions(): Promise<CrmImportOptions | null> {
  return crmPrompt ? crmPrompt() : Promise.resolve({});
}

export function setSettlePrompt(p: SettlePrompt | undefined): void {
  settlePrompt = p;
}

/** The settlement's options, {} for the defaults (last month, no statement), null when cancelled. */
export function askSettleOptions(): Promise<SettleOptions | null> {
  return settlePrompt ? settlePrompt() : Promise.resolve({});
}

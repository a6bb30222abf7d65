/** Option values shared by the subcommands, checked once with messages a clerk can act on. */
import { basename, dirname, extname, join } from 'node:path';
import type { LedgerKey } from '../ledgers/schema';
import { ledgerKeys, ledgerNamed, ledgerTitle } from '../ledgers';
import { parseDate } from '../rules/date';
import { UsageError } from './context';
import { sameFile } from './sameFile';

/** `--as-of`: any date spelling the ledgers accept (2026-10-31, 2026/10/31, 20261031, 2026年10月31日). */
export function asOfOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const d = parseDate(value.trim());
  if (!d.ok) throw new UsageError(`--as-of 的值无法识别: ${value}（应为日期，如 2026-10-31）`);
  return d.value;
}

/**
 * `--ledger` (or `template`'s argument): the English key or the Chinese title (issuance /
 * 承保台账); `what` is how the message names where it was given.
 */
export function ledgerOption(value: string | undefined, what = '--ledger 的值'): LedgerKey | undefined {
  if (value === undefined) return undefined;
  const key = ledgerNamed(value);
  if (!key) {
    const known = ledgerKeys()
      .map((k) => `${k}（${ledgerTitle(k)}）`)
      .join('、');
    throw new UsageError(`${what}无法识别: ${value}（可选: ${known}）`);
  }
  return key;
}

/**
 * The one rule for an output that is not named: beside the first input, named after it and
 * what it holds — `续保清单.csv` → `续保清单-CRM导入.xlsx`, `承保台账.xlsx` → `承保台账-校验报告.xlsx`.
 */
export function besideInput(input: string, what: string, ext = '.xlsx'): string {
  return join(dirname(input), `${basename(input, extname(input))}-${what}${ext}`);
}

/**
 * The output of an option that may be given without a path (`--report`, `--out`): the path
 * given, or `besideInput`; undefined when the option is absent.
 */
export function optionalOutput(value: string | boolean | undefined, input: string, what: string): string | undefined {
  if (value === undefined || value === false) return undefined;
  return value === true ? besideInput(input, what) : value;
}

/** An output path that must not overwrite any input: the sources are never modified. */
export function outputPath(
  value: string,
  option: string,
  inputs: readonly string[],
  extensions: readonly string[],
): string {
  if (!extensions.some((e) => value.toLowerCase().endsWith(e))) {
    throw new UsageError(`${option} 的文件名应以 ${extensions.join(' 或 ')} 结尾: ${value}`);
  }
  refuseInput(value, option, inputs);
  return value;
}

/**
 * Refuses an output that is one of the inputs by identity — the same path, a symbolic or hard
 * link to it, or another letter case on a case-insensitive disk.
 */
export function refuseInput(out: string, option: string, inputs: readonly string[]): void {
  const input = inputs.find((i) => sameFile(i, out));
  if (input === undefined) return;
  const via = input === out ? '' : `（它指向输入文件 ${input}）`;
  throw new UsageError(`${option} 不能与输入文件相同: ${out}${via}，insdesk 从不修改原文件，请换一个文件名`);
}

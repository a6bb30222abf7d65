/** `insdesk stats FILE… [--period P] [--as-of DATE] [--out OUT.xlsx] [--json]`: no P = the last complete month.
 *
 * The command's work; its options are registered in stats.ts.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ledgerKeys, ledgerTitle } from '../ledgers';
import { readWorkbookFile } from '../io/workbook';
import { InputError } from '../io/errors';
import {
  LedgerLoader,
  formatValue,
  headlines,
  LEDGER_LABELS,
  defaultPeriod,
  parsePeriod,
  PERIOD_HINT,
  runStats,
  STATS_LEDGERS,
  SHEET_NAMES,
  type LoadedLedgers,
  type Period,
  type StatsResult,
} from '../tasks/stats';
import { EXIT, UsageError, type CliContext } from './context';
import { asOfOption, optionalOutput, outputPath, refuseInput } from './options';
import { distinctFiles, sameFile } from './sameFile';
import { todayIso } from '../rules/date';
import { createProgress, readingLabel, type Progress } from './progress';
import { reportWriteError } from './writeError';

export interface StatsFlags {
  targets?: string;
  period?: string;
  asOf?: string;
  out?: string | boolean;
  json?: boolean;
}

/**
 * The period and as-of date of a run, checked: exit 2 on anything a clerk must fix. Without a
 * period, the last complete month on the as-of date (else today); the as-of date is the
 * period's last day unless one is given.
 */
export function statsPeriod(
  periodText: string | undefined,
  asOfText: string | undefined,
): { period: Period; asOf: string } {
  const given = asOfOption(asOfText);
  const period = periodText === undefined ? defaultPeriod(given ?? todayIso()) : parsePeriod(periodText);
  if (!period) throw new UsageError(`--period 的值无法识别: ${periodText}（${PERIOD_HINT}）`);
  const asOf = given ?? period.end;
  if (asOf < period.start) {
    throw new UsageError(
      `基准日 ${asOf} 早于统计期间 ${period.label}（${period.start} 起），请调整 --as-of 或 --period`,
    );
  }
  return { period, asOf };
}

/** A file this big leaves enough garbage to be worth a full collection before the next. */
const COLLECT_AFTER_ROWS = 20_000;

/**
 * A full collection now. Left alone, V8 lets the garbage of one file's parse (its grids and
 * full rows) pile up under the next file's, and a run over five big ledgers peaks 100 MB or
 * more higher (docs/stats.md, "Speed"). Where the flag cannot be set, nothing happens.
 */
function collectGarbage(): void {
  try {
    setFlagsFromString('--expose_gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    // No early collection: the run just peaks higher.
  }
}

/** Reads the files one by one: one file's grids are garbage before the next is read. */
export async function loadLedgers(files: readonly string[], asOf: string, progress?: Progress): Promise<LoadedLedgers> {
  const loader = new LedgerLoader(asOf);
  for (const [i, file] of files.entries()) {
    const label = readingLabel(i, files.length);
    progress?.update(label, 0, 1);
    const book = await readWorkbookFile(file, { onBytes: (done, total) => progress?.update(label, done, total) });
    const total = book.grids.reduce((a, g) => a + g.rows.length, 0);
    let done = 0;
    loader.add(book, (n) => progress?.update(`整理数据 ${i + 1}/${files.length}`, (done += n), total));
    if (total >= COLLECT_AFTER_ROWS) collectGarbage();
  }
  return loader.finish();
}

/** Stats of the files; writes the report (xlsx + html) when `out` is given. */
export async function statsOfFiles(
  files: readonly string[],
  period: Period,
  asOf: string,
  out?: string,
  progress?: Progress,
  targetsFile?: string,
): Promise<{ result: StatsResult; loaded: LoadedLedgers; outputs: string[] }> {
  const loaded = await loadLedgers(files, asOf, progress);
  if (targetsFile && !loaded.sources.some((s) => sameFile(s.file, targetsFile) && s.table === 'targets'))
    throw new InputError(
      targetsFile,
      '没有找到目标表（表头须含 期间、指标、目标值；可用 insdesk template targets 生成）',
    );
  progress?.update('统计', 0, 1);
  const result = runStats(loaded, { period, asOf });
  let outputs: string[] = [];
  if (out) {
    progress?.update('写出报表', 0, 1);
    const { writeStatsReport } = await import('../io/statsOut');
    outputs = await writeStatsReport(out, result.report).catch((err: unknown) => {
      throw reportWriteError(out, err);
    });
  }
  return { result, loaded, outputs };
}

export async function runStatsCommand(files: string[], flags: StatsFlags, ctx: CliContext): Promise<number> {
  const { period, asOf } = statsPeriod(flags.period, flags.asOf);
  const inputs = flags.targets ? [...files, flags.targets] : files;
  const named = optionalOutput(flags.out, files[0], '统计报表');
  const out = named === undefined ? undefined : outputPath(named, '--out', inputs, ['.xlsx']);
  if (out) refuseInput(out.replace(/\.xlsx$/i, '') + '.html', '--out 的网页报告', inputs);
  // The same file named twice (or through a link) would count its rows twice.
  const unique = distinctFiles(inputs);
  const progress = createProgress(ctx.io.stderr);
  try {
    const { result, loaded, outputs } = await statsOfFiles(unique, period, asOf, out, progress, flags.targets);
    progress.clear();
    if (!loaded.tables.length)
      ctx.io.stderr.write(
        `insdesk: 提示: 文件中没有找到任何台账（${ledgerKeys().map(ledgerTitle).join('、')}），统计结果为空\n`,
      );
    ctx.io.stdout.write(
      flags.json
        ? `${JSON.stringify({ ...result.json, ...(out ? { outputs } : {}), sources: loaded.sources, unmatchedSheets: loaded.unmatched }, null, 2)}\n`
        : textOf(result, outputs),
    );
    return EXIT.ok;
  } finally {
    progress.clear();
  }
}

function textOf(r: StatsResult, outputs: string[]): string {
  const f = r.figures;
  const lines = [`${f.period.label}统计（${f.period.start} 至 ${f.period.end}，基准日 ${f.asOf}）`];
  for (const ledger of STATS_LEDGERS) {
    const hs = headlines(f, ledger);
    if (!hs.length) continue;
    const shown = hs.map(
      (h) =>
        `${h.label.replace(/（元）|（天）/, '')} ${formatValue(h.format === 'yuan' ? h.value / 100 : h.value, h.format)}${h.format === 'yuan' ? ' 元' : h.format === 'days' ? ' 天' : ''}`,
    );
    lines.push(`${LEDGER_LABELS[ledger]}: ${shown.join('，')}`);
  }
  if (lines.length === 1) lines.push('没有找到任何台账');
  if (f.excluded.length) {
    lines.push(
      `有 ${f.excluded.length} 行未计入部分统计项${outputs.length ? `，见报表的“${SHEET_NAMES.excluded}”表` : '（用 --out 报表.xlsx 可导出逐行清单，或用 --json 查看）'}`,
    );
  }
  if (outputs.length) lines.push(`写出: ${outputs.join('、')}`);
  return `${lines.join('\n')}\n`;
}

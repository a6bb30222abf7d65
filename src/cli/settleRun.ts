/**
 * `insdesk settle FILE… --period P [--insurer NAME] [--statement FILE…] [--write-back OUT.xlsx]
 * [--out OUT.xlsx] [--json]`: the 结算清单 per insurer and the reconciliation with the insurer's
 * statements (workflows.md §3). Nothing read is ever written.
 *
 * The command's work; its options are registered in settle.ts.
 */
import { readWorkbookFile, type Workbook } from '../io/workbook';
import { InputError } from '../io/errors';
import { settle, settleTables, type SettleResult, type SourcedTable } from '../tasks/settle';
import { settleJson } from '../tasks/settle/json';
import { settleReport } from '../tasks/settle/report';
import { missingStatementColumn } from '../tasks/settle/missing';
import { CLASSES, CLASS_LABELS } from '../tasks/settle';
import { formatYuan } from '../rules/money';
import { EXIT, UsageError, type CliContext } from './context';
import { optionalOutput, outputPath } from './options';
import { distinctFiles, sameFile } from './sameFile';
import { statsPeriod } from './statsRun';
import { createProgress, readingLabel } from './progress';
import { reportWriteError } from './writeError';
import { basename } from 'node:path';

export interface SettleFlags {
  period: string;
  asOf?: string;
  insurer?: string;
  statement?: string[];
  writeBack?: string;
  out?: string | boolean;
  json?: boolean;
}

export async function runSettle(files: string[], flags: SettleFlags, ctx: CliContext): Promise<number> {
  const { period, asOf } = statsPeriod(flags.period, flags.asOf);
  const statements = flags.statement ?? [];
  const inputs = [...files, ...statements];
  const named = optionalOutput(flags.out, files[0], '结算对账');
  const out = named === undefined ? undefined : outputPath(named, '--out', inputs, ['.xlsx']);
  const writeBack =
    flags.writeBack === undefined ? undefined : outputPath(flags.writeBack, '--write-back', inputs, ['.xlsx']);
  if (out && writeBack && sameFile(out, writeBack))
    throw new UsageError(`--out 与 --write-back 不能是同一个文件: ${out}`);
  if (writeBack && !statements.length)
    throw new UsageError('--write-back 需要 --statement 结算单：代理费已收按结算单填写');

  const progress = createProgress(ctx.io.stderr);
  try {
    const unique = distinctFiles(inputs);
    const tables: SourcedTable[] = [];
    const books = new Map<string, Workbook>();
    for (const [i, file] of unique.entries()) {
      const label = readingLabel(i, unique.length);
      progress.update(label, 0, 1);
      const book = await readWorkbookFile(file, { onBytes: (done, total) => progress.update(label, done, total) });
      const found = settleTables(book.grids, asOf);
      if (statements.some((s) => sameFile(s, file)) && !found.some((t) => t.table.key === 'statement'))
        throw new InputError(file, `不是保险公司结算单：${missingStatementColumn(book.grids)}`);
      for (const table of found) tables.push({ file, table });
      if (writeBack && found.some((t) => t.table.key === 'issuance')) books.set(file, book);
    }
    if (!tables.some((t) => t.table.table.key === 'issuance'))
      throw new UsageError(
        `没有找到承保台账（表头须含 出单日期、保单号、险种、被保险人、起保日期、保费）: ${files.join('、')}`,
      );
    progress.update('对账', 0, 1);
    const result = settle(tables, { period, asOf, insurer: flags.insurer?.trim() || undefined });
    const outputs: string[] = [];
    if (out) {
      progress.update('写出结算清单', 0, 1);
      const { statsXlsx } = await import('../io/statsOut');
      const { writeFile } = await import('node:fs/promises');
      const report = settleReport(
        result,
        unique.map((f) => basename(f)),
      );
      await writeFile(out, await statsXlsx(report)).catch((err: unknown) => {
        throw reportWriteError(out, err);
      });
      outputs.push(out);
    }
    if (writeBack) {
      progress.update('写出回填副本', 0, 1);
      await writeBackOf(result, tables, books, writeBack);
      outputs.push(writeBack);
    }
    progress.clear();
    ctx.io.stdout.write(
      flags.json
        ? `${JSON.stringify({ ...settleJson(result), ...(outputs.length ? { outputs } : {}) }, null, 2)}\n`
        : textOf(result, outputs),
    );
    return EXIT.ok;
  } finally {
    progress.clear();
  }
}

/** The matched policies' amounts into a copy of the one ledger file that holds them. */
async function writeBackOf(
  result: SettleResult,
  tables: readonly SourcedTable[],
  books: ReadonlyMap<string, Workbook>,
  out: string,
): Promise<void> {
  const matched = (result.reconciliation?.rows ?? []).filter((r) => r.class === 'matched' && r.policy);
  const files = [...new Set(matched.map((r) => r.policy!.file))];
  if (files.length > 1)
    throw new UsageError(
      `相符的保单分布在多个承保台账文件中（${files.join('、')}）：--write-back 一次只能回填一个文件，请分别对账`,
    );
  const file = files[0] ?? [...books.keys()][0];
  const book = books.get(file)!;
  const sheets = tables
    .filter((t) => t.file === file && t.table.table.key === 'issuance')
    .map(({ table: t }) => ({
      sheet: t.sheet,
      headerRow: t.headerRow,
      column: t.columns.find((c) => c.key === 'commissionReceived')?.letter,
    }));
  const { writeBackCopy } = await import('../io/writeBack');
  const fills = matched.map((r) => ({ sheet: r.policy!.sheet, row: r.policy!.row, amount: r.theirs }));
  await writeBackCopy(book, sheets, fills, out).catch((err: unknown) => {
    throw reportWriteError(out, err);
  });
}

function textOf(r: SettleResult, outputs: string[]): string {
  const lines = [`结算对账 ${r.period.label}（${r.period.start} 至 ${r.period.end}，账龄基准日 ${r.asOf}）`];
  if (!r.lists.length) lines.push(`本期没有${r.insurer ? ` ${r.insurer} 的` : ''}出单`);
  for (const l of r.lists)
    lines.push(
      `${l.insurer}: ${l.totals.policies} 件，保费 ${formatYuan(l.totals.premium)} 元，代理费 ${formatYuan(l.totals.commission)} 元，已收 ${formatYuan(l.totals.commissionReceived)} 元，未收 ${formatYuan(l.totals.commissionDue)} 元`,
    );
  const rec = r.reconciliation;
  if (rec) {
    const counts = CLASSES.map((c) => `${CLASS_LABELS[c]} ${rec.rows.filter((x) => x.class === c).length}`);
    lines.push(`对账: ${counts.join('，')}${rec.unreadable.length ? `，无法识别 ${rec.unreadable.length} 行` : ''}`);
  }
  for (const n of r.notes) lines.push(`提示: ${n}`);
  if (outputs.length) lines.push(`写出: ${outputs.join('、')}`);
  else lines.push('用 --out 写出可打印的结算清单和对账表');
  return `${lines.join('\n')}\n`;
}

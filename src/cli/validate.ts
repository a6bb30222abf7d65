/** `insdesk validate FILE… [--ledger KEY] [--report OUT.xlsx] [--json] [--as-of DATE]` */
import type { Command } from 'commander';
import { ledgerKeys, ledgerTitle } from '../ledgers';
import { validateWorkbooks, type Book } from '../tasks/validate';
import { EXIT, type CliContext } from './context';
import { asOfOption, ledgerOption, optionalOutput, outputPath } from './options';
import { createProgress, readingLabel } from './progress';
import { formatValidation } from './validateText';
import { boundFindings, FINDINGS_PER_CODE } from './boundFindings';
import { reportWriteError } from './writeError';
import { distinctFiles } from './sameFile';
import { readForValidation } from './validateRead';

interface ValidateFlags {
  ledger?: string;
  report?: string | boolean;
  json?: boolean;
  allFindings?: boolean;
  asOf?: string;
}

export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description('找出每个文件中的台账，逐行按台账规则检查（不修改原文件）')
    .argument('<FILE...>', '要检查的 .xlsx / .xls / .csv 文件')
    .option(
      '--ledger <KEY>',
      `按指定台账读取每个工作表: ${ledgerKeys()
        .map((k) => `${k} ${ledgerTitle(k)}`)
        .join(', ')}`,
    )
    .option('--report [OUT.xlsx]', '写出问题清单和标注副本（不写文件名则为 <第一个文件名>-校验报告.xlsx）')
    .option('--json', '以 JSON 输出结果（标准输出只有一个 JSON 文档）')
    .option('--all-findings', `JSON 中列出全部问题（默认每个工作表每种问题最多列 ${FINDINGS_PER_CODE} 条，其余只计数）`)
    .option('--as-of <DATE>', '基准日（默认取“设置”表的基准日，否则今天）')
    .action(async (files: string[], flags: ValidateFlags) => {
      ctx.exitCode = await runValidate(files, flags, ctx);
    });
}

async function runValidate(files: string[], flags: ValidateFlags, ctx: CliContext): Promise<number> {
  const ledger = ledgerOption(flags.ledger);
  const asOf = asOfOption(flags.asOf);
  const named = optionalOutput(flags.report, files[0], '校验报告');
  const report = named === undefined ? undefined : outputPath(named, '--report', files, ['.xlsx']);
  // The same file named twice would double its rows and its cross-table matches.
  const unique = distinctFiles(files);

  const progress = createProgress(ctx.io.stderr);
  const books: Book[] = [];
  try {
    for (const [i, file] of unique.entries()) {
      const label = readingLabel(i, unique.length);
      progress.update(label, 0, 1);
      // A report copies every cell of every sheet: only then are the grids kept.
      const onBytes = (done: number, total: number) => progress.update(label, done, total);
      books.push(await readForValidation(file, { ledger, asOf, grids: !!report, onBytes }));
    }
    const result = validateWorkbooks(books, {
      ledger,
      asOf,
      onProgress: (done, total) => progress.update('检查数据', done, total),
    });
    if (report) {
      const { writeValidationReport } = await import('../io/reportOut');
      await writeValidationReport(report, result, books, (done, total) =>
        progress.update('写出报告', done, total),
      ).catch((err: unknown) => {
        throw reportWriteError(report, err);
      });
    }
    progress.clear();
    if (flags.json) {
      const listed = flags.allFindings ? result : boundFindings(result);
      ctx.io.stdout.write(`${JSON.stringify(report ? { ...listed, report } : listed, null, 2)}\n`);
    } else {
      ctx.io.stdout.write(formatValidation(result, report));
    }
    return result.summary.errors > 0 ? EXIT.findings : EXIT.ok;
  } finally {
    progress.clear();
  }
}

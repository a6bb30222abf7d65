/**
 * `insdesk settle FILE… --period P [--insurer NAME] [--statement FILE…] [--write-back OUT.xlsx]
 * [--out OUT.xlsx] [--json]`: the 结算清单 per insurer and the reconciliation with the insurer's
 * statements (workflows.md §3). Nothing read is ever written.
 */
import type { Command } from 'commander';
import type { CliContext } from './context';
import type { SettleFlags } from './settleRun';

// The command's options only: its work (and the modules it needs) loads when it runs, so the
// other commands start without them.
export function registerSettle(program: Command, ctx: CliContext): void {
  program
    .command('settle')
    .description(
      '结算对账：按保险公司打印本期结算清单，与保险公司手续费结算单逐单核对（相符、金额不符、我方独有、对方独有、重复），列出代理费与保费账龄（不修改原文件）',
    )
    .argument('<FILE...>', '承保台账文件（.xlsx / .xls / .csv，可多个）')
    .requiredOption('--period <PERIOD>', '结算期间: 2026-11 或 202611（月）、2026Q4（季度）、2026（年）等，同 stats')
    .option('--as-of <DATE>', '账龄的基准日（默认为期间最后一天）')
    .option('--insurer <NAME>', '只结算这家保险公司（平安 即平安产险、平安财险）')
    .option(
      '--statement <FILE...>',
      '保险公司手续费结算单（.xlsx / .xls / .csv，可多个；须有保单号列和手续费、代理费或结算金额列）',
    )
    .option('--write-back <OUT.xlsx>', '另存一份承保台账，把核对相符的代理费填入“代理费已收”列（原文件不变）')
    .option(
      '--out [OUT.xlsx]',
      '写出结算清单和对账表（不写文件名则为 <第一个文件名>-结算对账.xlsx），A4 横向、可直接打印',
    )
    .option('--json', '以 JSON 输出结果（标准输出只有一个 JSON 文档）')
    .action(async (files: string[], flags: SettleFlags) => {
      const { runSettle } = await import('./settleRun');
      ctx.exitCode = await runSettle(files, flags, ctx);
    });
}

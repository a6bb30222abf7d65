/** `insdesk stats FILE… [--period P] [--as-of DATE] [--out OUT.xlsx] [--json]`: no P = the last complete month. */
import type { Command } from 'commander';
import type { CliContext } from './context';
import type { StatsFlags } from './statsRun';

// The command's options only: its work (and the modules it needs) loads when it runs, so the
// other commands start without them.
export function registerStats(program: Command, ctx: CliContext): void {
  program
    .command('stats')
    .description(
      '月度统计：续保率、承保保费、理赔回款与逾期、合同回款与应收账龄、差勤扣款，可写出带图表的统计报表（不修改原文件）',
    )
    .argument('<FILE...>', '台账文件（.xlsx / .xls / .csv，可多个；“设置”表中的节假日、上班时间等会被采用）')
    .option(
      '--period <PERIOD>',
      '统计期间: 2026-10 或 202610（月）、2026Q4（季度）、2026（年）、2026-12-04（日）、2026W49（周）、2026-11-01..2026-11-15（起止日期）；不写则为上一个完整的月份',
    )
    .option('--as-of <DATE>', '基准日（默认为期间最后一天）')
    .option(
      '--targets <FILE>',
      '目标表（期间、指标、维度、对象、目标值、预警线）：列出目标、实际、达成率和预警；输入文件中的“目标”表也会读取',
    )
    .option(
      '--out [OUT.xlsx]',
      '写出统计报表（不写文件名则为 <第一个文件名>-统计报表.xlsx）；图表另写在同名 .html 网页报告中',
    )
    .option('--json', '以 JSON 输出结果（标准输出只有一个 JSON 文档）')
    .action(async (files: string[], flags: StatsFlags) => {
      const { runStatsCommand } = await import('./statsRun');
      ctx.exitCode = await runStatsCommand(files, flags, ctx);
    });
}

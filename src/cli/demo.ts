/** `insdesk demo [--out DIR] [--as-of DATE]` */
import type { Command } from 'commander';
import { EXIT, type CliContext } from './context';
import { asOfOption } from './options';

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('写出一套带有少量错误的示例台账，并对其运行 validate、crm、stats，输出放在同一文件夹')
    .option('--out <DIR>', '输出文件夹', 'insdesk-demo')
    .option('--as-of <DATE>', '基准日（默认今天）')
    .action(async (flags: { out: string; asOf?: string }) => {
      const asOf = asOfOption(flags.asOf);
      const { runDemo } = await import('./demoRun');
      await runDemo(flags.out, { ...(asOf ? { asOf } : {}), log: (line) => ctx.io.stdout.write(`${line}\n`) });
      ctx.exitCode = EXIT.ok;
    });
}

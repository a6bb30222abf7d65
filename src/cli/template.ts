/**
 * `insdesk template <ledger> [--out FILE] [--as-of DATE]` — a new, empty ledger workbook with
 * canonical headers, formula columns, drop-downs and checks, and the 设置 sheet.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { TEMPLATE_ROWS } from '../tasks/upgrade/ledgerSheet';
import { ledgerKeys, ledgerTitle } from '../ledgers';
import type { CliContext } from './context';
import { asOfOption, ledgerOption, outputPath } from './options';
import { reportWriteError } from './writeError';

interface TemplateFlags {
  out?: string;
  asOf?: string;
}

export function registerTemplate(program: Command, ctx: CliContext): void {
  program
    .command('template')
    .description('生成空白台账工作簿：标准表头、公式列、下拉列表、日期和金额检查、问题高亮，以及“设置”工作表')
    .argument(
      '<LEDGER>',
      `台账：${ledgerKeys()
        .map((k) => `${k}（${ledgerTitle(k)}）`)
        .join('、')}`,
    )
    .option('--out <FILE.xlsx>', '输出文件（默认 <台账名>.xlsx）')
    .option('--as-of <DATE>', '写入“设置”的基准日（默认留空：公式按打开文件当天计算）')
    .action(async (ledgerArg: string, flags: TemplateFlags) => {
      const ledger = ledgerOption(ledgerArg, '台账名称')!;
      const asOf = asOfOption(flags.asOf);
      const out = outputPath(flags.out ?? `${ledgerTitle(ledger)}.xlsx`, '--out', [], ['.xlsx']);
      const { buildTemplate } = await import('../io/upgradeOut');
      const bytes = await buildTemplate(ledger, asOf ? { asOf } : {});
      try {
        await writeFile(out, bytes);
      } catch (err) {
        throw reportWriteError(out, err);
      }
      ctx.io.stdout.write(
        `已生成 ${ledgerTitle(ledger)}模板: ${out}（预留 ${TEMPLATE_ROWS} 行，公式、下拉列表和检查已就绪）\n`,
      );
    });
}

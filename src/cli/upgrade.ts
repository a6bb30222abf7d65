/**
 * `insdesk upgrade FILE --out FILE [--ledger KEY] [--json]` — the ledger workbook as a
 * validated, formula-driven tool: every original value kept where it was, the data range an
 * Excel table, formula columns appended, the 设置 sheet added. The input is never overwritten.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { LOG_SHEET } from '../tasks/upgrade/ledgerSheet';
import type { CliContext } from './context';
import { besideInput, ledgerOption, outputPath } from './options';
import { reportWriteError } from './writeError';

interface UpgradeFlags {
  out?: string;
  ledger?: string;
  json?: boolean;
}

export function registerUpgrade(program: Command, ctx: CliContext): void {
  program
    .command('upgrade')
    .description('把现有台账升级为带公式、下拉列表和检查的工具（保留原有全部内容，不修改原文件）')
    .argument('<FILE>', '现有台账（.xlsx、.xls 或 .csv）')
    .option('--out <OUT.xlsx>', '升级后的文件（默认 <原文件名>-已升级.xlsx，在原文件旁边；不能与原文件相同）')
    .option('--ledger <KEY>', '把每个工作表都按此台账读取（如 issuance 或 承保台账）')
    .option('--json', '以 JSON 输出结果（标准输出只有一个 JSON 文档）')
    .action(async (file: string, flags: UpgradeFlags) => {
      const out = outputPath(flags.out ?? besideInput(file, '已升级'), '--out', [file], ['.xlsx']);
      const ledger = ledgerOption(flags.ledger);
      const { upgradeFile } = await import('../io/upgradeOut');
      const result = await upgradeFile(file, ledger ? { ledger } : {});
      try {
        await writeFile(out, result.bytes);
      } catch (err) {
        throw reportWriteError(out, err);
      }
      if (flags.json) {
        ctx.io.stdout.write(
          `${JSON.stringify({ file, out, asOf: result.asOf, ledgers: result.ledgers, records: result.records })}\n`,
        );
        return;
      }
      const log = (s: string) => ctx.io.stdout.write(`${s}\n`);
      log(`已升级: ${file} → ${out}`);
      if (!result.ledgers.length) log('  没有找到可识别的台账（表头不符合任何台账），只添加了“设置”工作表');
      for (const l of result.ledgers) {
        const table = l.excelTable ? `表格 ${l.excelTable}` : `未转为表格（${l.notTable}）`;
        const formulas = l.formulaColumns.length ? `，公式列：${l.formulaColumns.join('、')}` : '';
        log(`  ${l.sheet}：第 ${l.headerRow} 行为表头，${l.rows} 行数据，${table}${formulas}`);
      }
      const changed = result.records.filter((r) => r.after && r.before).length;
      const unreadable = result.records.filter((r) => r.note.startsWith('无法识别')).length;
      if (result.records.length)
        log(`  ${changed} 个单元格由文本转为日期/数字，${unreadable} 个无法识别保持原样；明细见“${LOG_SHEET}”工作表`);
    });
}

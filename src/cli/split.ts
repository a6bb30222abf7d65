/**
 * `insdesk split FILE --by COLUMN [--roster FILE] [--out DIR|OUT.xlsx] [--json]` — one list per
 * value of a column (部门, 业务归属 …), joined to the 人力表 when the list lacks the column, each
 * with 签收 and 主管确认 columns and a count, ready to print (workflows.md §7).
 */
import type { Command } from 'commander';
import { readWorkbookFile } from '../io/workbook';
import { readLedgerSheets } from '../read/sheets';
import { splitList, type RosterEntry } from '../tasks/split';
import { todayIso } from '../rules/date';
import { EXIT, UsageError, type CliContext } from './context';
import { besideInput, refuseInput } from './options';
import { reportWriteError } from './writeError';

interface SplitFlags {
  by: string;
  roster?: string;
  out?: string;
  json?: boolean;
}

async function rosterOf(file: string): Promise<RosterEntry[]> {
  const { grids } = await readWorkbookFile(file);
  const read = readLedgerSheets(grids, { asOf: todayIso() });
  const tables = read.tables.filter((t) => t.table.key === 'roster');
  if (!tables.length) throw new UsageError(`--roster 文件中没有找到人力表（应有 工号、姓名、部门 等列）: ${file}`);
  return tables.flatMap((t) => t.rows.map((r) => r.data as RosterEntry));
}

export function registerSplit(program: Command, ctx: CliContext): void {
  program
    .command('split')
    .description('把名单按某一列（部门、业务归属……）拆成每组一张表或一个文件，带签收、主管确认列和合计，便于打印')
    .argument('<FILE>', '名单文件（.xlsx、.xls 或 .csv）')
    .requiredOption('--by <COLUMN>', '按哪一列拆分，如 部门、业务归属；名单没有该列时按 --roster 的人力表查部门')
    .option('--roster <FILE>', '人力表文件：按工号（或姓名）查出每人的部门')
    .option(
      '--out <DIR|OUT.xlsx>',
      '输出：.xlsx 为一个工作簿每组一张表；其他为文件夹，每组一个文件（默认 <名单>-按<列>拆分.xlsx）',
    )
    .option('--json', '以 JSON 输出结果（标准输出只有一个 JSON 文档）')
    .action(async (file: string, flags: SplitFlags) => {
      const out = flags.out ?? besideInput(file, `按${flags.by}拆分`);
      refuseInput(out, '--out', [file, ...(flags.roster ? [flags.roster] : [])]);
      const roster = flags.roster ? await rosterOf(flags.roster) : undefined;
      const { grids } = await readWorkbookFile(file);
      const result = splitList(grids, flags.by, roster);
      if (!result) {
        const seen = grids.map((g) => `${g.sheet}：${(g.rows[0] ?? []).filter(Boolean).join('、')}`).join('；');
        throw new UsageError(
          `名单中没有“${flags.by}”列${roster ? '，也没有可按人力表查部门的“工号”或“姓名”列' : '（没有该列时可用 --roster 人力表.xlsx 按工号或姓名查部门）'}: ${file}（${seen}）`,
        );
      }
      const { writeSplit } = await import('../io/splitOut');
      const outputs = await writeSplit(result, flags.by, out, file).catch((err: unknown) => {
        throw reportWriteError(out, err);
      });
      const counts = Object.fromEntries(result.groups.map((g) => [g.value, g.rows.length]));
      if (flags.json) {
        ctx.io.stdout.write(
          `${JSON.stringify({ sheet: result.sheet, by: flags.by, via: result.via, groups: counts, outputs })}\n`,
        );
      } else {
        const list = result.groups.map((g) => `${g.value} ${g.rows.length} 条`).join('、');
        ctx.io.stdout.write(`已按“${flags.by}”拆分「${result.sheet}」：${list} → ${outputs.join('、')}\n`);
      }
      ctx.exitCode = EXIT.ok;
    });
}

/**
 * `insdesk crm FILE --as-of DATE --specialists A,B,C [--seed N] [--window 30] [--lead 25]
 *  [--lookup FILE…] [--previous FILE] [--override-unfinished] [--profile FILE.json]
 *  [--out OUT.xlsx|OUT.csv] [--json]` — the one-click CRM import of ledgers.md §1.
 */
import type { Command } from 'commander';
import type { CliContext } from './context';
import type { CrmFlags } from './crmRun';

// The command's options only: its work (and the modules it needs) loads when it runs, so the
// other commands start without them.
export function registerCrm(program: Command, ctx: CliContext): void {
  program
    .command('crm')
    .description(
      '续保清单一键生成 CRM 导入表：剔除已续保、战败、已发放和重复，拆出脱保清单，按车牌/车架号补电话，随机等额分配给专员（不修改原文件）',
    )
    .argument('<FILE>', '续保清单（核心系统导出的 .csv，或已处理过的 .xlsx/.xls）')
    .requiredOption('--as-of <DATE>', '基准日（通常是今天）')
    .requiredOption('--specialists <A,B,C>', '参与分配的续保专员，用逗号分隔')
    .option('--seed <N>', '随机种子，0 到 4294967295 的整数（默认取基准日数字，如 20261125）')
    .option('--window <DAYS>', '只导入 0 到 DAYS 天内到期的保单（默认 30）')
    .option('--lead <DAYS>', '到期前 DAYS 天发放（默认 25，不早于基准日）')
    .option('--lookup <FILE...>', '查电话用的表（理赔台账、会员名单等：有车牌号或车架号列和电话列）')
    .option('--previous <FILE>', '之前的 CRM 导入文件：其中的保单已在 CRM 中，不再导入')
    .option('--issued <FILE...>', '本店的承保台账：已在本店出续保单的车辆不再导入')
    .option('--channels <FILE>', '经办人对照表（经办人、业务归属两列）：补全空的业务归属')
    .option('--followups <FILE...>', '回访记录（清单中的“回访记录”工作表也会读取）：今日待回电、不准确清单')
    .option('--at <HH:MM>', '按此时间判断未处理信息是否超过次日 17:00 的期限（默认：基准日是今天则为现在，否则 17:00）')
    .option('--override-unfinished', '专员有未处理完的信息也照常分配')
    .option('--profile <FILE.json>', '其他 CRM 的导入模板（列名、字段、固定值、日期格式，见 docs/crm.md）')
    .option('--out <OUT.xlsx|OUT.csv>', '输出文件（默认在清单旁边写 <清单名>-CRM导入.xlsx）')
    .option('--json', '以 JSON 输出结果（标准输出只有一个 JSON 文档）')
    .action(async (file: string, flags: CrmFlags) => {
      const { runCrmCommand } = await import('./crmRun');
      ctx.exitCode = await runCrmCommand(file, flags, ctx);
    });
}

/**
 * The `insdesk` command: a thin shell over src/tasks. Each subcommand lives in its own
 * module and is registered here. Whatever goes wrong ends as one line on stderr and an exit
 * code (cli.md): 0 done, 1 validate found errors, 2 bad usage or unreadable input; an
 * internal error exits 3 and shows its stack only with INSDESK_DEBUG=1.
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../io/errors';
import { version } from '../../package.json';
import { EXIT, UsageError, type CliContext, type CliIO } from './context';
import { registerValidate } from './validate';
import { registerDemo } from './demo';
import { registerCrm } from './crm';
import { registerTemplate } from './template';
import { registerUpgrade } from './upgrade';
import { registerStats } from './stats';
import { registerSplit } from './split';
import { registerSettle } from './settle';
import { formatChineseHelp } from './help';

const REGISTER = [
  registerValidate,
  registerDemo,
  registerCrm,
  registerStats,
  registerSettle,
  registerSplit,
  registerTemplate,
  registerUpgrade,
];

function buildProgram(ctx: CliContext): Command {
  const program = new Command('insdesk')
    .description('内勤工具：检查保险代理内勤台账，生成续保 CRM 导入表和月度统计')
    .helpOption('-h, --help', '显示帮助')
    .version(version, '-V, --version', '显示版本号')
    .helpCommand(false)
    // commander 12 ignores surplus arguments by default: `insdesk demo x` must not run the demo.
    .allowExcessArguments(false)
    .exitOverride()
    // Subcommands inherit this: every help text is Chinese (help.ts).
    .configureHelp({ formatHelp: formatChineseHelp })
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
      // Errors are printed by main() as one Chinese line; commander's own text would be a second.
      outputError: () => undefined,
    });
  for (const register of REGISTER) register(program, ctx);
  return program;
}

const quoted = (message: string): string => /'([^']*)'/.exec(message)?.[1] ?? '';

/** commander's English usage errors → one Chinese line. */
function usageMessage(err: CommanderError, program: Command): string {
  const commands = program.commands.map((c) => c.name()).join('、');
  switch (err.code) {
    case 'commander.unknownCommand':
      return `未知命令 ${quoted(err.message)}（可用命令: ${commands}；用 insdesk --help 查看帮助）`;
    case 'commander.unknownOption':
      return `未知选项 ${quoted(err.message)}（用 insdesk <命令> --help 查看可用选项）`;
    case 'commander.missingArgument':
      return `缺少参数 ${quoted(err.message)}（用 insdesk <命令> --help 查看用法）`;
    case 'commander.optionMissingArgument':
      return `选项 ${quoted(err.message)} 缺少取值`;
    case 'commander.missingMandatoryOptionValue':
      return `缺少必需的选项 ${quoted(err.message)}`;
    case 'commander.invalidArgument':
      return `参数的值无效: ${err.message.replace(/^error:\s*/, '')}`;
    case 'commander.conflictingOption':
      return `选项不能同时使用: ${quoted(err.message)}`;
    case 'commander.excessArguments':
      return `命令 ${quoted(err.message)} 的参数过多（用 insdesk ${quoted(err.message)} --help 查看用法）`;
    default:
      return `命令行有误（用 insdesk --help 查看用法）: ${err.message.replace(/^error:\s*/, '')}`;
  }
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();

export async function main(
  argv: string[],
  io: CliIO = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const ctx: CliContext = { io, exitCode: EXIT.ok };
  const fail = (code: number, message: string) => {
    io.stderr.write(`insdesk: ${oneLine(message)}\n`);
    return code;
  };
  let program: Command | undefined;
  let code: number;
  try {
    program = buildProgram(ctx);
    if (!argv.length) {
      code = fail(
        EXIT.usage,
        `缺少命令（可用命令: ${program.commands.map((c) => c.name()).join('、')}；用 insdesk --help 查看帮助）`,
      );
    } else {
      await program.parseAsync(argv, { from: 'user' });
      code = ctx.exitCode;
    }
  } catch (err) {
    if (err instanceof CommanderError) {
      const shown = err.code === 'commander.helpDisplayed' || err.code === 'commander.version';
      code = shown ? EXIT.ok : fail(EXIT.usage, usageMessage(err, program!));
    } else if (err instanceof UsageError) {
      code = fail(EXIT.usage, err.message);
    } else if (err instanceof InputError) {
      code = fail(EXIT.usage, err.message);
    } else {
      const message = err instanceof Error ? err.message : String(err);
      code = fail(
        EXIT.internal,
        `内部错误: ${message}（这是 insdesk 的问题，不是您的文件的问题；设置环境变量 INSDESK_DEBUG=1 可看到详细信息）`,
      );
      if (process.env.INSDESK_DEBUG === '1' && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    }
  }
  process.exitCode = code;
  return code;
}

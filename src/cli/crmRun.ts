/**
 * `insdesk crm FILE --as-of DATE --specialists A,B,C [--seed N] [--window 30] [--lead 25]
 *  [--lookup FILE…] [--previous FILE] [--override-unfinished] [--profile FILE.json]
 *  [--out OUT.xlsx|OUT.csv] [--json]` — the one-click CRM import of ledgers.md §1.
 *
 * The command's work; its options are registered in crm.ts.
 */
import { promises as fs } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../io/errors';
import { readWorkbookFile } from '../io/workbook';
import {
  BUCKETS,
  BUCKET_LABELS,
  CrmError,
  parseProfile,
  parseSpecialists,
  runCrm,
  type CrmOptions,
  type CrmProfile,
  type CrmResult,
  type CrmBook,
  type CrmInput,
} from '../tasks/crm';
import { EXIT, UsageError, type CliContext } from './context';
import { asOfOption, besideInput, outputPath, refuseInput } from './options';
import { createProgress, readingLabel, type Progress } from './progress';
import { reportWriteError } from './writeError';

export interface CrmFlags {
  asOf: string;
  specialists: string;
  seed?: string;
  window?: string;
  lead?: string;
  lookup?: string[];
  previous?: string;
  overrideUnfinished?: boolean;
  issued?: string[];
  channels?: string;
  followups?: string[];
  at?: string;
  profile?: string;
  out?: string;
  json?: boolean;
}

function wholeNumber(value: string | undefined, option: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (!/^\d+$/.test(v) || Number(v) > max) throw new UsageError(`${option} 应为 0 到 ${max} 之间的整数: ${value}`);
  return Number(v);
}

async function readProfile(file: string): Promise<CrmProfile> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      file,
      code === 'ENOENT' ? '找不到 CRM 模板文件，请检查路径' : `无法读取 CRM 模板文件（${code ?? err}）`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InputError(
      file,
      `CRM 模板不是有效的 JSON（${err instanceof Error ? err.message : err}），格式见 docs/crm.md`,
    );
  }
  try {
    return parseProfile(json, 'CRM 模板');
  } catch (err) {
    if (err instanceof CrmError) throw new InputError(file, err.message);
    throw err;
  }
}

/** Reads one input with the bar showing how far along it is. */
async function readSource(file: string, label: string, progress: Progress): Promise<CrmBook> {
  progress.update(label, 0, 1);
  const wb = await readWorkbookFile(file, { onBytes: (done, total) => progress.update(label, done, total) });
  return { name: file, grids: wb.grids };
}

export async function runCrmCommand(file: string, flags: CrmFlags, ctx: CliContext): Promise<number> {
  const asOf = asOfOption(flags.asOf)!;
  const specialists = parseSpecialists(flags.specialists);
  if (!specialists.length)
    throw new UsageError('--specialists 为空（应列出参与分配的专员，如 --specialists 张三,李四）');
  const seed = wholeNumber(flags.seed, '--seed', 0xffffffff);
  const window = wholeNumber(flags.window, '--window', 366);
  const lead = wholeNumber(flags.lead, '--lead', 366);
  const lookups = flags.lookup ?? [];
  const inputs = [
    file,
    ...lookups,
    ...(flags.previous ? [flags.previous] : []),
    ...(flags.issued ?? []),
    ...(flags.channels ? [flags.channels] : []),
    ...(flags.followups ?? []),
    ...(flags.profile ? [flags.profile] : []),
  ];
  const out = outputPath(flags.out ?? besideInput(file, 'CRM导入'), '--out', inputs, ['.xlsx', '.csv']);

  const progress = createProgress(ctx.io.stderr);
  try {
    const profile = flags.profile ? await readProfile(flags.profile) : undefined;
    const result = await readAndRun(
      {
        file,
        lookups,
        previous: flags.previous,
        issued: flags.issued,
        channels: flags.channels,
        followups: flags.followups,
      },
      {
        asOf,
        specialists,
        seed,
        window,
        lead,
        overrideUnfinished: !!flags.overrideUnfinished,
        ...(flags.at !== undefined ? { at: flags.at } : {}),
        ...(profile ? { profile } : {}),
      },
      progress,
    );
    const { csvPaths, writeCrmOutputs } = await import('../io/crmOut');
    const planned = extname(out).toLowerCase() === '.csv' ? csvPaths(out, result.sheets) : [out];
    for (const p of planned) refuseInput(p, '--out', inputs);
    progress.update('写出文件', 0, 1);
    const outputs = await writeCrmOutputs(out, result.sheets, (done, total) =>
      progress.update('写出文件', done, total),
    ).catch((err: unknown) => {
      throw reportWriteError(out, err);
    });
    progress.clear();
    ctx.io.stdout.write(
      flags.json ? `${JSON.stringify(jsonOf(file, result, outputs), null, 2)}\n` : textOf(file, result, outputs),
    );
    return EXIT.ok;
  } finally {
    progress.clear();
  }
}

interface CrmFiles {
  file: string;
  lookups: readonly string[];
  previous?: string;
  issued?: readonly string[];
  channels?: string;
  followups?: readonly string[];
}

/**
 * Reads the inputs and runs the engine. Only the result leaves this function, so the input
 * grids can be collected while a big output is being written.
 */
async function readAndRun(files: CrmFiles, options: CrmOptions, progress: Progress): Promise<CrmResult> {
  const count =
    1 +
    files.lookups.length +
    (files.issued?.length ?? 0) +
    (files.followups?.length ?? 0) +
    (files.previous ? 1 : 0) +
    (files.channels ? 1 : 0);
  let n = 0;
  const one = (f: string) => readSource(f, readingLabel(n++, count), progress);
  const many = async (list: readonly string[] | undefined) => {
    const out: CrmBook[] = [];
    for (const f of list ?? []) out.push(await one(f));
    return out;
  };
  const input: CrmInput = {
    renewal: await one(files.file),
    lookups: await many(files.lookups),
    issued: await many(files.issued),
    followups: await many(files.followups),
    ...(files.previous ? { previous: await one(files.previous) } : {}),
    ...(files.channels ? { channels: await one(files.channels) } : {}),
  };
  progress.update('分配线索', 0, 1);
  try {
    return runCrm(input, options);
  } catch (err) {
    if (err instanceof CrmError) throw err.file ? new InputError(err.file, err.message) : new UsageError(err.message);
    throw err;
  }
}

/** cli.md's crm shape first (asOf, counts, assignments, phoneFixed, outputs), then additions. */
function jsonOf(file: string, r: CrmResult, outputs: string[]) {
  return {
    asOf: r.asOf,
    counts: r.counts,
    assignments: r.assignments,
    vehicleAssignments: r.vehicleAssignments,
    leadVehicles: r.leadVehicles,
    renewedHerePolicies: r.renewedHerePolicies,
    unmappedHandlers: r.unmappedHandlers,
    callbacksToday: r.callbacksToday,
    inaccurate: r.inaccurate,
    phoneFixed: r.phoneFixed,
    outputs,
    file,
    vehicleCounts: r.vehicleCounts,
    channelsFilled: r.channelsFilled,
    issuedPolicies: r.issuedPolicies,
    followupEntries: r.followupEntries,
    clock: r.clock,
    warnings: r.warnings,
    seed: r.seed,
    window: r.window,
    lead: r.lead,
    profile: r.profile,
    lookupPhones: r.lookupPhones,
    previousPolicies: r.previousPolicies,
    unfinished: r.unfinished,
    blockedSpecialists: r.blockedSpecialists,
    byDay: r.byDay,
    sources: r.sources,
    sheets: r.sheets.map((s) => ({
      name: s.name,
      role: s.role,
      rows: s.rows.length - 1,
      columns: s.rows.reduce((n, r) => Math.max(n, r.length), 0),
    })),
  };
}

function textOf(file: string, r: CrmResult, outputs: string[]): string {
  const lines: string[] = [];
  for (const s of r.sources) lines.push(`续保清单: ${file}「${s.sheet}」第 ${s.headerRow} 行为表头，${s.rows} 行数据`);
  lines.push(`基准日 ${r.asOf}，导入 ${r.window} 天内到期的保单，到期前 ${r.lead} 天发放，随机种子 ${r.seed}`);
  lines.push(
    `共 ${r.counts.input} 件（${r.vehicleCounts.input} 辆）: ${BUCKETS.map((b) => `${BUCKET_LABELS[b]} ${r.counts[b]}`).join('，')}`,
  );
  lines.push(
    `分配 ${r.leadVehicles} 辆 ${r.counts.leads} 件: ${Object.keys(r.assignments)
      .map((n) => `${n} ${r.vehicleAssignments[n]} 辆 ${r.assignments[n]} 件`)
      .join('，')}`,
  );
  if (r.issuedPolicies) lines.push(`承保台账: ${r.issuedPolicies} 张保单，${r.counts.renewedHere} 件已在本店续保`);
  if (r.channelsFilled) lines.push(`业务归属按经办人对照表填入: ${r.channelsFilled} 件`);
  if (r.unmappedHandlers.length) lines.push(`对照表中没有的经办人: ${r.unmappedHandlers.join('、')}（业务归属仍为空）`);
  if (r.followupEntries) {
    const calls = Object.entries(r.callbacksToday).map(([n, c]) => `${n} ${c}`);
    const wrong = Object.entries(r.inaccurate).map(([n, c]) => `${n} ${c}`);
    lines.push(
      `回访记录: ${r.followupEntries} 条；今日待回电 ${calls.join('，') || '无'}；不准确 ${wrong.join('，') || '无'}`,
    );
  }
  if (r.lookupPhones) lines.push(`查电话表: ${r.lookupPhones} 条电话`);
  if (r.previousPolicies) lines.push(`上次的 CRM 文件: ${r.previousPolicies} 张保单（不再导入）`);
  if (r.phoneFixed) lines.push(`电话已更正: ${r.phoneFixed} 条（见备注）`);
  for (const s of r.blockedSpecialists)
    lines.push(`暂停分配: ${s}（之前还有 ${r.unfinished[s]} 条未处理，见未处理清单）`);
  for (const w of r.warnings) lines.push(`注意: ${w.where}: ${w.message}`);
  lines.push(`写出: ${outputs.join('、')}`);
  return `${lines.join('\n')}\n`;
}

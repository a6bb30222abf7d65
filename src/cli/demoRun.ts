/**
 * `insdesk demo`: writes the sample ledgers into a folder, then runs the tasks on them as a
 * clerk would — each step reads the files back from disk, so the demo shows exactly what the
 * commands do with real workbooks — and says in a few Chinese lines what it wrote and found.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeXlsx } from '../io/xlsxOut';
import { readWorkbookFile } from '../io/workbook';
import { upgradeFile } from '../io/upgradeOut';
import { writeSplit } from '../io/splitOut';
import { splitList } from '../tasks/split';
import { todayIso } from '../rules/date';
import { sampleLedgers, DEMO_SEED, SAMPLE_FILES, type Planted } from '../demo/samples';
import { validateWorkbooks, type Book, type ValidateResult } from '../tasks/validate';
import { writeValidationReport } from '../io/reportOut';
import { writeCrmOutputs } from '../io/crmOut';
import { BUCKETS, BUCKET_LABELS, assigneesIn, runCrm } from '../tasks/crm';
import { statsXlsx, writeStatsReport } from '../io/statsOut';
import { besideInput } from './options';
import { defaultPeriod, ledgersOfBooks, parsePeriod, runStats } from '../tasks/stats';
import { CLASSES, CLASS_LABELS, settle, settleTables } from '../tasks/settle';
import { settleReport } from '../tasks/settle/report';

export const DEMO_REPORT = '校验报告.xlsx';
export const DEMO_CRM = '续保CRM导入.xlsx';
export const DEMO_STATS = '月度统计.xlsx';
export const DEMO_SETTLE = '结算对账.xlsx';
/** The demo runs the morning import after the desk's 17:00 deadline for yesterday's rows. */
const DEMO_CLOCK = '17:30';

export interface DemoOptions {
  /** Default: today. */
  asOf?: string;
  seed?: number;
  log: (line: string) => void;
}

export interface DemoResult {
  outDir: string;
  asOf: string;
  /** Every file written, in the order written. */
  files: string[];
  /** The sample ledgers among them. */
  samples: string[];
  planted: Planted[];
  validation: ValidateResult;
}

export async function runDemo(outDir: string, opts: DemoOptions): Promise<DemoResult> {
  const asOf = opts.asOf ?? todayIso();
  const { log } = opts;
  await mkdir(outDir, { recursive: true });

  const { samples, planted } = await writeSamples(outDir, asOf, opts.seed ?? DEMO_SEED, log);
  const books = await readBooks(samples);
  const { validation, report } = await validateStep(outDir, asOf, books, planted, log);
  const crm = await crmStep(outDir, asOf, books, log);
  const stats = await statsStep(outDir, asOf, books, log);
  const split = await splitStep(samples[0], books[0], log);
  const settled = await settleStep(outDir, asOf, books, log);
  // The statement is the insurer's file, not a ledger of the desk's own to upgrade.
  const upgraded = await upgradeStep(
    samples.filter((s) => !s.endsWith(SAMPLE_FILES.statement)),
    log,
  );

  return {
    outDir,
    asOf,
    files: [...samples, report, crm, ...stats, ...split, settled, ...upgraded],
    samples,
    planted,
    validation,
  };
}

async function writeSamples(outDir: string, asOf: string, seed: number, log: DemoOptions['log']) {
  const { files, planted } = sampleLedgers(asOf, seed);
  log(`示例台账（基准日 ${asOf}）写入 ${outDir}：`);
  const samples: string[] = [];
  for (const f of files) {
    const path = join(outDir, f.name);
    await writeXlsx(path, f.sheets);
    samples.push(path);
    const rows = f.sheets.filter((s) => s.header !== false).map((s) => `${s.name} ${s.rows.length - 1} 行`);
    // The insurer's statement has its own layout: title rows above the header, a 合计 row below.
    log(`  ${f.name}：${rows.join('、') || `${f.sheets.map((s) => s.name).join('、')}（保险公司的格式）`}`);
  }
  return { samples, planted };
}

async function readBooks(paths: readonly string[]): Promise<Book[]> {
  const books: Book[] = [];
  for (const path of paths) {
    const wb = await readWorkbookFile(path);
    books.push({ file: wb.file, grids: wb.grids });
  }
  return books;
}

async function validateStep(
  outDir: string,
  asOf: string,
  books: Book[],
  planted: readonly Planted[],
  log: DemoOptions['log'],
) {
  const validation = validateWorkbooks(books, { asOf });
  const report = join(outDir, DEMO_REPORT);
  await writeValidationReport(report, validation, books);
  const s = validation.summary;
  log(
    `校验：${s.files} 个文件 ${s.sheets} 张表共 ${s.rows} 行，错误 ${s.errors} 个、警告 ${s.warnings} 个、提示 ${s.infos} 个 → ${DEMO_REPORT}`,
  );
  for (const f of validation.files) {
    if (f.errors || f.warnings) log(`  ${baseName(f.file)}：错误 ${f.errors} 个、警告 ${f.warnings} 个`);
  }
  const errors = planted.filter((p) => p.level === 'error').length;
  log(`  示例中有意埋入了 ${errors} 个错误和 ${planted.length - errors} 个警告，逐条见报告的“问题清单”`);
  return { validation, report };
}

/**
 * The renewal desk's morning: the sample list (with its 回访记录 sheet), the team named in it,
 * phones from the claims ledger, renewals already issued here from the issuance ledger.
 */
async function crmStep(outDir: string, asOf: string, books: readonly Book[], log: DemoOptions['log']) {
  const book = (name: string) => {
    const b = books.find((x) => baseName(x.file) === name)!;
    return { name: b.file, grids: b.grids };
  };
  const renewal = book(SAMPLE_FILES.renewal);
  const result = runCrm(
    { renewal, lookups: [book(SAMPLE_FILES.claims)], issued: [book(SAMPLE_FILES.issuance)] },
    { asOf, specialists: assigneesIn(renewal, asOf), at: DEMO_CLOCK },
  );
  const [file] = await writeCrmOutputs(join(outDir, DEMO_CRM), result.sheets);
  const c = result.counts;
  log(
    `续保CRM导入：${c.input} 件（${result.vehicleCounts.input} 辆）→ ${BUCKETS.map((b) => `${BUCKET_LABELS[b]} ${c[b]}`).join('、')}；电话已更正 ${result.phoneFixed} 条 → ${DEMO_CRM}`,
  );
  log(
    `  分配：${Object.keys(result.assignments)
      .map((n) => `${n} ${result.vehicleAssignments[n]} 辆 ${result.assignments[n]} 件`)
      .join('、')}`,
  );
  const tally = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([n, k]) => `${n} ${k}`)
      .join('、') || '无';
  log(
    `  回访记录 ${result.followupEntries} 条：今日待回电 ${tally(result.callbacksToday)}；不准确 ${tally(result.inaccurate)}`,
  );
  for (const s of result.blockedSpecialists)
    log(`  ${s} 还有 ${result.unfinished[s]} 条未处理，本次不分配（见“未处理清单”）`);
  return file;
}

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** 月度统计 of the as-of month so far, on the sample ledgers (and their 设置 sheet). */
async function statsStep(outDir: string, asOf: string, books: Book[], log: DemoOptions['log']): Promise<string[]> {
  const period = parsePeriod(asOf.slice(0, 7))!;
  const result = runStats(ledgersOfBooks(books, asOf), { period, asOf });
  const outputs = await writeStatsReport(join(outDir, DEMO_STATS), result.report);
  log(
    `统计：${period.label}（截至 ${asOf}），${result.report.sheets.length} 张表、${result.report.charts.length} 张图 → ${outputs.map(baseName).join('、')}`,
  );
  const licences = result.figures.attendance?.licences ?? [];
  if (licences.length) {
    const lapsed = licences.filter((l) => l.daysLeft < 0).length;
    log(
      `  证件到期清单：${licences.map((l) => `${l.name}（${l.licenceExpiry}）`).join('、')}，其中 ${lapsed} 人已过期`,
    );
  }
  return outputs;
}

/** Last month's 结算清单 and the 太平财险 statement ticked against the ledger, ready to print. */
async function settleStep(outDir: string, asOf: string, books: readonly Book[], log: DemoOptions['log']) {
  const period = defaultPeriod(asOf);
  const tables = books.flatMap((b) => settleTables(b.grids, asOf).map((table) => ({ file: baseName(b.file), table })));
  const result = settle(tables, { period, asOf: period.end });
  const out = join(outDir, DEMO_SETTLE);
  await writeFile(
    out,
    await statsXlsx(
      settleReport(
        result,
        books.map((b) => baseName(b.file)),
      ),
    ),
  );
  const rows = result.reconciliation?.rows ?? [];
  const counts = CLASSES.map((c) => `${CLASS_LABELS[c]} ${rows.filter((r) => r.class === c).length}`).join('、');
  log(
    `结算对账：${period.label} ${result.lists.length} 家保险公司的结算清单；${SAMPLE_FILES.statement} 逐单核对 → ${counts}、无法识别 ${result.reconciliation?.unreadable.length ?? 0} 行 → ${DEMO_SETTLE}`,
  );
  return out;
}

/** The renewal list split by 业务归属 for the morning meeting: one list per channel to sign. */
async function splitStep(source: string, book: Book, log: DemoOptions['log']): Promise<string[]> {
  const by = '业务归属';
  const result = splitList(book.grids, by)!;
  const outputs = await writeSplit(result, by, besideInput(source, `按${by}拆分`), source);
  log(
    `拆分：${baseName(source)} 按${by} → ${result.groups.map((g) => `${g.value} ${g.rows.length} 条`).join('、')} → ${outputs.map(baseName).join('、')}`,
  );
  return outputs;
}

/** An upgraded copy of each sample ledger: the same data as a table with formulas, drop-downs and checks. */
async function upgradeStep(samples: readonly string[], log: DemoOptions['log']): Promise<string[]> {
  const outputs: string[] = [];
  for (const path of samples) {
    const out = besideInput(path, '已升级');
    await writeFile(out, (await upgradeFile(path)).bytes);
    outputs.push(out);
  }
  log(`升级：${outputs.length} 本示例台账已升级为带公式、下拉列表和检查的工具 → ${outputs.map(baseName).join('、')}`);
  return outputs;
}

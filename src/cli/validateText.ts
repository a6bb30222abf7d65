/** The human (non-JSON) summary of a validate run: per file and sheet, then the findings. */
import type { Level } from '../findings';
import { ledgerTitle } from '../ledgers';
import type { Counts, FileResult, SheetFinding, SheetResult, ValidateResult } from '../tasks/validate';
import { LEVEL_LABEL } from '../tasks/issueList';
import { textWidth } from '../sheetOut';

/** Findings listed per sheet before the rest is left to the report. */
export const MAX_LISTED = 50;

const counts = (c: Counts): string => `错误 ${c.errors} 条，警告 ${c.warnings} 条，提示 ${c.infos} 条`;

const where = (f: SheetFinding): string => (f.row === 0 ? '' : f.column ? `${f.column}${f.row}` : `第 ${f.row} 行`);

/** Pads to a column on a terminal, where CJK characters take two cells. */
const padCells = (text: string, cells: number): string => text + ' '.repeat(Math.max(1, cells - textWidth(text)));

function findingLine(indent: string, place: string, level: Level, message: string): string {
  return `${indent}${padCells(place, 8)}${LEVEL_LABEL[level]}  ${message}`;
}

function rest(n: number, report: string | undefined): string {
  return report ? `…还有 ${n} 条，见报告 ${report}` : `…还有 ${n} 条，用 --report 报告.xlsx 可导出完整清单`;
}

function sheetLines(s: SheetResult, report: string | undefined): string[] {
  const title = s.title === ledgerTitle(s.ledger) ? s.title : `${ledgerTitle(s.ledger)}·${s.title}`;
  const lines = [`  工作表「${s.sheet}」: ${title}，表头在第 ${s.headerRow} 行，数据 ${s.rows} 行`];
  const fuzzy = s.mapping.filter((m) => m.match === 'fuzzy');
  if (fuzzy.length)
    lines.push(`    按近似表头对应的列: ${fuzzy.map((m) => `${m.header}（${m.letter}）→ ${m.key}`).join('，')}`);
  if (s.otherColumns.length) lines.push(`    其他列（原样保留，不检查）: ${s.otherColumns.join('、')}`);
  lines.push(`    ${s.findings.length ? counts(s) : '未发现问题'}`);
  for (const f of s.findings.slice(0, MAX_LISTED)) lines.push(findingLine('    ', where(f), f.level, f.message));
  if (s.findings.length > MAX_LISTED) lines.push(`    ${rest(s.findings.length - MAX_LISTED, report)}`);
  return lines;
}

function fileLines(f: FileResult, report: string | undefined): string[] {
  const lines = [`文件 ${f.file}（基准日 ${f.asOf}）`];
  for (const s of f.sheets) for (const line of sheetLines(s, report)) lines.push(line);
  const listed = f.findings.slice(0, MAX_LISTED);
  for (const x of listed) {
    const place = x.sheet ? `${x.sheet}${x.row ? `!${where(x)}` : ''}` : '';
    lines.push(findingLine('  ', place, x.level, x.message));
  }
  if (f.findings.length > MAX_LISTED) lines.push(`  ${rest(f.findings.length - MAX_LISTED, report)}`);
  return lines;
}

export function formatValidation(result: ValidateResult, report?: string): string {
  const lines = result.files.flatMap((f) => fileLines(f, report));
  const s = result.summary;
  lines.push(`合计: ${s.files} 个文件，${s.sheets} 个台账工作表，数据 ${s.rows} 行；${counts(s)}`);
  if (report) lines.push(`报告已写入 ${report}`);
  return lines.join('\n') + '\n';
}

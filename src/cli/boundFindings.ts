/**
 * `--json` lists at most this many findings of one code in one sheet and counts the rest:
 * a 400k-row sheet of empty 序号 rows must not become 400 MB of JSON (or a string longer than
 * V8 allows). `--all-findings` lifts the bound; `--report` always holds every finding.
 */
import type { SheetFinding, ValidateResult } from '../tasks/validate';

export const FINDINGS_PER_CODE = 1_000;

/** Keeps the first `limit` findings of each code; `omitted` (added to the sheet) counts the rest by code. */
function bound<T extends SheetFinding>(
  findings: readonly T[],
  limit: number,
): { kept: T[]; omitted?: Record<string, number> } {
  const seen = new Map<string, number>();
  const kept: T[] = [];
  let omitted: Record<string, number> | undefined;
  for (const f of findings) {
    const n = (seen.get(f.code) ?? 0) + 1;
    seen.set(f.code, n);
    if (n <= limit) kept.push(f);
    else (omitted ??= {})[f.code] = n - limit;
  }
  return omitted ? { kept, omitted } : { kept };
}

export function boundFindings(result: ValidateResult, limit = FINDINGS_PER_CODE): ValidateResult {
  return {
    ...result,
    files: result.files.map((file) => {
      const own = bound(file.findings, limit);
      return {
        ...file,
        findings: own.kept,
        ...(own.omitted ? { omittedFindings: own.omitted } : {}),
        sheets: file.sheets.map((sheet) => {
          const b = bound(sheet.findings, limit);
          return { ...sheet, findings: b.kept, ...(b.omitted ? { omittedFindings: b.omitted } : {}) };
        }),
      };
    }),
  };
}

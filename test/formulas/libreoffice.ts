/**
 * LibreOffice Calc as the independent spreadsheet engine: one headless soffice run converts a
 * batch of workbooks to .xlsx with a forced recalculation. The fresh profile sets
 * OOXMLRecalcMode = 0 (always): LibreOffice's default keeps the cached values, which would
 * prove nothing. A missing soffice fails the test (CI installs libreoffice-calc-nogui).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';

const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export function soffice(): string {
  const found = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], {
    encoding: 'utf8',
  }).stdout.trim();
  if (!found) {
    throw new Error(
      'LibreOffice (soffice) is not installed: the formula cross-check needs it. Install it with `apt-get install -y --no-install-recommends libreoffice-calc-nogui` (.ci/run does).',
    );
  }
  return found;
}

/** Recalculates every file in one soffice run; returns the recalculated copies, in order. */
export function recalculate(files: readonly string[]): string[] {
  const bin = soffice();
  const work = mkdtempSync(join(tmpdir(), 'insdesk-lo-'));
  mkdirSync(join(work, 'profile', 'user'), { recursive: true });
  writeFileSync(join(work, 'profile', 'user', 'registrymodifications.xcu'), PROFILE);
  const out = join(work, 'out');
  mkdirSync(out);
  execFileSync(
    bin,
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${join(work, 'profile')}`,
      '--convert-to',
      'xlsx',
      '--outdir',
      out,
      ...files,
    ],
    {
      stdio: 'pipe',
      timeout: 300_000,
    },
  );
  return files.map((f) => {
    const p = join(out, basename(f).replace(/\.[^.]+$/, '.xlsx'));
    if (!existsSync(p)) throw new Error(`LibreOffice did not convert ${f}`);
    return p;
  });
}

export async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** A formula result as a plain value: dates back to serials (exceljs turns date-formatted numbers into Dates). */
export function plain(v: unknown): unknown {
  if (v instanceof Date) return v.getTime() / 86_400_000 + 25569;
  if (v && typeof v === 'object' && 'error' in v) return `#ERR ${(v as { error: string }).error}`;
  return v ?? '';
}

export function resultOf(cell: ExcelJS.Cell): unknown {
  return plain(cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value);
}

/** Cells showing a spreadsheet error, in any sheet: what a clerk must never see. */
export function errorCells(wb: ExcelJS.Workbook): string[] {
  const bad: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        const v = resultOf(c);
        if (typeof v === 'string' && /^(#ERR|Err:|#NAME\?|#VALUE!|#REF!|#DIV\/0!|#N\/A|#NUM!)/.test(v))
          bad.push(`${ws.name}!${c.address} ${v}`);
      }),
    ),
  );
  return bad;
}

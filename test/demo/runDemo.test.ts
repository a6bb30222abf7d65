import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo, DEMO_REPORT } from '../../src/cli/demoRun';
import { SAMPLE_FILES } from '../../src/demo/samples';
import { readWorkbookFile } from '../../src/io/workbook';
import { ISSUES_SHEET } from '../../src/tasks/issueList';

describe('runDemo', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'insdesk-demo-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the sample ledgers and the validation report, and says what it found', async () => {
    const out = join(dir, 'insdesk-demo');
    const lines: string[] = [];
    const result = await runDemo(out, { asOf: '2026-11-25', log: (l) => lines.push(l) });

    // The sample ledgers first, then the report; later steps add their outputs after these.
    const written = result.files.map((f) => f.split(/[\\/]/).pop());
    expect(written.slice(0, 9)).toEqual([...Object.values(SAMPLE_FILES), DEMO_REPORT]);
    expect((await readdir(out)).sort()).toEqual([...written].sort());

    const errors = result.planted.filter((p) => p.level === 'error').length;
    const warnings = result.planted.length - errors;
    expect(result.validation.summary).toMatchObject({ files: 8, sheets: 14, errors, warnings });

    // The report lists every finding, one row each, the planted ones among them.
    const report = await readWorkbookFile(join(out, DEMO_REPORT));
    const issues = report.grids.find((g) => g.sheet === ISSUES_SHEET)!;
    const s = result.validation.summary;
    expect(issues.rows.slice(2).filter((r) => r?.length)).toHaveLength(s.errors + s.warnings + s.infos);
    const codes = new Set(issues.rows.slice(2).map((r) => r[7]));
    for (const p of result.planted) expect(codes).toContain(p.code);

    const text = lines.join('\n');
    for (const name of Object.values(SAMPLE_FILES)) expect(text).toContain(name);
    expect(text).toContain(`承保台账 151 行`);
    expect(text).toContain(`错误 ${errors} 个、警告 ${warnings} 个`);
    expect(text).toContain(DEMO_REPORT);
  });
});

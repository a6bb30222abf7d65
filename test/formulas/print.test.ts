/**
 * The manager's report on paper: the demo's ledgers through `insdesk stats --out` and the demo's
 * 校验报告, printed to PDF by LibreOffice. Every page is A4 landscape with its page number, every
 * chart is drawn (its title and its value labels are on the page), and no table that fits on a
 * page is split across two. The report's structure comes from the engine, computed the same way.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import { runDemo, DEMO_REPORT } from '../../src/cli/demoRun';
import { readWorkbookFile } from '../../src/io/workbook';
import { statsXlsx } from '../../src/io/statsOut';
import { formatValue, layoutSheet, ledgersOfBooks, parsePeriod, runStats, type Report } from '../../src/tasks/stats';
import { soffice } from './libreoffice';

const AS_OF = '2026-11-25';
const work = mkdtempSync(join(tmpdir(), 'insdesk-print-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Each file's PDF as text, one string per page. */
function printToPdf(files: readonly string[]): { pages: string[]; sizes: string[] }[] {
  const out = join(work, 'pdf');
  mkdirSync(join(work, 'profile', 'user'), { recursive: true });
  execFileSync(
    soffice(),
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${join(work, 'profile')}`,
      '--convert-to',
      'pdf',
      '--outdir',
      out,
      ...files,
    ],
    { stdio: 'pipe', timeout: 300_000 },
  );
  return files.map((f) => {
    const pdf = join(out, basename(f).replace(/\.xlsx$/, '.pdf'));
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages.length), pdf], { encoding: 'utf8' });
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+(.*)$/gm)].map((m) => m[1]);
    return { pages, sizes };
  });
}

/** A sheet of many mid-sized tables and two charts: without planned breaks, some would straddle pages. */
const crowded: Report = {
  title: '分页测试',
  sheets: [
    {
      name: '多表',
      title: '分页测试',
      tables: Array.from({ length: 7 }, (_, t) => ({
        title: `第${t + 1}表`,
        columns: [
          { header: '名称', format: 'text' as const },
          { header: '金额（元）', format: 'yuan' as const },
        ],
        rows: Array.from({ length: 9 + t }, (_, r) => [`表${t + 1}行${r + 1}`, (t + 1) * 1000 + r]),
        total: [`表${t + 1}合计`, 0],
      })),
    },
  ],
  charts: [1, 2].map((k) => ({
    id: `c${k}`,
    title: `第${k}图`,
    sheet: '多表',
    kind: 'column' as const,
    format: 'yuan' as const,
    categories: ['甲', '乙', '丙'],
    series: [{ name: '金额', values: [k * 100, k * 200, k * 300] }],
  })),
};
let crowdedPages: string[];

let report: Report;
let stats: { pages: string[]; sizes: string[] };
let validation: { pages: string[]; sizes: string[] };
let statsFile: string;

beforeAll(async () => {
  const demo = await runDemo(join(work, 'demo'), { asOf: AS_OF, log: () => {} });
  statsFile = join(work, '月度统计.xlsx');
  const io = { stdout: { write: () => true }, stderr: { write: () => true } };
  expect(await main(['stats', ...demo.samples, '--period', '2026-11', '--as-of', AS_OF, '--out', statsFile], io)).toBe(
    0,
  );
  const books = await Promise.all(demo.samples.map((f) => readWorkbookFile(f)));
  report = runStats(ledgersOfBooks(books, AS_OF), { period: parsePeriod('2026-11')!, asOf: AS_OF }).report;
  const crowdedFile = join(work, '分页测试.xlsx');
  writeFileSync(crowdedFile, await statsXlsx(crowded));
  let crowdedDoc: { pages: string[] };
  [stats, validation, crowdedDoc] = printToPdf([statsFile, join(demo.outDir, DEMO_REPORT), crowdedFile]);
  crowdedPages = crowdedDoc.pages;
}, 300_000);

const squash = (s: string) => s.replace(/\s+/g, '');

test('every page is A4 landscape and numbered 第 N 页，共 M 页', () => {
  for (const doc of [stats, validation]) {
    expect(doc.sizes).toHaveLength(doc.pages.length);
    for (const size of doc.sizes) expect(size).toMatch(/^841\.\d+ x 595\.\d+ pts \(A4\)/);
    doc.pages.forEach((page, i) => expect(squash(page)).toContain(`第${i + 1}页，共${doc.pages.length}页`));
  }
  // The header names the report on every page.
  for (const page of stats.pages) expect(squash(page)).toContain(squash(report.title));
});

test('the workbook holds a native chart per chart of the report, and LibreOffice draws each', async () => {
  const zip = await JSZip.loadAsync(readFileSync(statsFile));
  const parts = Object.keys(zip.files).filter((f) => /^xl\/charts\/.*\.xml$/.test(f));
  expect(parts).toHaveLength(report.charts.length);
  expect(report.charts.map((c) => c.id)).toEqual(
    expect.arrayContaining(['renewalRateBySpecialist', 'premiumByMonth', 'premiumByInsurer', 'claimsSubmittedPaid']),
  );
  const raw = stats.pages.join('\n');
  const text = squash(raw);
  for (const c of report.charts) {
    expect(text).toContain(squash(c.title));
    // The value labels are drawn as the chart formats them — whole yuan, percentages to 0.1 —
    // which no cell shows (cells show fen and 0.01 %).
    const label = (v: number) =>
      c.format === 'rate' ? `${(Math.round(v * 1000) / 10).toFixed(1)}%` : formatValue(Math.round(v), 'int');
    for (const s of c.series)
      for (const v of s.values.filter((x) => x !== 0)) {
        const drawn = new RegExp(`(^|[^\\d.,])${label(v).replace(/[.%]/g, '\\$&')}(?![.\\d])`).test(raw);
        expect([c.id, s.name, label(v), drawn]).toEqual([c.id, s.name, label(v), true]);
      }
  }
});

/** Checks that each table short enough for a page has its title and its last row on one page. */
function expectNoSplitTables(report: Report, pageTexts: readonly string[]): void {
  const pages = pageTexts.map(squash);
  // A table's title stands on a line of its own (a chart's title may contain the same words).
  const titled = (k: number, title: string) => pageTexts[k].split('\n').some((l) => l.trim() === title);
  let from = 0;
  for (const sheet of report.sheets) {
    const lay = layoutSheet(sheet);
    sheet.tables.forEach((t, i) => {
      const at = lay.tables[i];
      if (at.rows > 20 || !at.rows) return;
      const page = pages.findIndex((_, k) => k >= from && titled(k, t.title));
      expect([sheet.name, t.title, page >= 0]).toEqual([sheet.name, t.title, true]);
      from = page;
      // The last row of the table (its total, or its last line) is on the title's page.
      const last = lay.rows[at.header + at.rows].find((v) => typeof v === 'string' && v) as string | undefined;
      if (last) expect([t.title, pages[page].includes(squash(last))]).toEqual([t.title, true]);
    });
  }
}

test('no table that fits on a page is split across two', () => {
  expectNoSplitTables(report, stats.pages);
  // A sheet crowded enough to need breaks between its tables gets them, and still no split.
  expect(crowdedPages.length).toBeGreaterThan(2);
  expectNoSplitTables(crowded, crowdedPages);
});

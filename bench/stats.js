/**
 * Issue 4: five ledgers (renewal, issuance, claims, contracts + collections, attendance with
 * its 设置 sheet) of `rows` data rows each — 500,000 rows by default — as .xlsx, read by
 * (a) the bare reader, file after file, and (b) `insdesk stats FILES --period 2026-10
 * --out 月度统计.xlsx --json` end to end (read, figures, the xlsx and html report), each in
 * fresh processes. Targets: (b) takes at most 1.5 times as long as (a); (b) peaks at 800 MB or less.
 * (a) is bench/bare-read.js on the five files.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ExcelJS = require('exceljs');
const { ROOT, outPath, measure, printTable, bareRead } = require('./lib');

const TARGET = { ratio: 1.5, rssMb: 800 };

/** Several sheets in one .xlsx, streamed, with shared strings as Excel saves them. */
async function writeBook(file, sheets) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const row of s.rows) ws.addRow(row).commit();
    await ws.commit();
  }
  await wb.commit();
}

async function run({ rows, runs, log }) {
  const { bigStatsLedgers, BIG_STATS_PERIOD } = require('../dist/src/demo/bigLedgers.js');
  const dir = outPath(`stats-${rows}`);
  fs.mkdirSync(dir, { recursive: true });
  const files = [];
  let total = 0;
  for (const f of bigStatsLedgers(rows)) {
    const file = path.join(dir, f.name);
    const sheets = f.sheets();
    const dataRows = sheets.filter((s) => s.name !== '设置').reduce((a, s) => a + s.rows.length - 1, 0);
    total += dataRows;
    log(
      `writing ${path.relative(ROOT, file)} (${sheets.map((s) => `${s.name} ${(s.rows.length - 1).toLocaleString('en')}`).join(', ')})…`,
    );
    await writeBook(file, sheets);
    files.push(file);
  }
  const report = path.join(dir, '月度统计.xlsx');
  log(
    `measuring ${total.toLocaleString('en')} rows in ${files.length} files: ${runs} × bare read, ${runs} × insdesk stats --out --json…`,
  );
  const a = await measure(bareRead(files), runs);
  const b = await measure(
    [path.join(ROOT, 'bin', 'insdesk.js'), 'stats', ...files, '--period', BIG_STATS_PERIOD, '--out', report, '--json'],
    runs,
  );
  if (b.code !== 0) throw new Error(`insdesk stats exited ${b.code}`);
  const ratio = b.seconds / a.seconds;
  const met = ratio <= TARGET.ratio && b.rssMb <= TARGET.rssMb;
  const size = files.reduce((s, f) => s + fs.statSync(f).size, 0) / 1024 / 1024;
  printTable(
    ['files', 'rows', 'MB on disk', '(a) s', '(b) s', 'b/a', '(a) MB', '(b) MB', 'target'],
    [
      [
        String(files.length),
        total.toLocaleString('en'),
        size.toFixed(1),
        a.seconds.toFixed(2),
        b.seconds.toFixed(2),
        ratio.toFixed(2),
        a.rssMb.toFixed(0),
        b.rssMb.toFixed(0),
        `b/a ≤ ${TARGET.ratio}, RSS(b) ≤ ${TARGET.rssMb} MB: ${met ? 'met' : 'MISSED'}`,
      ],
    ],
    log,
  );
  log(
    `(a) node bench/bare-read.js FILE… (src/io/bare.ts, one file after the other), (b) node bin/insdesk.js stats FILE… --period ${BIG_STATS_PERIOD} --out ${path.relative(ROOT, report)} --json > /dev/null;`,
  );
  log(`wall time from spawn to exit and peak RSS of that process, median of ${runs} runs each.`);
  return { met };
}

module.exports = {
  name: 'stats',
  title: 'five ledgers of --rows rows each (default 500,000 rows): bare read vs. insdesk stats (issue 4)',
  run,
};

/**
 * What the bench sections share: writing big ledgers to disk, timing a command in a fresh
 * node process (so its peak memory is its own), medians, and a plain text table.
 */
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ExcelJS = require('exceljs');

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(__dirname, 'out');
const PROBE = path.join(__dirname, 'rss-probe.js');
const MB = 1024 * 1024;

function outPath(name) {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  return path.join(OUT_DIR, name);
}

/**
 * An .xlsx through exceljs' streaming writer: faster than SheetJS' writeFile for 100k rows,
 * and with a shared-strings table, as the files Excel itself saves have.
 */
async function writeXlsxStream(file, sheetName, grid) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet(sheetName);
  for (const row of grid) ws.addRow(row).commit();
  await ws.commit();
  await wb.commit();
}

const pad2 = (n) => (n < 10 ? '0' : '') + n;

function csvField(cell) {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date)
    return `${cell.getUTCFullYear()}-${pad2(cell.getUTCMonth() + 1)}-${pad2(cell.getUTCDate())}`;
  const s = String(cell);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a BOM, the way Excel saves 'CSV UTF-8'; dates as yyyy-mm-dd. */
function writeCsv(file, grid) {
  const lines = grid.map((row) => row.map(csvField).join(','));
  fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
}

/**
 * Runs `node [args]` once in a fresh process with stdout discarded. Wall time is from spawn
 * to exit; peak RSS comes from the process itself (rss-probe.js, preloaded), which needs no
 * /usr/bin/time and works the same on every OS.
 */
function runOnce(args) {
  const rssFile = path.join(os.tmpdir(), `insdesk-bench-rss-${process.pid}-${Date.now()}`);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--require', PROBE, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, INSDESK_BENCH_RSS: rssFile },
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-2000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let kb = NaN;
      try {
        kb = Number(fs.readFileSync(rssFile, 'utf8'));
        fs.unlinkSync(rssFile);
      } catch {
        // No probe output: the process died before exiting normally; reported below.
      }
      if (code === null || code > 1 || Number.isNaN(kb)) {
        reject(new Error(`node ${args.join(' ')} failed (exit ${code}): ${stderr.trim()}`));
      } else {
        resolve({ seconds, rssMb: (kb * 1024) / MB, code });
      }
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Median wall time and median peak RSS over `runs` fresh processes. */
async function measure(args, runs) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await runOnce(args));
  return {
    seconds: median(results.map((r) => r.seconds)),
    rssMb: median(results.map((r) => r.rssMb)),
    code: results[0].code,
  };
}

/** Left-aligned text columns; numbers right-aligned. */
function printTable(headers, rows, log = console.log) {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  const line = (r) => r.map((v, c) => (/^[\d.,]+$/.test(v) ? v.padStart(widths[c]) : v.padEnd(widths[c]))).join('  ');
  log(line(cells[0]));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) log(line(r));
}

/** The baseline process: a bare read of `files` (bench/bare-read.js). */
const bareRead = (files) => [path.join(__dirname, 'bare-read.js'), ...files];

/**
 * `a` and `b` measured `runs` times each in fresh processes, taking turns (so a slow spell of
 * the machine hits both); median seconds and peak RSS of each.
 */
async function interleaved(runs, a, b) {
  const ra = [];
  const rb = [];
  for (let i = 0; i < runs; i++) {
    ra.push(await runOnce(a));
    rb.push(await runOnce(b));
  }
  const summary = (xs) => ({ seconds: median(xs.map((x) => x.seconds)), rssMb: median(xs.map((x) => x.rssMb)) });
  return { a: summary(ra), b: summary(rb) };
}

module.exports = {
  ROOT,
  OUT_DIR,
  outPath,
  writeXlsxStream,
  writeCsv,
  measure,
  runOnce,
  median,
  printTable,
  bareRead,
  interleaved,
};

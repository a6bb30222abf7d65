/**
 * Issue 3: `insdesk crm` end to end on a 100,000-row renewal list (.xlsx) with a 5,000-row
 * phone look-up table, against (a) a bare read of the same input plus a bare write of an
 * output of the same size (same sheets, rows and columns) by the fastest libraries in the
 * dependency set — SheetJS and exceljs' streaming writer are both tried and the faster one is
 * the baseline. Every figure comes from fresh processes in the same run. Targets: (b)/(a) ≤ 2.0,
 * peak RSS of (b) ≤ 600 MB.
 *
 * `node bench/crm.js --bare sheetjs|exceljs INPUT SHAPE.json OUT.xlsx` is the baseline process.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, outPath, writeXlsxStream, measure, median, printTable } = require('./lib');

const TARGET = { ratio: 2.0, rssMb: 600 };
const AS_OF = '2026-11-25';
const SPECIALISTS = '张三,李四,王五,赵六,钱七,孙八';
const LOOKUP_ROWS = 5000;
/** Every 20th row of the list has lost its phone; the look-up table knows those cars. */
const PHONE_GAP = 20;

async function writeInputs(rows, log) {
  const { bigRenewalGrid } = require('../dist/src/demo/samples.js');
  const grid = bigRenewalGrid(rows, undefined, AS_OF);
  const h = grid[0];
  const phone = h.indexOf('联系电话');
  const plate = h.indexOf('车牌号');
  const vin = h.indexOf('车架号');
  const lookup = [['车牌号', '车架号', '联系电话']];
  for (let r = 1; r < grid.length; r++) {
    if (r % PHONE_GAP !== 0) continue;
    grid[r][phone] = null;
    if (lookup.length <= LOOKUP_ROWS) lookup.push([grid[r][plate], grid[r][vin], `136${String(r).padStart(8, '0')}`]);
  }
  const list = outPath(`renewal-${rows}.xlsx`);
  const claims = outPath(`renewal-${rows}-lookup.xlsx`);
  log(
    `writing ${path.relative(ROOT, list)} (${rows.toLocaleString('en')} rows × ${h.length} columns) and a ${lookup.length - 1}-row look-up table…`,
  );
  await writeXlsxStream(list, '续保清单', grid);
  await writeXlsxStream(claims, '理赔台账', lookup);
  return { list, claims, cells: rows * h.length };
}

async function run({ rows, runs, log }) {
  const { list, claims, cells } = await writeInputs(rows, log);
  const out = outPath(`renewal-${rows}-crm.xlsx`);
  const shape = outPath(`renewal-${rows}-crm-shape.json`);
  const crmArgs = [
    path.join(ROOT, 'bin', 'insdesk.js'),
    'crm',
    list,
    '--as-of',
    AS_OF,
    '--specialists',
    SPECIALISTS,
    '--lookup',
    claims,
    '--out',
    out,
  ];

  // One run to learn the output's shape (and check the run works) before anything is timed.
  const { main } = require('../dist/src/cli/main.js');
  let json = '';
  const code = await main([...crmArgs.slice(1), '--json'], {
    stdout: { write: (s) => (json += s) },
    stderr: { write: () => true },
  });
  if (code !== 0) throw new Error(`insdesk crm exited ${code}`);
  const result = JSON.parse(json);
  fs.writeFileSync(shape, JSON.stringify(result.sheets));
  const outCells = result.sheets.reduce((n, s) => n + (s.rows + 1) * s.columns, 0);

  // Interleaved (baseline, baseline, crm; repeat) so that all three see the same machine load.
  log(`measuring: ${runs} × (bare SheetJS, bare exceljs, insdesk crm), interleaved…`);
  const runsOf = { sheetjs: [], exceljs: [], crm: [] };
  for (let i = 0; i < runs; i++) {
    for (const lib of ['sheetjs', 'exceljs'])
      runsOf[lib].push(await measure([__filename, '--bare', lib, list, shape, outPath(`bare-${lib}.xlsx`)], 1));
    runsOf.crm.push(await measure(crmArgs, 1));
  }
  const summary = (xs) => ({ seconds: median(xs.map((x) => x.seconds)), rssMb: median(xs.map((x) => x.rssMb)) });
  const bare = { sheetjs: summary(runsOf.sheetjs), exceljs: summary(runsOf.exceljs) };
  const fastest = bare.sheetjs.seconds <= bare.exceljs.seconds ? 'sheetjs' : 'exceljs';
  const a = bare[fastest];
  const b = summary(runsOf.crm);
  const ratio = b.seconds / a.seconds;
  const met = ratio <= TARGET.ratio && b.rssMb <= TARGET.rssMb;

  printTable(
    [
      'input',
      'rows',
      'in cells',
      'out cells',
      'bare sheetjs s',
      'bare exceljs s',
      '(a) s',
      '(b) s',
      'b/a',
      '(a) MB',
      '(b) MB',
      'target',
    ],
    [
      [
        path.basename(list),
        rows.toLocaleString('en'),
        cells.toLocaleString('en'),
        outCells.toLocaleString('en'),
        bare.sheetjs.seconds.toFixed(2),
        bare.exceljs.seconds.toFixed(2),
        a.seconds.toFixed(2),
        b.seconds.toFixed(2),
        ratio.toFixed(2),
        a.rssMb.toFixed(0),
        b.rssMb.toFixed(0),
        `b/a ≤ ${TARGET.ratio.toFixed(1)}, RSS(b) ≤ ${TARGET.rssMb} MB: ${met ? 'met' : 'MISSED'}`,
      ],
    ],
    log,
  );
  const c = result.counts;
  log(
    `buckets: ${Object.entries(c)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; phones fixed ${result.phoneFixed}`,
  );
  log(`(a) bare read (src/io/bare.ts) + bare write of the same sheets × rows × columns by the faster of SheetJS`);
  log(
    `    XLSX.writeFile and exceljs' streaming writer (${fastest} here); (b) node bin/insdesk.js crm … --lookup … --out x.xlsx;`,
  );
  log(`wall time from spawn to exit and peak RSS of that process, median of ${runs} interleaved runs each.`);
  return { met };
}

/** The baseline process: read the input bare, then write an output of the given shape. */
async function bareMain(lib, input, shapeFile, out) {
  const XLSX = require('xlsx');
  const { bareReadXlsx } = require('../dist/src/io/bare.js');
  const wb = bareReadXlsx(fs.readFileSync(input));
  const data = wb.Sheets[wb.SheetNames[0]]['!data'];
  const source = data.map((r) => (r ? r.map((c) => (c ? c.v : null)) : []));
  const grids = JSON.parse(fs.readFileSync(shapeFile, 'utf8')).map((s) => ({
    name: s.name,
    rows: Array.from({ length: s.rows + 1 }, (_, r) => {
      const src = source[r % source.length];
      return Array.from({ length: s.columns }, (_, c) => src[c % src.length] ?? null);
    }),
  }));
  if (lib === 'sheetjs') {
    const book = XLSX.utils.book_new();
    for (const g of grids) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(g.rows, { dense: true }), g.name);
    XLSX.writeFile(book, out);
  } else {
    const ExcelJS = require('exceljs');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: false, useSharedStrings: false });
    for (const g of grids) {
      const ws = book.addWorksheet(g.name);
      for (const r of g.rows) ws.addRow(r).commit();
      ws.commit();
    }
    await book.commit();
  }
}

if (require.main === module && process.argv[2] === '--bare') {
  bareMain(...process.argv.slice(3)).catch((err) => {
    console.error(err);
    process.exitCode = 3;
  });
}

module.exports = {
  name: 'crm',
  title:
    'one-click CRM import of a big renewal list (default 100,000 rows): bare read + write vs. insdesk crm (issue 3)',
  run,
};

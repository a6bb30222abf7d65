/**
 * Issue 2: a 100,000-row issuance ledger (20 columns, every cell filled) as .xlsx and as
 * UTF-8 .csv, read by (a) the bare reader and (b) `insdesk validate FILE --json` end to end,
 * each in fresh processes. Targets for .xlsx: (b) takes at most twice as long as (a), and
 * (b) peaks at 600 MB or less.
 */
'use strict';
const path = require('node:path');
const { ROOT, outPath, writeXlsxStream, writeCsv, measure, printTable } = require('./lib');

const TARGETS = { '.xlsx': { ratio: 2.0, rssMb: 600 } };

async function run({ rows, runs, log }) {
  const { bigIssuanceGrid } = require('../dist/src/demo/samples.js');
  const grid = bigIssuanceGrid(rows);
  const cells = rows * grid[0].length;
  const xlsx = outPath(`issuance-${rows}.xlsx`);
  const csv = outPath(`issuance-${rows}.csv`);
  log(`writing ${path.relative(ROOT, xlsx)} and ${path.relative(ROOT, csv)} (${rows.toLocaleString('en')} rows, ${cells.toLocaleString('en')} cells)…`);
  await writeXlsxStream(xlsx, '承保台账', grid);
  writeCsv(csv, grid);

  const table = [];
  let met = true;
  for (const file of [xlsx, csv]) {
    log(`measuring ${path.basename(file)}: ${runs} × bare read, ${runs} × insdesk validate --json…`);
    const a = await measure([path.join(__dirname, 'bare-read.js'), file], runs);
    const b = await measure([path.join(ROOT, 'bin', 'insdesk.js'), 'validate', file, '--json'], runs);
    if (b.code !== 0) throw new Error(`insdesk validate ${path.basename(file)} exited ${b.code}: the bench ledger should be clean`);
    const ratio = b.seconds / a.seconds;
    const target = TARGETS[path.extname(file)];
    const ok = !target || (ratio <= target.ratio && b.rssMb <= target.rssMb);
    met = met && ok;
    table.push([
      path.basename(file), rows.toLocaleString('en'), cells.toLocaleString('en'),
      a.seconds.toFixed(2), b.seconds.toFixed(2), ratio.toFixed(2), a.rssMb.toFixed(0), b.rssMb.toFixed(0),
      target ? `b/a ≤ ${target.ratio.toFixed(1)}, RSS(b) ≤ ${target.rssMb} MB: ${ok ? 'met' : 'MISSED'}` : '—',
    ]);
  }
  printTable(['file', 'rows', 'cells', '(a) s', '(b) s', 'b/a', '(a) MB', '(b) MB', 'target'], table, log);
  log(`(a) bare read (src/io/bare.ts), (b) node bin/insdesk.js validate FILE --json > /dev/null;`);
  log(`wall time from spawn to exit and peak RSS of that process, median of ${runs} runs each.`);
  return { met };
}

module.exports = { name: 'issuance', title: 'a big issuance ledger (default 100,000 rows): bare read vs. insdesk validate (issue 2)', run };

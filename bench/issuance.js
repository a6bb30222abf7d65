/**
 * Issue 18: a big issuance ledger (20 columns, every cell filled) as .xlsx, read by
 * `insdesk validate FILE --json` end to end, against the physical floor for reading an .xlsx
 * in Node (inflate + one scan: ../shared/bench/floor.js, or its chunked twin
 * bench/floor-stream.js where one part is too big for one string), each in fresh processes,
 * at the bench's row count (default 100,000) and at 1,000,000 rows.
 * Targets: 100k rows: validate ≤ 2.5 × the floor, peak RSS ≤ 400 MB; 1M rows: finishes,
 * peak RSS ≤ 1 GB. The .csv row shows the same ledger as UTF-8 CSV (no target).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, outPath, writeXlsxStream, writeCsv, runOnce, interleaved, printTable } = require('./lib');

const SHARED_FLOOR = path.join(ROOT, '..', 'shared', 'bench', 'floor.js');
const STREAM_FLOOR = path.join(__dirname, 'floor-stream.js');
const BIG_ROWS = 1_000_000;

async function ledgerFile(rows, ext) {
  const file = outPath(`issuance-${rows}${ext}`);
  if (fs.existsSync(file)) return file; // generating 1M rows takes minutes; the content is deterministic
  const { bigIssuanceGrid } = require('../dist/src/demo/samples.js');
  const grid = bigIssuanceGrid(rows);
  if (ext === '.csv') writeCsv(file, grid);
  else await writeXlsxStream(file, '承保台账', grid);
  return file;
}

async function run({ rows, runs, log }) {
  const cases = [
    { rows, ext: '.xlsx', runs, target: { ratio: 2.5, rssMb: 400 } },
    { rows, ext: '.csv', runs },
    { rows: BIG_ROWS, ext: '.xlsx', runs: 1, target: { rssMb: 1024 } },
  ];
  const table = [];
  let met = true;
  for (const c of cases) {
    log(`preparing ${c.rows.toLocaleString('en')}-row ${c.ext} (cached under bench/out/)…`);
    const file = await ledgerFile(c.rows, c.ext);
    // floor.js makes one string per part, which V8 cannot do past ~512 M characters.
    const floorScript =
      c.ext === '.xlsx' && c.rows < BIG_ROWS && fs.existsSync(SHARED_FLOOR) ? SHARED_FLOOR : STREAM_FLOOR;
    log(`measuring ${path.basename(file)}: ${c.runs} × (floor, insdesk validate --json) in turns…`);
    const validate = [path.join(ROOT, 'bin', 'insdesk.js'), 'validate', file, '--json'];
    const code = (await runOnce(validate)).code;
    if (code !== 0)
      throw new Error(`insdesk validate ${path.basename(file)} exited ${code}: the bench ledger should be clean`);
    const { a, b } = await interleaved(
      c.runs,
      c.ext === '.xlsx' ? [floorScript, file] : [path.join(__dirname, 'bare-read.js'), file],
      validate,
    );
    const ratio = b.seconds / a.seconds;
    const t = c.target;
    const ok = !t || ((t.ratio === undefined || ratio <= t.ratio) && b.rssMb <= t.rssMb);
    met = met && ok;
    table.push([
      path.basename(file),
      c.rows.toLocaleString('en'),
      c.ext === '.xlsx' ? path.basename(floorScript) : 'bare-read.js',
      a.seconds.toFixed(2),
      b.seconds.toFixed(2),
      ratio.toFixed(2),
      a.rssMb.toFixed(0),
      b.rssMb.toFixed(0),
      t ? `${t.ratio ? `b/a ≤ ${t.ratio}, ` : 'finishes, '}RSS(b) ≤ ${t.rssMb} MB: ${ok ? 'met' : 'MISSED'}` : '—',
    ]);
  }
  printTable(['file', 'rows', '(a) baseline', '(a) s', '(b) s', 'b/a', '(a) MB', '(b) MB', 'target'], table, log);
  log(
    '(a) the floor (inflate + one scan) for .xlsx, the bare CSV parse for .csv; (b) node bin/insdesk.js validate FILE --json > /dev/null;',
  );
  log('wall time from spawn to exit and peak RSS of that process, median of the runs shown; a and b take turns.');
  return { met };
}

module.exports = {
  name: 'issuance',
  title: 'a big issuance ledger: the floor vs. insdesk validate, 100k and 1M rows (issue 18)',
  run,
};

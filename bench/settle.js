/**
 * Issue 15: `insdesk settle` at scale — a 100,000-policy issuance ledger against a 100,000-line
 * insurer statement (one line in ten with a ¥ text amount, one in fifty paid a yuan short, one
 * in a hundred left off, one in two hundred a policy not in the ledger, one in five hundred a
 * charge-back line), the whole year as the period, against (a) a bare read of the same two files
 * by the fastest reader in the dependency set (src/io/bare.ts). Fresh processes, same run,
 * interleaved. Targets: (b)/(a) ≤ 2.0, peak RSS of (b) ≤ 800 MB.
 *
 * The baseline process is bench/bare-read.js.
 */
'use strict';
const path = require('node:path');
const { ROOT, outPath, writeXlsxStream, printTable, bareRead, interleaved } = require('./lib');

const TARGET = { ratio: 2.0, rssMb: 800 };

async function writeInputs(rows, log) {
  const { bigIssuanceGrid } = require('../dist/src/demo/samples.js');
  const { commissionFen } = require('../dist/src/ledgers/issuance.js');
  const { formatYuan } = require('../dist/src/rules/money.js');
  const ledger = bigIssuanceGrid(rows);
  const at = (name) => ledger[0].indexOf(name);
  const statement = [['保险公司手续费结算单'], ['序号', '保单号', '保费', '手续费']];
  for (let r = 1; r < ledger.length; r++) {
    if (r % 100 === 0) continue; // left off: 我方独有
    const premium = Math.round(ledger[r][at('保费')] * 100);
    const fen = commissionFen({ premium, commissionRate: ledger[r][at('代理费率')] }) - (r % 50 === 0 ? 100 : 0);
    const no = ledger[r][at('保单号')];
    statement.push([r, no, premium / 100, r % 10 === 0 ? `¥${formatYuan(fen)}` : fen / 100]);
    if (r % 500 === 7) statement.push([r, no, -premium / 100, -fen / 100]); // charge-back: 重复
    if (r % 200 === 3) statement.push([r, `X${no}`, premium / 100, fen / 100]); // 对方独有
  }
  const files = {
    ledger: outPath(`settle-${rows}-issuance.xlsx`),
    statement: outPath(`settle-${rows}-statement.xlsx`),
  };
  const dates = ledger.slice(1).map((r) => r[at('出单日期')].toISOString().slice(0, 10));
  log(
    `writing the inputs: ${rows.toLocaleString('en')} policies, ${(statement.length - 2).toLocaleString('en')} statement lines…`,
  );
  await writeXlsxStream(files.ledger, '承保台账', ledger);
  await writeXlsxStream(files.statement, '结算单', statement);
  const cells = (ledger.length - 1) * ledger[0].length + (statement.length - 2) * 4;
  return { files, cells, period: `${dates[0]}..${dates[dates.length - 1]}` };
}

async function run({ rows, runs, log }) {
  const { files, cells, period } = await writeInputs(rows, log);
  const args = [
    path.join(ROOT, 'bin', 'insdesk.js'),
    'settle',
    files.ledger,
    '--period',
    period,
    '--statement',
    files.statement,
    '--json',
  ];
  const { main } = require('../dist/src/cli/main.js');
  let json = '';
  const code = await main(args.slice(1), { stdout: { write: (s) => (json += s) }, stderr: { write: () => true } });
  if (code !== 0) throw new Error(`insdesk settle exited ${code}`);
  const rec = JSON.parse(json).reconciliation;

  log(`measuring: ${runs} × (bare read of the two files, insdesk settle --json), interleaved…`);
  const { a, b } = await interleaved(runs, bareRead([files.ledger, files.statement]), args);
  const ratio = b.seconds / a.seconds;
  const met = ratio <= TARGET.ratio && b.rssMb <= TARGET.rssMb;
  printTable(
    ['inputs', 'in cells', '(a) s', '(b) s', 'b/a', '(a) MB', '(b) MB', 'target'],
    [
      [
        `${rows.toLocaleString('en')} policies + ${rec.statement.lines.toLocaleString('en')} lines`,
        cells.toLocaleString('en'),
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
  log(
    `classes: matched ${rec.matched}, amountDiffers ${rec.amountDiffers}, oursOnly ${rec.oursOnly}, theirsOnly ${rec.theirsOnly}, duplicate ${rec.duplicate}, unreadable ${rec.unreadable}`,
  );
  log(
    `(a) node bench/bare-read.js FILE… (src/io/bare.ts on each file); (b) node bin/insdesk.js settle … --statement … --json;`,
  );
  log(`wall time from spawn to exit and peak RSS of that process, median of ${runs} interleaved runs each.`);
  return { met };
}

module.exports = {
  name: 'settle',
  title:
    'settlement at scale: settle with a 100,000-policy ledger against a 100,000-line statement vs. a bare read (issue 15)',
  run,
};

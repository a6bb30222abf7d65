/**
 * Issue 11: the renewal desk's morning at scale — `insdesk crm` on a 100,000-row renewal list
 * with a 100,000-row issuance ledger (--issued, one row in twenty a renewal of a listed car) and
 * 200,000 follow-ups (--followups), against (a) a bare read of the same three files by the
 * fastest reader in the dependency set (src/io/bare.ts). Fresh processes, same run, interleaved.
 * Targets: (b)/(a) ≤ 2.0, peak RSS of (b) ≤ 800 MB.
 *
 * The baseline process is bench/bare-read.js.
 */
'use strict';
const path = require('node:path');
const { ROOT, outPath, writeXlsxStream, printTable, bareRead, interleaved } = require('./lib');

const TARGET = { ratio: 2.0, rssMb: 800 };
const AS_OF = '2026-11-25';
const SPECIALISTS = '张三,李四,王五,赵六,钱七,孙八';
const RESULTS = ['无人接听', '关机停机', '有意向', '预约回电', '空号错号', '成功续保', '明确拒绝'];
const DAY_MS = 86_400_000;

async function writeInputs(rows, log) {
  const { bigRenewalGrid, bigIssuanceGrid } = require('../dist/src/demo/samples.js');
  const { dayNumber } = require('../dist/src/rules/date.js');
  const list = bigRenewalGrid(rows, undefined, AS_OF);
  const issued = bigIssuanceGrid(rows);
  const lh = list[0];
  const ih = issued[0];
  const at = (grid, name) => grid[0].indexOf(name);
  // The generator draws cars from a pool; the desk's list has two policies (交强险, 商业险) per car.
  const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  for (let r = 1; r < list.length; r++) {
    const car = Math.floor((r - 1) / 2);
    list[r][at(list, '车牌号')] = `冀${LETTERS[car % 24]}${String(Math.floor(car / 24)).padStart(5, '0')}`;
    list[r][at(list, '车架号')] = null;
  }
  // One issuance row in twenty renews a listed car: same plate and coverage, starting after its expiry.
  for (let r = 1; r < issued.length; r += 20) {
    const src = list[1 + ((r * 7) % (list.length - 1))];
    const expiry = src[at(list, '终保日期')];
    issued[r][at(issued, '车牌号')] = src[at(list, '车牌号')];
    issued[r][at(issued, '车架号')] = null;
    issued[r][at(issued, '险种')] = src[at(list, '险种')];
    issued[r][at(issued, '起保日期')] = new Date(expiry.getTime() + DAY_MS);
    issued[r][at(issued, '终保日期')] = new Date(expiry.getTime() + 366 * DAY_MS);
  }
  // Two follow-ups per policy on average, on the 60% of the list given out already (the earlier
  // expiries), over the ten days before the as-of date; the rest are today's leads.
  const log2 = [['保单号', '车牌号', '回访类型', '联系时间', '联系结果', '下次联系时间', '联系人']];
  const names = SPECIALISTS.split(',');
  const base = dayNumber(AS_OF) * DAY_MS;
  for (let i = 0; i < 2 * rows; i++) {
    const src = list[1 + ((i * 13) % Math.floor(0.6 * (list.length - 1)))];
    const byPlate = i % 3 === 0;
    const result = RESULTS[i % RESULTS.length];
    const when = base - (1 + (i % 10)) * DAY_MS + (570 + (i % 400)) * 60_000;
    log2.push([
      byPlate ? null : src[at(list, '保单号')],
      byPlate ? src[at(list, '车牌号')] : null,
      '续保',
      new Date(when),
      result,
      result === '预约回电' ? new Date(base + 600 * 60_000) : null,
      names[i % names.length],
    ]);
  }
  const files = {
    list: outPath(`desk-${rows}-renewal.xlsx`),
    issued: outPath(`desk-${rows}-issuance.xlsx`),
    followups: outPath(`desk-${rows}-followups.xlsx`),
  };
  log(
    `writing the inputs: ${rows.toLocaleString('en')} renewal rows, ${rows.toLocaleString('en')} issuance rows, ${(2 * rows).toLocaleString('en')} follow-ups…`,
  );
  await writeXlsxStream(files.list, '续保清单', list);
  await writeXlsxStream(files.issued, '承保台账', issued);
  await writeXlsxStream(files.followups, '回访记录', log2);
  const cells = (list.length - 1) * lh.length + (issued.length - 1) * ih.length + (log2.length - 1) * log2[0].length;
  return { files, cells };
}

async function run({ rows, runs, log }) {
  const { files, cells } = await writeInputs(rows, log);
  const out = outPath(`desk-${rows}-crm.xlsx`);
  const crmArgs = [
    path.join(ROOT, 'bin', 'insdesk.js'),
    'crm',
    files.list,
    '--as-of',
    AS_OF,
    '--specialists',
    SPECIALISTS,
    '--issued',
    files.issued,
    '--followups',
    files.followups,
    '--out',
    out,
  ];
  // One run first, to check it works and to show what it found.
  const { main } = require('../dist/src/cli/main.js');
  let json = '';
  const code = await main([...crmArgs.slice(1), '--json'], {
    stdout: { write: (s) => (json += s) },
    stderr: { write: () => true },
  });
  if (code !== 0) throw new Error(`insdesk crm exited ${code}`);
  const result = JSON.parse(json);

  log(`measuring: ${runs} × (bare read of the three files, insdesk crm), interleaved…`);
  const { a, b } = await interleaved(runs, bareRead([files.list, files.issued, files.followups]), crmArgs);
  const ratio = b.seconds / a.seconds;
  const met = ratio <= TARGET.ratio && b.rssMb <= TARGET.rssMb;
  printTable(
    ['inputs', 'in cells', '(a) s', '(b) s', 'b/a', '(a) MB', '(b) MB', 'target'],
    [
      [
        `${rows.toLocaleString('en')} + ${rows.toLocaleString('en')} + ${(2 * rows).toLocaleString('en')} rows`,
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
    `buckets: ${Object.entries(result.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}; ${result.leadVehicles} vehicles dealt; callbacks ${Object.values(result.callbacksToday).reduce((x, y) => x + y, 0)}; 不准确 ${Object.values(result.inaccurate).reduce((x, y) => x + y, 0)}`,
  );
  log(
    `(a) node bench/bare-read.js FILE… (src/io/bare.ts on each file); (b) node bin/insdesk.js crm … --issued … --followups … --out x.xlsx;`,
  );
  log(`wall time from spawn to exit and peak RSS of that process, median of ${runs} interleaved runs each.`);
  return { met };
}

module.exports = {
  name: 'desk',
  title:
    'the renewal desk at scale: crm with a 100,000-row list, 100,000-row issuance ledger and 200,000 follow-ups vs. a bare read (issue 11)',
  run,
};

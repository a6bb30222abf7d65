/**
 * Issue 6: the ribbon commands on a 100,000-row ledger (default --rows) in the strict Excel
 * fake of the tests, which counts what Office.js would send: per command the round trips
 * (syncs), the chunks of cells read and written, the largest request and response, the bytes
 * in all, and the time spent in the engine (apart from Excel's I/O, which the fake cannot
 * stand for). Targets: syncs ≤ 4 + chunks; no request or response over 5 MB. Plus the custom
 * functions: 100,000 evaluations each of INS.VIN and INS.RENEWALSTATUS in under a second.
 *
 * The commands and the fake are TypeScript (commands/, taskpane/excel/, test/excel/): they are
 * compiled on require by @swc/core, the compiler jest already uses — no build step, no copy
 * of the sources in dist/.
 */
'use strict';
const fs = require('node:fs');
const { printTable } = require('./lib');

const LIMIT = 5_000_000;
const AS_OF = '2026-11-25';
const PERIOD = '2026-10';
const EVALUATIONS = 100_000;
const FUNCTION_TARGET_MS = 1000;

function compileTypeScriptOnRequire() {
  const swc = require('@swc/core');
  require.extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
}

/** The custom-functions runtime's error class (the functions throw it for bad input). */
class CustomFunctionsError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

async function run({ rows, log }) {
  compileTypeScriptOnRequire();
  const { bigIssuanceGrid, bigRenewalGrid } = require('../src/demo/samples.ts');
  const { isoToSerial } = require('../src/rules/date.ts');
  const { renewal } = require('../src/ledgers/renewal.ts');
  const { FakeWorkbook, run: excelRun } = require('../test/excel/fakeExcel.ts');
  const { dateToSerial } = require('../taskpane/excel/cells.ts');
  const { NO_PROGRESS } = require('../commands/progress.ts');
  const { runValidate } = require('../commands/validate.ts');
  const { runMonthlyStats } = require('../commands/stats.ts');
  const { runCrmImport } = require('../commands/crm.ts');
  const { runUpgrade } = require('../commands/upgrade.ts');

  log(`building the ledgers (${rows.toLocaleString('en')} rows each)…`);
  const asCells = (grid) => grid.map((r) => r.map((c) => (c instanceof Date ? dateToSerial(c) : (c ?? null))));
  const ledgers = {
    承保台账: asCells(bigIssuanceGrid(rows)),
    续保清单: asCells(bigRenewalGrid(rows, undefined, AS_OF)),
  };
  // The 基准日 of a clerk working as of AS_OF, so every run counts the same.
  const settings = [
    ['设置项', '值'],
    ['基准日', isoToSerial(AS_OF)],
  ];

  // Labels in ASCII keep the table's columns aligned: 校验, 月度统计, CRM导入, 升级为工具 on 承保台账 / 续保清单.
  const commands = [
    ['validate', 'issuance', '承保台账', (c) => runValidate(c, {}, NO_PROGRESS)],
    ['validate', 'renewal', '续保清单', (c) => runValidate(c, {}, NO_PROGRESS)],
    [`stats ${PERIOD}`, 'issuance', '承保台账', (c) => runMonthlyStats(c, PERIOD, NO_PROGRESS)],
    ['crm', 'renewal', '续保清单', (c) => runCrmImport(c, {}, NO_PROGRESS)],
    ['upgrade', 'issuance', '承保台账', (c) => runUpgrade(c, {}, NO_PROGRESS)],
    ['upgrade', 'renewal', '续保清单', (c) => runUpgrade(c, {}, NO_PROGRESS)],
  ];
  const table = [];
  let met = true;
  for (const [name, ledger, sheet, command] of commands) {
    log(`${name} on ${sheet}…`);
    const book = new FakeWorkbook({ [sheet]: ledgers[sheet], 设置: settings });
    const t0 = performance.now();
    const { stats } = await excelRun(book, command);
    const wall = performance.now() - t0;
    const chunks = stats.readChunks + stats.writeChunks;
    const sum = (xs) => xs.reduce((a, b) => a + b, 0);
    const ok = book.syncCount <= 4 + chunks && book.maxRequestBytes <= LIMIT && book.maxResponseBytes <= LIMIT;
    met = met && ok;
    table.push([
      name,
      ledger,
      String(book.syncCount),
      `${stats.readChunks}+${stats.writeChunks}`,
      mb(book.maxRequestBytes),
      mb(book.maxResponseBytes),
      mb(sum(book.requestBytes)),
      mb(sum(book.responseBytes)),
      stats.engineMs.toFixed(0),
      wall.toFixed(0),
      ok ? 'met' : 'MISSED',
    ]);
  }
  printTable(
    [
      'command',
      'ledger',
      'syncs',
      'chunks r+w',
      'max req MB',
      'max resp MB',
      'req MB',
      'resp MB',
      'engine ms',
      'wall ms',
      'target',
    ],
    table,
    log,
  );
  log(
    `${rows.toLocaleString('en')} data rows per ledger; targets: syncs ≤ 4 + chunks, every request and response ≤ 5 MB (bytes as the fake counts them: the JSON of the operations);`,
  );
  log(
    "engine ms = reading rows, computing, building output grids; wall ms adds the fake's own bookkeeping, not Excel's time.",
  );

  // ---- custom functions ------------------------------------------------------------------
  Object.assign(globalThis, {
    CustomFunctions: { Error: CustomFunctionsError, ErrorCode: { invalidValue: '#VALUE!' } },
  });
  const INS = require('../functions/functions.ts');
  const grid = ledgers.续保清单;
  const col = (key) => renewal.columns.findIndex((c) => c.key === key);
  const [vin, expiry, result, renewedNo, renewedDate] = [
    'vin',
    'expiryDate',
    'contactResult',
    'renewedPolicyNo',
    'renewedDate',
  ].map(col);
  const asOf = isoToSerial(AS_OF);
  const data = Array.from({ length: EVALUATIONS }, (_, i) => grid[1 + (i % (grid.length - 1))]);
  const fns = [
    ['INS.VIN', (r) => INS.vin(r[vin])],
    ['INS.RENEWALSTATUS', (r) => INS.renewalStatusOf(r[expiry], r[result], r[renewedNo], r[renewedDate], asOf)],
  ];
  const rowsOut = [];
  for (const [name, fn] of fns) {
    for (let i = 0; i < 2000; i++) fn(data[i]);
    let errors = 0;
    const t0 = performance.now();
    for (const r of data) {
      try {
        fn(r);
      } catch {
        errors++;
      }
    }
    const ms = performance.now() - t0;
    const ok = ms < FUNCTION_TARGET_MS && errors === 0;
    met = met && ok;
    rowsOut.push([
      name,
      EVALUATIONS.toLocaleString('en'),
      String(errors),
      ms.toFixed(0),
      `< ${FUNCTION_TARGET_MS} ms: ${ok ? 'met' : 'MISSED'}`,
    ]);
  }
  printTable(['function', 'evaluations', '#VALUE!', 'engine ms', 'target'], rowsOut, log);
  log(
    'each function called as Excel calls it (dates as serials, omitted arguments as null) on the rows of the renewal ledger above.',
  );
  return { met };
}

const mb = (bytes) => (bytes / 1_000_000).toFixed(2);

module.exports = {
  name: 'addin',
  title: 'the ribbon commands on a big ledger in the Excel fake, and the INS functions (issue 6)',
  run,
};

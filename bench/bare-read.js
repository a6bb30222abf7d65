/**
 * `node bench/bare-read.js FILE…`: the baseline — each file read by the fastest reader in the
 * project's dependencies with nothing around it (src/io/bare.ts), one after the other as
 * insdesk reads them, so the bench can tell how much insdesk adds on top.
 */
'use strict';
const fs = require('node:fs');
const { bareReadCsv, bareReadXlsx } = require('../dist/src/io/bare.js');

for (const file of process.argv.slice(2)) {
  const buf = fs.readFileSync(file);
  const result = file.toLowerCase().endsWith('.csv') ? bareReadCsv(buf) : bareReadXlsx(buf);
  // Keep the result reachable until here, so the read cannot be optimised away.
  if (!result) process.exitCode = 3;
}

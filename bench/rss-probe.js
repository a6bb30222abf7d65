/**
 * Preloaded (`node --require`) into every measured process: on exit it writes the process's
 * own peak resident set size (KiB) to the file named by INSDESK_BENCH_RSS.
 */
'use strict';
const fs = require('node:fs');

process.on('exit', () => {
  const file = process.env.INSDESK_BENCH_RSS;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});

#!/usr/bin/env node
/**
 * `npm run bench [-- --only NAME] [--rows N] [--runs N]`: runs each bench section in turn and
 * prints its table. A section is a module exporting { name, title, run({ rows, runs, log }) }
 * whose run resolves to { met } (whether its targets were met); add new ones to SECTIONS.
 * Needs the compiled sources in dist/ (`npm install` builds them, or `npx tsc -p tsconfig.json`).
 * Exit code: 0 all targets met, 1 a target missed, 2 bad usage or a failed measurement.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const SECTIONS = [
  require('./issuance'),
  require('./crm'),
  require('./desk'),
  require('./stats'),
  require('./settle'),
  require('./addin'),
];

const DEFAULTS = { rows: 100_000, runs: 3 };

function usage(message) {
  console.error(`bench: ${message}`);
  console.error(`usage: npm run bench -- [--only ${SECTIONS.map((s) => s.name).join('|')}] [--rows N] [--runs N]`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { ...DEFAULTS, only: undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--only') {
      if (!SECTIONS.some((s) => s.name === value)) usage(`unknown section: ${value ?? '(none)'}`);
      opts.only = value;
    } else if (flag === '--rows' || flag === '--runs') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) usage(`${flag} needs a positive whole number`);
      opts[flag.slice(2)] = n;
    } else {
      usage(`unknown option: ${flag}`);
    }
    i++;
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js'))) {
    usage('dist/ is missing: run `npm install` (or `npx tsc -p tsconfig.json`) first');
  }
  let met = true;
  for (const section of SECTIONS.filter((s) => !opts.only || s.name === opts.only)) {
    console.log(`\n== ${section.name}: ${section.title}`);
    const result = await section.run({ rows: opts.rows, runs: opts.runs, log: (line) => console.log(line) });
    met = met && result.met;
  }
  process.exitCode = met ? 0 : 1;
}

main().catch((err) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
});

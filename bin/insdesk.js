#!/usr/bin/env node
// Runs the compiled CLI (built by `npm install` through the `prepare` script). A big .xlsx to
// validate starts being read before the CLI's modules load (src/cli/readAhead.ts).
require('../dist/src/cli/readAhead.js').readAheadFor(process.argv.slice(2));
require('../dist/src/cli/main.js').main(process.argv.slice(2));

#!/usr/bin/env node
// Runs the compiled CLI (built by `npm install` through the `prepare` script).
require('../dist/src/cli/main.js').main(process.argv.slice(2));

/**
 * One folder per test run for the task pane's build: the first browser test builds the add-in
 * there and every other one reuses it (test/browser/harness.ts), so the suite builds it once.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async () => {
  process.env.INSDESK_PANE_BUILD = fs.mkdtempSync(path.join(os.tmpdir(), 'insdesk-pane-build-'));
};

/** Removes the run's task-pane build (see globalSetup.js). */
const fs = require('node:fs');

module.exports = async () => {
  const dir = process.env.INSDESK_PANE_BUILD;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};

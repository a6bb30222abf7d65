/**
 * Behaviour unchanged for the clerk: the demo's outputs equal those recorded in demo.json
 * (see demoOutputs.js for what is compared and how to record anew when a change is meant).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

const { demoOutputs } = require('./demoOutputs.js') as {
  demoOutputs: (m: typeof main) => Promise<Record<string, unknown>>;
};

afterEach(() => {
  process.exitCode = undefined;
});

test('the demo, validate, crm and stats give the recorded outputs', async () => {
  const recorded = JSON.parse(readFileSync(join(__dirname, 'demo.json'), 'utf8'));
  const now = JSON.parse(JSON.stringify(await demoOutputs(main)));
  for (const key of Object.keys(recorded)) expect({ [key]: now[key] }).toEqual({ [key]: recorded[key] });
});

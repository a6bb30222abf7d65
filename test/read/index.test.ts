/** src/index.ts is what the add-in bundles: the engine, and nothing that needs Node. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as engine from '../../src/index';

const SRC = resolve(__dirname, '../../src');

/** Every module reachable from `entry` through relative imports, and every bare specifier met. */
function graph(entry: string): { files: string[]; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|require\('([^']+)'\)/g)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) {
        bare.add(spec);
        continue;
      }
      const base = resolve(dirname(file), spec);
      const next = [`${base}.ts`, join(base, 'index.ts')].find(existsSync);
      if (next) visit(next);
    }
  };
  visit(entry);
  return { files: [...files].map((f) => relative(SRC, f)), bare };
}

test('the public API reaches no Node-only module', () => {
  const { files, bare } = graph(join(SRC, 'index.ts'));
  expect(files.filter((f) => f.startsWith('io/') || f.startsWith('cli/'))).toEqual([]);
  expect(
    [...bare].filter(
      (s) => s.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'exceljs', 'xlsx', 'commander'].includes(s),
    ),
  ).toEqual([]);
});

test('the public API has the engine: ledgers, rules, reading, validation', () => {
  for (const name of [
    'allTables',
    'registerLedger',
    'issuance',
    'renewalStatus',
    'checkPlate',
    'parseDate',
    'readLedgerSheets',
    'detectHeader',
    'validateWorkbooks',
    'columnLetter',
    'readSettings',
  ]) {
    expect(engine).toHaveProperty(name);
  }
});

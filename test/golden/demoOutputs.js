/**
 * What a clerk gets from a first run, as plain data: the demo's summary, the JSON of
 * validate, crm and stats on its ledgers, and every cell of the CRM import and the statistics
 * workbook. `demo.test.ts` compares it with demo.json, recorded before a refactoring, so a
 * change that should not change behaviour is shown not to. To record anew (only when a change
 * of output is intended): `node test/golden/demoOutputs.js dist test/golden/demo.json` after
 * `npx tsc -p tsconfig.json`.
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const XLSX = require('xlsx');

const AS_OF = '2026-11-25';
const LEDGERS = ['续保清单.xlsx', '承保台账.xlsx', '理赔台账.xlsx', '合同履行一览表.xlsx', '差勤.xlsx'];

async function runCli(main, dir, argv) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s) => ((stdout += s), true) }, stderr: { write: (s) => ((stderr += s), true) } };
  const code = await main(argv, io);
  const clean = (s) => s.split(dir).join('<demo>');
  return { code, stdout: clean(stdout), stderr: clean(stderr) };
}

/** Every sheet's cells as text rows (formulas as themselves), dates as ISO. */
function cells(file) {
  const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer', cellDates: true, cellFormula: true });
  const out = {};
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    out[name] = XLSX.utils
      .sheet_to_json(ws, { header: 1, raw: true, defval: null })
      .map((row) => row.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)));
  }
  return out;
}

async function demoOutputs(main) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insdesk-golden-'));
  try {
    const demo = await runCli(main, dir, ['demo', '--out', dir, '--as-of', AS_OF]);
    const files = LEDGERS.map((f) => path.join(dir, f));
    const validate = await runCli(main, dir, ['validate', ...files, '--json', '--as-of', AS_OF]);
    const crm = await runCli(main, dir, [
      'crm',
      files[0],
      '--as-of',
      AS_OF,
      '--specialists',
      '甲,乙,丙',
      '--lookup',
      files[2],
      '--out',
      path.join(dir, 'crm.xlsx'),
      '--json',
    ]);
    const stats = await runCli(main, dir, [
      'stats',
      ...files,
      '--period',
      '2026-11',
      '--as-of',
      AS_OF,
      '--out',
      path.join(dir, 'stats.xlsx'),
      '--json',
    ]);
    return {
      demo,
      validate: { code: validate.code, json: JSON.parse(validate.stdout) },
      crm: { code: crm.code, json: JSON.parse(crm.stdout), cells: cells(path.join(dir, 'crm.xlsx')) },
      stats: { code: stats.code, json: JSON.parse(stats.stdout), cells: cells(path.join(dir, 'stats.xlsx')) },
      demoCrm: cells(path.join(dir, '续保CRM导入.xlsx')),
      demoStats: cells(path.join(dir, '月度统计.xlsx')),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { demoOutputs, AS_OF };

if (require.main === module) {
  const [dist, out] = process.argv.slice(2);
  const { main } = require(path.resolve(dist, 'src/cli/main.js'));
  demoOutputs(main).then((o) => fs.writeFileSync(out, `${JSON.stringify(o, null, 1)}\n`));
}

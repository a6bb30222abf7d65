/**
 * The production build, for real: `webpack --mode production` into a temporary folder —
 * offline, without dev certificates — must yield the page, both bundles, functions.json,
 * the icons and a manifest pointing at the host given with `--env url=…`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RIBBON_ACTIONS } from '../../commands/ribbon';

const ROOT = path.resolve(__dirname, '../..');

test('the production build produces a complete add-in', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'insdesk-addin-'));
  try {
    execFileSync(
      process.execPath,
      [
        require.resolve('webpack-cli/bin/cli.js'),
        '--mode',
        'production',
        '--output-path',
        out,
        '--env',
        'url=https://addin.example.cn/insdesk',
      ],
      { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' },
    );
    const files = fs.readdirSync(out).sort();
    // SheetJS is its own chunk: the pane loads it when the clerk first picks a workbook.
    expect(files).toEqual([
      'assets',
      'functions.js',
      'functions.json',
      'manifest.xml',
      'sheetjs.js',
      'sheetjs.js.LICENSE.txt',
      'taskpane.html',
      'taskpane.js',
    ]);

    // One page loads both bundles (shared runtime) and Office.js from Microsoft's CDN.
    const html = fs.readFileSync(path.join(out, 'taskpane.html'), 'utf8');
    expect(html).toMatch(/<script src=https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js>/);
    expect(html).toContain('src=taskpane.js');
    expect(html).toContain('src=functions.js');

    const metadata = JSON.parse(fs.readFileSync(path.join(out, 'functions.json'), 'utf8')) as {
      functions: { id: string }[];
    };
    const ids = metadata.functions.map((f) => f.id);
    expect(ids).toHaveLength(13);
    // The plugin's loader registers every function with the runtime.
    const bundle = fs.readFileSync(path.join(out, 'functions.js'), 'utf8');
    for (const id of ids) expect(bundle).toContain(`CustomFunctions.associate("${id}"`);
    // The page's bundle registers the ribbon buttons by the FunctionName the manifest gives them.
    const page = fs.readFileSync(path.join(out, 'taskpane.js'), 'utf8');
    expect(page).toContain('Office.actions.associate');
    for (const name of Object.values(RIBBON_ACTIONS)) expect(page).toContain(`"${name}"`);

    const source = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
    const built = fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8');
    expect(built).not.toContain('localhost');
    expect(built).toBe(source.split('https://localhost:3000/').join('https://addin.example.cn/insdesk/'));
    expect(fs.readdirSync(path.join(out, 'assets')).sort()).toEqual(
      fs
        .readdirSync(path.join(ROOT, 'assets'))
        .filter((f) => f.endsWith('.png'))
        .sort(),
    );
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('the build refuses Node-only engine code (src/io, src/cli)', async () => {
  // webpack and the config are plain CommonJS modules of the build; their types are not needed here.
  const webpack = require('webpack') as (
    config: unknown,
    done: (err: Error | null, stats: { toJson: (o: unknown) => { errors: { message: string }[] } }) => void,
  ) => void;
  const makeConfig = require('../../webpack.config.js') as (
    env: unknown,
    argv: unknown,
  ) => Promise<{ entry: unknown; output: object; plugins: object[] }>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insdesk-guard-'));
  try {
    // src/io/xlsx/xml.ts needs nothing from Node: only the guard can stop it.
    const entry = path.join(dir, 'probe.ts');
    fs.writeFileSync(
      entry,
      `import * as xml from ${JSON.stringify(path.join(ROOT, 'src/io/xlsx/xml'))};\nconsole.log(xml);\n`,
    );
    const config = await makeConfig({}, { mode: 'production' });
    config.entry = { probe: entry };
    config.output = { ...config.output, path: path.join(dir, 'out') };
    config.plugins = config.plugins.filter((p) => p.constructor.name === 'NodeOnlyGuardPlugin');
    const errors = await new Promise<string[]>((resolve, reject) =>
      webpack(config, (err, stats) =>
        err ? reject(err) : resolve(stats.toJson({ all: false, errors: true }).errors.map((e) => e.message)),
      ),
    );
    expect(errors).toEqual([
      `${path.join('src', 'io', 'xlsx', 'xml.ts')} is Node-only and must not be bundled into the add-in`,
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an http:// address for the add-in or for office.js fails the build: Office loads add-ins over HTTPS only', async () => {
  const makeConfig = require('../../webpack.config.js') as (env: unknown, argv: unknown) => Promise<unknown>;
  await expect(makeConfig({ url: 'http://192.168.1.10/insdesk/' }, { mode: 'production' })).rejects.toThrow(
    /--env url must be an https:\/\/ address/,
  );
  await expect(makeConfig({ officeJs: 'http://intranet/office.js' }, { mode: 'production' })).rejects.toThrow(
    /--env officeJs must be an https:\/\/ address/,
  );
  const ok = (await makeConfig(
    { officeJs: 'https://intranet.example.cn/office/office.js' },
    { mode: 'production' },
  )) as {
    plugins: { userOptions?: { templateParameters?: { officeJs?: string } } }[];
  };
  const html = ok.plugins.find((p) => p.userOptions?.templateParameters);
  expect(html?.userOptions?.templateParameters?.officeJs).toBe('https://intranet.example.cn/office/office.js');
});

/**
 * The production build, for real: `webpack --mode production` into a temporary folder —
 * offline, without dev certificates — must yield the page, both bundles, functions.json,
 * the icons and a manifest pointing at the host given with `--env url=…`.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { RIBBON_ACTIONS } from '../../commands/ribbon';

const ROOT = path.resolve(__dirname, '../..');

let out: string;

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'insdesk-addin-'));
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
}, 300_000);

afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

/** A bundle's file name, whatever its content hash. */
const bundle = (name: string): string => {
  const found = fs.readdirSync(out).find((f) => new RegExp(`^${name}\\.[0-9a-f]{8}\\.js$`).test(f));
  if (!found) throw new Error(`no ${name} bundle in ${fs.readdirSync(out).join(', ')}`);
  return found;
};

test('the production build produces a complete add-in', () => {
  // SheetJS is its own chunk: the pane loads it when the clerk first picks a workbook; exceljs
  // with the report writer another, loaded when a report is first opened as a workbook.
  // Bundles are named by their content, so a server can cache them for good (functions.js
  // keeps the name the manifest gives it).
  expect(fs.readdirSync(out).sort()).toEqual(
    [
      'assets',
      'functions.js',
      'functions.json',
      'help.html',
      'manifest.xml',
      bundle('sheetjs'),
      `${bundle('sheetjs')}.LICENSE.txt`,
      bundle('exceljs'),
      `${bundle('exceljs')}.LICENSE.txt`,
      'taskpane.html',
      bundle('taskpane'),
    ].sort(),
  );

  // One page loads both bundles (shared runtime) and Office.js from Microsoft's CDN.
  const html = fs.readFileSync(path.join(out, 'taskpane.html'), 'utf8');
  expect(html).toMatch(/<script src=https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js>/);
  expect(html).toContain(`src=${bundle('taskpane')}`);
  expect(html).toContain('src=functions.js');

  const metadata = JSON.parse(fs.readFileSync(path.join(out, 'functions.json'), 'utf8')) as {
    functions: { id: string }[];
  };
  const ids = metadata.functions.map((f) => f.id);
  expect(ids).toHaveLength(13);
  // The plugin's loader registers every function with the runtime.
  const functions = fs.readFileSync(path.join(out, 'functions.js'), 'utf8');
  for (const id of ids) expect(functions).toContain(`CustomFunctions.associate("${id}"`);
  // The page's bundle registers the ribbon buttons by the FunctionName the manifest gives them.
  const page = fs.readFileSync(path.join(out, bundle('taskpane')), 'utf8');
  expect(page).toContain('Office.actions.associate');
  for (const name of Object.values(RIBBON_ACTIONS)) expect(page).toContain(`"${name}"`);

  // The manifest points at the host given, carries the production Id (not the one `npm start`
  // sideloads) and package.json's version, and its SupportUrl is a real help page.
  const source = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
  const built = fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8');
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const id = (xml: string) => /<Id>([^<]+)<\/Id>/.exec(xml)![1];
  expect(built).not.toContain('localhost');
  expect(id(built)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(id(built)).not.toBe(id(source));
  expect(built).toContain(`<Version>${version}.0</Version>`);
  expect(built).toContain('<SupportUrl DefaultValue="https://addin.example.cn/insdesk/help.html"/>');
  expect(built).toBe(
    source
      .split('https://localhost:3000/')
      .join('https://addin.example.cn/insdesk/')
      .replace(id(source), id(built))
      .replace(/<Version>[^<]*<\/Version>/, `<Version>${version}.0</Version>`),
  );
  expect(fs.readFileSync(path.join(out, 'help.html'), 'utf8')).toContain('内勤工具 使用帮助');
  expect(fs.readdirSync(path.join(out, 'assets')).sort()).toEqual(
    fs
      .readdirSync(path.join(ROOT, 'assets'))
      .filter((f) => f.endsWith('.png'))
      .sort(),
  );
});

/** GET over HTTPS, trusting only the given certificate. */
function get(url: string, ca: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

test('self-hosting: serve:addin serves the build over HTTPS with the agency’s certificate and writes its manifest', async () => {
  const certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'insdesk-cert-'));
  const cert = path.join(certDir, 'server.crt');
  const key = path.join(certDir, 'server.key');
  // A throw-away certificate for 127.0.0.1, as an agency's would be for its server's name.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'pipe' },
  );
  const script = path.join(ROOT, 'scripts', 'serve-addin.js');
  // An http:// address is refused: Office would never load it.
  const refused = spawnSync(
    process.execPath,
    [script, '--url', 'http://127.0.0.1/insdesk/', '--cert', cert, '--key', key, '--dir', out],
    {
      encoding: 'utf8',
    },
  );
  expect(refused.status).toBe(2);
  expect(refused.stderr).toContain('--url must be an https:// address');

  const base = `https://127.0.0.1:${await freePort()}/insdesk/`;
  const server = spawn(process.execPath, [
    script,
    '--url',
    base,
    '--cert',
    cert,
    '--key',
    key,
    '--dir',
    out,
    '--host',
    '127.0.0.1',
  ]);
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout.on('data', (d: Buffer) => d.toString().includes('HTTPS') && resolve());
      server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const ca = fs.readFileSync(cert);
    const manifest = await get(`${base}manifest.xml`, ca);
    expect(manifest.status).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/^application\/xml/);
    expect(manifest.headers['cache-control']).toBe('no-cache');
    const xml = manifest.body.toString('utf8');
    // Every address in the manifest is the one served from, and the file on disk says the same.
    expect(xml).not.toContain('addin.example.cn');
    expect(xml).toContain(`<SourceLocation DefaultValue="${base}taskpane.html"/>`);
    expect(fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8')).toBe(xml);
    const urls = [...xml.matchAll(/DefaultValue="(https:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of new Set(urls)) {
      const res = await get(url, ca);
      expect([url, res.status]).toEqual([url, 200]);
      // Icons without Cache-Control (Office for Windows drops ribbon icons sent with no-cache).
      if (url.endsWith('.png')) expect([url, res.headers['cache-control']]).toEqual([url, undefined]);
    }
    const page = await get(`${base}taskpane.html`, ca);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const name of ['taskpane', 'sheetjs']) {
      const js = await get(`${base}${bundle(name)}`, ca);
      expect([name, js.status, js.headers['cache-control']]).toEqual([
        name,
        200,
        'public, max-age=31536000, immutable',
      ]);
      expect(js.body.equals(fs.readFileSync(path.join(out, bundle(name))))).toBe(true);
    }
    const functions = await get(`${base}functions.json`, ca);
    expect(functions.status).toBe(200);
    expect(functions.headers['access-control-allow-origin']).toBe('*');
    expect((JSON.parse(functions.body.toString('utf8')) as { functions: unknown[] }).functions).toHaveLength(13);
    // Nothing outside the add-in's folder, and nothing outside its path.
    expect((await get(`${base}..%2f..%2fpackage.json`, ca)).status).toBe(404);
    expect((await get(`${base.replace('/insdesk/', '/')}taskpane.html`, ca)).status).toBe(404);
  } finally {
    server.kill();
    fs.rmSync(certDir, { recursive: true, force: true });
  }
}, 60_000);

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

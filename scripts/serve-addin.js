#!/usr/bin/env node
/**
 * Serves the built add-in (dist/addin) over HTTPS from an agency's own server, with the
 * agency's certificate, and writes the manifest for that address (docs/deploy.md):
 *
 *   npm run build
 *   npm run serve:addin -- --url https://oa.example.cn:8443/insdesk/ --cert server.crt --key server.key
 *
 * Office loads add-ins over HTTPS only, so an http:// address is refused. Caching: the bundles
 * are named by their content and cached for a year; the page, manifest and functions.json are
 * revalidated on every load (a new version shows at once); the icons carry no Cache-Control at
 * all — Office for Windows fails to show ribbon icons sent with no-cache.
 */
'use strict';
const fs = require('node:fs');
const https = require('node:https');
const path = require('node:path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};
/** A bundle webpack named by its content: main.1a2b3c4d.js. */
const HASHED = /\.[0-9a-f]{8}\.js$/;

function usage(message) {
  console.error(`serve-addin: ${message}`);
  console.error(
    'usage: npm run serve:addin -- --url https://主机[:端口]/路径/ --cert 证书.crt --key 私钥.key [--dir dist/addin] [--host 0.0.0.0]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { dir: path.join(__dirname, '..', 'dist', 'addin'), host: '0.0.0.0' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (!['--url', '--cert', '--key', '--dir', '--host'].includes(flag)) usage(`unknown option: ${flag}`);
    if (value === undefined) usage(`${flag} needs a value`);
    opts[flag.slice(2)] = value;
  }
  if (!opts.url || !opts.cert || !opts.key) usage('--url, --cert and --key are required');
  if (!/^https:\/\//i.test(opts.url))
    usage(`--url must be an https:// address (Office loads add-ins over HTTPS only): ${opts.url}`);
  return opts;
}

/** The built manifest pointed at `url`: every address of the one it was built for is replaced. */
function manifestFor(source, url) {
  const page = /<SourceLocation DefaultValue="([^"]+)taskpane\.html"\/>/.exec(source);
  if (!page) throw new Error('manifest.xml has no SourceLocation for taskpane.html: is this a built add-in?');
  return source.split(page[1]).join(url);
}

function cacheControl(file) {
  if (HASHED.test(file)) return 'public, max-age=31536000, immutable';
  if (file.endsWith('.png')) return undefined;
  return 'no-cache';
}

function serve(opts) {
  const url = new URL(opts.url.replace(/\/?$/, '/'));
  const root = path.resolve(opts.dir);
  const manifestPath = path.join(root, 'manifest.xml');
  if (!fs.existsSync(manifestPath)) usage(`${manifestPath} not found: run \`npm run build\` first`);
  fs.writeFileSync(manifestPath, manifestFor(fs.readFileSync(manifestPath, 'utf8'), url.href));

  const server = https.createServer(
    { cert: fs.readFileSync(opts.cert), key: fs.readFileSync(opts.key) },
    (req, res) => {
      const pathname = decodeURIComponent(new URL(req.url, url).pathname);
      const file = pathname.startsWith(url.pathname) ? path.join(root, pathname.slice(url.pathname.length)) : '';
      const inside = file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile();
      if (!inside || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(inside ? 405 : 404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(inside ? 'method not allowed' : 'not found');
        return;
      }
      const headers = {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'X-Content-Type-Options': 'nosniff',
        // Excel on the web fetches functions.json from its own origin.
        'Access-Control-Allow-Origin': '*',
      };
      const cache = cacheControl(file);
      if (cache) headers['Cache-Control'] = cache;
      res.writeHead(200, headers);
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(file).pipe(res);
    },
  );
  const port = Number(url.port || 443);
  server.listen(port, opts.host, () => {
    console.log(`内勤工具加载项已在 ${url.href} 提供（HTTPS）`);
    console.log(`清单: ${manifestPath} —— 上传到 Microsoft 365 管理中心（集中部署），或放入共享文件夹目录`);
  });
  return server;
}

if (require.main === module) serve(parseArgs(process.argv.slice(2)));

module.exports = { manifestFor, cacheControl };

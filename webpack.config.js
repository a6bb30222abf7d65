/**
 * Builds the Excel add-in into dist/addin: one page (taskpane.html) that loads the task-pane
 * bundle (the pane and the ribbon commands) and the custom-function bundle — with the shared
 * runtime they all live in that page — plus functions.json (generated from the JSDoc of
 * functions/functions.ts), the icons and the manifest.
 *
 *   npm run build                      production build, offline, no certificates needed
 *   npm run dev-server                 https://localhost:3000 with office-addin-dev-certs
 *   webpack --env url=https://host/x/  production build whose manifest points at that host
 *   webpack --env officeJs=https://…/office.js
 *                                      load Office.js from another address (a tenant operated by
 *                                      世纪互联, or a copy on the agency's own server)
 */
const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');

const DEV_URL = 'https://localhost:3000/';
/**
 * manifest.xml carries the development Id (npm start sideloads it against the dev server); a
 * production build gets its own, so a developer's sideloaded copy and the one IT deploys never
 * replace each other in Excel.
 */
const DEV_ID = '72dc19d0-b1ca-4349-a40e-b31eb2de8e7c';
const PROD_ID = 'b7f3c6a2-5d41-4e8b-9a6f-2c1d0e7f4a93';
/** Office wants four numbers; package.json has three. */
const MANIFEST_VERSION = `${require('./package.json').version}.0`;
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** Office loads add-ins over HTTPS only: an http:// address would build an add-in no Excel opens. */
function httpsOnly(what, value) {
  if (!/^https:\/\//i.test(value))
    throw new Error(`${what} must be an https:// address (Office loads add-ins over HTTPS only): ${value}`);
  return value;
}
const DEV_PORT = 3000;

/**
 * The engine is browser-safe except src/io and src/cli (Node-only): fail the build if they sneak
 * in. Three readers in src/io are browser-safe on purpose (the pane reads picked files with them).
 */
const BROWSER_SAFE_IO = [
  'errors.ts',
  'csv.ts',
  'sheetjsGrids.ts',
  'reportBook.ts',
  'splitBook.ts',
  'crmBook.ts',
  'chartParts.ts',
  'upgradeZip.ts',
].map((f) => path.join(__dirname, 'src', 'io', f));
class NodeOnlyGuardPlugin {
  apply(compiler) {
    const forbidden = ['io', 'cli'].map((dir) => path.join(__dirname, 'src', dir) + path.sep);
    compiler.hooks.compilation.tap('NodeOnlyGuardPlugin', (compilation) => {
      compilation.hooks.finishModules.tap('NodeOnlyGuardPlugin', (modules) => {
        for (const m of modules) {
          const file = m.resource || '';
          if (forbidden.some((dir) => file.startsWith(dir)) && !BROWSER_SAFE_IO.includes(file)) {
            compilation.errors.push(
              new webpack.WebpackError(
                `${path.relative(__dirname, file)} is Node-only and must not be bundled into the add-in`,
              ),
            );
          }
        }
      });
    });
  }
}

/** The manifest for the address the add-in is served from: its Id by build kind, its version from package.json. */
function builtManifest(source, publicUrl, dev) {
  return source
    .split(DEV_URL)
    .join(publicUrl)
    .replace(`<Id>${DEV_ID}</Id>`, `<Id>${dev ? DEV_ID : PROD_ID}</Id>`)
    .replace(/<Version>[^<]*<\/Version>/, `<Version>${MANIFEST_VERSION}</Version>`);
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  const serving = Boolean(env.WEBPACK_SERVE);
  const publicUrl = env.url ? httpsOnly('--env url', String(env.url)).replace(/\/?$/, '/') : DEV_URL;
  const officeJs = env.officeJs ? httpsOnly('--env officeJs', String(env.officeJs)) : OFFICE_JS;

  const config = {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    entry: {
      // The ribbon commands ride in the task pane's bundle: one module instance of the progress
      // sink and period prompt the pane plugs in, whichever the page loads first.
      taskpane: ['./taskpane/taskpane.ts', './commands/index.ts'],
      functions: './functions/functions.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist/addin'),
      // Production bundles are named by their content, so a server may cache them for good
      // (scripts/serve-addin.js does) and a new version is never served from a stale cache —
      // all but functions.js, whose name the manifest gives (Functions.Script.Url).
      filename: (data) => (dev || data.chunk?.name === 'functions' ? '[name].js' : '[name].[contenthash:8].js'),
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
    },
    // One file per lazily loaded part (SheetJS, exceljs with the report writer): no shared
    // vendor chunks, so the pane loads exactly what a feature needs and the files are known.
    optimization: { splitChunks: false },
    resolve: {
      extensions: ['.ts', '.js'],
      // exceljs's own browser build: its Node entry needs fs and streams. Loaded as a chunk of
      // its own, the first time a report is opened as a workbook.
      alias: { exceljs$: path.resolve(__dirname, 'node_modules/exceljs/dist/exceljs.min.js') },
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            // es2017: Office on Windows may still host add-ins in the EdgeHTML web view.
            options: { jsc: { parser: { syntax: 'typescript' }, target: 'es2017' } },
          },
        },
      ],
    },
    plugins: [
      new NodeOnlyGuardPlugin(),
      new CustomFunctionsMetadataPlugin({ input: './functions/functions.ts', output: 'functions.json' }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './taskpane/taskpane.html',
        chunks: ['taskpane', 'functions'],
        templateParameters: { officeJs },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'taskpane/help.html', to: 'help.html' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => Buffer.from(builtManifest(content.toString(), publicUrl, dev)),
          },
        ],
      }),
    ],
    performance: { hints: false },
  };

  if (serving) {
    // Only the dev server needs certificates (trusted by `office-addin-dev-certs install`).
    const devCerts = require('office-addin-dev-certs');
    config.devServer = {
      port: DEV_PORT,
      server: { type: 'https', options: await devCerts.getHttpsServerOptions() },
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      hot: false,
    };
  }
  return config;
};

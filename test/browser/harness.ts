/**
 * The task pane in a real browser: the add-in built with the project's own webpack config,
 * served from 127.0.0.1, opened in Debian's Chromium through playwright-core. Office.js is
 * the one thing swapped: the page's request for it on Microsoft's CDN is answered with the
 * shim (shim.ts), whose Excel.run works on the strict Excel fake. Every other request that
 * leaves the local server is refused, so the tests never touch the network.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FakeSetup } from './shim';

const ROOT = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test/artifacts/forms');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** The date the pane's clock shows (Beijing time), so date rules give the same answer every day. */
export const TODAY = '2026-10-08';

type WebpackConfig = Record<string, unknown> & { output: Record<string, unknown>; module: { rules: unknown[] } };
type Webpack = (
  configs: WebpackConfig[],
  done: (err: Error | null, stats?: { hasErrors(): boolean; toString(o: unknown): string }) => void,
) => void;

/** Builds the add-in (development mode: no minifying) and the Office.js shim into a temporary folder. */
async function build(out: string): Promise<void> {
  const webpack = require('webpack') as Webpack;
  const makeConfig = require(path.join(ROOT, 'webpack.config.js')) as (
    env: unknown,
    argv: unknown,
  ) => Promise<WebpackConfig>;
  const addin = await makeConfig({}, { mode: 'development' });
  addin.output = { ...addin.output, path: out, clean: false };
  addin.devtool = false;
  const shim: WebpackConfig = {
    mode: 'development',
    devtool: false,
    entry: { 'office-shim': path.join(__dirname, 'shim.ts') },
    output: { path: out, filename: '[name].js' },
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: addin.module.rules },
  };
  await new Promise<void>((resolve, reject) =>
    webpack([addin, shim], (err, stats) => {
      if (err) reject(err);
      else if (stats?.hasErrors()) reject(new Error(stats.toString('errors-only')));
      else resolve();
    }),
  );
}

/**
 * The add-in built once per test run: the first test file to get here builds it into the run's
 * folder (globalSetup.js) while holding a lock; the others wait for its `done` mark. Without
 * the folder (a harness used outside jest) it builds into a folder of its own.
 */
async function sharedBuild(): Promise<{ dir: string; owned: boolean }> {
  const shared = process.env.INSDESK_PANE_BUILD;
  if (!shared) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insdesk-pane-'));
    await build(dir);
    return { dir, owned: true };
  }
  const dir = path.join(shared, 'addin');
  const done = path.join(shared, 'done');
  try {
    fs.mkdirSync(path.join(shared, 'lock'));
  } catch {
    // Another test file is building it: wait for the mark (or its failure, which leaves none).
    for (let waited = 0; !fs.existsSync(done); waited += 200) {
      if (waited > 300_000) throw new Error('the shared task-pane build did not finish');
      await new Promise((r) => setTimeout(r, 200));
    }
    return { dir, owned: false };
  }
  fs.mkdirSync(dir, { recursive: true });
  await build(dir);
  fs.writeFileSync(done, '');
  return { dir, owned: false };
}

function serve(dir: string): Promise<http.Server> {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.json': 'application/json',
    '.png': 'image/png',
    '.xml': 'application/xml',
  };
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export interface Pane {
  page: Page;
  /** Uncaught errors of the page: a test expects none. */
  errors: string[];
}

export class PaneHarness {
  private dir = '';
  private ownsDir = false;
  private server?: http.Server;
  private browser?: Browser;
  private origin = '';
  private contexts: BrowserContext[] = [];

  async start(): Promise<void> {
    const built = await sharedBuild();
    this.dir = built.dir;
    this.ownsDir = built.owned;
    this.server = await serve(this.dir);
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--lang=zh-CN',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
    if (this.dir && this.ownsDir) fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** A fresh page 360×900 (Excel's side panel) showing the pane over a fake workbook. */
  async open(setup: FakeSetup): Promise<Pane> {
    const context = await this.browser!.newContext({
      viewport: { width: 360, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    this.contexts.push(context);
    const page = await context.newPage();
    // Everything here is local and quick: a wait that long means the pane is stuck.
    page.setDefaultTimeout(5000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.clock.setFixedTime(new Date(`${TODAY}T09:30:00+08:00`));
    await page.addInitScript((s) => {
      (window as unknown as { __fakeSetup: unknown }).__fakeSetup = s;
    }, setup);
    const shim = fs.readFileSync(path.join(this.dir, 'office-shim.js'), 'utf8');
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS) return route.fulfill({ contentType: 'text/javascript', body: shim });
      if (url.startsWith(this.origin)) return route.continue();
      return route.abort();
    });
    await page.goto(`${this.origin}/taskpane.html`);
    await ready(page);
    return { page, errors };
  }

  /** The page as it loads where Microsoft's CDN is blocked: the request for office.js fails. */
  async openWithoutOffice(): Promise<Pane> {
    const context = await this.browser!.newContext({ viewport: { width: 360, height: 900 }, locale: 'zh-CN' });
    this.contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.route('**/*', (route) =>
      route.request().url().startsWith(this.origin) ? route.continue() : route.abort('blockedbyclient'),
    );
    await page.goto(`${this.origin}/taskpane.html`);
    return { page, errors };
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.contexts.splice(0).map((c) => c.close()));
  }
}

/** The pane has read the workbook: a target line and no Excel call running. */
export async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const target = document.querySelector('#target');
    const save = document.querySelector<HTMLButtonElement>('#save');
    return !!target?.textContent && !!save && !save.disabled;
  });
}

export async function pick(page: Page, form: string): Promise<void> {
  await page.selectOption('#form-picker', form);
  await page.waitForFunction((id) => document.querySelector(`.form-panel[data-form="${id}"]`) !== null, form);
  await ready(page);
}

export const field = (page: Page, key: string) => page.locator(`#f-${key}`);

/** The messages under a field, as the clerk reads them. */
export async function messages(page: Page, key: string): Promise<string[]> {
  return page.locator(`[data-field="${key}"] .msg`).allTextContents();
}

export async function status(page: Page): Promise<string> {
  return (await page.locator('#status').innerText()).trim();
}

export async function shot(page: Page, name: string): Promise<string> {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Waits for the pane to finish a save or a read. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('#save')?.disabled);
}

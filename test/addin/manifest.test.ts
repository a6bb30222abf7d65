/**
 * Offline checks of manifest.xml and of the custom-function metadata: what Excel would
 * otherwise only reveal when sideloading fails (`npm run validate` needs the network).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ManifestInfo } from 'office-addin-manifest';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { RIBBON_ACTIONS } from '../../commands/ribbon';
import { child, descendants, parseXml } from './xmlTree';
import type { XmlElement } from './xmlTree';

const ROOT = path.resolve(__dirname, '../..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const FUNCTIONS = path.join(ROOT, 'functions/functions.ts');
const DEV_URL = 'https://localhost:3000/';

const officeApp = parseXml(fs.readFileSync(MANIFEST, 'utf8'));
const overrides = child(officeApp, 'VersionOverrides');
const host = child(child(overrides, 'Hosts'), 'Host');
const resources = child(overrides, 'Resources');

const resourceIds = (group: string): Map<string, string> =>
  new Map(child(resources, group).children.map((e) => [e.attrs.id, e.attrs.DefaultValue]));
const images = resourceIds('bt:Images');
const urls = resourceIds('bt:Urls');
const shortStrings = resourceIds('bt:ShortStrings');
const longStrings = resourceIds('bt:LongStrings');

const names = (el: XmlElement): string[] => el.children.map((c) => c.name);

/** `actual` uses only names from `order`, in that order (optional elements may be missing). */
function inSchemaOrder(actual: string[], order: string[]): boolean {
  let i = 0;
  for (const n of actual) {
    const j = order.indexOf(n, i);
    if (j < 0) return false;
    i = j;
  }
  return true;
}

describe('manifest.xml', () => {
  test("parses with office-addin-manifest's reader", () => {
    // In a plain Node process: the package loads an ES module that jest's require cannot.
    const script = `require('office-addin-manifest').OfficeAddinManifest.readManifestFile(${JSON.stringify(MANIFEST)}).then((m) => process.stdout.write(JSON.stringify(m)))`;
    const info = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }),
    ) as ManifestInfo;
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.displayName).toContain('内勤工具');
    expect(info.defaultSettings?.sourceLocation).toBe(`${DEV_URL}taskpane.html`);
  });

  test('elements follow the schema order (OfficeApp 1.1, task pane VersionOverrides 1.0)', () => {
    const officeAppOrder = [
      'Id',
      'AlternateId',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'IconUrl',
      'HighResolutionIconUrl',
      'SupportUrl',
      'AppDomains',
      'Hosts',
      'Requirements',
      'DefaultSettings',
      'Permissions',
      'AllowSnapshot',
      'VersionOverrides',
    ];
    expect(inSchemaOrder(names(officeApp), officeAppOrder)).toBe(true);
    expect(overrides.attrs['xsi:type']).toBe('VersionOverridesV1_0');
    expect(
      inSchemaOrder(names(overrides), [
        'Description',
        'Requirements',
        'Hosts',
        'Resources',
        'WebApplicationInfo',
        'EquivalentAddins',
      ]),
    ).toBe(true);
    // The shared runtime must come first in the host, before the form factors.
    expect(names(host)).toEqual(['Runtimes', 'AllFormFactors', 'DesktopFormFactor']);
    const desktop = child(host, 'DesktopFormFactor');
    expect(names(desktop)).toEqual(['GetStarted', 'FunctionFile', 'ExtensionPoint']);
    const cf = child(child(host, 'AllFormFactors'), 'ExtensionPoint');
    expect(names(cf)).toEqual(['Script', 'Page', 'Metadata', 'Namespace']);
    expect(names(resources)).toEqual(['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings']);

    const tab = child(child(desktop, 'ExtensionPoint'), 'CustomTab');
    // In a custom tab the groups come first and the tab's label last.
    expect(names(tab)).toEqual(['Group', 'Label']);
    const group = child(tab, 'Group');
    expect(inSchemaOrder(names(group), ['Label', 'Icon', 'Control'])).toBe(true);
    for (const control of group.children.filter((c) => c.name === 'Control')) {
      expect(names(control)).toEqual(['Label', 'Supertip', 'Icon', 'Action']);
      expect(names(child(control, 'Supertip'))).toEqual(['Title', 'Description']);
      expect(child(control, 'Icon').children.map((i) => i.attrs.size)).toEqual(['16', '32', '80']);
    }
  });

  test('shared runtime: one long-lived page runs the ribbon, the task pane and the custom functions', () => {
    const sets = child(child(officeApp, 'Requirements'), 'Sets').children.map((s) => [
      s.attrs.Name,
      s.attrs.MinVersion,
    ]);
    expect(sets).toEqual(
      expect.arrayContaining([
        ['SharedRuntime', '1.1'],
        ['CustomFunctionsRuntime', '1.2'],
      ]),
    );
    expect(child(child(host, 'Runtimes'), 'Runtime').attrs).toEqual({ resid: 'Taskpane.Url', lifetime: 'long' });
    const cf = child(child(host, 'AllFormFactors'), 'ExtensionPoint');
    expect(cf.attrs['xsi:type']).toBe('CustomFunctions');
    expect(child(child(cf, 'Page'), 'SourceLocation').attrs.resid).toBe('Taskpane.Url');
    expect(child(child(host, 'DesktopFormFactor'), 'FunctionFile').attrs.resid).toBe('Taskpane.Url');
    expect(shortStrings.get(child(cf, 'Namespace').attrs.resid)).toBe('INS');
    expect(urls.get('Taskpane.Url')).toBe(`${DEV_URL}taskpane.html`);
    expect(urls.get(child(child(cf, 'Metadata'), 'SourceLocation').attrs.resid)).toBe(`${DEV_URL}functions.json`);
    expect(urls.get(child(child(cf, 'Script'), 'SourceLocation').attrs.resid)).toBe(`${DEV_URL}functions.js`);
  });

  test('the 内勤工具 tab’s buttons run their commands; 录入表单 opens the task pane', () => {
    const tab = child(child(child(host, 'DesktopFormFactor'), 'ExtensionPoint'), 'CustomTab');
    expect(shortStrings.get(child(tab, 'Label').attrs.resid)).toBe('内勤工具');
    const controls = child(tab, 'Group').children.filter((c) => c.name === 'Control');
    const buttons = controls.map((c) => {
      const action = child(c, 'Action');
      return [
        shortStrings.get(child(c, 'Label').attrs.resid),
        action.attrs['xsi:type'],
        action.attrs['xsi:type'] === 'ExecuteFunction'
          ? child(action, 'FunctionName').text
          : child(action, 'SourceLocation').attrs.resid,
      ];
    });
    expect(buttons).toEqual([
      ['校验', 'ExecuteFunction', RIBBON_ACTIONS.validate],
      ['月度统计', 'ExecuteFunction', RIBBON_ACTIONS.stats],
      ['昨日日报', 'ExecuteFunction', RIBBON_ACTIONS.daily],
      ['CRM导入', 'ExecuteFunction', RIBBON_ACTIONS.crm],
      ['结算对账', 'ExecuteFunction', RIBBON_ACTIONS.settle],
      ['按部门拆分', 'ExecuteFunction', RIBBON_ACTIONS.split],
      ['升级为工具', 'ExecuteFunction', RIBBON_ACTIONS.upgrade],
      ['恢复升级前', 'ExecuteFunction', RIBBON_ACTIONS.restore],
      ['录入表单', 'ShowTaskpane', 'Taskpane.Url'],
    ]);
    const ids = descendants(officeApp)
      .filter((e) => e.attrs.id && !e.name.startsWith('bt:'))
      .map((e) => e.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every resid resolves to a resource of the right kind, within the length limits', () => {
    const kindOf = (el: XmlElement): Map<string, string> => {
      if (el.name === 'bt:Image') return images;
      if (el.name === 'Description') return longStrings; // of Supertip and GetStarted
      if (['Label', 'Title', 'Namespace'].includes(el.name)) return shortStrings;
      return urls; // Runtime, SourceLocation, FunctionFile, LearnMoreUrl
    };
    const refs = descendants(child(overrides, 'Hosts')).filter((e) => e.attrs.resid !== undefined);
    expect(refs.length).toBeGreaterThan(40);
    for (const el of refs) {
      const pool = kindOf(el);
      expect({ resid: el.attrs.resid, found: pool.has(el.attrs.resid) }).toEqual({
        resid: el.attrs.resid,
        found: true,
      });
      expect(el.attrs.resid.length).toBeLessThanOrEqual(32);
    }
    for (const v of shortStrings.values()) expect(v.length).toBeLessThanOrEqual(125);
    for (const v of longStrings.values()) expect(v.length).toBeLessThanOrEqual(250);
    // Nothing is defined that nothing uses.
    const used = new Set(refs.map((e) => e.attrs.resid));
    for (const id of [...images.keys(), ...urls.keys(), ...shortStrings.keys(), ...longStrings.keys()])
      expect({ id, used: used.has(id) }).toEqual({ id, used: true });
  });

  test('every URL is https, on the dev server, and every image is a PNG of the stated size in assets/', () => {
    const urlValues = descendants(officeApp)
      .flatMap((e) => Object.entries(e.attrs))
      .filter(([k, v]) => !k.startsWith('xmlns') && /^[a-z]+:\/\//i.test(v))
      .map(([, v]) => v);
    expect(urlValues.length).toBeGreaterThan(20);
    for (const u of urlValues) expect(u.startsWith(DEV_URL)).toBe(true);

    for (const img of descendants(officeApp).filter((e) => e.name === 'bt:Image' && e.attrs.size)) {
      const file = path.join(ROOT, new URL(images.get(img.attrs.resid)!).pathname);
      const png = fs.readFileSync(file);
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(img.attrs.size), Number(img.attrs.size)]);
    }
    for (const tag of ['IconUrl', 'HighResolutionIconUrl']) {
      const file = path.join(ROOT, new URL(child(officeApp, tag).attrs.DefaultValue).pathname);
      expect(fs.existsSync(file)).toBe(true);
    }
  });
});

describe('functions.json (custom-functions-metadata, as the webpack plugin runs it)', () => {
  const EXPECTED = [
    'PHONE',
    'PLATE',
    'VIN',
    'IDCARD',
    'USCC',
    'IDINFO',
    'MASK',
    'DAYSTO',
    'RENEWALSTATUS',
    'CLAIMOVERDUE',
    'COMMISSION',
    'SCORE',
    'CHECK',
  ];

  test('lists every custom function of functions.ts with Chinese and English descriptions', async () => {
    const result = await generateCustomFunctionsMetadata(FUNCTIONS);
    expect(result.errors).toEqual([]);
    const metadata = JSON.parse(result.metadataJson) as {
      functions: {
        id: string;
        name: string;
        description: string;
        parameters: { name: string; description?: string }[];
      }[];
    };
    expect(metadata.functions.map((f) => f.id)).toEqual(EXPECTED);
    const tagged = fs.readFileSync(FUNCTIONS, 'utf8').match(/@customfunction\b/g) ?? [];
    expect(tagged).toHaveLength(EXPECTED.length);
    for (const f of metadata.functions) {
      expect(f.name).toBe(f.id);
      expect(f.description).toMatch(/[\u4e00-\u9fff]/);
      expect(f.description).toMatch(/[A-Za-z]{4,}/);
      for (const p of f.parameters)
        expect({ fn: f.id, param: p.name, described: Boolean(p.description) }).toEqual({
          fn: f.id,
          param: p.name,
          described: true,
        });
    }
    // Every function is associated with its JavaScript implementation in the bundle.
    expect(result.associate.map((a) => a.id)).toEqual(EXPECTED);
  });
});

/**
 * upgrade keeps every original value where it was (cell by cell, converted cells listed on
 * 升级记录), is idempotent (a second run changes nothing), and never overwrites its input.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { buildTemplate, upgradeXlsx, LOG_SHEET } from '../../src/io/upgradeOut';
import { main } from '../../src/cli/main';
import { edgeWorkbook } from './fixtures';

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const plain = (v: ExcelJS.CellValue): unknown => (v instanceof Date ? v.toISOString() : v && typeof v === 'object' && 'formula' in v ? { f: v.formula, r: plain(v.result as ExcelJS.CellValue) } : v);

function cells(wb: ExcelJS.Workbook): Map<string, unknown> {
  const out = new Map<string, unknown>();
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => out.set(`${ws.name}!${c.address}`, plain(c.value)))));
  return out;
}

let input: Buffer;
let first: Awaited<ReturnType<typeof upgradeXlsx>>;
let second: Awaited<ReturnType<typeof upgradeXlsx>>;

beforeAll(async () => {
  input = await edgeWorkbook();
  first = await upgradeXlsx(input);
  second = await upgradeXlsx(first.bytes);
});

test('every original cell keeps its value, except converted cells, each listed on 升级记录 with its old text', async () => {
  const before = cells(await load(input));
  const upgraded = await load(first.bytes);
  const after = cells(upgraded);
  const converted = new Map(first.records.filter((r) => r.before && r.after).map((r) => [`${r.sheet}!${r.cell}`, r]));
  expect(converted.size).toBe(8);
  for (const [address, value] of before) {
    const r = converted.get(address);
    if (!r) expect([address, after.get(address)]).toEqual([address, value]);
    else {
      expect(value).toBe(r.before);
      const now = after.get(address);
      expect(typeof now === 'string' ? now.slice(0, 10) : String(now)).toBe(r.after.replace(/\.00$/, '').replace(/^(\d+)\.(\d)0$/, '$1.$2'));
    }
  }
  expect(converted.get('续保!D7')).toEqual(expect.objectContaining({ before: '2024/2/27', after: '2024-02-27', note: '文本日期转为日期' }));
  expect(converted.get('承保台账!G2')).toEqual(expect.objectContaining({ before: '1,234.50', after: '1234.50' }));
  // Text that cannot be read stays as it was, and is listed.
  expect(after.get('续保!D11')).toBe('不详');
  const log = upgraded.getWorksheet(LOG_SHEET)!;
  const notes: string[] = [];
  log.eachRow((row) => notes.push(`${row.getCell(1).value}!${row.getCell(2).value} ${row.getCell(6).value}`));
  expect(notes).toEqual(expect.arrayContaining(['续保!D7 文本日期转为日期', expect.stringMatching(/^续保!D11 无法识别，保持原样/)]));
  // Header wording, extra columns and the title rows are untouched; formula columns come after them.
  expect(after.get('续保!A1')).toBe('续保清单（2024年3月）');
  expect(after.get('续保!H3')).toBe('备注');
  expect(after.get('续保!I3')).toBe('距到期天数');
  expect(after.get('承保台账!K1')).toBe('客户经理备注');
  expect([after.get('承保台账!L1'), after.get('承保台账!M1')]).toEqual(['未缴保费', '代理费']);
});

test('the formula cells carry the engine value as their cached result', async () => {
  const after = cells(await load(first.bytes));
  expect(after.get('承保台账!L2')).toEqual({ f: 'IF(ISNUMBER(G2),ROUND(G2-N(H2),2),"")', r: 234.3 });
  expect(after.get('续保!J4')).toEqual({ f: expect.stringContaining('已续保'), r: '已过期' });
});

async function everything(bytes: Buffer) {
  const wb = await load(bytes);
  const sheets: unknown[] = [];
  wb.eachSheet((ws) => {
    const x = ws as unknown as { dataValidations: { model: unknown }; conditionalFormattings: unknown };
    sheets.push({ name: ws.name, views: ws.views, dv: x.dataValidations.model, cf: x.conditionalFormattings, widths: ws.columns?.map((c) => c.width) });
  });
  const zip = await JSZip.loadAsync(bytes);
  const tables = await Promise.all(Object.keys(zip.files).filter((f) => f.startsWith('xl/tables/') && f.endsWith('.xml')).sort().map((f) => zip.file(f)!.async('string')));
  return { cells: [...cells(wb)], sheets, tables, names: (wb.definedNames as unknown as { model: unknown }).model };
}

test('a second run changes nothing: cells, formulas, tables, validations, formats, names', async () => {
  expect(second.records).toEqual([]);
  expect(await everything(second.bytes)).toEqual(await everything(first.bytes));
});

test('a new template is already an upgraded workbook: upgrading it changes nothing', async () => {
  const template = await buildTemplate('contracts', { rows: 50 });
  const again = await upgradeXlsx(template);
  expect(again.records).toEqual([]);
  expect(await everything(again.bytes)).toEqual(await everything(template));
});

test('insdesk upgrade writes the copy and refuses to overwrite the input', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'insdesk-upgrade-'));
  const src = join(dir, '台账.xlsx');
  writeFileSync(src, input);
  const out: string[] = [];
  const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => out.push(s) } };
  expect(await main(['upgrade', src, '--out', src], io as never)).toBe(2);
  expect(out.join('')).toContain('不能与输入文件相同');
  expect(readFileSync(src).equals(input)).toBe(true);
  expect(await main(['upgrade', src, '--out', join(dir, '台账-升级.xlsx'), '--json'], io as never)).toBe(0);
  const json = JSON.parse(out[out.length - 1]);
  expect(json.ledgers.map((l: { table: string }) => l.table).sort()).toEqual(['claims', 'collections', 'contracts', 'issuance', 'renewal']);
  expect(await main(['template', 'renewal', '--out', join(dir, '续保.xlsx')], io as never)).toBe(0);
  expect(readFileSync(join(dir, '续保.xlsx')).length).toBeGreaterThan(10_000);
});

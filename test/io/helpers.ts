/** Builders for real files the io tests write to a temp dir and read back. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { InputError } from '../../src/io/errors';

export function makeTempDir(): {
  dir: string;
  file: (name: string, data?: Uint8Array | string) => string;
  cleanup: () => void;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insdesk-io-'));
  return {
    dir,
    file(name, data) {
      const p = path.join(dir, name);
      if (data !== undefined) fs.writeFileSync(p, data);
      return p;
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Awaits `promise`, expecting the one-line InputError a clerk would see. */
export async function inputError(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof InputError) return err;
    throw new Error(`expected an InputError, got: ${(err as Error)?.stack ?? String(err)}`);
  }
  throw new Error('expected an InputError, but the read succeeded');
}

/** A small but real ledger workbook (one sheet unless more are added by `extra`). */
export async function ledgerXlsx(extra?: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('承保台账');
  ws.addRow(['承保台账（2026年10月）']);
  ws.mergeCells('A1:D1');
  ws.addRow(['出单日期', '保单号', '保费', '备注']);
  ws.addRow([new Date(Date.UTC(2026, 9, 5)), 'PDAA202611010000000001', 1234.5, '首年']);
  extra?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The entries of a zip (e.g. an xlsx written by exceljs), to rebuild it with changes. */
export async function unzipEntries(buf: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(buf);
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) {
    const f = zip.files[name];
    if (!f.dir) out.set(name, await f.async('nodebuffer'));
  }
  return out;
}

export async function jszipOf(entries: Map<string, Buffer | string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of entries) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

export interface RawEntry {
  name: string;
  data: Buffer | string;
  /** Stored instead of deflated. */
  store?: boolean;
  /** The uncompressed size written into both headers, when it should lie. */
  declaredSize?: number;
}

/**
 * A minimal zip writer (no data descriptors, no ZIP64) so tests can build archives that
 * jszip would refuse to produce: lying size fields, thousands of entries.
 */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
    const body = e.store ? data : zlib.deflateRawSync(data);
    const method = e.store ? 0 : 8;
    const usz = e.declaredSize ?? data.length;
    const crc = zlib.crc32(data);
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(usz, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(usz, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** The entries of a real exceljs workbook with some parts replaced, as RawEntry[]. */
export async function xlsxWith(replace: Record<string, string | Buffer>, base?: Buffer): Promise<RawEntry[]> {
  const entries = await unzipEntries(base ?? (await ledgerXlsx()));
  for (const [name, data] of Object.entries(replace))
    entries.set(name, typeof data === 'string' ? Buffer.from(data) : data);
  return [...entries].map(([name, data]) => ({ name, data }));
}

/** A worksheet part with the given cells (inline strings) and extra XML after sheetData. */
export function sheetXml(opts: { dimension?: string; cells: [string, string | number][]; after?: string }): string {
  const byRow = new Map<number, string[]>();
  for (const [ref, v] of opts.cells) {
    const r = Number(/\d+$/.exec(ref)![0]);
    const cell =
      typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
    byRow.set(r, [...(byRow.get(r) ?? []), cell]);
  }
  const rows = [...byRow].sort((a, b) => a[0] - b[0]).map(([r, cs]) => `<row r="${r}">${cs.join('')}</row>`);
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    (opts.dimension ? `<dimension ref="${opts.dimension}"/>` : '') +
    `<sheetData>${rows.join('')}</sheetData>${opts.after ?? ''}</worksheet>`
  );
}

/**
 * Inspects an xlsx (a zip) before SheetJS sees it, in the spirit of Apache POI's
 * ZipSecureFile. SheetJS trusts the sizes in the zip headers (it allocates the declared
 * uncompressed size up front) and inflates whatever the data holds, so a crafted or damaged
 * file could otherwise exhaust memory. Three passes, cheapest first:
 *
 * 1. structure: End Of Central Directory (and ZIP64 EOCD), central directory and every local
 *    header must lie inside the file — otherwise the file was truncated;
 * 2. declared sizes: entry count, per-entry size, total size and compression ratio;
 * 3. real sizes: every deflated entry is inflated with node:zlib (output counted, never kept),
 *    aborting as soon as it outgrows what its headers declared or the limits — a zip can lie.
 *    The same pass looks for the few XML constructs that make SheetJS loop over a declared
 *    range instead of real cells (hyperlinks over huge ranges; binary .xlsb parts).
 */
import { createInflateRaw } from 'node:zlib';
import { InputError, reasons } from './errors';

export interface ZipLimits {
  /** compressed ÷ uncompressed below this is a bomb, once an entry is past `ratioGraceBytes`. */
  minInflateRatio: number;
  ratioGraceBytes: number;
  /** Largest uncompressed entry (this also bounds any one XML part SheetJS turns into a string). */
  maxEntryBytes: number;
  maxEntries: number;
  maxTotalBytes: number;
  /** SheetJS creates a cell for every cell a hyperlink covers, so huge hyperlink ranges are refused. */
  maxHyperlinkCells: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;

export const DEFAULT_ZIP_LIMITS: ZipLimits = Object.freeze({
  minInflateRatio: 0.01,
  ratioGraceBytes: 100 * KiB,
  maxEntryBytes: 256 * MiB,
  maxEntries: 10_000,
  maxTotalBytes: 1024 * MiB,
  maxHyperlinkCells: 1_000_000,
});

export interface ZipSummary {
  /** Entry names as stored (byte-per-char, as SheetJS reads them). */
  names: string[];
  /** The archive holds binary (.xlsb-style) sheet parts, which are not supported. */
  binarySheets: boolean;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const FLAG_ENCRYPTED = 0x0001 | 0x0040 | 0x2000;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const INFLATE_CHUNK = 256 * KiB;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  /** What the central directory says; real output must not exceed it. */
  uncompressedSize: number;
  dataStart: number;
}

export async function guardZip(
  buf: Uint8Array,
  file: string,
  limits: Partial<ZipLimits> = {},
): Promise<ZipSummary> {
  const lim: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const entries = readCentralDirectory(b, file, lim);
  const scan = new ContentScan(file, lim);
  let total = 0;
  for (const e of entries) {
    total += await measureEntry(b, e, file, lim, total, scan);
  }
  return { names: entries.map((e) => e.name), binarySheets: scan.binarySheets };
}

function fail(file: string, reason: string): never {
  throw new InputError(file, reason);
}

function u64(b: Buffer, at: number): number {
  return Number(b.readBigUInt64LE(at));
}

/** Passes 1 and 2: structure and declared sizes. */
function readCentralDirectory(b: Buffer, file: string, lim: ZipLimits): Entry[] {
  // SheetJS takes the last EOCD signature in the file; so must we, or we would vet other bytes.
  const eocd = b.lastIndexOf(SIG_EOCD);
  if (eocd < 0 || eocd + 22 > b.length) fail(file, reasons.truncated);
  const count = b.readUInt16LE(eocd + 8);
  if (count !== b.readUInt16LE(eocd + 10)) fail(file, reasons.truncated); // multi-disk, or not an EOCD at all
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdOffset = b.readUInt32LE(eocd + 16);

  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: read the real figures for an accurate message. SheetJS only reads the 32-bit
    // fields, so such an archive is refused even when it is within the limits.
    const loc = eocd - 20;
    if (loc < 0 || b.readUInt32LE(loc) !== SIG_ZIP64_LOCATOR) fail(file, reasons.truncated);
    const z = u64(b, loc + 8);
    if (z + 56 > loc || b.readUInt32LE(z) !== SIG_ZIP64_EOCD) fail(file, reasons.truncated);
    const count64 = u64(b, z + 32);
    if (count64 > lim.maxEntries) fail(file, reasons.tooManyEntries(count64, lim.maxEntries));
    if (u64(b, z + 48) + u64(b, z + 40) > z) fail(file, reasons.truncated);
    fail(file, reasons.unsupportedZip);
  }
  if (count > lim.maxEntries) fail(file, reasons.tooManyEntries(count, lim.maxEntries));
  if (cdOffset + cdSize > eocd) fail(file, reasons.truncated);

  const entries: Entry[] = [];
  let declaredTotal = 0;
  let pos = cdOffset;
  const cdEnd = cdOffset + cdSize;
  for (let i = 0; i < count; i++) {
    if (pos + 46 > cdEnd || b.readUInt32LE(pos) !== SIG_CENTRAL) fail(file, reasons.truncated);
    const flags = b.readUInt16LE(pos + 8);
    const method = b.readUInt16LE(pos + 10);
    let csz = b.readUInt32LE(pos + 20);
    let usz = b.readUInt32LE(pos + 24);
    const nameLen = b.readUInt16LE(pos + 28);
    const extraLen = b.readUInt16LE(pos + 30);
    const commentLen = b.readUInt16LE(pos + 32);
    const localOffset = b.readUInt32LE(pos + 42);
    const next = pos + 46 + nameLen + extraLen + commentLen;
    if (next > cdEnd) fail(file, reasons.truncated);
    const name = b.toString('latin1', pos + 46, pos + 46 + nameLen);
    // SheetJS lets any non-zero ZIP64 extra value override the 32-bit sizes, and allocates
    // the largest size any header declares, so every declared value is checked.
    const cdZip64 = zip64Values(b, pos + 46 + nameLen, extraLen);
    if (cdZip64[0]) usz = cdZip64[0];
    if (cdZip64[1]) csz = cdZip64[1];

    if (localOffset + 30 > b.length || b.readUInt32LE(localOffset) !== SIG_LOCAL) {
      fail(file, reasons.truncated);
    }
    const localFlags = b.readUInt16LE(localOffset + 6);
    const localMethod = b.readUInt16LE(localOffset + 8);
    const localUsz = b.readUInt32LE(localOffset + 22);
    const localNameLen = b.readUInt16LE(localOffset + 26);
    const localExtraLen = b.readUInt16LE(localOffset + 28);
    const dataStart = localOffset + 30 + localNameLen + localExtraLen;
    if (dataStart > b.length) fail(file, reasons.truncated);
    const localZip64 = zip64Values(b, localOffset + 30 + localNameLen, localExtraLen);

    if ((flags | localFlags) & FLAG_ENCRYPTED) fail(file, reasons.encrypted);
    if (localMethod !== method) fail(file, reasons.corrupt);
    if (method !== METHOD_STORED && method !== METHOD_DEFLATE) fail(file, reasons.unsupportedZip);
    if (dataStart + csz > b.length) fail(file, reasons.truncated);
    if (method === METHOD_STORED && csz !== usz) fail(file, reasons.corrupt);

    const declared = Math.max(usz, localUsz, ...cdZip64, ...localZip64);
    if (declared > lim.maxEntryBytes) fail(file, reasons.zipBomb);
    if (declared > lim.ratioGraceBytes && csz / declared < lim.minInflateRatio) fail(file, reasons.zipBomb);
    declaredTotal += declared;
    if (declaredTotal > lim.maxTotalBytes) fail(file, reasons.zipBomb);

    entries.push({ name, method, compressedSize: csz, uncompressedSize: usz, dataStart });
    pos = next;
  }
  return entries;
}

/** The (up to two) 8-byte values of a ZIP64 extra field (id 1), or [] when absent. */
function zip64Values(b: Buffer, start: number, length: number): number[] {
  const end = Math.min(start + length, b.length);
  for (let p = start; p + 4 <= end; ) {
    const id = b.readUInt16LE(p);
    const size = b.readUInt16LE(p + 2);
    if (id === 1) {
      const values: number[] = [];
      for (let v = p + 4; v + 8 <= Math.min(p + 4 + size, end) && values.length < 2; v += 8) {
        values.push(u64(b, v));
      }
      return values;
    }
    p += 4 + size;
  }
  return [];
}

/** Pass 3 for one entry: returns its real uncompressed size. */
function measureEntry(
  b: Buffer,
  e: Entry,
  file: string,
  lim: ZipLimits,
  totalBefore: number,
  scan: ContentScan,
): Promise<number> {
  const data = b.subarray(e.dataStart, e.dataStart + e.compressedSize);
  const scanner = scan.scannerFor(e.name);
  if (e.method === METHOD_STORED) {
    scanner.push(data);
    return Promise.resolve(data.length);
  }
  return new Promise<number>((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK });
    let out = 0;
    let settled = false;
    const stop = (err: unknown) => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      reject(err);
    };
    inflater.on('data', (chunk: Buffer) => {
      if (settled) return;
      out += chunk.length;
      if (
        out > e.uncompressedSize ||
        out > lim.maxEntryBytes ||
        totalBefore + out > lim.maxTotalBytes ||
        (out > lim.ratioGraceBytes && e.compressedSize / out < lim.minInflateRatio)
      ) {
        stop(new InputError(file, reasons.zipBomb));
        return;
      }
      try {
        scanner.push(chunk);
      } catch (err) {
        stop(err);
      }
    });
    // A deflate stream that does not end inside its declared compressed size is damaged,
    // and SheetJS would read past it into the next entry.
    inflater.on('error', (err) => stop(new InputError(file, reasons.truncated, { cause: err })));
    inflater.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(out);
    });
    inflater.end(data);
  });
}

/**
 * Looks through inflated XML for constructs that make SheetJS work per *declared* cell:
 * `<hyperlink ref="A1:XFD1048576">` (SheetJS creates every covered cell), and content types
 * or relationships that route a sheet to SheetJS's binary (.xlsb) parsers, which have the
 * same habit and which this guard does not inspect.
 */
class ContentScan {
  binarySheets = false;
  private hyperlinkCells = 0;

  constructor(
    private readonly file: string,
    private readonly lim: ZipLimits,
  ) {}

  scannerFor(name: string): TagScanner {
    const lower = name.toLowerCase();
    if (lower === 'xl/workbook.bin') this.binarySheets = true;
    const tags = ['hyperlink'];
    if (lower.endsWith('.rels')) tags.push('Relationship');
    if (lower.endsWith('content_types].xml')) tags.push('Override');
    return new TagScanner(tags, (tag, text) => this.onTag(tag, text), this.file);
  }

  private onTag(tag: string, text: string): void {
    if (tag === 'hyperlink') {
      let widest = 0;
      for (const [attr, value] of attributes(text)) {
        if (attr === 'ref') widest = Math.max(widest, sheetjsRangeCells(value));
      }
      this.hyperlinkCells += widest;
      if (this.hyperlinkCells > this.lim.maxHyperlinkCells) {
        throw new InputError(this.file, reasons.hugeHyperlinks(this.hyperlinkCells, this.lim.maxHyperlinkCells));
      }
      return;
    }
    const lower = text.toLowerCase();
    if (/\.bin\s*["']/.test(lower) && /worksheet|chartsheet|macrosheet|dialogsheet|sheet\.binary|sharedstrings|styles/.test(lower)) {
      this.binarySheets = true;
    }
  }
}

/** Attribute names normalised the way SheetJS's parsexmltag does (prefix dropped, lower case, cut at '_'). */
function* attributes(text: string): Generator<[string, string]> {
  const re = /([^\s=<>"'/]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'<>]+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let name = m[1];
    const colon = name.lastIndexOf(':');
    if (colon >= 0) name = name.slice(colon + 1);
    const underscore = name.indexOf('_');
    if (underscore > 0) name = name.slice(0, underscore);
    let value = m[2];
    if (value.startsWith('"') || value.startsWith("'")) value = value.slice(1, -1);
    yield [name.toLowerCase(), value];
  }
}

/** How many cells SheetJS's safe_decode_range makes of `ref` (mirrors its quirks on odd input). */
export function sheetjsRangeCells(ref: string): number {
  const len = ref.length;
  let i = 0;
  let cc = 0;
  const letters = () => {
    let idx = 0;
    for (; i < len; i++) {
      cc = ref.charCodeAt(i) - 64;
      if (cc < 1 || cc > 26) break;
      idx = 26 * idx + cc;
    }
    return idx - 1;
  };
  const digits = () => {
    let idx = 0;
    for (; i < len; i++) {
      cc = ref.charCodeAt(i) - 48;
      if (cc < 0 || cc > 9) break;
      idx = 10 * idx + cc;
    }
    return idx - 1;
  };
  const sc = letters();
  const sr = digits();
  if (i === len || cc !== 10) return 1;
  i++;
  const ec = letters();
  const er = digits();
  if (er < sr || ec < sc) return 0;
  return (er - sr + 1) * (ec - sc + 1);
}

const MAX_TAG_BYTES = 1 * MiB;
const LT = 0x3c;
const GT = 0x3e;
const COLON = 0x3a;

/**
 * Finds `<tag …>` / `<ns:tag …>` in a byte stream delivered in chunks, without keeping more
 * than a short tail (or one unfinished tag) between chunks.
 */
export class TagScanner {
  private readonly needles: { tag: string; bytes: Buffer }[];
  private readonly keep: number;
  private tail: Buffer = Buffer.alloc(0);

  constructor(
    tags: string[],
    private readonly onTag: (tag: string, text: string) => void,
    private readonly file: string,
  ) {
    this.needles = tags.map((tag) => ({ tag, bytes: Buffer.from(tag, 'latin1') }));
    this.keep = Math.max(...tags.map((t) => t.length)) + 2;
  }

  push(chunk: Buffer): void {
    const buf = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    const hits: { at: number; tag: string; len: number }[] = [];
    for (const n of this.needles) {
      for (let at = buf.indexOf(n.bytes, 1); at >= 0; at = buf.indexOf(n.bytes, at + 1)) {
        hits.push({ at, tag: n.tag, len: n.bytes.length });
      }
    }
    if (hits.length > 1) hits.sort((x, y) => x.at - y.at);

    let done = 0;
    for (const h of hits) {
      if (h.at < done) continue;
      const before = buf[h.at - 1];
      if (before !== LT && before !== COLON) continue;
      const after = h.at + h.len;
      if (after >= buf.length) {
        this.carry(buf, h.at - 1);
        return;
      }
      const c = buf[after];
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x2f && c !== GT) continue;
      const gt = buf.indexOf(GT, after);
      const lt = buf.indexOf(LT, after);
      if (lt >= 0 && (gt < 0 || lt < gt)) continue; // not a tag as SheetJS's `<[^<>]*>` patterns see it
      if (gt < 0) {
        this.carry(buf, h.at - 1);
        return;
      }
      this.onTag(h.tag, buf.toString('latin1', after, gt));
      done = gt + 1;
    }
    this.tail = Buffer.from(buf.subarray(Math.max(done, buf.length - this.keep)));
  }

  private carry(buf: Buffer, from: number): void {
    if (buf.length - from > MAX_TAG_BYTES) throw new InputError(this.file, reasons.corrupt);
    this.tail = Buffer.from(buf.subarray(from));
  }
}

/**
 * The zip container of an .xlsx, read the way Apache POI's ZipSecureFile reads it: the central
 * directory is checked against the file before anything is inflated, and every entry that is
 * read is inflated as a stream, held to its declared size, to the limits and to the minimum
 * inflate ratio, and checked against its CRC-32 — one flipped byte must never turn a phone
 * number into another one silently.
 */
import { crc32, createInflateRaw } from 'node:zlib';
import { InputError, reasons } from '../errors';

export interface ZipLimits {
  /** compressed ÷ uncompressed below this is a bomb, once an entry is past `ratioGraceBytes`. */
  minInflateRatio: number;
  ratioGraceBytes: number;
  /** Largest uncompressed entry: a 1,048,576-row sheet must pass, it is streamed, never held. */
  maxEntryBytes: number;
  maxEntries: number;
  maxTotalBytes: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

export const DEFAULT_ZIP_LIMITS: ZipLimits = Object.freeze({
  minInflateRatio: 0.01,
  ratioGraceBytes: 100 * KiB,
  maxEntryBytes: 4 * GiB - 1,
  maxEntries: 10_000,
  maxTotalBytes: 8 * GiB,
});

export interface ZipEntry {
  /** As stored: byte-per-char (OOXML part names are ASCII). */
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc: number;
  dataStart: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const FLAG_ENCRYPTED = 0x0001 | 0x0040 | 0x2000;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const INFLATE_CHUNK = 512 * KiB;
/** Inflated chunks waiting to be parsed before inflating pauses. */
const MAX_WAITING = 4;

function fail(file: string, reason: string): never {
  throw new InputError(file, reason);
}

const u64 = (b: Buffer, at: number): number => Number(b.readBigUInt64LE(at));

/** Structure and declared sizes: nothing is inflated yet. */
export function readZipDirectory(b: Buffer, file: string, lim: ZipLimits): ZipEntry[] {
  const eocd = b.lastIndexOf(SIG_EOCD);
  if (eocd < 0 || eocd + 22 > b.length) fail(file, reasons.truncated);
  const count = b.readUInt16LE(eocd + 8);
  if (count !== b.readUInt16LE(eocd + 10)) fail(file, reasons.truncated); // multi-disk, or not an EOCD at all
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdOffset = b.readUInt32LE(eocd + 16);

  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64 (Excel writes it only past 4 GB, far beyond the file-size cap): the real figures
    // are read for an accurate message, then the archive is refused.
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

  const entries: ZipEntry[] = [];
  let declaredTotal = 0;
  let pos = cdOffset;
  const cdEnd = cdOffset + cdSize;
  for (let i = 0; i < count; i++) {
    if (pos + 46 > cdEnd || b.readUInt32LE(pos) !== SIG_CENTRAL) fail(file, reasons.truncated);
    const flags = b.readUInt16LE(pos + 8);
    const method = b.readUInt16LE(pos + 10);
    const crc = b.readUInt32LE(pos + 16);
    const csz = b.readUInt32LE(pos + 20);
    const usz = b.readUInt32LE(pos + 24);
    const nameLen = b.readUInt16LE(pos + 28);
    const extraLen = b.readUInt16LE(pos + 30);
    const commentLen = b.readUInt16LE(pos + 32);
    const localOffset = b.readUInt32LE(pos + 42);
    const next = pos + 46 + nameLen + extraLen + commentLen;
    if (next > cdEnd) fail(file, reasons.truncated);
    const name = b.toString('latin1', pos + 46, pos + 46 + nameLen);

    if (localOffset + 30 > b.length || b.readUInt32LE(localOffset) !== SIG_LOCAL) fail(file, reasons.truncated);
    const localFlags = b.readUInt16LE(localOffset + 6);
    const localMethod = b.readUInt16LE(localOffset + 8);
    const dataStart = localOffset + 30 + b.readUInt16LE(localOffset + 26) + b.readUInt16LE(localOffset + 28);
    if (dataStart > b.length) fail(file, reasons.truncated);

    if ((flags | localFlags) & FLAG_ENCRYPTED) fail(file, reasons.encrypted);
    if (localMethod !== method) fail(file, reasons.damagedPart(name));
    if (method !== METHOD_STORED && method !== METHOD_DEFLATE) fail(file, reasons.unsupportedZip);
    if (dataStart + csz > b.length) fail(file, reasons.truncated);
    if (method === METHOD_STORED && csz !== usz) fail(file, reasons.damagedPart(name));

    if (usz > lim.maxEntryBytes) fail(file, reasons.zipBomb);
    if (usz > lim.ratioGraceBytes && csz / usz < lim.minInflateRatio) fail(file, reasons.zipBomb);
    declaredTotal += usz;
    if (declaredTotal > lim.maxTotalBytes) fail(file, reasons.zipBomb);

    entries.push({ name, method, compressedSize: csz, uncompressedSize: usz, crc, dataStart });
    pos = next;
  }
  return entries;
}

/**
 * Inflates one entry as a stream, handing each chunk to `onChunk` (which may throw to stop).
 * Output beyond the declared size, the limits or the ratio is a bomb; a deflate stream that
 * does not end inside its data, or output whose CRC-32 differs, is a damaged part.
 */
export function inflateEntry(
  b: Buffer,
  e: ZipEntry,
  file: string,
  lim: ZipLimits,
  onChunk: (chunk: Buffer) => void,
): Promise<void> {
  const data = b.subarray(e.dataStart, e.dataStart + e.compressedSize);
  if (e.method === METHOD_STORED) {
    return new Promise<void>((resolve) => {
      if (crc32(data) >>> 0 !== e.crc) fail(file, reasons.damagedPart(e.name));
      onChunk(data);
      resolve();
    });
  }
  return new Promise<void>((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK });
    let out = 0;
    let crc = 0;
    let settled = false;
    let ended = false;
    // Chunks are handed on from the next turn, not from the 'data' event: zlib then inflates
    // the next chunk on its thread while this one is parsed. A few chunks at most wait.
    const queue: Buffer[] = [];
    let scheduled = false;
    const stop = (err: unknown) => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      reject(err);
    };
    const finish = () => {
      if (settled) return;
      if (out !== e.uncompressedSize || crc >>> 0 !== e.crc) {
        stop(new InputError(file, reasons.damagedPart(e.name)));
        return;
      }
      settled = true;
      resolve();
    };
    const drain = () => {
      scheduled = false;
      try {
        for (let chunk = queue.shift(); chunk && !settled; chunk = queue.shift()) onChunk(chunk);
      } catch (err) {
        stop(err);
        return;
      }
      if (ended) finish();
      else inflater.resume();
    };
    inflater.on('data', (chunk: Buffer) => {
      if (settled) return;
      out += chunk.length;
      if (out > e.uncompressedSize) {
        // More than the headers declared: a lie about the size, or a damaged stream.
        stop(
          new InputError(
            file,
            out > lim.ratioGraceBytes && e.compressedSize / out < lim.minInflateRatio
              ? reasons.zipBomb
              : reasons.damagedPart(e.name),
          ),
        );
        return;
      }
      crc = crc32(chunk, crc);
      queue.push(chunk);
      if (queue.length >= MAX_WAITING) inflater.pause();
      if (!scheduled) {
        scheduled = true;
        setImmediate(drain);
      }
    });
    inflater.on('error', (err) => stop(new InputError(file, reasons.damagedPart(e.name), { cause: err })));
    inflater.on('end', () => {
      ended = true;
      if (!scheduled) finish();
    });
    inflater.end(data);
  });
}

/**
 * `node bench/floor-stream.js FILE.xlsx`: the same floor as ../shared/bench/floor.js — inflate
 * every sheet and the shared strings, one scan counting cells — done chunk by chunk, because
 * floor.js builds one string per part and V8 cannot hold a 1,000,000-row sheet as one string.
 */
'use strict';
const fs = require('node:fs');
const zlib = require('node:zlib');

const buf = fs.readFileSync(process.argv[2]);
let eocd = buf.length - 22;
while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
const count = buf.readUInt16LE(eocd + 10);
let p = buf.readUInt32LE(eocd + 16);
let cells = 0;
let strings = 0;

function scan(stream, done) {
  let tail = '';
  const decoder = new (require('node:string_decoder').StringDecoder)('utf8');
  stream.on('data', (chunk) => {
    const s = tail + decoder.write(chunk);
    // A marker lying wholly inside the carried tail was counted with the chunk before.
    const seen = tail.length;
    for (let k = s.indexOf('<c '); k !== -1; k = s.indexOf('<c ', k + 3)) if (k + 3 > seen) cells++;
    for (let k = s.indexOf('<si>'); k !== -1; k = s.indexOf('<si>', k + 4)) if (k + 4 > seen) strings++;
    tail = s.slice(-3);
  });
  stream.on('end', done);
}

const parts = [];
for (let i = 0; i < count; i++) {
  const method = buf.readUInt16LE(p + 10);
  const csize = buf.readUInt32LE(p + 20);
  const nlen = buf.readUInt16LE(p + 28);
  const xlen = buf.readUInt16LE(p + 30);
  const clen = buf.readUInt16LE(p + 32);
  const off = buf.readUInt32LE(p + 42);
  const name = buf.toString('utf8', p + 46, p + 46 + nlen);
  p += 46 + nlen + xlen + clen;
  if (!/^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(name)) continue;
  const data = off + 30 + buf.readUInt16LE(off + 26) + buf.readUInt16LE(off + 28);
  parts.push({ method, raw: buf.subarray(data, data + csize) });
}

(function next() {
  const part = parts.shift();
  if (!part) {
    console.log(`cells ${cells} strings ${strings}`);
    return;
  }
  const inflater = zlib.createInflateRaw({ chunkSize: 512 * 1024 });
  scan(inflater, next);
  inflater.end(part.raw);
})();

#!/usr/bin/env node
/**
 * Draws the ribbon and add-in icons (flat colour tile + white glyph) as PNGs with nothing but
 * node's zlib, so the icons can be regenerated without an image editor:
 *   node assets/make-icons.js
 * Shapes are described in unit coordinates (0..1) and rendered with 4×4 supersampling.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Signed-distance-free hit tests: is the point inside the shape?
const seg = (ax, ay, bx, by, w) => (x, y) => {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= w / 2;
};
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const tri = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const s = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = s(ax, ay, bx, by),
    d2 = s(bx, by, cx, cy),
    d3 = s(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};
const tile = (x, y) => {
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r),
    cy = Math.min(Math.max(y, r), 1 - r);
  return Math.hypot(x - cx, y - cy) <= r;
};

const ICONS = {
  // 内勤工具 itself: a ledger page with ruled lines.
  icon: {
    color: [0x1f, 0x5f, 0xa8],
    glyph: [
      rect(0.26, 0.22, 0.74, 0.3),
      rect(0.26, 0.4, 0.74, 0.48),
      rect(0.26, 0.58, 0.74, 0.66),
      rect(0.26, 0.76, 0.56, 0.84),
    ],
  },
  // 校验: a check mark.
  validate: { color: [0x21, 0x8a, 0x4a], glyph: [seg(0.25, 0.52, 0.43, 0.7, 0.13), seg(0.43, 0.7, 0.76, 0.3, 0.13)] },
  // 月度统计: a bar chart.
  stats: {
    color: [0xd9, 0x6c, 0x12],
    glyph: [rect(0.22, 0.55, 0.34, 0.8), rect(0.44, 0.3, 0.56, 0.8), rect(0.66, 0.42, 0.78, 0.8)],
  },
  // CRM导入: an arrow into a tray.
  crm: {
    color: [0x6b, 0x3f, 0xa0],
    glyph: [
      rect(0.44, 0.18, 0.56, 0.5),
      tri(0.3, 0.46, 0.7, 0.46, 0.5, 0.66),
      rect(0.2, 0.62, 0.3, 0.82),
      rect(0.7, 0.62, 0.8, 0.82),
      rect(0.2, 0.74, 0.8, 0.82),
    ],
  },
  // 升级为工具: an up arrow.
  upgrade: { color: [0x0f, 0x7f, 0x86], glyph: [tri(0.22, 0.5, 0.78, 0.5, 0.5, 0.2), rect(0.4, 0.48, 0.6, 0.82)] },
  // 录入表单: a form with fields.
  form: {
    color: [0x2b, 0x6c, 0xc4],
    glyph: [
      rect(0.22, 0.24, 0.4, 0.34),
      rect(0.46, 0.24, 0.78, 0.34),
      rect(0.22, 0.45, 0.4, 0.55),
      rect(0.46, 0.45, 0.78, 0.55),
      rect(0.22, 0.66, 0.4, 0.76),
      rect(0.46, 0.66, 0.78, 0.76),
    ],
  },
};

function render(size, { color, glyph }) {
  const out = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0,
        fg = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size,
            y = (py + (sy + 0.5) / S) / size;
          if (!tile(x, y)) continue;
          bg++;
          if (glyph.some((hit) => hit(x, y))) fg++;
        }
      }
      const a = bg / (S * S),
        f = bg ? fg / bg : 0;
      const i = (py * size + px) * 4;
      for (let k = 0; k < 3; k++) out[i + k] = Math.round(color[k] * (1 - f) + 255 * f);
      out[i + 3] = Math.round(a * 255);
    }
  }
  return png(size, out);
}

const SIZES = {
  icon: [16, 32, 64, 80],
  validate: [16, 32, 80],
  stats: [16, 32, 80],
  crm: [16, 32, 80],
  upgrade: [16, 32, 80],
  form: [16, 32, 80],
};
for (const [name, sizes] of Object.entries(SIZES)) {
  for (const size of sizes) fs.writeFileSync(path.join(__dirname, `${name}-${size}.png`), render(size, ICONS[name]));
}

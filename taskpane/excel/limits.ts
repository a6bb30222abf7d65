/**
 * Excel's limits on one Office.js round trip (Excel on the web is the strictest host):
 * a request — everything queued before one `context.sync()` — and its response may each be
 * at most 5 MB, and one range read at most 5 million cells. See
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;
export const MAX_READ_CELLS = 5_000_000;

/**
 * What one request aims for. Our estimate counts the JSON of the data we send; Office.js
 * wraps it in object paths and action ids, so a fifth of the limit is kept in reserve.
 */
export const REQUEST_TARGET_BYTES = PAYLOAD_LIMIT_BYTES * 0.8;

/** Estimated cost of one queued operation besides its data (object path, action, ids). */
export const OP_OVERHEAD_BYTES = 200;

/** UTF-8 length of a string without encoding it (Chinese text is 3 bytes a character). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    // A surrogate pair is 2 UTF-16 units and 4 UTF-8 bytes: 1 extra byte per unit.
    n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return n;
}

export const jsonBytes = (v: unknown): number => utf8Length(JSON.stringify(v));

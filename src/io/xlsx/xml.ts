/**
 * A strict, streaming XML tokenizer for the parts of an .xlsx. It is a real parser, not a
 * tolerant scanner: names, attribute syntax, quoting, entity and character references,
 * nesting, a single root and the end of the document are all checked, so a part that was
 * cut short or damaged is refused instead of read as "fewer rows". DTDs are refused
 * outright (OOXML has none; they are how entity bombs get in).
 *
 * It reads the UTF-8 bytes as they come out of the inflater, in chunks, and keeps only an
 * unfinished token between them. Markup is ASCII in every part Excel writes, so it is scanned
 * as bytes; only the names, values and text a handler receives become strings — a worksheet's
 * 70 MB of XML is never decoded as a whole.
 */
export class XmlError extends Error {}

export interface XmlHandler {
  /**
   * `attrs` is flat — name, value, name, value … — and reused: only its first `count` entries
   * belong to this tag. Copy what you keep.
   */
  open(name: string, attrs: readonly string[], count: number, selfClosing: boolean): void;
  close(name: string): void;
  /** Character data with references decoded; called only while `wantText` is true. */
  text(value: string): void;
  wantText: boolean;
  /**
   * A fast path for the one element shape that repeats millions of times (a worksheet cell):
   * given the bytes and the index of a '<' inside the root, it consumes complete elements and
   * returns the index after them, or -1 to leave the one at `at` to the general parser. It must
   * accept only well-formed fragments: checks so narrow that nothing else can pass them.
   */
  shortcut?: (s: Buffer, at: number) => number;
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const QUEST = 63;
const BANG = 33;
const EQ = 61;
const DQ = 34;
const SQ = 39;
const AMP = 38;

/** A token may span chunks, but none grows past this (Excel's cells hold 32,767 characters). */
const MAX_TOKEN = 4 * 1024 * 1024;

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
const isNameStart = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0xc0;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
/** A byte of a name: ASCII name characters, or any byte of a multi-byte character (checked once decoded). */
const isNameByte = (c: number): boolean =>
  (c >= 97 && c <= 122) ||
  (c >= 65 && c <= 90) ||
  (c >= 48 && c <= 58) ||
  c === 95 ||
  c === 45 ||
  c === 46 ||
  c >= 0x80;

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function legalChar(cp: number): boolean {
  return (
    cp === 9 ||
    cp === 10 ||
    cp === 13 ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Decodes the references in `s` (which holds an '&'); a malformed one is an error. */
export function decodeReferences(s: string): string {
  let out = '';
  let from = 0;
  for (let amp = s.indexOf('&'); amp >= 0; amp = s.indexOf('&', from)) {
    const semi = s.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > 12) throw new XmlError('引用格式错误');
    const ref = s.slice(amp + 1, semi);
    let ch: string | undefined;
    if (ref.charCodeAt(0) === 35) {
      const hex = ref.charCodeAt(1) === 120;
      const digits = ref.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) throw new XmlError('字符引用格式错误');
      const cp = parseInt(digits, hex ? 16 : 10);
      if (!legalChar(cp)) throw new XmlError('字符引用指向非法字符');
      ch = String.fromCodePoint(cp);
    } else {
      ch = NAMED[ref];
      if (ch === undefined) throw new XmlError('未定义的实体引用');
    }
    out += s.slice(from, amp) + ch;
    from = semi + 1;
  }
  return out + s.slice(from);
}

/** The text of bytes from..to, references decoded. */
const textOf = (s: Buffer, from: number, to: number, hasAmp: boolean): string => {
  const raw = s.toString('utf8', from, to);
  return hasAmp ? decodeReferences(raw) : raw;
};

/**
 * Short ASCII strings that repeat — element and attribute names, values such as `1:20` — made
 * once: a direct-mapped table by a hash of the bytes, checked byte for byte on every hit.
 */
class AsciiCache {
  private readonly table: string[] = new Array<string>(1024).fill('');

  get(s: Buffer, from: number, to: number): string {
    const n = to - from;
    if (n > 24) return s.toString('latin1', from, to);
    let h = n;
    for (let k = from; k < to; k++) h = (h * 31 + s[k]) | 0;
    const slot = h & 1023;
    const hit = this.table[slot];
    if (hit.length === n) {
      let k = 0;
      while (k < n && hit.charCodeAt(k) === s[from + k]) k++;
      if (k === n) return hit;
    }
    return (this.table[slot] = s.toString('latin1', from, to));
  }
}

const EMPTY = Buffer.alloc(0);
const BOM = [0xef, 0xbb, 0xbf];

export class XmlTokenizer {
  private pending: Buffer = EMPTY;
  private readonly stack: string[] = [];
  private readonly attrs: string[] = [];
  private readonly ascii = new AsciiCache();
  private count = 0;
  /** Next '&' in the bytes being tokenized, found once per stretch rather than once per text node. */
  private amp = -1;
  private rootSeen = false;
  private rootClosed = false;
  /** Whether the start was looked at for a byte-order mark. */
  private started = false;
  private received = 0;
  /** Where in the whole stream the bytes the handler is given start (a shortcut's `s`). */
  offset = 0;

  constructor(private readonly h: XmlHandler) {}

  write(chunk: Buffer): void {
    const s = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.offset = this.received - this.pending.length;
    this.received += chunk.length;
    const n = s.length;
    let i = 0;
    if (!this.started) {
      if (n < 3 && BOM.slice(0, n).every((b, k) => s[k] === b)) {
        this.pending = s;
        return;
      }
      this.started = true;
      if (s[0] === BOM[0] && s[1] === BOM[1] && s[2] === BOM[2]) i = 3;
    }
    this.amp = -1;
    const shortcut = this.h.shortcut;
    for (;;) {
      const lt = s.indexOf(LT, i);
      if (lt < 0) break;
      if (lt > i) this.onText(s, i, lt);
      i = lt;
      if (shortcut && this.stack.length) {
        const after = shortcut(s, lt);
        if (after > 0) {
          i = after;
          continue;
        }
      }
      const end = this.markup(s, lt, n);
      if (end < 0) break;
      i = end;
    }
    if (n - i > MAX_TOKEN) throw new XmlError('单个标记或文本过长');
    // Copied: the chunk's buffer is the inflater's, and a few bytes should not hold it.
    this.pending = i < n ? Buffer.from(s.subarray(i)) : EMPTY;
  }

  end(): void {
    const rest = this.pending;
    this.pending = EMPTY;
    this.amp = -1;
    if (rest.length) {
      if (rest.indexOf(LT) >= 0 || this.stack.length) throw new XmlError('文件在标记中间结束');
      this.onText(rest, 0, rest.length);
    }
    if (!this.rootSeen) throw new XmlError('没有根元素');
    if (this.stack.length) throw new XmlError(`元素 <${this.stack[this.stack.length - 1]}> 没有结束（内容被截断）`);
  }

  private onText(s: Buffer, from: number, to: number): void {
    if (this.stack.length === 0) {
      for (let k = from; k < to; k++) if (!isSpace(s[k])) throw new XmlError('根元素之外有文本');
      return;
    }
    if (this.amp !== Infinity && this.amp < from) {
      const at = s.indexOf(AMP, from);
      this.amp = at < 0 ? Infinity : at;
    }
    const hasAmp = this.amp < to;
    if (this.h.wantText) this.h.text(textOf(s, from, to, hasAmp));
    else if (hasAmp) decodeReferences(s.toString('utf8', from, to));
  }

  /** Parses the markup at `lt`; returns the index after it, or -1 when the chunk ends inside it. */
  private markup(s: Buffer, lt: number, n: number): number {
    if (lt + 1 >= n) return -1;
    const c = s[lt + 1];
    if (c === SLASH) return this.closeTag(s, lt);
    if (c === QUEST) {
      const end = s.indexOf('?>', lt + 2);
      return end < 0 ? -1 : end + 2;
    }
    if (c === BANG) return this.bang(s, lt, n);
    return this.openTag(s, lt, n);
  }

  private bang(s: Buffer, lt: number, n: number): number {
    if (n - lt < 9) return -1;
    if (startsWith(s, lt, '<!--')) {
      const end = s.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (startsWith(s, lt, '<![CDATA[')) {
      if (this.stack.length === 0) throw new XmlError('根元素之外有 CDATA');
      const end = s.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      if (this.h.wantText) this.h.text(s.toString('utf8', lt + 9, end));
      return end + 3;
    }
    throw new XmlError('不允许 DTD 或未知的声明');
  }

  private closeTag(s: Buffer, lt: number): number {
    const gt = s.indexOf(GT, lt + 2);
    if (gt < 0) return -1;
    let e = gt;
    while (e > lt + 2 && isSpace(s[e - 1])) e--;
    const open = this.stack.pop();
    if (open === undefined || !sameName(s, lt + 2, e, open)) {
      const name = s.toString('utf8', lt + 2, e);
      throw new XmlError(open === undefined ? `多余的结束标记 </${name}>` : `结束标记 </${name}> 与 <${open}> 不匹配`);
    }
    if (this.stack.length === 0) this.rootClosed = true;
    this.h.close(open);
    return gt + 1;
  }

  /** A name's bytes as a string; one with non-ASCII bytes is checked character by character. */
  private name(s: Buffer, from: number, to: number, wide: boolean): string {
    if (!wide) return this.ascii.get(s, from, to);
    const name = s.toString('utf8', from, to);
    if (!isNameStart(name.charCodeAt(0)) || ![...name].every((ch) => isNameChar(ch.charCodeAt(0))))
      throw new XmlError(`名称 ${name} 不合法`);
    return name;
  }

  private openTag(s: Buffer, lt: number, n: number): number {
    let i = lt + 1;
    let c = s[i];
    if (!isNameStart(c)) throw new XmlError('元素名不合法');
    let wide = c >= 0x80;
    for (c = s[++i]; i < n && isNameByte(c); c = s[++i]) if (c >= 0x80) wide = true;
    if (i >= n) return -1;
    const name = this.name(s, lt + 1, i, wide);
    const attrs = this.attrs;
    let count = 0;
    for (;;) {
      c = s[i];
      const spaced = isSpace(c);
      while (i < n && isSpace(c)) c = s[++i];
      if (i >= n) return -1;
      if (c === GT || c === SLASH) {
        const selfClosing = c === SLASH;
        if (selfClosing) {
          if (i + 1 >= n) return -1;
          if (s[i + 1] !== GT) throw new XmlError(`元素 <${name}> 的结尾不合法`);
          i++;
        }
        this.count = count;
        this.element(name, selfClosing);
        return i + 1;
      }
      if (!spaced || !isNameStart(c)) throw new XmlError(`元素 <${name}> 的属性不合法`);
      const at = i;
      wide = false;
      for (; i < n && isNameByte(c); c = s[++i]) if (c >= 0x80) wide = true;
      if (i >= n) return -1;
      const attr = this.name(s, at, i, wide);
      while (i < n && isSpace(s[i])) i++;
      if (i >= n) return -1;
      if (s[i] !== EQ) throw new XmlError(`属性 ${attr} 缺少等号`);
      i++;
      while (i < n && isSpace(s[i])) i++;
      if (i >= n) return -1;
      const q = s[i];
      if (q !== DQ && q !== SQ) throw new XmlError(`属性 ${attr} 的值没有引号`);
      const close = s.indexOf(q, i + 1);
      if (close < 0) return -1;
      let ampAt = -1;
      wide = false;
      for (let k = i + 1; k < close; k++) {
        const b = s[k];
        if (b === LT) throw new XmlError(`属性 ${attr} 的值含有 <`);
        if (b === AMP) ampAt = k;
        else if (b >= 0x80) wide = true;
      }
      const value = ampAt >= 0 || wide ? textOf(s, i + 1, close, ampAt >= 0) : this.ascii.get(s, i + 1, close);
      for (let k = 0; k < count; k += 2) if (attrs[k] === attr) throw new XmlError(`属性 ${attr} 重复`);
      attrs[count++] = attr;
      attrs[count++] = value;
      i = close + 1;
      if (i >= n) return -1;
    }
  }

  private element(name: string, selfClosing: boolean): void {
    if (this.stack.length === 0) {
      if (this.rootClosed || this.rootSeen) throw new XmlError('有多个根元素');
      this.rootSeen = true;
    }
    if (selfClosing) {
      if (this.stack.length === 0) this.rootClosed = true;
      this.h.open(name, this.attrs, this.count, true);
      return;
    }
    this.stack.push(name);
    this.h.open(name, this.attrs, this.count, false);
  }
}

/** Whether the bytes at `at` are the ASCII `text`. */
export function startsWith(s: Buffer, at: number, text: string): boolean {
  if (at + text.length > s.length) return false;
  for (let k = 0; k < text.length; k++) if (s[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

/** Whether bytes from..to spell `name` (an end tag against its start tag). */
function sameName(s: Buffer, from: number, to: number, name: string): boolean {
  if (to - from === name.length) {
    let k = 0;
    while (k < name.length && name.charCodeAt(k) === s[from + k]) k++;
    if (k === name.length) return true;
  }
  // A name with non-ASCII characters has more bytes than characters: compare it decoded.
  return s.toString('utf8', from, to) === name;
}

/** The local part of a prefixed name (`x:c` → `c`). */
export const localName = (name: string): string => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** An attribute's value by local name, or undefined. */
export function attr(attrs: readonly string[], count: number, local: string): string | undefined {
  for (let k = 0; k < count; k += 2) {
    const a = attrs[k];
    if (
      a === local ||
      (a.length > local.length && a.charCodeAt(a.length - local.length - 1) === 58 && a.endsWith(local))
    )
      return attrs[k + 1];
  }
  return undefined;
}

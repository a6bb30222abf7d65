/**
 * A strict, streaming XML tokenizer for the parts of an .xlsx. It is a real parser, not a
 * tolerant scanner: names, attribute syntax, quoting, entity and character references,
 * nesting, a single root and the end of the document are all checked, so a part that was
 * cut short or damaged is refused instead of read as "fewer rows". DTDs are refused
 * outright (OOXML has none; they are how entity bombs get in).
 *
 * It works on text delivered in chunks and keeps only an unfinished token between them.
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
   * given the text and the index of a '<' inside the root, it consumes one complete element
   * and returns the index after it, or -1 to leave it to the general parser. It must accept
   * only well-formed fragments: checks so narrow that nothing else can pass them.
   */
  shortcut?: (s: string, at: number) => number;
}

const GT = 62;
const SLASH = 47;
const QUEST = 63;
const BANG = 33;
const EQ = 61;
const DQ = 34;
const SQ = 39;

/** A token may span chunks, but none grows past this (Excel's cells hold 32,767 characters). */
const MAX_TOKEN = 4 * 1024 * 1024;

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
const isNameStart = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0xc0;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;

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

export class XmlTokenizer {
  private pending = '';
  private readonly stack: string[] = [];
  private readonly attrs: string[] = [];
  private count = 0;
  /** Next '&' in the text being tokenized, found once per stretch rather than once per text node. */
  private amp = -1;
  private rootSeen = false;
  private rootClosed = false;

  constructor(private readonly h: XmlHandler) {}

  write(chunk: string): void {
    const s = this.pending.length ? this.pending + chunk : chunk;
    const n = s.length;
    let i = 0;
    this.amp = -1;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt < 0) break;
      if (lt > i) this.onText(s, i, lt);
      i = lt;
      if (this.h.shortcut && this.stack.length) {
        const after = this.h.shortcut(s, lt);
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
    this.pending = i < n ? s.slice(i) : '';
  }

  end(): void {
    const rest = this.pending;
    this.pending = '';
    this.amp = -1;
    if (rest.length) {
      if (rest.indexOf('<') >= 0 || this.stack.length) throw new XmlError('文件在标记中间结束');
      this.onText(rest, 0, rest.length);
    }
    if (!this.rootSeen) throw new XmlError('没有根元素');
    if (this.stack.length) throw new XmlError(`元素 <${this.stack[this.stack.length - 1]}> 没有结束（内容被截断）`);
  }

  private onText(s: string, from: number, to: number): void {
    if (this.stack.length === 0) {
      for (let k = from; k < to; k++) if (!isSpace(s.charCodeAt(k))) throw new XmlError('根元素之外有文本');
      return;
    }
    if (this.h.wantText) {
      const raw = s.slice(from, to);
      this.h.text(raw.indexOf('&') >= 0 ? decodeReferences(raw) : raw);
    } else {
      if (this.amp !== Infinity && this.amp < from) {
        const at = s.indexOf('&', from);
        this.amp = at < 0 ? Infinity : at;
      }
      if (this.amp < to) decodeReferences(s.slice(from, to));
    }
  }

  /** Parses the markup at `lt`; returns the index after it, or -1 when the chunk ends inside it. */
  private markup(s: string, lt: number, n: number): number {
    if (lt + 1 >= n) return -1;
    const c = s.charCodeAt(lt + 1);
    if (c === SLASH) return this.closeTag(s, lt);
    if (c === QUEST) {
      const end = s.indexOf('?>', lt + 2);
      return end < 0 ? -1 : end + 2;
    }
    if (c === BANG) return this.bang(s, lt, n);
    return this.openTag(s, lt, n);
  }

  private bang(s: string, lt: number, n: number): number {
    if (n - lt < 9) return -1;
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      if (this.stack.length === 0) throw new XmlError('根元素之外有 CDATA');
      const end = s.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      if (this.h.wantText) this.h.text(s.slice(lt + 9, end));
      return end + 3;
    }
    throw new XmlError('不允许 DTD 或未知的声明');
  }

  private closeTag(s: string, lt: number): number {
    const gt = s.indexOf('>', lt + 2);
    if (gt < 0) return -1;
    let e = gt;
    while (e > lt + 2 && isSpace(s.charCodeAt(e - 1))) e--;
    const name = s.slice(lt + 2, e);
    const open = this.stack.pop();
    if (open !== name)
      throw new XmlError(open === undefined ? `多余的结束标记 </${name}>` : `结束标记 </${name}> 与 <${open}> 不匹配`);
    if (this.stack.length === 0) this.rootClosed = true;
    this.h.close(name);
    return gt + 1;
  }

  private openTag(s: string, lt: number, n: number): number {
    let i = lt + 1;
    if (!isNameStart(s.charCodeAt(i))) throw new XmlError('元素名不合法');
    i++;
    while (i < n && isNameChar(s.charCodeAt(i))) i++;
    if (i >= n) return -1;
    const name = s.slice(lt + 1, i);
    const attrs = this.attrs;
    let count = 0;
    for (;;) {
      let c = s.charCodeAt(i);
      const spaced = isSpace(c);
      while (i < n && isSpace(c)) c = s.charCodeAt(++i);
      if (i >= n) return -1;
      if (c === GT || c === SLASH) {
        const selfClosing = c === SLASH;
        if (selfClosing) {
          if (i + 1 >= n) return -1;
          if (s.charCodeAt(i + 1) !== GT) throw new XmlError(`元素 <${name}> 的结尾不合法`);
          i++;
        }
        this.count = count;
        this.element(name, selfClosing);
        return i + 1;
      }
      if (!spaced || !isNameStart(c)) throw new XmlError(`元素 <${name}> 的属性不合法`);
      const at = i;
      while (i < n && isNameChar(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const attr = s.slice(at, i);
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (s.charCodeAt(i) !== EQ) throw new XmlError(`属性 ${attr} 缺少等号`);
      i++;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const q = s.charCodeAt(i);
      if (q !== DQ && q !== SQ) throw new XmlError(`属性 ${attr} 的值没有引号`);
      const close = s.indexOf(q === DQ ? '"' : "'", i + 1);
      if (close < 0) return -1;
      let value = s.slice(i + 1, close);
      if (value.indexOf('<') >= 0) throw new XmlError(`属性 ${attr} 的值含有 <`);
      if (value.indexOf('&') >= 0) value = decodeReferences(value);
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

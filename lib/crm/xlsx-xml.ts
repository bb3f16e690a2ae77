// Just enough XML for SpreadsheetML: complete elements cut out of a text stream (rows, shared strings),
// attributes by name, entity and _xHHHH_ decoding. A general XML parser would be 10x the code and slower
// on the one shape Excel writes; anything outside that shape is skipped, never guessed at.

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

function entity(_m: string, body: string): string {
  switch (body) {
    case "amp":
      return "&";
    case "lt":
      return "<";
    case "gt":
      return ">";
    case "quot":
      return '"';
    case "apos":
      return "'";
  }
  const cp = body[1] === "x" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : "\uFFFD";
}

/** XML text content -> string: entities, then Excel's own _xHHHH_ escapes (used for control characters). */
export function decodeXmlText(s: string): string {
  let out = s.indexOf("&") < 0 ? s : s.replace(ENTITY, entity);
  if (out.indexOf("_x") >= 0) out = out.replace(OOXML_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return out;
}

/** The value of attribute `name` in an opening tag's text, or null. */
export function attr(tag: string, name: string): string | null {
  let at = tag.indexOf(" " + name + "=");
  if (at < 0) {
    // Attributes may also follow a line break or tab.
    const m = new RegExp(`\\s${name}=`).exec(tag);
    if (!m) return null;
    at = m.index;
  }
  const q = at + name.length + 2;
  const quote = tag[q];
  if (quote !== '"' && quote !== "'") return null;
  const end = tag.indexOf(quote, q + 1);
  return end < 0 ? null : decodeXmlText(tag.slice(q + 1, end));
}

/** True when `<tag` at `at` is that element and not a longer name (`<c` vs `<cols`). */
function isTagAt(s: string, at: number, tag: string): boolean {
  const c = s.charCodeAt(at + 1 + tag.length);
  return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

/**
 * Cuts complete `<tag …>…</tag>` (or `<tag …/>`) elements out of text that arrives in chunks. The
 * element must not nest in itself, which holds for SpreadsheetML rows, cells and shared strings.
 */
export function createElementSplitter(tag: string): { push(text: string): string[]; end(): string[]; readonly pending: number } {
  const open = "<" + tag;
  const close = "</" + tag + ">";
  let buffer = "";
  function scan(final: boolean): string[] {
    const out: string[] = [];
    let pos = 0;
    for (;;) {
      let start = buffer.indexOf(open, pos);
      while (start >= 0 && start + open.length < buffer.length && !isTagAt(buffer, start, tag)) start = buffer.indexOf(open, start + 1);
      if (start < 0) {
        // Keep a possible partial "<ta" at the very end for the next chunk.
        pos = Math.max(pos, buffer.length - open.length);
        break;
      }
      const gt = buffer.indexOf(">", start);
      if (gt < 0) {
        pos = start;
        break;
      }
      if (buffer.charCodeAt(gt - 1) === 47) {
        out.push(buffer.slice(start, gt + 1));
        pos = gt + 1;
        continue;
      }
      const end = buffer.indexOf(close, gt);
      if (end < 0) {
        pos = start;
        break;
      }
      out.push(buffer.slice(start, end + close.length));
      pos = end + close.length;
    }
    buffer = final ? "" : buffer.slice(pos);
    return out;
  }
  return {
    push(text) {
      buffer += text;
      return scan(false);
    },
    end: () => scan(true),
    /** Characters held for an element not closed yet: the caller bounds it (a row that never ends). */
    get pending() {
      return buffer.length;
    },
  };
}

/** The text of a shared string or inline string: all `<t>` runs, without phonetic `<rPh>` runs. */
export function richText(element: string): string {
  let s = element;
  if (s.indexOf("<rPh") >= 0) s = s.replace(/<rPh[\s>][\s\S]*?<\/rPh>/g, "");
  let out = "";
  let pos = 0;
  for (;;) {
    const t = s.indexOf("<t", pos);
    if (t < 0) break;
    const c = s.charCodeAt(t + 2);
    if (c !== 62 && c !== 32 && c !== 47) {
      pos = t + 2;
      continue;
    }
    const gt = s.indexOf(">", t);
    if (gt < 0) break;
    if (s.charCodeAt(gt - 1) === 47) {
      pos = gt + 1;
      continue;
    }
    const end = s.indexOf("</t>", gt);
    if (end < 0) break;
    out += s.slice(gt + 1, end);
    pos = end + 4;
  }
  return decodeXmlText(out);
}

/** "AB12" -> 27 (0-based column 27); -1 when the reference has no letters. */
export function columnOfRef(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

/** Raw cell as stored: its type attribute, style index, and the value or inline text. */
export interface RawCell {
  column: number;
  type: string;
  style: number;
  value: string;
}

/** Parses one `<row>` element: its 1-based row number (or -1 when absent) and its cells. */
export function parseRowElement(row: string): { row: number; cells: RawCell[] } {
  const gt = row.indexOf(">");
  const r = attr(row.slice(0, gt + 1), "r");
  const cells: RawCell[] = [];
  let next = 0;
  let pos = gt + 1;
  for (;;) {
    let c = row.indexOf("<c", pos);
    while (c >= 0 && !isTagAt(row, c, "c")) c = row.indexOf("<c", c + 2);
    if (c < 0) break;
    const tagEnd = row.indexOf(">", c);
    const tag = row.slice(c, tagEnd + 1);
    const ref = attr(tag, "r");
    const col = ref ? columnOfRef(ref) : -1;
    const cell: RawCell = { column: col >= 0 ? col : next, type: attr(tag, "t") ?? "n", style: Number(attr(tag, "s") ?? 0), value: "" };
    next = cell.column + 1;
    if (row.charCodeAt(tagEnd - 1) === 47) {
      pos = tagEnd + 1;
      cells.push(cell);
      continue;
    }
    const end = row.indexOf("</c>", tagEnd);
    const body = row.slice(tagEnd + 1, end < 0 ? row.length : end);
    pos = end < 0 ? row.length : end + 4;
    if (cell.type === "inlineStr") cell.value = richText(body);
    else {
      const v = body.indexOf("<v");
      if (v >= 0) {
        const vgt = body.indexOf(">", v);
        const vend = body.indexOf("</v>", vgt);
        if (body.charCodeAt(vgt - 1) !== 47 && vend > vgt) cell.value = decodeXmlText(body.slice(vgt + 1, vend));
      }
    }
    cells.push(cell);
  }
  return { row: r === null ? -1 : Number(r), cells };
}

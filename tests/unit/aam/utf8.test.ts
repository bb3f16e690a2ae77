import { describe, expect, it } from "vitest";
import { createByteLineSplitter, createTextLineSplitter, MAX_KEPT_LINE_CHARS } from "@/lib/aam/line-splitter";
import { decodeUtf8, decodeUtf8Strict, encodeUtf8, scanUtf8, utf8ByteLength } from "@/lib/aam/utf8";

const SAMPLES = ["", "plain ASCII", "Zürich", "€100", "日本語テキスト", "emoji 🎉 and 𝄞", "mixed a\u00e9\u20ac\u{1f600}z", "x".repeat(20_000) + "é"];

describe("hand-written UTF-8 matches the platform's", () => {
  it.each(SAMPLES)("encode/decode %j", (s) => {
    const ours = encodeUtf8(s);
    expect(Array.from(ours)).toEqual(Array.from(Buffer.from(s, "utf8")));
    expect(utf8ByteLength(s)).toBe(Buffer.byteLength(s, "utf8"));
    expect(decodeUtf8(ours)).toBe(s);
    expect(decodeUtf8Strict(ours)).toEqual({ ok: true, text: s });
  });

  it("encodes lone surrogates as U+FFFD, like TextEncoder", () => {
    const s = "a\ud800b\udc00";
    expect(Array.from(encodeUtf8(s))).toEqual(Array.from(new TextEncoder().encode(s)));
    expect(utf8ByteLength(s)).toBe(8);
  });

  it("decodes every code point class the same as TextDecoder (random strings)", () => {
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const ranges = [0x7f, 0x7ff, 0xd7ff, 0xffff, 0x10ffff];
    for (let n = 0; n < 200; n++) {
      let s = "";
      for (let k = 0; k < 50; k++) {
        let cp = Math.floor(rnd() * (ranges[Math.floor(rnd() * ranges.length)]! + 1));
        if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x41;
        s += String.fromCodePoint(cp);
      }
      const bytes = encodeUtf8(s);
      expect(decodeUtf8(bytes)).toBe(new TextDecoder().decode(bytes));
    }
  });
});

describe("invalid UTF-8", () => {
  it.each<[string, number[], number]>([
    ["Latin-1 é", [0x61, 0xe9, 0x62], 1],
    ["lone continuation", [0x80], 0],
    ["overlong /", [0xc0, 0xaf], 0],
    ["overlong 3-byte", [0xe0, 0x80, 0x80], 0],
    ["surrogate", [0xed, 0xa0, 0x80], 0],
    ["above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
    ["0xFF", [0x41, 0xff], 1],
    ["truncated at end", [0x41, 0xe2, 0x82], 1],
  ])("%s: strict decode reports the first bad offset", (_label, bytes, offset) => {
    const r = decodeUtf8Strict(new Uint8Array(bytes));
    expect(r).toEqual({ ok: false, offset, line: 1 });
  });

  it("reports the line of the first bad byte", () => {
    expect(decodeUtf8Strict(new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0x63, 0xe9]))).toEqual({ ok: false, offset: 5, line: 3 });
  });

  it("scanUtf8 stops before an incomplete sequence at the end unless final", () => {
    const b = new Uint8Array([0x61, 0x62, 0x63, 0x64, 0x65, 0xe2, 0x82]);
    expect(scanUtf8(b, 0, b.length, false)).toBe(5);
    const bad: number[] = [];
    expect(scanUtf8(b, 0, b.length, true, (o) => bad.push(o))).toBe(7);
    expect(bad).toEqual([5, 6]);
  });

  it("scanUtf8 works on unaligned views (the 4-byte fast path)", () => {
    const backing = new Uint8Array(64).fill(0x61);
    backing[37] = 0xff;
    for (let start = 0; start < 8; start++) {
      const view = backing.subarray(start, 60);
      const bad: number[] = [];
      scanUtf8(view, 0, view.length, true, (o) => bad.push(o + start));
      expect(bad).toEqual([37]);
    }
  });
});

describe("line splitters", () => {
  const collect = () => {
    const lines: Array<[string, boolean, number]> = [];
    return { lines, onLine: (l: string, t: boolean, d: number) => void lines.push([l, t, d]) };
  };

  it("text: any chunking gives the same lines", () => {
    const text = "a\tb\n\nccc\r\nlast";
    const expected = [
      ["a\tb", true, 0],
      ["", true, 0],
      ["ccc\r", true, 0],
      ["last", false, 0],
    ];
    for (let size = 1; size <= text.length; size++) {
      const { lines, onLine } = collect();
      const s = createTextLineSplitter(onLine);
      for (let i = 0; i < text.length; i += size) s.push(text.slice(i, i + size));
      s.end();
      expect(lines).toEqual(expected);
    }
  });

  it("bytes: multi-byte characters split across chunks decode intact", () => {
    const bytes = encodeUtf8("é€🎉\nZürich\n");
    for (let size = 1; size <= bytes.length; size++) {
      const { lines, onLine } = collect();
      const bad: number[] = [];
      const s = createByteLineSplitter(onLine, (l) => bad.push(l));
      for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
      s.end();
      expect(lines).toEqual([
        ["é€🎉", true, 0],
        ["Zürich", true, 0],
      ]);
      expect(bad).toEqual([]);
      expect(s.bytes).toBe(bytes.length);
    }
  });

  it("a native decoder is used only for valid bytes", () => {
    const seen: number[] = [];
    const decoder = (b: Uint8Array) => {
      seen.push(b.length);
      return Buffer.from(b).toString("utf8");
    };
    const { lines, onLine } = collect();
    const s = createByteLineSplitter(onLine, () => {}, decoder);
    s.push(encodeUtf8("ok\n"));
    s.push(new Uint8Array([0x61, 0xff, 0x0a]));
    s.end();
    expect(seen).toEqual([3]);
    expect(lines).toEqual([
      ["ok", true, 0],
      ["a\ufffd", true, 0],
    ]);
  });

  it("caps a line without line feeds, reporting how much was dropped", () => {
    const { lines, onLine } = collect();
    const s = createTextLineSplitter(onLine);
    for (let i = 0; i < 30; i++) s.push("x".repeat(10_000));
    s.push("\nnext\n");
    s.end();
    expect(lines.map(([l, t, d]) => [l.length, t, d])).toEqual([
      [MAX_KEPT_LINE_CHARS, true, 300_000 - MAX_KEPT_LINE_CHARS],
      [4, true, 0],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { createDecoder, detectEncoding, type TextEncodingName } from "../../../lib/crm/decode";
import { cp1252Table } from "../../../lib/crm/detect-encoding";
import { chunkBytes, decodeInChunks, parseBytes, utf16, utf8 } from "./helpers";

const withBom = (b: Uint8Array): Uint8Array => new Uint8Array([0xef, 0xbb, 0xbf, ...b]);
// "Müller;€5\nGrüße;ä\n" in Windows-1252: ü=0xFC, €=0x80, ß=0xDF, ä=0xE4.
const CP1252 = new Uint8Array([
  0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x3b, 0x80, 0x35, 0x0a, 0x47, 0x72, 0xfc, 0xdf, 0x65, 0x3b, 0xe4, 0x0a,
]);
const TEXT = "name;note\nJürgen;€ 5\nZoë;😀 \"x\"\n";

describe("detectEncoding", () => {
  const cases: { name: string; bytes: Uint8Array; encoding: TextEncodingName; bom: boolean; confidence: string; reason: RegExp }[] = [
    { name: "UTF-8 BOM", bytes: withBom(utf8("a,b\n")), encoding: "utf-8", bom: true, confidence: "certain", reason: /^UTF-8 byte-order mark$/ },
    { name: "UTF-16 LE BOM", bytes: utf16("a,b\n", true), encoding: "utf-16le", bom: true, confidence: "certain", reason: /^UTF-16 LE byte-order mark$/ },
    { name: "UTF-16 BE BOM", bytes: utf16("a,b\n", false), encoding: "utf-16be", bom: true, confidence: "certain", reason: /^UTF-16 BE byte-order mark$/ },
    { name: "UTF-16 LE without BOM", bytes: utf16("id,name\n1,Anna\n", true, false), encoding: "utf-16le", bom: false, confidence: "likely", reason: /every second byte is 0x00: looks like UTF-16 LE/ },
    { name: "UTF-8 umlauts", bytes: utf8("id,name\n1,Anna\n2,Jürgen\n"), encoding: "utf-8", bom: false, confidence: "certain", reason: /^valid UTF-8 with 1 multi-byte character \(ü at line 3\)$/ },
    { name: "ASCII only", bytes: utf8("id,name\n1,Anna\n"), encoding: "utf-8", bom: false, confidence: "likely", reason: /^only ASCII characters in the first 15 bytes: read as UTF-8$/ },
    { name: "cp1252 umlauts and euro", bytes: CP1252, encoding: "windows-1252", bom: false, confidence: "likely", reason: /^bytes 0xFC, 0x80 and 0xDF stand alone, which UTF-8 never does: looks like Windows-1252 \(ü at line 1, € at line 1, ß at line 2\)$/ },
    { name: "double-encoded UTF-8", bytes: utf8("name\nRenÃ©\n"), encoding: "utf-8", bom: false, confidence: "certain", reason: /converted to UTF-8 twice/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const ev = detectEncoding(c.bytes);
      expect(ev.encoding).toBe(c.encoding);
      expect(ev.bom).toBe(c.bom);
      expect(ev.confidence).toBe(c.confidence);
      expect(ev.reason).toMatch(c.reason);
    });
  }

  it("mostly UTF-8 with one stray byte stays UTF-8 (likely)", () => {
    const bytes = new Uint8Array([...utf8("a\nä ö ü ß é\n"), 0xe4, 0x0a]);
    const ev = detectEncoding(bytes);
    expect(ev).toMatchObject({ encoding: "utf-8", confidence: "likely" });
    expect(ev.reason).toContain("1 invalid byte (0xE4, first at line 3)");
  });

  it("ignores a multi-byte character cut off by the sample window", () => {
    const bytes = utf8("a,b\n1,€").slice(0, -1);
    expect(detectEncoding(bytes).encoding).toBe("utf-8");
  });
});

describe("createDecoder", () => {
  it("UTF-8 with and without BOM, every chunk size 1..9", () => {
    for (const bytes of [utf8(TEXT), withBom(utf8(TEXT))]) {
      for (let size = 1; size <= 9; size++) expect(decodeInChunks(bytes, "utf-8", size)).toEqual({ text: TEXT, invalid: 0 });
    }
  });

  it("keeps a BOM that is not at the start, and a lone EF BB at the start", () => {
    expect(decodeInChunks(utf8("a\uFEFFb"), "utf-8", 1).text).toBe("a\uFEFFb");
    expect(decodeInChunks(new Uint8Array([0xef, 0xbb]), "utf-8", 1)).toEqual({ text: "\uFFFD", invalid: 1 });
  });

  it("UTF-16 LE and BE with BOM, split inside code units and surrogate pairs", () => {
    for (const le of [true, false]) {
      const enc = le ? "utf-16le" : "utf-16be";
      for (let size = 1; size <= 5; size++) expect(decodeInChunks(utf16(TEXT, le), enc, size)).toEqual({ text: TEXT, invalid: 0 });
    }
  });

  it("UTF-16: lone surrogates and an odd trailing byte become U+FFFD", () => {
    const bytes = new Uint8Array([0x3d, 0xd8, 0x41, 0x00, 0x00, 0xdc, 0x42]);
    expect(decodeInChunks(bytes, "utf-16le", 1)).toEqual({ text: "\uFFFDA\uFFFD\uFFFD", invalid: 3 });
  });

  it("Windows-1252: umlauts, € at 0x80, and all 256 bytes as WHATWG maps them", () => {
    expect(decodeInChunks(CP1252, "windows-1252", 1)).toEqual({ text: "Müller;€5\nGrüße;ä\n", invalid: 0 });
    // Spelled out from the WHATWG index (Node's own TextDecoder treats this label as Latin-1).
    const high = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
    const latin1 = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join("");
    const upper = Array.from({ length: 96 }, (_, i) => String.fromCharCode(0xa0 + i)).join("");
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(decodeInChunks(all, "windows-1252", 3).text).toBe(latin1 + high + upper);
    expect(cp1252Table[0x80]).toBe(0x20ac);
    expect(cp1252Table[0x9f]).toBe(0x178);
  });

  const invalid: { name: string; bytes: number[]; text: string; count: number }[] = [
    { name: "stray continuation", bytes: [0x61, 0x80, 0x62], text: "a\uFFFDb", count: 1 },
    { name: "0xFF", bytes: [0xff], text: "\uFFFD", count: 1 },
    { name: "truncated at end", bytes: [0x61, 0xe2, 0x82], text: "a\uFFFD", count: 1 },
    { name: "maximal subpart", bytes: [0xe2, 0x28, 0xa1], text: "\uFFFD(\uFFFD", count: 2 },
    { name: "overlong", bytes: [0xc0, 0xaf], text: "\uFFFD\uFFFD", count: 2 },
    { name: "encoded surrogate", bytes: [0xed, 0xa0, 0x80], text: "\uFFFD\uFFFD\uFFFD", count: 3 },
    { name: "above U+10FFFF", bytes: [0xf4, 0x90, 0x80, 0x80], text: "\uFFFD\uFFFD\uFFFD\uFFFD", count: 4 },
  ];
  for (const c of invalid) {
    it(`UTF-8 invalid: ${c.name}`, () => {
      for (const size of [1, 2, 100]) expect(decodeInChunks(new Uint8Array(c.bytes), "utf-8", size)).toEqual({ text: c.text, invalid: c.count });
    });
  }

  it("matches the platform TextDecoder on random bytes in random chunks", () => {
    let seed = 7;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const pool = [...utf8("aä€😀,\"\n"), 0x80, 0xbf, 0xc3, 0xe2, 0xf0, 0xff, 0xed, 0xa0];
    for (let round = 0; round < 300; round++) {
      const bytes = Uint8Array.from({ length: 1 + rnd(40) }, () => pool[rnd(pool.length)]!);
      const want = new TextDecoder("utf-8").decode(bytes);
      const d = createDecoder("utf-8");
      let got = "";
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + rnd(6);
        got += d.decode(bytes.subarray(at, at + size));
        at += size;
      }
      got += d.end();
      expect(got).toBe(want);
    }
  });

  it("a lent native TextDecoder gives the same text and the same invalid count", () => {
    let seed = 11;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const pool = [...utf8("a€\uFFFD,\n"), 0x80, 0xc3, 0xe2, 0xef, 0xbf, 0xbd, 0xff];
    const native = { native: () => new TextDecoder("utf-8") };
    for (let round = 0; round < 300; round++) {
      const bytes = Uint8Array.from({ length: 1 + rnd(30) }, () => pool[rnd(pool.length)]!);
      const ours = createDecoder("utf-8");
      const lent = createDecoder("utf-8", native);
      let a = "";
      let b = "";
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + rnd(4);
        a += ours.decode(bytes.subarray(at, at + size));
        b += lent.decode(bytes.subarray(at, at + size));
        at += size;
      }
      a += ours.end();
      b += lent.end();
      expect(b).toBe(a);
      expect(lent.invalidSequences).toBe(ours.invalidSequences);
    }
    const bom = createDecoder("utf-8", native);
    expect(bom.decode(withBom(utf8("x"))) + bom.end()).toBe("x");
  });

  it("decodes a CSV whose multi-byte characters straddle every 1..7-byte chunk boundary", () => {
    const bytes = utf8("name,city\nJürgen,Köln\nZoë,€ 😀\n");
    for (let size = 1; size <= 7; size++) {
      expect(parseBytes(bytes, size).rows.map((r) => r.fields)).toEqual([["name", "city"], ["Jürgen", "Köln"], ["Zoë", "€ 😀"]]);
    }
    expect(parseBytes(CP1252, 1, ";", "windows-1252").rows.map((r) => r.fields)).toEqual([["Müller", "€5"], ["Grüße", "ä"]]);
    expect(parseBytes(utf16("a;b\nä;😀\n", true), 3, ";", "utf-16le").rows.map((r) => r.fields)).toEqual([["a", "b"], ["ä", "😀"]]);
  });

  it("handles large chunks beyond one conversion block", () => {
    const text = "äbc,".repeat(5000);
    const bytes = utf8(text);
    expect(decodeInChunks(bytes, "utf-8", bytes.length).text).toBe(text);
    expect(chunkBytes(bytes, 4096).length).toBe(Math.ceil(bytes.length / 4096));
  });
});

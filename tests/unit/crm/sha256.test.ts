import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Bytes, sha256Hex, utf8Bytes } from "../../../lib/crm/sha256";

describe("sha256Hex", () => {
  const vectors: [string, string][] = [
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
    ["The quick brown fox jumps over the lazy dog", "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"],
    ["ä", "33e6d73fee82904c8d7afb78de1154d1e8dc2a0edb08120e63df5b9385c2d9cc"],
  ];
  for (const [input, hex] of vectors) {
    it(JSON.stringify(input), () => expect(sha256Hex(input)).toBe(hex));
  }

  it("one million 'a' (FIPS 180-2 long vector)", () => {
    expect(sha256Hex("a".repeat(1_000_000))).toBe("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  });

  it("matches node:crypto on padding edges and non-ASCII text", () => {
    const samples = ["€", "😀", "Zoë Müller", "\uD800 lone", "x".repeat(55), "x".repeat(56), "x".repeat(63), "x".repeat(64), "ä".repeat(100)];
    for (const s of samples) expect(sha256Hex(s)).toBe(createHash("sha256").update(s, "utf8").digest("hex"));
  });

  it("encodes UTF-8 like TextEncoder, lone surrogates as U+FFFD", () => {
    for (const s of ["aä€😀", "\uDC00", "a\uD83D", "\uD83D\uDE00"]) expect([...utf8Bytes(s)]).toEqual([...new TextEncoder().encode(s)]);
    expect(sha256Bytes(new Uint8Array(0)).length).toBe(32);
  });
});

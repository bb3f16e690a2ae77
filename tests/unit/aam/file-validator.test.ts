import { describe, expect, it } from "vitest";
import type { IdType } from "@/lib/aam/id-rules";
import { createFileValidator, MAX_LINES_PER_USER } from "@/lib/aam/validate";
import { encodeUtf8 } from "@/lib/aam/utf8";

type Opts = { idType?: IdType; mode?: "sync" | "overwrite"; maxIssues?: number };

function validateText(text: string, opts: Opts = {}) {
  const v = createFileValidator({ idType: opts.idType ?? "dpuuid", mode: opts.mode ?? "sync", maxIssues: opts.maxIssues });
  v.pushText(text);
  return v.finish();
}

function validateBytes(bytes: Uint8Array, opts: Opts = {}, chunkSize = bytes.length || 1) {
  const v = createFileValidator({ idType: opts.idType ?? "dpuuid", mode: opts.mode ?? "sync", maxIssues: opts.maxIssues });
  for (let i = 0; i < bytes.length; i += chunkSize) v.pushBytes(bytes.subarray(i, i + chunkSize));
  return v.finish();
}

const summary = (issues: { code: string; severity: string; line?: number }[]) => issues.map((i) => `${i.code}:${i.severity}@${i.line ?? "-"}`);

describe("file-level rules", () => {
  it.each<[string, string, string[]]>([
    ["empty file", "", ["FILE_EMPTY:error@-"]],
    ["only blank lines", "\n\n", ["LINE_FORMAT:warning@1", "LINE_FORMAT:warning@2", "FILE_EMPTY:error@-"]],
    ["one good line without final LF", "crm1\td_sid=1", []],
    ["CRLF line ends", "crm1\td_sid=1\r\ncrm2\td_sid=2\r\n", []],
    ["a blank line in the middle", "crm1\td_sid=1\n\ncrm2\td_sid=2\n", ["LINE_FORMAT:warning@2"]],
  ])("%s", (_label, text, expected) => {
    expect(summary(validateText(text).issues)).toEqual(expected);
  });

  it("I16: device IDs in a customer-ID file are one ID_MIXED_TYPES warning naming the first line", () => {
    const r = validateText("crm1\td_sid=1\ne4fe9bde-caa0-47b6-908d-ffba3fa184f2\td_sid=24\n6D92078A-8246-4BA4-AE5B-76104861E7DC\td_sid=2\n");
    expect(summary(r.issues)).toEqual(["ID_MIXED_TYPES:warning@2"]);
    expect(r.issues[0]!.message).toMatch(/^2 user ID\(s\) look like device advertising IDs \(first on line 2\)/);
  });

  it("I17: the 201st and later lines for one user are USER_LINE_LIMIT errors", () => {
    const lines = [];
    for (let i = 1; i <= 203; i++) lines.push(`crm42\td_sid=${i}`, `other${i}\td_sid=1`);
    const r = validateText(lines.join("\n"));
    // crm42's lines are the odd lines; its 201st is line 401
    expect(summary(r.issues)).toEqual(["USER_LINE_LIMIT:error@401", "USER_LINE_LIMIT:error@403", "USER_LINE_LIMIT:error@405"]);
    expect(r.stats.users).toBe(204);
    expect(MAX_LINES_PER_USER).toBe(200);
  });

  it("exactly 200 lines for one user is fine", () => {
    const r = validateText(Array.from({ length: 200 }, (_, i) => `crm42\td_sid=${i}`).join("\n"));
    expect(r.issues).toEqual([]);
    expect(r.stats).toMatchObject({ lines: 200, records: 200, users: 1, signals: 200 });
  });

  it("warns once per new spelling of IDs that differ only in case (customer IDs are case-sensitive)", () => {
    const r = validateText(["User123\td_sid=1", "user123\td_sid=1", "USER123\td_sid=1", "user123\td_sid=2", "other\td_sid=1"].join("\n"));
    expect(summary(r.issues)).toEqual(["ID_CASE_COLLISION:warning@2", "ID_CASE_COLLISION:warning@3"]);
    expect(r.stats.users).toBe(4);
  });

  it("case variants keep separate line counts", () => {
    const lines = [];
    for (let i = 0; i < 150; i++) lines.push(`User1\td_sid=${i}`, `user1\td_sid=${i}`);
    const r = validateText(lines.join("\n"));
    expect(r.countsByCode).toEqual({ ID_CASE_COLLISION: 1 });
  });

  it("does not fold case for device IDs, whose case is part of the format", () => {
    const r = validateText("6D92078A-8246-4BA4-AE5B-76104861E7DC\td_sid=1\n6d92078a-8246-4ba4-ae5b-76104861e7dc\td_sid=1\n", { idType: "idfa" });
    expect(summary(r.issues)).toEqual(["ID_INVALID_DEVICE:error@2"]);
  });

  it("d_unsid in an .overwrite file", () => {
    expect(summary(validateText("crm1\td_sid=1,d_unsid=2\n", { mode: "overwrite" }).issues)).toEqual(["UNSID_IN_OVERWRITE:warning@1"]);
  });
});

describe("line length (102,400 bytes, terminator included)", () => {
  const line = (bytes: number) => "crm1\t" + `"k"="${"v".repeat(bytes - 5 - 6)}"`; // content bytes = `bytes`
  it.each<[string, string, boolean]>([
    ["102,399 bytes + LF", line(102_399) + "\n", false],
    ["102,400 bytes + LF", line(102_400) + "\n", true],
    ["102,400 bytes, last line without LF", line(102_400), false],
    ["102,399 bytes + CRLF", line(102_399) + "\r\n", true],
    ["far over (kept only in part)", line(500_000) + "\n", true],
  ])("%s", (_label, text, tooLong) => {
    for (const r of [validateText(text), validateBytes(encodeUtf8(text), {}, 65_536)]) {
      expect(r.issues.map((i) => i.code)).toEqual(tooLong ? ["LINE_TOO_LONG"] : []);
    }
  });
});

describe("encoding (validate from bytes)", () => {
  const good = encodeUtf8("crm1\td_sid=1\ncrm2\t\"city\"=\"Zürich\"\n");

  it("valid UTF-8 split at every possible chunk boundary gives no issue and the same stats", () => {
    const whole = validateBytes(good);
    expect(whole.issues).toEqual([]);
    for (let size = 1; size <= good.length; size++) {
      const r = validateBytes(good, {}, size);
      expect(r.issues).toEqual([]);
      expect(r.stats).toEqual(whole.stats);
    }
    expect(whole.stats).toMatchObject({ lines: 2, records: 2, users: 2, signals: 2, bytes: good.length });
  });

  it.each<[string, number[], number[]]>([
    ["a Latin-1 byte on line 3", [0xe9], [3]],
    ["a lone continuation byte on line 3", [0x80], [3]],
    ["an overlong encoding on line 3", [0xc0, 0xaf], [3]],
    ["a UTF-16 surrogate encoded in UTF-8 on line 3", [0xed, 0xa0, 0x80], [3]],
  ])("FILE_ENCODING: %s", (_label, bad, lines) => {
    const bytes = new Uint8Array([...encodeUtf8("crm1\td_sid=1\ncrm2\td_sid=1\ncrm"), ...bad, ...encodeUtf8("3\td_sid=1\ncrm4\td_sid=1\n")]);
    for (const size of [1, 3, 7, bytes.length]) {
      const r = validateBytes(bytes, {}, size);
      expect(r.issues.filter((i) => i.code === "FILE_ENCODING").map((i) => [i.severity, i.line])).toEqual(lines.map((l) => ["error", l]));
    }
  });

  it("a truncated multi-byte character at the end of the file", () => {
    const bytes = new Uint8Array([...encodeUtf8("crm1\td_sid=1\ncrm2\t\"k\"=\"a"), 0xe2, 0x82]);
    expect(summary(validateBytes(bytes).issues)).toEqual(["FILE_ENCODING:error@2", "SIGNAL_BAD_QUOTES:error@2", "SIGNAL_EMPTY:error@2"]);
  });

  it("a UTF-8 byte order mark is a warning and is not part of the first ID", () => {
    const r = validateBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...encodeUtf8("crm1\td_sid=1\ncrm1\td_sid=2\n")]));
    expect(summary(r.issues)).toEqual(["FILE_ENCODING:warning@1"]);
    expect(r.stats.users).toBe(1);
    expect(r.stats.bytes).toBe(3 + 26);
  });
});

describe("issue cap and counts", () => {
  it("keeps maxIssues issues but counts every one", () => {
    const text = Array.from({ length: 50 }, (_, i) => `crm:${i}\td_sid=x`).join("\n");
    const r = validateText(text, { maxIssues: 10 });
    expect(r.issues).toHaveLength(10);
    expect(r.truncated).toBe(true);
    expect(r.countsByCode).toEqual({ ID_FORBIDDEN_CHAR: 50, SIGNAL_INVALID_TRAIT_ID: 50 });
    expect(r.stats).toMatchObject({ lines: 50, records: 50, errors: 100, warnings: 0 });
  });

  it("push(line) and pushText agree", () => {
    const lines = ["crm1\td_sid=1", "bad line", "crm2\t\"a\"=\"b\""];
    const v = createFileValidator({ idType: "dpuuid", mode: "sync" });
    for (const l of lines) v.push(l);
    expect(v.finish()).toEqual(validateText(lines.join("\n") + "\n"));
  });
});

describe("pushRecord (records about to be written)", () => {
  it("returns false for records with errors, reports the caller's line numbers and applies writer key rules", () => {
    const v = createFileValidator({ idType: "dpuuid", mode: "sync", purpose: "write" });
    expect(v.pushRecord({ id: "crm1", signals: [{ kind: "sid", traitId: "1" }] }, 2)).toBe(true);
    expect(v.pushRecord({ id: "crm:2", signals: [{ kind: "sid", traitId: "1" }] }, 3)).toBe(false);
    expect(v.pushRecord({ id: "crm3", signals: [{ kind: "kv", key: "a.b", value: "1" }] }, 4)).toBe(false);
    expect(v.pushRecord({ id: "crm4", signals: [{ kind: "kv", key: "ok", value: "jane@example.com" }] }, 5)).toBe(true);
    const r = v.finish();
    expect(summary(r.issues)).toEqual(["ID_FORBIDDEN_CHAR:error@3", "SIGNAL_INVALID_KEY:error@4", "VALUE_PII:warning@5"]);
    expect(r.stats).toMatchObject({ lines: 4, records: 4, users: 4, errors: 2, warnings: 1 });
  });
});

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it, vi } from "vitest";
import { buildXlsx } from "../../support/xlsx-fixture";

// Every test spawns node + tsx (about half a second each); leave room on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const ROOT = path.resolve(import.meta.dirname, "../../..");
const BIN = path.join(ROOT, "bin/aam-inbound.mjs");
const dir = mkdtempSync(path.join(tmpdir(), "aam-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Json {
  ok: boolean;
  issues: Array<{ code: string; severity: string; line?: number; message: string }>;
  files: Array<Record<string, unknown>>;
  stats: Record<string, unknown> & { countsByCode?: Record<string, number> };
}

function run(...args: string[]): { code: number; stdout: string; stderr: string; json: () => Json } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8", timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as Json };
}

function file(name: string, content: string | Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

const codes = (j: Json) => j.issues.map((i) => `${i.code}:${i.severity}${i.line ? `@${i.line}` : ""}`);

describe("aam-inbound check-name", () => {
  it.each<[string, number, string[]]>([
    ["ftp_dpm_478_1366545717.sync.1.gz", 0, []],
    ["ftp_dpm_478_1366545717.sync.zip", 1, ["NAME_INVALID:error"]],
    ["ftp_dpm_20914_1366545717.sync", 1, ["NAME_TARGET_REQUIRED:error"]],
    ["acme-path/acme/date=2016-05-09/ftp_dpm_478_1366545717.sync.1.gz", 0, ["KEY_DATE_MISMATCH:warning"]],
    ["acme-path/acme/2016-05-09/ftp_dpm_478_1366545717.sync", 1, ["KEY_INVALID:error"]],
  ])("%s -> exit %i", (name, exit, expected) => {
    const r = run("check-name", name, "--json");
    expect(r.code).toBe(exit);
    expect(codes(r.json())).toEqual(expected);
    expect(r.json().ok).toBe(exit === 0);
  });

  it("describes the parts of a valid name", () => {
    expect(run("check-name", "ftp_dpm_20915_21_1366545717.overwrite.gz", "--json").json().files).toEqual([
      { name: "ftp_dpm_20915_21_1366545717.overwrite.gz", dpid: 20915, targetDpid: 21, timestamp: 1366545717, mode: "overwrite", ext: "gz", idType: "idfa" },
    ]);
  });

  it("prints readable text without --json", () => {
    const r = run("check-name", "ftp_dpm_478_136654571.sync");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^error\s+NAME_INVALID: .*9-digit timestamp/m);
  });
});

describe("aam-inbound validate", () => {
  const good = "crm-1\td_sid=24,d_sid=25\ncrm-2\t\"city\"=\"Zürich\"\n";

  it("a clean plain file: exit 0 and the file's stats", () => {
    const r = run("validate", file("ftp_dpm_478_1366545717.sync", good), "--json");
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j).toMatchObject({ ok: true, issues: [] });
    expect(j.files[0]).toMatchObject({ name: "ftp_dpm_478_1366545717.sync", dpid: 478, mode: "sync", idType: "dpuuid", content: "plain" });
    expect(j.stats).toMatchObject({ lines: 2, records: 2, users: 2, signals: 3, bytes: Buffer.byteLength(good), errors: 0 });
  });

  it("reads .gz transparently", () => {
    const r = run("validate", file("ftp_dpm_478_1366545717.sync.gz", gzipSync(good)), "--json");
    expect(r.code).toBe(0);
    expect(r.json().files[0]).toMatchObject({ content: "gzip", rawBytes: Buffer.byteLength(good) });
  });

  it.each<[string, string, string | Uint8Array, string[]]>([
    ["content errors", "ftp_dpm_478_1366545717.sync", "crm:1\td_sid=24\ncrm-2 d_sid=1\ncrm-3\td_sid=x\n", ["ID_FORBIDDEN_CHAR:error@1", "LINE_FORMAT:error@2", "SIGNAL_INVALID_TRAIT_ID:error@3"]],
    ["not UTF-8", "ftp_dpm_478_1366545717.sync", Buffer.from("crm-1\td_sid=1\ncaf\xe9\td_sid=1\n", "latin1"), ["FILE_ENCODING:error@2", "ID_FORBIDDEN_CHAR:warning@2"]],
    ["empty file", "ftp_dpm_478_1366545717.sync", "", ["FILE_EMPTY:error"]],
    [".gz name, plain content", "ftp_dpm_478_1366545717.sync.gz", good, ["FILE_COMPRESSION:error"]],
    ["gzip content without .gz", "ftp_dpm_478_1366545717.sync", gzipSync(good), ["FILE_COMPRESSION:error"]],
    [".pgp name, gzip content", "ftp_dpm_478_1366545717.sync.pgp", gzipSync(good), ["FILE_COMPRESSION:error"]],
    [".pgp name: contents not checked", "ftp_dpm_478_1366545717.sync.pgp", "\x85\x01\x0c\x03binary", ["FILE_COMPRESSION:info"]],
    ["zip archive", "ftp_dpm_478_1366545717.sync", Buffer.from("PK\x03\x04rest", "latin1"), ["FILE_COMPRESSION:error"]],
    ["ID type from a global DPID (20915 = IDFA)", "ftp_dpm_20915_21_1366545717.sync", "e4fe9bde-caa0-47b6-908d-ffba3fa184f2\td_sid=1\n", ["ID_INVALID_DEVICE:error@1"]],
    ["mode from the name (overwrite)", "ftp_dpm_478_1366545717.overwrite", "crm-1\td_unsid=1\n", ["UNSID_IN_OVERWRITE:warning@1"]],
    ["name missing its target, content still checked as GAIDs", "ftp_dpm_20914_1366545717.sync", "E4FE9BDE-CAA0-47B6-908D-FFBA3FA184F2\td_sid=1\n", ["NAME_TARGET_REQUIRED:error", "ID_INVALID_DEVICE:error@1"]],
  ])("%s", (_label, name, content, expected) => {
    const r = run("validate", file(name, content), "--json");
    expect(codes(r.json())).toEqual(expected);
    expect(r.code).toBe(expected.some((c) => c.includes(":error")) ? 1 : 0);
  });

  it("a file with another name is checked with --dpid, the name being only a warning", () => {
    const r = run("validate", file("export.tsv", good), "--dpid", "478", "--json");
    expect(r.code).toBe(0);
    expect(codes(r.json())).toEqual(["NAME_INVALID:warning"]);
  });

  it("--id-type overrides the DPID's type", () => {
    const r = run("validate", file("ftp_dpm_478_1366545717.sync", "59767559181262060060278870901087098252\td_sid=1\n"), "--id-type", "aam_uuid", "--json");
    expect(r.code).toBe(0);
  });

  it.each<[string, string[], RegExp]>([
    ["missing file", ["validate", "no-such-file.sync"], /no-such-file\.sync/],
    ["no DPID anywhere", ["validate", "__export__"], /pass --dpid/],
    ["bad --id-type", ["validate", "__good__", "--id-type", "email"], /--id-type must be one of/],
    ["unknown option", ["validate", "__good__", "--colour"], /unknown option --colour/],
    ["unknown command", ["frobnicate"], /unknown command "frobnicate"/],
    ["no command", [], /no command given/],
  ])("%s -> exit 2 with a message on stderr", (_label, args, message) => {
    file("__export__", good);
    file("__good__", good);
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });
});

describe("aam-inbound convert", () => {
  function crm(rows: number): { csv: string; lines: string[] } {
    const out = ["customer_id,segments,Tier,email"];
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) {
      const segs = `${1000 + (i % 97)};${5000 + ((i * 7) % 89)}`;
      const tier = ["gold", "silver", "bronze"][i % 3]!;
      out.push(`cust-${i}-${(i * 2654435761) % 1e9},"${segs}",${tier},`);
      lines.push(`cust-${i}-${(i * 2654435761) % 1e9}\td_sid=${1000 + (i % 97)},d_sid=${5000 + ((i * 7) % 89)}`);
    }
    return { csv: out.join("\r\n") + "\r\n", lines };
  }

  it("splits into numbered .gz parts under --max-part-bytes that validate cleanly and hold every row", () => {
    const { csv, lines } = crm(60_000);
    const out = mkdtempSync(path.join(dir, "out-"));
    const r = run("convert", file("crm.csv", csv), "--dpid", "478", "--id-column", "customer_id", "--trait-id-column", "segments", "--timestamp", "1366545717", "--max-part-bytes", "150000", "--out", out, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j.ok).toBe(true);
    const names = j.files.map((f) => f.name as string);
    expect(names.length).toBeGreaterThan(2);
    expect(names).toEqual(names.map((_, i) => `ftp_dpm_478_1366545717.sync.${i + 1}.gz`));
    expect(readdirSync(out).sort()).toEqual([...names].sort()); // no .partial files left
    let text = "";
    for (const f of j.files) {
      expect(f.bytes as number).toBeLessThanOrEqual(150_000);
      text += gunzipSync(readFileSync(path.join(out, f.name as string))).toString("utf8");
      const v = run("validate", path.join(out, f.name as string), "--json");
      expect(v.code).toBe(0);
      expect(v.json().issues).toEqual([]);
    }
    expect(text).toBe(lines.join("\n") + "\n");
    expect(j.stats).toMatchObject({ rows: 60_000, skippedRows: 0, linesWritten: 60_000, users: 60_000, errors: 0 });
  });

  it("one part gets the plain name; key-value columns are quoted; bad rows are left out with exit 1", () => {
    const out = mkdtempSync(path.join(dir, "out-"));
    const csv = "id,Tier,city\ncrm-1,gold,Zürich\ncrm:2,silver,Paris\ncrm-3,,\ncrm-4,bronze,\"New York, NY\"\ncrm-5,gold,\n";
    const r = run("convert", file("small.csv", csv), "--dpid", "20914", "--target-dpid", "21", "--id-type", "dpuuid", "--id-column", "id", "--kv", "Tier=tier", "--kv", "city", "--timestamp", "1366545717", "--out", out, "--json");
    expect(r.code).toBe(1);
    const j = r.json();
    expect(codes(j)).toEqual(["ID_FORBIDDEN_CHAR:error@3", "SIGNAL_EMPTY:warning@4", "VALUE_UNREPRESENTABLE:error@5"]);
    expect(j.files.map((f) => f.name)).toEqual(["ftp_dpm_20914_21_1366545717.sync.gz"]);
    expect(gunzipSync(readFileSync(path.join(out, "ftp_dpm_20914_21_1366545717.sync.gz"))).toString()).toBe(
      'crm-1\t"tier"="gold","city"="Zürich"\ncrm-5\t"tier"="gold"\n',
    );
    expect(j.stats).toMatchObject({ rows: 5, skippedRows: 3, linesWritten: 2 });
  });

  it("--no-gzip writes a plain .overwrite file", () => {
    const out = mkdtempSync(path.join(dir, "out-"));
    const r = run("convert", file("plain.csv", "id,seg\na,1\nb,2\n"), "--dpid", "478", "--id-column", "id", "--trait-id-column", "seg", "--mode", "overwrite", "--timestamp", "1366545717", "--no-gzip", "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK/m);
    expect(readFileSync(path.join(out, "ftp_dpm_478_1366545717.overwrite"), "utf8")).toBe("a\td_sid=1\nb\td_sid=2\n");
  });

  it("creates a missing --out folder, like mkdir -p", () => {
    const out = path.join(dir, "new-folder", "nested");
    const r = run("convert", file("mk.csv", "id,seg\na,1\n"), "--dpid", "478", "--id-column", "id", "--trait-id-column", "seg", "--timestamp", "1366545717", "--out", out);
    expect(r.code).toBe(0);
    expect(gunzipSync(readFileSync(path.join(out, "ftp_dpm_478_1366545717.sync.gz"))).toString()).toBe("a\td_sid=1\n");
  });

  it("never overwrites an existing file", () => {
    const out = mkdtempSync(path.join(dir, "out-"));
    writeFileSync(path.join(out, "ftp_dpm_478_1366545717.sync.gz"), "keep me");
    const r = run("convert", file("one.csv", "id,seg\na,1\n"), "--dpid", "478", "--id-column", "id", "--trait-id-column", "seg", "--timestamp", "1366545717", "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ftp_dpm_478_1366545717\.sync\.gz already exists/);
    expect(readFileSync(path.join(out, "ftp_dpm_478_1366545717.sync.gz"), "utf8")).toBe("keep me");
    expect(readdirSync(out)).toEqual(["ftp_dpm_478_1366545717.sync.gz"]);
  });

  it("an unclosed quote stops the conversion with exit 1 and leaves nothing behind", () => {
    const out = mkdtempSync(path.join(dir, "out-"));
    const r = run("convert", file("broken.csv", 'id,seg\na,1\n"b,2\n'), "--dpid", "478", "--id-column", "id", "--trait-id-column", "seg", "--out", out, "--json");
    expect(r.code).toBe(1);
    const j = r.json();
    // lib/crm also reports what became of the swallowed row (one value "b,2\n"); the quote comes first.
    expect(codes(j)[0]).toBe("CSV_UNCLOSED_QUOTE:error@3");
    expect(j.issues[0]!.message).toMatch(/quote opened at line 3 .* is never closed/);
    expect(j.files).toEqual([]);
    expect(j.stats).toMatchObject({ rows: 2, skippedRows: 2, linesWritten: 0 });
    expect(readdirSync(out)).toEqual([]);
  });

  it("counts newlines inside quotes in the lines it reports; text after a closing quote is kept with a warning", () => {
    const out = mkdtempSync(path.join(dir, "out-"));
    const csv = 'id,note,seg\r\na,"x\ny",1\r\nb,,2\r\nc:1,,3\r\nd,"x"y,4\r\n';
    const r = run("convert", file("quoted.csv", csv), "--dpid", "478", "--id-column", "id", "--kv", "note", "--trait-id-column", "seg", "--timestamp", "1366545717", "--out", out, "--json");
    expect(r.code).toBe(1);
    const j = r.json();
    expect(codes(j)).toEqual(["VALUE_UNREPRESENTABLE:error@2", "SIGNAL_MIXED_STYLES:warning@2", "ID_FORBIDDEN_CHAR:error@5", "CSV_QUOTE_TRAILING:warning@6", "SIGNAL_MIXED_STYLES:warning@6"]);
    expect(gunzipSync(readFileSync(path.join(out, "ftp_dpm_478_1366545717.sync.gz"))).toString()).toBe('b\td_sid=2\nd\t"note"="xy",d_sid=4\n');
  });

  /** Converts with --timestamp 1366545717 into a new folder; returns the result and the written lines. */
  function convert(name: string, content: string | Uint8Array, ...options: string[]) {
    const out = mkdtempSync(path.join(dir, "out-"));
    const r = run("convert", file(name, content), "--dpid", "478", "--timestamp", "1366545717", "--out", out, "--json", ...options);
    const written = readdirSync(out);
    const text = written.map((f) => gunzipSync(readFileSync(path.join(out, f))).toString("utf8")).join("");
    return { r, j: r.json(), written, text };
  }

  it("reads a semicolon-delimited Windows-1252 export (what Excel saves in much of Europe)", () => {
    const csv = Buffer.from("Kundennummer;Name;Stadt\r\ncrm-1;José;Zürich\r\ncrm-2;Zoë;Köln\r\n", "latin1");
    const { r, j, text } = convert("europe.csv", csv, "--id-column", "kundennummer", "--kv", "Name=name", "--kv", "Stadt=city");
    expect(r.code).toBe(0);
    expect(codes(j)).toEqual(["ENCODING_GUESSED:info"]);
    expect(text).toBe('crm-1\t"name"="José","city"="Zürich"\ncrm-2\t"name"="Zoë","city"="Köln"\n');
  });

  it("reads UTF-16 (with a byte-order mark), tab-delimited", () => {
    const tsv = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("id\tseg\r\na\t1\r\nb\t2\r\n", "utf16le")]);
    const { r, text } = convert("utf16.txt", tsv, "--id-column", "id", "--trait-id-column", "seg");
    expect(r.code).toBe(0);
    expect(text).toBe("a\td_sid=1\nb\td_sid=2\n");
  });

  it("reads a gzipped CSV", () => {
    const { csv, lines } = crm(500);
    const { r, j, text } = convert("crm.csv.gz", gzipSync(csv), "--id-column", "customer_id", "--trait-id-column", "segments");
    expect(r.code).toBe(0);
    expect(text).toBe(lines.join("\n") + "\n");
    expect(j.stats).toMatchObject({ rows: 500, linesWritten: 500, users: 500, signals: 1000 });
  });

  it("a damaged .gz ends the conversion with exit 1 and nothing written", () => {
    const gz = gzipSync(crm(2000).csv);
    const { r, j, written } = convert("cut.csv.gz", gz.subarray(0, gz.length - 200), "--id-column", "customer_id", "--trait-id-column", "segments");
    expect(r.code).toBe(1);
    expect(codes(j)).toEqual(["FILE_COMPRESSION:error"]);
    expect(j.issues[0]!.message).toMatch(/cannot be unpacked/);
    expect(j.files).toEqual([]);
    expect(written).toEqual([]);
  });

  it("a decompression bomb is refused with exit 1 and nothing written", () => {
    const bomb = gzipSync("id,seg\n" + "a,1\n".repeat(1_000_000));
    const { r, j, written } = convert("bomb.csv.gz", bomb, "--id-column", "id", "--trait-id-column", "seg");
    expect(r.code).toBe(1);
    expect(codes(j)).toEqual(["FILE_COMPRESSION:error"]);
    expect(j.issues[0]!.message).toMatch(/possible decompression bomb/);
    expect(written).toEqual([]);
  });

  it("text that is not valid in the detected encoding ends the conversion with exit 1 and nothing written", () => {
    // The first 64 KiB decide the encoding (UTF-8 here); a Windows-1252 byte after them cannot be read.
    const { csv } = crm(2000);
    const bytes = Buffer.concat([Buffer.from(csv), Buffer.from("late-1,1001,caf\xe9,\r\n", "latin1")]);
    const { r, j, written } = convert("late.csv", bytes, "--id-column", "customer_id", "--kv", "Tier=tier");
    expect(r.code).toBe(1);
    expect(codes(j)).toEqual(["ENCODING_INVALID:error@2002"]);
    expect(j.files).toEqual([]);
    expect(written).toEqual([]);
  });

  it("reads the first sheet of an .xlsx workbook, keeping leading zeros of a Text-formatted ID", () => {
    const book = buildXlsx([
      {
        name: "Kunden",
        rows: [
          ["Kundennummer", "Segmente", "Notiz"],
          [{ zeros: 1234 }, "1001|1002", "x"],
          ["000124", { inline: "1003" }, null],
        ],
      },
    ]);
    const { r, text } = convert("crm.xlsx", book, "--id-column", "Kundennummer", "--trait-id-column", "Segmente");
    expect(r.code).toBe(0);
    expect(text).toBe("01234\td_sid=1001,d_sid=1002\n000124\td_sid=1003\n");
  });

  it("--encoding reads a file whose detection went wrong, and the encoding error names the option", () => {
    const { csv } = crm(2000);
    const bytes = Buffer.concat([Buffer.from(csv), Buffer.from("late-1,1001,caf\xe9,\r\n", "latin1")]);
    const detected = convert("late.csv", bytes, "--id-column", "customer_id", "--kv", "Tier=tier");
    expect(detected.j.issues[0]!.message).toContain("--encoding utf-8, utf-16le, utf-16be or windows-1252");
    const chosen = convert("late.csv", bytes, "--id-column", "customer_id", "--kv", "Tier=tier", "--encoding", "windows-1252");
    expect(chosen.r.code).toBe(0);
    expect(chosen.text.endsWith('late-1\t"tier"="café"\n')).toBe(true);
  });

  it("--delimiter overrides the detected one (a wrong choice leaves one column: exit 2 with the columns)", () => {
    const csv = "id;seg\na;1\nb;2\n";
    expect(convert("semi.csv", csv, "--id-column", "id", "--trait-id-column", "seg", "--delimiter", "semicolon").text).toBe("a\td_sid=1\nb\td_sid=2\n");
    const wrong = run("convert", file("semi.csv", csv), "--dpid", "478", "--id-column", "id", "--trait-id-column", "seg", "--delimiter", "comma", "--out", mkdtempSync(path.join(dir, "out-")));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('its columns are: "id;seg"');
  });

  it("--sheet N reads the Nth sheet (1-based, as Excel numbers them); a missing one is refused", () => {
    const book = buildXlsx([
      { name: "Notes", rows: [["text"], ["ignore me"]] },
      { name: "Kunden", rows: [["id", "seg"], ["k1", "7"]] },
    ]);
    const second = convert("two.xlsx", book, "--id-column", "id", "--trait-id-column", "seg", "--sheet", "2");
    expect(second.r.code).toBe(0);
    expect(second.text).toBe("k1\td_sid=7\n");
    const missing = convert("two.xlsx", book, "--id-column", "id", "--trait-id-column", "seg", "--sheet", "3");
    expect(missing.r.code).toBe(1);
    expect(missing.j.issues[0]!.message).toContain("no sheet number 3");
  });

  it.each([
    ["--encoding", "ebcdic", "--encoding must be one of"],
    ["--delimiter", ":", "--delimiter must be one of"],
    ["--sheet", "0", "--sheet"],
  ])("%s %s is a usage error (exit 2)", (option, value, message) => {
    const r = run("convert", file("u.csv", "id,seg\na,1\n"), "--dpid", "478", "--id-column", "id", "--trait-id-column", "seg", option, value, "--out", mkdtempSync(path.join(dir, "out-")));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it.each<[string, string, string, string]>([
    ["a value over 256 KiB", "note", `id,seg,note\na,1,x\nb,2,${"y".repeat(300_000)}\nc,3,z\n`, "LINE_FORMAT:error@3"],
    ["a NUL byte", "NUL", "id,seg\na,1\nb,2\u0000\nc,3\n", "LINE_FORMAT:error@3"],
  ])("%s refuses the input with exit 1, naming the line, and writes nothing", (_label, message, csv, code) => {
    const { r, j, written } = convert("refused.csv", csv, "--id-column", "id", "--trait-id-column", "seg");
    expect(r.code).toBe(1);
    expect(codes(j)).toEqual([code]);
    expect(j.issues[0]!.message).toMatch(new RegExp(`^Line 3, column \\d+ .*${message === "NUL" ? "NUL character" : "value longer than 262,144"}`));
    expect(j.files).toEqual([]);
    expect(written).toEqual([]);
  });

  it("splits each trait column on the first of ; | , or space found in its values", () => {
    const csv = 'id,a,b,c\nu1,10;20,"30 40",50|60\nu2,11,31 41,51\n';
    const { r, text } = convert("multi.csv", csv, "--id-column", "id", "--trait-id-column", "a", "--trait-id-column", "b", "--trait-id-column", "c");
    expect(r.code).toBe(0);
    expect(text).toBe("u1\td_sid=10,d_sid=20,d_sid=30,d_sid=40,d_sid=50,d_sid=60\nu2\td_sid=11,d_sid=31,d_sid=41,d_sid=51\n");
  });

  it("--split SEP splits every trait column on SEP only", () => {
    const csv = "id,a,b\nu1,10|20,30|40\nu2,50,60\nu3,70;80,90\n";
    const { r, j, text } = convert("split.csv", csv, "--id-column", "id", "--trait-id-column", "a", "--trait-id-column", "b", "--split", "|");
    expect(r.code).toBe(1);
    // Without --split, ";" (first in the order) would have been chosen for column a and "10|20" refused.
    expect(codes(j)).toEqual(["SIGNAL_INVALID_TRAIT_ID:error@4"]);
    expect(text).toBe("u1\td_sid=10,d_sid=20,d_sid=30,d_sid=40\nu2\td_sid=50,d_sid=60\n");
  });

  it.each<[string, string[], RegExp]>([
    ["unknown column", ["--id-column", "cust", "--trait-id-column", "seg"], /"cust" is not a column of the input; its columns are: "id", "seg"/],
    ["global DPID without target", ["--dpid", "20915", "--id-column", "id", "--trait-id-column", "seg"], /target DPID is required.*--target-dpid/],
    ["no signal columns", ["--id-column", "id"], /at least one --kv/],
    ["bad timestamp", ["--id-column", "id", "--trait-id-column", "seg", "--timestamp", "123"], /--timestamp must be between/],
    ["part size too small", ["--id-column", "id", "--trait-id-column", "seg", "--max-part-bytes", "1000"], /maxPartBytes must be at least/],
    ["unknown --kv column", ["--id-column", "ID", "--kv", "city"], /--kv "city" is not a column of the input; its columns are: "id", "seg"/],
    ["one column, two roles", ["--id-column", "id", "--trait-id-column", "seg", "--kv", "seg=segment"], /--trait-id-column "seg": column "seg" is already used by --kv "seg"/],
    ["--split without a trait column", ["--id-column", "id", "--kv", "seg", "--split", "|"], /--split splits --trait-id-column cells/],
  ])("%s -> exit 2", (_label, extra, message) => {
    const out = mkdtempSync(path.join(dir, "out-"));
    const args = ["convert", file("u.csv", "id,seg\na,1\n"), "--out", out, ...extra];
    if (!extra.includes("--dpid")) args.push("--dpid", "478");
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out) && readdirSync(out)).toEqual([]);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "@/lib/cli/main";
import { createProgress, progressText, terminalStatusLine } from "@/lib/cli/progress";

const dir = mkdtempSync(path.join(tmpdir(), "cli-progress-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("progress line", () => {
  it("says how far, how much, how many rows, and (once it can) how long is left", () => {
    expect(progressText("convert crm.csv", 450 * 2 ** 20, 1000 * 2 ** 20, 10_512_000, 12)).toBe(
      "convert crm.csv: 45% · 450 MB of 1000 MB · 10,512,000 rows · 12 s, about 15 s left",
    );
    expect(progressText("validate x", 10, 1000, 5, 0.5)).toBe("validate x: 1% · 10 B of 1000 B · 5 rows · 1 s"); // too early to estimate
  });

  it("redraws at most four times a second and erases itself at the end", () => {
    let t = 1_000_000;
    const drawn: Array<string | null> = [];
    const p = createProgress("convert a.csv", (s) => drawn.push(s), () => t);
    p.update(10, 100, 1);
    t += 100;
    p.update(20, 100, 2); // too soon
    t += 200;
    p.update(30, 100, 3);
    p.done();
    expect(drawn.map((d) => d?.split(" · ")[0] ?? null)).toEqual(["convert a.csv: 10%", "convert a.csv: 30%", null]);
  });

  it("draws nothing when stderr is not a terminal", () => {
    expect(terminalStatusLine({ isTTY: false, write: () => true })).toBeUndefined();
    const out: string[] = [];
    terminalStatusLine({ isTTY: true, write: (s) => out.push(s) })!("x");
    expect(out).toEqual(["\r\x1b[2Kx"]);
  });
});

describe("convert and validate report progress on a terminal", () => {
  it("draws a line while working, then erases it before the result is printed", async () => {
    const rows = ["customer_id,segments"];
    for (let i = 0; i < 20_000; i++) rows.push(`c-${i},${1000 + (i % 50)}`);
    const csv = path.join(dir, "crm.csv");
    writeFileSync(csv, rows.join("\n") + "\n");
    const out = path.join(dir, "out");
    const events: string[] = [];
    const io = {
      stdout: () => void events.push("<result>"),
      stderr: (t: string) => void events.push(`stderr ${t}`),
      nowSeconds: () => 1_700_000_000,
      status: (s: string | null) => void events.push(s ?? "<erase>"),
    };
    expect(await main(["convert", csv, "--dpid", "478", "--id-column", "customer_id", "--trait-id-column", "segments", "--out", out], io)).toBe(0);
    expect(events[0]).toMatch(/^convert crm\.csv: \d+% · .+ of .+ · [\d,]+ rows · \d+ s/);
    expect(events.slice(-2)).toEqual(["<erase>", "<result>"]);

    events.length = 0;
    const part = path.join(dir, "ftp_dpm_478_1700000000.sync.gz");
    writeFileSync(part, gzipSync(rows.slice(1).map((r) => r.replace(",", "\td_sid=")).join("\n") + "\n"));
    expect(await main(["validate", part], io)).toBe(0);
    expect(events[0]).toMatch(/^validate ftp_dpm_478_1700000000\.sync\.gz: \d+% · /);
    expect(events.slice(-2)).toEqual(["<erase>", "<result>"]);
  });
});

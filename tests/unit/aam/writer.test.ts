import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createInboundWriter, deflateBound, type ClosedPart, type CreateCompressor, type InboundWriterOptions } from "@/lib/aam/writer";
import { createNodeGzipFactory } from "@/lib/cli/node-gzip";

/** Collects parts in memory, checking the writer's protocol: opened in order, written, closed once. */
function memoryParts(delay = false) {
  const data = new Map<number, Buffer[]>();
  const closed: ClosedPart[] = [];
  const opened: string[] = [];
  const aborted: number[] = [];
  const openPart: InboundWriterOptions["openPart"] = ({ index, provisionalName }) => {
    opened.push(provisionalName);
    const chunks: Buffer[] = [];
    data.set(index, chunks);
    return {
      // Copy: the writer may reuse the memory once write returns (or its promise settles).
      write: (chunk) => {
        chunks.push(Buffer.from(chunk));
        return delay ? new Promise<void>((r) => setTimeout(r, 1)) : undefined;
      },
      close: (p) => void closed.push(p),
      abort: () => void aborted.push(index),
    };
  };
  return { data, closed, opened, aborted, openPart, bytesOf: (i: number) => Buffer.concat(data.get(i) ?? []) };
}

/** Deterministic, moderately compressible record lines. */
function makeLines(n: number, seed = 1): string[] {
  let s = seed;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return Array.from({ length: n }, (_, i) => `crm-${i}-${Math.floor(rnd() * 1e9).toString(36)}\td_sid=${Math.floor(rnd() * 99_999)},"seg"="${Math.floor(rnd() * 1e6).toString(36)}"`);
}

async function writeAll(lines: string[], options: Omit<InboundWriterOptions, "openPart">, parts = memoryParts()) {
  const w = createInboundWriter({ ...options, openPart: parts.openPart });
  for (const line of lines) {
    const p = w.write(line);
    if (p) await p;
  }
  return { result: await w.finish(), parts };
}

const base = { dpid: 478, mode: "sync" as const, timestamp: 1366545717 };

describe("createInboundWriter with node:zlib", () => {
  it.each<[string, number, number]>([
    ["300 KB parts", 300_000, 60_000],
    ["minimum-size parts", deflateBound(102_400) + 64, 20_000],
    ["2 MB parts, input larger than several batches", 2_000_000, 150_000],
  ])("%s: every part is under the limit, numbered, and the parts gunzip to the input", async (_label, maxPartBytes, count) => {
    const lines = makeLines(count);
    const { result, parts } = await writeAll(lines, { ...base, gzip: true, maxPartBytes, createCompressor: createNodeGzipFactory() });
    const n = result.parts.length;
    expect(n).toBeGreaterThan(1);
    expect(result.parts.map((p) => p.name)).toEqual(Array.from({ length: n }, (_, i) => `ftp_dpm_478_1366545717.sync.${i + 1}.gz`));
    expect(parts.opened).toEqual(result.parts.map((p) => p.provisionalName));
    let text = "";
    for (const p of result.parts) {
      const bytes = parts.bytesOf(p.index);
      expect(bytes.length).toBe(p.bytes);
      expect(p.bytes).toBeLessThanOrEqual(maxPartBytes);
      const raw = gunzipSync(bytes).toString("utf8");
      expect(raw.length).toBe(p.rawBytes);
      expect(raw.endsWith("\n")).toBe(true);
      expect(raw.split("\n").length - 1).toBe(p.lines);
      text += raw;
    }
    expect(text).toBe(lines.join("\n") + "\n");
    expect(result).toMatchObject({ baseName: "ftp_dpm_478_1366545717.sync.gz", lines: count, issues: [] });
    // Parts are filled, not cut early: all but the last use most of the allowance.
    for (const p of result.parts.slice(0, -1)) expect(p.bytes).toBeGreaterThan(maxPartBytes * 0.8);
  });

  it("a single part gets the unnumbered name (provisionally numbered while written)", async () => {
    const lines = makeLines(1000);
    const { result, parts } = await writeAll(lines, { ...base, targetDpid: 21, gzip: true, maxPartBytes: 250_000_000, createCompressor: createNodeGzipFactory() });
    expect(parts.opened).toEqual(["ftp_dpm_478_21_1366545717.sync.1.gz"]);
    expect(result.parts.map((p) => [p.provisionalName, p.name])).toEqual([["ftp_dpm_478_21_1366545717.sync.1.gz", "ftp_dpm_478_21_1366545717.sync.gz"]]);
    expect(parts.closed.map((p) => p.name)).toEqual(["ftp_dpm_478_21_1366545717.sync.gz"]);
    expect(gunzipSync(parts.bytesOf(1)).toString()).toBe(lines.join("\n") + "\n");
  });

  it("waits for a slow consumer (backpressure) and still produces the same bytes", async () => {
    const lines = makeLines(30_000);
    const opts = { ...base, gzip: true, maxPartBytes: 200_000, createCompressor: createNodeGzipFactory() };
    const fast = await writeAll(lines, opts);
    const slow = await writeAll(lines, opts, memoryParts(true));
    expect(slow.result.parts.map((p) => p.bytes)).toEqual(fast.result.parts.map((p) => p.bytes));
    expect(slow.parts.bytesOf(2).equals(fast.parts.bytesOf(2))).toBe(true);
  });

  it("UTF-8 content, no BOM, LF endings", async () => {
    const lines = ["crm-1\t\"city\"=\"Zürich\"", "crm-2\t\"mood\"=\"🎉\""];
    const { parts } = await writeAll(lines, { ...base, gzip: true, maxPartBytes: 1_000_000, createCompressor: createNodeGzipFactory() });
    const raw = gunzipSync(parts.bytesOf(1));
    expect(Array.from(raw.subarray(0, 3))).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString("utf8")).toBe("crm-1\t\"city\"=\"Zürich\"\ncrm-2\t\"mood\"=\"🎉\"\n");
    expect(raw.includes(13)).toBe(false);
  });
});

describe("createInboundWriter without gzip", () => {
  it("splits exactly at the byte limit, on line boundaries", async () => {
    const lines = makeLines(50_000);
    const maxPartBytes = 200_000;
    const { result, parts } = await writeAll(lines, { ...base, mode: "overwrite", gzip: false, maxPartBytes });
    expect(result.parts[0]!.name).toBe("ftp_dpm_478_1366545717.overwrite.1");
    let text = "";
    for (const p of result.parts) {
      expect(p.bytes).toBe(p.rawBytes);
      expect(p.bytes).toBeLessThanOrEqual(maxPartBytes);
      text += parts.bytesOf(p.index).toString("utf8");
    }
    expect(text).toBe(lines.join("\n") + "\n");
    // no gap larger than one line at the end of a full part
    for (const p of result.parts.slice(0, -1)) expect(p.bytes).toBeGreaterThan(maxPartBytes - 100);
  });
});

describe("createInboundWriter: refusals", () => {
  const plain = { ...base, gzip: false, maxPartBytes: 1_000_000 };

  it("produces no part and a FILE_EMPTY error when nothing was written", async () => {
    const { result, parts } = await writeAll([], plain);
    expect(result.parts).toEqual([]);
    expect(parts.opened).toEqual([]);
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([["FILE_EMPTY", "error"]]);
  });

  it.each<[string, string]>([
    ["empty line", ""],
    ["embedded LF", "a\tb\nc"],
    ["embedded CR", "a\tb\rc"],
    ["over 102,400 bytes", "a\t" + "€".repeat(40_000)],
  ])("throws on %s", (_label, line) => {
    const w = createInboundWriter({ ...plain, openPart: memoryParts().openPart });
    expect(() => w.write(line)).toThrow(RangeError);
  });

  it("rejects a part limit too small for a maximal line, and gzip without a compressor", () => {
    const openPart = memoryParts().openPart;
    expect(() => createInboundWriter({ ...plain, maxPartBytes: 50_000, openPart })).toThrow(/at least 102400/);
    expect(() => createInboundWriter({ ...plain, gzip: true, openPart })).toThrow(/createCompressor/);
  });

  it("a failing consumer fails finish() and the open part is aborted", async () => {
    const parts = memoryParts();
    const failing: InboundWriterOptions["openPart"] = async (info) => {
      const sink = await parts.openPart(info);
      return { ...sink, write: () => Promise.reject(new Error("disk full")) };
    };
    const w = createInboundWriter({ ...plain, openPart: failing });
    await expect(
      (async () => {
        for (const line of makeLines(100_000)) {
          const p = w.write(line);
          if (p) await p;
        }
        await w.finish();
      })(),
    ).rejects.toThrow("disk full");
    expect(parts.aborted).toEqual([1]);
  });

  it("a compressor that buffers (no onData) returns its bytes from end()", async () => {
    const factory: CreateCompressor = createNodeGzipFactory();
    const gz = factory();
    await gz.write(new TextEncoder().encode("crm1\td_sid=1\n"));
    const { bytes, compressedBytes } = await gz.end();
    const all = Buffer.concat(bytes!);
    expect(all.length).toBe(compressedBytes);
    expect(gunzipSync(all).toString()).toBe("crm1\td_sid=1\n");
  });
});

// Issue 7, bounded input: hostile files pushed through the real server path (chunked upload to S3,
// createSubmission, the processSubmission job) against real PostgreSQL and an in-process S3 server.
// Each refusal must carry its message (naming line and column where there is one) and leave stored
// data untouched: no delivered parts, no generated copies, no issue rows, no profiles or traits.
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createGzip, gunzipSync } from "node:zlib";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Issue } from "@/lib/aam/issues";
import { issueCsvLine, issuesCsvHeader } from "@/lib/crm/issues-csv";
import { startEmbeddedS3, type EmbeddedS3 } from "@/lib/server/embedded/s3";
import type { MappingInput } from "@/lib/validation/submission";
import { buildXlsx } from "../support/xlsx-fixture";

const ACTOR = "hostile-tester";
const STORAGE = "hostile-uploads";
const SANDBOX = "hostile-sandbox";
let s3: EmbeddedS3;
let dir: string;
let direct: S3Client;
let dataSourceId: string;
let environmentId: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "aam-hostile-"));
  s3 = await startEmbeddedS3({ dataDir: path.join(dir, "s3"), buckets: [STORAGE, SANDBOX] });
  Object.assign(process.env, {
    S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_FORCE_PATH_STYLE: "true", STORAGE_BUCKET: STORAGE, CREDENTIALS_KEY: randomBytes(32).toString("base64"),
  });
  direct = new S3Client({ region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  const { db } = await import("@/lib/server/db");
  const tag = randomBytes(3).toString("hex");
  dataSourceId = (await db.dataSource.create({ data: { name: `Hostile ${tag}`, dpid: 21, partnerFolder: "acme" } })).id;
  // A custom S3 environment: delivery is real, and no processing job is queued after it.
  environmentId = (await db.environment.create({
    data: { name: `hostile-${tag}`, kind: "custom", bucket: SANDBOX, prefix: "inbound", endpoint: s3.endpoint, forcePathStyle: true },
  })).id;
});

afterAll(async () => {
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

const TIER: MappingInput = { columns: [{ role: "id" }, { role: "kv", key: "tier" }], delimiter: "," };

async function upload(bytes: Uint8Array, fileName: string): Promise<string> {
  const { createUpload } = await import("@/lib/server/uploads/create-upload");
  const { putChunk } = await import("@/lib/server/uploads/put-chunk");
  const u = await createUpload({ fileName, size: bytes.length }, ACTOR);
  for (let i = 0; i < u.chunks; i++) {
    const chunk = bytes.subarray(i * u.chunkSize, (i + 1) * u.chunkSize);
    await putChunk(u.id, i, new Blob([new Uint8Array(chunk)]).stream() as ReadableStream<Uint8Array>, ACTOR);
  }
  return u.id;
}

/** Upload, submit and run the job once, as the app does; answers the submission row afterwards. */
async function submitAndProcess(bytes: Uint8Array, fileName: string, mapping: MappingInput = TIER, env = environmentId) {
  const { db } = await import("@/lib/server/db");
  const { createSubmission } = await import("@/lib/server/submissions/create-submission");
  const { processSubmission } = await import("@/lib/server/submissions/process-submission");
  const uploadId = await upload(bytes, fileName);
  const created = await createSubmission({ dataSourceId, environmentId: env, mode: "sync", mapping, patches: [], allowDuplicate: true }, uploadId, ACTOR);
  await processSubmission(created.id);
  const row = await db.submission.findUniqueOrThrow({ where: { id: created.id }, include: { files: true, issues: true } });
  return { row, uploadId };
}

async function keys(bucket: string, prefix = ""): Promise<string[]> {
  const out = await direct.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

/** Everything a refused file must not change. */
async function storedData() {
  const { db } = await import("@/lib/server/db");
  return {
    submissionFiles: await db.submissionFile.count(),
    issueSummaries: await db.issueSummary.count(),
    profiles: await db.profile.count(),
    traitRealizations: await db.traitRealization.count(),
    processedFiles: await db.processedFile.count(),
    delivered: await keys(SANDBOX),
    generated: await keys(STORAGE, "generated/"),
  };
}

/** gzip of `total` bytes of `fill`, streamed: a bomb is cheap to make, not to hold. */
async function gzipBomb(head: string, fill: number, total: number): Promise<Uint8Array> {
  const gz = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gz.on("data", (c: Buffer) => out.push(c));
  const ended = once(gz, "end");
  gz.write(head);
  const piece = Buffer.alloc(16 * 1024 * 1024, fill);
  for (let n = 0; n < total; n += piece.length) if (!gz.write(piece)) await once(gz, "drain");
  gz.end();
  await ended;
  return new Uint8Array(Buffer.concat(out));
}

const text = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

interface RefusedCase {
  name: string;
  file: () => Promise<Uint8Array> | Uint8Array;
  fileName: string;
  message: RegExp;
}

const refused: RefusedCase[] = [
  {
    name: "gzip bomb (512 MB of line feeds in 0.5 MB)",
    file: () => gzipBomb("id,tier\nC1,gold\n", 0x0a, 512 * 1024 * 1024),
    fileName: "bomb.csv.gz",
    message: /^The file unpacks to over 100 times its compressed size \(\d+ MB from \d+ KB so far\), which real exports never do; it was refused as a possible decompression bomb\.$/,
  },
  {
    name: "gzip bomb of zero bytes (refused as binary after the first megabyte)",
    file: () => gzipBomb("id,tier\n", 0, 512 * 1024 * 1024),
    fileName: "zeros.csv.gz",
    message: /^Line 2, column 1 contains a NUL character \(byte 0x00\), which text files never do/,
  },
  {
    name: "XLSX bomb (a 40 MB sheet in 40 KB)",
    file: () => buildXlsx([{ name: "Data", rows: [["id", "tier"], ...Array.from({ length: 400 }, () => [{ inline: "A".repeat(100_000) }, "gold"])] }]),
    fileName: "bomb.xlsx",
    message: /^The workbook part xl\/worksheets\/sheet1\.xml unpacks to over 100 times its compressed size/,
  },
  {
    name: "10 MB line",
    file: () => text(`id,tier\nC1,gold\nC2,${randomBytes(7.5 * 1024 * 1024).toString("base64")}\nC3,gold\n`),
    fileName: "long-line.csv",
    message: /^Line 3 is longer than 1,048,576 characters, the most one row may hold\./,
  },
  {
    name: "100,000 columns",
    file: () => text(`${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(",")}\n${"1,".repeat(99_999)}1\n`),
    fileName: "wide.csv",
    message: /^Line 1 has more than 2,000 columns, the most a file may have\. Check that the delimiter is right/,
  },
  {
    name: "NUL bytes",
    file: () => text("id,tier\nC1,gold\nC2,go\u0000ld\n"),
    fileName: "nul.csv",
    message: /^Line 3, column 2 contains a NUL character \(byte 0x00\).*Save the data as "CSV UTF-8" and upload it again\. Nothing was imported\.$/,
  },
  {
    name: "a quote never closed, swallowing the rest of a large file",
    file: () => text(`id,tier\nC1,"gold\n${"C9,silver\n".repeat(150_000)}`),
    fileName: "open-quote.csv",
    message: /^Line 2 is longer than 1,048,576 characters.*The quote opened at line 2, column 2 is probably never closed\./,
  },
];

describe("hostile inputs are refused with their message and change no stored data", () => {
  it.each(refused)("$name", async (c) => {
    const before = await storedData();
    const { row, uploadId } = await submitAndProcess(await c.file(), c.fileName);
    expect(row.status).toBe("failed");
    expect(row.failureReason).toMatch(c.message);
    expect(row.attempts).toBe(1); // a refusal is final, never retried as if the network had failed
    expect([row.rowCount, row.recordCount, row.files, row.issues]).toEqual([0, 0, [], []]);
    expect(await storedData()).toEqual(before);
    expect(row.originalKey).toBe(`uploads/${uploadId}`); // the original is kept, as for every submission
  });
});

describe("bounded input that is not a refusal", () => {
  it("invalid UTF-8 deep in the file is an error naming its line; nothing is delivered", async () => {
    const rows = Array.from({ length: 7000 }, (_, i) => `C${String(i).padStart(4, "0")},gold\n`).join("");
    const bytes = new Uint8Array([...Buffer.from(`id,tier\n${rows}C7000,M`), 0xfc, ...Buffer.from("ller\n")]);
    const before = await storedData();
    const { row } = await submitAndProcess(bytes, "late-cp1252.csv");
    expect(row.status).toBe("failed");
    expect(row.failureReason).toMatch(/^The server found 1 errors AAM would reject \(ENCODING_INVALID × 1\)/);
    expect(row.issues.map((i) => [i.code, i.severity, i.count])).toEqual([["ENCODING_INVALID", "error", 1]]);
    const sample = (row.issues[0]!.samples as unknown as Issue[])[0]!;
    expect(sample).toMatchObject({ line: 7002, message: expect.stringMatching(/^1 byte sequence is not valid UTF-8 \(first near line 7002\) and became "�"\. The file may be Windows-1252/) });
    // Only this submission's own issue row was added: the answer the user reads.
    expect(await storedData()).toEqual({ ...before, issueSummaries: before.issueSummaries + 1 });
  });

  it("refuses a file over the environment's own size limit before a submission exists", async () => {
    const { db } = await import("@/lib/server/db");
    const small = await db.environment.create({
      data: { name: `small-${randomBytes(3).toString("hex")}`, kind: "custom", bucket: SANDBOX, prefix: "inbound", endpoint: s3.endpoint, forcePathStyle: true, maxUploadBytes: 1000n },
    });
    const submissions = await db.submission.count();
    const before = await storedData();
    await expect(submitAndProcess(text(`id,tier\n${"C1,gold\n".repeat(200)}`), "big.csv", TIER, small.id)).rejects.toThrow(/^small-[0-9a-f]+ accepts files up to \S+ \S+\.$/);
    expect(await db.submission.count()).toBe(submissions);
    expect(await storedData()).toEqual(before);
    // Told where the file goes, the upload itself is refused first: no session row, no object, no byte sent.
    const { createUpload } = await import("@/lib/server/uploads/create-upload");
    const sessions = await db.uploadSession.count();
    const stored = await keys(STORAGE);
    await expect(createUpload({ fileName: "big.csv", size: 5000, environmentId: small.id }, ACTOR)).rejects.toMatchObject({ status: 413, message: expect.stringMatching(/^small-[0-9a-f]+ accepts files up to \S+ \S+\.$/) });
    expect(await db.uploadSession.count()).toBe(sessions);
    expect(await keys(STORAGE)).toEqual(stored);
    await expect(createUpload({ fileName: "fits.csv", size: 500, environmentId: small.id }, ACTOR)).resolves.toMatchObject({ chunks: 1 });
  });

  it.each([
    ["a relative path", "../../etc/passwd.csv", "passwd.csv"],
    ["a Windows path", "..\\..\\windows\\system32\\crm.csv", "crm.csv"],
    ["NUL, CR LF and a right-to-left override", "a\u0000b\r\n\u202Egpj.csv", "a_b___gpj.csv"],
    ["a 1,004-character name", `${"n".repeat(1000)}.csv`, "n".repeat(200)],
  ])("stores a file name with %s cleaned, and never builds a key from it", async (_label, name, stored) => {
    const { db } = await import("@/lib/server/db");
    const { row, uploadId } = await submitAndProcess(text(`id,tier\nC-${randomBytes(4).toString("hex")},gold\n`), name);
    expect(row.status).toBe("delivered");
    expect(row.originalName).toBe(stored);
    expect((await db.uploadSession.findUniqueOrThrow({ where: { id: uploadId } })).fileName).toBe(stored);
    // Safe as is in a Content-Disposition header (RFC 6266 filename*), and in a page title.
    expect(row.originalName).toMatch(/^[\p{L}\p{N}._ -]{1,200}$/u);
    expect(() => encodeURIComponent(row.originalName)).not.toThrow();
    expect(row.originalKey).toBe(`uploads/${uploadId}`);
    expect(row.files.map((f) => f.objectKey)).toEqual([expect.stringMatching(/^inbound\/acme\/date=\d{4}-\d{2}-\d{2}\/ftp_dpm_21_\d+\.sync\.gz$/)]);
    for (const key of [...(await keys(STORAGE)), ...(await keys(SANDBOX))]) expect(key).not.toMatch(/passwd|system32|\.\.|\u0000|nnnn/);
  });
});

describe("formula cells are data: sent verbatim to AAM, neutralised in every CSV export", () => {
  const PHONE: MappingInput = { columns: [{ role: "id" }, { role: "kv", key: "tier" }, { role: "kv", key: "phone" }], delimiter: "," };
  /** The issues CSV exactly as GET /api/submissions/:id/issues builds it from the stored samples. */
  const issuesCsv = (issues: { samples: unknown }[]) => issuesCsvHeader() + issues.flatMap((s) => (s.samples as Issue[]).map((i) => issueCsvLine(i, []))).join("");

  it("delivers =, +, - and @ values unchanged and prefixes them with an apostrophe in the issues export", async () => {
    const { row } = await submitAndProcess(text("id,tier,phone\n=1+1,@SUM(A1),+33 6 12 34 56 78\n+15551234567,-5,x\n"), "formulas.csv", PHONE);
    expect(row.status).toBe("delivered");
    const object = await direct.send(new GetObjectCommand({ Bucket: SANDBOX, Key: row.files[0]!.objectKey }));
    expect(gunzipSync(await object.Body!.transformToByteArray()).toString("utf8").split("\n").filter(Boolean)).toEqual([
      '=1+1\t"tier"="@SUM(A1)","phone"="+33 6 12 34 56 78"',
      '+15551234567\t"tier"="-5","phone"="x"',
    ]);
    const csv = issuesCsv(row.issues);
    expect(csv).toContain(",'+33 6 12 34 56 78\r\n");
    expect(csv).toContain(",'+15551234567\r\n");
  });

  it("refuses unrepresentable formula values per cell, and the export still neutralises them", async () => {
    const before = await storedData();
    const { row } = await submitAndProcess(text('id,tier\nC3,"=HYPERLINK(""http://evil.example"",""x"")"\nC4,"\t@cmd"\n'), "hyperlink.csv");
    expect(row.status).toBe("failed");
    expect(row.failureReason).toMatch(/VALUE_UNREPRESENTABLE × 2/);
    const csv = issuesCsv(row.issues);
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")"\r\n`);
    expect(csv).toContain(",'\t@cmd\r\n");
    expect(await storedData()).toEqual({ ...before, issueSummaries: before.issueSummaries + 1 });
  });
});

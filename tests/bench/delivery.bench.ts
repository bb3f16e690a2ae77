// Delivery throughput: a 500 MB file to the local S3-compatible server through our delivery path
// (putNewObject: HEAD, multipart upload with metadata and If-None-Match) against a bare
// @aws-sdk/lib-storage upload of the same bytes, same part size and concurrency, in the same run.
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { startEmbeddedS3 } from "@/lib/server/embedded/s3";
import { MULTIPART_PART_SIZE, putNewObject } from "@/lib/server/storage/put-new-object";

const MB = 1024 * 1024;
const SIZE = Number(process.env.DELIVERY_BENCH_MB ?? 500) * MB;
const dir = await mkdtemp(path.join(tmpdir(), "aam-bench-delivery-"));
const s3 = await startEmbeddedS3({ dataDir: path.join(dir, "s3"), buckets: ["bench"] });
try {
  const file = path.join(dir, "part.gz");
  const fh = await open(file, "w");
  const block = randomBytes(8 * MB); // random bytes, like gzip output
  for (let at = 0; at < SIZE; at += block.length) await fh.write(block, 0, Math.min(block.length, SIZE - at));
  await fh.close();
  const client = new S3Client({
    region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, maxAttempts: 6,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED",
  });
  const bare = async (key: string) => {
    await new Upload({ client, params: { Bucket: "bench", Key: key, Body: createReadStream(file) }, partSize: MULTIPART_PART_SIZE, queueSize: 4 }).done();
  };
  const ours = async (key: string) => {
    await putNewObject(client, { bucket: "bench", key, path: file, sha256: "0".repeat(64), contentType: "application/gzip" });
  };
  const times: Record<string, number[]> = { bare: [], ours: [] };
  // Alternate, so drift in the machine's load falls on both alike.
  for (let round = 0; round < 3; round++) {
    for (const [name, fn] of [["bare", bare], ["ours", ours]] as const) {
      const t = performance.now();
      await fn(`${name}-${round}`);
      times[name]!.push(performance.now() - t);
    }
  }
  const best = (xs: number[]) => Math.min(...xs);
  const mbps = (ms: number) => +((SIZE / MB) / (ms / 1000)).toFixed(1);
  console.log(JSON.stringify({ bench: "delivery", metric: "bare_lib_storage_mb_per_s", value: mbps(best(times.bare!)), mb: SIZE / MB }));
  console.log(JSON.stringify({ bench: "delivery", metric: "deliver_mb_per_s", value: mbps(best(times.ours!)), mb: SIZE / MB }));
  console.log(JSON.stringify({ bench: "delivery", metric: "deliver_vs_bare", value: +(best(times.bare!) / best(times.ours!)).toFixed(3), target: 0.9 }));
} finally {
  await s3.stop();
  await rm(dir, { recursive: true, force: true });
}

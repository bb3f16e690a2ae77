import "server-only";
import { CreateBucketCommand, HeadBucketCommand } from "@aws-sdk/client-s3";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { serverS3Client } from "@/lib/server/storage/s3-client";

export const LOCAL_SANDBOX_NAME = "Local sandbox";

// AAM's inbound buckets (aam-spec §6; the English bucket names, not the mistranslated one).
export const AAM_ENVIRONMENTS = [
  { name: "AAM production", kind: "production", bucket: "demdex-s2s-clients" },
  { name: "AAM beta", kind: "beta", bucket: "demdex-s2s-clients-sandbox-us-east-1" },
] as const;

/**
 * Idempotent start-up step: the local sandbox exists with its buckets, and AAM's production and beta
 * environments exist preconfigured (they stay unusable until an admin adds the partner's prefix and
 * credentials).
 */
export async function ensureDefaultEnvironments(): Promise<void> {
  const e = env();
  await db.environment.upsert({
    where: { name: LOCAL_SANDBOX_NAME },
    create: { name: LOCAL_SANDBOX_NAME, kind: "sandbox", bucket: e.SANDBOX_BUCKET, prefix: e.SANDBOX_PREFIX, region: e.S3_REGION },
    update: {},
  });
  for (const aam of AAM_ENVIRONMENTS) {
    const existing = await db.environment.findFirst({ where: { kind: aam.kind } });
    if (!existing) await db.environment.create({ data: { ...aam, region: "us-east-1" } });
  }
  const client = serverS3Client();
  for (const bucket of new Set([e.STORAGE_BUCKET, e.SANDBOX_BUCKET])) {
    const exists = await client.send(new HeadBucketCommand({ Bucket: bucket })).then(
      () => true,
      () => false,
    );
    if (!exists) await client.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}

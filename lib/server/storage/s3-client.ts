// S3 clients per environment. The local sandbox (no credential) uses the server's own S3 settings;
// partner environments use their encrypted credential: access keys, or a role assumed through STS.
import "server-only";
import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { env } from "@/lib/server/env";
import { readCredential } from "@/lib/server/credentials/read-credential";
import { SafeError } from "@/lib/server/errors";

export interface S3Target {
  bucket: string;
  region: string;
  endpoint: string | null;
  forcePathStyle: boolean;
  credentialsRef: string | null;
}

type ClientTarget = Pick<S3Target, "region" | "endpoint" | "forcePathStyle" | "credentialsRef">;

const serverClients = new Map<string, S3Client>();

function baseConfig(target: ClientTarget): S3ClientConfig {
  const e = env();
  const endpoint = target.endpoint ?? (target.credentialsRef ? null : (e.S3_ENDPOINT ?? null));
  return {
    region: target.region,
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: target.forcePathStyle || Boolean(endpoint) || e.S3_FORCE_PATH_STYLE === true,
    // The SDK retries 5xx, throttling and timeouts with exponential backoff and jitter; a few more
    // attempts than its default ride out a flaky link without failing a large delivery.
    maxAttempts: 6,
    // Checksums on every request are new in SDK v3.7xx; S3-compatible servers do not all accept them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  };
}

/** The client for the server's own buckets (storage, local sandbox). */
export function serverS3Client(target: ClientTarget = { region: env().S3_REGION, endpoint: null, forcePathStyle: false, credentialsRef: null }): S3Client {
  const e = env();
  const cfg = baseConfig({ ...target, credentialsRef: null });
  const key = `${cfg.endpoint}|${cfg.region}|${cfg.forcePathStyle}`;
  let client = serverClients.get(key);
  if (!client) {
    client = new S3Client({
      ...cfg,
      ...(e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? { credentials: { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } }
        : {}),
    });
    serverClients.set(key, client);
  }
  return client;
}

/** A client for an environment; partner credentials are decrypted here and nowhere else. */
export async function s3ClientFor(target: ClientTarget): Promise<S3Client> {
  if (!target.credentialsRef) return serverS3Client(target);
  const secret = await readCredential(target.credentialsRef);
  const cfg = baseConfig(target);
  if (secret.kind === "access_keys") {
    return new S3Client({ ...cfg, credentials: { accessKeyId: secret.accessKeyId, secretAccessKey: secret.secretAccessKey } });
  }
  if (secret.kind === "assume_role") {
    return new S3Client({
      ...cfg,
      credentials: fromTemporaryCredentials({
        params: { RoleArn: secret.roleArn, RoleSessionName: "aam-onboard", ...(secret.externalId ? { ExternalId: secret.externalId } : {}) },
        clientConfig: { region: target.region },
      }),
    });
  }
  throw new SafeError("This environment's credential is for SFTP, not S3.");
}

/** The bucket for the originals users upload (never an AAM bucket). */
export function storageTarget(): S3Target {
  const e = env();
  return { bucket: e.STORAGE_BUCKET, region: e.S3_REGION, endpoint: null, forcePathStyle: false, credentialsRef: null };
}

// One delivered file, by the environment's transport (S3, SFTP or FTP). S3 uploads set
// bucket-owner-full-control on AAM's buckets (required for cross-account roles); every transport refuses
// to overwrite an existing name.
import "server-only";
import path from "node:path";
import { stat } from "node:fs/promises";
import type { Environment } from "@/lib/generated/prisma/client";
import { readCredential } from "@/lib/server/credentials/read-credential";
import { SafeError } from "@/lib/server/errors";
import { putNewObject } from "@/lib/server/storage/put-new-object";
import { s3ClientFor } from "@/lib/server/storage/s3-client";
import { connectSftp, sftpPutNew } from "./sftp";
import { connectFtp, ftpPutNew } from "./ftp";

export interface DeliverOptions {
  key: string;
  path: string;
  sha256: string;
  onProgress?: (loaded: number) => void;
}

export async function deliverFile(environment: Environment, o: DeliverOptions): Promise<{ etag: string | null }> {
  if (environment.transport === "s3") {
    const client = await s3ClientFor(environment);
    const aamBucket = environment.kind === "production" || environment.kind === "beta";
    const put = await putNewObject(client, {
      bucket: environment.bucket,
      key: o.key,
      path: o.path,
      sha256: o.sha256,
      contentType: "application/gzip",
      ...(aamBucket ? { acl: "bucket-owner-full-control" as const } : {}),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
    return { etag: put.etag };
  }
  if (environment.transport === "sftp") {
    if (!environment.host || !environment.username || !environment.credentialsRef) {
      throw new SafeError(`${environment.name} is missing its SFTP host, user or credential.`);
    }
    const client = await connectSftp(
      { host: environment.host, port: environment.port ?? 22, username: environment.username, remoteDir: environment.remoteDir ?? "." },
      await readCredential(environment.credentialsRef),
    );
    try {
      const { size } = await stat(o.path);
      await sftpPutNew(client, environment.remoteDir ?? ".", path.basename(o.key), o.path, size, o.onProgress);
      return { etag: null };
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  if (!environment.host || !environment.username || !environment.credentialsRef) {
    throw new SafeError(`${environment.name} is missing its FTP host, user or password.`);
  }
  const ftp = await connectFtp(
    { host: environment.host, port: environment.port ?? 21, username: environment.username },
    await readCredential(environment.credentialsRef),
  );
  try {
    const { size } = await stat(o.path);
    await ftpPutNew(ftp, environment.remoteDir ?? ".", path.basename(o.key), o.path, size, o.onProgress);
    return { etag: null };
  } finally {
    ftp.close();
  }
}

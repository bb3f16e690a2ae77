// "Check connection": proves the stored settings and credential work, without writing anything (AAM
// processes whatever lands in its bucket), and explains a failure in plain words.
import "server-only";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { db } from "@/lib/server/db";
import { audit } from "@/lib/server/audit";
import { readCredential } from "@/lib/server/credentials/read-credential";
import { connectSftp } from "@/lib/server/delivery/sftp";
import { connectFtp } from "@/lib/server/delivery/ftp";
import { s3ClientFor } from "@/lib/server/storage/s3-client";
import { missingSettings } from "./environment-readiness";

export interface CheckResult {
  ok: boolean;
  reason: string;
}

function explainS3(error: unknown, bucket: string, prefix: string): string {
  const e = error as { name?: string; code?: string; message?: string };
  const where = `${bucket}/${prefix}`;
  switch (e.name ?? e.code) {
    case "InvalidAccessKeyId":
      return "AWS does not know this access key ID. Check it with the one Adobe (or your AWS admin) issued.";
    case "SignatureDoesNotMatch":
      return "The secret access key does not match the access key ID.";
    case "AccessDenied":
      return `The credentials were accepted but may not read ${where}. Check the prefix and that the key or role belongs to this partner.`;
    case "NoSuchBucket":
      return `The bucket ${bucket} does not exist at this endpoint.`;
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "TimeoutError":
    case "ETIMEDOUT":
      return `Could not reach the S3 endpoint (${e.code ?? e.name}). Check the endpoint and the network.`;
    default:
      return `The S3 check failed: ${e.name ?? "error"}${e.message ? ` (${e.message.slice(0, 200)})` : ""}.`;
  }
}

function explainSftp(error: unknown): string {
  const m = (error as { message?: string }).message ?? "";
  if (/authentication|530|Login incorrect/i.test(m)) return "The SFTP server refused the user name, password or key.";
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|timed out/i.test(m)) return "Could not reach the SFTP server. Check the host, the port and the network.";
  if (/No such file/i.test(m)) return "Signed in, but the remote folder does not exist.";
  return `The SFTP check failed: ${m.slice(0, 200)}`;
}

export async function checkConnection(environmentId: string, actor: string): Promise<CheckResult> {
  const e = await db.environment.findUniqueOrThrow({ where: { id: environmentId } });
  const missing = missingSettings(e);
  let result: CheckResult;
  if (missing.length) {
    result = { ok: false, reason: `Add ${missing.join(" and ")} first.` };
  } else if (e.transport === "ftp") {
    try {
      const ftp = await connectFtp({ host: e.host!, port: e.port ?? 21, username: e.username! }, await readCredential(e.credentialsRef!));
      try {
        if (e.remoteDir) await ftp.cd(e.remoteDir);
      } finally {
        ftp.close();
      }
      result = { ok: true, reason: `Signed in to ${e.host} over FTP and found ${e.remoteDir ?? "the home folder"}.` };
    } catch (error) {
      result = { ok: false, reason: explainSftp(error).replace("SFTP", "FTP") };
    }
  } else if (e.transport === "sftp") {
    try {
      const client = await connectSftp(
        { host: e.host!, port: e.port ?? 22, username: e.username!, remoteDir: e.remoteDir ?? "." },
        await readCredential(e.credentialsRef!),
      );
      try {
        await client.stat(e.remoteDir ?? ".");
      } finally {
        await client.end().catch(() => undefined);
      }
      result = { ok: true, reason: `Signed in to ${e.host} and found ${e.remoteDir ?? "the home folder"}.` };
    } catch (error) {
      result = { ok: false, reason: explainSftp(error) };
    }
  } else {
    try {
      const client = await s3ClientFor(e);
      await client.send(new ListObjectsV2Command({ Bucket: e.bucket, Prefix: e.prefix ? `${e.prefix}/` : undefined, MaxKeys: 1 }));
      result = { ok: true, reason: `Listed ${e.bucket}/${e.prefix} with these credentials.` };
    } catch (error) {
      result = { ok: false, reason: explainS3(error, e.bucket, e.prefix) };
    }
  }
  if (e.credentialsRef) {
    await db.credential.update({
      where: { id: e.credentialsRef },
      data: { lastCheckedAt: new Date(), lastCheckOk: result.ok, lastCheckReason: result.reason },
    });
  }
  await audit(actor, "environment.check", "Environment", e.id, { ok: result.ok });
  return result;
}

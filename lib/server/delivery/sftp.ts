// SFTP delivery (AAM still accepts it). The file is written under a temporary name and renamed when
// complete, so AAM never picks up a partial file; an existing name is never overwritten.
import "server-only";
import { createReadStream } from "node:fs";
import SftpClient from "ssh2-sftp-client";
import type { CredentialSecret } from "@/lib/validation/credential";
import { SafeError } from "@/lib/server/errors";

export interface SftpTarget {
  host: string;
  port: number;
  username: string;
  remoteDir: string;
}

export async function connectSftp(target: SftpTarget, secret: CredentialSecret): Promise<SftpClient> {
  if (secret.kind !== "sftp_password" && secret.kind !== "sftp_key") throw new SafeError("This environment needs an SFTP password or key.");
  const client = new SftpClient("aam-onboard");
  await client.connect({
    host: target.host,
    port: target.port,
    username: target.username,
    readyTimeout: 15_000,
    ...(secret.kind === "sftp_password" ? { password: secret.password } : { privateKey: secret.privateKey, passphrase: secret.passphrase }),
  });
  return client;
}

export async function sftpPutNew(
  client: SftpClient,
  remoteDir: string,
  name: string,
  localPath: string,
  size: number,
  onProgress?: (loaded: number) => void,
): Promise<{ alreadyThere: boolean }> {
  const finalPath = `${remoteDir.replace(/\/+$/, "")}/${name}`;
  const existing = await client.exists(finalPath);
  if (existing) {
    const stat = await client.stat(finalPath);
    // Same size after a crash between rename and bookkeeping: our own earlier upload of this part.
    if (stat.size === size) return { alreadyThere: true };
    throw new SafeError(`A file already exists at ${finalPath} on the SFTP server; it was not overwritten.`, 409);
  }
  const temp = `${remoteDir.replace(/\/+$/, "")}/.${name}.partial`;
  let sent = 0;
  const stream = createReadStream(localPath);
  stream.on("data", (chunk) => {
    sent += chunk.length;
    onProgress?.(sent);
  });
  await client.put(stream, temp);
  await client.rename(temp, finalPath);
  return { alreadyThere: false };
}

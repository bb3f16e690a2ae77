// FTP delivery, for partners whose AAM integration still uses it (aam-spec §6: being phased out, S3
// first). Same rules as SFTP: write under a hidden temporary name, rename when complete, never
// overwrite an existing name.
import "server-only";
import { Client } from "basic-ftp";
import type { CredentialSecret } from "@/lib/validation/credential";
import { SafeError } from "@/lib/server/errors";

export interface FtpTarget {
  host: string;
  port: number;
  username: string;
}

export async function connectFtp(target: FtpTarget, secret: CredentialSecret): Promise<Client> {
  if (secret.kind !== "sftp_password") throw new SafeError("FTP signs in with a password; set one for this environment.");
  const client = new Client(30_000);
  await client.access({ host: target.host, port: target.port, user: target.username, password: secret.password });
  return client;
}

async function remoteSize(client: Client, path: string): Promise<number | null> {
  try {
    return await client.size(path);
  } catch {
    return null; // 550: no such file
  }
}

export async function ftpPutNew(
  client: Client,
  remoteDir: string,
  name: string,
  localPath: string,
  size: number,
  onProgress?: (loaded: number) => void,
): Promise<{ alreadyThere: boolean }> {
  const dir = remoteDir.replace(/\/+$/, "") || ".";
  const finalPath = `${dir}/${name}`;
  const existing = await remoteSize(client, finalPath);
  if (existing !== null) {
    if (existing === size) return { alreadyThere: true };
    throw new SafeError(`A file already exists at ${finalPath} on the FTP server; it was not overwritten.`, 409);
  }
  const temp = `${dir}/.${name}.partial`;
  if (onProgress) client.trackProgress((info) => onProgress(info.bytes));
  try {
    await client.uploadFrom(localPath, temp);
  } finally {
    client.trackProgress();
  }
  await client.rename(temp, finalPath);
  return { alreadyThere: false };
}

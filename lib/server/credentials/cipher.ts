// AES-256-GCM for secrets at rest. The key comes from CREDENTIALS_KEY, or from a key file the server
// creates once under DATA_DIR (readable by its owner only), so a fresh machine works with no set-up.
import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/server/env";

let cachedKey: Buffer | undefined;

function key(): Buffer {
  if (cachedKey) return cachedKey;
  const e = env();
  if (e.CREDENTIALS_KEY) return (cachedKey = Buffer.from(e.CREDENTIALS_KEY, "base64"));
  const file = path.resolve(e.DATA_DIR, "credentials.key");
  try {
    cachedKey = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    cachedKey = randomBytes(32);
    writeFileSync(file, cachedKey.toString("base64"), { mode: 0o600, flag: "wx" });
  }
  if (cachedKey.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
  return cachedKey;
}

export interface Sealed {
  ciphertext: string;
  iv: string;
  authTag: string;
}

export function seal(plaintext: string, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { ciphertext: ciphertext.toString("base64"), iv: iv.toString("base64"), authTag: cipher.getAuthTag().toString("base64") };
}

/** `aad` binds the ciphertext to its row (the credential's name), so rows cannot be swapped. */
export function open(sealed: Sealed, aad: string): string {
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(sealed.iv, "base64"));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(sealed.authTag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, "base64")), decipher.final()]).toString("utf8");
}

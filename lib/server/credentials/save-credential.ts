import "server-only";
import { db } from "@/lib/server/db";
import { audit } from "@/lib/server/audit";
import { credentialSecretSchema, type CredentialSecret } from "@/lib/validation/credential";
import { seal } from "./cipher";

function hintFor(secret: CredentialSecret): string {
  switch (secret.kind) {
    case "access_keys":
      return `access key …${secret.accessKeyId.slice(-4)}`;
    case "assume_role":
      return `role ${secret.roleArn.split("/").pop()}`;
    case "sftp_password":
      return "password";
    case "sftp_key":
      return "private key";
  }
}

/** Creates or replaces the named credential; returns its id (what environments reference). */
export async function saveCredential(name: string, secret: CredentialSecret, actor: string): Promise<string> {
  const parsed = credentialSecretSchema.parse(secret);
  const sealed = seal(JSON.stringify(parsed), name);
  const row = await db.credential.upsert({
    where: { name },
    create: { name, kind: parsed.kind, hint: hintFor(parsed), ...sealed },
    update: { kind: parsed.kind, hint: hintFor(parsed), lastCheckedAt: null, lastCheckOk: null, lastCheckReason: null, ...sealed },
  });
  await audit(actor, "credential.save", "Credential", row.id, { name, kind: parsed.kind });
  return row.id;
}

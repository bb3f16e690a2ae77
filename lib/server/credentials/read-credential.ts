import "server-only";
import { db } from "@/lib/server/db";
import { credentialSecretSchema, type CredentialSecret } from "@/lib/validation/credential";
import { open } from "./cipher";

/** Decrypts a credential for use inside the server. Never pass the result to a page or response. */
export async function readCredential(id: string): Promise<CredentialSecret> {
  const row = await db.credential.findUniqueOrThrow({ where: { id } });
  return credentialSecretSchema.parse(JSON.parse(open(row, row.name)));
}

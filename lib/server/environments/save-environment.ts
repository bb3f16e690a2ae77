import "server-only";
import { db } from "@/lib/server/db";
import { audit } from "@/lib/server/audit";
import { SafeError } from "@/lib/server/errors";
import { saveCredential } from "@/lib/server/credentials/save-credential";
import type { EnvironmentInput } from "@/lib/validation/environment";

/** Creates or updates an environment; a new secret replaces the stored one, an empty one keeps it. */
export async function saveEnvironment(input: EnvironmentInput, actor: string): Promise<string> {
  const existing = input.id ? await db.environment.findUnique({ where: { id: input.id } }) : null;
  if (input.id && !existing) throw new SafeError("That environment does not exist any more.", 404);
  if (existing && existing.kind !== input.kind && (existing.kind === "production" || existing.kind === "beta")) {
    throw new SafeError("AAM's production and beta environments keep their kind.");
  }
  if (!existing && (input.kind === "production" || input.kind === "beta")) {
    throw new SafeError("AAM's production and beta environments exist already; edit them instead.");
  }
  const clash = await db.environment.findFirst({ where: { name: input.name, NOT: input.id ? { id: input.id } : undefined } });
  if (clash) throw new SafeError(`An environment named "${input.name}" already exists.`, 409);
  // AAM's own buckets (and where they are served) are fixed; only the partner's prefix and
  // credentials are theirs to set.
  const aam = existing && (existing.kind === "production" || existing.kind === "beta") ? existing : null;
  const bucket = aam ? aam.bucket : (input.bucket ?? "");
  const data = {
    name: input.name,
    kind: input.kind,
    transport: aam ? aam.transport : input.transport,
    bucket,
    prefix: input.prefix,
    region: input.region,
    endpoint: aam ? aam.endpoint : (input.endpoint ?? null),
    forcePathStyle: aam ? aam.forcePathStyle : Boolean(input.endpoint),
    host: input.host ?? null,
    port: input.port ?? null,
    username: input.username ?? null,
    remoteDir: input.remoteDir ?? null,
    maxUploadBytes: input.maxUploadGb ? BigInt(Math.round(input.maxUploadGb * 1024 ** 3)) : null,
  };
  const row = existing
    ? await db.environment.update({ where: { id: existing.id }, data })
    : await db.environment.create({ data });
  if (input.credential) {
    const credentialsRef = await saveCredential(`environment:${row.id}`, input.credential, actor);
    await db.environment.update({ where: { id: row.id }, data: { credentialsRef } });
  }
  await audit(actor, existing ? "environment.update" : "environment.create", "Environment", row.id, {
    name: row.name, kind: row.kind, credentialChanged: Boolean(input.credential),
  });
  return row.id;
}

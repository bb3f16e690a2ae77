import "server-only";
import { db } from "@/lib/server/db";
import { missingSettings } from "./environment-readiness";
import { isProductionDestination } from "@/lib/aam/adobe-destinations";

const KIND_ORDER = { sandbox: 0, beta: 1, custom: 2, production: 3 } as const;

/** Environments as the browser may see them: a credential hint at most, never the credential. */
export async function listEnvironments() {
  const rows = await db.environment.findMany({ orderBy: { name: "asc" } });
  const creds = await db.credential.findMany({
    where: { id: { in: rows.flatMap((r) => (r.credentialsRef ? [r.credentialsRef] : [])) } },
    select: { id: true, kind: true, hint: true, lastCheckedAt: true, lastCheckOk: true, lastCheckReason: true },
  });
  return rows
    .map((r) => {
      const cred = creds.find((c) => c.id === r.credentialsRef);
      return {
        id: r.id,
        name: r.name,
        kind: r.kind,
        transport: r.transport,
        bucket: r.bucket,
        prefix: r.prefix,
        region: r.region,
        endpoint: r.endpoint,
        host: r.host,
        port: r.port,
        username: r.username,
        remoteDir: r.remoteDir,
        maxUploadGb: r.maxUploadBytes ? Number(r.maxUploadBytes) / 1024 ** 3 : null,
        credential: cred ? { kind: cred.kind, hint: cred.hint, lastCheckedAt: cred.lastCheckedAt, lastCheckOk: cred.lastCheckOk, lastCheckReason: cred.lastCheckReason } : null,
        missing: missingSettings(r),
        // The picker asks for the typed confirmation the server will insist on.
        guardedAsProduction: isProductionDestination(r),
      };
    })
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name));
}

export type EnvironmentView = Awaited<ReturnType<typeof listEnvironments>>[number];

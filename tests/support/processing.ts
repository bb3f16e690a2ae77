// Fixtures for processor tests: a data source with its trait catalogue and ID-sync matches, an
// environment, and inbound files handed over from memory (gzipped when the name says .gz).
import { gzipSync } from "node:zlib";
import { db } from "@/lib/server/db";
import type { InboundSource } from "@/lib/server/processing/inbound-source";

let seq = 0;
const RUN = Date.now() % 100_000;

/** A DPID and a trait-ID base no other test uses, so the shared test database never leaks between tests. */
export function uniqueIds(): { dpid: number; sid: (n: number) => number } {
  seq++;
  const dpid = 5_000_000 + RUN * 100 + seq;
  // Trait IDs are int4 in the schema: a base per run and test, well under 2^31.
  const base = (RUN % 1000) * 1_000_000 + seq * 1000;
  return { dpid, sid: (n) => base + n };
}

export async function makeEnvironment(kind: "sandbox" | "custom" = "sandbox") {
  seq++;
  return db.environment.create({ data: { name: `proc-env-${RUN}-${seq}`, kind, bucket: "proc-test", prefix: "inbound" } });
}

export async function makeDataSource(opts: {
  dpid: number;
  idType?: "dpuuid" | "aam_uuid" | "idfa" | "gaid";
  targetDpid?: number;
  crossDevice?: boolean;
  traits?: { sid: number; rule?: "sid" | { ic: string } | { key: string; value: string }; name?: string }[];
  synced?: string[];
  receiptEmails?: string[];
  redirectHosts?: string[];
}) {
  seq++;
  const ds = await db.dataSource.create({
    data: {
      name: `proc-ds-${RUN}-${seq}`,
      dpid: opts.dpid,
      targetDpid: opts.targetDpid ?? null,
      idType: opts.idType ?? "dpuuid",
      partnerFolder: "acme",
      crossDevice: opts.crossDevice ?? false,
      receiptEmails: opts.receiptEmails ?? [],
      redirectHosts: opts.redirectHosts ?? [],
    },
  });
  const traits: Record<number, string> = {};
  for (const t of opts.traits ?? []) {
    const rule = t.rule ?? "sid";
    const row = await db.trait.create({
      data: {
        dataSourceId: ds.id,
        sid: t.sid,
        name: t.name ?? `trait ${t.sid}`,
        ruleKind: rule === "sid" ? "sid" : "ic" in rule ? "ic" : "kv",
        ruleKey: typeof rule === "object" && "key" in rule ? rule.key : null,
        ruleValue: typeof rule === "object" ? ("ic" in rule ? rule.ic : rule.value) : null,
      },
    });
    traits[t.sid] = row.id;
  }
  for (const dpuuid of opts.synced ?? []) {
    await db.idSyncMatch.create({ data: { dpid: opts.dpid, dpuuid, aamUuid: "1".repeat(38) } });
  }
  return { ...ds, traits };
}

/** Files by object key; the same source can be handed to several runs (processed keys are skipped). */
export function memorySource(files: Record<string, string>): InboundSource {
  return {
    uriPrefix: "s3n://proc-test",
    async list() {
      return Object.entries(files).map(([key, text]) => ({
        key,
        etag: null,
        async open() {
          const bytes = key.endsWith(".gz") ? gzipSync(Buffer.from(text)) : Buffer.from(text);
          // Small chunks, so line splitting across chunk boundaries is exercised too.
          return (async function* () {
            for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
          })();
        },
      }));
    },
  };
}

export function key(dpid: number, ts: number, suffix: string, date = new Date(ts * 1000).toISOString().slice(0, 10)): string {
  return `inbound/acme/date=${date}/ftp_dpm_${dpid}_${ts}.${suffix}`;
}

/** Trait IDs (database IDs) a user has in a data source, as trait sids, sorted. */
export async function traitsOf(dataSourceId: string, userId: string): Promise<number[]> {
  const p = await db.profile.findUnique({
    where: { dataSourceId_userId: { dataSourceId, userId } },
    include: { realizations: { include: { trait: { select: { sid: true } } } } },
  });
  return (p?.realizations.map((r) => r.trait.sid) ?? []).sort((a, b) => a - b);
}

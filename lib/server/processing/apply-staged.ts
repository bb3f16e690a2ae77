// The set-based half of processing one logical file: the staged records are matched against ID-sync
// matches, counted, and applied to the profile store in a few statements, with the semantics of
// lib/aam/apply-plan.ts (sync: the last mention of a trait per user wins; overwrite: each stored user's
// traits of the data source become exactly what the file realises). Runs inside the job's transaction.
import "server-only";
import type pg from "pg";
import type { InboundMode } from "@/lib/aam/file-name";
import type { ErrorEntry } from "@/lib/aam/error-samples";

export interface StagedResult {
  noMatchingAamId: number;
  noTraitRealized: number;
  storedRecords: number;
  totalRealizedTraits: number;
  totalRemovedTraits: number;
  noMatchingSamples: ErrorEntry[];
  noTraitSamples: ErrorEntry[];
}

interface SampleRow {
  key: string;
  n: number;
  lines: number[];
  users: string[];
  total: number;
}

/** `fileOfLine` names the part a staged row came from (rows carry the record number, not the part). */
export async function applyStaged(
  client: pg.PoolClient,
  opts: { stage: string; /** Temp table (profile_id bigint) of the job's stored profiles. */ devices: string; dataSourceId: string; dpid: number; needsMatch: boolean; mode: InboundMode; partOf: (rec: number) => string },
): Promise<StagedResult> {
  const { stage, devices, dataSourceId, dpid, mode } = opts;
  const samples = (rows: (SampleRow & { recs: number[] })[], text: (r: SampleRow, i: number) => string): ErrorEntry[] =>
    rows.map((r) => ({
      key: r.key,
      count: r.n,
      overcount: 0,
      samples: r.recs.map((rec, i) => ({ file: opts.partOf(rec), line: r.lines[i]!, text: text(r, i) })),
    }));

  let noMatching = 0;
  let noMatchingSamples: ErrorEntry[] = [];
  if (opts.needsMatch) {
    // DPUUIDs never ID-synced have no AAM UUID: their records are skipped [FAQ-IN][OSR].
    const r = await client.query<SampleRow & { recs: number[] }>(
      `WITH d AS (
         DELETE FROM ${stage} s WHERE NOT EXISTS (SELECT 1 FROM "IdSyncMatch" m WHERE m.dpid = $1 AND m.dpuuid = s.user_id)
         RETURNING rec, user_id, line),
       r AS (SELECT DISTINCT rec, user_id, line FROM d)
       SELECT user_id AS key, count(*)::int AS n, (array_agg(rec ORDER BY rec))[1:3] AS recs, (array_agg(line ORDER BY rec))[1:3] AS lines,
              '{}'::text[] AS users, (sum(count(*)) OVER ())::int AS total
       FROM r GROUP BY user_id ORDER BY n DESC, user_id LIMIT 10`,
      [dpid],
    );
    noMatching = r.rows[0]?.total ?? 0;
    noMatchingSamples = samples(r.rows, (s) => `${s.key} has no ID-sync match for DPID ${dpid}`);
  }

  const nt = await client.query<SampleRow & { recs: number[] }>(
    `SELECT note AS key, count(*)::int AS n, (array_agg(rec ORDER BY rec))[1:3] AS recs, (array_agg(line ORDER BY rec))[1:3] AS lines,
            (array_agg(user_id ORDER BY rec))[1:3] AS users, (sum(count(*)) OVER ())::int AS total
     FROM ${stage} WHERE op = 0 GROUP BY note ORDER BY n DESC, note LIMIT 10`,
  );
  const noTrait = nt.rows[0]?.total ?? 0;

  const counts = await client.query<{ stored: number; realized: number }>(
    `SELECT count(DISTINCT rec) FILTER (WHERE op > 0)::int AS stored, count(*) FILTER (WHERE op = 1)::int AS realized FROM ${stage}`,
  );

  await client.query(
    `INSERT INTO "Profile" ("dataSourceId", "userId", "updatedAt")
     SELECT DISTINCT $1::uuid, user_id, now() FROM ${stage} WHERE op > 0
     ON CONFLICT ("dataSourceId", "userId") DO UPDATE SET "updatedAt" = excluded."updatedAt"`,
    [dataSourceId],
  );
  // Per user and trait, the last record that mentions it decides (records are numbered in file order).
  await client.query(
    `CREATE TEMP TABLE ${stage}_final ON COMMIT DROP AS
     SELECT DISTINCT ON (s.user_id, s.trait_id) p.id AS profile_id, s.trait_id, s.op
     FROM ${stage} s JOIN "Profile" p ON p."dataSourceId" = $1::uuid AND p."userId" = s.user_id
     WHERE s.op > 0 ORDER BY s.user_id, s.trait_id, s.rec DESC`,
    [dataSourceId],
  );
  // Unindexed on purpose: counted once per job with count(DISTINCT), cheaper than a unique index per row.
  await client.query(`INSERT INTO ${devices} (profile_id) SELECT DISTINCT profile_id FROM ${stage}_final`);
  let removed: number;
  if (mode === "sync") {
    const del = await client.query(
      `DELETE FROM "TraitRealization" t USING ${stage}_final f WHERE f.op = 2 AND t."profileId" = f.profile_id AND t."traitId" = f.trait_id`,
    );
    removed = del.rowCount ?? 0;
  } else {
    // Only this data source's traits of the users in the file are replaced (A2); other users are untouched.
    const del = await client.query(
      `DELETE FROM "TraitRealization" t USING "Trait" tr
       WHERE tr.id = t."traitId" AND tr."dataSourceId" = $1::uuid
         AND t."profileId" IN (SELECT DISTINCT profile_id FROM ${stage}_final)
         AND NOT EXISTS (SELECT 1 FROM ${stage}_final f WHERE f.profile_id = t."profileId" AND f.trait_id = t."traitId" AND f.op = 1)`,
      [dataSourceId],
    );
    removed = del.rowCount ?? 0;
  }
  await client.query(
    // In key order, so the primary-key and foreign-key lookups walk the indexes instead of jumping about;
    // a trait the user already has keeps its first realisation time.
    `INSERT INTO "TraitRealization" ("profileId", "traitId", "realizedAt")
     SELECT profile_id, trait_id, now() FROM ${stage}_final WHERE op = 1 ORDER BY profile_id, trait_id
     ON CONFLICT ("profileId", "traitId") DO NOTHING`,
  );
  await client.query(`DROP TABLE ${stage}_final`);

  return {
    noMatchingAamId: noMatching,
    noTraitRealized: noTrait,
    storedRecords: counts.rows[0]?.stored ?? 0,
    totalRealizedTraits: counts.rows[0]?.realized ?? 0,
    totalRemovedTraits: removed,
    noMatchingSamples,
    noTraitSamples: samples(nt.rows, (s, i) => `${s.users[i] ?? ""}: ${s.key}`),
  };
}

// The local processor's throughput: records/s applied to PostgreSQL for a 1,000,000-record .sync file
// (gunzip, parse, classify, stage in bulk, set-based apply, commit), next to a bare COPY of the same
// records (the file's lines straight into a two-column table) in the same run and database. Prints JSON
// lines {"bench":"processing",...}. Uses DATABASE_URL's server (a fresh database on it), or an embedded
// PGlite, which has no COPY: there both figures use batched INSERTs. BENCH_RECORDS overrides the size.
import { register } from "node:module";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, gzipSync } from "node:zlib";

// lib/server modules import "server-only", which throws outside React Server Components; resolve it to
// an empty module here, as vitest's alias does for the tests.
register(
  "data:text/javascript," +
    encodeURIComponent(
      "export async function resolve(s, c, n) { return s === 'server-only' ? { url: 'data:text/javascript,', shortCircuit: true } : n(s, c); }",
    ),
);
const pg = (await import("pg")).default;
const { from: copyFrom } = await import("pg-copy-streams");
const { createTestDatabase } = await import("../support/database");
const { processInbound } = await import("../../lib/server/processing/process-inbound");
const { detectLoadMethod } = await import("../../lib/server/processing/stage-writer");

const N = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const USERS = Math.round(N * 0.8);
const TS = 1714521600;
const emit = (metric: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench: "processing", metric, value: Number(value.toPrecision(4)), unit, ...extra }));

let seed = 7;
const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const SID = (n: number) => 100_000 + n;

/** 1-4 signals a record: mostly the data source's 40 traits, some key-values, a few unknown or foreign traits. */
function fileText(): Buffer {
  const parts: Buffer[] = [];
  let text = "";
  for (let i = 0; i < N; i++) {
    const user = `crm-${(i * 7919) % USERS}`;
    const n = 1 + Math.floor(rnd() * 4);
    const s: string[] = [];
    for (let k = 0; k < n; k++) {
      const x = rnd();
      s.push(x < 0.8 ? `d_sid=${SID(Math.floor(rnd() * 40))}` : x < 0.93 ? `"tier"="${["gold", "silver", "bronze"][Math.floor(rnd() * 3)]}"` : x < 0.97 ? `d_sid=${SID(500)}` : `d_sid=${SID(90)}`);
    }
    text += user + "\t" + s.join(",") + "\n";
    if (text.length > 4_000_000) {
      parts.push(Buffer.from(text));
      text = "";
    }
  }
  parts.push(Buffer.from(text));
  return Buffer.concat(parts);
}

const database = await createTestDatabase("bench");
const pool = new pg.Pool({ connectionString: database.url, max: 2 });
try {
  const raw = fileText();
  const gz = gzipSync(raw);
  emit("input_records", N, "records", { users: USERS, mb: Number((raw.length / 1e6).toFixed(1)), gz_mb: Number((gz.length / 1e6).toFixed(1)) });

  async function setup(label: string) {
    const c = await pool.connect();
    try {
      const ds = randomUUID();
      const other = randomUUID();
      const env = randomUUID();
      const dpid = 700 + Math.floor(rnd() * 1000);
      await c.query(`INSERT INTO "DataSource" (id, name, dpid, "idType", "partnerFolder", "updatedAt") VALUES ($1, $2, $3, 'dpuuid', 'acme', now()), ($4, $5, 9, 'dpuuid', 'x', now())`, [ds, `bench-${label}`, dpid, other, `other-${label}`]);
      await c.query(`INSERT INTO "Environment" (id, name, kind, bucket, "updatedAt") VALUES ($1, $2, 'sandbox', 'b', now())`, [env, `bench-${label}`]);
      await c.query(
        `INSERT INTO "Trait" (id, "dataSourceId", sid, name, "ruleKind", "ruleKey", "ruleValue", "updatedAt")
         SELECT gen_random_uuid(), $1::uuid, $2::int + g, 't' || g, 'sid'::"TraitRuleKind", NULL, NULL, now() FROM generate_series(0, 39) g
         UNION ALL SELECT gen_random_uuid(), $1::uuid, $3, 'gold', 'kv'::"TraitRuleKind", 'tier', 'gold', now()
         UNION ALL SELECT gen_random_uuid(), $4::uuid, $5, 'foreign', 'sid'::"TraitRuleKind", NULL, NULL, now()`,
        [ds, SID(0), SID(60), other, SID(90)],
      );
      // 95% of users were ID-synced; the rest count as "No Matching AAM ID".
      await c.query(
        `INSERT INTO "IdSyncMatch" (dpid, dpuuid, "aamUuid", "updatedAt") SELECT $1, 'crm-' || g, lpad(g::text, 38, '0'), now() FROM generate_series(0, $2::int - 1) g WHERE g % 20 <> 0`,
        [dpid, USERS],
      );
      await c.query("ANALYZE");
      return { env, dpid };
    } finally {
      c.release();
    }
  }

  const probe = await pool.connect();
  const available = await (async () => {
    await probe.query("BEGIN");
    const m = await detectLoadMethod(probe);
    await probe.query("ROLLBACK");
    return m;
  })().finally(() => probe.release());
  const dbKind = database.kind;

  const rates: Record<string, number> = {};
  for (const method of available === "copy" ? (["copy", "insert"] as const) : (["insert"] as const)) {
    const { env, dpid } = await setup(method);
    globalThis.gc?.();
    const c = await pool.connect();
    const t = performance.now();
    let stored = 0;
    try {
      await c.query("BEGIN");
      const r = await processInbound(c, {
        environmentId: env,
        uriPrefix: "s3n://bench",
        loadMethod: method,
        objects: [{ key: `inbound/acme/date=2024-05-01/ftp_dpm_${dpid}_${TS}.sync.gz`, etag: null, open: async () => Readable.from([gz]) }],
      });
      await c.query("COMMIT");
      const counters = r.receipts[0]?.counters;
      if (!counters || counters.recordsReceived !== N) throw new Error(`processed ${counters?.recordsReceived} of ${N} records`);
      stored = counters.storedRecords;
    } finally {
      c.release();
    }
    const s = (performance.now() - t) / 1000;
    rates[method] = N / s;
    emit("records_per_s", N / s, "records/s", { load: method, db: dbKind, records: N, stored, seconds: Number(s.toFixed(2)), rss_mb: Math.round(process.memoryUsage().rss / 1e6) });
  }

  // Baseline: the same lines loaded with no processing at all.
  const c = await pool.connect();
  let bare: number;
  try {
    await c.query("CREATE TABLE bare_lines (user_id text, signals text)");
    const t = performance.now();
    if (available === "copy") {
      await pipeline(Readable.from([gz]), createGunzip(), c.query(copyFrom("COPY bare_lines FROM STDIN")));
    } else {
      const lines = raw.toString("utf8").split("\n");
      for (let i = 0; i < lines.length - 1; i += 20_000) {
        const batch = lines.slice(i, Math.min(i + 20_000, lines.length - 1)).map((l) => l.split("\t"));
        await c.query("INSERT INTO bare_lines SELECT * FROM unnest($1::text[], $2::text[])", [batch.map((b) => b[0]), batch.map((b) => b[1])]);
      }
    }
    bare = N / ((performance.now() - t) / 1000);
    const n = await c.query<{ n: string }>("SELECT count(*) AS n FROM bare_lines");
    if (Number(n.rows[0]?.n) !== N) throw new Error(`bare load wrote ${n.rows[0]?.n} rows`);
  } finally {
    c.release();
  }
  emit(available === "copy" ? "bare_copy_rows_per_s" : "bare_insert_rows_per_s", bare, "rows/s", { db: dbKind, records: N });
  const best = rates.copy ?? rates.insert!;
  emit("ratio_vs_bare_copy", best / bare, "ratio", { load: rates.copy ? "copy" : "insert", baseline: available === "copy" ? "COPY" : "batched INSERT (no COPY on this server)" });
} finally {
  await pool.end();
  await database.drop();
}

// History list queries on 100,000 seeded submissions: p50/p95 per filter combination, against the
// 50 ms p95 target. Uses a scratch database on DATABASE_URL's server, or an embedded one.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { createTestDatabase } from "../support/database";

const N = Number(process.env.HISTORY_ROWS ?? 100_000);
const RUNS = 40;
const db = await createTestDatabase("bench_history");
process.env.DATABASE_URL = db.url;
const client = new pg.Client({ connectionString: db.url });
await client.connect();
try {
  const ds = Array.from({ length: 8 }, (_, i) => randomUUID());
  const envs = Array.from({ length: 4 }, () => randomUUID());
  for (const [i, id] of ds.entries()) await client.query(`INSERT INTO "DataSource" (id, name, dpid, "partnerFolder", "updatedAt") VALUES ($1, $2, $3, $4, now())`, [id, `Source ${i}`, 1000 + i, i % 2 ? "globex" : "acme"]);
  for (const [i, id] of envs.entries()) await client.query(`INSERT INTO "Environment" (id, name, kind, bucket, "updatedAt") VALUES ($1, $2, 'sandbox', 'b', now())`, [id, `Env ${i}`]);
  const t0 = performance.now();
  // One INSERT … SELECT over generate_series: the seed itself takes seconds, not minutes.
  await client.query(
    `INSERT INTO "Submission" (id, "createdBy", "createdAt", "dataSourceId", "environmentId", mode, "aamTimestamp", "originalName",
       "originalSize", "originalSha256", mapping, status, "receivedAt", "recordCount")
     SELECT gen_random_uuid(), 'user' || (g % 12), now() - (g * interval '5 minutes'), ($1::uuid[])[1 + g % 8], ($2::uuid[])[1 + g % 4],
       'sync', 1700000000 + g, 'crm-export-' || g || CASE WHEN g % 97 = 0 THEN '-loyalty' ELSE '' END || '.csv',
       (g * 7919) % 500000000, md5(g::text) || md5(g::text), '{}'::jsonb,
       (ARRAY['received','validated','converted','delivered','processed','failed']::"SubmissionStatus"[])[1 + g % 6],
       now() - (g * interval '5 minutes'), g % 100000
     FROM generate_series(1, $3) g`,
    [ds, envs, N],
  );
  await client.query(`ANALYZE "Submission"`);
  console.log(JSON.stringify({ bench: "history", metric: "seed_ms", value: Math.round(performance.now() - t0), rows: N }));

  const { listSubmissions } = await import("@/lib/server/submissions/list-submissions");
  // Admins see everything; a partner solutions manager's list is scoped by a join on the data source.
  const admin = { id: "bench", role: "admin" as const, partners: [] };
  const psm = { id: "bench-psm", role: "psm" as const, partners: ["acme"] };
  const first = await listSubmissions(admin, {});
  const cases: [string, Parameters<typeof listSubmissions>[1], typeof admin | typeof psm][] = [
    ["newest", {}, admin],
    ["newest_page_2", { cursor: first.nextCursor! }, admin],
    ["by_data_source", { dataSource: ds[3] }, admin],
    ["by_environment_status", { environment: envs[1], status: "delivered" }, admin],
    ["by_user", { user: "user7" }, admin],
    ["date_range", { from: new Date(Date.now() - 30 * 86400e3).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) }, admin],
    ["search_name", { q: "loyalty" }, admin],
    ["sort_name", { sort: "name" }, admin],
    ["sort_largest", { sort: "largest" }, admin],
    ["oldest", { sort: "oldest" }, admin],
    ["psm_scoped_newest", {}, psm],
    ["psm_scoped_search", { q: "loyalty" }, psm],
  ];
  let worst = 0;
  for (const [name, query, viewer] of cases) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) await listSubmissions(viewer, query); // warm-up: JIT and connection pool
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await listSubmissions(viewer, query);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p50 = times[Math.floor(RUNS * 0.5)]!;
    const p95 = times[Math.floor(RUNS * 0.95)]!;
    worst = Math.max(worst, p95);
    console.log(JSON.stringify({ bench: "history", metric: "list_ms", case: name, p50: +p50.toFixed(2), p95: +p95.toFixed(2), rows: N }));
  }
  console.log(JSON.stringify({ bench: "history", metric: "worst_p95_ms", value: +worst.toFixed(2), target: 50, database: db.kind }));
} finally {
  await client.end();
  const { db: prisma } = await import("@/lib/server/db");
  await prisma.$disconnect();
  await db.drop();
}

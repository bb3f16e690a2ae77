// Two partners' data, set up directly in the database: partner A ("acme-<tag>") with a data source, a
// delivered submission with a file, a receipt and a template; partner B ("globex-<tag>") with its own
// data source. The access tests act as B's marketer and try to reach every one of A's things.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { COUNTER_KEYS } from "@/lib/aam/receipt";

export type AuthFixture = Awaited<ReturnType<typeof seedTwoPartners>>;

export async function seedTwoPartners(databaseUrl: string) {
  const tag = randomUUID().slice(0, 6);
  const a = { partner: `acme-${tag}`, ds: randomUUID(), sub: randomUUID(), file: randomUUID(), receipt: randomUUID(), template: randomUUID(), name: `acme-secret-${tag}.csv`, dsName: `Acme CRM ${tag}` };
  const b = { partner: `globex-${tag}`, ds: randomUUID(), dsName: `Globex CRM ${tag}` };
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    const env = (await sql.query(`SELECT id FROM "Environment" WHERE kind = 'sandbox' LIMIT 1`)).rows[0].id as string;
    for (const [id, name, partner, dpid] of [[a.ds, a.dsName, a.partner, 9101], [b.ds, b.dsName, b.partner, 9102]] as const)
      await sql.query(`INSERT INTO "DataSource" (id, name, dpid, "partnerFolder", "updatedAt") VALUES ($1, $2, $3, $4, now())`, [id, name, dpid, partner]);
    await sql.query(
      `INSERT INTO "Submission" (id, "createdBy", "dataSourceId", "environmentId", mode, "aamTimestamp", "originalName", "originalSize", "originalSha256", "originalKey", mapping, status, "deliveredAt")
       VALUES ($1, 'acme-user@example.com', $2, $3, 'sync', 1714521600 + (random() * 1e6)::int, $4, 10, repeat('0', 64), 'originals/none', '{}', 'delivered', now())`,
      [a.sub, a.ds, env, a.name],
    );
    await sql.query(
      `INSERT INTO "SubmissionFile" (id, "submissionId", part, "aamName", "objectKey", bytes, records, sha256) VALUES ($1, $2, 1, 'ftp_dpm_9101_1714521600.sync.gz', $3, 10, 1, repeat('0', 64))`,
      [a.file, a.sub, `${a.partner}/ftp_dpm_9101_1714521600.sync.gz`],
    );
    await sql.query(
      `INSERT INTO "Receipt" (id, "environmentId", "dataSourceId", "startedAt", "endedAt", counters, files, text) VALUES ($1, $2, $3, now(), now(), $4, '{}', 'acme receipt text')`,
      [a.receipt, env, a.ds, JSON.stringify(Object.fromEntries(COUNTER_KEYS.map((k) => [k, 0])))],
    );
    await sql.query(
      `INSERT INTO "MappingTemplate" (id, "dataSourceId", name, header, mapping, "createdBy", "updatedAt") VALUES ($1, $2, 'Acme template', '{id}', '{}', 'x', now())`,
      [a.template, a.ds],
    );
  } finally {
    await sql.end();
  }
  return { tag, a, b, env: "" };
}

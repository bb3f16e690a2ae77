// Environments in Chromium: set up AAM production with a prefix and partner keys, check the connection,
// prove the secret never reaches a page or an API response, and send a delivered sandbox run to
// production through the typed-name guard. AAM's bucket is served by the local S3 server.
import { gunzipSync } from "node:zlib";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import pg from "pg";
import { type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PARTNER_KEYS } from "../support/global-e2e";
import { signedInPage } from "./support/session";
import { pageHealth } from "./support/page-health";

const chromiumPath = inject("chromiumPath");

describe.skipIf(!chromiumPath)("environments and the production guard", () => {
  const health = pageHealth();
  let browser: Browser;
  let page: Page;
  let sql: pg.Client;
  const appUrl = inject("appUrl");

  beforeAll(async () => {
    browser = await health.launch();
    page = await signedInPage(browser);
    page.setDefaultTimeout(30_000);
    sql = new pg.Client({ connectionString: inject("databaseUrl") });
    await sql.connect();
    // Test set-up only: AAM's production bucket lives on the local S3 server in this run.
    await sql.query(`UPDATE "Environment" SET endpoint = $1, "forcePathStyle" = true WHERE kind = 'production'`, [inject("s3Endpoint")]);
    // Start from the preset as a fresh install has it, whichever journey ran before this one.
    await sql.query(`UPDATE "Environment" SET prefix = '', "credentialsRef" = NULL WHERE name = 'AAM production'`);
  });
  afterAll(async () => {
    await sql?.end();
    await browser?.close();
  });

  async function apiSubmit(body: string, meta: Record<string, unknown>) {
    return page.evaluate(
      async ({ body, meta }) => {
        const u = await (await fetch("/api/uploads", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ fileName: "guard.csv", size: body.length }) })).json();
        await fetch(`/api/uploads/${u.id}/chunks/0`, { method: "PUT", body });
        const r = await fetch("/api/submissions", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ uploadId: u.id, meta }) });
        return { status: r.status, body: await r.json() };
      },
      { body, meta },
    );
  }

  it("keeps partner credentials out of every page and response, and guards production", async () => {
    await page.goto(`${appUrl}/environments`);
    const prod = page.getByRole("region", { name: "AAM production", exact: true });
    await expect.poll(() => prod.textContent()).toContain("Not ready: add the prefix Adobe assigned to you and credentials");
    await prod.getByLabel("Prefix (from Adobe)").fill("1234567");
    await prod.getByLabel("Credential type").selectOption("access_keys");
    await prod.getByLabel("Access key ID").fill(PARTNER_KEYS.accessKeyId);
    await prod.getByLabel("Secret access key").fill(PARTNER_KEYS.secretAccessKey);
    await prod.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => prod.getByRole("status").textContent()).toBe("Saved.");
    await page.reload();
    const prodAfter = page.getByRole("region", { name: "AAM production", exact: true });
    await expect.poll(() => prodAfter.textContent()).toContain("stored (access key …Y001)");
    await prodAfter.getByRole("button", { name: "Check connection" }).click();
    await expect.poll(() => prodAfter.getByRole("status").textContent()).toBe("Listed demdex-s2s-clients/1234567 with these credentials.");

    // A data source and a delivered sandbox run to promote.
    await page.goto(`${appUrl}/data-sources`);
    await page.getByLabel("Name").fill("Guarded CRM");
    await page.getByLabel("Data source ID (DPID)").fill("4242");
    await page.getByLabel("Partner folder").fill("acme");
    await page.getByRole("button", { name: "Add data source" }).click();
    await expect.poll(() => page.getByRole("cell", { name: "Guarded CRM" }).count()).toBe(1);
    const ids = await sql.query(`SELECT (SELECT id FROM "DataSource" WHERE name = 'Guarded CRM') AS ds,
      (SELECT id FROM "Environment" WHERE kind = 'sandbox' LIMIT 1) AS sandbox, (SELECT id FROM "Environment" WHERE name = 'AAM production') AS prod`);
    const { ds, sandbox, prod: prodId } = ids.rows[0];
    const mapping = { columns: [{ role: "id" }, { role: "kv", key: "tier" }], delimiter: "," };
    const csv = "id,tier\nP1,gold\nP2,silver\n";
    const meta = { dataSourceId: ds, environmentId: sandbox, mode: "sync", mapping, patches: [] };
    const first = await apiSubmit(csv, meta);
    expect(first.status).toBe(201);

    // The server refuses production without the typed name, whatever the browser sends: a 403 this test provokes.
    health.allow(/(HTTP 403 POST|status of 403 .*)[^\n]*\/api\/submissions\b/);
    const refused = await apiSubmit(csv, { ...meta, environmentId: prodId, confirmProduction: "guarded crm" });
    expect(refused).toEqual({ status: 403, body: { error: 'Type the data source name "Guarded CRM" to confirm sending to production.' } });

    await page.goto(`${appUrl}/submissions/${first.body.id}`);
    await expect.poll(() => page.getByTestId("status").first().textContent(), { timeout: 30_000 }).toMatch(/Delivered|Processed/);
    const again = page.getByRole("region", { name: "Send again" });
    await again.getByLabel("Environment").selectOption({ label: "AAM production" });
    const send = again.getByRole("button", { name: "Send to production" });
    expect(await send.isDisabled()).toBe(true);
    await again.getByLabel("Confirm the data source name").fill("Guarded CR");
    expect(await send.isDisabled()).toBe(true);
    await again.getByLabel("Confirm the data source name").fill("Guarded CRM");
    await send.click();
    await page.waitForURL((u) => /\/submissions\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(first.body.id));
    await expect.poll(() => page.getByTestId("status").first().textContent(), { timeout: 30_000 }).toMatch(/Delivered|Processed/);
    const name = (await page.getByTestId("aam-name").textContent())!;
    expect(name).toMatch(/^ftp_dpm_4242_\d{10}\.sync\.gz$/);

    const s3 = new S3Client({ region: "us-east-1", endpoint: inject("s3Endpoint"), forcePathStyle: true, credentials: PARTNER_KEYS });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: "demdex-s2s-clients", Prefix: "1234567/acme/" }));
    // Other journeys may deliver under the same prefix; this run's file is the one with its name.
    const ours = listed.Contents?.filter((o) => o.Key!.endsWith(`/${name}`)) ?? [];
    expect(ours.map((o) => o.Key!.replace(/date=\d{4}-\d{2}-\d{2}/, "date=D"))).toEqual([`1234567/acme/date=D/${name}`]);
    const obj = await s3.send(new GetObjectCommand({ Bucket: "demdex-s2s-clients", Key: ours[0]!.Key! }));
    expect(gunzipSync(Buffer.from(await obj.Body!.transformToByteArray())).toString()).toBe('P1\t"tier"="gold"\nP2\t"tier"="silver"\n');

    // Neither half of the key pair appears in any page or API response.
    const secretParts = [PARTNER_KEYS.secretAccessKey, PARTNER_KEYS.accessKeyId];
    for (const path of ["/", "/environments", "/submissions", "/data-sources", "/submissions/new", `/submissions/${first.body.id}`, "/api/health"]) {
      const res = await page.request.get(`${appUrl}${path}`);
      const text = await res.text();
      for (const s of secretParts) expect(text, `${path} leaks a credential`).not.toContain(s);
    }
    const audit = await sql.query(`SELECT details::text AS d FROM "AuditLog"`);
    for (const row of audit.rows) for (const s of secretParts) expect(row.d).not.toContain(s);
  });
});

// A dropped connection during upload, in Chromium: chunk 2 of 3 keeps failing until the client gives up;
// the next Submit asks the server what it has and sends only the missing chunks. Also the production
// guard on the import page: production stays unavailable until the data source's name is typed.
import pg from "pg";
import { type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PARTNER_KEYS } from "../support/global-e2e";
import { signedInPage } from "./support/session";
import { pageHealth } from "./support/page-health";

const chromiumPath = inject("chromiumPath");
const ROWS = 250_000;

function bigCsv(): Buffer {
  const filler = "abcdefghijklmnopqrstuvwxyz".repeat(3);
  const lines = ["customer_id,note"];
  for (let i = 0; i < ROWS; i++) lines.push(`R${String(i).padStart(7, "0")},${filler}${i % 10}`);
  return Buffer.from(lines.join("\n") + "\n");
}

describe.skipIf(!chromiumPath)("resumable upload", () => {
  const health = pageHealth();
  let browser: Browser;
  let sql: pg.Client;
  beforeAll(async () => {
    browser = await health.launch();
    sql = new pg.Client({ connectionString: inject("databaseUrl") });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await browser?.close();
  });

  it("resumes after the connection drops, without sending finished chunks again", async () => {
    const appUrl = inject("appUrl");
    const page = await signedInPage(browser);
    page.setDefaultTimeout(60_000);
    // The connection resets this test inflicts on chunk 1 (the route below aborts them).
    health.allow(/(request failed: PUT \S+|net::ERR_CONNECTION_RESET \()\S*\/api\/uploads\/[^/\s]+\/chunks\/1\b/);
    await page.goto(`${appUrl}/data-sources`);
    await page.getByLabel("Name").fill("Resume CRM");
    await page.getByLabel("Data source ID (DPID)").fill("5151");
    await page.getByLabel("Partner folder").fill("resume");
    await page.getByRole("button", { name: "Add data source" }).click();
    await page.getByRole("cell", { name: "Resume CRM" }).waitFor();
    // Production configured (its bucket served locally) so the import page offers it, behind the guard;
    // and an SFTP environment with no host, which must be offered as not ready.
    await sql.query(`UPDATE "Environment" SET endpoint = $1, "forcePathStyle" = true WHERE kind = 'production'`, [inject("s3Endpoint")]);
    await sql.query(`INSERT INTO "Environment" (id, name, kind, transport, bucket, "updatedAt") VALUES (gen_random_uuid(), 'Half-done SFTP', 'custom', 'sftp', '', now()) ON CONFLICT DO NOTHING`);
    await page.goto(`${appUrl}/environments`);
    const prod = page.getByRole("region", { name: "AAM production", exact: true });
    await prod.getByLabel("Prefix (from Adobe)").fill("1234567");
    await prod.getByLabel("Credential type").selectOption("access_keys");
    await prod.getByLabel("Access key ID").fill(PARTNER_KEYS.accessKeyId);
    await prod.getByLabel("Secret access key").fill(PARTNER_KEYS.secretAccessKey);
    await prod.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => prod.getByRole("status").textContent()).toBe("Saved.");

    const sent = new Map<number, { ok: number; dropped: number }>();
    let dropChunk1 = true;
    await page.route(/\/api\/uploads\/[0-9a-f-]+\/chunks\/\d+$/, async (route) => {
      const index = Number(route.request().url().split("/").pop());
      const tally = sent.get(index) ?? { ok: 0, dropped: 0 };
      sent.set(index, tally);
      if (index === 1 && dropChunk1) {
        tally.dropped++;
        return route.abort("connectionreset");
      }
      tally.ok++;
      return route.continue();
    });

    await page.goto(`${appUrl}/submissions/new`);
    await page.getByLabel("Data source").selectOption({ label: "Resume CRM (DPID 5151)" });
    const file = bigCsv();
    expect(file.length).toBeGreaterThan(16 * 1024 * 1024); // three 8 MiB chunks
    await page.getByTestId("file-input").setInputFiles({ name: "big-export.csv", mimeType: "text/csv", buffer: file });
    await page.getByLabel("Use column customer_id as").selectOption("id");
    await page.getByLabel("Use column note as").selectOption("kv");
    const submit = page.getByRole("button", { name: `Submit ${ROWS.toLocaleString("en-US")} records` });
    await expect.poll(() => submit.isEnabled(), { timeout: 60_000 }).toBe(true);

    expect(await page.getByRole("radio", { name: /Half-done SFTP/ }).isDisabled()).toBe(true);
    // Production: the submit button stays off until the data source's exact name is typed.
    await page.getByRole("radio", { name: /AAM production/ }).check();
    expect(await submit.isDisabled()).toBe(true);
    await page.getByLabel("Confirm the data source name").fill("resume crm");
    expect(await submit.isDisabled()).toBe(true);
    await page.getByLabel("Confirm the data source name").fill("Resume CRM");
    expect(await submit.isEnabled()).toBe(true);
    await page.getByRole("radio", { name: /Local sandbox/ }).check();
    expect(await page.getByLabel("Confirm the data source name").count()).toBe(0);

    await submit.click();
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "The connection dropped." }).count(), { timeout: 60_000 }).toBe(1);
    expect(sent.get(0)).toEqual({ ok: 1, dropped: 0 });
    expect(sent.get(1)).toEqual({ ok: 0, dropped: 5 }); // the client's five attempts with backoff
    const uploads = await sql.query(`SELECT s.id, count(p.index)::int AS parts FROM "UploadSession" s LEFT JOIN "UploadSessionPart" p ON p."sessionId" = s.id WHERE s."fileName" = 'big-export.csv' GROUP BY s.id`);
    expect(uploads.rows.map((r) => r.parts)).toEqual([1]);

    dropChunk1 = false;
    await submit.click();
    await page.waitForURL(/\/submissions\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    expect(sent.get(0)).toEqual({ ok: 1, dropped: 0 }); // not sent again
    expect(sent.get(1)).toEqual({ ok: 1, dropped: 5 });
    expect(sent.get(2)).toEqual({ ok: 1, dropped: 0 });
    const after = await sql.query(`SELECT count(*)::int AS sessions FROM "UploadSession" WHERE "fileName" = 'big-export.csv'`);
    expect(after.rows[0].sessions).toBe(1);
    await expect.poll(() => page.getByTestId("status").first().textContent(), { timeout: 60_000 }).toMatch(/Delivered|Processed/);
    expect(await page.getByTestId("record-count").textContent()).toBe(ROWS.toLocaleString("en-US"));
    const sub = await sql.query(`SELECT "originalSize", "countMismatch" FROM "Submission" WHERE "originalName" = 'big-export.csv'`);
    expect(sub.rows).toEqual([{ originalSize: String(file.length), countMismatch: false }]);
  });
});

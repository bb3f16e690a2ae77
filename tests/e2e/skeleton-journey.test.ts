// The walking skeleton, end to end in Chromium: add a data source, drop a CSV, map an ID and a trait,
// see the AAM preview, submit to the local sandbox, and check what landed in S3 and in PostgreSQL.
import { gunzipSync } from "node:zlib";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import pg from "pg";
import { type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signedInPage } from "./support/session";
import { pageHealth } from "./support/page-health";

const chromiumPath = inject("chromiumPath");
const CSV = "customer_id,email,loyalty_tier,score\r\nC001,a@example.com,gold,10\r\nC002,b@example.com,silver,20\r\n00C3,c@example.com,gold,30\r\n";

describe.skipIf(!chromiumPath)("skeleton journey", () => {
  const health = pageHealth();
  let browser: Browser;
  beforeAll(async () => {
    browser = await health.launch();
  });
  afterAll(async () => browser?.close());

  it("goes from a dropped CSV to a correctly named gzip file in the sandbox bucket", async () => {
    const appUrl = inject("appUrl");
    const page = await signedInPage(browser, { acceptDownloads: true });
    page.setDefaultTimeout(30_000);

    await page.goto(`${appUrl}/data-sources`);
    await page.getByLabel("Name").fill("CRM Test");
    await page.getByLabel("Data source ID (DPID)").fill("21");
    await page.getByLabel("Partner folder").fill("acme");
    await page.getByRole("button", { name: "Add data source" }).click();
    await expect.poll(() => page.getByRole("cell", { name: "CRM Test" }).count()).toBe(1);

    await page.goto(`${appUrl}/submissions/new`);
    // Other journeys add data sources too; the list is sorted by name, so choose this one.
    await page.getByLabel("Data source").selectOption({ label: "CRM Test (DPID 21)" });
    await page.getByTestId("file-input").setInputFiles({ name: "crm-export.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await page.getByLabel("Use column customer_id as").selectOption("id");
    await page.getByLabel("Use column email as").selectOption("ignore");
    await page.getByLabel("Use column score as").selectOption("ignore");
    await page.getByLabel("Use column loyalty_tier as").selectOption("kv");
    await expect.poll(() => page.getByTestId("aam-line").allTextContents()).toEqual([
      'C001 ⇥ "loyalty_tier"="gold"',
      'C002 ⇥ "loyalty_tier"="silver"',
      '00C3 ⇥ "loyalty_tier"="gold"',
    ]);
    await expect.poll(() => page.getByTestId("summary").textContent()).toContain("3 AAM records from 3 rows");
    expect(await page.getByTestId("summary").textContent()).toContain("0 errors");
    await page.getByLabel(/Local sandbox/).check();
    await page.getByRole("button", { name: /Submit 3 records/ }).click();

    await page.waitForURL(/\/submissions\/[0-9a-f-]{36}$/);
    const id = page.url().split("/").pop()!;
    // In the local sandbox the processor follows delivery within seconds (issue 8), so either may show.
    await expect.poll(() => page.getByTestId("status").textContent(), { timeout: 30_000 }).toMatch(/^(Delivered|Processed)$/);

    const name = (await page.getByTestId("aam-name").textContent())!;
    expect(name).toMatch(/^ftp_dpm_21_\d{10}\.sync\.gz$/);
    const timestamp = Number(name.match(/_(\d{10})\./)![1]);
    const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
    const shownKey = (await page.getByTestId("object-key").textContent())!;
    const key = `inbound/acme/date=${date}/${name}`;
    expect(shownKey).toBe(`e2e-sandbox/${key}`);

    const s3 = new S3Client({
      region: "us-east-1",
      endpoint: inject("s3Endpoint"),
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    const object = await s3.send(new GetObjectCommand({ Bucket: "e2e-sandbox", Key: key }));
    const body = gunzipSync(Buffer.from(await object.Body!.transformToByteArray())).toString("utf8");
    const expected = 'C001\t"loyalty_tier"="gold"\nC002\t"loyalty_tier"="silver"\n00C3\t"loyalty_tier"="gold"\n';
    expect(body).toBe(expected);

    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    try {
      const sub = await client.query(
        `SELECT status, "recordCount", "errorCount", "originalName", "validatedAt" IS NOT NULL AS validated,
                "convertedAt" IS NOT NULL AS converted, "deliveredAt" IS NOT NULL AS delivered FROM "Submission" WHERE id = $1`,
        [id],
      );
      expect(sub.rows[0]).toEqual({
        status: expect.stringMatching(/^(delivered|processed)$/), recordCount: 3, errorCount: 0, originalName: "crm-export.csv", validated: true, converted: true, delivered: true,
      });
      const files = await client.query(`SELECT part, "aamName", "objectKey", records FROM "SubmissionFile" WHERE "submissionId" = $1`, [id]);
      expect(files.rows).toEqual([{ part: 1, aamName: name, objectKey: key, records: 3 }]);
    } finally {
      await client.end();
    }

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("region", { name: "Delivered files" }).getByRole("link", { name: "Download" }).click()]);
    expect(download.suggestedFilename()).toBe(name);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(gunzipSync(Buffer.concat(chunks)).toString("utf8")).toBe(expected);

    await page.goto(`${appUrl}/submissions`);
    const row = page.getByRole("row", { name: /crm-export\.csv/ });
    await expect.poll(() => row.getByTestId("status").textContent()).toMatch(/^(Delivered|Processed)$/);
  });
});

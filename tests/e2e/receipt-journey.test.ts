// From submit to downloaded receipt, in Chromium against the built app: onboard a trait, ID-sync two of
// three customers through the /ibs: endpoint (real browser, real cookie), submit a CSV to the local
// sandbox, and watch the processor's receipt arrive on the submission page with AAM's counters; then
// download it as text, CSV and JSON, and find it in the data source's history.
import { type Browser, type Download } from "playwright-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signedInPage, signedInContext } from "./support/session";
import { pageHealth } from "./support/page-health";

const chromiumPath = inject("chromiumPath");
const CSV = "customer_id,loyalty_tier\r\nR001,gold\r\nR002,silver\r\nR003,gold\r\n";
const DPID = 4242;

async function text(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

describe.skipIf(!chromiumPath)("receipt journey", () => {
  const health = pageHealth();
  let browser: Browser;
  beforeAll(async () => {
    browser = await health.launch();
  });
  afterAll(async () => browser?.close());

  it("goes from a submitted CSV to a downloaded receipt with AAM's counters", async () => {
    const appUrl = inject("appUrl");
    const context = await signedInContext(browser, { acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);

    await page.goto(`${appUrl}/data-sources`);
    await page.getByLabel("Name").fill("Receipt Journey");
    await page.getByLabel("Data source ID (DPID)").fill(String(DPID));
    await page.getByLabel("Partner folder").fill("acme");
    await page.getByRole("button", { name: "Add data source" }).click();
    await page.getByRole("link", { name: "Receipt Journey" }).click();
    // /ibs redirects only to hosts the data source allows (issue 16); the journey's redirect comes back here.
    await page.getByText("No redirect hosts: /ibs never redirects for this data source.").waitFor();
    await page.getByLabel("Allowed redirect hosts").fill(new URL(appUrl).hostname);
    await page.getByRole("button", { name: "Save redirect hosts" }).click();
    await expect.poll(() => page.getByRole("form", { name: "Redirect hosts" }).getByRole("status").textContent()).toBe("Saved.");
    await expect.poll(() => page.getByRole("list", { name: "Redirect hosts in use" }).textContent()).toBe(new URL(appUrl).hostname);
    await page.getByRole("link", { name: /onboarded trait/ }).click();
    await page.getByLabel("Trait ID").fill("777");
    await page.getByLabel("Name", { exact: true }).fill("Gold tier");
    await page.getByLabel("Rule").fill('loyalty_tier == "gold"');
    await page.getByRole("button", { name: "Add trait" }).click();
    await expect.poll(() => page.getByTestId("trait-row").allTextContents()).toEqual([expect.stringContaining('loyalty_tier == "gold"')]);

    // ID sync in AAM's form, from the browser: the cookie is set once and the redirect carries the UUID.
    const back = encodeURIComponent(`${appUrl}/processing?uuid=\${DD_UUID}`);
    await page.goto(`${appUrl}/ibs:dpid=${DPID}&dpuuid=R001&redir=${back}`);
    const uuid = new URL(page.url()).searchParams.get("uuid");
    expect(uuid).toMatch(/^\d{38}$/);
    const cookies = await context.cookies(appUrl);
    expect(cookies.find((c) => c.name === "demdex")).toMatchObject({ value: uuid, httpOnly: true, sameSite: "Lax" });
    await page.goto(`${appUrl}/ibs:d_cid=${DPID}%01R002&redir=${back}`);
    expect(new URL(page.url()).searchParams.get("uuid")).toBe(uuid);
    const pixel = await page.request.get(`${appUrl}/ibs:dpid=${DPID}&dpuuid=pixel-only`);
    expect([pixel.status(), pixel.headers()["content-type"]]).toEqual([200, "image/gif"]);

    await page.goto(`${appUrl}/submissions/new`);
    await page.getByLabel("Data source").selectOption({ label: `Receipt Journey (DPID ${DPID})` });
    await page.getByTestId("file-input").setInputFiles({ name: "receipt-journey.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await page.getByLabel("Use column customer_id as").selectOption("id");
    await page.getByLabel("Use column loyalty_tier as").selectOption("kv");
    await expect.poll(() => page.getByTestId("summary").textContent()).toContain("3 AAM records from 3 rows");
    await page.getByLabel(/Local sandbox/).check();
    await page.getByRole("button", { name: /Submit 3 records/ }).click();
    await page.waitForURL(/\/submissions\/[0-9a-f-]{36}$/);
    const submissionId = page.url().split("/").pop()!;

    // The receipt arrives by itself (the section refreshes while it waits) and the status moves on.
    const receipt = page.getByTestId("receipt");
    await expect.poll(() => receipt.count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.getByTestId("status").textContent()).toBe("Processed");
    const counter = (key: string) => receipt.getByTestId(`counter-${key}`).textContent();
    const expected = {
      recordsReceived: "3", formatErrors: "0", invalidAamId: "0", invalidDeviceId: "0", noMatchingAamId: "1", noTraitRealized: "1",
      recordsProcessed: "3", storedRecords: "1", totalDevices: "1", totalSignals: "3", totalUnusedSignals: "1", totalRealizedTraits: "1",
      totalRemovedTraits: "0", traitsFailedValidation: "0", usersWithTraitsFailedValidation: "0",
    };
    for (const [key, value] of Object.entries(expected)) expect([key, await counter(key)]).toEqual([key, value]);
    await receipt.getByTestId("errors-noMatchingAamId").locator("summary").click();
    expect(await receipt.getByTestId("errors-noMatchingAamId").textContent()).toContain("R003");

    const [txt] = await Promise.all([page.waitForEvent("download"), receipt.getByRole("link", { name: "Save as TXT" }).click()]);
    expect(txt.suggestedFilename()).toMatch(/^aam-receipt-4242-.*\.txt$/);
    const body = await text(txt);
    expect(body).toContain(`Dear Adobe Partner: (ID:${DPID})`);
    expect(body).toMatch(/File name:\ns3n:\/\/e2e-sandbox\/inbound\/acme\/date=\d{4}-\d{2}-\d{2}\/ftp_dpm_4242_\d{10}\.sync\.gz\n/);
    expect(body).toContain("Records received: 3\nFormat Errors: 0\nInvalid AAM ID: 0\nInvalid Device ID: 0\nNo Matching AAM ID: 1\nNo Trait Realized: 1\nRecords processed: 3\nStored Records: 1\n");
    const [csv] = await Promise.all([page.waitForEvent("download"), receipt.getByRole("link", { name: "Save as CSV" }).click()]);
    expect(await text(csv)).toContain("counter,Stored Records,1,");
    const [json] = await Promise.all([page.waitForEvent("download"), receipt.getByRole("link", { name: "Save as JSON" }).click()]);
    const parsed = JSON.parse(await text(json)) as { counters: Record<string, number>; submissionIds: string[] };
    expect(parsed.counters.storedRecords).toBe(1);
    expect(parsed.submissionIds).toEqual([submissionId]);

    // The store, read back: R001 holds the trait; R002's "silver" realised nothing; R003 was never synced.
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    try {
      const rows = await client.query(
        `SELECT p."userId", t.sid FROM "Profile" p JOIN "DataSource" d ON d.id = p."dataSourceId"
         LEFT JOIN "TraitRealization" r ON r."profileId" = p.id LEFT JOIN "Trait" t ON t.id = r."traitId" WHERE d.name = 'Receipt Journey'`,
      );
      expect(rows.rows).toEqual([{ userId: "R001", sid: 777 }]);
    } finally {
      await client.end();
    }

    await page.goto(`${appUrl}/data-sources`);
    await page.getByRole("link", { name: "Receipt Journey" }).click();
    await expect.poll(() => page.getByTestId("history-bar").count()).toBe(1);
    expect(await page.getByTestId("history-table").locator("tbody tr").first().textContent()).toContain("3");

    await page.goto(`${appUrl}/processing`);
    await page.getByRole("button", { name: "Process now: Local sandbox" }).click();
    await expect.poll(() => page.getByText("Queued; the receipt follows in seconds.").count()).toBe(1);
    await context.close();
  });

  it("attaches AAM's receipt e-mail to a production submission by pasting it", async () => {
    const appUrl = inject("appUrl");
    // A delivered production submission, set up directly: delivering to Adobe's bucket is not possible here.
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    const name = `ftp_dpm_${DPID}_1714521600.sync.gz`;
    let submissionId: string;
    try {
      const env = await client.query<{ id: string }>(
        `INSERT INTO "Environment" (id, name, kind, bucket, prefix, "updatedAt") VALUES (gen_random_uuid(), 'Receipt journey production', 'production', 'demdex-s2s-clients', 'acme-path', now()) RETURNING id`,
      );
      const sub = await client.query<{ id: string }>(
        `INSERT INTO "Submission" (id, "createdBy", "dataSourceId", "environmentId", mode, "aamTimestamp", "originalName", "originalSize", "originalSha256", mapping, status, "deliveredAt")
         SELECT gen_random_uuid(), 'journey', d.id, $1, 'sync', 1714521600, 'production.csv', 10, repeat('0', 64), '{}', 'delivered', now() FROM "DataSource" d WHERE d.name = 'Receipt Journey' RETURNING id`,
        [env.rows[0]!.id],
      );
      submissionId = sub.rows[0]!.id;
      await client.query(
        `INSERT INTO "SubmissionFile" (id, "submissionId", part, "aamName", "objectKey", bytes, records, sha256, "deliveredAt") VALUES (gen_random_uuid(), $1, 1, $2, $3, 10, 3, repeat('0', 64), now())`,
        [submissionId, name, `acme-path/acme/date=2024-05-01/${name}`],
      );
    } finally {
      await client.end();
    }
    const page = await signedInPage(browser);
    page.setDefaultTimeout(30_000);
    await page.goto(`${appUrl}/submissions/${submissionId}`);
    await page.getByRole("link", { name: "Attach AAM's receipt e-mail" }).click();
    const email = [
      "From: aam-noreply@adobe.com",
      "Subject: Adobe Audience Manager Server-To-Server Processing Result:",
      `Dear Adobe Partner: (ID:${DPID})`,
      "File name:",
      `s3n://demdex-s2s-clients/2024-05-01/${name}`,
      "Records received: 3", "Format Errors: 0", "Invalid AAM ID: 0", "No Matching AAM ID: 1", "No Trait Realized: 1", "Records processed: 3",
      "Stored Records: 1", "Total devices: 1", "Total signals: 3", "Total unused signals: 1", "Total realized traits: 1", "Total removed traits: 0",
      "Total traits failed validation: 0", "Total users that have traits which failed validation: 0",
      "Job start time: 2024-05-02 14:00:01", "Job end time: 2024-05-02 14:02:12",
    ].join("\n");
    await page.getByLabel("Receipt e-mail text").fill(email);
    await page.getByRole("button", { name: "Attach receipt" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Receipt attached to 1 submission(s); 1 marked processed.");
    await page.getByRole("link", { name: "Back to the submission" }).click();
    await expect.poll(() => page.getByTestId("status").textContent()).toBe("Processed");
    const receipt = page.getByTestId("receipt");
    expect(await receipt.textContent()).toContain("AAM's receipt e-mail");
    expect(await receipt.getByTestId("counter-noMatchingAamId").textContent()).toBe("1");
    await page.close();
  });
});

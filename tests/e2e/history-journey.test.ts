// The history page in Chromium over seeded rows: search, filters, sorting and keyset pages, all from
// the URL-backed form, and the detail page one click away.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signedInPage } from "./support/session";
import { pageHealth } from "./support/page-health";

const chromiumPath = inject("chromiumPath");

describe.skipIf(!chromiumPath)("history filters", () => {
  const health = pageHealth();
  let browser: Browser;
  let sql: pg.Client;
  const tag = randomUUID().slice(0, 6);

  beforeAll(async () => {
    browser = await health.launch();
    sql = new pg.Client({ connectionString: inject("databaseUrl") });
    await sql.connect();
    const env = (await sql.query(`SELECT id FROM "Environment" WHERE kind = 'sandbox' LIMIT 1`)).rows[0].id;
    const ds = [randomUUID(), randomUUID()];
    for (const [i, id] of ds.entries()) {
      await sql.query(`INSERT INTO "DataSource" (id, name, dpid, "partnerFolder", "updatedAt") VALUES ($1, $2, $3, 'acme', now())`, [id, `History ${tag} ${i}`, 700 + i]);
    }
    // 70 rows for source 0 (two pages), 5 failed ones for source 1; names carry their number.
    await sql.query(
      `INSERT INTO "Submission" (id, "createdBy", "createdAt", "dataSourceId", "environmentId", mode, "aamTimestamp", "originalName",
         "originalSize", "originalSha256", mapping, status, "receivedAt")
       SELECT gen_random_uuid(), CASE WHEN g % 10 = 0 THEN 'maria' ELSE 'tom' END, now() - g * interval '1 hour',
         CASE WHEN g <= 70 THEN $1::uuid ELSE $2::uuid END, $3::uuid, 'sync', 1700000000 + g,
         '${tag}-' || lpad(g::text, 3, '0') || '.csv', g * 1000, md5(g::text) || md5(g::text), '{}'::jsonb,
         CASE WHEN g > 70 THEN 'failed'::"SubmissionStatus" ELSE 'delivered'::"SubmissionStatus" END, now()
       FROM generate_series(1, 75) g`,
      [ds[0], ds[1], env],
    );
  });
  afterAll(async () => {
    await sql?.end();
    await browser?.close();
  });

  // Dates on these pages are formatted on the server in UTC and numbers in en-US, so a browser in another
  // time zone and locale hydrates the same markup; page health fails the test on any hydration warning.
  it("hydrates without a mismatch in a browser with another time zone and locale", async () => {
    const page = await signedInPage(browser, { timezoneId: "Pacific/Kiritimati", locale: "de-DE" });
    await page.goto(`${inject("appUrl")}/submissions?q=${tag}`);
    await page.getByRole("link", { name: `${tag}-001.csv` }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`${tag}-001.csv`);
    await page.goBack();
    await page.getByRole("link", { name: "Next page" }).click();
    await page.waitForURL(/cursor=/);
    await page.context().close();
  });

  it("searches, filters, sorts and pages", async () => {
    const page = await signedInPage(browser);
    page.setDefaultTimeout(30_000);
    const names = () => page.getByRole("table", { name: "Submissions" }).getByRole("link").allTextContents();
    await page.goto(`${inject("appUrl")}/submissions`);

    await page.getByLabel("File name", { exact: true }).fill(tag);
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/q=/);
    let shown = await names();
    expect(shown).toHaveLength(50);
    expect(shown[0]).toBe(`${tag}-001.csv`); // newest first
    await page.getByRole("link", { name: "Next page" }).click();
    await page.waitForURL(/cursor=/);
    shown = await names();
    expect(shown).toHaveLength(25);
    expect(shown[0]).toBe(`${tag}-051.csv`);
    expect(await page.getByRole("link", { name: "Next page" }).count()).toBe(0);

    await page.getByRole("link", { name: "First page" }).click();
    await page.getByLabel("Status").selectOption("failed");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/status=failed/);
    expect(await names()).toEqual([71, 72, 73, 74, 75].map((n) => `${tag}-0${n}.csv`));

    await page.getByLabel("Status").selectOption("");
    await page.getByLabel("User").selectOption("maria");
    await page.getByLabel("Data source").selectOption({ label: `History ${tag} 0` });
    await page.getByLabel("Sort").selectOption("largest");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/sort=largest/);
    expect(await names()).toEqual([70, 60, 50, 40, 30, 20, 10].map((n) => `${tag}-0${n}.csv`));

    await page.getByLabel("File name", { exact: true }).fill("no-such-file");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => page.getByText("No submissions match these filters.").count()).toBe(1);

    await page.getByRole("link", { name: "Clear" }).click();
    await page.getByLabel("File name", { exact: true }).fill(`${tag}-070`);
    await page.getByRole("button", { name: "Apply" }).click();
    await page.getByRole("link", { name: `${tag}-070.csv` }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`${tag}-070.csv`);
  });
});

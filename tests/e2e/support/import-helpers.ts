// Shared steps of the import journeys: create the data source once, drop files, wait for the worker's
// check to finish, and read back what the server finally delivered to the sandbox bucket.
import { gunzipSync } from "node:zlib";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import pg from "pg";
import type { Page } from "playwright-core";
import { expect, inject } from "vitest";

export const DATA_SOURCE = { name: "Import Journeys", dpid: "777", folder: "journeys" };

export async function ensureDataSource(page: Page): Promise<void> {
  await page.goto(`${inject("appUrl")}/data-sources`);
  if ((await page.getByRole("cell", { name: DATA_SOURCE.name }).count()) > 0) return;
  await page.getByLabel("Name").fill(DATA_SOURCE.name);
  await page.getByLabel("Data source ID (DPID)").fill(DATA_SOURCE.dpid);
  await page.getByLabel("Partner folder").fill(DATA_SOURCE.folder);
  await page.getByRole("button", { name: "Add data source" }).click();
  // Runs in beforeAll, where expect.poll is not available: wait on the locator instead.
  await page.getByRole("cell", { name: DATA_SOURCE.name }).waitFor();
}

export async function openImportPage(page: Page): Promise<void> {
  await page.goto(`${inject("appUrl")}/submissions/new`);
  await page.getByLabel("Data source").selectOption({ label: `${DATA_SOURCE.name} (DPID ${DATA_SOURCE.dpid})` });
}

export async function dropFiles(page: Page, files: { name: string; buffer: Buffer; mimeType?: string }[]): Promise<void> {
  await page.getByTestId("file-input").setInputFiles(files.map((f) => ({ name: f.name, mimeType: f.mimeType ?? "application/octet-stream", buffer: f.buffer })));
}

/** Waits until the worker has checked every row with the current mapping and fixes. */
export async function checked(page: Page): Promise<string> {
  await expect.poll(async () => (await page.getByTestId("summary").textContent()) ?? "", { timeout: 20_000 }).not.toContain("checking");
  return (await page.getByTestId("summary").textContent()) ?? "";
}

/** Waits for the finished check to show exactly this summary (a stale one from the last pass never matches). */
export async function summaryIs(page: Page, text: string): Promise<void> {
  await expect.poll(async () => (await page.getByTestId("summary").textContent()) ?? "", { timeout: 20_000 }).toBe(text);
}

export async function aamLines(page: Page): Promise<string[]> {
  return page.getByTestId("aam-line").allTextContents();
}

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * The AAM lines the server wrote for the newest submission of `originalName`, after it replayed the
 * patches over the stored original: what AAM would receive.
 */
export async function deliveredLines(originalName: string): Promise<string[]> {
  let sub: { id: string; status: string; failureReason: string | null; patches: unknown; clientCounts: unknown } | undefined;
  await expect
    .poll(
      async () => {
        [sub] = await query<NonNullable<typeof sub>>(
          `SELECT id, status, "failureReason", patches, "clientCounts" FROM "Submission" WHERE "originalName" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
          [originalName],
        );
        return sub && ["delivered", "processed", "failed"].includes(sub.status) ? sub.status : "pending";
      },
      { timeout: 60_000, interval: 500 },
    )
    .not.toBe("pending");
  expect(sub!.failureReason).toBeNull();
  const files = await query<{ objectKey: string }>(`SELECT "objectKey" FROM "SubmissionFile" WHERE "submissionId" = $1 ORDER BY part`, [sub!.id]);
  const s3 = new S3Client({ region: "us-east-1", endpoint: inject("s3Endpoint"), forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  const lines: string[] = [];
  for (const f of files) {
    const object = await s3.send(new GetObjectCommand({ Bucket: "e2e-sandbox", Key: f.objectKey }));
    const text = gunzipSync(Buffer.from(await object.Body!.transformToByteArray())).toString("utf8");
    lines.push(...text.split("\n").filter((l) => l !== ""));
  }
  return lines;
}

/** The patch list and browser counts stored with the newest submission of `originalName`. */
export async function storedSubmission(originalName: string): Promise<{ patches: unknown; clientCounts: unknown; mapping: unknown }> {
  const [row] = await query<{ patches: unknown; clientCounts: unknown; mapping: unknown }>(
    `SELECT patches, "clientCounts", mapping FROM "Submission" WHERE "originalName" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
    [originalName],
  );
  return row!;
}

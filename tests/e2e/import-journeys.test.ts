// Import journeys in Chromium against the built app: each drops a real file, checks what the page shows
// (how it was read, the grid, the counts, the fixes) and then the AAM lines the server delivered after
// replaying the fixes over the stored original.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { buildXlsx } from "../support/xlsx-fixture";
import { aamLines, checked, deliveredLines, dropFiles, ensureDataSource, openImportPage, storedSubmission, summaryIs } from "./support/import-helpers";
import { signedInPage } from "./support/session";
import { pageHealth } from "./support/page-health";

const chromiumPath = inject("chromiumPath");
const sha = (s: string) => createHash("sha256").update(s).digest("hex");

function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
}

describe.skipIf(!chromiumPath)("import journeys", () => {
  const health = pageHealth();
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await health.launch();
    const setup = await signedInPage(browser);
    await ensureDataSource(setup);
    await setup.close();
  });
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    page = await signedInPage(browser, { acceptDownloads: true });
    page.setDefaultTimeout(20_000);
    await openImportPage(page);
  });

  async function submit(name: string): Promise<string[]> {
    await page.getByLabel(/Local sandbox/).check();
    await page.getByRole("button", { name: /^Submit \d+ records?$/ }).click();
    return deliveredLines(name);
  }

  it("a Windows-1252 semicolon file with umlauts: evidence shown, umlauts intact, UTF-8 out", async () => {
    const file = Buffer.from("Kundennummer;Stadt;Status\r\n0001;München;Gold\r\n0002;Köln;Silber\r\n0003;Düsseldorf;Gold\r\n", "latin1");
    await dropFiles(page, [{ name: "kunden-cp1252.csv", buffer: file, mimeType: "text/csv" }]);
    await expect.poll(() => page.getByTestId("encoding-evidence").textContent()).toMatch(/Windows-1252.*0xFC.*UTF-8 never does/);
    expect(await page.getByTestId("delimiter-evidence").textContent()).toMatch(/^semicolon-delimited: semicolon splits all 4 lines into 3 fields/);
    await expect.poll(() => page.getByRole("grid").getByText("Düsseldorf", { exact: true }).count()).toBe(1);
    expect(await checked(page)).toContain("3 AAM records from 3 rows · 0 errors");
    await expect.poll(() => aamLines(page)).toEqual(['0001 ⇥ "stadt"="München","status"="Gold"', '0002 ⇥ "stadt"="Köln","status"="Silber"', '0003 ⇥ "stadt"="Düsseldorf","status"="Gold"']);
    expect(await submit("kunden-cp1252.csv")).toEqual(['0001\t"stadt"="München","status"="Gold"', '0002\t"stadt"="Köln","status"="Silber"', '0003\t"stadt"="Düsseldorf","status"="Gold"']);
    expect((await storedSubmission("kunden-cp1252.csv")).mapping).toMatchObject({ encoding: "windows-1252", delimiter: ";" });
  });

  it("a UTF-16 LE tab-separated export", async () => {
    await dropFiles(page, [{ name: "export-utf16.tsv", buffer: utf16le("customer_id\ttier\tcity\r\nA-1\tgold\tZürich\r\nA-2\tsilver\tŁódź\r\n") }]);
    await expect.poll(() => page.getByTestId("encoding-evidence").textContent()).toContain("UTF-16 LE with byte-order mark (certain): UTF-16 LE byte-order mark");
    expect(await page.getByTestId("delimiter-evidence").textContent()).toMatch(/^tab-delimited/);
    await checked(page);
    await expect.poll(() => aamLines(page)).toEqual(['A-1 ⇥ "tier"="gold","city"="Zürich"', 'A-2 ⇥ "tier"="silver","city"="Łódź"']);
    expect(await submit("export-utf16.tsv")).toEqual(['A-1\t"tier"="gold","city"="Zürich"', 'A-2\t"tier"="silver","city"="Łódź"']);
  });

  it("an XLSX workbook: sheet picker, leading zeros kept, date cells as ISO dates", async () => {
    const book = buildXlsx([
      { name: "Notes", rows: [["Exported from CRM on 2024-10-16"]] },
      { name: "Customers", rows: [["customer_id", "tier", "signup"], ["00042", "gold", { date: 45581 }], ["00043", "silver", { date: 45292 }]] },
    ]);
    await dropFiles(page, [{ name: "customers.xlsx", buffer: Buffer.from(book) }]);
    await expect.poll(() => page.getByTestId("file-facts").textContent()).toContain("Excel workbook");
    await page.getByLabel("Sheet").selectOption({ label: "Customers" });
    await expect.poll(() => page.getByRole("grid").getByText("00042", { exact: true }).count()).toBe(1);
    await checked(page);
    await expect.poll(() => aamLines(page)).toEqual(['00042 ⇥ "tier"="gold","signup"="2024-10-16"', '00043 ⇥ "tier"="silver","signup"="2024-01-01"']);
    expect(await submit("customers.xlsx")).toEqual(['00042\t"tier"="gold","signup"="2024-10-16"', '00043\t"tier"="silver","signup"="2024-01-01"']);
    expect((await storedSubmission("customers.xlsx")).mapping).toMatchObject({ sheet: 1 });
  });

  it("a gzipped CSV (.csv.gz)", async () => {
    const csv = "customer_id,segments\n" + Array.from({ length: 250 }, (_, i) => `C${String(i).padStart(4, "0")},${100 + (i % 3)}|200`).join("\n") + "\n";
    await dropFiles(page, [{ name: "export.csv.gz", buffer: gzipSync(csv) }]);
    await expect.poll(() => page.getByTestId("file-facts").textContent()).toMatch(/gzip.*250 rows/);
    expect(await checked(page)).toContain("250 AAM records from 250 rows · 0 errors");
    await expect.poll(async () => (await aamLines(page)).slice(0, 2)).toEqual(["C0000 ⇥ d_sid=100,d_sid=200", "C0001 ⇥ d_sid=101,d_sid=200"]);
    const lines = await submit("export.csv.gz");
    expect(lines.length).toBe(250);
    expect(lines[249]).toBe("C0249\td_sid=100,d_sid=200");
  });

  it("e-mail addresses as IDs are refused, then fixed by hashing the normalised address", async () => {
    await dropFiles(page, [{ name: "emails.csv", buffer: Buffer.from("email,tier\r\n Jane.Doe@Example.com,gold\r\nbob@example.com,silver\r\ncarl@example.com,gold\r\n") }]);
    await expect.poll(() => page.getByTestId("hash-example").textContent()).toBe(`" Jane.Doe@Example.com" → "jane.doe@example.com" → ${sha("jane.doe@example.com")}`);
    await page.getByLabel("Use column email as").selectOption("id");
    // The leading space also draws an ID_FORBIDDEN_CHAR warning; e-mail IDs are errors, never sent.
    await summaryIs(page, "0 AAM records from 3 rows · 3 errors · 1 warnings");
    const group = page.locator('[data-testid=issue-group][data-code="ID_PII"]');
    await group.getByRole("button", { name: "Hash the e-mail addresses (SHA-256)" }).click();
    await expect.poll(() => page.getByTestId("fix-preview-row").count()).toBe(3);
    await health.axe(page, "fix preview open");
    expect(await page.getByTestId("fix-preview-row").first().textContent()).toBe(`2 Jane.Doe@Example.com${sha("jane.doe@example.com")}none`);
    await page.getByTestId("fix-preview").getByRole("button", { name: "Apply" }).click();
    await summaryIs(page, "3 AAM records from 3 rows · 0 errors · 0 warnings");
    const hashed = ["jane.doe@example.com", "bob@example.com", "carl@example.com"].map(sha);
    await expect.poll(() => aamLines(page)).toEqual([`${hashed[0]} ⇥ "tier"="gold"`, `${hashed[1]} ⇥ "tier"="silver"`, `${hashed[2]} ⇥ "tier"="gold"`]);
    expect(await submit("emails.csv")).toEqual([`${hashed[0]}\t"tier"="gold"`, `${hashed[1]}\t"tier"="silver"`, `${hashed[2]}\t"tier"="gold"`]);
    expect((await storedSubmission("emails.csv")).patches).toEqual([
      { op: "recipe", recipe: "normaliseEmail", column: 1 },
      { op: "recipe", recipe: "sha256", column: 1 },
    ]);
  });

  it("three kinds of errors fixed by recipes, one fix undone, issues downloaded formula-safe", async () => {
    const csv = [
      "customer_id,tier,trait_ids",
      'C1,"gold, plus",101',
      "C2,silver, 102 ",
      ",bronze,103",
      'C4,"=HYPERLINK(""x"")",104',
      "C5,gold,105",
      ",gold,106",
    ].join("\r\n");
    await dropFiles(page, [{ name: "three-errors.csv", buffer: Buffer.from(csv) }]);
    // Every line mixes a key-value pair with a trait ID: one SIGNAL_MIXED_STYLES warning each.
    await summaryIs(page, "1 AAM records from 6 rows · 5 errors · 6 warnings");
    const count = (code: string) => page.locator(`[data-testid=issue-group][data-code="${code}"]`).first().getByTestId("issue-count").textContent();
    expect([await count("VALUE_UNREPRESENTABLE"), await count("SIGNAL_INVALID_TRAIT_ID"), await count("ID_EMPTY")]).toEqual(["2 rows", "1 row", "2 rows"]);
    expect(await page.getByTestId("issue-cell").count()).toBeGreaterThanOrEqual(5);
    // The import page at its busiest: a loaded file, the grid, and every issue group with its fixes.
    await health.axe(page, "file loaded, issues shown");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download issues (CSV)" }).click()]);
    const chunks: Buffer[] = [];
    for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
    const issuesCsv = Buffer.concat(chunks).toString("utf8");
    expect(issuesCsv.startsWith("\uFEFFline,column,column_name,severity,code,message,value\r\n")).toBe(true);
    expect(issuesCsv).toContain(`5,2,tier,error,VALUE_UNREPRESENTABLE,`);
    expect(issuesCsv).toContain(`"'=HYPERLINK(""x"")"`);

    const fix = async (code: string, label: string | RegExp, after: string) => {
      await page.locator(`[data-testid=issue-group][data-code="${code}"]`).getByRole("button", { name: label }).click();
      await expect.poll(() => page.getByTestId("fix-preview-row").count()).toBeGreaterThan(0);
      await page.getByTestId("fix-preview").getByRole("button", { name: "Apply" }).click();
      await summaryIs(page, after);
    };
    await fix("VALUE_UNREPRESENTABLE", "Remove the characters AAM cannot carry", "3 AAM records from 6 rows · 3 errors · 6 warnings");
    // The wrong fix first: dropping the row loses C2's data; undo it and trim instead.
    await fix("SIGNAL_INVALID_TRAIT_ID", /Drop the 1 row with SIGNAL_INVALID_TRAIT_ID/, "3 AAM records from 6 rows · 2 errors · 5 warnings · 1 row left out");
    await page.getByRole("button", { name: /^Undo: Drop the 1 row/ }).click();
    await summaryIs(page, "3 AAM records from 6 rows · 3 errors · 6 warnings");
    await fix("SIGNAL_INVALID_TRAIT_ID", "Trim spaces", "4 AAM records from 6 rows · 2 errors · 6 warnings");
    await fix("ID_EMPTY", /Drop the 2 rows with ID_EMPTY/, "4 AAM records from 6 rows · 0 errors · 4 warnings · 2 rows left out");
    expect(await submit("three-errors.csv")).toEqual([
      'C1\t"tier"="gold plus",d_sid=101',
      'C2\t"tier"="silver",d_sid=102',
      'C4\t"tier"="=HYPERLINK(x)",d_sid=104',
      'C5\t"tier"="gold",d_sid=105',
    ]);
    const stored = await storedSubmission("three-errors.csv");
    expect(stored.patches).toEqual([
      { op: "recipe", recipe: "stripUnrepresentable", column: 2 },
      { op: "recipe", recipe: "trim", column: 3 },
      { op: "dropRowsWithIssue", code: "ID_EMPTY" },
    ]);
    expect(stored.clientCounts).toMatchObject({ rows: 6, dropped: 2, records: 4, errors: 0 });
  });

  it("a template saved for one file is reused on a second file with a renamed column", async () => {
    await dropFiles(page, [{ name: "crm-june.csv", buffer: Buffer.from("customer_id,loyalty_tier,segment_ids\r\nU1,gold,11\r\nU2,silver,12\r\n") }]);
    await checked(page);
    await page.getByLabel("Trait key for column loyalty_tier").fill("tier");
    await page.getByLabel("Template name").fill("Monthly CRM");
    await page.getByRole("button", { name: "Save mapping as template" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: 'Saved as template "Monthly CRM"' }).count()).toBe(1);

    await dropFiles(page, [{ name: "crm-july.csv", buffer: Buffer.from("customer_id,tier,segment_ids,store\r\nU3,bronze,13,Berlin\r\nU4,gold,14,Wien\r\n") }]);
    await expect.poll(() => page.getByRole("tab", { name: /crm-july\.csv/ }).getAttribute("aria-selected")).toBe("true");
    const drift = page.getByTestId("template-drift");
    await expect.poll(() => drift.textContent()).toContain('The header changed since template "Monthly CRM" was saved.');
    expect(await drift.textContent()).toContain("Renamed: loyalty_tier → tier");
    expect(await drift.textContent()).toContain("New columns (ignored until you map them): store");
    await drift.getByRole("button", { name: /Remap with template/ }).click();
    await expect.poll(() => page.getByLabel("Use column store as").inputValue()).toBe("ignore");
    await expect.poll(() => aamLines(page)).toEqual(['U3 ⇥ "tier"="bronze",d_sid=13', 'U4 ⇥ "tier"="gold",d_sid=14']);
    await checked(page);

    // One submission per file: July first (June stays open), then June.
    await page.getByLabel(/Local sandbox/).check();
    await page.getByRole("button", { name: /^Submit 2 records$/ }).click();
    await expect.poll(() => page.getByRole("tab", { name: /crm-june\.csv/ }).getAttribute("aria-selected")).toBe("true");
    expect(await page.getByRole("tab", { name: /crm-july\.csv/ }).textContent()).toContain("submitted");
    expect(await deliveredLines("crm-july.csv")).toEqual(['U3\t"tier"="bronze",d_sid=13', 'U4\t"tier"="gold",d_sid=14']);
    // AAM names carry a timestamp in seconds: two submissions of one data source within the same second
    // get the same name and the second is refused at delivery (reported to the lead; not this issue's code).
    await page.waitForTimeout(1100);
    expect(await submit("crm-june.csv")).toEqual(['U1\t"tier"="gold",d_sid=11', 'U2\t"tier"="silver",d_sid=12']);
  });

  it("two exports with the same header are combined into one submission", async () => {
    await dropFiles(page, [
      { name: "north.csv", buffer: Buffer.from("customer_id,tier\r\nN1,gold\r\nN2,silver\r\n") },
      { name: "south.csv", buffer: Buffer.from("\uFEFFcustomer_id,tier\r\nS1,bronze\r\nS2,gold") },
    ]);
    await page.getByRole("button", { name: "Combine north.csv + south.csv into one submission" }).click();
    await expect.poll(() => page.getByTestId("file-facts").textContent()).toContain("north-and-1-more-combined.csv");
    expect(await page.getByRole("tab").count()).toBe(0);
    await summaryIs(page, "4 AAM records from 4 rows · 0 errors · 0 warnings");
    await expect.poll(() => aamLines(page)).toEqual(['N1 ⇥ "tier"="gold"', 'N2 ⇥ "tier"="silver"', 'S1 ⇥ "tier"="bronze"', 'S2 ⇥ "tier"="gold"']);
    expect(await submit("north-and-1-more-combined.csv")).toEqual(['N1\t"tier"="gold"', 'N2\t"tier"="silver"', 'S1\t"tier"="bronze"', 'S2\t"tier"="gold"']);
  });

  it("keyboard only: edit a cell, leave a row out, undo, all from the grid", async () => {
    await dropFiles(page, [{ name: "keyboard.csv", buffer: Buffer.from("customer_id,tier\r\nK1,gold\r\nK2,silvr\r\nK3,gold\r\nK4,gold\r\n") }]);
    await summaryIs(page, "4 AAM records from 4 rows · 0 errors · 0 warnings");
    const grid = page.getByRole("grid");
    await expect.poll(() => grid.getAttribute("aria-rowcount")).toBe("5");
    await grid.getByRole("gridcell", { name: "silvr", exact: true }).focus();
    await page.keyboard.press("Enter");
    const input = page.getByLabel("Edit tier on line 3");
    await input.fill("silver");
    await page.keyboard.press("Enter");
    await expect.poll(() => aamLines(page)).toContain('K2 ⇥ "tier"="silver"');
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Delete");
    await summaryIs(page, "3 AAM records from 4 rows · 0 errors · 0 warnings · 1 row left out");
    await page.keyboard.press("Control+z");
    await summaryIs(page, "4 AAM records from 4 rows · 0 errors · 0 warnings");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Delete");
    await summaryIs(page, "3 AAM records from 4 rows · 0 errors · 0 warnings · 1 row left out");
    expect(await page.getByRole("status").filter({ hasText: "Check finished" }).textContent()).toBe("Check finished: 3 AAM records from 4 rows · 0 errors · 0 warnings · 1 row left out.");
    expect(await submit("keyboard.csv")).toEqual(['K1\t"tier"="gold"', 'K2\t"tier"="silver"', 'K3\t"tier"="gold"']);
    expect((await storedSubmission("keyboard.csv")).patches).toEqual([{ op: "set", line: 3, column: 2, value: "silver" }, { op: "dropRow", line: 5 }]);
  });
});

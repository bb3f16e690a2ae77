// A file dragged from the desktop onto the drop zone, the way Chromium delivers a real drag: through the
// browser's input pipeline (CDP Input.dispatchDragEvent with a file path), not setInputFiles on the
// hidden input and not synthetic DOM events. The drop zone shows its drag-over state while the file
// hovers, and the dropped file is read, checked and previewed.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { aamLines, checked, ensureDataSource, openImportPage } from "./support/import-helpers";
import { pageHealth } from "./support/page-health";
import { signedInPage } from "./support/session";

const chromiumPath = inject("chromiumPath");

describe.skipIf(!chromiumPath)("dragging a file onto the drop zone", () => {
  const health = pageHealth();
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await health.launch();
    dir = await mkdtemp(path.join(tmpdir(), "aam-e2e-drag-"));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("shows the drag-over state, then reads and previews the dropped file", async () => {
    const file = path.join(dir, "dragged.csv");
    await writeFile(file, "customer_id,tier\r\nD1,gold\r\nD2,silver\r\n");
    const page = await signedInPage(browser);
    page.setDefaultTimeout(20_000);
    await ensureDataSource(page);
    await openImportPage(page);

    const zone = page.getByTestId("drop-zone");
    const box = (await zone.boundingBox())!;
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    // Chromium takes dragged files as paths on the browser's machine (DragData.files, a CDP field since
    // Chromium 93), the same as a drag from the file manager: the page gets a DataTransfer whose
    // `files` are real File objects read from disk. dragOperationsMask 1 = copy.
    const data = { items: [], files: [file], dragOperationsMask: 1 };
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.dispatchDragEvent", { type: "dragEnter", ...at, data });
    await cdp.send("Input.dispatchDragEvent", { type: "dragOver", ...at, data });
    await expect.poll(() => zone.getAttribute("data-drag-over")).toBe("true");
    await health.axe(page, "file dragged over the drop zone");

    await cdp.send("Input.dispatchDragEvent", { type: "drop", ...at, data });
    await expect.poll(() => zone.getAttribute("data-drag-over")).toBeNull();
    await expect.poll(() => page.getByTestId("file-facts").textContent()).toContain("dragged.csv");
    expect(await checked(page)).toContain("2 AAM records from 2 rows · 0 errors");
    await expect.poll(() => aamLines(page)).toEqual(['D1 ⇥ "tier"="gold"', 'D2 ⇥ "tier"="silver"']);
    await cdp.detach();
  });
});

// The page-health watcher itself, against a page that does everything it must catch: a page served at the
// app's origin (through a route, so the app need not carry a broken page) that logs a hydration warning,
// throws React's production hydration error, fetches a missing resource and has an image without alt text.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { pageHealth } from "./support/page-health";
import { signedInPage } from "./support/session";

const chromiumPath = inject("chromiumPath");

const BROKEN = `<!doctype html><html lang="en"><head><title>probe</title></head><body><main>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">
<script>
console.error("Warning: Text content did not match. Server: \\"1\\" Client: \\"2\\"");
setTimeout(() => { throw new Error("Minified React error #418; visit https://react.dev/errors/418"); });
fetch("/api/no-such-thing-for-page-health");
</script></main></body></html>`;

describe.skipIf(!chromiumPath)("page health", () => {
  const health = pageHealth();
  let browser: Browser;
  beforeAll(async () => {
    browser = await health.launch();
  });
  afterAll(async () => browser?.close());

  it("reports hydration warnings, page errors, own 404s and axe violations with the page URL", async () => {
    const page = await signedInPage(browser);
    const url = `${inject("appUrl")}/__page-health-probe`;
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html", body: BROKEN }));
    await page.goto(url);
    await expect.poll(() => health.problems().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    await health.axe(page);
    const found = health.problems().join("\n");
    expect(found).toContain(`${url} — hydration: Warning: Text content did not match`);
    expect(found).toMatch(/hydration pageerror: .*React error #418/);
    expect(found).toMatch(/HTTP 404 GET \S+\/api\/no-such-thing-for-page-health/);
    expect(found).toMatch(/axe critical image-alt: .*img/);
    // Everything above was provoked on purpose.
    health.allow(/__page-health-probe/);
    expect(health.problems()).toEqual([]);
    await page.context().close();
  });
});

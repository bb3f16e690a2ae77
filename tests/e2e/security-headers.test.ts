// Security headers (next.config.js) on every kind of response the built app sends, and the proof that the
// CSP does not break the import page: its Web Worker, its object-URL download and its server actions run
// in Chromium without a single CSP violation.
import { readFile } from "node:fs/promises";
import { type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checked, dropFiles, ensureDataSource, openImportPage } from "./support/import-helpers";
import { signedInPage } from "./support/session";
import { pageHealth } from "./support/page-health";

const chromiumPath = inject("chromiumPath");

const EXPECTED: Record<string, string | RegExp> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": /^(same-origin|strict-origin-when-cross-origin)$/,
  "x-frame-options": "DENY",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
  "cross-origin-opener-policy": "same-origin",
};

/** The CSP as a directive -> sources map, so the test does not depend on the order of directives. */
function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), sources);
  }
  return map;
}

function expectSecurityHeaders(res: Response, what: string) {
  for (const [name, value] of Object.entries(EXPECTED)) {
    const actual = res.headers.get(name);
    if (typeof value === "string") expect(actual, `${name} on ${what}`).toBe(value);
    else expect(actual, `${name} on ${what}`).toMatch(value);
  }
  const csp = directives(res.headers.get("content-security-policy") ?? "");
  expect(Object.fromEntries(csp), `CSP on ${what}`).toEqual({
    // The built app runs with NODE_ENV=production: no 'unsafe-eval'.
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  });
}

/** Fetches `path` hop by hop, asserting the headers on every response (a redirect to sign-in too). */
async function fetchChecked(path: string): Promise<Response> {
  let url = new URL(path, inject("appUrl"));
  for (let hop = 0; hop < 5; hop++) {
    const res = await fetch(url, { redirect: "manual" });
    expectSecurityHeaders(res, `${url.pathname} (${res.status})`);
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location) return res;
    const next = new URL(location, url);
    // The ID-sync redirect leaves the app; only the app's own hops are ours to check.
    if (next.origin !== url.origin) return res;
    url = next;
  }
  throw new Error(`too many redirects from ${path}`);
}

describe("security headers", () => {
  it.each(["/", "/sign-in", "/submissions/new", "/api/health"])("are sent on %s", async (path) => {
    const res = await fetchChecked(path);
    expect(res.status).toBeLessThan(500);
  });

  it("are sent on static assets", async () => {
    // Whatever page "/" ends at (the dashboard, or sign-in) references its script chunks under /_next/static.
    const html = await (await fetch(new URL("/", inject("appUrl")))).text();
    const asset = /\/_next\/static\/[^"'\s<>]+\.js/.exec(html)?.[0];
    expect(asset, "a /_next/static script in the page").toBeTruthy();
    const res = await fetchChecked(asset!);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
  });

  it("are sent on the ID-sync pixel, which still works", async () => {
    const res = await fetchChecked("/ibs:dpid=4190&dpuuid=headers-check");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/gif");
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 6).toString("latin1")).toBe("GIF89a");
    // DPID 4190 has no data source, so no redirect host: the redirect is refused with the same pixel (issue 16).
    const refused = await fetchChecked(`/ibs:dpid=4190&dpuuid=headers-check&redir=${encodeURIComponent("https://partner.test/s?u=${DD_UUID}")}`);
    expect([refused.status, refused.headers.get("content-type"), refused.headers.get("location")]).toEqual([200, "image/gif", null]);
  });
});

describe.skipIf(!chromiumPath)("the CSP in the browser", () => {
  const health = pageHealth();
  let browser: Browser;
  beforeAll(async () => {
    browser = await health.launch();
  });
  afterAll(async () => browser?.close());

  async function watched(signedIn = true): Promise<{ page: Page; problems: string[] }> {
    const page = signedIn ? await signedInPage(browser, { acceptDownloads: true }) : await (await browser.newContext()).newPage();
    page.setDefaultTimeout(20_000);
    const problems: string[] = [];
    // Chromium logs every CSP violation to the console ("Refused to ... because it violates the following
    // Content Security Policy directive"); Playwright reports page and worker messages here.
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    // The same violations as DOM events: these also catch a violation whose error the page swallows (e.g. a
    // library probing for eval), which Chromium does not log.
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        console.error(`Refused to load ${e.blockedURI} from ${e.sourceFile}:${e.lineNumber} (Content Security Policy ${e.violatedDirective})`);
      });
    });
    return { page, problems };
  }

  it("renders the sign-in page without violations", async () => {
    const { page, problems } = await watched(false);
    await page.goto(`${inject("appUrl")}/sign-in`);
    await page.waitForLoadState("networkidle");
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("lets the import page's worker check a dropped CSV and build the issue download, without violations", async () => {
    const { page, problems } = await watched();
    await ensureDataSource(page);
    await openImportPage(page);
    await dropFiles(page, [{ name: "csp-check.csv", mimeType: "text/csv", buffer: Buffer.from("customer_id,tier\nC1,gold\nC2,silver\n,bronze\n") }]);
    // The worker decoded, parsed, mapped and checked the file: it ran under the CSP.
    expect(await checked(page)).toMatch(/2 AAM records from 3 rows/);
    await expect.poll(() => page.getByTestId("aam-line").allTextContents()).toEqual(['C1 ⇥ "tier"="gold"', 'C2 ⇥ "tier"="silver"']);

    // The issue report is built in the worker and downloaded through a blob: URL.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download issues (CSV)" }).click()]);
    expect(download.suggestedFilename()).toBe("csp-check-issues.csv");
    expect((await readFile(await download.path())).toString("utf8")).toMatch(/\n.*\S/);

    expect(problems).toEqual([]);
    await page.context().close();
  });
});

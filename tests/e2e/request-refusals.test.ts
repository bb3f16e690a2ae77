// Requests the built app must refuse cleanly, before any page or server action runs (proxy.ts): a NUL in
// the address (the history search answered 500), and a state-changing request from another origin,
// including one that names that origin in X-Forwarded-Host (trusted only under TRUST_PROXY, which the
// e2e app runs without). Plain fetches against the real `next start` server.
import { describe, expect, inject, it } from "vitest";
import { sessionToken } from "./support/session";

const appUrl = inject("appUrl");
const host = new URL(appUrl).host;

async function cookie(): Promise<string> {
  return `aam_session=${await sessionToken()}`;
}

/** A server action POST as a browser sends it; the action ID need not exist for the origin check. */
function postAction(path: string, headers: Record<string, string>, session: string) {
  return fetch(new URL(path, appUrl), {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", cookie: session, ...headers },
    body: "[]",
  });
}

describe("requests refused before the app runs", () => {
  it("a NUL in the history search answers 400 with a message, signed in or not", async () => {
    const session = await cookie();
    for (const q of ["%00", "abc%00def", "x%00%27"]) {
      for (const headers of [{ cookie: session }, {} as Record<string, string>]) {
        const res = await fetch(new URL(`/submissions?q=${q}`, appUrl), { redirect: "manual", headers });
        expect(res.status, `q=${q}`).toBe(400);
        expect(await res.text()).toMatch(/NUL character/);
      }
    }
    // The same search without the NUL still renders the page.
    const ok = await fetch(new URL("/submissions?q=abcdef", appUrl), { headers: { cookie: session } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Submission history");
  });

  it("a server action from another origin answers 403, also when X-Forwarded-Host names that origin", async () => {
    const session = await cookie();
    const cases: Array<[string, Record<string, string>]> = [
      ["foreign Origin", { origin: "https://evil.example" }],
      ["foreign Origin and a matching X-Forwarded-Host", { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }],
      ["Sec-Fetch-Site cross-site", { origin: appUrl, "sec-fetch-site": "cross-site" }],
      ["an Origin that is not a URL", { origin: "null" }],
    ];
    for (const path of ["/submissions", "/environments", "/sign-in"]) {
      for (const [what, headers] of cases) {
        const res = await postAction(path, headers, session);
        expect(res.status, `${what} on ${path}`).toBe(403);
        expect(await res.text(), `${what} on ${path}`).toMatch(/^Cross-site requests are refused: /);
      }
    }
  });

  it("a same-origin server action is not refused by the origin check", async () => {
    const res = await postAction("/submissions", { origin: appUrl, host, "sec-fetch-site": "same-origin" }, await cookie());
    expect(res.status).not.toBe(403);
    expect(res.status).not.toBe(500);
  });

  it("route handlers apply the same rule to mutations", async () => {
    const res = await fetch(new URL("/api/uploads", appUrl), {
      method: "POST",
      headers: { origin: "https://evil.example", "x-forwarded-host": "evil.example", cookie: await cookie(), "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(403);
    expect((await res.json()).message).toMatch(/Cross-site requests are refused: it came from https:\/\/evil\.example/);
  });
});

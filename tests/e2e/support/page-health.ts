// Every page a journey opens is watched: console errors, React hydration warnings, uncaught page errors,
// failed requests and HTTP >= 400 answers for the app's own resources, and axe-core's serious or critical
// accessibility violations. Any of them fails the test that caused it, with the page URL and the event;
// a test that expects one (a 401 it provokes, say) allows it by pattern first.
//
//   const health = pageHealth();             // in the describe body: registers afterEach
//   browser = await health.launch();         // Chromium whose every context is watched
//   health.allow(/403 .*\/submissions\//);   // inside a test, for that test only
//   await health.axe(page, "issues shown");  // an extra accessibility check of a particular state
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from "playwright-core";
import { afterEach, inject } from "vitest";
import { CHROMIUM_ARGS } from "../../support/chromium";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
// Development builds say it in words; production builds log React's minified hydration errors
// (418: server and client rendered different content, 423/425: hydration failed or text differs).
const HYDRATION = /hydrat|did not match|server rendered html|text content does not match|react error #(418|423|425)\b|react\.dev\/errors\/(418|423|425)\b/i;

type AxeViolation = { id: string; impact: string | null; help: string; helpUrl: string; nodes: { target: unknown[] }[] };

export type PageHealth = {
  /** Chromium (Debian's, with the project's flags) whose every new context is watched. */
  launch(): Promise<Browser>;
  /** Watches a browser launched elsewhere. */
  watch(browser: Browser): Browser;
  /** Lets events matching `pattern` (tested against the whole reported line) pass, for the current test only. */
  allow(pattern: RegExp, why?: string): void;
  /** Runs axe on the page as it is now (every navigation is checked anyway). */
  axe(page: Page, state?: string): Promise<void>;
  /** The events recorded so far in this test that are not allowed. */
  problems(): string[];
};

function describeConsole(m: ConsoleMessage): string | null {
  const type = m.type();
  const text = m.text();
  const hydration = HYDRATION.test(text);
  if (type !== "error" && !(hydration && (type === "warning" || type === "log"))) return null;
  const where = m.location().url ? ` (${m.location().url})` : "";
  return `${hydration ? "hydration" : "console.error"}: ${text}${where}`;
}

export function pageHealth(): PageHealth {
  let events: { url: string; what: string }[] = [];
  let allowed: RegExp[] = [];
  let pending: Promise<void>[] = [];
  // Pages that navigated during this test: checked once more as the test left them.
  let touched = new Set<Page>();
  // One axe run at a time per page (axe refuses concurrent runs), and one report per page and rule.
  const running = new WeakMap<Page, Promise<void>>();
  const seen = new Set<string>();
  const appOrigin = () => new URL(inject("appUrl")).origin;

  const record = (url: string, what: string) => events.push({ url, what });

  async function runAxe(page: Page, state: string | undefined, navigation: boolean): Promise<void> {
    if (page.isClosed()) return;
    const url = page.url();
    if (!url.startsWith(appOrigin())) return;
    let violations: AxeViolation[];
    try {
      // Evaluated through CDP, so the app's CSP (no inline or eval'd script) does not block the injection.
      await page.evaluate(`window.axe || (0, eval)(${JSON.stringify(AXE_SOURCE)})`);
      violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
        const r = await axe.run(document, { resultTypes: ["violations"] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target })) }));
      });
    } catch (e) {
      // A run started on a navigation is cut short when the page navigates again or closes: the next
      // page gets its own run. An explicit check must not fail silently.
      if (navigation) return;
      throw e;
    }
    // A client-side navigation during the run mixes two pages' DOMs: that navigation queues its own run.
    if (navigation && page.url() !== url) return;
    for (const v of violations) {
      if (v.impact !== "serious" && v.impact !== "critical") continue;
      const targets = v.nodes.map((n) => n.target.join(" ")).join(", ");
      const key = `${new URL(url).pathname} ${v.id} ${targets}`;
      if (seen.has(key)) continue;
      seen.add(key);
      record(url, `axe ${v.impact} ${v.id}${state ? ` [${state}]` : ""}: ${v.help} — ${targets} (${v.helpUrl})`);
    }
  }

  function queueAxe(page: Page, state: string | undefined, navigation: boolean): Promise<void> {
    const before = running.get(page) ?? Promise.resolve();
    const run = before.then(() => runAxe(page, state, navigation));
    const settled = run.catch(() => undefined);
    running.set(page, settled);
    return run;
  }

  function watchPage(page: Page) {
    page.on("pageerror", (e) => record(page.url(), `${HYDRATION.test(e.message) ? "hydration " : ""}pageerror: ${e.stack ?? e.message}`));
    // Wait for the page to settle (hydration, first effects) before checking it; a client-side
    // navigation (Next's router) is a main-frame navigation without a load event.
    page.on("framenavigated", (frame) => {
      if (frame !== page.mainFrame()) return;
      touched.add(page);
      pending.push(
        frame
          .waitForLoadState("load")
          .then(() => new Promise((r) => setTimeout(r, 300)))
          .then(() => queueAxe(page, undefined, true))
          .catch(() => undefined),
      );
    });
  }

  function watchContext(context: BrowserContext) {
    context.on("page", watchPage);
    context.on("console", (m) => {
      const line = describeConsole(m);
      if (line) record(m.page()?.url() ?? m.location().url, line);
    });
    context.on("requestfailed", (req) => {
      const failure = req.failure()?.errorText ?? "failed";
      // Chromium aborts requests whose result nobody wants any more (a navigation away, a prefetch
      // cancelled by Next's router, a download handed to the download manager): not a failure of the app.
      if (failure === "net::ERR_ABORTED") return;
      record(req.frame().url(), `request failed: ${req.method()} ${req.url()} ${failure}`);
    });
    context.on("response", (res) => {
      if (res.status() < 400 || !res.url().startsWith(appOrigin())) return;
      const req = res.request();
      let pageUrl = res.url();
      try {
        // A page load answered with an error is reported as that page; anything else as the page that asked.
        if (!req.isNavigationRequest()) pageUrl = req.frame().url();
      } catch {
        // Service-worker requests have no frame.
      }
      record(pageUrl, `HTTP ${res.status()} ${req.method()} ${res.url()}`);
    });
  }

  function watch(browser: Browser): Browser {
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (options) => {
      const context = await newContext(options);
      watchContext(context);
      return context;
    };
    // browser.newPage() makes its context through this.newContext, so its pages are watched too.
    return browser;
  }

  function problems(): string[] {
    return events
      .map((e) => `${e.url} — ${e.what}`)
      .filter((line) => !allowed.some((p) => p.test(line)));
  }

  afterEach(async () => {
    // Wait for every navigation's check, then check what is still open as the test left it.
    await Promise.all(pending);
    await Promise.all([...touched].map((p) => queueAxe(p, "as the test left it", true).catch(() => undefined)));
    const found = problems();
    events = [];
    allowed = [];
    pending = [];
    touched = new Set();
    seen.clear();
    if (found.length) {
      throw new Error(`The browser reported ${found.length} problem(s) on the pages this test opened:\n  ${found.join("\n  ")}`);
    }
  });

  return {
    launch: async () => watch(await chromium.launch({ executablePath: inject("chromiumPath"), args: CHROMIUM_ARGS })),
    watch,
    allow: (pattern) => void allowed.push(pattern),
    axe: (page, state) => queueAxe(page, state, false),
    problems,
  };
}

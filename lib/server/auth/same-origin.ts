// Which origin the app answers as, and whether a mutation came from it (CSRF's second line, after the
// SameSite=Lax session cookie). Pure: the caller passes the headers and the settings, so the proxy
// (server actions, pages), route handlers and the unit tests share one rule.
//
// The expected origin is APP_URL when set. Without it, it is the address the client reached: the Host
// header (a browser on another site cannot change it, nor Origin). X-Forwarded-Host and -Proto name it
// only when TRUST_PROXY says a proxy of ours sets them; otherwise anyone could send
// `X-Forwarded-Host: evil.example` beside `Origin: https://evil.example` and pass.

export interface OriginSettings {
  /** APP_URL: the public origin, e.g. https://onboard.example.com. */
  appUrl?: string;
  /** TRUST_PROXY: how many proxies of ours are in front (0: forwarded headers are ignored). */
  trustProxy: number;
}

interface HeaderReader {
  get(name: string): string | null;
}

// A proxy appends to X-Forwarded-Host as it does to -For; ours is the right-most entry.
function lastEntry(value: string | null): string | null {
  const last = value?.split(",").pop()?.trim();
  return last ? last : null;
}

/** The public origin links should use (invitations), and mutations must come from. */
export function publicOrigin(h: HeaderReader, s: OriginSettings): string | null {
  if (s.appUrl) return new URL(s.appUrl).origin;
  const host = (s.trustProxy > 0 ? lastEntry(h.get("x-forwarded-host")) : null) ?? h.get("host");
  if (!host) return null;
  const proto = (s.trustProxy > 0 ? lastEntry(h.get("x-forwarded-proto")) : null) ?? "http";
  return `${proto === "https" ? "https" : "http"}://${host.toLowerCase()}`;
}

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

/**
 * A state-changing request is ours when the browser says same-origin (Sec-Fetch-Site), and its Origin,
 * when sent, equals the public origin. Without APP_URL the scheme is not compared: behind a TLS
 * terminator we do not trust, the app cannot know it, and the host alone already pins the site.
 */
export function checkSameOrigin(h: HeaderReader, s: OriginSettings): OriginVerdict {
  const site = h.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return { ok: false, reason: `the browser marked it ${site}` };
  const origin = h.get("origin");
  if (!origin) return { ok: true };
  let sent: URL;
  try {
    sent = new URL(origin);
  } catch {
    return { ok: false, reason: "its Origin header is not a URL" };
  }
  const expected = publicOrigin(h, s);
  if (!expected) return { ok: false, reason: "the request names no host" };
  const want = new URL(expected);
  const same = s.appUrl ? sent.origin === want.origin : sent.host === want.host;
  return same ? { ok: true } : { ok: false, reason: `it came from ${sent.origin}, not ${s.appUrl ? want.origin : want.host}` };
}

// Where /ibs may redirect (issue 16: it used to follow any `redir`, an open redirect). A data source lists
// host names; the rules here are shared by its settings form, the server action that saves them and the
// /ibs handler that checks a redirect against them. Pure apart from WHATWG URL, which browsers, workers and
// Node all have as a global (it is why this lives here and not in lib/aam, whose tsconfig has no URL).
//
// Decisions:
// - An entry is an exact host ("partner.example.com") or "*.example.com", which allows every subdomain at
//   any depth but not example.com itself (list both to allow both). "*" alone or "*.com" is refused.
// - Entries are DNS names, or an IPv4 address written in its dotted decimal form (the local sandbox runs on
//   127.0.0.1). WHATWG URL rewrites "0x7f.1" and friends into that form, so a redirect is compared in it
//   too; an entry in any other numeric spelling is refused rather than silently rewritten. No wildcard on
//   an address, and no IPv6 (a bracketed literal is not a host name here).
// - The port is ignored: the allow-list is about whose server the browser is sent to, and every port of
//   a host belongs to the same owner.
// - Both sides are compared in WHATWG URL's form: lowercase, Unicode names as punycode ("xn--"), trailing
//   dot dropped. A redirect is followed only as the URL it parsed to (its href), never as the raw text.
import { z } from "./zod";

export const MAX_REDIRECT_HOSTS = 20;
/** The DNS limit for a whole name. */
export const MAX_HOST_LENGTH = 253;

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
// Characters that would make URL parsing of an entry read a path, port, userinfo or IPv6 literal instead.
const NOT_IN_A_HOST = /[\s/\\?#@:%[\]<>^|"'`{}*]/u;

export type HostEntryResult = { ok: true; value: string } | { ok: false; message: string };

/** Lowercase ASCII ("xn--" for Unicode names), no trailing dot; an error message for anything else. */
export function normalizeRedirectHost(raw: string): HostEntryResult {
  const entry = raw.trim();
  const wildcard = entry.startsWith("*.");
  const base = (wildcard ? entry.slice(2) : entry).replace(/\.$/, "");
  const bad = (why: string): HostEntryResult => ({ ok: false, message: `"${entry.slice(0, 60)}" ${why}` });
  if (base === "" || NOT_IN_A_HOST.test(base)) return bad("is not a host name (write only the name, e.g. partner.example.com or *.example.com)");
  let ascii: string;
  try {
    ascii = new URL(`http://${base}/`).hostname;
  } catch {
    return bad("is not a host name");
  }
  const labels = ascii.split(".");
  if (ascii.length > MAX_HOST_LENGTH) return bad(`is longer than ${MAX_HOST_LENGTH} characters`);
  if (!labels.every((l) => LABEL.test(l))) return bad("is not a host name (letters, digits and hyphens between dots)");
  // A name whose last label is numeric is an IPv4 address to URL parsers, or no host at all.
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) {
    if (wildcard || ascii !== base.toLowerCase() || !IPV4.test(ascii)) return bad("is not a host name or a dotted IPv4 address (like 192.0.2.10)");
    return { ok: true, value: ascii };
  }
  if (wildcard && labels.length < 2) return bad("is too broad: a wildcard needs a domain with at least two labels (*.example.com)");
  return { ok: true, value: wildcard ? `*.${ascii}` : ascii };
}

/** The href to redirect to when `target` is an http(s) URL on an allowed host; null otherwise. */
export function allowedRedirect(target: string, hosts: readonly string[]): string | null {
  if (hosts.length === 0) return null;
  // Literal "http(s)://" first: URL parsers also accept "https:evil.com", "https:/evil.com" and "//evil.com".
  // No backslash, whitespace or control character anywhere: parsers and browsers disagree about them.
  if (!/^https?:\/\/[^/\\]/i.test(target) || /[\\\s\u0000-\u001f\u007f]/u.test(target)) return null;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  // "https://allowed.com@evil.com" goes to evil.com; a redirect with any userinfo is refused outright.
  if (url.username !== "" || url.password !== "") return null;
  const host = url.hostname.replace(/\.$/, "");
  if (host === "" || host.startsWith("[")) return null;
  for (const h of hosts) {
    const entry = h.toLowerCase().replace(/\.$/, "");
    if (entry.startsWith("*.")) {
      const suffix = entry.slice(1); // ".example.com"
      if (suffix.length > 1 && host.length > suffix.length && host.endsWith(suffix)) return url.href;
    } else if (entry !== "" && host === entry) return url.href;
  }
  return null;
}

/** The settings form: one host per line (commas and spaces also separate). */
export const redirectHostsSchema = z.object({
  id: z.uuid(),
  redirectHosts: z
    .string()
    .max(MAX_REDIRECT_HOSTS * (MAX_HOST_LENGTH + 2) + 200, "That is far more text than the allowed number of hosts")
    .default("")
    .transform((s, ctx) => {
      const out: string[] = [];
      for (const raw of s.split(/[\s,;]+/).filter(Boolean)) {
        const r = normalizeRedirectHost(raw);
        if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
        else if (!out.includes(r.value)) out.push(r.value);
      }
      if (out.length > MAX_REDIRECT_HOSTS) ctx.addIssue({ code: "custom", message: `At most ${MAX_REDIRECT_HOSTS} redirect hosts` });
      return out;
    }),
});

export type RedirectHostsInput = z.infer<typeof redirectHostsSchema>;

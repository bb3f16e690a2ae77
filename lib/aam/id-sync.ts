// The inbound ID-sync call (spec §5, [IDH][CID]): `/ibs:dpid=<DPID>&dpuuid=<ID>[&redir=<URL>]`, its older
// `d_dpid`/`d_dpuuid` spelling and the newer `/ibs:d_cid=<DPID>%01<ID>`. Path and parameters are joined by
// a colon, not "?", so the whole call is one path segment; this parses the raw request target itself
// rather than trusting a router to keep percent-encoded slashes and colons intact.

export interface IdSyncCall {
  dpid: string;
  dpuuid: string;
  redir?: string;
  gdpr?: string;
  gdprConsent?: string;
}

export const DD_UUID_MACRO = "${DD_UUID}";
// Raw, fully encoded, or half encoded by a URL parser that escapes only the braces.
const MACRO_PATTERN = /(?:\$|%24)(?:\{|%7B)DD_UUID(?:\}|%7D)/gi;

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, "%20"));
  } catch {
    return null;
  }
}

/** `target` is the request's path and query as sent (e.g. from `new URL(request.url)`: pathname + search). */
export function parseIdSyncTarget(target: string): { ok: true; value: IdSyncCall } | { ok: false; message: string } {
  const start = target.indexOf("/ibs:");
  if (start !== 0) return { ok: false, message: "An ID-sync call starts with /ibs:" };
  let rest = target.slice(5);
  // A redirect URL sent without encoding runs to the end (or to the GDPR parameters that may follow it).
  let rawRedir: string | undefined;
  const r = /(?:^|&)redir=(https?:\/\/.*)$/i.exec(rest);
  if (r) {
    const gdpr = /&gdpr(?:_consent)?=/.exec(r[1]!);
    rawRedir = gdpr ? r[1]!.slice(0, gdpr.index) : r[1]!;
    rest = rest.slice(0, r.index) + (gdpr ? r[1]!.slice(gdpr.index) : "");
  }
  const params = new Map<string, string>();
  for (const pair of rest.replace(/^\?/, "").split(/[&?]/)) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const raw = eq < 0 ? "" : pair.slice(eq + 1);
    if (params.has(name)) continue; // the first occurrence wins, as in URLSearchParams.get
    if (name === "d_cid") {
      // The ID was encoded before being joined with a literal %01, which must not itself be decoded first.
      const sep = raw.toUpperCase().indexOf("%01");
      if (sep < 0) return { ok: false, message: "d_cid must be <DPID>%01<DPUUID>" };
      const dpid = decode(raw.slice(0, sep));
      const id = decode(raw.slice(sep + 3));
      if (dpid === null || id === null) return { ok: false, message: "d_cid is not valid percent-encoding" };
      params.set("dpid", dpid);
      params.set("dpuuid", id);
      continue;
    }
    const value = decode(raw);
    if (value === null) return { ok: false, message: `${name} is not valid percent-encoding` };
    params.set(name === "d_dpid" ? "dpid" : name === "d_dpuuid" ? "dpuuid" : name, value);
  }
  const dpid = params.get("dpid");
  const dpuuid = params.get("dpuuid");
  if (dpid === undefined || dpuuid === undefined) return { ok: false, message: "The call needs dpid and dpuuid (or d_cid=<DPID>%01<DPUUID>)" };
  const call: IdSyncCall = { dpid, dpuuid };
  const redir = rawRedir ?? params.get("redir");
  if (redir !== undefined) call.redir = redir;
  const gdpr = params.get("gdpr");
  if (gdpr !== undefined) call.gdpr = gdpr;
  const consent = params.get("gdpr_consent");
  if (consent !== undefined) call.gdprConsent = consent;
  return { ok: true, value: call };
}

/** The redirect with AAM's macro, raw or URL-encoded, replaced by the user's UUID. */
export function expandRedirect(redir: string, aamUuid: string): string {
  return redir.replace(MACRO_PATTERN, aamUuid);
}

export function isAamUuid(s: string): boolean {
  return /^[0-9]{38}$/.test(s);
}

/**
 * A new 38-digit AAM UUID from random bytes: `fill` is called with a buffer to fill (crypto in the adapter).
 * Bytes of 250 and above are rejected so every digit is uniform.
 */
export function newAamUuid(fill: (bytes: Uint8Array) => void): string {
  let out = "";
  const buf = new Uint8Array(48);
  while (out.length < 38) {
    fill(buf);
    for (let i = 0; i < buf.length && out.length < 38; i++) if (buf[i]! < 250) out += String(buf[i]! % 10);
  }
  return out;
}

// The /ibs: endpoint in AAM's form (spec §5): gives the browser a 38-digit UUID in the `demdex` cookie when
// it has none, records the DPUUID match, and redirects to `redir` with ${DD_UUID} replaced, or answers with
// a 1x1 GIF when there is no redirect (the call is often an image in a page or an e-mail). Kept cheap:
// one parse, one upsert (and one indexed read when there is a redirect), no session.
//
// Issue 16: `redir` is followed only to a host on the allow-list of the DPID's data sources. Any other
// redirect gets exactly the answer of a call without one (the sync is still recorded, since the IDs are
// valid): never a 3xx, and nothing that tells a caller which hosts would have been allowed.
import "server-only";
import { randomFillSync } from "node:crypto";
import { expandRedirect, isAamUuid, newAamUuid, parseIdSyncTarget } from "@/lib/aam/id-sync";
import { idSyncCallSchema } from "@/lib/validation/id-sync";
import { allowedRedirect } from "@/lib/validation/redirect-hosts";
import { recordIdSync } from "./record-id-sync";
import { redirectHostsForDpid } from "./redirect-hosts-for-dpid";

export const DEMDEX_COOKIE = "demdex";
/** 180 days, as AAM's demdex cookie. */
const COOKIE_MAX_AGE = 180 * 24 * 3600;
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

function readCookie(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function plain(status: number, text: string): Response {
  return new Response(text + "\n", { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

export async function handleIdSync(request: Request): Promise<Response> {
  const url = new URL(request.url);
  // Some clients encode the colon; AAM's form has it raw.
  const path = url.pathname.replace(/^\/ibs%3a/i, "/ibs:");
  const parsed = parseIdSyncTarget(path + url.search);
  if (!parsed.ok) return plain(400, parsed.message);
  const call = idSyncCallSchema.safeParse(parsed.value);
  if (!call.success) return plain(400, call.error.issues.map((i) => i.message).join("; "));
  const existing = readCookie(request.headers.get("cookie"), DEMDEX_COOKIE);
  const uuid = existing && isAamUuid(existing) ? existing : newAamUuid((b) => randomFillSync(b));
  const [, hosts] = await Promise.all([recordIdSync(call.data.dpid, call.data.dpuuid, uuid), call.data.redir ? redirectHostsForDpid(call.data.dpid) : []]);
  const secure = url.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const headers = new Headers({ "cache-control": "no-store" });
  headers.append("set-cookie", `${DEMDEX_COOKIE}=${uuid}; Max-Age=${COOKIE_MAX_AGE}; Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`);
  // Checked after the macro is replaced, on what the browser would actually be sent to, and sent as the
  // URL it parsed to rather than the raw text.
  const location = call.data.redir ? allowedRedirect(expandRedirect(call.data.redir, uuid), hosts) : null;
  if (location) {
    headers.set("location", location);
    return new Response(null, { status: 302, headers });
  }
  headers.set("content-type", "image/gif");
  return new Response(PIXEL, { status: 200, headers });
}

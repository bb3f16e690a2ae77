// Which client a request comes from, for per-client limits. Next 16 route handlers get a web Request
// with no socket address (NextRequest.ip is gone since Next 15), so the only source is X-Forwarded-For,
// and it is only believable when our own proxies wrote it: with `trustedProxies` = N, the entry N places
// from the right is the address the outermost trusted proxy saw. Anything further left was sent by the
// client and could be forged, so it is never used. Without trusted proxies there is no address (null),
// and callers fall back to one key shared by every client.

/** Longest key kept, so a forged header cannot make map keys or database keys arbitrarily large. */
const MAX_ADDRESS_LENGTH = 64;

export function clientAddress(headers: Headers, trustedProxies: number): string | null {
  if (trustedProxies < 1) return null;
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "");
  if (entries.length === 0) return null;
  // Fewer entries than proxies: the first proxy saw the client directly, so its entry is the address.
  const entry = entries[Math.max(0, entries.length - trustedProxies)] ?? "";
  return normalise(entry).slice(0, MAX_ADDRESS_LENGTH) || null;
}

/** "[2001:db8::1]:443" -> "2001:db8::1", "203.0.113.9:5120" -> "203.0.113.9", lower-cased. */
function normalise(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1]!.toLowerCase();
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  if (v4WithPort) return v4WithPort[1]!;
  return entry.toLowerCase();
}

import "server-only";
import { cookies, headers } from "next/headers";
import { env } from "@/lib/server/env";
import { clientAddress } from "@/lib/server/rate-limit/client-address";
import { SESSION_COOKIE } from "./current-user";

// HttpOnly (scripts cannot read it), SameSite=Lax (other sites cannot send it with a POST), Secure whenever
// the request came over HTTPS; on plain-HTTP loopback (the local default) a Secure cookie would be dropped.
export async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  const h = await headers();
  const https = h.get("x-forwarded-proto") === "https" || (h.get("origin") ?? "").startsWith("https:");
  (await cookies()).set(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: https, path: "/", expires: expiresAt });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

/**
 * What the sign-in limit counts per client: the address our own proxies saw (TRUST_PROXY), never a header
 * the client could forge; without trusted proxies every client shares one key, and the per-e-mail limit
 * still applies.
 */
export async function clientKey(): Promise<{ client: string; userAgent: string }> {
  const h = await headers();
  return { client: clientAddress(h, env().TRUST_PROXY) ?? "direct", userAgent: (h.get("user-agent") ?? "").slice(0, 300) };
}

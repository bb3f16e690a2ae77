import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/lib/validation/auth";
import { SafeError } from "@/lib/server/errors";
import { originSettings } from "./origin-settings";
import { checkSameOrigin } from "./same-origin";
import { readSession, type SessionUser } from "./sessions";

export const SESSION_COOKIE = "aam_session";

// Read once per request: the layout (header) and the page both ask, and React's cache makes that one
// query instead of two during a render. Pages, actions and route handlers each call one of the three
// functions below.
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const jar = await cookies();
  return readSession(jar.get(SESSION_COOKIE)?.value);
});

/** For pages: sends a visitor to sign-in (and back afterwards), and a signed-in user without the role to /forbidden. */
export async function requirePageUser(roles?: readonly Role[]): Promise<SessionUser> {
  const user = await currentUser();
  const path = (await headers()).get("x-pathname") ?? "/";
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  if (roles && !roles.includes(user.role)) redirect(`/forbidden?from=${encodeURIComponent(path)}`);
  return user;
}

/** For server actions: the action's result carries the message (runAction turns a SafeError into it). */
export async function requireActionUser(roles?: readonly Role[]): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new SafeError("Your session has ended. Sign in again, then retry.", 401, "signed_out");
  if (roles && !roles.includes(user.role)) throw new SafeError("Your role cannot do this. Ask an admin.", 403, "forbidden");
  return user;
}

/** For route handlers: a JSON 401/403 response, or the user. Mutations also pass the same-origin check. */
export async function requireApiUser(request: Request, roles?: readonly Role[]): Promise<SessionUser | Response> {
  if (!["GET", "HEAD"].includes(request.method)) {
    const refusal = crossSiteRefusal(request);
    if (refusal) return refusal;
  }
  const user = await currentUser();
  if (!user) return Response.json({ message: "Sign in first." }, { status: 401 });
  if (roles && !roles.includes(user.role)) return Response.json({ message: "Your role cannot do this." }, { status: 403 });
  return user;
}

// CSRF: the session cookie is SameSite=Lax, so other sites cannot send it with a POST; as a second line,
// a mutation must come from our own origin (same-origin.ts: APP_URL, or Host; forwarded headers only
// under TRUST_PROXY). The proxy applies the same rule to server actions.
export function crossSiteRefusal(request: Request): Response | null {
  const verdict = checkSameOrigin(request.headers, originSettings());
  return verdict.ok ? null : Response.json({ message: `Cross-site requests are refused: ${verdict.reason}.` }, { status: 403 });
}

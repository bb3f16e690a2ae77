// An optimistic first check only (Next's own advice): a page request without a session cookie goes to
// sign-in at once, instead of rendering first. The real check is on the server in every page, action and
// route handler (lib/server/auth/current-user.ts), which also rejects expired or forged cookies.
//
// It also refuses, before any page or server action runs: an address holding a NUL character (no page
// takes one, and PostgreSQL cannot store one: it used to reach the history search as a 500), and a
// state-changing request (every POST to a page is a server action) from another origin, with a 403
// instead of Next's own 500. Next's check trusts X-Forwarded-Host whatever TRUST_PROXY says; ours does not.
import { NextResponse, type NextRequest } from "next/server";
import { originSettings } from "@/lib/server/auth/origin-settings";
import { checkSameOrigin } from "@/lib/server/auth/same-origin";

const PUBLIC = [/^\/sign-in(\/|$)/, /^\/invite\//, /^\/forbidden$/, /^\/ibs(:|%3a)/i, /^\/icon\.svg$/];

export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (/%00/i.test(request.url) || (pathname + search).includes("\0")) {
    return refusal(400, "This address contains a NUL character (%00), which no page accepts. Remove it and try again.");
  }
  if (!["GET", "HEAD", "OPTIONS"].includes(request.method)) {
    const verdict = checkSameOrigin(request.headers, originSettings());
    if (!verdict.ok) return refusal(403, `Cross-site requests are refused: ${verdict.reason}.`);
  }
  const forwarded = new Headers(request.headers);
  // Lets a page know its own address, to come back to it after signing in.
  forwarded.set("x-pathname", (pathname + search).slice(0, 2000));
  if (!PUBLIC.some((p) => p.test(pathname)) && !request.cookies.has("aam_session")) {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = `?next=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }
  return NextResponse.next({ request: { headers: forwarded } });
}

function refusal(status: number, message: string): NextResponse {
  return new NextResponse(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

// Pages only: API routes answer 401 JSON themselves, and static files need no session.
export const config = {
  matcher: ["/((?!api/|_next/|favicon\\.ico).*)"],
};

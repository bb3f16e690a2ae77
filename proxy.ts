// An optimistic first check only (Next's own advice): a page request without a session cookie goes to
// sign-in at once, instead of rendering first. The real check is on the server in every page, action and
// route handler (lib/server/auth/current-user.ts), which also rejects expired or forged cookies.
import { NextResponse, type NextRequest } from "next/server";

const PUBLIC = [/^\/sign-in(\/|$)/, /^\/invite\//, /^\/forbidden$/, /^\/ibs(:|%3a)/i, /^\/icon\.svg$/];

export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
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

// Pages only: API routes answer 401 JSON themselves, and static files need no session.
export const config = {
  matcher: ["/((?!api/|_next/|favicon\\.ico).*)"],
};

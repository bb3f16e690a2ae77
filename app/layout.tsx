import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";
import { currentUser } from "@/lib/server/auth/current-user";
import type { Role } from "@/lib/validation/auth";
import { ROLE_LABELS } from "@/lib/validation/auth";
import { signOutAction, signOutEverywhereAction } from "./account/actions";

export const metadata: Metadata = {
  title: { default: "AAM Onboard", template: "%s · AAM Onboard" },
  description: "Turn CRM exports into Adobe Audience Manager inbound files that are accepted on the first try.",
};

const ALL: readonly Role[] = ["admin", "psm", "marketer"];
// Only links the role can open; the pages check again on the server.
const NAV: { href: string; label: string; roles: readonly Role[] }[] = [
  { href: "/submissions/new", label: "New submission", roles: ALL },
  { href: "/submissions", label: "History", roles: ALL },
  { href: "/data-sources", label: "Data sources", roles: ALL },
  { href: "/environments", label: "Environments", roles: ["admin"] },
  { href: "/processing", label: "Processing", roles: ["admin", "psm"] },
  { href: "/users", label: "Users", roles: ["admin"] },
  { href: "/audit", label: "Audit log", roles: ["admin"] },
];

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
            <Link href="/" className="font-semibold text-brand-700">
              AAM Onboard
            </Link>
            {user ? (
            <ul className="flex gap-4 text-sm">
              {NAV.filter((item) => item.roles.includes(user.role)).map((item) => (
                <li key={item.href}>
                  <Link href={item.href} className="text-slate-600 hover:text-slate-900">
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
            ) : null}
            {user ? (
              <div className="ml-auto flex items-center gap-3 text-sm">
                <Link href="/account" className="text-slate-600 hover:text-slate-900 hover:underline" title={user.partners.join(", ") || "Your account"}>
                  {user.email} · {ROLE_LABELS[user.role]}
                </Link>
                <form action={signOutAction}>
                  <button type="submit" className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-50">Sign out</button>
                </form>
                <form action={signOutEverywhereAction}>
                  <button type="submit" className="text-slate-500 underline hover:text-slate-900" title="Ends your sessions on every device">Everywhere</button>
                </form>
              </div>
            ) : null}
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
